"""Inspect: the unit's category checklist, a grade whose meaning is shown, defect codes, notes, photos.

Photos come from the station's camera ("Take photo": a still captured off the GUI thread, shown as a
thumbnail) or from files; both count alike for a grade that the rules say needs a photo, and the core
refuses the inspection without one. Taking a photo is off, with the reason shown, while no camera is
set up or the camera is not working. The photos belong to the unit on the form: another unit starts
with none. Saving asks the rules for a disposition and moves on to the Disposition screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import CodeKind, ScannedCode
from app.domain.lifecycle import UnitState
from app.errors import NotAllowed, NotFound
from app.rules import Checklist
from app.services.disposition import DispositionView
from app.services.inspection import Photo
from app.services.views import UnitView
from devices.manager import REMOVED, DeviceState, DeviceStatus
from ui.actions import ActionId
from ui.i18n import QT_TRANSLATE_NOOP
from ui.ports import CameraPhoto
from ui.screens.base import Screen, ScreenContext, ScreenId
from ui.tasks import Lane
from ui.words import fill, name, shown

PHOTO_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
_INSPECTABLE = (UnitState.RECEIVED, UnitState.INSPECTED, UnitState.DISPOSITION_PROPOSED)
THUMBNAIL = QSize(96, 72)


@dataclass(frozen=True, slots=True)
class PhotoFile:
    path: Path

    def read(self) -> Photo:
        # Read on the database lane, never on the GUI thread; an unknown type is refused by the core.
        content_type = PHOTO_TYPES.get(self.path.suffix.lower(), "application/octet-stream")
        try:
            return Photo(self.path.read_bytes(), content_type)
        except OSError as exc:
            raise NotFound(f"The photo {self.path.name} cannot be read: {exc.strerror}.") from exc


@dataclass(frozen=True, slots=True)
class TakenPhoto:
    """A still from the camera, kept as the camera sent it until the inspection is saved."""

    photo: CameraPhoto

    def read(self) -> Photo:
        return Photo(self.photo.content, self.photo.content_type)


def camera_thumbnail(photo: CameraPhoto) -> QImage:
    """The photo list's small picture. A QImage (not a QPixmap): made off the GUI thread."""
    image = QImage.fromData(photo.content)
    if image.isNull():
        return image
    return image.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def unit_finder(screen: Screen, code: ScannedCode) -> Callable[[], UnitView]:
    """Work for a worker lane: the unit a licence-plate scan points at (message translated up front)."""
    text = code.value or code.text
    missing = fill(QCoreApplication.translate("Screen", "No unit with licence plate %1 on this station."), text)
    history = screen.station.history

    def find() -> UnitView:
        found = [u for u in history.search(text) if u.lpn == text]
        if not found:
            raise NotFound(missing)
        return found[0]

    return find


