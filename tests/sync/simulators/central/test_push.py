"""Pushing outbox batches: exactly once in effect, in per-return order, business rules with readable rejections."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import Station, unit


def statuses(results: list[dict[str, Any]]) -> list[str]:
    return [r["status"] for r in results]


def test_accepted_transactions_are_applied_once_in_order_with_their_correlation_ids(
    central: CentralSimulator, station: Station
) -> None:
    batch = [
        station.tx("R-1", "return.opened"),
        station.tx("R-1", "unit.received", unit("R-1", 1)),
        station.tx("R-2", "return.opened"),
    ]

    results = station.results(batch)

    assert statuses(results) == ["accepted"] * 3
    assert [r["correlation_id"] for r in results] == [t["correlation_id"] for t in batch]
    received = central.received("DOCK-1")
    assert [(r.id, r.seq, r.prev_seq, r.deliveries) for r in received] == [
        (t["id"], t["seq"], t["prev_seq"], 1) for t in batch
    ]
    assert received[1].payload == batch[1]["payload"]


def test_a_repeated_id_answers_duplicate_and_is_never_applied_twice(
    central: CentralSimulator, station: Station
) -> None:
    opened = station.tx("R-1", "return.opened")
    assert statuses(station.results([opened])) == ["accepted"]
    changed = {**opened, "payload": {"return_id": "R-1", "note": "sent again with other content"}}

    again = station.results([opened, changed])

    assert statuses(again) == ["duplicate", "duplicate"]
    assert "nothing changed" in again[0]["message"]
    [only] = central.received("DOCK-1")
    assert only.payload == opened["payload"]
    assert only.deliveries == 3


def test_the_same_id_twice_in_one_batch_is_applied_once(central: CentralSimulator, station: Station) -> None:
    opened = station.tx("R-1", "return.opened")

    assert statuses(station.results([opened, opened])) == ["accepted", "duplicate"]
    assert len(central.received()) == 1


def test_a_missing_predecessor_answers_retry_until_it_arrives(central: CentralSimulator, station: Station) -> None:
    first = station.tx("R-1", "return.opened")
    second = station.tx("R-1", "unit.received", unit("R-1", 1))

    [waiting] = station.results([second])
    assert (waiting["status"], waiting["code"]) == ("retry", "predecessor_missing")
    assert f"#{first['seq']}" in waiting["message"]
    assert central.received() == []

    assert statuses(station.results([first, second])) == ["accepted", "accepted"]
    assert [r.seq for r in central.received()] == [first["seq"], second["seq"]]


def test_each_return_keeps_its_own_order_while_others_flow(central: CentralSimulator, station: Station) -> None:
    held = station.tx("R-1", "return.opened")
    blocked = station.tx("R-1", "unit.received", unit("R-1", 1))
    other = station.tx("R-2", "return.opened")

    assert statuses(station.results([blocked, other])) == ["retry", "accepted"]
    assert statuses(station.results([held, blocked])) == ["accepted", "accepted"]


def test_unknown_return_is_rejected_with_a_message_a_supervisor_understands(station: Station) -> None:
    [result] = station.results([station.tx("R-NOPE", "unit.inspected", {"unit_id": "U-1"})])

    assert (result["status"], result["code"]) == ("rejected", "unknown_return")
    assert "R-NOPE" in result["message"]


def test_a_blind_return_opened_at_the_station_takes_units_without_a_line(station: Station) -> None:
    opened = station.tx("BLIND-1", "return.opened", {"return_id": "BLIND-1", "blind": True, "reference": "no label"})
    received = station.tx("BLIND-1", "unit.received", unit("BLIND-1", None))
    on_a_line = station.tx("BLIND-1", "unit.received", unit("BLIND-1", 1, lpn="LPN-B"))

    results = station.results([opened, received, on_a_line])

    assert statuses(results) == ["accepted", "accepted", "rejected"]
    assert (results[2]["code"], results[2]["message"]) == ("invalid_payload", "Return BLIND-1 has no line 1.")


def test_receiving_beyond_the_authorized_quantity_needs_an_over_receipt(
    central: CentralSimulator, station: Station
) -> None:
    batch = [
        station.tx("R-1", "unit.received", unit("R-1", 2, lpn="LPN-1")),
        station.tx("R-1", "unit.received", unit("R-1", 2, lpn="LPN-2")),
        station.tx("R-1", "unit.received", unit("R-1", 2, lpn="LPN-3")),
        station.tx("R-1", "unit.received", unit("R-1", 2, lpn="LPN-4", over_receipt=True)),
    ]
    # The third was refused, so the fourth names the second as its predecessor, as the station would resend it.
    batch[3]["prev_seq"] = batch[1]["seq"]

    results = station.results(batch)

    assert statuses(results) == ["accepted", "accepted", "rejected", "accepted"]
    assert results[2]["code"] == "over_authorization"
    assert "authorized for 2 unit(s) and 2 already arrived" in results[2]["message"]
    assert len(central.received()) == 3


def test_a_closed_return_takes_no_more_changes(station: Station) -> None:
    closing = [
        station.tx("R-1", "return.opened"),
        station.tx("R-1", "return.closed", {"return_id": "R-1", "missing": []}),
    ]
    assert statuses(station.results(closing)) == ["accepted", "accepted"]

    late = station.results([station.tx("R-1", "unit.inspected", {"unit_id": "U-1"})])
    closed_at_central = station.results([station.tx("R-DONE", "unit.received", unit("R-DONE", 1))])
    reopened = station.results([station.tx("R-DONE", "return.opened", prev_seq=None)])

    for [result] in (late, closed_at_central, reopened):
        assert (result["status"], result["code"]) == ("rejected", "return_closed")


def test_an_unknown_type_is_rejected_without_failing_the_batch(station: Station) -> None:
    results = station.results(
        [station.tx("R-1", "return.teleported"), station.tx("R-2", "return.opened", prev_seq=None)]
    )

    assert statuses(results) == ["rejected", "accepted"]
    assert results[0]["code"] == "unknown_type"
    assert "return.teleported" in results[0]["message"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"schema_version": 2}, "version 1"),
        ({"payload": {"return_id": "R-2"}}, "names return R-2"),
        ({"payload": {"return_id": "R-1", "line_no": 1}}, "licence plate"),
        ({"payload": {**unit("R-1", 1), "line_no": "one"}}, "whole number"),
        ({"payload": {**unit("R-1", 1), "over_receipt": "yes"}}, "true or false"),
        ({"station_id": "DOCK-9"}, "recorded by station DOCK-9"),
        ({"prev_seq": 50}, "not earlier"),
    ],
)
def test_payloads_that_do_not_fit_are_rejected_as_invalid(station: Station, change: dict[str, Any], words: str) -> None:
    transaction = {**station.tx("R-1", "unit.received", unit("R-1", 1), seq=10, prev_seq=None), **change}

    [result] = station.results([transaction])

    assert (result["status"], result["code"]) == ("rejected", "invalid_payload")
    assert words in result["message"]


def test_prev_seq_naming_another_returns_change_is_invalid(station: Station) -> None:
    other = station.tx("R-2", "return.opened")
    mine = station.tx("R-1", "return.opened", prev_seq=other["seq"])

    results = station.results([other, mine])

    assert statuses(results) == ["accepted", "rejected"]
    assert "belongs to return R-2" in results[1]["message"]


def test_a_reused_seq_with_another_id_is_a_seq_conflict(station: Station) -> None:
    first = station.tx("R-1", "return.opened", seq=7)
    restored = station.tx("R-2", "return.opened", seq=7)

    results = station.results([first, restored])

    assert statuses(results) == ["accepted", "rejected"]
    assert results[1]["code"] == "seq_conflict"
    assert first["id"] in results[1]["message"]


def test_bookkeeping_types_need_no_return_known_to_central(station: Station) -> None:
    station.results([station.tx("R-DONE", "return.opened")])  # refused: closed; the station then discards it
    batch = [
        station.tx("operator:ana", "operator.signed_in", {"operator_id": "ana", "station_id": "DOCK-1"}),
        station.tx("station", "label.printed", {"job_id": "J-1", "template": "lpn", "lpn": None}),
        station.tx(
            "R-DONE", "outbox.discarded", {"transaction_id": "x", "type": "return.opened", "seq": 1}, prev_seq=None
        ),
    ]

    assert statuses(station.results(batch)) == ["accepted"] * 3


def test_a_refused_change_is_accepted_once_central_learns_the_return(
    central: CentralSimulator, station: Station
) -> None:
    change = station.tx("R-NEW", "unit.inspected", {"unit_id": "U-1"})
    assert station.results([change])[0]["code"] == "unknown_return"
    central.seed({"returns": [{"return_id": "R-NEW", "lines": []}]})

    assert statuses(station.results([change])) == ["accepted"]
    assert [d["deliveries"] for d in central.deliveries("DOCK-1")] == [2]


def test_stations_have_their_own_credentials_and_sequence_spaces(
    central: CentralSimulator, enroll: Callable[[str], Station]
) -> None:
    dock1, dock2 = enroll("DOCK-1"), enroll("DOCK-2")

    assert statuses(dock1.results([dock1.tx("R-1", "return.opened")])) == ["accepted"]
    assert statuses(dock2.results([dock2.tx("R-2", "return.opened")])) == ["accepted"]

    assert [(r.station_id, r.seq) for r in central.received()] == [("DOCK-1", 1), ("DOCK-2", 1)]
    wrong = dock2.client.post(
        "/v1/transactions:batch",
        json={"station_id": "DOCK-1", "transactions": [dock1.tx("R-1", "return.closed")]},
        headers=dock2.auth,
    )
    assert wrong.status_code == 403
    assert wrong.json()["code"] == "station_mismatch"


def test_a_malformed_envelope_fails_the_whole_batch_and_applies_nothing(
    central: CentralSimulator, station: Station
) -> None:
    good = station.tx("R-1", "return.opened")
    bad = station.tx("R-2", "return.opened")
    del bad["seq"]
    bad["id"] = "not-a-uuid"

    answer = station.push([good, bad])

    assert answer.status_code == 422
    problem = answer.json()
    assert problem["code"] == "invalid_request"
    assert {"field": "transactions[1].seq", "message": "is required"} in problem["errors"]
    assert {"field": "transactions[1].id", "message": "must be a lower-case UUIDv7"} in problem["errors"]
    assert central.received() == []


def test_batch_limits_are_enforced(station: Station) -> None:
    too_many = station.push([station.tx("R-1", "label.printed") for _ in range(501)])
    assert (too_many.status_code, too_many.json()["code"]) == (422, "invalid_request")

    huge = station.tx("R-1", "return.opened", {"return_id": "R-1", "note": "x" * (1024 * 1024)})
    too_big = station.push([huge])
    assert (too_big.status_code, too_big.json()["code"]) == (413, "too_large")

    garbled = station.client.post(
        "/v1/transactions:batch", content=b"{not json", headers={**station.auth, "content-type": "application/json"}
    )
    assert (garbled.status_code, garbled.json()["code"]) == (400, "invalid_json")


def test_twenty_stations_pushing_at_once_are_each_applied_exactly_once(
    central: CentralSimulator, enroll: Callable[[str], Station]
) -> None:
    stations = [enroll(f"DOCK-{n}") for n in range(20)]
    outboxes = {s.station_id: [s.tx(f"operator:{s.station_id}", "label.printed") for _ in range(60)] for s in stations}
    failures: list[str] = []

    def drain(station: Station) -> None:
        try:
            outbox = outboxes[station.station_id]
            for start in range(0, len(outbox), 25):
                batch = outbox[start : start + 25]
                assert statuses(station.results(batch)) == ["accepted"] * len(batch)
        except AssertionError as exc:  # collected: an assertion in a thread would be lost
            failures.append(f"{station.station_id}: {exc}")

    threads = [threading.Thread(target=drain, args=(s,)) for s in stations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert failures == []
    for station_id, outbox in outboxes.items():
        received = central.received(station_id)
        assert [r.id for r in received] == [t["id"] for t in outbox]
        assert {r.deliveries for r in received} == {1}


def test_batch_apply_sustains_well_above_two_thousand_transactions_per_second(
    central: CentralSimulator, station: Station
) -> None:
    central.bulk(returns=100)
    outbox = [
        station.tx(f"RB-{n % 100:07d}", "unit.inspected", {"unit_id": f"U-{n}", "grade": "A", "notes": "scuffed lid"})
        for n in range(10_000)
    ]
    bodies = [
        json.dumps({"station_id": "DOCK-1", "transactions": outbox[i : i + 500]}).encode()
        for i in range(0, 10_000, 500)
    ]
    headers = {**station.auth, "content-type": "application/json"}

    started = time.perf_counter()
    for body in bodies:
        answer = station.client.post("/v1/transactions:batch", content=body, headers=headers)
        assert answer.status_code == 200
    elapsed = time.perf_counter() - started

    assert len(central.received()) == 10_000
    rate = 10_000 / elapsed
    print(f"batch apply over loopback: {rate:.0f} transactions/s")
    assert rate > 4_000
