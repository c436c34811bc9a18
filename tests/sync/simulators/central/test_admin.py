"""The admin API that tests, demos and IT use to seed central and see what arrived."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import RETURNS, Station


def test_seeding_items_per_feed_reports_what_changed(central: CentralSimulator, http: httpx.Client) -> None:
    answer = http.post(
        "/admin/seed",
        json={"operators": [{"operator_id": "ana", "role": "inspector"}], "returns": RETURNS[:1]},
    )

    assert answer.status_code == 200
    assert answer.json() == {"changed": {"operators": 1, "returns": 0}, "deleted": {}}
    assert central.stats()["feed_items"]["operators"] == 1


def test_seeding_refuses_unknown_feeds_and_items_without_their_key(http: httpx.Client) -> None:
    unknown = http.post("/admin/seed", json={"customers": []})
    keyless = http.post("/admin/seed", json={"catalog": [{"sku": "no gtin"}]})
    bad_line = http.post("/admin/seed", json={"returns": [{"return_id": "R-9", "lines": [{"line_no": "1"}]}]})

    assert (unknown.status_code, unknown.json()["code"]) == (422, "invalid_request")
    assert "customers" in unknown.json()["detail"]
    assert "gtin" in keyless.json()["detail"]
    assert "R-9" in bad_line.json()["detail"]


def test_a_sample_set_is_loaded_from_a_folder(central: CentralSimulator, http: httpx.Client, tmp_path: Path) -> None:
    (tmp_path / "grading_scales.json").write_text(json.dumps([{"scale_id": "default", "grades": []}]))
    (tmp_path / "catalog.json").write_text(json.dumps([{"gtin": "00000000000017"}]))
    (tmp_path / "notes.txt").write_text("ignored")

    answer = http.post("/admin/seed/folder", json={"path": str(tmp_path)})
    missing = http.post("/admin/seed/folder", json={"path": str(tmp_path / "nope")})

    assert answer.json() == {"changed": {"catalog": 1, "grading_scales": 1}}
    assert (missing.status_code, missing.json()["code"]) == (422, "invalid_request")


def test_deleting_and_bulk_generation_over_http(central: CentralSimulator, http: httpx.Client) -> None:
    deleted = http.post("/admin/delete", json={"returns": ["R-1", "R-404"]})
    bulk = http.post("/admin/bulk", json={"catalog": 300, "returns": 20})

    assert deleted.json() == {"deleted": {"returns": 1}}
    assert bulk.json() == {"changed": {"catalog": 300, "returns": 20}}
    assert central.stats()["feed_items"]["returns"] == len(RETURNS) - 1 + 20


def test_enrollment_tokens_are_minted_over_http(http: httpx.Client) -> None:
    minted = http.post("/admin/enrollment-tokens", json={"count": 2})
    chosen = http.post("/admin/enrollment-tokens", json={"token": "DEMO-TOKEN"})

    assert minted.status_code == 201
    assert len(set(minted.json()["tokens"])) == 2
    assert chosen.json() == {"tokens": ["DEMO-TOKEN"]}
    enrolled = http.post(
        "/v1/enroll", json={"enrollment_token": "DEMO-TOKEN", "station_id": "DOCK-7", "app_version": "0.1.0"}
    )
    assert enrolled.status_code == 201


def test_received_transactions_and_deliveries_are_listed_per_station(
    central: CentralSimulator, station: Station, http: httpx.Client
) -> None:
    opened = station.tx("R-1", "return.opened")
    station.results([opened, opened, station.tx("R-NOPE", "unit.inspected")])

    received = http.get("/admin/received", params={"station_id": "DOCK-1"}).json()["transactions"]
    others = http.get("/admin/received", params={"station_id": "DOCK-2"}).json()["transactions"]
    deliveries = http.get("/admin/deliveries").json()["deliveries"]

    assert [(t["id"], t["deliveries"], t["applied_order"]) for t in received] == [(opened["id"], 2, 1)]
    assert others == []
    assert sorted((d["deliveries"], d["last_status"]) for d in deliveries) == [(1, "rejected"), (2, "duplicate")]


def test_stats_count_stations_answers_and_faults(
    central: CentralSimulator, station: Station, http: httpx.Client
) -> None:
    station.results([station.tx("R-1", "return.opened")])
    central.set_faults(script=["throttle"])
    station.push([station.tx("R-2", "return.opened")])

    stats = http.get("/admin/stats").json()

    assert (stats["stations"], stats["transactions_applied"]) == (1, 1)
    assert stats["faults_injected"]["throttle"] == 1
    assert stats["answers"]["push 200"] == 1
    assert stats["answers"]["push 429"] == 1


def test_reset_forgets_everything_and_can_reseed(
    central: CentralSimulator, station: Station, http: httpx.Client
) -> None:
    station.results([station.tx("R-1", "return.opened")])
    central.set_faults(error_rate=0.5)

    assert http.post("/admin/reset").json() == {"reset": True}

    stats = http.get("/admin/stats").json()
    assert (stats["stations"], stats["transactions_applied"], stats["feed_items"]["returns"]) == (0, 0, 0)
    assert http.get("/admin/faults").json()["settings"]["error_rate"] == 0.0
