"""The station's secrets: its long-lived credential and its current access token, in the OS keyring.

Enrollment trades a one-time token for a station credential; the credential buys short-lived access
tokens. Both live in the OS keyring (service ``returns-station``, one entry per station id and
purpose) and never in a plain file. A machine without a usable keyring gets a clear error that says
so; choosing a fallback store is a packaging decision, not this module's.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.errors

from app.errors import StationError
from app.phrases import QT_TRANSLATE_NOOP, Phrase

log = logging.getLogger(__name__)

SERVICE = "returns-station"


class CredentialStoreUnavailable(StationError):
    """The OS keyring cannot be used, so the station cannot keep its credential safely.

    `reason` is the sentence without its closing advice, for messages that add their own.
    """

    def __init__(self, message: str, /, *, reason: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


def _unavailable(exc: Exception) -> CredentialStoreUnavailable:
    if isinstance(exc, keyring.errors.NoKeyringError):
        reason = QT_TRANSLATE_NOOP(
            "Sync",
            "This computer has no secure credential store (OS keyring), so the station cannot keep its "
            "central-server credential",
        )
        advice = QT_TRANSLATE_NOOP(
            "Sync",
            "{reason}. Ask IT to enable the system keyring (Secret Service, Windows Credential Manager or "
            "macOS Keychain).",
        )
        return CredentialStoreUnavailable(advice, reason=reason)
    refused = Phrase(
        QT_TRANSLATE_NOOP(
            "Sync", "The secure credential store (OS keyring) refused the station's credential: {problem}"
        ),
        problem=str(exc),
    )
    return CredentialStoreUnavailable(QT_TRANSLATE_NOOP("Sync", "{reason}. Ask IT."), reason=refused)


class StationCredentials:
    """The keyring entries of one station id; safe to share between the UI and the sync thread."""

    def __init__(self, station_id: str, *, service: str = SERVICE) -> None:
        self.station_id = station_id
        self._service = service
        self._lock = threading.Lock()
        self._token_cache: str | None = None

    @property
    def _credential_key(self) -> str:
        return f"{self.station_id}:credential"

    @property
    def _token_key(self) -> str:
        return f"{self.station_id}:access-token"

    def _get(self, key: str) -> str | None:
        try:
            value: str | None = keyring.get_password(self._service, key)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from exc
        return value

    def _set(self, key: str, value: str) -> None:
        try:
            keyring.set_password(self._service, key, value)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from exc

    def _delete(self, key: str) -> None:
        try:
            keyring.delete_password(self._service, key)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from exc

    def credential(self) -> str | None:
        """The station credential, or None when the station was never enrolled."""
        return self._get(self._credential_key)

    def store_credential(self, credential: str) -> None:
        """Keep a new credential; any access token bought with the old one is dropped."""
        with self._lock:
            self._set(self._credential_key, credential)
            self._token_cache = None
            self._delete(self._token_key)

    def access_token(self) -> str | None:
        """The last access token bought, if any; it may have expired (the server says so with a 401)."""
        with self._lock:
            if self._token_cache is None:
                self._token_cache = self._get(self._token_key)
            return self._token_cache

    def store_access_token(self, token: str) -> None:
        with self._lock:
            self._token_cache = token
            try:
                self._set(self._token_key, token)
            except CredentialStoreUnavailable:
                # The token is worth keeping across a restart, not worth stopping the sync for.
                log.warning("could not keep the access token in the keyring; it lives in memory only")

    def drop_access_token(self) -> None:
        with self._lock:
            self._token_cache = None
            self._delete(self._token_key)

    def forget(self) -> None:
        """Remove everything this station keeps (before a re-enrollment or when it is retired)."""
        with self._lock:
            self._token_cache = None
            self._delete(self._token_key)
            self._delete(self._credential_key)
