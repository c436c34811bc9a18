"""The simulator's HTTP API: the Station Sync API v1 under /v1, and an admin API for tests and demos under /admin.

Handlers are thin: read and check the request, call the store, shape the answer. Every error leaves as
`application/problem+json`. The admin API has no authentication and therefore answers only on loopback.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sync.contract import API_VERSION, CONTRACT_PATH, load_contract
from sync.simulators.central.bodies import (
    SHA256_HEX,
    BodyInvalid,
    read_batch,
    read_enrollment,
    read_token_request,
)
from sync.simulators.central.bulk import catalog_rows, return_rows
from sync.simulators.central.faults import FaultPlan
from sync.simulators.central.gate import FaultGate
from sync.simulators.central.problems import Problem, ProblemCode, problem_body
from sync.simulators.central.store import (
    AuthFailure,
    AuthRefused,
    CentralStore,
    CursorExpired,
    CursorInvalid,
    Feed,
    SeedInvalid,
)

MAX_BATCH_BYTES = 1024 * 1024
MAX_PHOTO_BYTES = 16 * 1024 * 1024
MAX_ADMIN_BYTES = 256 * 1024 * 1024
MAX_FEED_PAGE = 5000
DEFAULT_FEED_PAGE = 1000
PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
SERVER_VERSION = f"{API_VERSION}+simulator"

_AUTH_PROBLEMS = {
    AuthFailure.INVALID_TOKEN: ProblemCode.INVALID_TOKEN,
    AuthFailure.TOKEN_EXPIRED: ProblemCode.TOKEN_EXPIRED,
    AuthFailure.TOKEN_USED: ProblemCode.TOKEN_USED,
    AuthFailure.INVALID_CREDENTIALS: ProblemCode.INVALID_CREDENTIALS,
}
_WWW_AUTHENTICATE = {"WWW-Authenticate": 'Bearer realm="station-sync", error="invalid_token"'}


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json")


def _correlation(request: Request) -> str:
    return str(getattr(request.state, "correlation_id", "") or "none")


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused before it is read when the declared length is already too much."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Problem(ProblemCode.TOO_LARGE, f"The body is {declared} bytes; at most {limit} are accepted.")
    body = await request.body()
    if len(body) > limit:
        raise Problem(ProblemCode.TOO_LARGE, f"The body is {len(body)} bytes; at most {limit} are accepted.")
    return body


async def _read_json(request: Request, limit: int) -> Any:
    body = await _read_body(request, limit)
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Problem(ProblemCode.INVALID_JSON, "The body could not be read as JSON.") from None


def _checked(reader: Callable[[Any], Any], body: Any) -> Any:
    try:
        return reader(body)
    except BodyInvalid as exc:
        raise Problem(ProblemCode.INVALID_REQUEST, str(exc), errors=[e.to_json() for e in exc.errors]) from None


class CentralApi:
    """The routes, bound to one store, one fault plan and one gate."""

    def __init__(self, store: CentralStore, plan: FaultPlan, seed_folder: Path | None = None) -> None:
        self.store = store
        self.plan = plan
        self.seed_folder = seed_folder
        self.gate: FaultGate | None = None
        self.on_started: Callable[[], None] = lambda: None

    def asgi(self, transports: dict[tuple[str, int], asyncio.Transport]) -> FaultGate:
        """The whole ASGI app: the fault gate around Starlette."""
        app = Starlette(
            routes=self.routes(),
            exception_handlers={
                Problem: self._on_problem,
                HTTPException: self._on_http_exception,
                Exception: self._on_crash,
            },
            lifespan=self._lifespan,
        )
        self.gate = FaultGate(app, self.plan, transports)
        return self.gate

    @asynccontextmanager
    async def _lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        assert self.gate is not None
        self.gate.bind(asyncio.get_running_loop())
        self.on_started()
        yield

    def routes(self) -> list[Route]:
        return [
            Route("/v1/health", self.health, methods=["GET"]),
            Route("/v1/enroll", self.enroll, methods=["POST"]),
            Route("/v1/token", self.token, methods=["POST"]),
            Route("/v1/transactions:batch", self.push, methods=["POST"]),
            Route("/v1/feeds/{feed}", self.feed, methods=["GET"]),
            Route("/v1/returns:lookup", self.lookup, methods=["GET"]),
            Route("/v1/photos/{sha256}", self.put_photo, methods=["PUT"]),
            Route("/openapi.yaml", self.contract_yaml, methods=["GET"]),
            Route("/openapi.json", self.contract_json, methods=["GET"]),
            Route("/admin/seed", self.admin_seed, methods=["POST"]),
            Route("/admin/seed/folder", self.admin_seed_folder, methods=["POST"]),
            Route("/admin/delete", self.admin_delete, methods=["POST"]),
            Route("/admin/bulk", self.admin_bulk, methods=["POST"]),
            Route("/admin/enrollment-tokens", self.admin_mint, methods=["POST"]),
            Route("/admin/received", self.admin_received, methods=["GET"]),
            Route("/admin/deliveries", self.admin_deliveries, methods=["GET"]),
            Route("/admin/stats", self.admin_stats, methods=["GET"]),
            Route("/admin/reset", self.admin_reset, methods=["POST"]),
            Route("/admin/faults", self.admin_faults, methods=["GET", "POST"]),
            Route("/admin/photos/{sha256}", self.admin_photo, methods=["GET"]),
        ]

    # -- errors ------------------------------------------------------------------------------------

    async def _on_problem(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        body = problem_body(
            exc.code, exc.detail, correlation_id=_correlation(request), instance=request.url.path, errors=exc.errors
        )
        return Response(body, exc.code.status, headers=exc.headers, media_type="application/problem+json")

    async def _on_http_exception(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 405:
            code, detail = ProblemCode.METHOD_NOT_ALLOWED, f"{request.method} is not allowed on {request.url.path}."
        elif exc.status_code == 404:
            code, detail = ProblemCode.NOT_FOUND, f"There is nothing at {request.url.path}."
        else:
            code, detail = ProblemCode.BAD_PARAMETER, str(exc.detail)
        body = problem_body(
            code, detail, correlation_id=_correlation(request), status=exc.status_code, instance=request.url.path
        )
        return Response(body, exc.status_code, headers=exc.headers, media_type="application/problem+json")

    async def _on_crash(self, request: Request, exc: Exception) -> Response:
        """A bug in the simulator: still a problem+json answer (Starlette logs the traceback)."""
        detail = f"The central RMS simulator failed ({type(exc).__name__}); this is a bug in the simulator."
        body = problem_body(ProblemCode.SERVER_ERROR, detail, correlation_id=_correlation(request))
        return Response(body, 500, media_type="application/problem+json")

    # -- station API -------------------------------------------------------------------------------

    def _station(self, request: Request) -> str:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            detail = "Sign in first: send 'Authorization: Bearer <token>'."
            raise Problem(ProblemCode.INVALID_TOKEN, detail, headers=_WWW_AUTHENTICATE)
        try:
            return self.store.station_for(token.strip())
        except AuthRefused as exc:
            raise Problem(_AUTH_PROBLEMS[exc.failure], str(exc), headers=_WWW_AUTHENTICATE) from None

    async def health(self, _request: Request) -> Response:
        return _json({"status": "ok", "version": SERVER_VERSION})

    async def enroll(self, request: Request) -> Response:
        enrollment = _checked(read_enrollment, await _read_json(request, 64 * 1024))
        try:
            credential = self.store.enroll(enrollment.enrollment_token, enrollment.station_id, enrollment.app_version)
        except AuthRefused as exc:
            unknown = exc.failure is AuthFailure.INVALID_TOKEN
            raise Problem(
                ProblemCode.ENROLLMENT_TOKEN_UNKNOWN if unknown else _AUTH_PROBLEMS[exc.failure], str(exc)
            ) from None
        return _json({"station_id": enrollment.station_id, "station_credential": credential}, 201)

    async def token(self, request: Request) -> Response:
        asked = _checked(read_token_request, await _read_json(request, 64 * 1024))
        try:
            lifetime = self.plan.settings.token_lifetime_s
            issued = self.store.issue_token(asked.station_id, asked.station_credential, lifetime)
        except AuthRefused as exc:
            raise Problem(_AUTH_PROBLEMS[exc.failure], str(exc)) from None
        return _json({"access_token": issued.access_token, "token_type": "Bearer", "expires_in": issued.expires_in})

    async def push(self, request: Request) -> Response:
        station_id = self._station(request)
        batch = _checked(read_batch, await _read_json(request, MAX_BATCH_BYTES))
        if batch.station_id != station_id:
            raise Problem(
                ProblemCode.STATION_MISMATCH,
                f"This access token belongs to station {station_id}, but the batch is for {batch.station_id}.",
            )
        results = self.store.apply_batch(station_id, batch.transactions)
        return _json({"results": [result.to_json() for result in results]})

    async def feed(self, request: Request) -> Response:
        self._station(request)
        name = request.path_params["feed"]
        try:
            feed = Feed(name)
        except ValueError:
            names = ", ".join(f.value for f in Feed)
            raise Problem(ProblemCode.NOT_FOUND, f"There is no feed named '{name}'; feeds: {names}.") from None
        limit = _limit(request.query_params.get("limit"))
        cursor = request.query_params.get("cursor") or None
        if cursor is not None and len(cursor) > 512:
            raise Problem(ProblemCode.INVALID_CURSOR, "This cursor is too long to be one of ours; start without one.")
        try:
            page = self.store.feed_page(feed, cursor, limit)
        except CursorInvalid as exc:
            raise Problem(ProblemCode.INVALID_CURSOR, str(exc)) from None
        except CursorExpired as exc:
            raise Problem(ProblemCode.CURSOR_EXPIRED, str(exc)) from None
        return Response(page.to_json_text().encode("utf-8"), media_type="application/json")

    async def lookup(self, request: Request) -> Response:
        self._station(request)
        identifier = request.query_params.get("identifier")
        if identifier is None or not identifier:
            raise Problem(ProblemCode.BAD_PARAMETER, "Say what to look for: ?identifier=<RMA, order or serial>.")
        if len(identifier) > 200:
            raise Problem(ProblemCode.BAD_PARAMETER, "The identifier is longer than 200 characters.")
        found = self.store.find_return(identifier)
        if found is None:
            raise Problem(
                ProblemCode.NOT_FOUND,
                f"No return matches '{identifier.strip()}' (RMA, order, tracking number, return id or serial).",
            )
        return _json({"return": found.data, "matched_by": found.matched_by})

    async def put_photo(self, request: Request) -> Response:
        station_id = self._station(request)
        sha256 = request.path_params["sha256"]
        if not SHA256_HEX.fullmatch(sha256):
            raise Problem(ProblemCode.BAD_PARAMETER, "The path must end in the photo's lower-case hex SHA-256.")
        transaction_id = request.headers.get("x-transaction-id", "")
        if not 1 <= len(transaction_id) <= 64:
            raise Problem(ProblemCode.BAD_PARAMETER, "Name the transaction showing this photo in X-Transaction-Id.")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in PHOTO_TYPES:
            detail = f"Photos are stored as image/jpeg or image/png, not '{content_type}'."
            raise Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, detail)
        data = await _read_body(request, MAX_PHOTO_BYTES)
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            raise Problem(
                ProblemCode.HASH_MISMATCH,
                f"The photo's SHA-256 is {actual}, not {sha256}: it was damaged on the way; send it again.",
            )
        stored = self.store.store_photo(sha256, content_type, data, station_id, transaction_id)
        return _json(stored.to_json(), 201 if stored.created else 200)

    async def contract_yaml(self, _request: Request) -> Response:
        return Response(CONTRACT_PATH.read_bytes(), media_type="application/yaml")

    async def contract_json(self, _request: Request) -> Response:
        return _json(load_contract())

    # -- admin API ---------------------------------------------------------------------------------

    async def _admin_body(self, request: Request) -> dict[str, Any]:
        client = request.client.host if request.client else ""
        if client not in LOOPBACK:
            raise Problem(ProblemCode.FORBIDDEN, "The admin API answers only on loopback.")
        if request.method == "GET":
            return {}
        body = await _read_json(request, MAX_ADMIN_BYTES) if await request.body() else {}
        if not isinstance(body, dict):
            raise Problem(ProblemCode.INVALID_REQUEST, "The admin API takes a JSON object.")
        return body

    async def admin_seed(self, request: Request) -> Response:
        """{feed: [items]}; `?replace=true` also tombstones the keys of each given feed that are not listed."""
        body = await self._admin_body(request)
        feeds = _feeds_in(body)
        replace = request.query_params.get("replace", "").lower() in ("1", "true", "yes")
        changed, deleted = {}, {}
        try:
            for feed, items in feeds.items():
                if not isinstance(items, list):
                    raise SeedInvalid(f"{feed.value} must be a list of objects")
                changed[feed.value] = self.store.seed(feed, items)
                if replace:
                    keep = {str(item[feed.key_field]) for item in items}
                    deleted[feed.value] = self.store.delete(feed, self.store.live_keys(feed) - keep)
        except SeedInvalid as exc:
            raise Problem(ProblemCode.INVALID_REQUEST, str(exc)) from None
        return _json({"changed": changed, "deleted": deleted})

    async def admin_seed_folder(self, request: Request) -> Response:
        body = await self._admin_body(request)
        folder = body.get("path") or self.seed_folder
        if not folder:
            raise Problem(ProblemCode.INVALID_REQUEST, 'Say which folder to load: {"path": "resources/reference"}.')
        try:
            changed = self.store.seed_folder(Path(str(folder)))
        except SeedInvalid as exc:
            raise Problem(ProblemCode.INVALID_REQUEST, str(exc)) from None
        return _json({"changed": changed})

    async def admin_delete(self, request: Request) -> Response:
        feeds = _feeds_in(await self._admin_body(request))
        deleted = {feed.value: self.store.delete(feed, [str(key) for key in keys]) for feed, keys in feeds.items()}
        return _json({"deleted": deleted})

    async def admin_bulk(self, request: Request) -> Response:
        body = await self._admin_body(request)
        counts = {name: body.get(name, 0) for name in ("catalog", "returns", "start", "quantity")}
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in counts.values()):
            raise Problem(ProblemCode.INVALID_REQUEST, "catalog, returns, start and quantity must be whole numbers.")
        changed = generate_bulk(
            self.store,
            catalog=counts["catalog"],
            returns=counts["returns"],
            start=counts["start"],
            quantity=counts["quantity"] or 10,
        )
        return _json({"changed": changed})

    async def admin_mint(self, request: Request) -> Response:
        body = await self._admin_body(request)
        token = body.get("token")
        count = body.get("count", 1)
        if token is not None and not (isinstance(token, str) and token):
            raise Problem(ProblemCode.INVALID_REQUEST, "token must be a non-empty string.")
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 1000:
            raise Problem(ProblemCode.INVALID_REQUEST, "count must be a whole number from 1 to 1000.")
        if token:
            tokens = [self.store.mint_enrollment_token(token)]
        else:
            tokens = [self.store.mint_enrollment_token() for _ in range(count)]
        return _json({"tokens": tokens}, 201)

    async def admin_received(self, request: Request) -> Response:
        await self._admin_body(request)
        station_id = request.query_params.get("station_id") or None
        return _json({"transactions": [t.to_json() for t in self.store.received(station_id)]})

    async def admin_deliveries(self, request: Request) -> Response:
        await self._admin_body(request)
        station_id = request.query_params.get("station_id") or None
        return _json({"deliveries": self.store.deliveries(station_id)})

    async def admin_stats(self, request: Request) -> Response:
        await self._admin_body(request)
        return _json(self.stats())

    def stats(self) -> dict[str, Any]:
        return {
            **self.store.counts(),
            "faults_injected": self.plan.injected(),
            "answers": self.gate.answers() if self.gate else {},
        }

    async def admin_reset(self, request: Request) -> Response:
        body = await self._admin_body(request)
        self.reset(reseed=bool(body.get("reseed", False)))
        return _json({"reset": True})

    def reset(self, *, reseed: bool = False) -> None:
        """Empty the database, clear the faults and the counters; optionally load the seed folder again."""
        self.store.reset()
        self.plan.configure({"clear": True})
        if self.gate is not None:
            self.gate.reset_counts()
        if reseed and self.seed_folder is not None:
            self.store.seed_folder(self.seed_folder)

    async def admin_faults(self, request: Request) -> Response:
        body = await self._admin_body(request)
        if request.method == "POST":
            try:
                self.configure_faults(body)
            except (ValueError, TypeError) as exc:
                raise Problem(ProblemCode.INVALID_REQUEST, str(exc)) from None
        return _json(self.fault_state())

    def configure_faults(self, changes: Mapping[str, Any]) -> None:
        """Knob changes; `expire_tokens: true` also makes every access token issued so far expire now."""
        changes = dict(changes)
        if changes.pop("expire_tokens", False):
            self.store.expire_tokens()
        self.plan.configure(changes)

    def fault_state(self) -> dict[str, Any]:
        return {
            "settings": self.plan.settings.to_json(),
            "script": self.plan.pending_script(),
            "injected": self.plan.injected(),
        }

    async def admin_photo(self, request: Request) -> Response:
        await self._admin_body(request)
        data = self.store.photo(request.path_params["sha256"])
        if data is None:
            raise Problem(ProblemCode.NOT_FOUND, "No photo with this SHA-256 is stored.")
        return Response(data, media_type="application/octet-stream")


def generate_bulk(
    store: CentralStore, *, catalog: int = 0, returns: int = 0, start: int = 0, quantity: int = 10
) -> dict[str, int]:
    """Seed `catalog` made-up catalog rows and `returns` made-up returns (ids RB-0000000...) quickly."""
    changed: dict[str, int] = {}
    if catalog:
        changed[Feed.CATALOG.value] = store.seed(Feed.CATALOG, catalog_rows(catalog, start))
    if returns:
        changed[Feed.RETURNS.value] = store.seed(Feed.RETURNS, return_rows(returns, start, quantity=quantity))
    return changed


def _limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_FEED_PAGE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_FEED_PAGE:
        raise Problem(ProblemCode.BAD_PARAMETER, f"limit must be a whole number from 1 to {MAX_FEED_PAGE}.")
    return int(raw)


def _feeds_in(body: Mapping[str, Any]) -> dict[Feed, Any]:
    feeds: dict[Feed, Any] = {}
    for name, value in body.items():
        try:
            feeds[Feed(name)] = value
        except ValueError:
            names = ", ".join(f.value for f in Feed)
            raise Problem(ProblemCode.INVALID_REQUEST, f"There is no feed named '{name}'; feeds: {names}.") from None
    return feeds
