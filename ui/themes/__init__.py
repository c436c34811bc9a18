"""Light and high-contrast themes: Qt style sheets in resources/styles, plus the profile's sizes.

A theme is one QSS file; the handheld profile adds `handheld.qss` (larger type, 48 px touch
targets) on top of whichever theme is chosen. Colours live only in the QSS files.
"""

from __future__ import annotations

import enum
from functools import cache

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from resources import ROOT as RESOURCES
from ui.profiles import Profile

STYLES = RESOURCES / "styles"


class Theme(enum.Enum):
    LIGHT = "light"
    HIGH_CONTRAST = "high_contrast"


@cache
def _sheet(name: str) -> str:
    return (STYLES / f"{name}.qss").read_text(encoding="utf-8")


def style_sheet(theme: Theme, profile: Profile) -> str:
    sheets = [_sheet("base"), _sheet(theme.value)]
    if profile is Profile.HANDHELD:
        sheets.append(_sheet("handheld"))
    return "\n".join(sheets)


def apply_theme(app: QApplication, theme: Theme, profile: Profile) -> None:
    font = QFont(app.font())
    font.setPointSize(profile.base_point_size)
    app.setFont(font)
    app.setStyleSheet(style_sheet(theme, profile))
