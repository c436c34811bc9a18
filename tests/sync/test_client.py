"""Contract tests: the station's client against the central RMS simulator over loopback HTTP.

Enrollment, tokens, push (accepted, duplicate, rejected), feeds with cursor and tombstones, lookup,
photos and health, plus what the client makes of every kind of failure the simulator can inject.
"""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.services.station import Station
from app.store.outbox import Outbox, Outcome
from sync.client import CentralClient, delivery_results, feed_page, parse_retry_after
from sync.credentials import SERVICE, StationCredentials
from sync.failures import (
    AuthFailure,
    EnrollmentRefused,
    InvalidAnswer,
    NotEnrolled,
    RequestRefused,
    ServerFailure,
    Throttled,
    TransportFailure,
    TransportReason,
)
from sync.simulators.central import CentralSimulator
from tests.conftest import MemoryKeyring
from tests.sync.conftest import make_client
from tests.sync.workload import STATION_ID, blind_returns


class RecordingTransport(httpx.HTTPTransport):
    """The real HTTP transport, keeping each request and answer so a test can read their headers."""

    def __init__(self) -> None:
        super().__init__()
        self.exchanges: list[tuple[httpx.Request, httpx.Response]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.exchanges.append((request, response))
        return response


def envelopes(station: Station, count: int) -> list[dict[str, Any]]:
    return [record.envelope() for record in Outbox(station.db).next_batch(count)]


# -- health, enrollment, tokens -------------------------------------------------------------------


def test_health_needs_no_enrollment(simulator: CentralSimulator, credentials: StationCredentials) -> None:
    with make_client(simulator, credentials) as client:
        health = client.health()
    assert health.status == "ok"
    assert health.version


def test_enroll_keeps_the_credential_in_the_keyring_only(
    simulator: CentralSimulator, credentials: StationCredentials, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    with make_client(simulator, credentials) as client:
        client.enroll(simulator.mint_enrollment_token())
        client.lookup("RMA-100001")  # buys an access token
    stored = memory_keyring.items
    assert stored[(SERVICE, f"{STATION_ID}:credential")]
    assert stored[(SERVICE, f"{STATION_ID}:access-token")]
    secret = stored[(SERVICE, f"{STATION_ID}:credential")]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), f"credential written to {path}"


def test_an_enrollment_token_works_once(simulator: CentralSimulator, credentials: StationCredentials) -> None:
    token = simulator.mint_enrollment_token()
    with make_client(simulator, credentials) as client:
        client.enroll(token)
        with pytest.raises(EnrollmentRefused, match="already used"):
            client.enroll(token)
        with pytest.raises(EnrollmentRefused, match="does not know this enrollment token"):
            client.enroll("not-a-token")


def test_a_station_never_enrolled_says_so(simulator: CentralSimulator, credentials: StationCredentials) -> None:
    with make_client(simulator, credentials) as client, pytest.raises(NotEnrolled, match="not enrolled"):
        client.lookup("RMA-100001")


def test_an_expired_token_is_refreshed_once_transparently(
    simulator: CentralSimulator, client: CentralClient, credentials: StationCredentials
) -> None:
    client.lookup("RMA-100001")
    first = credentials.access_token()
    simulator.expire_tokens()
    assert client.lookup("RMA-100001") is not None
    assert credentials.access_token() not in (None, first)


def test_a_refused_credential_is_an_auth_failure_asking_for_re_enrollment(
    simulator: CentralSimulator, client: CentralClient, credentials: StationCredentials
) -> None:
    credentials.store_credential("not-the-credential")
    with pytest.raises(AuthFailure, match="re-enrol the station"):
        client.lookup("RMA-100001")


def test_every_request_carries_a_correlation_id_that_comes_back(
    simulator: CentralSimulator, credentials: StationCredentials
) -> None:
    transport = RecordingTransport()
    with CentralClient(simulator.base_url, credentials, transport=transport) as client:
        client.enroll(simulator.mint_enrollment_token())
        client.lookup("RMA-100001")
        client.health()
    assert len(transport.exchanges) == 4  # enroll, token, lookup, health
    sent = [request.headers["X-Correlation-Id"] for request, _ in transport.exchanges]
    assert len(set(sent)) == 4
    for request, response in transport.exchanges:
        assert response.headers["X-Correlation-Id"] == request.headers["X-Correlation-Id"]


# -- push -----------------------------------------------------------------------------------------


def test_push_is_accepted_then_answered_duplicate(
    simulator: CentralSimulator, client: CentralClient, station: Station
) -> None:
    blind_returns(station, returns=3, units_each=2, tag="p")
    batch = envelopes(station, 100)
    first = client.push_batch(batch)
    assert [r.outcome for r in first] == [Outcome.ACCEPTED] * 9
    again = client.push_batch(batch)
    assert [r.outcome for r in again] == [Outcome.DUPLICATE] * 9
    assert [t.id for t in simulator.received(STATION_ID)] == [e["id"] for e in batch]


def test_a_business_rejection_comes_back_with_code_and_message(
    simulator: CentralSimulator, client: CentralClient, station: Station
) -> None:
    blind_returns(station, returns=1, units_each=1, tag="r")
    opened, received = envelopes(station, 2)
    received = {**received, "return_id": "R-NOBODY-KNOWS", "prev_seq": None}
    received["payload"] = {**received["payload"], "return_id": "R-NOBODY-KNOWS"}
    results = client.push_batch([opened, received])
    assert results[0].outcome is Outcome.ACCEPTED
    assert results[1].outcome is Outcome.REJECTED
    assert results[1].code == "unknown_return"
    assert results[1].message
    assert "R-NOBODY-KNOWS" in results[1].message


def test_a_change_whose_predecessor_is_missing_is_answered_retry(client: CentralClient, station: Station) -> None:
    blind_returns(station, returns=1, units_each=1, tag="m")
    _, received = envelopes(station, 2)
    (result,) = client.push_batch([received])
    assert result.outcome is Outcome.RETRY
    assert result.code == "predecessor_missing"


# -- feeds and lookup -----------------------------------------------------------------------------


def test_feed_pages_follow_the_cursor_and_carry_tombstones(simulator: CentralSimulator, client: CentralClient) -> None:
    keys: list[str] = []
    cursor = None
    while True:
        page = client.feed_page("returns", cursor, limit=2)
        keys.extend(item.key for item in page.items)
        cursor = page.next_cursor
        if not page.has_more:
            break
    assert keys == ["R-100001", "R-100002", "R-100003", "R-100004", "R-100005", "R-100006"]
    quiet = client.feed_page("returns", cursor)
    assert quiet.items == ()
    assert not quiet.has_more
    simulator.delete("returns", ["R-100002"])
    (tombstone,) = client.feed_page("returns", cursor).items
    assert tombstone.key == "R-100002"
    assert tombstone.deleted
    assert tombstone.data is None


def test_lookup_finds_a_return_by_any_identifier_or_answers_none(client: CentralClient) -> None:
    by_rma = client.lookup("RMA-100001")
    assert by_rma is not None
    assert by_rma.data["return_id"] == "R-100001"
    assert by_rma.matched_by == "rma_number"
    by_serial = client.lookup(" hp200-0001 ")
    assert by_serial is not None
    assert by_serial.data["return_id"] == "R-100001"
    assert client.lookup("RMA-999999") is None


# -- photos ---------------------------------------------------------------------------------------


def test_a_photo_is_stored_by_its_hash_once(simulator: CentralSimulator, client: CentralClient) -> None:
    content = b"\x89PNG\r\n\x1a\n" + b"scratch on the lid" * 10
    sha = hashlib.sha256(content).hexdigest()
    transaction_id = "0190a000-0000-7000-8000-000000000001"
    assert client.upload_photo(sha, content, "image/png", transaction_id) is True
    assert client.upload_photo(sha, content, "image/png", transaction_id) is False
    assert simulator.photo(sha) == content
    with pytest.raises(RequestRefused) as refused:
        client.upload_photo(sha, content + b"!", "image/png", transaction_id)
    assert refused.value.status == 422


# -- failures -------------------------------------------------------------------------------------


def test_a_closed_port_is_offline_with_connection_refused(credentials: StationCredentials) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with CentralClient(f"http://127.0.0.1:{port}", credentials) as client, pytest.raises(TransportFailure) as failed:
        client.health()
    assert failed.value.reason is TransportReason.REFUSED
    assert failed.value.message == "Central server not reachable: connection refused"


@pytest.mark.parametrize(
    ("fault", "failure", "text"),
    [
        ("error", ServerFailure, "HTTP 503"),
        ("throttle", Throttled, "busy"),
        ("reset", TransportFailure, "dropped"),
        ("reset_after_apply", TransportFailure, "dropped"),
        ("malformed", InvalidAnswer, "unreadable answer"),
        ("truncated", InvalidAnswer, "unreadable answer"),
    ],
)
def test_each_injected_fault_is_a_typed_failure(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    fault: str,
    failure: type[Exception],
    text: str,
) -> None:
    blind_returns(station, returns=1, units_each=1, tag=fault)
    batch = envelopes(station, 10)
    simulator.set_faults(script=[fault], retry_after_s=7, endpoints=["push"])
    with pytest.raises(failure, match=text) as raised:
        client.push_batch(batch)
    if fault == "throttle":
        assert raised.value.retry_after == 7  # type: ignore[attr-defined]
    # The push is idempotent: whatever the fault did, sending again settles every change.
    outcomes = {r.outcome for r in client.push_batch(batch)}
    assert outcomes <= {Outcome.ACCEPTED, Outcome.DUPLICATE}
    assert len(simulator.received(STATION_ID)) == 2


def test_a_held_answer_is_a_read_timeout(
    simulator: CentralSimulator, credentials: StationCredentials, station: Station
) -> None:
    blind_returns(station, returns=1, units_each=0, tag="t")
    with make_client(simulator, credentials, read_timeout=0.3) as client:
        client.enroll(simulator.mint_enrollment_token())
        simulator.set_faults(script=["timeout"], timeout_s=10.0, endpoints=["push"])
        with pytest.raises(TransportFailure) as failed:
            client.push_batch(envelopes(station, 1))
        assert simulator.wait_for_answers("push abandoned")
    assert failed.value.reason is TransportReason.READ_TIMEOUT
    assert failed.value.message.startswith("Server answering slowly")
    assert simulator.received(STATION_ID) == []


def test_an_unknown_status_keeps_that_one_change_queued_with_a_readable_error(
    simulator: CentralSimulator, client: CentralClient, station: Station
) -> None:
    blind_returns(station, returns=2, units_each=1, tag="b")
    simulator.set_faults(script=["bad_item"], endpoints=["push"])
    results = client.push_batch(envelopes(station, 10))
    garbled = [r for r in results if r.outcome is Outcome.RETRY]
    assert len(garbled) == 1
    assert garbled[0].code == "invalid_answer"
    assert garbled[0].message
    assert "unreadable" in garbled[0].message
    assert "'maybe'" in garbled[0].message


# -- answers the simulator cannot be made to give ---------------------------------------------------

SENT = [{"id": "a"}, {"id": "b"}]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ([], "not a JSON object"),
        ({"results": "x"}, "no results list"),
        ({"results": [{"id": "a", "status": "accepted"}]}, "1 results for 2 changes"),
        ({"results": [{"id": "a", "status": "accepted"}, {"id": "z", "status": "accepted"}]}, "not sent"),
        ({"results": [{"id": "b", "status": "accepted"}, {"id": "a", "status": "accepted"}]}, "not sent"),
    ],
)
def test_a_batch_answer_not_matching_the_request_is_invalid(body: Any, text: str) -> None:
    with pytest.raises(InvalidAnswer, match=text):
        delivery_results(SENT, body)


