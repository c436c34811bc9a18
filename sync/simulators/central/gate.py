"""The ASGI layer in front of the simulator's API: correlation ids, answer counts, and injected faults.

It sits outside Starlette so that a fault can do what a real network does: drop the TCP connection
without any answer. For that it needs the connection's transport, which ASGI does not expose; a small
subclass of uvicorn's h11 protocol records each connection's transport by the client's address (the
same address ASGI puts in `scope["client"]`), and a reset closes that socket with SO_LINGER 0 so the
client sees a TCP reset, not an HTTP answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import struct
import threading
import uuid
from collections import Counter, deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from sync.simulators.central.faults import Endpoint, FaultKind, FaultPlan
from sync.simulators.central.problems import ProblemCode, problem_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
Address = tuple[str, int]

CORRELATION_HEADER = b"x-correlation-id"
_USABLE_CORRELATION = re.compile(rb"[\x21-\x7e]{1,128}")
_GARBAGE = b"<html><body><h1>502 Bad Gateway</h1><p>upstream hiccup</p></body></html>"

_ENDPOINTS = {
    "/v1/enroll": Endpoint.ENROLL,
    "/v1/token": Endpoint.TOKEN,
    "/v1/transactions:batch": Endpoint.PUSH,
    "/v1/returns:lookup": Endpoint.LOOKUP,
}


def endpoint_for(path: str) -> Endpoint | None:
    """The faultable station endpoint a path belongs to; None for health, admin and unknown paths."""
    if path.startswith("/v1/feeds/"):
        return Endpoint.FEEDS
    if path.startswith("/v1/photos/"):
        return Endpoint.PHOTOS
    return _ENDPOINTS.get(path)


def tracking_protocol(transports: dict[Address, asyncio.Transport]) -> type[H11Protocol]:
    """uvicorn's h11 protocol, remembering each open connection's transport by client address."""

    class TrackedH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
                # asyncio sets TCP_NODELAY only when the listening socket was made with proto=IPPROTO_TCP;
                # without it uvicorn's separate header and body writes stall 40 ms on delayed ACKs.
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.client is not None:
                transports[self.client] = transport

        def connection_lost(self, exc: Exception | None) -> None:
            if self.client is not None and transports.get(self.client) is self.transport:
                del transports[self.client]
            super().connection_lost(exc)

    return TrackedH11Protocol


class _Captured:
    """A response the app produced, held back so a fault can garble or drop it."""

    def __init__(self) -> None:
        self.start: Message | None = None
        self.body = bytearray()

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = dict(message)
        elif message["type"] == "http.response.body":
            self.body.extend(message.get("body", b""))


class FaultGate:
    """Wraps the Starlette app; everything here runs on the server's event loop."""

    def __init__(self, app: App, plan: FaultPlan, transports: dict[Address, asyncio.Transport]) -> None:
        self._app = app
        self._plan = plan
        self._transports = transports
        self._loop: asyncio.AbstractEventLoop | None = None
        self._released: asyncio.Event | None = None
        self._answered = threading.Condition()
        self._answers: Counter[str] = Counter()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Called on the server loop at startup; held requests wait on an event of that loop."""
        self._loop = loop
        self._released = asyncio.Event()

    def release(self) -> None:
        """End every hold now (from any thread): the server is stopping."""
        if self._loop is not None and self._released is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed between the check and the call
                self._loop.call_soon_threadsafe(self._released.set)

    def answers(self) -> dict[str, int]:
        """How each endpoint answered: by status ("push 200": 12), or "push reset" / "push abandoned"."""
        with self._answered:
            return dict(self._answers)

    def reset_counts(self) -> None:
        with self._answered:
            self._answers.clear()

    def wait_for_answers(self, label: str, count: int, timeout: float) -> bool:
        """Block until `label` (e.g. "push abandoned") was counted `count` times; False on timeout."""
        with self._answered:
            return self._answered.wait_for(lambda: self._answers[label] >= count, timeout)

    def _count(self, label: str) -> None:
        with self._answered:
            self._answers[label] += 1
            self._answered.notify_all()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        correlation_id = _correlation_id(scope)
        scope.setdefault("state", {})["correlation_id"] = correlation_id
        endpoint = endpoint_for(scope["path"])
        label = endpoint.value if endpoint else "other"
        send = self._stamped(send, correlation_id, label)
        fault = self._plan.draw(endpoint) if endpoint is not None else None
        if fault is None:
            await self._app(scope, receive, send)
            return
        await self._misbehave(fault, scope, receive, send, correlation=correlation_id, label=label)

    def _stamped(self, send: Send, correlation_id: str, label: str) -> Send:
        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != CORRELATION_HEADER]
                headers.append((CORRELATION_HEADER, correlation_id.encode("ascii")))
                message = {**message, "headers": headers}
                self._count(f"{label} {message['status']}")
            await send(message)

        return stamped

    async def _misbehave(
        self, fault: FaultKind, scope: Scope, receive: Receive, send: Send, *, correlation: str, label: str
    ) -> None:
        settings = self._plan.settings
        messages = await _read_body(receive)
        replay = _replaying(messages, receive)
        if fault is FaultKind.ERROR:
            code = ProblemCode.UNAVAILABLE if settings.error_status == 503 else ProblemCode.SERVER_ERROR
            detail = "Injected fault: the server failed before applying anything; try again later."
            await _send_problem(send, code, detail, correlation, status=settings.error_status)
        elif fault is FaultKind.THROTTLE:
            detail = f"Injected fault: too many requests; wait {settings.retry_after_s} s. Nothing was applied."
            retry_after = (b"retry-after", str(settings.retry_after_s).encode("ascii"))
            await _send_problem(send, ProblemCode.RATE_LIMITED, detail, correlation, extra=[retry_after])
        elif fault is FaultKind.RESET:
            await self._reset(scope, receive, label)
        elif fault is FaultKind.TIMEOUT:
            outcome = await self._hold(receive, settings.timeout_s)
            if outcome == "elapsed":
                await self._app(scope, replay, send)
            elif outcome == "released":
                await self._reset(scope, receive, label)
            else:
                # The client gave up; like a request lost in a queue, nothing was applied.
                self._count(f"{label} abandoned")
        elif fault is FaultKind.SLOW:
            await self._pause(settings.slow_s)
            await self._app(scope, replay, send)
        else:
            captured = _Captured()
            await self._app(scope, replay, captured.send)
            if fault is FaultKind.RESET_AFTER_APPLY or captured.start is None:
                await self._reset(scope, receive, label)
            else:
                body = self._garbled(fault, bytes(captured.body))
                await _send_whole(send, captured.start, body)

    def _garbled(self, fault: FaultKind, body: bytes) -> bytes:
        if fault is FaultKind.TRUNCATED:
            return body[: max(1, len(body) // 2)]
        if fault is FaultKind.BAD_ITEM:
            with contextlib.suppress(ValueError):
                answer = json.loads(body)
                results = answer.get("results") if isinstance(answer, dict) else None
                if isinstance(results, list) and results and isinstance(results[0], dict):
                    results[self._plan.pick(len(results))]["status"] = "maybe"
                    return json.dumps(answer).encode("utf-8")
        return _GARBAGE

    async def _reset(self, scope: Scope, receive: Receive, label: str) -> None:
        """Drop the connection with a TCP reset and no answer, then let uvicorn see it is gone."""
        client = scope.get("client")
        transport = self._transports.get((client[0], client[1])) if client else None
        if transport is None:
            raise RuntimeError(f"no transport recorded for client {client}; cannot inject a reset")
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()
        self._count(f"{label} reset")
        # connection_lost runs on the next loop turn and wakes receive() with http.disconnect; waiting for
        # it keeps uvicorn from treating the silent return as an app that forgot to answer.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(receive(), timeout=2.0)

    async def _hold(self, receive: Receive, seconds: float) -> str:
        """Wait until the client disconnects, the server stops, or `seconds` pass (whichever is first)."""
        assert self._released is not None, "bind() runs at startup"
        disconnected = asyncio.ensure_future(receive())
        released = asyncio.ensure_future(self._released.wait())
        done, pending = await asyncio.wait({disconnected, released}, timeout=seconds, return_when="FIRST_COMPLETED")
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if disconnected in done:
            return "disconnected"
        return "released" if released in done else "elapsed"

    async def _pause(self, seconds: float) -> None:
        assert self._released is not None, "bind() runs at startup"
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._released.wait(), timeout=seconds)


def _correlation_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == CORRELATION_HEADER and _USABLE_CORRELATION.fullmatch(value):
            return str(value.decode("ascii"))
    return str(uuid.uuid4())


async def _read_body(receive: Receive) -> list[Message]:
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    queue = deque(messages)

    async def replayed() -> Message:
        return queue.popleft() if queue else await receive()

    return replayed


async def _send_whole(send: Send, start: Message, body: bytes) -> None:
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode("ascii")))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _send_problem(
    send: Send,
    code: ProblemCode,
    detail: str,
    correlation_id: str,
    *,
    status: int | None = None,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = problem_body(code, detail, correlation_id=correlation_id, status=status)
    headers = [(b"content-type", b"application/problem+json"), *(extra or [])]
    await _send_whole(send, {"type": "http.response.start", "status": status or code.status, "headers": headers}, body)
