"""``returns-station enroll --token T``: trade IT's one-time token for the station credential, kept in the OS keyring.

The credential is the station's identity at central: it goes into the OS keyring (Secret Service on
Linux, Windows Credential Manager, macOS Keychain) and nowhere else. Before the token is spent, the
keyring is tried with a probe entry (write, read back, delete): a machine with no keyring, a disabled
("null") keyring, a locked one or a plain-text one gets `KeyringMissing`, whose message points IT at
the documented kiosk set-up, and the token stays unused. There is never a silent fallback to a file.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

import httpx
import keyring
import keyring.errors

from app.config import StationConfig
from app.errors import InvalidInput, StationError
from app.phrases import QT_TRANSLATE_NOOP, Phrase
from sync.client import CentralClient
from sync.credentials import SERVICE, CredentialStoreUnavailable, StationCredentials

log = logging.getLogger(__name__)

KIOSK_KEYRING_DOC = "docs/deployment.md, section 'Kiosk keyring'"
KIOSK_KEYRING_COMMAND = "dbus-run-session with gnome-keyring-daemon --unlock --components=secrets"
# Backends that keep secrets readable by anyone who can read the file (keyrings.alt: base64, not encryption).
PLAINTEXT_BACKENDS = ("keyrings.alt.file.PlaintextKeyring",)


class KeyringMissing(StationError):
    """No usable, secure OS keyring: the station cannot keep a credential on this machine."""


@dataclass(frozen=True, slots=True)
class Enrollment:
    station_id: str
    server_url: str
    server_version: str
    keyring_backend: str


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _missing(reason: str, *, token_spent: bool = False) -> KeyringMissing:
    after = (
        QT_TRANSLATE_NOOP("Sync", "The enrollment token was used: ask IT for a new one once the keyring works.")
        if token_spent
        else QT_TRANSLATE_NOOP("Sync", "Nothing was sent to central: the enrollment token is still unused.")
    )
    return KeyringMissing(
        QT_TRANSLATE_NOOP(
            "Sync",
            "{reason}. The station keeps its central-server credential only in a secure OS keyring; set one up as "
            "described in {doc} (a kiosk without a desktop session: {command}). {after}",
        ),
        reason=reason,
        doc=KIOSK_KEYRING_DOC,
        command=KIOSK_KEYRING_COMMAND,
        after=after,
    )


def check_keyring(station_id: str) -> str:
    """Prove the keyring keeps a secret (write, read back, delete); its backend's name, or `KeyringMissing`."""
    name = backend_name()
    if name in PLAINTEXT_BACKENDS:
        raise _missing(
            Phrase(
                QT_TRANSLATE_NOOP("Sync", "The keyring backend {backend} stores secrets as plain text"), backend=name
            )
        )
    probe_key, probe_value = f"{station_id}:probe", secrets.token_urlsafe(16)
    try:
        keyring.set_password(SERVICE, probe_key, probe_value)
        kept = keyring.get_password(SERVICE, probe_key)
        keyring.delete_password(SERVICE, probe_key)
    except keyring.errors.NoKeyringError:
        raise _missing(
            QT_TRANSLATE_NOOP("Sync", "This computer has no OS keyring (no Secret Service on a session bus)")
        ) from None
    except keyring.errors.KeyringError as exc:
        refused = QT_TRANSLATE_NOOP("Sync", "The OS keyring ({backend}) refused a test entry: {problem}")
        raise _missing(Phrase(refused, backend=name, problem=str(exc) or type(exc).__name__)) from None
    if kept != probe_value:
        forgetful = QT_TRANSLATE_NOOP(
            "Sync", "The OS keyring ({backend}) does not give back what it is given (a disabled keyring)"
        )
        raise _missing(Phrase(forgetful, backend=name))
    return name


def enroll(config: StationConfig, token: str, *, transport: httpx.BaseTransport | None = None) -> Enrollment:
    """Enrol the configured station with its central server using IT's one-time `token`."""
    where = config.sources[0] if config.sources else "station.toml"
    if not config.server_url:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Sync", "{file}: server.url is not set, so there is no central server to enrol with"),
            file=where,
        )
    if not token.strip():
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Sync", "The enrollment token is empty: copy it from central's admin page")
        )
    backend = check_keyring(config.station_id)
    credentials = StationCredentials(config.station_id)
    with CentralClient(config.server_url, credentials, ca_bundle=config.ca_bundle, transport=transport) as client:
        try:
            client.enroll(token)
            stored = credentials.credential()
        except CredentialStoreUnavailable as exc:
            raise _missing(exc.reason, token_spent=True) from None
        if stored is None:
            lost = QT_TRANSLATE_NOOP("Sync", "The OS keyring ({backend}) lost the credential just stored")
            raise _missing(Phrase(lost, backend=backend), token_spent=True)
        version = client.health().version
    log.info("station %s enrolled with %s; credential kept by %s", config.station_id, config.server_url, backend)
    return Enrollment(config.station_id, config.server_url, version, backend)


def known_secrets(station_id: str) -> tuple[str, ...]:
    """The station's secrets as the keyring holds them, for masking (the support bundle); none if unreadable."""
    credentials = StationCredentials(station_id)
    try:
        values = (credentials.credential(), credentials.access_token())
    except CredentialStoreUnavailable:
        return ()
    return tuple(value for value in values if value)
