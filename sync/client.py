"""The Station Sync API v1 client: one station talking HTTP to its central RMS.

`CentralClient` owns one `httpx.Client` (keep-alive, TLS verified by default, connect 5 s / read 15 s)
whose transport can be injected. It enrolls the station, keeps its access token fresh (a 401 buys a
new token once, a second 401 is an `AuthFailure`), pushes batches of outbox transactions, reads feed
pages, looks returns up and uploads photos. Every request carries an `X-Correlation-Id`.

Nothing the server says is trusted blindly: an answer that is not JSON, is cut off, or does not
match the request (a results list of the wrong length, an id that was not sent) is an
`InvalidAnswer`, and a result whose status no client knows keeps that one transaction queued with a
readable error. Failures are typed (see `sync.failures`) so the worker knows whether to back off,
split a batch, park a transaction or ask for a re-enrollment.
"""

from __future__ import annotations

import email.utils
import json
import logging
import ssl
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from app import __version__
from app.domain.ids import new_id
from app.phrases import QT_TRANSLATE_NOOP, Phrase
from app.store.outbox import DeliveryResult, Outcome
from app.store.reference import FeedItem
from sync.credentials import CredentialStoreUnavailable, StationCredentials
from sync.failures import (
    REFUSED_CREDENTIAL,
    AuthFailure,
    CredentialStoreFailure,
    CursorExpired,
    EnrollmentRefused,
    InvalidAnswer,
    NotEnrolled,
    RequestRefused,
    ServerFailure,
    Throttled,
    TransportFailure,
    TransportReason,
    WrongAddress,
)

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 15.0
MAX_RETRY_AFTER_S = 3600.0  # a server asking for more is misconfigured; an hour is as long as we wait
TOKEN_MARGIN_S = 30.0  # refresh this long before the server's stated expiry
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


@dataclass(frozen=True, slots=True)
class ServerHealth:
    status: str
    version: str


@dataclass(frozen=True, slots=True)
class FeedPage:
    feed: str
    items: tuple[FeedItem, ...]
    next_cursor: str
    has_more: bool


@dataclass(frozen=True, slots=True)
class FoundReturn:
    data: Mapping[str, Any]  # the same shape as an item of the returns feed
    matched_by: str


def tls_verification(ca_bundle: Path | None) -> ssl.SSLContext | bool:
    """TLS always verified: against the system's trust store, or against the site's own CA bundle."""
    if ca_bundle is None:
        return True
    if not ca_bundle.exists():
        raise FileNotFoundError(f"The CA bundle {ca_bundle} does not exist. Check the station's sync settings.")
    return ssl.create_default_context(cafile=str(ca_bundle))


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when.timestamp() - now()), MAX_RETRY_AFTER_S)


def _problem(response: httpx.Response) -> tuple[str | None, str | None]:
    """The machine code and the human detail of a problem+json answer, when it is readable."""
    try:
        body = response.json()
    except (ValueError, UnicodeDecodeError):
        return None, None
    if not isinstance(body, dict):
        return None, None
    code = body.get("code")
    detail = body.get("detail") or body.get("title")
    return (code if isinstance(code, str) else None), (detail if isinstance(detail, str) else None)


# What a request was for, as the operator reads it in "Central server sent an unreadable answer to ...".
THE_PUSH = QT_TRANSLATE_NOOP("Sync", "the push")
THE_BATCH = QT_TRANSLATE_NOOP("Sync", "the batch")
THE_CREDENTIAL = QT_TRANSLATE_NOOP("Sync", "the station's credential")
THE_TOKEN_REQUEST = QT_TRANSLATE_NOOP("Sync", "the token request")
THE_HEALTH_CHECK = QT_TRANSLATE_NOOP("Sync", "the health check")
THE_ENROLLMENT = QT_TRANSLATE_NOOP("Sync", "the enrollment")
THE_LOOKUP = QT_TRANSLATE_NOOP("Sync", "the lookup")
THE_PHOTO = QT_TRANSLATE_NOOP("Sync", "the photo")


def the_feed(feed: str) -> Phrase:
    return Phrase(QT_TRANSLATE_NOOP("Sync", "the {feed} feed"), feed=feed)


