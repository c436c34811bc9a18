"""History: find units by licence plate, serial, RMA, tracking or order number; a unit's timeline.

The timeline is the audit trail of the unit: every change, who made it and when, in order.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.codes import CodeKind, ScannedCode
from app.services.history import TimelineEntry
from app.services.views import UnitView
from ui.actions import ActionId
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import domain_object
from ui.models.returns import UnitsModel
from ui.models.work import TimelineModel
from ui.screens.base import Screen, ScreenContext, ScreenId, retranslate_sections, section, table
from ui.words import fill


def search_text(code: ScannedCode) -> str:
    """What to look a scan up by: its serial for an item, its number for an identifier, else its text."""
    if code.kind in (CodeKind.GS1, CodeKind.EPC) and code.serial:
        return code.serial
    if code.kind is CodeKind.TRACKING and code.tracking:
        return code.tracking[0]
    return code.value or code.text


class HistoryScreen(Screen):
    screen_id = ScreenId.HISTORY
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "History")
    global_ids = (ActionId.SEARCH,)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.query = QLineEdit(self)
        self.query.setObjectName("historyQuery")
        self.query.setClearButtonEnabled(True)
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("primary")
        self.found_label = QLabel(self)
        self.found_label.setObjectName("hint")
        self.results = UnitsModel()
        self.timeline = TimelineModel()
        self.results_view = table(self.results, self)
        self.results_view.setObjectName("historyResults")
        self.timeline_view = table(self.timeline, self, wrap_rows=True)
        self.timeline_view.setObjectName("timelineView")
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        left = QVBoxLayout()
        left.addWidget(section(QT_TRANSLATE_NOOP("HistoryScreen", "Units found"), self))
        left.addWidget(self.results_view, 1)
        right = QVBoxLayout()
        right.addWidget(section(QT_TRANSLATE_NOOP("HistoryScreen", "Timeline of the selected unit"), self))
        right.addWidget(self.timeline_view, 1)
        self.outer.addLayout(row)
        self.outer.addWidget(self.found_label)
        self.place_columns(left, right, (2, 3))
        self.query.returnPressed.connect(self._on_search)
        self.search_button.clicked.connect(self._on_search)
        self.results_view.selectionModel().currentRowChanged.connect(lambda *_: self._on_result_selected())
        ctx.actions.bind(ActionId.SEARCH, self._on_search_action)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        retranslate_sections(self, "HistoryScreen")
        self.query.setPlaceholderText(self.tr("Licence plate, serial, RMA, tracking or order number — or scan it"))
        self.search_button.setText(self.tr("Search"))
        self.results.retranslate()
        self.timeline.retranslate()

    def on_shown(self) -> None:
        self.query.setFocus()

    def take_scan(self, code: ScannedCode) -> bool:
        if code.kind is CodeKind.BADGE:
            return False
        self.query.setText(search_text(code))
        self._on_search()
        return True

    def search(self, text: str) -> None:
        self.query.setText(text)
        self._on_search()

    def _on_search_action(self) -> None:
        self.ctx.navigator.go(ScreenId.HISTORY)
        self.query.setFocus()
        self.query.selectAll()

    def _on_search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        history = self.station.history
        self.run(lambda: history.search(text), lambda units: self._on_found(text, units), context="searching history")

    def _on_found(self, text: str, units: list[UnitView]) -> None:
        self.results.set_items(units)
        self.timeline.clear()
        if units:
            self.found_label.setText(fill(self.tr("%1 unit(s) found for “%2”."), len(units), text))
            self.results_view.setCurrentIndex(self.results.index(0, 0))
            self.results_view.setFocus()
        else:
            self.found_label.setText(fill(self.tr("Nothing found for “%1”."), text))
            self.ctx.feedback.warning(fill(self.tr("Nothing found for “%1”. Check the number and try again."), text))

    def _on_result_selected(self) -> None:
        unit = domain_object(self.results_view.currentIndex())
        if not isinstance(unit, UnitView):
            return
        history, unit_id = self.station.history, unit.unit_id
        self.run(lambda: history.timeline(unit_id), self._on_timeline, context="loading a timeline")

    def _on_timeline(self, entries: list[TimelineEntry]) -> None:
        self.timeline.set_items(entries)
