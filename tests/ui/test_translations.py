"""English, Spanish and German are complete, compiled, and switch live; no UI text escapes tr()."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from tests.ui.helpers import answer, sign_in
from ui.actions import ActionId
from ui.i18n import CATALOG, I18N, Language
from ui.screens.base import ScreenId

UI = Path(__file__).resolve().parents[2] / "ui"
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
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    in_code = set(messages(fresh))
    in_catalog = set(messages(I18N / f"{CATALOG}_es.ts"))
    assert in_code - in_catalog == set(), "texts not in the catalogs: run pyside6-lupdate and translate them"


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