def _transport_failure(exc: httpx.TransportError) -> TransportFailure:
    text = str(exc)
    if isinstance(exc, httpx.ConnectTimeout):
        return TransportFailure(
            QT_TRANSLATE_NOOP("Sync", "Central server not reachable: no answer to connect within {seconds:g} s"),
            TransportReason.CONNECT_TIMEOUT,
            seconds=CONNECT_TIMEOUT_S,
        )
    if isinstance(exc, httpx.TimeoutException):
        return TransportFailure(
            QT_TRANSLATE_NOOP("Sync", "Server answering slowly: no answer within {seconds:g} s"),
            TransportReason.READ_TIMEOUT,
            seconds=READ_TIMEOUT_S,
        )
    if isinstance(exc, httpx.ConnectError):
        lowered = text.lower()
        if "certificate" in lowered or "ssl" in lowered:
            return TransportFailure(
                QT_TRANSLATE_NOOP(
                    "Sync",
                    "Central server's certificate is not trusted: check the server address and the CA bundle "
                    "in the station's sync settings",
                ),
                TransportReason.TLS,
            )
        if "refused" in lowered or "errno 111" in lowered:
            return TransportFailure(
                QT_TRANSLATE_NOOP("Sync", "Central server not reachable: connection refused"), TransportReason.REFUSED
            )
        if not text:
            return TransportFailure(
                QT_TRANSLATE_NOOP("Sync", "Central server not reachable: no route to the server"),
                TransportReason.UNREACHABLE,
            )
        return _unreachable(text)
    if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError):
        return TransportFailure(
            QT_TRANSLATE_NOOP("Sync", "Connection to the central server dropped before its answer arrived"),
            TransportReason.DROPPED,
        )
    return _unreachable(text or type(exc).__name__)


def _unreachable(problem: str) -> TransportFailure:
    # `problem` is the network library's own text (e.g. "[Errno -2] Name or service not known").
    return TransportFailure(
        QT_TRANSLATE_NOOP("Sync", "Central server not reachable: {problem}"),
        TransportReason.UNREACHABLE,
        problem=problem,
    )


def _read_json(response: httpx.Response, what: str) -> Any:
    try:
        return response.json()
    except (ValueError, UnicodeDecodeError):
        raise InvalidAnswer(
            QT_TRANSLATE_NOOP("Sync", "Central server sent an unreadable answer to {what} (not complete JSON)"),
            what=what,
        ) from None


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidAnswer(
            QT_TRANSLATE_NOOP("Sync", "Central server sent an unreadable answer to {what} (not a JSON object)"),
            what=what,
        )
    return value


def _unreadable_answer(what: str) -> InvalidAnswer:
    return InvalidAnswer(QT_TRANSLATE_NOOP("Sync", "Central server sent an unreadable answer to {what}"), what=what)


def delivery_results(sent: Sequence[Mapping[str, Any]], body: Any) -> list[DeliveryResult]:
    """Check a batch answer against what was sent; one `DeliveryResult` per sent transaction, in order."""
    results = _object(body, THE_PUSH).get("results")
    if not isinstance(results, list):
        raise InvalidAnswer(
            QT_TRANSLATE_NOOP("Sync", "Central server sent an unreadable answer to the push (no results list)")
        )
    if len(results) != len(sent):
        raise InvalidAnswer(
            QT_TRANSLATE_NOOP(
                "Sync", "Central server answered {results} results for {changes} changes; nothing was marked as sent"
            ),
            results=len(results),
            changes=len(sent),
        )
    settled: list[DeliveryResult] = []
    for transaction, result in zip(sent, results, strict=True):
        if not isinstance(result, dict) or result.get("id") != transaction["id"]:
            raise InvalidAnswer(
                QT_TRANSLATE_NOOP(
                    "Sync",
                    "Central server answered for changes that were not sent in this batch; nothing was marked as sent",
                )
            )
        code = result.get("code") if isinstance(result.get("code"), str) else None
        message = result.get("message") if isinstance(result.get("message"), str) else None
        outcome = _OUTCOMES.get(result.get("status"))  # type: ignore[arg-type]
        if outcome is None:
            settled.append(
                DeliveryResult(
                    transaction["id"],
                    Outcome.RETRY,
                    "invalid_answer",
                    Phrase(
                        QT_TRANSLATE_NOOP(
                            "Sync",
                            "Central server's answer for this change was unreadable (status {status}); "
                            "it stays queued and is sent again",
                        ),
                        status=repr(result.get("status")),
                    ),
                )
            )
        elif outcome is Outcome.REJECTED:
            settled.append(
                DeliveryResult(
                    transaction["id"],
                    outcome,
                    code or "rejected",
                    message or QT_TRANSLATE_NOOP("Sync", "Refused by central."),  # central's own words when it has any
                )
            )
        else:
            settled.append(DeliveryResult(transaction["id"], outcome, code, message))
    return settled


