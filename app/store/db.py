"""The station's SQLite database: opening, migrating, and the one way to write.

SQLite runs in WAL mode with ``synchronous=FULL`` (NORMAL can lose the last commits on power loss,
and the outbox must not) and foreign keys on. Writes start with ``BEGIN IMMEDIATE`` so two threads
(the GUI's services and the sync worker) never deadlock upgrading a read lock. Storage failures are
turned into `StorageProblem` with words an inspector can act on; the transaction is rolled back, so
nothing is ever half-written.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StorageProblem
from app.phrases import QT_TRANSLATE_NOOP, Phrase

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# The commit that takes the write-ahead log past this many pages copies them into the database file
# (a checkpoint: two fsyncs and the pages changed since the last one). An action writes ~14 pages, so
# SQLite's default of 1000 checkpointed every ~70 actions; each checkpoint costs ~2 ms whatever its
# size, because the same hot pages are rewritten, so 4000 (a 16 MB log) does a quarter of the work.
WAL_AUTOCHECKPOINT_PAGES = 4000


def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Take transaction control away from the sqlite3 module so that our BEGIN is the only one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _engine(path: Path, begin: str) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"check_same_thread": False},
        pool_pre_ping=False,
    )
    event.listen(engine, "connect", _configure)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


def describe_storage_failure(exc: BaseException) -> Phrase | None:
    """Words for the inspector when `exc` is the disk or the database failing, else None (a bug)."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "database or disk is full" in text or "no space" in text:
        return QT_TRANSLATE_NOOP(
            "Core", "The station's disk is full. Nothing was saved. Ask IT to free space, then scan again."
        )
    if "readonly" in text or "read-only" in text:
        return QT_TRANSLATE_NOOP(
            "Core", "The station's database is read-only. Nothing was saved. Ask IT to check the data folder."
        )
    if "locked" in text or "busy" in text:
        return QT_TRANSLATE_NOOP(
            "Core", "The station's database is busy. Nothing was saved. Wait a moment and try again."
        )
    if "disk i/o error" in text or "unable to open" in text or "malformed" in text:
        return QT_TRANSLATE_NOOP(
            "Core", "The station cannot write to its disk. Nothing was saved. Ask IT to check the storage."
        )
    return None


def sqlite_connection(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under `connection`, for statements prepared by `app.store.prepared`."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


class Database:
    """One station database file: a writer engine (BEGIN IMMEDIATE) and a reader engine."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = _engine(path, "BEGIN IMMEDIATE")
        self._reader = _engine(path, "BEGIN")
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False, autoflush=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False, autoflush=False)

    @property
    def engine(self) -> Engine:
        return self._writer

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed on normal exit, rolled back on any exception."""
        with self._guard(), self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction on a Core connection, for the services' hot path (no ORM session).

        Committed on normal exit, rolled back on any exception; storage failures become
        `StorageProblem` exactly as in `write()`.
        """
        with self._guard(), self._writer.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._guard(), self._read_sessions() as session, session.begin():
            yield session

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except (DBAPIError, sqlite3.Error, OSError) as exc:
            message = describe_storage_failure(exc)
            if message is None:
                raise
            log.error("storage problem: %s", exc)
            raise StorageProblem(message) from exc

    def dispose(self) -> None:
        self._writer.dispose()
        self._reader.dispose()
