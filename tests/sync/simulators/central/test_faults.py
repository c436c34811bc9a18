"""Every fault knob, observed from the client's side of a real loopback connection."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import Station


def test_an_injected_server_error_is_a_problem_and_applies_nothing(central: CentralSimulator, station: Station) -> None:
    central.set_faults(script=["error"])
    unavailable = station.push([station.tx("R-1", "return.opened")])
    central.set_faults(script=["error"], error_status=500)
    failed = station.push([station.tx("R-2", "return.opened")])

    assert (unavailable.status_code, unavailable.json()["code"]) == (503, "unavailable")
    assert (failed.status_code, failed.json()["code"]) == (500, "server_error")
    assert failed.headers["content-type"] == "application/problem+json"
    assert central.received() == []
    assert central.deliveries() == []


def test_a_429_carries_retry_after_and_applies_nothing(central: CentralSimulator, station: Station) -> None:
    central.set_faults(throttle_rate=1.0, retry_after_s=7)

    answer = station.push([station.tx("R-1", "return.opened")])

    assert (answer.status_code, answer.headers["retry-after"], answer.json()["code"]) == (429, "7", "rate_limited")
    assert central.received() == []


def test_a_reset_drops_the_connection_without_an_answer_and_applies_nothing(
    central: CentralSimulator, station: Station
) -> None:
    central.set_faults(script=["reset"])

    with pytest.raises(httpx.TransportError):
        station.push([station.tx("R-1", "return.opened")])

    assert central.wait_for_answers("push reset")
    assert central.received() == []
    assert station.client.get("/v1/health").status_code == 200  # the client simply reconnects


def test_a_reset_after_apply_loses_only_the_answer(central: CentralSimulator, station: Station) -> None:
    change = station.tx("R-1", "return.opened")
    central.set_faults(script=["reset_after_apply"])

    with pytest.raises(httpx.TransportError):
        station.push([change])
    resent = station.results([change])

    assert [r["status"] for r in resent] == ["duplicate"]
    [applied] = central.received()
    assert (applied.id, applied.deliveries) == (change["id"], 2)


def test_a_timeout_the_client_gives_up_on_applies_nothing(central: CentralSimulator, station: Station) -> None:
    central.set_faults(script=["timeout"], timeout_s=30)

    with pytest.raises(httpx.TimeoutException):
        station.push([station.tx("R-1", "return.opened")], timeout=0.3)

    assert central.wait_for_answers("push abandoned")
    assert central.received() == []


def test_a_timeout_the_client_waits_out_is_answered_late_and_applied(
    central: CentralSimulator, station: Station
) -> None:
    central.set_faults(script=["timeout"], timeout_s=0.3)

    started = time.perf_counter()
    results = station.results([station.tx("R-1", "return.opened")])

    assert time.perf_counter() - started >= 0.3
    assert [r["status"] for r in results] == ["accepted"]


def test_a_slow_answer_arrives_late_and_the_batch_is_applied(central: CentralSimulator, station: Station) -> None:
    central.set_faults(slow_rate=1.0, slow_s=0.25)

    started = time.perf_counter()
    results = station.results([station.tx("R-1", "return.opened")])

    assert time.perf_counter() - started >= 0.25
    assert [r["status"] for r in results] == ["accepted"]


def test_a_malformed_answer_is_not_json_but_the_batch_was_applied(central: CentralSimulator, station: Station) -> None:
    change = station.tx("R-1", "return.opened")
    central.set_faults(script=["malformed"])

    answer = station.push([change])

    assert answer.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)
    assert [r["status"] for r in station.results([change])] == ["duplicate"]


def test_a_truncated_answer_is_cut_off_json(central: CentralSimulator, station: Station) -> None:
    central.set_faults(script=["truncated"])

    answer = station.push([station.tx("R-1", "return.opened")])

    assert answer.status_code == 200
    assert answer.content.startswith(b'{"results":[{"id":')
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)
    assert len(central.received()) == 1


def test_a_bad_item_answer_garbles_exactly_one_result(central: CentralSimulator, station: Station) -> None:
    batch = [station.tx("R-1", "return.opened"), station.tx("R-2", "return.opened"), station.tx("R-1", "return.closed")]
    central.set_faults(script=["bad_item"])

    results = station.push(batch).json()["results"]

    assert [r["id"] for r in results] == [t["id"] for t in batch]
    assert sorted(r["status"] for r in results) == ["accepted", "accepted", "maybe"]
    assert len(central.received()) == 3


def test_faults_strike_only_the_chosen_endpoints(central: CentralSimulator, station: Station) -> None:
    central.set_faults(error_rate=1.0, endpoints=["push"])

    assert station.client.get("/v1/feeds/catalog", headers=station.auth).status_code == 200
    assert station.push([station.tx("R-1", "return.opened")]).status_code == 503


def test_health_and_the_admin_api_are_never_faulted(central: CentralSimulator, http: httpx.Client) -> None:
    central.set_faults(error_rate=1.0)

    assert http.get("/v1/health").status_code == 200
    assert http.get("/admin/stats").status_code == 200
    assert central.stats()["faults_injected"]["error"] == 0


def outcomes(client: httpx.Client, count: int) -> list[str]:
    seen = []
    for _ in range(count):
        try:
            answer = client.post("/v1/token", json={"station_id": "NOBODY", "station_credential": "x"})
            seen.append(str(answer.status_code) if answer.headers["content-type"].endswith("json") else "garbled")
        except httpx.TransportError:
            seen.append("reset")
    return seen


def test_a_seeded_fault_rng_repeats_the_same_fault_sequence(central: CentralSimulator, http: httpx.Client) -> None:
    knobs = {"error_rate": 0.2, "throttle_rate": 0.2, "reset_rate": 0.1, "malformed_rate": 0.1}
    central.set_faults(seed=42, **knobs)
    first = outcomes(http, 40)
    central.set_faults(seed=42)
    second = outcomes(http, 40)
    central.set_faults(seed=43)
    third = outcomes(http, 40)

    assert first == second
    assert first != third
    assert {"401", "503", "429", "reset"} <= set(first)


def test_fault_knobs_are_set_and_read_over_the_admin_api(central: CentralSimulator, http: httpx.Client) -> None:
    changed = http.post("/admin/faults", json={"error_rate": 0.5, "script": ["reset", "throttle"], "seed": 3})
    read = http.get("/admin/faults").json()
    unknown = http.post("/admin/faults", json={"eror_rate": 0.5})
    out_of_range = http.post("/admin/faults", json={"error_rate": 2})
    cleared = http.post("/admin/faults", json={"clear": True}).json()

    assert changed.status_code == 200
    assert (read["settings"]["error_rate"], read["settings"]["seed"], read["script"]) == (0.5, 3, ["reset", "throttle"])
    assert (unknown.status_code, unknown.json()["code"]) == (422, "invalid_request")
    assert "eror_rate" in unknown.json()["detail"]
    assert out_of_range.status_code == 422
    assert (cleared["settings"]["error_rate"], cleared["script"]) == (0.0, [])
