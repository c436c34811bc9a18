"""TLS is verified by default; a site's own CA bundle makes its server trusted.

A tiny HTTPS server (uvicorn with a self-signed certificate made by openssl for this test) stands
in for a central RMS behind a company CA.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sync.client import CentralClient
from sync.credentials import StationCredentials
from sync.failures import TransportFailure, TransportReason
from tests.sync.conftest import wait_until

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


async def _health(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok", "version": "tls-test"})


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = Starlette(routes=[Route("/v1/health", _health)])
    config = uvicorn.Config(
        app, ssl_certfile=str(cert), ssl_keyfile=str(key), log_config=None, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    assert wait_until(lambda: server.started, timeout=10.0)
    yield f"https://127.0.0.1:{port}", cert
    server.should_exit = True
    thread.join(10.0)
    sock.close()


def test_an_untrusted_certificate_is_refused_by_default(https_server: tuple[str, Path]) -> None:
    url, _ = https_server
    with CentralClient(url, StationCredentials("ST-TLS")) as client, pytest.raises(TransportFailure) as failed:
        client.health()
    assert failed.value.reason is TransportReason.TLS
    assert "certificate is not trusted" in failed.value.message


def test_the_sites_ca_bundle_makes_the_server_trusted(https_server: tuple[str, Path]) -> None:
    url, cert = https_server
    with CentralClient(url, StationCredentials("ST-TLS"), ca_bundle=cert) as client:
        assert client.health().version == "tls-test"


def test_a_missing_ca_bundle_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="CA bundle"):
        CentralClient("https://rms.example.invalid", StationCredentials("ST-TLS"), ca_bundle=tmp_path / "nope.pem")
