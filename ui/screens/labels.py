"""Labels: the printer's state and what to do about it, labels waiting to print, recent labels, preview, reprint.

The preview is drawn by the device layer from the same label model the printer gets. A reprint goes
through the core like any print, so it is journalled and audited. Printing the waiting labels shows
its progress.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QProgressBar, QTableView, QVBoxLayout, QWidget

from app.domain.codes import CodeKind, ScannedCode
from app.errors import NotFound, StationError
from app.services.values import Changed, LabelTemplate, PrintJob
from app.services.views import UnitView
from devices.events import PrinterState, PrinterStatus
from ui.actions import ActionId
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import domain_object
from ui.models.work import PrintJobsModel
from ui.screens.base import Screen, ScreenContext, ScreenId, retranslate_sections, section, table
from ui.screens.inspect import unit_finder
from ui.tasks import Coalesced, Lane, ProgressReport
from ui.words import fill, name, shown

PREVIEW_WIDTH = 300


class LabelsScreen(Screen):
    screen_id = ScreenId.LABELS
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Labels")
    action_ids = (ActionId.REPRINT, ActionId.PRINT_WAITING)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.printer: PrinterStatus | None = None
        self.scanned_unit: UnitView | None = None
        self.selected: PrintJob | None = None
        self.printer_state = QLabel(self)
        self.printer_state.setObjectName("sectionTitle")
        self.printer_advice = QLabel(self)
        self.printer_advice.setWordWrap(True)
        self.waiting = PrintJobsModel()
        self.recent = PrintJobsModel()
        self.waiting_view = table(self.waiting, self)
        self.waiting_view.setObjectName("waitingLabels")
        self.recent_view = table(self.recent, self)
        self.recent_view.setObjectName("recentLabels")
        self.preview = QLabel(self)
        self.preview.setObjectName("labelPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumWidth(PREVIEW_WIDTH)
        self.preview_caption = QLabel(self)
        self.preview_caption.setWordWrap(True)
        self.preview_caption.setObjectName("hint")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("printProgress")
        self.progress.hide()

        lists = QVBoxLayout()
        lists.addWidget(self.printer_state)
        lists.addWidget(self.printer_advice)
        lists.addWidget(section(QT_TRANSLATE_NOOP("LabelsScreen", "Waiting to print"), self))
        lists.addWidget(self.waiting_view, 1)
        lists.addWidget(section(QT_TRANSLATE_NOOP("LabelsScreen", "Printed since the station started"), self))
        lists.addWidget(self.recent_view, 1)
        lists.addWidget(self.progress)
        side = QVBoxLayout()
        side.addWidget(section(QT_TRANSLATE_NOOP("LabelsScreen", "Preview"), self))
        side.addWidget(self.preview, 1)
        side.addWidget(self.preview_caption)
        self.place_columns(lists, side, (3, 2))

        for view in (self.waiting_view, self.recent_view):
            view.selectionModel().currentRowChanged.connect(lambda *_args, v=view: self._on_job_selected(v))
        self._reload = Coalesced(ctx.runner, self.station.labels.pending, self._on_waiting_loaded, context="labels")
        ctx.print_log.added.connect(lambda _job: self.recent.set_items(ctx.print_log.jobs))
        ctx.actions.bind(ActionId.REPRINT, self._on_reprint)
        ctx.actions.bind(ActionId.PRINT_WAITING, self._on_print_waiting)
        self.retranslate()

    # -- screen protocol -------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        retranslate_sections(self, "LabelsScreen")
        self.waiting.retranslate()
        self.recent.retranslate()
        self._show_printer()
        if self.preview.pixmap().isNull():
            self.preview.setText(self.tr("Select a label to see it."))

    def on_shown(self) -> None:
        self._reload.request()
        self.recent.set_items(self.ctx.print_log.jobs)

    def on_station_changed(self, changed: Changed) -> None:
        if changed.labels and self.is_current:
            self._reload.request()

    def action_enabled(self, action_id: ActionId) -> bool:
        if action_id is ActionId.PRINT_WAITING:
            return self.waiting.rowCount() > 0
        return self._selected_job() is not None or self.scanned_unit is not None

    def take_scan(self, code: ScannedCode) -> bool:
        if code.kind is not CodeKind.LPN:
            return False
        self.guarded(lambda: self.run(unit_finder(self, code), self._on_unit_found, context="finding a unit"))
        return True

    def show_printer(self, status: PrinterStatus) -> None:
        self.printer = status
        self._show_printer()

    # -- showing ---------------------------------------------------------------------------------

    def _show_printer(self) -> None:
        status = self.printer
        if status is None:
            self.printer_state.setText(self.tr("Printer: no news yet"))
            self.printer_advice.setText(
                self.tr("The printer's state shows here after the first label or status check.")
            )
            return
        self.printer_state.setText(fill(self.tr("Printer: %1"), name(status.state)))
        advice = shown(status.message)
        if status.state is not PrinterState.READY:
            advice += " " + self.tr("Waiting labels print when you press Print waiting labels (Ctrl+Shift+P).")
        self.printer_advice.setText(advice)

    def _on_waiting_loaded(self, jobs: list[PrintJob]) -> None:
        self.waiting.set_items(jobs)
        self.refresh_actions()

    def _selected_job(self) -> PrintJob | None:
        return self.selected

    def _on_job_selected(self, view: QTableView) -> None:
        job = domain_object(view.currentIndex())
        self.selected = job if isinstance(job, PrintJob) else None
        self.scanned_unit = None
        self.refresh_actions()
        if self.selected is not None:
            job = self.selected
            self._preview(
                job.template, dict(job.fields), fill("%1 · %2", name(job.template), job.fields.get("lpn", ""))
            )

    def _preview(self, template: LabelTemplate, fields: dict[str, str], caption: str) -> None:
        previews = self.ctx.ports.previews
        if previews is None:
            self.preview.setText(self.tr("No label printer is set up, so there is no preview."))
            return
        self.preview_caption.setText(caption)
        self.run(
            lambda: previews.preview_png(template, fields),
            self._on_preview_drawn,
            lane=Lane.IO,
            on_error=lambda error: self.preview.setText(shown(error)),
            context="drawing a label preview",
        )

    def _on_preview_drawn(self, png: bytes) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            self.preview.setText(self.tr("The preview could not be drawn."))
            return
        self.preview.setPixmap(pixmap.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation))

    def _on_unit_found(self, unit: UnitView) -> None:
        self.scanned_unit = unit
        self.selected = None
        self.refresh_actions()
        text = self.tr(
            "%1 found. Reprint (Ctrl+P) prints its licence plate, or its routing label once it has an outcome."
        )
        self.preview_caption.setText(fill(text, unit.lpn))
        self.ctx.feedback.success(fill(self.tr("%1: press Ctrl+P to reprint its label."), unit.lpn))

    # -- actions ---------------------------------------------------------------------------------

    def _on_reprint(self) -> None:
        self.guarded(self._reprint)

    def _reprint(self) -> None:
        actor = self.operator
        job = self._selected_job()
        labels = self.station.labels
        if job is not None and job.unit_id:
            unit_id, routing, lpn = job.unit_id, job.template is not LabelTemplate.LPN, job.fields.get("lpn", "")
        elif self.scanned_unit is not None:
            unit = self.scanned_unit
            unit_id, routing, lpn = unit.unit_id, unit.disposition is not None, unit.lpn
        else:
            raise NotFound(self.tr("Select a label, or scan a licence plate, to reprint."))

        def printed(new_job: PrintJob) -> None:
            self.ctx.print_log.record(new_job)
            self.ctx.feedback.success(fill(self.tr("Label for %1 printed again."), lpn))

        work = (lambda: labels.routing_label(actor, unit_id)) if routing else (lambda: labels.lpn_label(actor, unit_id))
        self.run(work, printed, lane=Lane.IO, context=f"reprinting a label of {lpn}")

    def _on_print_waiting(self) -> None:
        self.guarded(self._print_waiting)

    def _print_waiting(self) -> None:
        actor = self.operator
        labels = self.station.labels
        total = self.waiting.rowCount()

        def work(report: ProgressReport) -> list[PrintJob]:
            # The core sends the waiting jobs in one call and stops at the first fault: the bar
            # runs while it works and shows how many went out when it is done.
            left = labels.print_pending(actor)
            report(total - len(left), total)
            return left

        self.progress.setRange(0, 0)
        self.progress.show()

        def done(left: list[PrintJob]) -> None:
            self.progress.hide()
            self._reload.request()
            if left:
                self.ctx.feedback.warning(
                    fill(self.tr("%1 label(s) still waiting: fix the printer, then try again."), len(left))
                )
            else:
                self.ctx.feedback.success(fill(self.tr("All %1 waiting label(s) printed."), total))

        def progressed(done_count: int, all_count: int) -> None:
            self.progress.setRange(0, max(1, all_count))
            self.progress.setValue(done_count)

        def failed(error: StationError) -> None:
            self.progress.hide()
            self.ctx.feedback.station_error(error)

        self.ctx.runner.run_with_progress(
            Lane.IO, work, context="printing waiting labels", on_progress=progressed, on_done=done, on_error=failed
        )
