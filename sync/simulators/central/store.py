"""The central RMS simulator's own SQLite database: stations, tokens, applied transactions, feeds, photos.

One connection behind one lock serves the server's event loop and the test thread alike; SQLite runs in
WAL mode so the file can be inspected while the simulator runs. Every write is one explicit transaction.
Secrets (enrollment tokens, station credentials, access tokens) are stored only as SHA-256 hashes.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import json
import os
import secrets
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeGuard

from sync.simulators.central.bodies import Envelope
from sync.simulators.central.ledger import ReturnStatus, TransactionResult, apply_batch

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS enrollment_tokens (
    token_hash TEXT PRIMARY KEY, minted_at REAL NOT NULL, used_by TEXT, used_at REAL);
CREATE TABLE IF NOT EXISTS stations (
    station_id TEXT PRIMARY KEY, credential_hash TEXT NOT NULL, app_version TEXT, enrolled_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS access_tokens (
    token_hash TEXT PRIMARY KEY, station_id TEXT NOT NULL, generation INTEGER NOT NULL,
    issued_at REAL NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (
    applied_order INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, station_id TEXT NOT NULL, seq INTEGER NOT NULL,
    return_id TEXT NOT NULL, prev_seq INTEGER, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
    created_at TEXT NOT NULL, app_version TEXT NOT NULL, correlation_id TEXT NOT NULL, operator TEXT NOT NULL,
    payload TEXT NOT NULL, applied_at REAL NOT NULL, UNIQUE (station_id, seq));
CREATE TABLE IF NOT EXISTS deliveries (
    id TEXT PRIMARY KEY, station_id TEXT NOT NULL, count INTEGER NOT NULL, last_status TEXT NOT NULL,
    last_code TEXT, last_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS feed_items (
    feed TEXT NOT NULL, key TEXT NOT NULL, change_no INTEGER NOT NULL, deleted INTEGER NOT NULL, data TEXT,
    PRIMARY KEY (feed, key));
CREATE INDEX IF NOT EXISTS feed_items_by_change ON feed_items (feed, change_no);
CREATE TABLE IF NOT EXISTS returns_state (
    return_id TEXT PRIMARY KEY, origin TEXT NOT NULL, status TEXT NOT NULL, opened_by TEXT);
CREATE TABLE IF NOT EXISTS return_lines (
    return_id TEXT NOT NULL, line_no INTEGER NOT NULL, authorized INTEGER NOT NULL, received INTEGER NOT NULL,
    PRIMARY KEY (return_id, line_no));
CREATE TABLE IF NOT EXISTS return_identifiers (
    identifier TEXT NOT NULL, return_id TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (identifier, return_id, kind));
CREATE INDEX IF NOT EXISTS return_identifiers_by_return ON return_identifiers (return_id);
CREATE TABLE IF NOT EXISTS sold_serials (sale_id TEXT PRIMARY KEY, serial TEXT NOT NULL, order_number TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sold_serials_by_serial ON sold_serials (serial);
CREATE TABLE IF NOT EXISTS photos (
    sha256 TEXT PRIMARY KEY, content_type TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,
    station_id TEXT NOT NULL, transaction_id TEXT NOT NULL, stored_at REAL NOT NULL);
"""
_TABLES = (
    "meta",
    "enrollment_tokens",
    "stations",
    "access_tokens",
    "transactions",
    "deliveries",
    "feed_items",
    "returns_state",
    "return_lines",
    "return_identifiers",
    "sold_serials",
    "photos",
)
_CLOSED_STATUSES = frozenset({"closed", "cancelled", "canceled", "completed"})


class Feed(enum.Enum):
    RETURNS = "returns"
    SALES = "sales"
    CATALOG = "catalog"
    REASON_CODES = "reason_codes"
    DISPOSITION_CODES = "disposition_codes"
    GRADING_SCALES = "grading_scales"
    CHECKLISTS = "checklists"
    DISPOSITION_RULES = "disposition_rules"
    APPROVAL_POLICY = "approval_policy"
    OPERATORS = "operators"

    @property
    def key_field(self) -> str:
        return _KEY_FIELDS[self]


