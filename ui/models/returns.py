"""A return's expected lines, its received units and its exceptions, as tables."""

from __future__ import annotations

from app.services.views import ExceptionView, LineView, UnitView
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import Column, RecordTableModel
from ui.words import name, next_step, shown


class LinesModel(RecordTableModel[LineView]):
    def __init__(self) -> None:
        super().__init__(
            (
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Line"),
                    lambda ln: str(ln.line_no),
                    numeric=True,
                    handheld=False,
                    sample="999",
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "SKU"), lambda ln: ln.sku, handheld=False, sample="SKU-XX-XXXX"),
                Column(QT_TRANSLATE_NOOP("Columns", "Item"), lambda ln: ln.description, stretch=True),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Received"),
                    lambda ln: f"{ln.quantity_received} / {ln.quantity_authorized}",
                    numeric=True,
                    sample="99 / 99",
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Missing"),
                    lambda ln: str(ln.missing),
                    numeric=True,
                    emphasis=lambda ln: ln.missing > 0,
                    sample="999",
                ),
            ),
            key=lambda ln: ln.line_no,
        )


class UnitsModel(RecordTableModel[UnitView]):
    def __init__(self) -> None:
        super().__init__(
            (
                Column(QT_TRANSLATE_NOOP("Columns", "Licence plate"), lambda u: u.lpn, sample="LPN-XXXXXXXXXX"),
                Column(QT_TRANSLATE_NOOP("Columns", "SKU"), lambda u: u.sku or u.gtin or "", sample="SKU-XX-XXXX"),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Serial"),
                    lambda u: u.serial or "",
                    handheld=False,
                    sample="XXXXX-00000",
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "State"), lambda u: name(u.state), sample="waiting for approval"),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Grade"), lambda u: u.grade or "", handheld=False, sample="LIKE_NEW"
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Outcome"),
                    lambda u: name(u.disposition) if u.disposition else "",
                    sample="Return to vendor",
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Location"),
                    lambda u: u.location or "",
                    handheld=False,
                    sample="PUTAWAY-XXXXXXXX",
                ),
            ),
            key=lambda u: u.unit_id,
        )


class ExceptionsModel(RecordTableModel[ExceptionView]):
    def __init__(self) -> None:
        super().__init__(
            (
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Problem"),
                    lambda e: name(e.kind),
                    emphasis=lambda e: True,
                    sample="Damaged in transit",
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "What happened"), lambda e: shown(e.detail), stretch=True),
                Column(QT_TRANSLATE_NOOP("Columns", "Next step"), lambda e: next_step(e.kind), stretch=True),
            ),
            key=lambda e: e.exception_id,
        )
