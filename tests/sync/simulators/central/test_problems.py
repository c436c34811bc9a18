"""Every error is application/problem+json with a machine code, and every answer echoes the correlation id."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import Station

Call = Callable[[Station], httpx.Response]

CASES: dict[str, tuple[Call, int, str]] = {
    "unknown path": (lambda s: s.client.get("/v1/nothing-here"), 404, "not_found"),
    "wrong method": (lambda s: s.client.delete("/v1/health"), 405, "method_not_allowed"),
    "no token": (lambda s: s.client.get("/v1/feeds/catalog"), 401, "invalid_token"),
    "not json": (lambda s: s.client.post("/v1/token", content=b"\xff\xfe"), 400, "invalid_json"),
    "wrong shape": (lambda s: s.client.post("/v1/token", json=[1, 2]), 422, "invalid_request"),
    "unknown feed": (lambda s: s.client.get("/v1/feeds/nope", headers=s.auth), 404, "not_found"),
    "lookup miss": (
        lambda s: s.client.get("/v1/returns:lookup", params={"identifier": "x"}, headers=s.auth),
        404,
        "not_found",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_errors_are_problem_details_with_a_code_and_the_correlation_id(station: Station, case: str) -> None:
    call, status, code = CASES[case]
    station.client.headers["X-Correlation-Id"] = f"case-{case.replace(' ', '-')}"

    answer = call(station)

    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["status"] == status
    assert problem["code"] == code
    assert problem["type"].endswith(f"/{code}")
    assert problem["title"]
    assert problem["detail"]
    assert answer.headers["x-correlation-id"] == problem["correlation_id"] == f"case-{case.replace(' ', '-')}"


def test_a_missing_or_unusable_correlation_id_is_replaced_by_a_new_one(http: httpx.Client) -> None:
    plain = http.get("/v1/health")
    unusable = http.get("/v1/health", headers={"X-Correlation-Id": "x" * 200})
    kept = http.get("/v1/health", headers={"X-Correlation-Id": "scan-42"})

    assert len(plain.headers["x-correlation-id"]) == 36
    assert len(unusable.headers["x-correlation-id"]) == 36
    assert plain.headers["x-correlation-id"] != unusable.headers["x-correlation-id"]
    assert kept.headers["x-correlation-id"] == "scan-42"
    assert plain.json() == {"status": "ok", "version": "1.0.0+simulator"}


def test_a_bug_in_the_simulator_is_still_answered_as_a_problem(
    central: CentralSimulator, station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(identifier: str) -> None:
        raise RuntimeError(identifier)

    monkeypatch.setattr(central.store, "find_return", broken)

    answer = station.client.get("/v1/returns:lookup", params={"identifier": "RMA-1"}, headers=station.auth)

    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "server_error"
    assert "bug in the simulator" in answer.json()["detail"]
