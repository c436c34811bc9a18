"""The self-test runner and the core's own checks: a readable report, and an exit code that means it."""

from __future__ import annotations

import io
import shutil

import pytest

from app.config import ConfigError, ConfigProblem, Language, StationConfig
from app.errors import StationError
from app.selftest import (
    Finding,
    Probe,
    Provisioning,
    SelfTest,
    Verdict,
    core_checks,
    database_check,
    resources_check,
    run_checks,
    translation_file,
    translations_check,
)
from app.services.station import open_database
from app.store import migrate
from resources import ROOT as RESOURCES


def fails(message: str) -> str:
    raise StationError(message)


def crashes() -> str:
    shelves: dict[str, str] = {}
    return shelves["missing"]  # a KeyError: a bug in a check, reported rather than raised


def test_the_report_is_readable_and_the_exit_code_follows_the_worst_verdict():
    out = io.StringIO()
    report = run_checks(
        [
            Probe("Database", lambda: "station.db sound"),
            Probe("Central server", lambda: Finding(Verdict.WARN, "offline: connection refused", ("works offline",))),
        ],
        out,
    )
    assert report.ok
    assert report.exit_code == 0
    assert out.getvalue() == report.text() + "\n"
    lines = report.text().splitlines()
    assert lines[0].startswith("Returns Station ")
    assert "self-test" in lines[0]
    assert lines[1].split() == ["PASS", "Database", "station.db", "sound"]
    assert lines[2].split()[:3] == ["WARN", "Central", "server"]
    assert lines[3].strip() == "works offline"
    assert lines[-1] == "Self-test passed: 0 failed, 1 warnings, 1 passed."

    failing = run_checks([Probe("Fonts", lambda: fails("no font found")), Probe("Odd", crashes)])
    assert not failing.ok
    assert failing.exit_code == 1
    assert [r.verdict for r in failing.results] == [Verdict.FAIL, Verdict.FAIL]
    assert failing.results[0].summary == "no font found"
    assert "a bug" in failing.results[1].summary
    assert "KeyError" in failing.results[1].summary
    assert failing.text().splitlines()[-1] == "Self-test FAILED: 2 failed, 0 warnings, 0 passed."
    assert '"verdict": "fail"' in failing.as_json()


def test_an_unprovisioned_machine_warns_and_a_bad_file_fails_with_every_problem(tmp_path):
    (unprovisioned,) = run_checks(core_checks(Provisioning(None), data_dir=tmp_path)[:1]).results
    assert unprovisioned.verdict is Verdict.WARN
    assert "not set up as a station" in unprovisioned.summary

    problem = ConfigError(
        [
            ConfigProblem(tmp_path / "station.toml", "devices.printer.url", "'tcp//x' is not a valid URL"),
            ConfigProblem(tmp_path / "station.toml", "station.id", "is required"),
        ]
    )
    (bad,) = run_checks(core_checks(Provisioning(None, problem), data_dir=tmp_path)[:1]).results
    assert bad.verdict is Verdict.FAIL
    assert bad.details == (
        f"{tmp_path / 'station.toml'}: devices.printer.url: 'tcp//x' is not a valid URL",
        f"{tmp_path / 'station.toml'}: station.id: is required",
    )


def test_loading_for_the_self_test_keeps_the_problem_instead_of_raising(tmp_path):
    path = tmp_path / "station.toml"
    path.write_text("[station]\nid = 'D1'\n[logging]\nlevel = 'loud'\n")
    loaded = Provisioning.load(path)
    assert loaded.config is None
    assert loaded.problem is not None
    assert "logging.level" in loaded.problem.message
    path.write_text("[station]\nid = 'D1'\n")
    assert Provisioning.load(path).config is not None


def test_the_database_check_creates_migrates_and_reports_the_queue(tmp_path, station):
    data_dir = tmp_path / "fresh"
    (fresh,) = run_checks([database_check(data_dir)]).results
    assert fresh.verdict is Verdict.PASS, fresh.summary
    assert f"schema {migrate.head_revision()}" in fresh.summary
    assert "0 changes waiting" in fresh.summary

    # The `station` fixture's database, with one change queued by a sign-in.
    from app.services.values import Credentials

    station.auth.sign_in(Credentials("ana", "1111"))
    queued_dir = station.db.path.parent
    (queued,) = run_checks([database_check(queued_dir)]).results
    assert queued.verdict is Verdict.PASS
    assert "1 changes waiting to be sent" in queued.summary


def test_a_damaged_database_or_an_unusable_folder_fails(tmp_path):
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    db = open_database(damaged / "station.db")
    db.dispose()
    data = (damaged / "station.db").read_bytes()
    (damaged / "station.db").write_bytes(data[:100] + b"\x00garbage" * 500)
    (result,) = run_checks([database_check(damaged)]).results
    assert result.verdict is Verdict.FAIL
    assert "station.db" in result.summary or "database" in result.summary.lower()

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    (result,) = run_checks([database_check(blocked)]).results
    assert result.verdict is Verdict.FAIL
    assert str(blocked) in result.summary


def test_the_shipped_resources_pass_and_an_incomplete_installation_fails(tmp_path):
    (shipped,) = run_checks([resources_check(RESOURCES)]).results
    assert shipped.verdict is Verdict.PASS, shipped.summary
    shutil.copytree(RESOURCES / "reference", tmp_path / "reference")
    (no_styles,) = run_checks([resources_check(tmp_path)]).results
    assert no_styles.verdict is Verdict.FAIL
    assert f"{tmp_path / 'styles'} holds no *.qss files" in no_styles.summary
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "base.qss").write_text("QWidget {}")
    (tmp_path / "reference" / "catalog.json").write_text('{"cut off')
    (damaged,) = run_checks([resources_check(tmp_path)]).results
    assert damaged.verdict is Verdict.FAIL
    assert "catalog.json is damaged" in damaged.summary


def test_translations_missing_for_the_configured_language_fail_others_warn(tmp_path):
    (tmp_path / "i18n").mkdir()
    (english,) = run_checks([translations_check(tmp_path, Language.ENGLISH)]).results
    assert english.verdict is Verdict.WARN
    assert english.summary == "available: en; missing: es, de"
    (spanish,) = run_checks([translations_check(tmp_path, Language.SPANISH)]).results
    assert spanish.verdict is Verdict.FAIL
    assert "returns_station_es.qm is missing" in spanish.summary
    for language in (Language.SPANISH, Language.GERMAN):
        translation_file(tmp_path, language).write_bytes(b"qm")
    (complete,) = run_checks([translations_check(tmp_path, Language.SPANISH)]).results
    assert (complete.verdict, complete.summary) == (Verdict.PASS, "available: en, es, de")


def test_the_composition_root_adds_its_checks_after_the_core_ones(tmp_path):
    config = StationConfig(station_id="D1", data_dir=tmp_path / "data")
    self_test = SelfTest(
        Provisioning(config), data_dir=config.data_dir, extra=[Probe("Fonts", lambda: fails("no font found"))]
    )
    out = io.StringIO()
    report = self_test.run(out)
    names = [result.name for result in report.results]
    assert names == ["Provisioning file", "Database", "Station resources", "Translations", "Fonts"]
    assert report.exit_code == 1
    assert "FAIL  Fonts" in out.getvalue()


@pytest.mark.parametrize("verdict", list(Verdict))
def test_a_finding_keeps_its_verdict(verdict):
    (result,) = run_checks([Probe("X", lambda: Finding(verdict, "said"))]).results
    assert result.verdict is verdict
