"""``returns-station --self-test``: is this machine ready to be a station? A readable report and an exit code.

A check is anything with a ``name`` and a ``run()`` (the `Check` protocol): ``run()`` returns a
one-line summary when all is well, a `Finding` to say more (a warning, details), or raises with a
message IT can act on. The runner runs the checks in the order given, prints each line as soon as it
is known (so a check that takes the process down still leaves the lines before it), and answers a
`SelfTestReport` whose exit code is 0 only when nothing failed. Warnings (the central server is
offline, a translation the station is not set to is missing) do not fail the self-test.

This module holds the checks the core can make by itself: the provisioning file, the database
(opened and migrated, as at every start), the shipped resources and the translations. The
composition root adds the Qt checks (`ui.selftest_checks`), the device checks
(`devices.selftest_checks`) and the central-server checks (`sync.selftest_checks`).
"""

from __future__ import annotations

import enum
import json
import logging
import platform
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from app import __version__
from app.config import ConfigError, Language, StationConfig, load_config, system_config_path
from app.errors import StationError
from app.services.station import open_database
from app.store import migrate
from app.store.outbox import Outbox
from resources import ROOT as RESOURCES

log = logging.getLogger(__name__)

DATABASE_FILE = "station.db"
TRANSLATION_CATALOG = "returns_station"  # resources/i18n/returns_station_<lang>.qm
# Folders of resources/ the station cannot run without, and the kind of file each must hold.
REQUIRED_RESOURCES = {"reference": "*.json", "styles": "*.qss"}