def test_a_rejection_without_words_still_gets_a_reason() -> None:
    results = delivery_results(SENT, {"results": [{"id": "a", "status": "rejected"}, {"id": "b", "status": "retry"}]})
    assert results[0].outcome is Outcome.REJECTED
    assert results[0].code == "rejected"
    assert results[0].message
    assert results[1].outcome is Outcome.RETRY


@pytest.mark.parametrize(
    "body",
    [
        {"items": [], "next_cursor": 3, "has_more": False},
        {"items": [{"key": "k", "deleted": False, "data": None}], "next_cursor": "c", "has_more": False},
        {"items": [{"key": 1, "deleted": False, "data": {}}], "next_cursor": "c", "has_more": False},
        {"items": [{"key": "k", "deleted": "no", "data": {}}], "next_cursor": "c", "has_more": False},
    ],
)
def test_a_feed_page_not_fitting_the_contract_is_invalid(body: Any) -> None:
    with pytest.raises(InvalidAnswer):
        feed_page("catalog", body)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=lambda: 1445412480.0) == 10.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("999999") == 3600.0


def test_every_request_runs_under_the_default_timeouts(credentials: StationCredentials) -> None:
    with CentralClient("https://rms.example.invalid", credentials) as client:
        timeout = client._http.timeout
    assert (timeout.connect, timeout.read) == (5.0, 15.0)
