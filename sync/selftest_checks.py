"""Self-test checks for the central server: does it answer, and does this station hold its credential?

An unreachable server is a warning, not a failure: the station works offline and sends its changes
once central answers. A server that is the wrong address, a certificate that is not trusted, or a
keyring that cannot be used is a failure: those need IT before the station can ever sync.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from app.config import StationConfig
from app.errors import StationError
from app.selftest import Check, Finding, Verdict
from sync.client import CentralClient
from sync.credentials import StationCredentials
from sync.enroll import KIOSK_KEYRING_DOC, backend_name
from sync.failures import SyncFailure, TransportFailure, TransportReason, WrongAddress

SELF_TEST_TIMEOUT = httpx.Timeout(5.0, connect=3.0)
OFFLINE_NOTE = "The station works offline and sends its changes once the server answers."


@dataclass(frozen=True, slots=True)
class CentralServerCheck:
    config: StationConfig
    transport: httpx.BaseTransport | None = None
    name: str = "Central server"

    def run(self) -> str | Finding:
        url = self.config.server_url
        if not url:
            return Finding(Verdict.WARN, "none configured (server.url): changes stay on this station")
        credentials = StationCredentials(self.config.station_id)
        with CentralClient(
            url, credentials, ca_bundle=self.config.ca_bundle, transport=self.transport, timeout=SELF_TEST_TIMEOUT
        ) as client:
            try:
                health = client.health()
            except WrongAddress:
                raise
            except TransportFailure as failure:
                if failure.reason is TransportReason.TLS:
                    raise
                return Finding(Verdict.WARN, f"offline: {failure.message}", (url, OFFLINE_NOTE))
            except SyncFailure as failure:
                return Finding(Verdict.WARN, f"not answering properly: {failure.message}", (url, OFFLINE_NOTE))
        return f"{url} answers (central {health.version}, {health.status})"


@dataclass(frozen=True, slots=True)
class EnrollmentCheck:
    config: StationConfig
    name: str = "Enrollment"

    def run(self) -> str | Finding:
        if not self.config.server_url:
            return "not needed (no central server)"
        credentials = StationCredentials(self.config.station_id)
        try:
            credential = credentials.credential()
        except StationError as exc:
            return Finding(Verdict.FAIL, exc.message, (f"See {KIOSK_KEYRING_DOC}.",))
        if credential is None:
            return Finding(
                Verdict.WARN,
                f"station {self.config.station_id} is not enrolled yet",
                ("Run: returns-station enroll --token TOKEN (the one-time token from central's admin).",),
            )
        return f"station {self.config.station_id} holds its credential ({backend_name()})"


def server_checks(config: StationConfig, *, transport: httpx.BaseTransport | None = None) -> list[Check]:
    return [CentralServerCheck(config, transport), EnrollmentCheck(config)]