def feed_page(feed: str, body: Any) -> FeedPage:
    """Check one feed page; a page that does not fit the contract is not applied at all."""
    page = _object(body, the_feed(feed))
    items, next_cursor, has_more = page.get("items"), page.get("next_cursor"), page.get("has_more")
    if not isinstance(items, list) or not isinstance(next_cursor, str) or not isinstance(has_more, bool):
        raise InvalidAnswer(
            QT_TRANSLATE_NOOP("Sync", "Central server sent an unreadable page of the {feed} feed"), feed=feed
        )
    parsed: list[FeedItem] = []
    unreadable_item = QT_TRANSLATE_NOOP("Sync", "Central server sent an unreadable item in the {feed} feed")
    for item in items:
        if not isinstance(item, dict):
            raise InvalidAnswer(unreadable_item, feed=feed)
        key, deleted, data = item.get("key"), item.get("deleted"), item.get("data")
        if not isinstance(key, str) or not isinstance(deleted, bool) or not (data is None or isinstance(data, dict)):
            raise InvalidAnswer(unreadable_item, feed=feed)
        if not deleted and data is None:
            raise InvalidAnswer(
                QT_TRANSLATE_NOOP("Sync", "Central server sent an item of the {feed} feed without its data"), feed=feed
            )
        parsed.append(FeedItem(key, deleted, data))
    return FeedPage(feed, tuple(parsed), next_cursor, has_more)


