"""What can go wrong between the station and its sync target, sorted by what the worker does about it.

Every failure carries a message an operator understands (a template marked in the "Sync" translation
context plus its parameters, see app/phrases.py). The classes say what happens next:

* `TransportFailure`, `ServerFailure`, `Throttled`, `InvalidAnswer`: nothing is known to be applied,
  or the answer was lost; retry later with backoff (the push is idempotent, resending is safe).
* `AuthFailure`, `NotEnrolled`, `WrongAddress`: retrying alone will not help; a person must re-enrol
  the station or correct the central address.
* `RequestRefused`: the server will never take this request as it is (a 4xx other than the above);
  a batch is split, a single transaction is parked for a person.
* `CursorExpired`: the feed cursor predates a server reset; the feed is read again from the start.
"""

from __future__ import annotations

import enum

from app.errors import StationError
from app.phrases import QT_TRANSLATE_NOOP

REFUSED_CREDENTIAL = QT_TRANSLATE_NOOP("Sync", "Server refused our credential: re-enrol the station")


class SyncFailure(StationError):
    """A sync request failed; `retryable` says whether waiting and trying again can help."""

    retryable = True

    def __init__(self, message: str, /, *, retry_after: float | None = None, **params: object) -> None:
        super().__init__(message, **params)
        self.retry_after = retry_after


class TransportReason(enum.Enum):
    REFUSED = "refused"  # nothing listens at the address
    UNREACHABLE = "unreachable"  # name not found, network down, no route
    CONNECT_TIMEOUT = "connect_timeout"
    READ_TIMEOUT = "read_timeout"  # connected, but no answer in time
    DROPPED = "dropped"  # the connection broke mid-request or mid-answer
    TLS = "tls"  # the server's certificate was not trusted


class TransportFailure(SyncFailure):
    """The request did not get a complete HTTP answer."""

    def __init__(self, message: str, reason: TransportReason, /, **params: object) -> None:
        super().__init__(message, retry_after=None, **params)
        self.reason = reason


class ServerFailure(SyncFailure):
    """The server answered 5xx: it failed, nothing is known to be applied."""

    def __init__(self, message: str, /, *, status: int, retry_after: float | None = None, **params: object) -> None:
        super().__init__(message, retry_after=retry_after, **params)
        self.status = status


class Throttled(SyncFailure):
    """The server answered 429: slow down, wait at least `retry_after` seconds."""


class InvalidAnswer(SyncFailure):
    """The server answered, but its answer cannot be read (malformed, truncated, not matching the request)."""


class AuthFailure(SyncFailure):
    """The server refused the station's credential, or its token even after a refresh."""

    retryable = False


class NotEnrolled(AuthFailure):
    """No credential is stored for this station: it was never enrolled (or was reset)."""


class CredentialStoreFailure(SyncFailure):
    """The station's own keyring could not be read or written: nothing was sent; tried again later.

    Not the server's fault and not a refusal: a locked or missing keyring can come back (a kiosk
    session starting its Secret Service late), so the worker backs off and keeps reporting why.
    """


class WrongAddress(SyncFailure):
    """Something answers at the configured address, but not the Station Sync API (404/405 on fixed paths)."""

    retryable = False


class EnrollmentRefused(SyncFailure):
    """The enrollment token was unknown or already used."""

    retryable = False


class RequestRefused(SyncFailure):
    """A 4xx the server will give again for the same request (too large, does not fit the contract)."""

    retryable = False

    def __init__(self, message: str, /, *, status: int, code: str | None, **params: object) -> None:
        super().__init__(message, retry_after=None, **params)
        self.status = status
        self.code = code


class CursorExpired(SyncFailure):
    """A feed cursor from before a server reset: start the feed again."""
