"""Sign-in: scan a badge (or type a user name), then the PIN. Also the lock screen after inactivity."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.domain.codes import CodeKind, ScannedCode
from app.domain.model import Operator
from app.errors import StationError
from app.services.values import Credentials
from ui.i18n import QT_TRANSLATE_NOOP
from ui.screens.base import Screen, ScreenContext, ScreenId
from ui.words import fill, name


class SignInScreen(Screen):
    screen_id = ScreenId.SIGN_IN
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Sign in")

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.station_label = QLabel(self)
        self.station_label.setObjectName("hint")
        self.lock_label = QLabel(self)
        self.lock_label.setWordWrap(True)
        self.lock_label.setObjectName("sectionTitle")
        self.who_edit = QLineEdit(self)
        self.who_edit.setObjectName("who")
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("pin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("primary")
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("hint")
        self.hint_label.setWordWrap(True)
        self.form = QFormLayout()
        self.who_caption = QLabel(self)
        self.pin_caption = QLabel(self)
        self.who_caption.setBuddy(self.who_edit)
        self.pin_caption.setBuddy(self.pin_edit)
        self.form.addRow(self.who_caption, self.who_edit)
        self.form.addRow(self.pin_caption, self.pin_edit)
        self.outer.addWidget(self.station_label)
        self.outer.addWidget(self.lock_label)
        self.outer.addLayout(self.form)
        self.outer.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.outer.addWidget(self.hint_label)
        self.outer.addStretch(1)
        self.who_edit.returnPressed.connect(self._on_who_return_pressed)
        self.pin_edit.returnPressed.connect(self._on_sign_in_clicked)
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self._busy = False
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.station_label.setText(fill(self.tr("Station %1"), self.ctx.station_id))
        self.who_caption.setText(self.tr("&Badge or user name"))
        self.pin_caption.setText(self.tr("&PIN"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.hint_label.setText(
            self.tr("Scan your badge, then type your PIN and press Enter. Forgot your PIN? Ask a supervisor.")
        )
        self.who_edit.setPlaceholderText(self.tr("Scan your badge"))
        self._show_lock(self.ctx.session.locked_operator)

    def on_shown(self) -> None:
        self._show_lock(self.ctx.session.locked_operator)
        (self.pin_edit if self.who_edit.text() else self.who_edit).setFocus()

    def take_scan(self, code: ScannedCode) -> bool:
        # Whatever is scanned here is taken as a badge; the core says if it is not one.
        badge = code.value if code.kind is CodeKind.BADGE and code.value else code.text
        self.who_edit.setText(badge)
        self.pin_edit.clear()
        self.pin_edit.setFocus()
        self.ctx.feedback.success(self.tr("Badge read. Type your PIN and press Enter."))
        return True

    def _show_lock(self, who: Operator | None) -> None:
        if who is None:
            self.lock_label.hide()
            return
        self.lock_label.setText(
            fill(self.tr("Locked after inactivity. %1 was signed in: sign in again to continue."), who.display_name)
        )
        self.lock_label.show()

    def _on_who_return_pressed(self) -> None:
        self.pin_edit.setFocus()

    def _on_sign_in_clicked(self) -> None:
        if self._busy:
            return
        who, pin = self.who_edit.text().strip(), self.pin_edit.text()
        if not who:
            self.ctx.feedback.error(self.tr("Scan your badge or type your user name first."))
            self.who_edit.setFocus()
            return
        if not pin:
            self.ctx.feedback.error(self.tr("Type your PIN."))
            self.pin_edit.setFocus()
            return
        self._busy = True
        self.sign_in_button.setEnabled(False)
        credentials = Credentials(who, pin)
        # PIN checking is slow on purpose (argon2): never on the GUI thread.
        self.run(
            lambda: self.station.auth.sign_in(credentials),
            self._on_signed_in,
            on_error=self._on_sign_in_failed,
            context="signing in",
        )

    def _on_signed_in(self, operator: Operator) -> None:
        self._done()
        self.who_edit.clear()
        self.ctx.session.sign_in(operator)
        self.ctx.feedback.success(fill(self.tr("Signed in: %1 (%2)"), operator.display_name, name(operator.role)))

    def _on_sign_in_failed(self, error: StationError) -> None:
        self._done()
        self.ctx.feedback.station_error(error)
        self.pin_edit.setFocus()

    def _done(self) -> None:
        self._busy = False
        self.sign_in_button.setEnabled(True)
        self.pin_edit.clear()
