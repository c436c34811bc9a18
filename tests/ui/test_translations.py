"""English, Spanish and German are complete, compiled, and switch live; no UI text escapes tr().

The messages of the core, the device layer and sync (templates marked with `QT_TRANSLATE_NOOP`, see
app/phrases.py) are in the same catalogues, and the screens show them in the operator's language.
"""

from __future__ import annotations

import ast
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator

from app.domain.lifecycle import UnitAction, UnitState, next_state
from app.errors import InvalidTransition
from app.phrases import Localized
from app.services.values import Credentials
from devices.manager import DeviceKind
from devices.phrases import QT_TRANSLATE_NOOP as DEVICES_MARK
from devices.phrases import Phrase
from tests.app.conftest import KETTLE, PHONE, item, rma
from tests.app.services.test_walkthrough import ELECTRONICS_OK
from tests.ui.helpers import answer, sign_in
from ui.actions import ActionId
from ui.i18n import CATALOG, I18N, Language, Translations
from ui.models.returns import ExceptionsModel
from ui.models.work import ApprovalsModel
from ui.screens.base import ScreenId
from ui.words import catalog_language, shown

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
# Every folder whose Python source may hold user-facing text; pyside6-lupdate reads them all.
SOURCES = [ROOT / folder for folder in ("ui", "app", "devices", "sync")]
MARKER = "QT_TRANSLATE_NOOP"
LANGUAGES = [lang for lang in Language if lang is not Language.ENGLISH]
# Calls whose first argument is text a person reads: it must come from tr()/translate(), never a literal.
TEXT_SETTERS = {
    "setText",
    "setPlaceholderText",
    "setTitle",
    "setToolTip",
    "setWindowTitle",
    "addItem",
    "setAccessibleName",
}


def messages(ts: Path) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = (translation.text, translation.get("type"))
    return found


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.value)
def test_catalog_is_complete_and_compiled(language):
    ts = I18N / f"{CATALOG}_{language.value}.ts"
    found = messages(ts)
    assert len(found) > 300
    unfinished = [source for source, (text, kind) in found.items() if not text or kind in ("unfinished", "obsolete")]
    assert unfinished == []
    translator = QTranslator()
    assert translator.load(f"{CATALOG}_{language.value}", str(I18N))
    stale = [source for source, (text, _) in found.items() if translator.translate(source[0], source[1]) != text]
    assert stale == [], "the .qm is older than the .ts: run pyside6-lrelease"


@pytest.mark.skipif(shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) is None, reason="no lupdate")
def test_catalog_holds_every_text_of_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for folder in SOURCES for p in folder.rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    in_code = set(messages(fresh))
    in_catalog = set(messages(I18N / f"{CATALOG}_es.ts"))
    assert in_code - in_catalog == set(), "texts not in the catalogs: run pyside6-lupdate and translate them"


def marked_templates() -> list[tuple[str, str, str]]:
    """(where, context, template) of every marker call in the sources, found the way lupdate reads them."""
    found = []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or len(node.args) != 2:
                    continue
                func = node.func
                called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if called != MARKER:
                    continue
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                context, source = node.args
                # lupdate sees only string literals (adjacent literals are one constant to ast, and to lupdate).
                if not (isinstance(context, ast.Constant) and isinstance(source, ast.Constant)):
                    found.append((where, "<not a literal>", ast.unparse(node)))
                    continue
                found.append((where, str(context.value), str(source.value)))
    return found


def places(text: str) -> set[str]:
    """The `{name}` / `{name:spec}` places of a template (the spec must survive translation too)."""
    return {f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


def test_the_core_devices_and_sync_mark_their_messages():
    contexts = {context for where, context, _ in marked_templates() if not where.startswith("ui")}
    assert {"Core", "Devices", "Sync"} <= contexts
    assert len(marked_templates()) > 300


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.value)
def test_every_marked_message_is_translated_with_the_same_places(language):
    catalog = messages(I18N / f"{CATALOG}_{language.value}.ts")
    problems = []
    for where, context, template in marked_templates():
        if context == "<not a literal>":
            problems.append(f"{where}: {template} (lupdate cannot read it: use string literals)")
            continue
        translation, kind = catalog.get((context, template), (None, "missing"))
        if not translation or kind in ("unfinished", "obsolete", "missing"):
            problems.append(f"{where}: [{context}] {template!r} is {kind or 'empty'}")
        elif places(translation) != places(template):
            problems.append(f"{where}: [{context}] {template!r} -> {translation!r}: places differ")
    assert problems == []


@pytest.fixture
def german(qapp):
    translations = Translations(qapp)
    assert translations.install(Language.GERMAN)
    yield translations
    translations.remove()


def test_a_core_error_shows_in_german_with_its_enums_translated(german):
    with pytest.raises(InvalidTransition) as refused:
        next_state(UnitState.RECEIVED, UnitAction.CONFIRM)
    assert shown(refused.value) == (
        "Diese Einheit hat den Status „angenommen“: „Verwendung bestätigen“ geht jetzt nicht. "
        "Als Nächstes möglich: prüfen, anhalten."
    )
    assert str(refused.value).startswith("This unit is received: it cannot confirm disposition now.")  # logs: English


