"""The skeleton end to end: sign in, scan a return open, receive units, sign out."""

from __future__ import annotations

from app.domain.model import ExceptionKind
from tests.ui.helpers import answer, scan, settle, sign_in
from ui.feedback import Tone
from ui.screens.base import ScreenId


def test_sign_in_with_user_and_pin_shows_the_operator(station_ui, qtbot):
    message = sign_in(station_ui, qtbot)
    assert message.tone is Tone.SUCCESS
    assert "Ana Ruiz" in message.text
    assert station_ui.session.operator is not None
    assert "Ana Ruiz" in station_ui.window.status.operator.text()
    assert station_ui.window.current is station_ui.window.screens[ScreenId.RECEIVE]


def test_wrong_pin_is_refused_in_words(station_ui, qtbot):
    message = sign_in(station_ui, qtbot, pin="0000")
    assert message.tone is Tone.ERROR
    assert "Wrong PIN" in message.text
    assert station_ui.session.operator is None


def test_badge_scan_then_pin(station_ui, qtbot):
    message = answer(station_ui, qtbot, lambda: scan(station_ui, "BADGE-2001"))
    assert message.tone is Tone.SUCCESS
    screen = station_ui.window.screens[ScreenId.SIGN_IN]
    assert screen.who_edit.text() == "BADGE-2001"
    assert screen.pin_edit.hasFocus()


def test_scan_opens_return_and_receives_units(station_ui, qtbot):
    sign_in(station_ui, qtbot)
    message = answer(station_ui, qtbot, lambda: scan(station_ui, "RMA-100001"))
    assert message.tone is Tone.SUCCESS, message.text
    receive = station_ui.window.screens[ScreenId.RECEIVE]
    assert receive.lines.rowCount() == 2
    message = answer(station_ui, qtbot, lambda: scan(station_ui, "]C1010061414101001121HP200-0001"))
    assert message.tone is Tone.SUCCESS, message.text
    settle(station_ui, qtbot)
    assert receive.units.rowCount() == 1
    message = answer(station_ui, qtbot, lambda: scan(station_ui, "]C10100614143030017"))
    assert message.tone is Tone.WARNING
    assert "Wrong item" in message.text
    settle(station_ui, qtbot)
    assert receive.units.rowCount() == 2
    kinds = [e.kind for e in receive.exceptions.items]
    assert kinds == [ExceptionKind.WRONG_ITEM]


def test_unknown_code_offers_blind_receipt(station_ui, qtbot):
    sign_in(station_ui, qtbot)
    message = answer(station_ui, qtbot, lambda: scan(station_ui, "RMA-999999"))
    assert message.tone is Tone.ERROR
    assert "blind receipt" in message.text
    message = answer(station_ui, qtbot, lambda: station_ui.actions.trigger_by_id("receive.blind"))
    assert message.tone is Tone.SUCCESS
