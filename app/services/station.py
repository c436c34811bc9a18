"""The station's use cases, assembled once over one database: what the UI and the demo call."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.errors import StorageProblem
from app.phrases import QT_TRANSLATE_NOOP
from app.rules import RuleBook
from app.services.auth import Authenticator
from app.services.context import StationContext, utc_now
from app.services.disposition import Dispositions
from app.services.history import History
from app.services.inspection import Inspections
from app.services.labels import LabelPrinter, Labels
from app.services.receiving import Receiving
from app.services.sync_queue import SyncQueue
from app.services.views import ReturnView, return_view
from app.store import migrate, reference
from app.store.db import Database
from app.store.journal import ChainReport, verify_audit_chain


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the station database to this version's schema.

    A file that is not a station database, a damaged one, or a folder the station may not write
    to is a `StorageProblem` naming the file: the station cannot start, and IT has to act.
    """
    db: Database | None = None
    try:
        db = Database(path)
        migrate.upgrade(db.engine)
    except (sqlite3.Error, DBAPIError, OSError) as exc:
        if db is not None:
            db.dispose()
        problem = str(getattr(exc, "orig", None) or exc)
        raise StorageProblem(
            QT_TRANSLATE_NOOP(
                "Core", "The station cannot open its database {path}: {problem}. Ask IT to check or restore the file."
            ),
            path=str(path),
            problem=problem,
        ) from exc
    return db


def load_rules(db: Database) -> RuleBook:
    with db.read() as session:
        return RuleBook.from_documents(reference.documents(session))


class Station:
    def __init__(
        self,
        db: Database,
        *,
        station_id: str,
        data_dir: Path,
        printer: LabelPrinter | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.context = StationContext(db=db, station_id=station_id, data_dir=data_dir, clock=clock)
        self.auth = Authenticator(self.context)
        self.receiving = Receiving(self.context)
        self.history = History(self.context)
        self.labels = Labels(self.context, printer)
        self.sync_queue = SyncQueue(self.context, self.auth)
        rules = load_rules(db)
        self.inspections = Inspections(self.context, rules)
        self.dispositions = Dispositions(self.context, rules, self.auth)

    @property
    def db(self) -> Database:
        return self.context.db

    @property
    def rules(self) -> RuleBook:
        return self.inspections.rules

    def reload_rules(self) -> None:
        """After a feed pull changed grading scales, checklists, rules or the approval policy."""
        rules = load_rules(self.db)
        self.inspections.rules = rules
        self.dispositions.rules = rules

    def return_view(self, return_id: str) -> ReturnView:
        """The read model of one return, as committed (one read transaction)."""
        with self.db.read() as session:
            return return_view(session, return_id)

    def verify_audit(self) -> ChainReport:
        with self.db.read() as session:
            return verify_audit_chain(session)
