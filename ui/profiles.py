"""Desktop and handheld: two profiles of one application.

The desktop profile (1280x800 and up) shows navigation, tables and detail side by side; the
handheld profile (480x800) is one column, large type and touch targets of at least 48 px. The
profile is chosen from the screen size unless the operator or `--profile` says otherwise.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QSize

HANDHELD_MAX_WIDTH = 800
MIN_TOUCH_TARGET = 48


class Profile(enum.Enum):
    DESKTOP = "desktop"
    HANDHELD = "handheld"

    @property
    def window_size(self) -> QSize:
        return QSize(480, 800) if self is Profile.HANDHELD else QSize(1280, 800)

    @property
    def base_point_size(self) -> int:
        return 15 if self is Profile.HANDHELD else 11


def choose_profile(requested: Profile | None, available: QSize | None) -> Profile:
    """The requested profile, else handheld on narrow screens (portrait handhelds), else desktop."""
    if requested is not None:
        return requested
    if available is not None and 0 < available.width() < HANDHELD_MAX_WIDTH:
        return Profile.HANDHELD
    return Profile.DESKTOP
