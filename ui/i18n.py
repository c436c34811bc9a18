"""Languages of the station: Qt translators loaded from resources/i18n.

The .ts sources are written with `pyside6-lupdate` from every `tr()` / `translate()` in ui/ and
compiled with `pyside6-lrelease` (see docs/ui.md). Switching language installs the new translator;
Qt then sends a LanguageChange event and every widget re-reads its texts in `retranslate()`.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from resources import ROOT as RESOURCES

log = logging.getLogger(__name__)

I18N = RESOURCES / "i18n"
CATALOG = "returns_station"


class Language(enum.Enum):
    ENGLISH = "en"
    SPANISH = "es"
    GERMAN = "de"

    @property
    def native_name(self) -> str:
        # Each language is named in itself, so an operator can always find their own.
        return {"en": "English", "es": "Español", "de": "Deutsch"}[self.value]

    @classmethod
    def from_locale(cls, locale: QLocale) -> Language:
        code = locale.name().split("_")[0]
        return next((lang for lang in cls if lang.value == code), cls.ENGLISH)


class Translations:
    """Owns the installed translators so that a switch removes the previous ones."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = Language.ENGLISH

    def remove(self) -> None:
        """Take this station's translators out of the application (they are process-wide state)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed.clear()

    def install(self, language: Language) -> bool:
        """Switch to `language`; False (and English texts) when its catalog is missing."""
        self.remove()
        self.language = language
        if language is Language.ENGLISH:
            return True
        ours = QTranslator(self._app)
        if not ours.load(f"{CATALOG}_{language.value}", str(I18N)):
            log.error("translation catalog for %s is missing in %s", language.value, I18N)
            return False
        qt = QTranslator(self._app)
        # Qt's own strings (standard dialog buttons); optional, as a stripped install may lack them.
        if qt.load(f"qtbase_{language.value}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._app.installTranslator(qt)
            self._installed.append(qt)
        self._app.installTranslator(ours)
        self._installed.append(ours)
        return True


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark `source` for translation in `context` without translating it yet (typed, unlike Qt's)."""
    del context
    return source
