"""Inspect: what is on the form belongs to the unit it shows, and to no other."""

from __future__ import annotations

from tests.ui.helpers import answer, scan, settle
from tests.ui.test_camera import CHARGER, receive_and_inspect
from ui.feedback import Tone
from ui.screens.base import ScreenId


def test_another_unit_clears_the_form_and_says_the_last_inspection_was_not_saved(station_ui, qtbot, tmp_path):
    ui = station_ui
    inspect = receive_and_inspect(ui, qtbot)
    headphones = ui.workbench.current_unit
    assert headphones is not None
    photo = tmp_path / "scuff.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    inspect.set_grade("DAMAGED")
    inspect.defects.setText("SCRATCH")
    inspect.notes.setPlainText("Scuffed on the left cup")
    inspect.add_photo_files([photo])

    # The inspector receives the charger of the same return, then comes back to Inspect: it shows the charger.
    assert answer(ui, qtbot, lambda: scan(ui, CHARGER)).tone is Tone.SUCCESS
    settle(ui, qtbot)
    charger = ui.workbench.current_unit
    assert charger is not None
    assert charger.unit_id != headphones.unit_id
    message = answer(ui, qtbot, lambda: ui.window.go(ScreenId.INSPECT))
    qtbot.waitUntil(lambda: inspect.checklist_for == charger.unit_id, timeout=5000)
    assert message.tone is Tone.WARNING
    assert message.text == "The last unit's inspection was not saved: its photos and notes are cleared."
    assert inspect.selected_grade() is None
    assert inspect.defects.text() == ""
    assert inspect.notes.toPlainText() == ""
    assert inspect.photos == []
    assert inspect.photo_list.count() == 0