_KEY_FIELDS = {
    Feed.RETURNS: "return_id",
    Feed.SALES: "sale_id",
    Feed.CATALOG: "gtin",
    Feed.REASON_CODES: "code",
    Feed.DISPOSITION_CODES: "code",
    Feed.GRADING_SCALES: "scale_id",
    Feed.CHECKLISTS: "category",
    Feed.DISPOSITION_RULES: "rule_id",
    Feed.APPROVAL_POLICY: "policy_id",
    Feed.OPERATORS: "operator_id",
}


class AuthFailure(enum.Enum):
    INVALID_TOKEN = "invalid_token"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_USED = "token_used"
    INVALID_CREDENTIALS = "invalid_credentials"


class AuthRefused(Exception):
    def __init__(self, failure: AuthFailure, message: str) -> None:
        super().__init__(message)
        self.failure = failure


class SeedInvalid(ValueError):
    """Reference data that cannot be stored; the message names the feed and the item."""


class CursorInvalid(ValueError):
    """A cursor this server did not make, or made for another feed."""


class CursorExpired(ValueError):
    """A cursor made before the last reset."""


@dataclass(frozen=True, slots=True)
class IssuedToken:
    access_token: str
    expires_in: int


@dataclass(frozen=True, slots=True)
class FeedPage:
    feed: Feed
    items_json: str  # the items array, already JSON: the data is stored as text and never re-parsed
    count: int
    next_cursor: str
    has_more: bool

    def to_json_text(self) -> str:
        return (
            f'{{"feed":{json.dumps(self.feed.value)},"items":{self.items_json},'
            f'"next_cursor":{json.dumps(self.next_cursor)},"has_more":{"true" if self.has_more else "false"}}}'
        )


@dataclass(frozen=True, slots=True)
class FoundReturn:
    data: dict[str, Any]
    matched_by: str


@dataclass(frozen=True, slots=True)
class StoredPhoto:
    sha256: str
    size: int
    content_type: str
    created: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ReceivedTransaction:
    """One applied transaction as central holds it, with how many times its id was delivered."""

    applied_order: int
    id: str
    station_id: str
    seq: int
    return_id: str
    prev_seq: int | None
    type: str
    correlation_id: str
    operator: str
    payload: dict[str, Any]
    deliveries: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


_CANONICAL = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def _canonical(item: Mapping[str, Any]) -> str:
    """One text per content, so re-seeding an unchanged item is recognised and not re-emitted."""
    return _CANONICAL.encode(item)


