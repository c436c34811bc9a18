"""Online lookup of a return by whatever the parcel or the item carries."""

from __future__ import annotations

import pytest

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import Station


def lookup(station: Station, identifier: str) -> tuple[int, dict[str, object]]:
    answer = station.client.get("/v1/returns:lookup", params={"identifier": identifier}, headers=station.auth)
    return answer.status_code, answer.json()


@pytest.mark.parametrize(
    ("identifier", "return_id", "matched_by"),
    [
        ("RMA-1", "R-1", "rma_number"),
        ("  rma-1 ", "R-1", "rma_number"),
        ("SO-2", "R-2", "order_number"),
        ("1Z999AA10123456784", "R-1", "tracking_number"),
        ("R-2", "R-2", "return_id"),
        ("SN-1", "R-1", "expected_serial"),
        ("sold-77", "R-2", "sold_serial"),
    ],
)
def test_a_return_is_found_by_any_of_its_identifiers(
    station: Station, identifier: str, return_id: str, matched_by: str
) -> None:
    status, body = lookup(station, identifier)

    assert status == 200
    assert body["matched_by"] == matched_by
    assert isinstance(body["return"], dict)
    assert body["return"]["return_id"] == return_id
    assert body["return"]["lines"]


def test_nothing_matching_is_a_not_found_problem(station: Station) -> None:
    status, body = lookup(station, "RMA-404")

    assert (status, body["code"]) == (404, "not_found")
    assert "RMA-404" in str(body["detail"])


def test_a_deleted_return_is_no_longer_found(central: CentralSimulator, station: Station) -> None:
    central.delete("returns", ["R-1"])

    assert lookup(station, "RMA-1")[0] == 404


def test_an_open_return_wins_over_a_closed_one_with_the_same_order(central: CentralSimulator, station: Station) -> None:
    central.seed({"returns": [{"return_id": "R-OLD", "order_number": "SO-2", "status": "closed", "lines": []}]})

    _, body = lookup(station, "SO-2")

    assert isinstance(body["return"], dict)
    assert body["return"]["return_id"] == "R-2"


def test_an_empty_identifier_is_refused(station: Station) -> None:
    answer = station.client.get("/v1/returns:lookup", headers=station.auth)

    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_request")
