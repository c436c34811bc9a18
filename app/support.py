"""``returns-station support-bundle --out F``: one zip IT can attach to a ticket, with no secret in it.

The bundle holds what a support engineer asks for first:

    README.txt                  what is in the bundle
    version.txt                 station version, Python, operating system, how it was installed
    configuration/effective.json  the settings in force (or why the provisioning file is unusable)
    configuration/<n>-station.toml  the provisioning files as written, secret-looking values masked
    database.txt                SQLite's integrity check, the schema revision, the audit chain, the
                                sync queue (waiting, parked with central's reasons), photos to upload
    logs/station.log*           the rotating logs, secret-looking values masked
    reports/*.txt               reports the caller adds (the self-test, the sync status)
    manifest.json               the list above with sizes

Secrets never enter it: every text passes `app.logs.redact` with the station's actual secrets
(the credential and access token the caller read from the keyring), and the finished zip is read
back and refused if any of those values is still in it.
"""

from __future__ import annotations

import json
import platform
import sqlite3
import sys
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app import __version__
from app.config import StationConfig
from app.errors import StationError
from app.logs import log_files, redact
from app.selftest import DATABASE_FILE, quick_check
from app.store.db import Database
from app.store.journal import verify_audit_chain
from app.store.outbox import Outbox
from app.store.schema import OutboxRow, PhotoRow

PARKED_SHOWN = 50


class BundleLeak(StationError):
    """The bundle would have contained a secret; it was deleted (a bug: tell the developers)."""


@dataclass(frozen=True, slots=True)
class SupportBundle:
    path: Path
    members: tuple[str, ...]


def _version_text(now: datetime) -> str:
    frozen = bool(getattr(sys, "frozen", False))
    return "\n".join(
        [
            f"Returns Station {__version__}",
            f"Created:   {now.isoformat()}",
            f"Python:    {platform.python_version()} ({platform.python_implementation()})",
            f"System:    {platform.platform()}",
            f"Machine:   {platform.machine()}",
            f"Installed: {'frozen bundle at ' + str(Path(sys.executable).parent) if frozen else 'Python package'}",
            "",
        ]
    )


def _schema_revision(path: Path) -> str:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        return f"unknown ({exc})"
    finally:
        connection.close()
    return str(row[0]) if row else "none"


def _counts(session: Session, column: InstrumentedAttribute[str]) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column)).all()
    return {str(row[0]): int(row[1]) for row in rows}


def database_report(path: Path) -> str:
    """The database's health and its sync queue, in words (never the contents of a transaction)."""
    if not path.exists():
        return f"No database at {path}: the station has never started with this data folder.\n"
    lines = [f"Database: {path} ({path.stat().st_size:,} bytes)"]
    try:
        lines.append(f"Integrity check: {quick_check(path, full=True)}")
        lines.append(f"Schema revision: {_schema_revision(path)}")
    except sqlite3.Error as exc:
        return "\n".join([*lines, f"SQLite cannot read the file: {exc}", ""])
    db = Database(path)
    try:
        with db.read() as session:
            chain = verify_audit_chain(session)
            by_status = _counts(session, OutboxRow.status)
            photos = _counts(session, PhotoRow.status)
        outbox = Outbox(db)
        snapshot = outbox.snapshot()
        parked = outbox.parked()
    except StationError as exc:
        return "\n".join([*lines, f"The database cannot be read: {exc.message}", ""])
    finally:
        db.dispose()
    lines += [
        f"Audit trail: {'intact' if chain.ok else 'BROKEN'} ({chain.records} records"
        + (f"; first broken record {chain.first_broken}: {chain.reason})" if not chain.ok else ")"),
        "",
        "Sync queue",
        f"  by status:            {json.dumps(by_status, sort_keys=True)}",
        f"  waiting to be sent:   {snapshot.pending}",
        f"  parked:               {snapshot.parked} ({snapshot.waiting_behind_parked} waiting behind them)",
        f"  oldest waiting since: {snapshot.oldest_pending_created_at or '-'}",
        f"  last delivered at:    {snapshot.last_delivered_at or '-'}",
        f"  photos by status:     {json.dumps(photos, sort_keys=True)}",
    ]
    for record in parked[:PARKED_SHOWN]:
        lines.append(
            f"  parked #{record.seq} {record.type} of {record.return_id} ({record.created_at}): "
            f"{record.result_code or '-'}: {record.last_error or '-'}"
        )
    if len(parked) > PARKED_SHOWN:
        lines.append(f"  ... and {len(parked) - PARKED_SHOWN} more parked")
    return "\n".join([*lines, ""])


def _configuration(config: StationConfig | None, problem: str | None) -> str:
    document: dict[str, object] = {}
    if config is not None:
        document = {
            "settings": config.as_document(),
            "files": [str(p) for p in config.sources],
            "notes": list(config.notes),
        }
    if problem:
        document["problem"] = problem
    if not document:
        document["problem"] = "no provisioning file on this machine"
    return json.dumps(document, indent=2) + "\n"


def build_support_bundle(
    out: Path,
    *,
    data_dir: Path,
    config: StationConfig | None,
    now: datetime,
    config_problem: str | None = None,
    config_files: Sequence[Path] = (),
    log_folder: Path | None = None,
    secrets: Sequence[str] = (),
    reports: Mapping[str, str] | None = None,
) -> SupportBundle:
    """Write the zip to `out`; `secrets` are the station's actual secret values, to be masked everywhere."""
    masks = tuple(sorted({s for s in secrets if s}, key=len, reverse=True))
    texts: dict[str, str] = {
        "version.txt": _version_text(now),
        "configuration/effective.json": _configuration(config, config_problem),
        "database.txt": database_report(data_dir / DATABASE_FILE),
    }
    files = list(config.sources) if config is not None else list(config_files)
    for index, file in enumerate(files, start=1):
        if file.is_file():
            texts[f"configuration/{index}-{file.name}"] = f"# {file}\n" + file.read_text(errors="replace")
    for log_file in log_files(log_folder):
        texts[f"logs/{log_file.name}"] = log_file.read_text(encoding="utf-8", errors="replace")
    for name, report in (reports or {}).items():
        texts[f"reports/{name}.txt"] = report
    texts = {name: redact(text, masks) for name, text in texts.items()}
    texts["README.txt"] = __doc__ or ""
    manifest = {
        "version": __version__,
        "created": now.isoformat(),
        "station_id": config.station_id if config else None,
        "files": {name: len(text.encode()) for name, text in sorted(texts.items())},
    }
    texts["manifest.json"] = json.dumps(manifest, indent=2) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, text in sorted(texts.items()):
            bundle.writestr(name, text)
    _refuse_leaks(out, masks)
    return SupportBundle(out, tuple(sorted(texts)))


def _refuse_leaks(path: Path, secrets: Sequence[str]) -> None:
    with zipfile.ZipFile(path) as bundle:
        leaked = [name for name in bundle.namelist() if any(s.encode() in bundle.read(name) for s in secrets)]
    if leaked:
        path.unlink()
        raise BundleLeak(f"The support bundle would have contained a secret (in {', '.join(leaked)}); not written")
