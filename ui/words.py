"""The words the screens use for the core's codes and messages, in every language.

The core's enums carry English labels for logs and the demo script; on screen they are shown
through these translated names, and each exception kind comes with the next step to take.

`shown()` is the one place where a message of the core, the device layer or the sync layer (a
`StationError`, a `Phrase`, a device exception) becomes on-screen text: its template is translated
in the context it was marked in, then filled with its parameters, enums by their translated names.
It also picks the operator's language out of reference data sent in several (`Localized`).
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QCoreApplication

from app.domain.lifecycle import UnitAction, UnitState
from app.domain.model import DispositionKind, ExceptionKind, ReturnStatus, Role
from app.errors import StationError
from app.phrases import Localized
from app.phrases import Phrase as CorePhrase
from app.services.values import LabelTemplate
from devices.events import PrinterState
from devices.manager import DeviceKind, DeviceState
from devices.phrases import Phrase as DevicePhrase
from ui.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CONTEXT = "Words"

# Each catalogue says which language it is, so reference data can follow the installed translation
# (Qt's own catalogues name their layout direction the same way).
CATALOG_LANGUAGE = QT_TRANSLATE_NOOP("Language", "en")

_NAMES: dict[enum.Enum, str] = {
    UnitState.RECEIVED: QT_TRANSLATE_NOOP("Words", "received"),
    UnitState.INSPECTED: QT_TRANSLATE_NOOP("Words", "inspected"),
    UnitState.DISPOSITION_PROPOSED: QT_TRANSLATE_NOOP("Words", "outcome proposed"),
    UnitState.AWAITING_APPROVAL: QT_TRANSLATE_NOOP("Words", "waiting for approval"),
    UnitState.DISPOSITIONED: QT_TRANSLATE_NOOP("Words", "outcome set"),
    UnitState.LABELLED: QT_TRANSLATE_NOOP("Words", "labelled"),
    UnitState.ON_HOLD: QT_TRANSLATE_NOOP("Words", "on hold"),
    UnitState.CLOSED: QT_TRANSLATE_NOOP("Words", "closed"),
    UnitAction.INSPECT: QT_TRANSLATE_NOOP("Words", "inspect"),
    UnitAction.PROPOSE: QT_TRANSLATE_NOOP("Words", "propose an outcome"),
    UnitAction.OVERRIDE: QT_TRANSLATE_NOOP("Words", "override the outcome"),
    UnitAction.REQUEST_APPROVAL: QT_TRANSLATE_NOOP("Words", "ask for approval"),
    UnitAction.APPROVE: QT_TRANSLATE_NOOP("Words", "approve"),
    UnitAction.DENY: QT_TRANSLATE_NOOP("Words", "deny"),
    UnitAction.CONFIRM: QT_TRANSLATE_NOOP("Words", "confirm the outcome"),
    UnitAction.PRINT_LABEL: QT_TRANSLATE_NOOP("Words", "print a label"),
    UnitAction.HOLD: QT_TRANSLATE_NOOP("Words", "put on hold"),
    UnitAction.RELEASE: QT_TRANSLATE_NOOP("Words", "release from hold"),
    UnitAction.CLOSE: QT_TRANSLATE_NOOP("Words", "close"),
    DispositionKind.RESTOCK: QT_TRANSLATE_NOOP("Words", "Restock"),
    DispositionKind.REFURBISH: QT_TRANSLATE_NOOP("Words", "Refurbish"),
    DispositionKind.REPAIR: QT_TRANSLATE_NOOP("Words", "Repair"),
    DispositionKind.RETURN_TO_VENDOR: QT_TRANSLATE_NOOP("Words", "Return to vendor"),
    DispositionKind.LIQUIDATE: QT_TRANSLATE_NOOP("Words", "Liquidate"),
    DispositionKind.DONATE: QT_TRANSLATE_NOOP("Words", "Donate"),
    DispositionKind.RECYCLE: QT_TRANSLATE_NOOP("Words", "Recycle"),
    DispositionKind.SCRAP: QT_TRANSLATE_NOOP("Words", "Scrap"),
    DispositionKind.QUARANTINE: QT_TRANSLATE_NOOP("Words", "Quarantine"),
    ExceptionKind.WRONG_ITEM: QT_TRANSLATE_NOOP("Words", "Wrong item"),
    ExceptionKind.UNDECLARED_ITEM: QT_TRANSLATE_NOOP("Words", "Undeclared item"),
    ExceptionKind.OVER_RECEIPT: QT_TRANSLATE_NOOP("Words", "Over-receipt"),
    ExceptionKind.MISSING_ITEM: QT_TRANSLATE_NOOP("Words", "Missing item"),
    ExceptionKind.SERIAL_MISMATCH: QT_TRANSLATE_NOOP("Words", "Serial mismatch"),
    ExceptionKind.DAMAGED_IN_TRANSIT: QT_TRANSLATE_NOOP("Words", "Damaged in transit"),
    ExceptionKind.NO_AUTHORIZATION: QT_TRANSLATE_NOOP("Words", "No authorization"),
    ReturnStatus.AUTHORIZED: QT_TRANSLATE_NOOP("Words", "expected"),
    ReturnStatus.OPEN: QT_TRANSLATE_NOOP("Words", "open"),
    ReturnStatus.CLOSED: QT_TRANSLATE_NOOP("Words", "closed"),
    PrinterState.READY: QT_TRANSLATE_NOOP("Words", "ready"),
    PrinterState.PAPER_OUT: QT_TRANSLATE_NOOP("Words", "out of labels"),
    PrinterState.RIBBON_OUT: QT_TRANSLATE_NOOP("Words", "out of ribbon"),
    PrinterState.HEAD_OPEN: QT_TRANSLATE_NOOP("Words", "lid open"),
    PrinterState.PAUSED: QT_TRANSLATE_NOOP("Words", "paused"),
    PrinterState.OFFLINE: QT_TRANSLATE_NOOP("Words", "offline"),
    DeviceState.DISCONNECTED: QT_TRANSLATE_NOOP("Words", "not connected"),
    DeviceState.CONNECTING: QT_TRANSLATE_NOOP("Words", "connecting"),
    DeviceState.READY: QT_TRANSLATE_NOOP("Words", "ready"),
    DeviceState.BUSY: QT_TRANSLATE_NOOP("Words", "busy"),
    DeviceState.FAULT: QT_TRANSLATE_NOOP("Words", "fault"),
    DeviceKind.SCANNER: QT_TRANSLATE_NOOP("Words", "Scanner"),
    DeviceKind.CAMERA: QT_TRANSLATE_NOOP("Words", "Camera"),
    DeviceKind.RFID_READER: QT_TRANSLATE_NOOP("Words", "RFID"),
    DeviceKind.PRINTER: QT_TRANSLATE_NOOP("Words", "Printer"),
    Role.INSPECTOR: QT_TRANSLATE_NOOP("Words", "inspector"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Words", "supervisor"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Words", "admin"),
    LabelTemplate.LPN: QT_TRANSLATE_NOOP("Words", "Licence plate"),
    LabelTemplate.RESALE: QT_TRANSLATE_NOOP("Words", "Resale"),
    LabelTemplate.RETURN_TO_VENDOR: QT_TRANSLATE_NOOP("Words", "Return to vendor"),
    LabelTemplate.QUARANTINE: QT_TRANSLATE_NOOP("Words", "Quarantine"),
}

_JOB_STATUS = {
    "pending": QT_TRANSLATE_NOOP("Words", "waiting to print"),
    "printed": QT_TRANSLATE_NOOP("Words", "printed"),
}

_NEXT_STEP: dict[ExceptionKind, str] = {
    ExceptionKind.WRONG_ITEM: QT_TRANSLATE_NOOP(
        "Words", "Keep it apart in the exceptions tote; inspect it like any unit, central decides the refund."
    ),
    ExceptionKind.UNDECLARED_ITEM: QT_TRANSLATE_NOOP(
        "Words", "Keep it apart; describe it in a note when you inspect it."
    ),
    ExceptionKind.OVER_RECEIPT: QT_TRANSLATE_NOOP(
        "Words", "Check the count; if it is really one more, inspect it as usual."
    ),
    ExceptionKind.MISSING_ITEM: QT_TRANSLATE_NOOP(
        "Words", "Nothing to do at the bench: central follows up with the customer."
    ),
    ExceptionKind.SERIAL_MISMATCH: QT_TRANSLATE_NOOP(
        "Words", "Possible fraud: inspect it, then a supervisor must approve its outcome."
    ),
    ExceptionKind.DAMAGED_IN_TRANSIT: QT_TRANSLATE_NOOP(
        "Words", "Photograph the parcel before unpacking; carrier claim follows."
    ),
    ExceptionKind.NO_AUTHORIZATION: QT_TRANSLATE_NOOP(
        "Words", "Receive the items as usual; central matches the parcel to a customer later."
    ),
}


def name(value: enum.Enum) -> str:
    """The translated name of a state, outcome or problem; the raw value for anything unknown."""
    text = _NAMES.get(value)
    return QCoreApplication.translate(CONTEXT, text) if text else str(value.value)


def job_status(status: str) -> str:
    text = _JOB_STATUS.get(status)
    return QCoreApplication.translate(CONTEXT, text) if text else status


def next_step(kind: ExceptionKind) -> str:
    return QCoreApplication.translate(CONTEXT, _NEXT_STEP[kind])


def shown(message: object) -> str:
    """A message of the core, the devices or sync, in the operator's language.

    Takes a `StationError`, a `Phrase` (from app/ or devices/), an exception raised with a `Phrase`,
    an enum, or plain text (already translated, or not ours to translate: shown as it is).
    """
    if isinstance(message, StationError):
        message = message.message
    elif isinstance(message, BaseException) and len(message.args) == 1:
        message = message.args[0]  # a device or sync exception raised with its Phrase (or its text)
    if isinstance(message, CorePhrase | DevicePhrase):
        return _translated(message)
    if isinstance(message, Localized):
        return message.in_language(catalog_language())
    if isinstance(message, enum.Enum):
        return name(message)
    return str(message)


def catalog_language() -> str:
    """The code ("en", "es", "de") of the language the screens are in now."""
    return QCoreApplication.translate("Language", CATALOG_LANGUAGE)


def _translated(phrase: CorePhrase | DevicePhrase) -> str:
    template = QCoreApplication.translate(phrase.context, phrase.template) if phrase.context else phrase.template
    if not phrase.params:
        return template
    values = {key: _shown_value(value) for key, value in phrase.params.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError, AttributeError):
        # A translation whose {places} do not fit: the English words beat no words at all.
        log.error("the translation of %r (%s) does not fit its parameters", phrase.template, phrase.context)
        return str(phrase)


def _shown_value(value: object) -> object:
    if isinstance(value, str | BaseException | enum.Enum):
        return shown(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(_shown_value(item)) for item in value)
    return value  # numbers keep their format spec ("{seconds:.0f}")


def fill(text: str, *values: object) -> str:
    """Put values into a translated text's %1, %2 ... places (translators may reorder them)."""
    for number in range(len(values), 0, -1):
        text = text.replace(f"%{number}", str(values[number - 1]))
    return text