class CentralClient:
    """HTTP to one central RMS for one station. Thread-safe: the UI may look up while the worker pushes."""

    def __init__(
        self,
        base_url: str,
        credentials: StationCredentials,
        *,
        transport: httpx.BaseTransport | None = None,
        ca_bundle: Path | None = None,
        verify_tls: bool = True,
        timeout: httpx.Timeout | None = None,
        app_version: str = __version__,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.station_id = credentials.station_id
        self.app_version = app_version
        self._monotonic = monotonic
        self._token_lock = threading.Lock()
        self._token_deadline: float | None = None  # monotonic; None = unknown (e.g. loaded at start-up)
        verify: ssl.SSLContext | bool = tls_verification(ca_bundle) if verify_tls else False
        self._http = httpx.Client(
            base_url=self.base_url,
            transport=transport,
            verify=verify,
            timeout=timeout or httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
            headers={"User-Agent": f"returns-station/{app_version}", "Accept": "application/json"},
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- the wire ------------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        json_body: Any = None,
        content: bytes | None = None,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        sent_headers = {"X-Correlation-Id": new_id(), **(headers or {})}
        if token is not None:
            sent_headers["Authorization"] = f"Bearer {token}"
        if json_body is not None:
            content = json.dumps(json_body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            sent_headers["Content-Type"] = "application/json"
        try:
            return self._http.request(method, path, content=content, params=params, headers=sent_headers)
        except httpx.TransportError as exc:
            failure = _transport_failure(exc)
            log.info("%s %s failed: %s (%s)", method, path, failure.message, exc)
            raise failure from exc

    def _check(self, response: httpx.Response, what: str, *, not_found_ok: bool = False) -> httpx.Response:
        """Turn a non-2xx answer into the failure that says what to do next."""
        status = response.status_code
        if 200 <= status < 300 or (status == 404 and not_found_ok):
            return response
        if status in (404, 405):
            # These paths always exist on a central RMS: the address is not one.
            raise WrongAddress(
                QT_TRANSLATE_NOOP(
                    "Sync",
                    "Central server address looks wrong: {url} does not answer the Station Sync API "
                    "(HTTP {status}). Check the address in the station's sync settings",
                ),
                url=self.base_url,
                status=status,
            )
        code, detail = _problem(response)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status == 429:
            wait = retry_after if retry_after is not None else 0.0
            raise Throttled(
                QT_TRANSLATE_NOOP("Sync", "Central server is busy; trying again in {seconds:.0f} s"),
                retry_after=retry_after,
                seconds=wait,
            )
        if status >= 500:
            raise ServerFailure(
                QT_TRANSLATE_NOOP("Sync", "Central server has a problem (HTTP {http_status}); trying again later"),
                status=status,
                retry_after=retry_after,
                http_status=status,
            )
        if status == 401:
            raise AuthFailure(REFUSED_CREDENTIAL)
        if status == 403:
            other_station = QT_TRANSLATE_NOOP(
                "Sync", "Server refused our credential: it belongs to another station. Re-enrol the station"
            )
            if detail:
                other_station = QT_TRANSLATE_NOOP(
                    "Sync",
                    "Server refused our credential: it belongs to another station. Re-enrol the station ({detail})",
                )
            raise AuthFailure(other_station, detail=detail)
        if status == 410 and code == "cursor_expired":
            raise CursorExpired(
                detail or QT_TRANSLATE_NOOP("Sync", "The feed was reset on the server; reading it again from the start")
            )
        # The HTTP status and central's code are technical and stay as they are; central's detail is its own text.
        answer = f"HTTP {status}, {code}" if code else f"HTTP {status}"
        if detail:
            refused = QT_TRANSLATE_NOOP("Sync", "Central server refused {what} ({answer}): {detail}")
        else:
            refused = QT_TRANSLATE_NOOP("Sync", "Central server refused {what} ({answer})")
        raise RequestRefused(refused, status=status, code=code, what=what, answer=answer, detail=detail)

    # -- access tokens -------------------------------------------------------------------------

    def _fresh_token(self, stale: str | None = None) -> str:
        """A token to use now; `stale` is one the server just refused, so never hand that back."""
        with self._token_lock:
            try:
                token = self.credentials.access_token()
                expired = self._token_deadline is not None and self._monotonic() >= self._token_deadline
                if token is not None and token != stale and not expired:
                    return token
                return self._buy_token()
            except CredentialStoreUnavailable as unavailable:
                # Reported like any other failure to sync, so the worker backs off instead of dying.
                raise CredentialStoreFailure(unavailable.message) from unavailable

    def _buy_token(self) -> str:
        credential = self.credentials.credential()
        if credential is None:
            raise NotEnrolled(
                QT_TRANSLATE_NOOP(
                    "Sync", "This station is not enrolled with a central server yet: enrol it with a token from IT"
                )
            )
        response = self._send(
            "POST", "/v1/token", json_body={"station_id": self.station_id, "station_credential": credential}
        )
        try:
            self._check(response, THE_CREDENTIAL)
        except RequestRefused as refused:
            # Not something one transaction did: the station's identity or credential does not fit.
            raise AuthFailure(
                QT_TRANSLATE_NOOP("Sync", "Server refused our credential: re-enrol the station ({refusal})"),
                refusal=refused.message,
            ) from None
        body = _object(_read_json(response, THE_TOKEN_REQUEST), THE_TOKEN_REQUEST)
        token, expires_in = body.get("access_token"), body.get("expires_in")
        if not isinstance(token, str) or not token or not isinstance(expires_in, int | float):
            raise _unreadable_answer(THE_TOKEN_REQUEST)
        self.credentials.store_access_token(token)
        lifetime = max(0.0, float(expires_in))
        self._token_deadline = self._monotonic() + lifetime - min(TOKEN_MARGIN_S, lifetime / 10)
        return token

    def _authorized(
        self, method: str, path: str, what: str, *, not_found_ok: bool = False, **kwargs: Any
    ) -> httpx.Response:
        """Send with a bearer token; on a 401 buy a new token once and send again."""
        token = self._fresh_token()
        response = self._send(method, path, token=token, **kwargs)
        if response.status_code == 401:
            code, _ = _problem(response)
            log.info("%s %s: access token refused (%s); buying a new one", method, path, code)
            token = self._fresh_token(stale=token)
            response = self._send(method, path, token=token, **kwargs)
        return self._check(response, what, not_found_ok=not_found_ok)

    # -- the API -------------------------------------------------------------------------------

    def health(self) -> ServerHealth:
        response = self._check(self._send("GET", "/v1/health"), THE_HEALTH_CHECK)
        body = _object(_read_json(response, THE_HEALTH_CHECK), THE_HEALTH_CHECK)
        status, version = body.get("status"), body.get("version")
        if not isinstance(status, str) or not isinstance(version, str):
            raise _unreadable_answer(THE_HEALTH_CHECK)
        return ServerHealth(status, version)

    def enroll(self, enrollment_token: str) -> None:
        """Trade a one-time enrollment token for the station credential, kept in the OS keyring."""
        response = self._send(
            "POST",
            "/v1/enroll",
            json_body={
                "enrollment_token": enrollment_token.strip(),
                "station_id": self.station_id,
                "app_version": self.app_version,
            },
        )
        if response.status_code == 401:
            raise EnrollmentRefused(
                QT_TRANSLATE_NOOP(
                    "Sync", "Central server does not know this enrollment token: check it or ask IT for a new one"
                )
            )
        if response.status_code == 409:
            raise EnrollmentRefused(
                QT_TRANSLATE_NOOP("Sync", "This enrollment token was already used: ask IT for a new one")
            )
        self._check(response, THE_ENROLLMENT)
        body = _object(_read_json(response, THE_ENROLLMENT), THE_ENROLLMENT)
        credential = body.get("station_credential")
        if not isinstance(credential, str) or not credential:
            raise _unreadable_answer(THE_ENROLLMENT)
        with self._token_lock:
            self.credentials.store_credential(credential)
            self._token_deadline = None
        log.info("station %s enrolled with %s", self.station_id, self.base_url)

    def push_batch(self, transactions: Sequence[Mapping[str, Any]]) -> list[DeliveryResult]:
        """Deliver transactions (outbox envelopes) in one request; one result each, in order."""
        response = self._authorized(
            "POST",
            "/v1/transactions:batch",
            THE_BATCH,
            json_body={"station_id": self.station_id, "transactions": list(transactions)},
        )
        return delivery_results(transactions, _read_json(response, THE_PUSH))

    def feed_page(self, feed: str, cursor: str | None, limit: int = 1000) -> FeedPage:
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        response = self._authorized("GET", f"/v1/feeds/{quote(feed, safe='')}", the_feed(feed), params=params)
        return feed_page(feed, _read_json(response, the_feed(feed)))

    def lookup(self, identifier: str) -> FoundReturn | None:
        """The return central knows under `identifier`, or None when nothing matches."""
        response = self._authorized(
            "GET",
            "/v1/returns:lookup",
            THE_LOOKUP,
            not_found_ok=True,
            params={"identifier": identifier.strip()},
        )
        if response.status_code == 404:
            return None
        body = _object(_read_json(response, THE_LOOKUP), THE_LOOKUP)
        found, matched_by = body.get("return"), body.get("matched_by")
        if not isinstance(found, dict) or not isinstance(found.get("return_id"), str):
            raise _unreadable_answer(THE_LOOKUP)
        return FoundReturn(found, matched_by if isinstance(matched_by, str) else "unknown")

    def upload_photo(self, sha256: str, content: bytes, content_type: str, transaction_id: str) -> bool:
        """Store one photo by its hash; True when central stored it now, False when it had it already."""
        response = self._authorized(
            "PUT",
            f"/v1/photos/{sha256}",
            THE_PHOTO,
            content=content,
            headers={"Content-Type": content_type, "X-Transaction-Id": transaction_id},
        )
        return response.status_code == 201
