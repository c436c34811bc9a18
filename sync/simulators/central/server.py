"""The central RMS simulator as an object: start it on a port, point stations at it, inspect it, stop it.

Tests and the station's demo mode use `CentralSimulator`; the command line (`python -m
sync.simulators.central`) runs the same thing in the foreground. The listening socket is bound before
the server thread starts, so `base_url` is known at once and early requests wait in the backlog.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from sync.simulators.central.app import CentralApi, generate_bulk
from sync.simulators.central.faults import FaultPlan, FaultSettings
from sync.simulators.central.gate import Address, tracking_protocol
from sync.simulators.central.store import CentralStore, Feed, ReceivedTransaction

_START_TIMEOUT_S = 10.0
_STOP_TIMEOUT_S = 10.0


class CentralSimulator:
    """A running central RMS on `host:port` (port 0 picks a free one) with its own SQLite database."""

    def __init__(
        self,
        db_path: Path | str | None = None,
        port: int = 0,
        seed_folder: Path | str | None = None,
        *,
        host: str = "127.0.0.1",
        faults: FaultSettings | Mapping[str, Any] | None = None,
        enrollment_tokens: Iterable[str] = (),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.host = host
        self.port = port
        self.seed_path = Path(seed_folder) if seed_folder is not None else None
        settings = faults if isinstance(faults, FaultSettings) else FaultSettings().merged(faults or {})
        self.store = CentralStore(db_path, clock=clock)
        self.plan = FaultPlan(settings)
        self.api = CentralApi(self.store, self.plan, self.seed_path)
        self._transports: dict[Address, asyncio.Transport] = {}
        self._app = self.api.asgi(self._transports)
        self._started = threading.Event()
        self.api.on_started = self._started.set
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._closed = False
        if self.seed_path is not None:
            self.store.seed_folder(self.seed_path)
        for token in enrollment_tokens:
            self.store.mint_enrollment_token(token)

    # -- life cycle ------------------------------------------------------------------------------

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.create_server((self.host, self.port), family=family, backlog=512)
        self.port = sock.getsockname()[1]
        self._socket = sock
        return sock

    def _uvicorn(self, *, log_level: str = "warning", quiet_logging: bool = True) -> uvicorn.Server:
        config = uvicorn.Config(
            self._app,
            http=tracking_protocol(self._transports),
            loop="asyncio",
            lifespan="on",
            log_level=log_level,
            # Tests own the logging configuration; the command line keeps uvicorn's.
            log_config=None if quiet_logging else uvicorn.config.LOGGING_CONFIG,
            access_log=False,
            timeout_graceful_shutdown=2,
            timeout_keep_alive=30,
        )
        self._server = uvicorn.Server(config)
        return self._server

    def start(self) -> CentralSimulator:
        """Serve on a background thread; returns once the server is ready to answer."""
        if self._thread is not None:
            raise RuntimeError("this simulator is already running")
        sock = self._bind()
        server = self._uvicorn()
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"central-rms-{self.port}", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not self._started.wait(0.05):
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the central RMS simulator did not start on {self.host}:{self.port}")
        return self

    def serve_forever(self, *, log_level: str = "info") -> None:
        """Run in the calling (main) thread until Ctrl+C; used by the command line."""
        sock = self._bind()
        try:
            self._uvicorn(log_level=log_level, quiet_logging=False).run(sockets=[sock])
        finally:
            self._close_socket()
            self.store.close()
            self._closed = True

    def stop(self) -> None:
        """Stop serving (ending held requests at once), then close the database. Safe to call twice."""
        if self._server is not None:
            self._server.should_exit = True
            if self._app is not None:
                self._app.release()
        if self._thread is not None:
            self._thread.join(_STOP_TIMEOUT_S)
            if self._thread.is_alive():
                raise RuntimeError("the central RMS simulator did not stop in time")
            self._thread = None
        self._close_socket()
        if not self._closed:
            self.store.close()
            self._closed = True

    def _close_socket(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def __enter__(self) -> CentralSimulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if host in ("0.0.0.0", "[::]"):
            host = "127.0.0.1"
        return f"http://{host}:{self.port}"

    # -- what tests and demo mode use ------------------------------------------------------------

    def mint_enrollment_token(self, token: str | None = None) -> str:
        return self.store.mint_enrollment_token(token)

    def set_faults(self, **changes: Any) -> dict[str, Any]:
        """Change fault knobs at run time, e.g. `set_faults(error_rate=0.2, seed=7)` or `script=["reset"]`."""
        self.api.configure_faults(changes)
        return self.api.fault_state()

    def clear_faults(self) -> None:
        self.plan.configure({"clear": True})

    def expire_tokens(self) -> None:
        self.store.expire_tokens()

    def seed(self, feeds: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, int]:
        return {name: self.store.seed(Feed(name), items) for name, items in feeds.items()}

    def seed_folder(self, folder: Path | str) -> dict[str, int]:
        return self.store.seed_folder(folder)

    def delete(self, feed: str, keys: Iterable[str]) -> int:
        return self.store.delete(Feed(feed), keys)

    def bulk(self, *, catalog: int = 0, returns: int = 0, start: int = 0, quantity: int = 10) -> dict[str, int]:
        return generate_bulk(self.store, catalog=catalog, returns=returns, start=start, quantity=quantity)

    def received(self, station_id: str | None = None) -> list[ReceivedTransaction]:
        return self.store.received(station_id)

    def deliveries(self, station_id: str | None = None) -> list[dict[str, Any]]:
        return self.store.deliveries(station_id)

    def stats(self) -> dict[str, Any]:
        return self.api.stats()

    def wait_for_answers(self, label: str, count: int = 1, timeout: float = 5.0) -> bool:
        """Block until the server counted `label` ("push 200", "push reset", "push abandoned") `count` times."""
        return self._app.wait_for_answers(label, count, timeout)

    def reset(self, *, reseed: bool = False) -> None:
        self.api.reset(reseed=reseed)

    def photo(self, sha256: str) -> bytes | None:
        return self.store.photo(sha256)