def test_a_device_reason_shows_in_german_with_nested_parts(german):
    missing = Phrase(DEVICES_MARK("Devices", "no {what} at {url} (is it plugged in?): {problem}"))
    reason = Phrase(
        DEVICES_MARK("Devices", "{kind} not connected: {problem}"),
        kind=DeviceKind.SCANNER,
        problem=ConnectionError(
            Phrase(missing, what=DEVICES_MARK("Devices", "scanner"), url="/dev/ttyACM0", problem="gone")
        ),
    )
    retrying = Phrase(DEVICES_MARK("Devices", "{reason} (retrying in {seconds:.1f} s)"), reason=reason, seconds=0.5)
    assert shown(retrying) == (
        "Scanner nicht verbunden: kein Scanner an /dev/ttyACM0 (ist er eingesteckt?): gone (neuer Versuch in 0.5 s)"
    )
    assert retrying == "Scanner not connected: no scanner at /dev/ttyACM0 (is it plugged in?): gone (retrying in 0.5 s)"


def test_reference_data_follows_the_installed_language_with_english_as_fallback(german):
    assert catalog_language() == "de"
    question = Localized.of({"en": "Powers on?", "es": "¿Se enciende?", "de": "Lässt sich einschalten?"})
    assert shown(question) == "Lässt sich einschalten?"
    assert shown(Localized.of({"en": "Style", "es": "Estilo"})) == "Style"
    assert shown("Plain English from an older central") == "Plain English from an older central"
    german.remove()
    assert catalog_language() == "en"
    assert shown(question) == "Powers on?"


def test_a_station_in_german_shows_a_sign_in_lockout_with_the_name_filled_in(station_ui, qtbot):
    ui = station_ui
    ui.set_language(Language.GERMAN)
    try:
        for _ in range(4):
            assert sign_in(ui, qtbot, "ana", "0000").text == "Falsche PIN. Erneut versuchen."
        locked = sign_in(ui, qtbot, "ana", "0000")
        assert locked.text == "Zu viele falsche PINs: Ana Ruiz ist für 15 Minuten gesperrt."
    finally:
        ui.set_language(Language.ENGLISH)


def test_no_literal_text_reaches_a_widget():
    offenders = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in TEXT_SETTERS or not node.args:
                continue
            first = node.args[0]
            literals = [first] if isinstance(first, ast.Constant) else []
            if isinstance(first, ast.JoinedStr):
                literals = [part for part in first.values if isinstance(part, ast.Constant)]
            # Punctuation and layout between translated parts is fine; words are not.
            if any(isinstance(c.value, str) and any(ch.isalpha() for ch in c.value) for c in literals):
                offenders.append(f"{path.name}:{node.lineno} {ast.unparse(first)}")
    assert offenders == []


def test_admin_switches_the_station_to_german_and_back(station_ui, qtbot):
    ui = station_ui
    sign_in(ui, qtbot, "admin", "9999")
    ui.actions.action(ActionId.GO_SETTINGS).trigger()
    settings = ui.window.screens[ScreenId.SETTINGS]
    qtbot.waitUntil(lambda: ui.runner.idle)
    settings.language.setCurrentIndex(settings.language.findData(Language.GERMAN))
    answer(ui, qtbot, settings.save.click)
    qtbot.waitUntil(lambda: ui.actions.action(ActionId.GO_RECEIVE).text() == "Annehmen")
    assert ui.window.screens[ScreenId.RECEIVE].title_label.text() == "Annehmen"
    assert settings.save.text() == "Einstellungen speichern"
    assert "Zu synchronisieren" in ui.window.status.queue.text() or ui.window.status.queue.text().endswith("…")
    settings.language.setCurrentIndex(settings.language.findData(Language.ENGLISH))
    answer(ui, qtbot, settings.save.click)
    qtbot.waitUntil(lambda: ui.actions.action(ActionId.GO_RECEIVE).text() == "Receive")
    assert ui.window.screens[ScreenId.SETTINGS].loaded.language is Language.ENGLISH


def test_kept_exception_details_and_approval_reasons_show_in_german(station, german, qtmodeltester):
    sam = station.auth.sign_in(Credentials("sam", "2222"))
    return_id = station.receiving.open(sam, rma("RMA-100001")).return_id
    station.receiving.receive(sam, return_id, item(KETTLE))
    exceptions = ExceptionsModel()
    exceptions.set_items(station.receiving.find(rma("RMA-100001")).exceptions)  # read back from the database
    qtmodeltester.check(exceptions)
    assert exceptions.data(exceptions.index(0, 1)) == (
        "Falscher Artikel: Electric kettle 1.7 l gehört nicht zu dieser Retoure. Getrennt aufbewahren."
    )
    return_id = station.receiving.open(sam, rma("RMA-100003")).return_id
    unit = station.receiving.receive(sam, return_id, item(PHONE, "PHX5-7781")).unit
    station.inspections.inspect(sam, unit.unit_id, grade="A", answers=ELECTRONICS_OK)
    station.dispositions.propose(sam, unit.unit_id)
    station.dispositions.settle(sam, unit.unit_id)
    approvals = ApprovalsModel()
    approvals.set_items(station.dispositions.pending_approvals())
    qtmodeltester.check(approvals)
    headers = [approvals.headerData(c, Qt.Orientation.Horizontal) for c in range(approvals.columnCount())]
    why = headers.index("Warum ein Vorgesetzter")
    assert approvals.data(approvals.index(0, why)).startswith("Der Wert der Einheit (")
