"""Receive: scan anything and the return opens; scan items to receive them, one licence plate each.

Expected lines show what was received and what is missing; wrong items, undeclared items,
over-receipts and serial mismatches appear as exceptions with the next step. When nothing matches
a parcel, a blind receipt opens an unexpected return for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import CodeKind, ScannedCode
from app.domain.model import ExceptionKind, PackageCondition, ReturnStatus
from app.errors import NotFound, StationError
from app.services.receiving import Received
from app.services.values import PrintJob
from app.services.views import ReturnView, UnitView
from ui.actions import ActionId
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import domain_object
from ui.models.returns import ExceptionsModel, LinesModel, UnitsModel
from ui.profiles import Profile
from ui.screens.base import Screen, ScreenContext, ScreenId, columns_layout, retranslate_sections, section, table
from ui.tasks import Lane
from ui.words import fill, name, shown

_REPORTABLE = (
    ExceptionKind.DAMAGED_IN_TRANSIT,
    ExceptionKind.WRONG_ITEM,
    ExceptionKind.UNDECLARED_ITEM,
    ExceptionKind.MISSING_ITEM,
    ExceptionKind.SERIAL_MISMATCH,
)


@dataclass(frozen=True, slots=True)
class ScanAnswer:
    """What one scan on this screen did: the return it concerns and, for an item, the unit received."""

    view: ReturnView
    received: Received | None = None
    opened: bool = False


class ReceiveScreen(Screen):
    screen_id = ScreenId.RECEIVE
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Receive")
    action_ids = (
        ActionId.INSPECT_UNIT,
        ActionId.BLIND_RECEIPT,
        ActionId.PARCEL_DAMAGED,
        ActionId.REPORT_PROBLEM,
        ActionId.CLOSE_RETURN,
    )

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.unmatched: ScannedCode | None = None
        self.lines = LinesModel()
        self.units = UnitsModel()
        self.exceptions = ExceptionsModel()

        self.return_title = QLabel(self)
        self.return_title.setObjectName("returnTitle")
        self.return_details = QLabel(self)
        self.return_details.setObjectName("hint")
        self.return_details.setWordWrap(True)
        self.empty_hint = QLabel(self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setObjectName("hint")
        self.outer.addWidget(self.return_title)
        self.outer.addWidget(self.return_details)
        self.outer.addWidget(self.empty_hint)

        self.lines_view = table(self.lines, self)
        self.lines_view.setObjectName("linesView")
        self.units_view = table(self.units, self)
        self.units_view.setObjectName("unitsView")
        self.exceptions_view = table(self.exceptions, self, wrap_rows=True)
        self.exceptions_view.setObjectName("exceptionsView")
        self.units_view.selectionModel().currentRowChanged.connect(self._on_units_current_row_changed)
        self.units_view.doubleClicked.connect(lambda _index: self._on_inspect())

        self.exceptions_view.setMaximumHeight(170)
        left = QVBoxLayout()
        left.addWidget(section(QT_TRANSLATE_NOOP("ReceiveScreen", "Expected lines"), self))
        left.addWidget(self.lines_view, 1)
        right = QVBoxLayout()
        right.addWidget(section(QT_TRANSLATE_NOOP("ReceiveScreen", "Units received"), self))
        right.addWidget(self.units_view, 1)
        exceptions_title = section(QT_TRANSLATE_NOOP("ReceiveScreen", "Exceptions"), self)
        self.place_columns(left, right, below=(exceptions_title, self.exceptions_view))

        self.problem_box = self._problem_form()
        self.outer.addWidget(self.problem_box)
        self.problem_box.hide()

        actions = ctx.actions
        actions.bind(ActionId.INSPECT_UNIT, self._on_inspect)
        actions.bind(ActionId.BLIND_RECEIPT, self._on_blind_receipt)
        actions.bind(ActionId.PARCEL_DAMAGED, self._on_parcel_damaged)
        actions.bind(ActionId.REPORT_PROBLEM, self._on_report_problem)
        actions.bind(ActionId.CLOSE_RETURN, self._on_close_return)
        ctx.workbench.return_changed.connect(self._on_workbench_return_changed)
        self.retranslate()
        self._on_workbench_return_changed(None)

    def _problem_form(self) -> QGroupBox:
        box = QGroupBox(self)
        box.setObjectName("problemBox")
        self.problem_kind = QComboBox(box)
        self.problem_detail = QLineEdit(box)
        self.problem_detail.setObjectName("problemDetail")
        self.problem_save = QPushButton(box)
        self.problem_save.setObjectName("primary")
        self.problem_cancel = QPushButton(box)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight, box)
        row.addWidget(self.problem_kind)
        row.addWidget(self.problem_detail, 1)
        row.addWidget(self.problem_save)
        row.addWidget(self.problem_cancel)
        self.problem_row = row
        self.problem_detail.returnPressed.connect(self._on_problem_save_clicked)
        self.problem_save.clicked.connect(self._on_problem_save_clicked)
        self.problem_cancel.clicked.connect(box.hide)
        return box

    # -- screen protocol -------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        retranslate_sections(self, "ReceiveScreen")
        self.empty_hint.setText(
            self.tr(
                "Scan the RMA, the return label, the tracking number, the order number or an item to open its return."
            )
        )
        self.problem_box.setTitle(self.tr("Report a problem with this return"))
        self.problem_detail.setPlaceholderText(self.tr("What is wrong, in a few words"))
        self.problem_save.setText(self.tr("Save problem"))
        self.problem_cancel.setText(self.tr("Cancel"))
        current = self.problem_kind.currentIndex()
        self.problem_kind.clear()
        for kind in _REPORTABLE:
            self.problem_kind.addItem(name(kind), kind)
        self.problem_kind.setCurrentIndex(max(0, current))
        for model in (self.lines, self.units, self.exceptions):
            model.retranslate()
        self._show_header(self.ctx.workbench.current_return)

    def on_profile(self, profile: Profile) -> None:
        super().on_profile(profile)
        self.problem_row.setDirection(columns_layout(profile))

    def action_enabled(self, action_id: ActionId) -> bool:
        view = self.ctx.workbench.current_return
        if action_id is ActionId.BLIND_RECEIPT:
            return True  # also for a parcel with no readable label at all
        if action_id is ActionId.INSPECT_UNIT:
            return self._selected_unit() is not None
        return view is not None and view.status is not ReturnStatus.CLOSED

    def take_scan(self, code: ScannedCode) -> bool:
        if code.kind is CodeKind.BADGE:
            return False
        self.guarded(lambda: self._scan(code))
        return True

    # -- scans -----------------------------------------------------------------------------------

    def _scan(self, code: ScannedCode) -> None:
        actor = self.operator
        current = self.ctx.workbench.current_return
        receiving = self.station.receiving
        on_bench = current if current is not None and current.status is not ReturnStatus.CLOSED else None

        def work() -> ScanAnswer:
            if code.describes_item:
                view = on_bench or receiving.open(actor, code)
                got = receiving.receive(actor, view.return_id, code)
                return ScanAnswer(self.station.return_view(view.return_id), got, opened=on_bench is None)
            return ScanAnswer(receiving.open(actor, code), opened=True)

        self.ctx.workbench.expect_view()
        self.run(work, self._on_scanned, on_error=lambda error: self._on_scan_failed(code, error), context="a scan")

    def _on_scanned(self, answer: ScanAnswer) -> None:
        self.unmatched = None
        got = answer.received
        seen = got.changed.transaction_id if got is not None and got.changed is not None else None
        self.ctx.workbench.show_return(answer.view, includes=seen)
        if got is None:
            self.ctx.feedback.success(fill(self.tr("Return %1 is open: scan its items."), shown(answer.view.title)))
            return
        if got.ignored or got.unit is None:
            self.ctx.feedback.warning(self.tr("Same scan again: ignored."))
            return
        self._select_unit(got.unit)
        if got.exception is not None:
            self.ctx.feedback.warning(shown(got.message))
        else:
            self.ctx.feedback.success(
                fill(self.tr("Received %1 as %2. Stick the licence plate on it."), got.unit.sku or "", got.unit.lpn)
            )
        self._print_licence_plate(got.unit)

    def _on_scan_failed(self, code: ScannedCode, error: StationError) -> None:
        self.ctx.workbench.expected_view_failed()
        if isinstance(error, NotFound):
            # Nothing matched: offer the blind receipt for exactly this parcel.
            self.unmatched = code
        self.ctx.feedback.station_error(error)

    def _print_licence_plate(self, unit: UnitView) -> None:
        actor = self.operator
        # Printing talks to a device: the I/O lane, so the next scan is not held up by the printer.
        self.run(
            lambda: self.station.labels.lpn_label(actor, unit.unit_id),
            self._on_label_printed,
            lane=Lane.IO,
            on_error=self._on_label_failed,
            context=f"printing the licence plate of {unit.lpn}",
        )

    def _on_label_printed(self, job: PrintJob) -> None:
        self.ctx.print_log.record(job)

    def _on_label_failed(self, error: StationError) -> None:
        self.ctx.feedback.warning(fill(self.tr("Licence plate not printed: %1"), shown(error)))

    # -- actions ---------------------------------------------------------------------------------

    def _on_inspect(self) -> None:
        unit = self._selected_unit()
        if unit is None:
            self.ctx.feedback.warning(self.tr("Select a received unit first (arrow keys), then Inspect."))
            return
        self.ctx.workbench.show_unit(unit)
        self.ctx.navigator.go(ScreenId.INSPECT)

    def _on_blind_receipt(self) -> None:
        code = self.unmatched
        self.guarded(lambda: self._blind(code))

    def _blind(self, code: ScannedCode | None) -> None:
        actor = self.operator
        self.run(lambda: self.station.receiving.open_blind(actor, code), self._on_blind_opened, context="blind receipt")

    def _on_blind_opened(self, view: ReturnView) -> None:
        self.unmatched = None
        self.ctx.workbench.show_return(view)
        self.ctx.feedback.success(self.tr("Blind receipt opened: scan the parcel's items. Central resolves it later."))

    def _on_parcel_damaged(self) -> None:
        self.guarded(self._parcel_damaged)

    def _parcel_damaged(self) -> None:
        actor, view = self.operator, self._require_return()
        tracking = view.tracking_numbers[0] if view.tracking_numbers else None
        self.run(
            lambda: self.station.receiving.record_receipt(
                actor, view.return_id, tracking_number=tracking, carrier=None, condition=PackageCondition.DAMAGED
            ),
            lambda _changed: self.ctx.feedback.warning(
                self.tr("Recorded: parcel arrived damaged. Photograph it before unpacking.")
            ),
            context="recording a damaged parcel",
        )

    def _on_report_problem(self) -> None:
        if self.ctx.workbench.current_return is None:
            self.ctx.feedback.warning(self.tr("Open a return first: scan its label."))
            return
        self.problem_box.show()
        self.problem_kind.setFocus()

    def _on_problem_save_clicked(self) -> None:
        self.guarded(self._save_problem)

    def _save_problem(self) -> None:
        actor, view = self.operator, self._require_return()
        kind: ExceptionKind = self.problem_kind.currentData()
        detail = self.problem_detail.text()
        unit = self._selected_unit()
        unit_id = unit.unit_id if unit else None

        def saved(_changed: object) -> None:
            self.problem_detail.clear()
            self.problem_box.hide()
            self.ctx.feedback.success(fill(self.tr("Problem recorded: %1."), name(kind)))

        self.run(
            lambda: self.station.receiving.raise_exception(actor, view.return_id, kind, detail, unit_id),
            saved,
            context="reporting a problem",
        )

    def _on_close_return(self) -> None:
        self.guarded(self._close)

    def _close(self) -> None:
        actor, view = self.operator, self._require_return()

        def closed(result: ReturnView) -> None:
            self.ctx.workbench.show_return(result)
            missing = result.missing_count
            if missing:
                text = self.tr("Return %1 closed; %2 item(s) missing were reported to central.")
                self.ctx.feedback.warning(fill(text, shown(result.title), missing))
            else:
                self.ctx.feedback.success(fill(self.tr("Return %1 closed: complete."), shown(result.title)))

        self.run(lambda: self.station.receiving.close(actor, view.return_id), closed, context="closing a return")

    # -- showing the return ----------------------------------------------------------------------

    def _require_return(self) -> ReturnView:
        view = self.ctx.workbench.current_return
        if view is None:
            raise NotFound(self.tr("Open a return first: scan its label."))
        return view

    def _on_workbench_return_changed(self, view: ReturnView | None) -> None:
        self._show_header(view)
        self.lines.set_items(view.lines if view else ())
        self.units.set_items(view.units if view else ())
        self.exceptions.set_items(view.exceptions if view else ())
        self.refresh_actions()
        current = self.ctx.workbench.current_unit
        if current is not None and view is not None:
            self._select_unit(current)

    def _show_header(self, view: ReturnView | None) -> None:
        self.empty_hint.setVisible(view is None)
        self.return_title.setVisible(view is not None)
        self.return_details.setVisible(view is not None)
        if view is None:
            return
        self.return_title.setText(fill(self.tr("Return %1 — %2"), shown(view.title), name(view.status)))
        parts = []
        if view.order_number:
            parts.append(fill(self.tr("Order %1"), view.order_number))
        if view.tracking_numbers:
            parts.append(fill(self.tr("Tracking %1"), ", ".join(view.tracking_numbers)))
        parts.append(fill(self.tr("Customer tier: %1"), view.customer_tier))
        if view.blind:
            parts.append(self.tr("Blind receipt: no authorization found"))
        parts.append(fill(self.tr("%1 unit(s) received, %2 missing"), len(view.units), view.missing_count))
        self.return_details.setText(" · ".join(parts))

    def _selected_unit(self) -> UnitView | None:
        index = self.units_view.currentIndex()
        unit = domain_object(index)
        return unit if isinstance(unit, UnitView) else None

    def _select_unit(self, unit: UnitView) -> None:
        row = self.units.row_of(unit.unit_id)
        if row is None:
            return
        index = self.units.index(row, 0)
        self.units_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.units_view.scrollTo(index)

    def _on_units_current_row_changed(self, current: object, _previous: object) -> None:
        unit = self._selected_unit()
        if unit is not None and unit != self.ctx.workbench.current_unit:
            self.ctx.workbench.show_unit(unit)
        self.refresh_actions()
