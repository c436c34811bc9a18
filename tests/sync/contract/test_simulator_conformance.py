"""The running central RMS simulator, checked against the OpenAPI document with schemathesis.

Schemathesis sends schema-valid and schema-violating requests over real HTTP and checks every answer:
no server errors, only documented status codes and content types, bodies and headers that fit their
schemas, invalid input refused, authentication enforced. A few values the schema can only call opaque
(a feed cursor, a photo's hash of its own body) are made real before a schema-valid request is sent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from sync.contract import load_contract
from sync.simulators.central import CentralSimulator, Feed
from tests.sync.simulators.central.sample import SEED, enroll_station

STATION = "DOCK-1"
Target = tuple[CentralSimulator, str, dict[str, str]]


@pytest.fixture(scope="module")
def conformance_target() -> Iterator[Target]:
    """A seeded simulator, an enrolled station's access token, and a real cursor of every feed."""
    simulator = CentralSimulator().start()
    simulator.seed(SEED)
    with httpx.Client(base_url=simulator.base_url) as client:
        station = enroll_station(client, simulator, STATION)
        cursors = {
            feed.value: client.get(f"/v1/feeds/{feed.value}", params={"limit": 1}, headers=station.auth).json()[
                "next_cursor"
            ]
            for feed in Feed
        }
    yield simulator, station.token, cursors
    simulator.stop()


@pytest.fixture
def target(conformance_target: Target) -> Target:
    return conformance_target


# Loaded at import so pytest collects one test per operation; the server's address comes from the fixture.
schema = schemathesis.openapi.from_dict(
    load_contract(),
    config=SchemathesisConfig.from_dict({"generation": {"max-examples": 12, "mode": "all", "deterministic": True}}),
)


def make_real(case: Any, cursors: dict[str, str]) -> None:
    """Give a schema-valid request the values only the server can make valid."""
    if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
        return
    path = case.operation.path
    if path == "/v1/photos/{sha256}" and isinstance(case.body, bytes | str):
        data = case.body.encode() if isinstance(case.body, str) else case.body
        case.path_parameters["sha256"] = hashlib.sha256(data).hexdigest()
    elif path == "/v1/feeds/{feed}" and case.query and "cursor" in case.query:
        case.query["cursor"] = cursors[case.path_parameters["feed"]]
    elif path == "/v1/transactions:batch" and isinstance(case.body, dict):
        case.body["station_id"] = STATION


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_simulator_answers_as_the_contract_says(case: Any, target: Target) -> None:
    simulator, token, cursors = target
    make_real(case, cursors)
    case.call_and_validate(base_url=simulator.base_url, headers={"Authorization": f"Bearer {token}"})