def _is_whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _chunks(values: Sequence[Any], size: int = 900) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class CentralStore:
    """All of central's state. Thread-safe: every method takes the one lock."""

    def __init__(self, path: Path | str | None = None, *, clock: Callable[[], float] = time.time) -> None:
        self._owns_file = path is None
        if path is None:
            handle, name = tempfile.mkstemp(prefix="central-rms-", suffix=".sqlite3")
            os.close(handle)
            path = name
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # The simulator is a test double, not the system of record: NORMAL trades the last commits on a
        # power cut for speed. The station's own queue runs with FULL.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        with self._write():
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('epoch', ?)", (secrets.token_hex(4),))
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('change_no', '0')")
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('token_generation', '0')")

    def close(self) -> None:
        with self._lock:
            self._db.close()
            if self._owns_file:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _meta(self, key: str) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0])

    def reset(self) -> None:
        """Forget everything: stations, tokens, transactions, feeds, photos. Old cursors expire."""
        with self._write() as db:
            for table in _TABLES:
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT INTO meta VALUES ('epoch', ?)", (secrets.token_hex(4),))
            db.execute("INSERT INTO meta VALUES ('change_no', '0')")
            db.execute("INSERT INTO meta VALUES ('token_generation', '0')")

    # -- enrollment and tokens -------------------------------------------------------------------

    def mint_enrollment_token(self, token: str | None = None) -> str:
        # Hex, not URL-safe base64: a token starting with "-" would read as an option on the `enroll` command line.
        token = token or secrets.token_hex(16)
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO enrollment_tokens (token_hash, minted_at) VALUES (?, ?)",
                (_digest(token), self._clock()),
            )
        return token

    def enroll(self, enrollment_token: str, station_id: str, app_version: str) -> str:
        """The new station credential; the token is spent in the same transaction."""
        credential = secrets.token_urlsafe(32)
        now = self._clock()
        with self._write() as db:
            row = db.execute(
                "SELECT used_by FROM enrollment_tokens WHERE token_hash = ?", (_digest(enrollment_token),)
            ).fetchone()
            if row is None:
                raise AuthRefused(AuthFailure.INVALID_TOKEN, "This enrollment token is unknown; ask IT for a new one.")
            if row[0] is not None:
                raise AuthRefused(
                    AuthFailure.TOKEN_USED,
                    f"This enrollment token was already used (by station {row[0]}); ask IT for a new one.",
                )
            db.execute(
                "UPDATE enrollment_tokens SET used_by = ?, used_at = ? WHERE token_hash = ?",
                (station_id, now, _digest(enrollment_token)),
            )
            db.execute(
                "INSERT INTO stations VALUES (?, ?, ?, ?) ON CONFLICT(station_id) DO UPDATE SET"
                " credential_hash = excluded.credential_hash, app_version = excluded.app_version,"
                " enrolled_at = excluded.enrolled_at",
                (station_id, _digest(credential), app_version, now),
            )
            db.execute("DELETE FROM access_tokens WHERE station_id = ?", (station_id,))
        return credential

    def issue_token(self, station_id: str, credential: str, lifetime_s: int) -> IssuedToken:
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._write() as db:
            row = db.execute("SELECT credential_hash FROM stations WHERE station_id = ?", (station_id,)).fetchone()
            if row is None or not secrets.compare_digest(row[0], _digest(credential)):
                raise AuthRefused(
                    AuthFailure.INVALID_CREDENTIALS,
                    f"Station {station_id} is not enrolled with this credential; enroll the station again.",
                )
            generation = int(self._meta("token_generation"))
            db.execute("DELETE FROM access_tokens WHERE expires_at <= ?", (now,))
            db.execute(
                "INSERT INTO access_tokens VALUES (?, ?, ?, ?, ?)",
                (_digest(token), station_id, generation, now, now + lifetime_s),
            )
        return IssuedToken(token, lifetime_s)

    def station_for(self, access_token: str) -> str:
        """The station an access token belongs to; raises AuthRefused when it is unknown or expired."""
        with self._lock:
            row = self._db.execute(
                "SELECT station_id, generation, expires_at FROM access_tokens WHERE token_hash = ?",
                (_digest(access_token),),
            ).fetchone()
            generation = int(self._meta("token_generation"))
        if row is None:
            raise AuthRefused(AuthFailure.INVALID_TOKEN, "The access token is unknown; get a new one.")
        station_id, token_generation, expires_at = row
        if token_generation != generation or expires_at <= self._clock():
            raise AuthRefused(AuthFailure.TOKEN_EXPIRED, "The access token has expired; get a new one.")
        return str(station_id)

    def expire_tokens(self) -> None:
        """Every access token issued so far stops working (a forced expiry mid-drain)."""
        with self._write() as db:
            db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'token_generation'")

    # -- push --------------------------------------------------------------------------------------

    def apply_batch(self, station_id: str, envelopes: Sequence[Envelope]) -> list[TransactionResult]:
        with self._write() as db:
            return apply_batch(db, station_id, envelopes, self._clock())

    # -- reference data ----------------------------------------------------------------------------

    def seed(self, feed: Feed, items: Sequence[Mapping[str, Any]]) -> int:
        """Insert or update items; unchanged items are not re-emitted. Returns how many changed."""
        keyed: dict[str, tuple[str, Mapping[str, Any]]] = {}
        for index, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise SeedInvalid(f"{feed.value}[{index}] is not a JSON object")
            key = item.get(feed.key_field)
            if not isinstance(key, str | int) or isinstance(key, bool) or key == "":
                raise SeedInvalid(f"{feed.value}[{index}] has no usable '{feed.key_field}' (the feed's key)")
            keyed[str(key)] = (_canonical(item), item)
        with self._write() as db:
            existing: dict[str, str | None] = {}
            keys = list(keyed)
            empty = db.execute("SELECT 1 FROM feed_items WHERE feed = ? LIMIT 1", (feed.value,)).fetchone() is None
            for chunk in [] if empty else _chunks(keys):
                marks = ",".join("?" * len(chunk))
                existing.update(
                    db.execute(
                        f"SELECT key, data FROM feed_items WHERE feed = ? AND key IN ({marks})", [feed.value, *chunk]
                    ).fetchall()
                )
            changed = [(key, text, item) for key, (text, item) in keyed.items() if existing.get(key) != text]
            first = int(self._meta("change_no")) + 1
            db.executemany(
                "INSERT INTO feed_items VALUES (?, ?, ?, 0, ?) ON CONFLICT(feed, key) DO UPDATE SET"
                " change_no = excluded.change_no, deleted = 0, data = excluded.data",
                [(feed.value, key, first + offset, text) for offset, (key, text, _) in enumerate(changed)],
            )
            db.execute("UPDATE meta SET value = ? WHERE key = 'change_no'", (str(first + len(changed) - 1),))
            if feed is Feed.RETURNS:
                self._index_returns(db, [item for _, _, item in changed])
            elif feed is Feed.SALES:
                self._index_sales(db, [item for _, _, item in changed])
        return len(changed)

    def delete(self, feed: Feed, keys: Iterable[str]) -> int:
        """Tombstone the given keys; returns how many existed and are now deleted."""
        wanted = [str(key) for key in keys]
        with self._write() as db:
            live: list[str] = []
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                live.extend(
                    row[0]
                    for row in db.execute(
                        f"SELECT key FROM feed_items WHERE feed = ? AND deleted = 0 AND key IN ({marks})",
                        [feed.value, *chunk],
                    )
                )
            first = int(self._meta("change_no")) + 1
            db.executemany(
                "UPDATE feed_items SET deleted = 1, data = NULL, change_no = ? WHERE feed = ? AND key = ?",
                [(first + offset, feed.value, key) for offset, key in enumerate(live)],
            )
            db.execute("UPDATE meta SET value = ? WHERE key = 'change_no'", (str(first + len(live) - 1),))
            if feed is Feed.RETURNS:
                for table in ("returns_state", "return_lines", "return_identifiers"):
                    db.executemany(f"DELETE FROM {table} WHERE return_id = ?", [(key,) for key in live])
            elif feed is Feed.SALES:
                db.executemany("DELETE FROM sold_serials WHERE sale_id = ?", [(key,) for key in live])
        return len(live)

    def live_keys(self, feed: Feed) -> set[str]:
        with self._lock:
            rows = self._db.execute("SELECT key FROM feed_items WHERE feed = ? AND deleted = 0", (feed.value,))
            return {row[0] for row in rows}

    @staticmethod
    def _index_returns(db: sqlite3.Connection, returns: Sequence[Mapping[str, Any]]) -> None:
        """What validation and lookup need from a return: its state, its lines and its identifiers."""
        states: list[tuple[str, str]] = []
        lines: list[tuple[str, int, int]] = []
        identifiers: list[tuple[str, str, str]] = []
        for data in returns:
            return_id = str(data["return_id"])
            closed = str(data.get("status", "")).lower() in _CLOSED_STATUSES
            states.append((return_id, (ReturnStatus.CLOSED if closed else ReturnStatus.AUTHORIZED).value))
            for index, line in enumerate(data.get("lines") or []):
                line_no = line.get("line_no") if isinstance(line, Mapping) else None
                quantity = line.get("quantity_authorized") if isinstance(line, Mapping) else None
                if not (_is_whole(line_no) and _is_whole(quantity)):
                    raise SeedInvalid(
                        f"return {return_id}, line {index + 1}: line_no and quantity_authorized must be whole numbers"
                    )
                lines.append((return_id, line_no, quantity))
                serials = line.get("expected_serials") or []
                identifiers.extend((str(serial).upper(), return_id, "expected_serial") for serial in serials)
            identifiers.append((return_id.upper(), return_id, "return_id"))
            for name in ("rma_number", "order_number"):
                if data.get(name):
                    identifiers.append((str(data[name]).upper(), return_id, name))
            tracking = data.get("tracking_numbers") or []
            identifiers.extend((str(number).upper(), return_id, "tracking_number") for number in tracking)
        db.executemany(
            "INSERT INTO returns_state (return_id, origin, status) VALUES (?, 'central', ?) ON CONFLICT(return_id)"
            " DO UPDATE SET status = CASE WHEN excluded.status = 'closed' THEN 'closed' ELSE status END",
            states,
        )
        db.executemany(
            "INSERT INTO return_lines VALUES (?, ?, ?, 0) ON CONFLICT(return_id, line_no)"
            " DO UPDATE SET authorized = excluded.authorized",
            lines,
        )
        db.executemany("DELETE FROM return_identifiers WHERE return_id = ?", [(s[0],) for s in states])
        db.executemany("INSERT OR IGNORE INTO return_identifiers VALUES (?, ?, ?)", identifiers)

    @staticmethod
    def _index_sales(db: sqlite3.Connection, sales: Sequence[Mapping[str, Any]]) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO sold_serials VALUES (?, ?, ?)",
            [
                (str(sale["sale_id"]), str(sale["serial"]).upper(), str(sale["order_number"]).upper())
                for sale in sales
                if sale.get("serial") and sale.get("order_number")
            ],
        )

    def seed_folder(self, folder: Path | str) -> dict[str, int]:
        """Load `<folder>/<feed>.json` for every feed that has a file; returns changed counts per feed."""
        folder = Path(folder)
        if not folder.is_dir():
            raise SeedInvalid(f"{folder} is not a folder")
        loaded: dict[str, int] = {}
        for feed in Feed:
            path = folder / f"{feed.value}.json"
            if not path.is_file():
                continue
            try:
                items = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise SeedInvalid(f"{path} is not valid JSON: {exc}") from exc
            if not isinstance(items, list):
                raise SeedInvalid(f"{path} must hold a JSON list of objects")
            loaded[feed.value] = self.seed(feed, items)
        return loaded

    def feed_page(self, feed: Feed, cursor: str | None, limit: int) -> FeedPage:
        with self._lock:
            epoch = self._meta("epoch")
            after = self._read_cursor(feed, cursor, epoch) if cursor else 0
            rows = self._db.execute(
                "SELECT key, deleted, data, change_no FROM feed_items WHERE feed = ? AND change_no > ?"
                " ORDER BY change_no LIMIT ?",
                (feed.value, after, limit + 1),
            ).fetchall()
        has_more = len(rows) > limit
        rows = rows[:limit]
        parts = [
            f'{{"key":{json.dumps(key)},"deleted":{"true" if deleted else "false"},"data":{data if data else "null"}}}'
            for key, deleted, data, _ in rows
        ]
        last = rows[-1][3] if rows else after
        return FeedPage(feed, f"[{','.join(parts)}]", len(rows), self._make_cursor(feed, last, epoch), has_more)

    @staticmethod
    def _make_cursor(feed: Feed, change_no: int, epoch: str) -> str:
        return base64.urlsafe_b64encode(f"{epoch}:{feed.value}:{change_no}".encode()).decode().rstrip("=")

    @staticmethod
    def _read_cursor(feed: Feed, cursor: str, epoch: str) -> int:
        try:
            text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
            cursor_epoch, cursor_feed, change = text.split(":")
            change_no = int(change)
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise CursorInvalid("This cursor was not made by this server; start again without a cursor.") from None
        if cursor_feed != feed.value:
            raise CursorInvalid(f"This cursor belongs to the {cursor_feed} feed, not to {feed.value}.")
        if cursor_epoch != epoch:
            raise CursorExpired("This cursor predates a reset of central's data; start again without a cursor.")
        return change_no

    def find_return(self, identifier: str) -> FoundReturn | None:
        """A return by RMA, order, tracking, return id, expected or sold serial; open ones first."""
        wanted = identifier.strip().upper()
        with self._lock:
            matches = self._db.execute(
                "SELECT i.return_id, i.kind FROM return_identifiers i WHERE i.identifier = ?", (wanted,)
            ).fetchall()
            if not matches:
                matches = [
                    (row[0], "sold_serial")
                    for row in self._db.execute(
                        "SELECT DISTINCT i.return_id FROM sold_serials s JOIN return_identifiers i"
                        " ON i.identifier = s.order_number AND i.kind = 'order_number' WHERE s.serial = ?",
                        (wanted,),
                    )
                ]
            best: tuple[tuple[int, int], str, str] | None = None
            for return_id, kind in matches:
                row = self._db.execute(
                    "SELECT f.data, f.change_no, COALESCE(s.status, '') FROM feed_items f"
                    " LEFT JOIN returns_state s ON s.return_id = f.key"
                    " WHERE f.feed = 'returns' AND f.key = ? AND f.deleted = 0",
                    (return_id,),
                ).fetchone()
                if row is None:
                    continue
                rank = (0 if row[2] == ReturnStatus.CLOSED.value else 1, row[1])
                if best is None or rank > best[0]:
                    best = (rank, row[0], kind)
        if best is None:
            return None
        return FoundReturn(json.loads(best[1]), best[2])

    # -- photos ------------------------------------------------------------------------------------

    def store_photo(
        self, sha256: str, content_type: str, data: bytes, station_id: str, transaction_id: str
    ) -> StoredPhoto:
        with self._write() as db:
            row = db.execute("SELECT size, content_type FROM photos WHERE sha256 = ?", (sha256,)).fetchone()
            if row is not None:
                return StoredPhoto(sha256, row[0], row[1], created=False)
            db.execute(
                "INSERT INTO photos VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sha256, content_type, len(data), data, station_id, transaction_id, self._clock()),
            )
        return StoredPhoto(sha256, len(data), content_type, created=True)

    def photo(self, sha256: str) -> bytes | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM photos WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    # -- inspection for tests and the admin API ----------------------------------------------------

    def _select_for_station(self, query: str, column: str, station_id: str | None, order: str) -> list[Any]:
        if station_id is None:
            return self._db.execute(f"{query} ORDER BY {order}").fetchall()
        return self._db.execute(f"{query} WHERE {column} = ? ORDER BY {order}", (station_id,)).fetchall()

    def received(self, station_id: str | None = None) -> list[ReceivedTransaction]:
        """Applied transactions in applied order (of one station, or all), with their delivery counts."""
        query = (
            "SELECT t.applied_order, t.id, t.station_id, t.seq, t.return_id, t.prev_seq, t.type, t.correlation_id,"
            " t.operator, t.payload, COALESCE(d.count, 1) FROM transactions t LEFT JOIN deliveries d ON d.id = t.id"
        )
        with self._lock:
            rows = self._select_for_station(query, "t.station_id", station_id, "t.applied_order")
        return [
            ReceivedTransaction(
                applied_order=row[0],
                id=row[1],
                station_id=row[2],
                seq=row[3],
                return_id=row[4],
                prev_seq=row[5],
                type=row[6],
                correlation_id=row[7],
                operator=row[8],
                payload=json.loads(row[9]),
                deliveries=row[10],
            )
            for row in rows
        ]

    def deliveries(self, station_id: str | None = None) -> list[dict[str, Any]]:
        """Every id ever delivered (applied or not), with its count and last answer."""
        query = "SELECT id, station_id, count, last_status, last_code FROM deliveries"
        with self._lock:
            rows = self._select_for_station(query, "station_id", station_id, "last_at, id")
        return [
            {"id": r[0], "station_id": r[1], "deliveries": r[2], "last_status": r[3], "last_code": r[4]} for r in rows
        ]

    def counts(self) -> dict[str, Any]:
        with self._lock:
            db = self._db
            by_feed = dict(db.execute("SELECT feed, COUNT(*) FROM feed_items WHERE deleted = 0 GROUP BY feed"))
            by_status = dict(db.execute("SELECT last_status, COUNT(*) FROM deliveries GROUP BY last_status"))
            return {
                "stations": db.execute("SELECT COUNT(*) FROM stations").fetchone()[0],
                "transactions_applied": db.execute("SELECT COUNT(*) FROM transactions").fetchone()[0],
                "deliveries": db.execute("SELECT COALESCE(SUM(count), 0) FROM deliveries").fetchone()[0],
                "last_answer_by_status": by_status,
                "feed_items": {feed.value: by_feed.get(feed.value, 0) for feed in Feed},
                "photos": db.execute("SELECT COUNT(*) FROM photos").fetchone()[0],
                "enrollment_tokens_unused": db.execute(
                    "SELECT COUNT(*) FROM enrollment_tokens WHERE used_by IS NULL"
                ).fetchone()[0],
            }
