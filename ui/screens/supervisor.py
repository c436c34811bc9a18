"""The supervisor's badge + PIN (and a reason) asked at the station, for approvals and discards."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from app.services.values import Credentials


class SupervisorForm(QGroupBox):
    """Badge or user, PIN and a reason; the core checks the role and the PIN."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorForm")
        self.who = QLineEdit(self)
        self.who.setObjectName("supervisorWho")
        self.pin = QLineEdit(self)
        self.pin.setObjectName("supervisorPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("supervisorReason")
        self.captions = (QLabel(self), QLabel(self), QLabel(self))
        form = QFormLayout(self)
        for caption, field in zip(self.captions, (self.who, self.pin, self.reason), strict=True):
            caption.setBuddy(field)
            form.addRow(caption, field)
        self.who.returnPressed.connect(self.pin.setFocus)
        self.retranslate()

    def retranslate(self, reason_caption: str | None = None) -> None:
        self.setTitle(self.tr("Supervisor"))
        self.captions[0].setText(self.tr("Supervisor &badge or user"))
        self.captions[1].setText(self.tr("Supervisor P&IN"))
        self.captions[2].setText(reason_caption or self.tr("&Reason"))
        self.who.setPlaceholderText(self.tr("The supervisor scans their badge"))

    def take_badge(self, badge: str) -> None:
        self.who.setText(badge)
        self.pin.clear()
        self.pin.setFocus()

    def credentials(self) -> Credentials:
        return Credentials(self.who.text().strip(), self.pin.text())

    def clear(self) -> None:
        self.pin.clear()
        self.reason.clear()