class InspectScreen(Screen):
    screen_id = ScreenId.INSPECT
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Inspect")
    action_ids = (ActionId.SAVE_INSPECTION, ActionId.TAKE_PHOTO, ActionId.ADD_PHOTO)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.checklist: Checklist | None = None
        self.checklist_for: str | None = None  # the unit whose checklist the form shows
        self.photos: list[PhotoFile | TakenPhoto] = []
        self.answers: dict[str, QComboBox] = {}
        self.camera_status: DeviceStatus | None = None  # the camera's last known state, when one is managed
        self.capturing = False
        camera, devices = ctx.ports.camera, ctx.ports.devices
        if camera is not None and devices is not None:
            self.camera_status = next((s for s in devices.statuses() if s.device_id == camera.device_id), None)

        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("returnTitle")
        self.unit_label.setWordWrap(True)
        self.outer.addWidget(self.unit_label)

        self.checklist_box = QGroupBox(self)
        self.checklist_form = QFormLayout(self.checklist_box)
        self.grade_box = QGroupBox(self)
        self.grades = QListWidget(self.grade_box)
        self.grades.setObjectName("grades")
        self.grades.setWordWrap(True)
        # Wrapped meanings are laid out again for the list's width, never cut off behind a scroll bar.
        self.grades.setResizeMode(QListView.ResizeMode.Adjust)
        self.grades.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grade_meaning = QLabel(self.grade_box)
        self.grade_meaning.setWordWrap(True)
        self.grade_meaning.setObjectName("hint")
        grade_layout = QVBoxLayout(self.grade_box)
        grade_layout.addWidget(self.grades, 1)
        grade_layout.addWidget(self.grade_meaning)
        self.grades.currentRowChanged.connect(self._on_grades_current_row_changed)

        self.details_box = QGroupBox(self)
        self.defects = QLineEdit(self.details_box)
        self.defects.setObjectName("defects")
        self.notes = QPlainTextEdit(self.details_box)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.photo_list = QListWidget(self.details_box)
        self.photo_list.setObjectName("photos")
        self.photo_list.setIconSize(THUMBNAIL)
        self.photo_list.setWordWrap(True)
        self.photo_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.photo_list.setMaximumHeight(2 * THUMBNAIL.height() + 16)
        self.photo_rule = QLabel(self.details_box)
        self.photo_rule.setWordWrap(True)
        self.camera_state = QLabel(self.details_box)
        self.camera_state.setObjectName("hint")
        self.camera_state.setWordWrap(True)
        self.defects_caption = QLabel(self.details_box)
        self.notes_caption = QLabel(self.details_box)
        self.photos_caption = QLabel(self.details_box)
        self.defects_caption.setBuddy(self.defects)
        self.notes_caption.setBuddy(self.notes)
        self.photos_caption.setBuddy(self.photo_list)
        details = QFormLayout(self.details_box)
        details.addRow(self.defects_caption, self.defects)
        details.addRow(self.notes_caption, self.notes)
        details.addRow(self.photos_caption, self.photo_list)
        details.addRow(self.photo_rule)
        details.addRow(self.camera_state)

        left = QVBoxLayout()
        left.addWidget(self.checklist_box)
        left.addWidget(self.details_box)
        self.place_columns(left, self.grade_box, (3, 2))

        ctx.actions.bind(ActionId.SAVE_INSPECTION, self._on_save)
        ctx.actions.bind(ActionId.TAKE_PHOTO, self._on_take_photo)
        ctx.actions.bind(ActionId.ADD_PHOTO, self._on_add_photo)
        ctx.workbench.unit_changed.connect(self._on_workbench_unit_changed)
        self.retranslate()

    # -- screen protocol -------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.checklist_box.setTitle(self.tr("Checklist"))
        self.grade_box.setTitle(self.tr("Grade"))
        self.details_box.setTitle(self.tr("Defects, notes and photos"))
        self.defects_caption.setText(self.tr("&Defect codes"))
        self.defects.setPlaceholderText(self.tr("e.g. SCRATCH, DENT (comma between codes)"))
        self.notes_caption.setText(self.tr("&Notes"))
        self.photos_caption.setText(self.tr("P&hotos"))
        self._fill_grades()
        self._fill_checklist()
        self._show_unit(self.ctx.workbench.current_unit)
        self._show_photo_rule()
        self._show_camera_state()
        for row, photo in enumerate(self.photos):
            if isinstance(photo, TakenPhoto):
                self.photo_list.item(row).setText(self._camera_photo_text(row + 1, photo.photo))

    def action_enabled(self, action_id: ActionId) -> bool:
        unit = self.ctx.workbench.current_unit
        ready = unit is not None and unit.unit_id == self.checklist_for
        if action_id is ActionId.TAKE_PHOTO and (self.capturing or self.camera_problem() is not None):
            return False
        return ready and unit is not None and unit.state in _INSPECTABLE

    def show_device(self, status: DeviceStatus) -> None:
        """A device changed state (from the bridge): taking photos follows the camera's state."""
        camera = self.ctx.ports.camera
        if camera is None or status.device_id != camera.device_id:
            return
        self.camera_status = status
        self.refresh_actions()
        self._show_camera_state()
        self._show_photo_rule()

    def take_scan(self, code: ScannedCode) -> bool:
        if code.kind is not CodeKind.LPN:
            return False
        self.guarded(lambda: self._open_unit(code))
        return True

    def on_shown(self) -> None:
        self._load(self.ctx.workbench.current_unit)
        self.grades.setFocus() if self.checklist is None else self._first_answer_focus()

    # -- the unit --------------------------------------------------------------------------------

    def _open_unit(self, code: ScannedCode) -> None:
        self.operator  # noqa: B018 - refuses when nobody is signed in
        self.run(unit_finder(self, code), self.ctx.workbench.show_unit, context="finding a unit")

    def _on_workbench_unit_changed(self, unit: UnitView | None) -> None:
        if not self.is_current:
            return  # the checklist is loaded when the screen is shown, not for every unit scanned past
        self._load(unit)

    def _load(self, unit: UnitView | None) -> None:
        self._show_unit(unit)
        if unit is not None and unit.unit_id == self.checklist_for:
            self.refresh_actions()
            return
        # Another unit: its category's checklist replaces the old one, never a stale form meanwhile,
        # and nothing entered for the last unit (photos, defects, notes, grade) is saved with this one.
        if self.checklist_for is not None and self._has_unsaved_input():
            self.ctx.feedback.warning(
                self.tr("The last unit's inspection was not saved: its photos and notes are cleared.")
            )
        self.checklist = None
        self.checklist_for = None
        self._fill_checklist()
        self._clear_form()
        self.refresh_actions()
        if unit is None:
            return
        unit_id = unit.unit_id
        self.run(
            lambda: self.station.inspections.checklist_for_unit(unit_id),
            lambda checklist: self._on_checklist_loaded(unit_id, checklist),
            context="loading the checklist",
        )

    def _on_checklist_loaded(self, unit_id: str, checklist: Checklist) -> None:
        current = self.ctx.workbench.current_unit
        if current is None or current.unit_id != unit_id:
            return
        self.checklist = checklist
        self.checklist_for = unit_id
        self._fill_checklist()
        self.refresh_actions()
        self._show_photo_rule()

    def _show_unit(self, unit: UnitView | None) -> None:
        if unit is None:
            self.unit_label.setText(self.tr("No unit selected: scan a licence plate, or pick a unit on Receive (F2)."))
            return
        parts = [unit.lpn, unit.sku or unit.gtin or "", fill(self.tr("serial %1"), unit.serial) if unit.serial else ""]
        text = " · ".join(p for p in parts if p) + " — " + name(unit.state)
        if unit.grade:
            text += " · " + fill(self.tr("graded %1"), unit.grade)
        self.unit_label.setText(text)

    # -- the form --------------------------------------------------------------------------------

    def _fill_grades(self) -> None:
        selected = self.selected_grade()
        self.grades.clear()
        for grade in self.station.rules.scale.grades:
            item = QListWidgetItem(f"{shown(grade.label)} ({grade.code}) — {shown(grade.meaning)}", self.grades)
            item.setData(Qt.ItemDataRole.UserRole, grade.code)
            if grade.code == selected:
                self.grades.setCurrentItem(item)

    def _fill_checklist(self) -> None:
        previous = {item_id: box.currentData() for item_id, box in self.answers.items()}
        while self.checklist_form.rowCount():
            self.checklist_form.removeRow(0)
        self.answers = {}
        checklist = self.checklist
        if checklist is None:
            waiting = self.ctx.workbench.current_unit is not None
            text = self.tr("Loading the checklist…") if waiting else self.tr("Select a unit to see its checklist.")
            self.checklist_form.addRow(QLabel(text, self.checklist_box))
            return
        for item in checklist.items:
            box = QComboBox(self.checklist_box)
            box.setObjectName(f"answer-{item.item_id}")
            box.addItem(self.tr("— choose —"), None)
            if item.kind == "yes_no":
                box.addItem(self.tr("yes"), "yes")
                box.addItem(self.tr("no"), "no")
            else:
                for choice in item.choices:
                    box.addItem(choice, choice)
            index = box.findData(previous.get(item.item_id))
            box.setCurrentIndex(max(0, index))
            caption = QLabel(shown(item.question) + (" *" if item.required else ""), self.checklist_box)
            caption.setBuddy(box)
            caption.setWordWrap(True)
            self.checklist_form.addRow(caption, box)
            self.answers[item.item_id] = box
        self.checklist_form.addRow(QLabel(self.tr("* must be answered"), self.checklist_box))

    def _first_answer_focus(self) -> None:
        first = next(iter(self.answers.values()), None)
        (first or self.grades).setFocus()

    def selected_grade(self) -> str | None:
        item = self.grades.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def set_answers(self, answers: dict[str, str]) -> None:
        """Fill the checklist (scripts and tests; the operator uses the boxes)."""
        for item_id, answer in answers.items():
            box = self.answers[item_id]
            box.setCurrentIndex(box.findData(answer))

    def set_grade(self, code: str) -> None:
        for row in range(self.grades.count()):
            if self.grades.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.grades.setCurrentRow(row)

    def add_photo_files(self, paths: Sequence[Path]) -> None:
        for path in paths:
            self.photos.append(PhotoFile(path))
            self.photo_list.addItem(path.name)
        self._show_photo_rule()

    def _has_unsaved_input(self) -> bool:
        return bool(self.photos or self.defects.text().strip() or self.notes.toPlainText().strip())

    def _clear_form(self) -> None:
        """Nothing of the last inspection stays on the form: grade, defects, notes and photos."""
        self.grades.setCurrentRow(-1)
        self.defects.clear()
        self.notes.clear()
        self.photos.clear()
        self.photo_list.clear()
        self._show_photo_rule()

    def _on_grades_current_row_changed(self, row: int) -> None:
        grade_code = self.selected_grade()
        grade = next((g for g in self.station.rules.scale.grades if g.code == grade_code), None)
        self.grade_meaning.setText(
            fill(self.tr("%1: %2"), shown(grade.label), shown(grade.meaning))
            + ("" if grade.sellable else " " + self.tr("(not sellable)"))
            if grade
            else ""
        )
        self._show_photo_rule()

    def _photo_needed(self) -> bool:
        grade = self.selected_grade()
        return bool(self.checklist and grade in self.checklist.photos_required_for_grades)

    def _show_photo_rule(self) -> None:
        if self._photo_needed() and not self.photos and self.camera_problem() is None:
            self.photo_rule.setText(
                self.tr(
                    "This grade needs at least one photo of the damage: take one (Ctrl+Shift+T) "
                    "or add one from a file (Ctrl+Shift+F)."
                )
            )
        elif self._photo_needed() and not self.photos:
            self.photo_rule.setText(
                self.tr("This grade needs at least one photo of the damage: add one (Ctrl+Shift+F).")
            )
        elif self.photos:
            self.photo_rule.setText(fill(self.tr("%1 photo(s) will be saved with the inspection."), len(self.photos)))
        else:
            self.photo_rule.setText(self.tr("Photos are optional for this grade."))

    def camera_problem(self) -> str | None:
        """Why no photo can be taken now, in the inspector's words; None when the camera can take one."""
        status = self.camera_status
        if self.ctx.ports.camera is None or status is None or status.message == REMOVED:
            return self.tr("No camera is set up on this station: add photos from files (Ctrl+Shift+F).")
        if status.state in (DeviceState.READY, DeviceState.BUSY):
            return None
        if status.state is DeviceState.CONNECTING:
            return self.tr("The camera is connecting…")
        # The device layer's own words: what went wrong and what to check ("The camera at ... answered
        # with something that is not a picture: ...", "Camera disconnected: check its cable and power").
        return shown(status.message) if status.message else self.tr("The camera is not connected.")

    def _show_camera_state(self) -> None:
        problem = self.camera_problem()
        if self.capturing:
            self.camera_state.setText(self.tr("Taking a photo…"))
        elif problem is not None:
            self.camera_state.setText(problem)
        else:
            self.camera_state.setText(self.tr("Camera ready: Take photo (Ctrl+Shift+T)."))

    # -- actions ---------------------------------------------------------------------------------

    def _on_take_photo(self) -> None:
        self.guarded(self._take_photo)

    def _take_photo(self) -> None:
        self.operator  # noqa: B018 - refuses when nobody is signed in
        camera = self.ctx.ports.camera
        problem = self.camera_problem()
        unit = self.ctx.workbench.current_unit
        if camera is None or problem is not None:
            raise NotAllowed(problem or "")
        if unit is None:
            raise NotFound(self.tr("Select a unit to inspect first."))
        unit_id, lpn = unit.unit_id, unit.lpn

        def work() -> tuple[CameraPhoto, QImage]:
            photo = camera.take_photo()
            return photo, camera_thumbnail(photo)

        self._set_capturing(True)
        self.run(
            work,
            lambda taken: self._on_photo_taken(unit_id, lpn, *taken),
            lane=Lane.IO,
            context="taking a photo",
            on_error=self.ctx.feedback.station_error,
            on_settled=lambda: self._set_capturing(False),  # after a bug too, or Take photo stays off
        )

    def _set_capturing(self, capturing: bool) -> None:
        self.capturing = capturing
        self.refresh_actions()
        self._show_camera_state()

    def _on_photo_taken(self, unit_id: str, lpn: str, photo: CameraPhoto, thumbnail: QImage) -> None:
        if self.checklist_for != unit_id:
            self.ctx.feedback.warning(
                fill(self.tr("The photo of %1 was not kept: the form shows another unit now."), lpn)
            )
            return
        self.photos.append(TakenPhoto(photo))
        text = self._camera_photo_text(len(self.photos), photo)
        item = QListWidgetItem(QIcon(QPixmap.fromImage(thumbnail)), text, self.photo_list)
        self.photo_list.scrollToItem(item)
        self._show_photo_rule()
        self.ctx.feedback.success(fill(self.tr("Photo taken of %1."), lpn))

    def _camera_photo_text(self, number: int, photo: CameraPhoto) -> str:
        return fill(self.tr("Camera photo %1 (%2×%3)"), number, photo.width, photo.height)

    def _on_add_photo(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), str(Path.home()), self.tr("Images (*.jpg *.jpeg *.png)")
        )
        self.add_photo_files([Path(p) for p in paths])

    def _on_save(self) -> None:
        self.guarded(self._save)

    def _save(self) -> None:
        actor = self.operator
        unit = self.ctx.workbench.current_unit
        if unit is None:
            raise NotFound(self.tr("Select a unit to inspect first."))
        grade = self.selected_grade()
        if grade is None:
            self.ctx.feedback.error(self.tr("Choose a grade (arrow keys in the grade list)."))
            self.grades.setFocus()
            return
        answers = {item_id: str(box.currentData()) for item_id, box in self.answers.items() if box.currentData()}
        defects = [code.strip().upper() for code in self.defects.text().split(",") if code.strip()]
        notes = self.notes.toPlainText().strip()
        photos = list(self.photos)
        inspections, dispositions = self.station.inspections, self.station.dispositions

        def work() -> DispositionView:
            inspections.inspect(
                actor,
                unit.unit_id,
                grade=grade,
                answers=answers,
                defect_codes=defects,
                notes=notes,
                photos=[photo.read() for photo in photos],
            )
            return dispositions.propose(actor, unit.unit_id)

        self.run(work, self._on_saved, context=f"inspecting {unit.lpn}")

    def _on_saved(self, proposal: DispositionView) -> None:
        self._clear_form()
        self.ctx.feedback.success(
            fill(self.tr("Inspection saved. Proposed: %1 to %2."), name(proposal.kind), proposal.location or "—")
        )
        self.ctx.navigator.go(ScreenId.DISPOSITION)