class Verdict(enum.Enum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found, when a one-line pass is not the whole story."""

    verdict: Verdict
    summary: str
    details: tuple[str, ...] = ()


class Check(Protocol):
    """One thing to verify. `run()` returns a summary (pass), a `Finding`, or raises (fail)."""

    @property
    def name(self) -> str: ...

    def run(self) -> str | Finding: ...


@dataclass(frozen=True, slots=True)
class Probe:
    """A check made of a name and a function."""

    name: str
    probe: Callable[[], str | Finding]

    def run(self) -> str | Finding:
        return self.probe()


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    verdict: Verdict
    summary: str
    details: tuple[str, ...] = ()
    seconds: float = 0.0

    def lines(self) -> list[str]:
        head = f"  {self.verdict.name:<4}  {self.name:<22} {self.summary}"
        return [head, *(f"{'':<30}{line}" for line in self.details)]


@dataclass(frozen=True, slots=True)
class SelfTestReport:
    results: tuple[CheckResult, ...]
    version: str = __version__

    @property
    def ok(self) -> bool:
        return all(result.verdict is not Verdict.FAIL for result in self.results)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def count(self, verdict: Verdict) -> int:
        return sum(1 for result in self.results if result.verdict is verdict)

    def closing_line(self) -> str:
        counts = (
            f"{self.count(Verdict.FAIL)} failed, {self.count(Verdict.WARN)} warnings, {self.count(Verdict.PASS)} passed"
        )
        return f"Self-test {'passed' if self.ok else 'FAILED'}: {counts}."

    def text(self) -> str:
        lines = [heading(self.version)]
        for result in self.results:
            lines.extend(result.lines())
        lines.append(self.closing_line())
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps(
            {
                "version": self.version,
                "ok": self.ok,
                "checks": [
                    {"name": r.name, "verdict": r.verdict.value, "summary": r.summary, "details": list(r.details)}
                    for r in self.results
                ],
            },
            indent=2,
        )


def heading(version: str = __version__) -> str:
    return f"Returns Station {version} self-test (Python {platform.python_version()}, {sys.platform})"


def _failure(exc: Exception) -> Finding:
    if isinstance(exc, ConfigError):
        return Finding(Verdict.FAIL, "the provisioning file has problems", tuple(str(p) for p in exc.problems))
    if isinstance(exc, StationError):
        return Finding(Verdict.FAIL, exc.message)
    if isinstance(exc, OSError | ValueError):
        return Finding(Verdict.FAIL, str(exc) or type(exc).__name__)
    log.exception("self-test check crashed")
    return Finding(Verdict.FAIL, f"the check itself failed (a bug; see the log): {type(exc).__name__}: {exc}")


def run_check(check: Check) -> CheckResult:
    started = time.perf_counter()
    try:
        outcome = check.run()
    except Exception as exc:  # every failure, even a bug in a check, becomes a line of the report
        outcome = _failure(exc)
    finding = outcome if isinstance(outcome, Finding) else Finding(Verdict.PASS, outcome)
    return CheckResult(check.name, finding.verdict, finding.summary, finding.details, time.perf_counter() - started)


def run_checks(checks: Iterable[Check], out: TextIO | None = None) -> SelfTestReport:
    """Run every check in order; with `out`, print the report line by line as it goes."""
    if out is not None:
        print(heading(), file=out, flush=True)
    results: list[CheckResult] = []
    for check in checks:
        result = run_check(check)
        results.append(result)
        if out is not None:
            print("\n".join(result.lines()), file=out, flush=True)
    report = SelfTestReport(tuple(results))
    if out is not None:
        print(report.closing_line(), file=out, flush=True)
    return report


# -- the core's own checks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Provisioning:
    """The outcome of reading the provisioning file, kept for the checks and the report."""

    config: StationConfig | None
    problem: ConfigError | None = None
    expected_at: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Provisioning:
        try:
            return cls(load_config(path), expected_at=path or system_config_path())
        except ConfigError as exc:
            return cls(None, exc, path or system_config_path())


def provisioning_check(provisioning: Provisioning) -> Check:
    def probe() -> str | Finding:
        if provisioning.problem is not None:
            raise provisioning.problem
        config = provisioning.config
        if config is None:
            return Finding(
                Verdict.WARN,
                f"no provisioning file at {provisioning.expected_at}: this machine is not set up as a station yet",
                ("See docs/deployment.md, 'Provisioning file'.",),
            )
        summary = f"station {config.station_id}, from {', '.join(str(p) for p in config.sources)}"
        if config.notes:
            return Finding(Verdict.WARN, summary, config.notes)
        return summary

    return Probe("Provisioning file", probe)


def database_check(data_dir: Path) -> Check:
    """Open and migrate the station database as a start would, then ask SQLite whether it is sound."""

    def probe() -> str:
        data_dir.mkdir(parents=True, exist_ok=True)
        db = open_database(data_dir / DATABASE_FILE)
        try:
            revision = migrate.current_revision(db.engine)
            snapshot = Outbox(db).snapshot()
        finally:
            db.dispose()
        verdict = quick_check(data_dir / DATABASE_FILE)
        if verdict != "ok":
            raise StationError(f"{data_dir / DATABASE_FILE} is damaged: SQLite says {verdict}")
        return (
            f"{data_dir / DATABASE_FILE}: schema {revision}, sound; "
            f"{snapshot.pending} changes waiting to be sent, {snapshot.parked} parked"
        )

    return Probe("Database", probe)


def quick_check(path: Path, *, full: bool = False) -> str:
    """SQLite's own verdict on the file ("ok" or its first complaint), read-only."""
    pragma = "integrity_check" if full else "quick_check"
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    finally:
        connection.close()
    return "; ".join(str(row[0]) for row in rows[:5])


def resources_check(resources: Path) -> Check:
    def probe() -> str:
        found: list[str] = []
        for folder, pattern in REQUIRED_RESOURCES.items():
            files = sorted((resources / folder).glob(pattern))
            if not files:
                raise StationError(f"{resources / folder} holds no {pattern} files: the installation is incomplete")
            for file in files:
                if file.suffix == ".json":
                    try:
                        json.loads(file.read_text(encoding="utf-8"))
                    except ValueError as exc:
                        raise StationError(f"{file} is damaged: {exc}") from None
            found.append(f"{len(files)} {folder}")
        return f"{resources}: " + ", ".join(found)

    return Probe("Station resources", probe)


def translation_file(resources: Path, language: Language) -> Path:
    return resources / "i18n" / f"{TRANSLATION_CATALOG}_{language.value}.qm"


def translations_check(resources: Path, configured: Language = Language.ENGLISH) -> Check:
    """The configured language's catalog must be there; a missing other language is a warning."""

    def probe() -> str | Finding:
        missing = [
            lang for lang in Language if lang is not Language.ENGLISH if not translation_file(resources, lang).is_file()
        ]
        if configured in missing:
            raise StationError(
                f"the station is set to language {configured.value!r} but "
                f"{translation_file(resources, configured)} is missing: its screens would show English"
            )
        present = [lang.value for lang in Language if lang not in missing]
        if missing:
            return Finding(
                Verdict.WARN,
                f"available: {', '.join(present)}; missing: {', '.join(lang.value for lang in missing)}",
                tuple(f"{translation_file(resources, lang)} not found" for lang in missing),
            )
        return f"available: {', '.join(present)}"

    return Probe("Translations", probe)


def core_checks(provisioning: Provisioning, *, data_dir: Path, resources: Path | None = None) -> list[Check]:
    """The checks the core makes by itself, in report order."""
    if resources is None:
        resources = RESOURCES
    language = provisioning.config.language if provisioning.config else Language.ENGLISH
    return [
        provisioning_check(provisioning),
        database_check(data_dir),
        resources_check(resources),
        translations_check(resources, language),
    ]


@dataclass
class SelfTest:
    """The core's checks plus whatever the composition root adds (Qt, devices, central server)."""

    provisioning: Provisioning
    data_dir: Path
    extra: list[Check] = field(default_factory=list)
    resources: Path | None = None

    def checks(self) -> Sequence[Check]:
        return [*core_checks(self.provisioning, data_dir=self.data_dir, resources=self.resources), *self.extra]

    def run(self, out: TextIO | None = None) -> SelfTestReport:
        return run_checks(self.checks(), out)
