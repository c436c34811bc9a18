"""Self-test checks that need Qt: the platform plugin loads, and text renders as real letters.

`qt_checks()` gives two checks for `app.selftest`:

* **Qt platform**: a `QApplication` starts on the display, or offscreen on a machine without one.
  A display that cannot be used (a missing ``libxcb-*`` library) would make Qt abort the process, so
  offscreen is named as a fallback and the check fails, readably, when Qt had to fall back.
* **Fonts**: characters of every station language are drawn into images. No font, or a font
  without the glyphs, draws every character as the same empty box: that fails the self-test
  (``fonts-dejavu-core`` and ``fontconfig-config`` are what a bare Debian machine lacks).

The cold-start measurement hook is in `ui.startup`: this module imports the core's self-test
machinery, which the station's normal start never needs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QFontInfo, QFontMetrics, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication

from app.errors import StationError
from app.selftest import Check, Finding, Verdict

# Letters of English, Spanish and German: each must have its own glyph.
SAMPLE = "AaBg8ñÑáéüÄß€"
GLYPH_SIZE = 48
FONT_PACKAGES = "fonts-dejavu-core and fontconfig-config (Debian) or any TrueType font"


def _display_expected() -> bool:
    return not sys.platform.startswith("linux") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@contextmanager
def _platform_with_fallback() -> Iterator[str]:
    """Choose the platform plugin for the check; yields the plugin asked for first."""
    requested = os.environ.get("QT_QPA_PLATFORM", "")
    if requested:
        wanted = requested
    elif not _display_expected():
        wanted = "offscreen"
    else:
        wanted = "wayland" if os.environ.get("WAYLAND_DISPLAY") else ("xcb" if sys.platform.startswith("linux") else "")
    primary = wanted.split(";")[0]
    if primary and primary != "offscreen" and "offscreen" not in wanted.split(";"):
        # Qt tries the plugins in order; offscreen last turns an abort into a readable failure.
        os.environ["QT_QPA_PLATFORM"] = f"{wanted};offscreen"
    elif primary:
        os.environ["QT_QPA_PLATFORM"] = wanted
    try:
        yield primary
    finally:
        if requested:
            os.environ["QT_QPA_PLATFORM"] = requested
        else:
            os.environ.pop("QT_QPA_PLATFORM", None)


@dataclass
class QtSession:
    """The application the Qt checks share: the one running, or one started for the self-test."""

    app: QApplication | None = None
    asked_for: str = ""
    started_here: bool = False

    def application(self) -> QApplication:
        if self.app is None:
            existing = QApplication.instance()
            if isinstance(existing, QApplication):
                self.app = existing
                self.asked_for = existing.platformName()
            else:
                with _platform_with_fallback() as primary:
                    self.asked_for = primary or "default"
                    self.app = QApplication(sys.argv[:1])
                    self.started_here = True
        return self.app


@dataclass
class QtPlatformCheck:
    session: QtSession = field(default_factory=QtSession)
    name: str = "Qt platform"

    def run(self) -> str | Finding:
        app = self.session.application()
        loaded = app.platformName()
        if loaded == "offscreen" and self.session.asked_for not in ("offscreen", "default"):
            raise StationError(
                f"the {self.session.asked_for!r} platform could not be loaded (Qt fell back to offscreen), "
                "so the station window cannot open on this display; "
                "run with QT_DEBUG_PLUGINS=1 to see which library is missing"
            )
        screen = QGuiApplication.primaryScreen()
        size = screen.size() if screen is not None else None
        where = f"screen {size.width()}x{size.height()}" if size is not None else "no screen"
        if loaded == "offscreen" and not _display_expected():
            return Finding(Verdict.PASS, f"offscreen (no display on this machine), {where}")
        return f"{loaded}, {where}"


def _glyph(font_app: QGuiApplication, character: str) -> QImage:
    image = QImage(GLYPH_SIZE, GLYPH_SIZE, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setFont(font_app.font())
        painter.setPen(QColor("black"))
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, character)
    finally:
        painter.end()
    return image


def _ink(image: QImage) -> int:
    return sum(1 for value in bytes(image.constBits()) if value < 128)


@dataclass
class FontCheck:
    """Fails when text would come out as empty boxes: no font, or one without the station's letters."""

    session: QtSession = field(default_factory=QtSession)
    name: str = "Fonts"

    def run(self) -> str:
        app = self.session.application()
        family = QFontInfo(app.font()).family()
        families = [name for name in QFontDatabase.families() if name.strip()]
        if not families or not family.strip():
            raise StationError(f"no font found: every text would show as empty boxes (install {FONT_PACKAGES})")
        metrics = QFontMetrics(app.font())
        missing = [ch for ch in SAMPLE if not metrics.inFontUcs4(ord(ch))]
        if missing:
            raise StationError(
                f"the font {family!r} has no glyph for {' '.join(missing)}: those letters would show as boxes "
                f"(install {FONT_PACKAGES})"
            )
        images = {ch: _glyph(app, ch) for ch in SAMPLE}
        blank = [ch for ch, image in images.items() if _ink(image) == 0]
        if blank:
            raise StationError(f"the letters {' '.join(blank)} render as nothing with font {family!r}")
        shapes = {bytes(image.constBits()) for image in images.values()}
        if len(shapes) < len(images):
            raise StationError(
                f"different letters render as the same shape with font {family!r} (empty boxes); "
                f"install {FONT_PACKAGES}"
            )
        return f"{family} (of {len(families)} families); {SAMPLE} render as distinct letters"


def qt_checks(session: QtSession | None = None) -> list[Check]:
    """The Qt checks, sharing one application; run them last, after the checks that need no Qt."""
    shared = session or QtSession()
    return [QtPlatformCheck(shared), FontCheck(shared)]
