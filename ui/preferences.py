"""The station's local settings: devices, central server, station id, language, profile, theme.

Kept as one small JSON file in the station's data folder (never in the developer's or the user's
desktop settings), written atomically. Only an admin changes them, on the Settings screen, and
`PreferencesFile.change()` enforces that here, below the screen: a non-admin is refused, and so is a
change to a setting IT's provisioning file fixes (`Provisioned`).

What the provisioning file says (station id, central server, device addresses, language, layout) wins
over this file at every start (app/__main__.py), so those settings are read-only on the Settings
screen, with a note naming the file. Where the file lets a per-user file override it
(``station.allow_user_override = true``), an admin may change them: the change goes to the per-user
file too (app/config.py's `user_config_path()`), so that it still holds after the next start.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from PySide6.QtCore import QCoreApplication

from app.config import SETTINGS, StationConfig, system_config_path, user_config_path
from app.domain.model import Operator, Role
from app.errors import InvalidInput, NotAllowed, StorageProblem
from app.services.values import require_role
from ui.i18n import QT_TRANSLATE_NOOP, Language
from ui.profiles import Profile
from ui.themes import Theme
from ui.words import fill

log = logging.getLogger(__name__)

FILE_NAME = "station-settings.json"

# Preferences fields that the provisioning file also sets (its key), and what an admin calls them.
PROVISIONED_KEYS: Mapping[str, str] = {
    "station_id": "station.id",
    "central_url": "server.url",
    "scanner_port": "devices.scanner.url",
    "printer_url": "devices.printer.url",
    "rfid_url": "devices.rfid.url",
    "camera_url": "devices.camera.url",
    "language": "station.language",
    "profile": "station.profile",
}
FIELD_NAMES: Mapping[str, str] = {
    "station_id": QT_TRANSLATE_NOOP("Preferences", "Station id"),
    "central_url": QT_TRANSLATE_NOOP("Preferences", "Central server URL"),
    "scanner_port": QT_TRANSLATE_NOOP("Preferences", "Scanner port"),
    "printer_url": QT_TRANSLATE_NOOP("Preferences", "Printer address"),
    "rfid_url": QT_TRANSLATE_NOOP("Preferences", "RFID reader address"),
    "camera_url": QT_TRANSLATE_NOOP("Preferences", "Camera address"),
    "language": QT_TRANSLATE_NOOP("Preferences", "Language"),
    "profile": QT_TRANSLATE_NOOP("Preferences", "Layout"),
}
_ADDRESSES = ("central_url", "scanner_port", "printer_url", "rfid_url", "camera_url")
_CHECKED = ("station_id", *_ADDRESSES)
_SETTINGS = {setting.key: setting for setting in SETTINGS}


def field_name(field: str) -> str:
    return QCoreApplication.translate("Preferences", FIELD_NAMES[field])


@dataclass(frozen=True, slots=True)
class Preferences:
    station_id: str = "STATION-01"
    central_url: str = ""
    scanner_port: str = ""  # a pyserial URL or device path; empty: no serial scanner
    printer_url: str = ""  # tcp://host:9100 or a serial device; empty: no label printer
    rfid_url: str = ""
    camera_url: str = ""  # an HTTP snapshot URL (IP or document camera); empty: no camera
    language: Language = Language.ENGLISH
    profile: Profile | None = None  # None: chosen from the screen size
    theme: Theme = Theme.LIGHT
    auto_lock_minutes: int = 5
    sound: bool = True

    def to_json(self) -> str:
        values = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            values[f.name] = value.value if hasattr(value, "value") else value
        return json.dumps(values, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Preferences:
        raw = json.loads(text)
        defaults = cls()
        return cls(
            station_id=str(raw.get("station_id", defaults.station_id)),
            central_url=str(raw.get("central_url", "")),
            scanner_port=str(raw.get("scanner_port", "")),
            printer_url=str(raw.get("printer_url", "")),
            rfid_url=str(raw.get("rfid_url", "")),
            camera_url=str(raw.get("camera_url", "")),
            language=Language(raw.get("language", defaults.language.value)),
            profile=Profile(raw["profile"]) if raw.get("profile") else None,
            theme=Theme(raw.get("theme", defaults.theme.value)),
            auto_lock_minutes=max(1, int(raw.get("auto_lock_minutes", defaults.auto_lock_minutes))),
            sound=bool(raw.get("sound", True)),
        )


@dataclass(frozen=True, slots=True)
class Provisioned:
    """Which settings IT's provisioning file fixes on this station, and which file that is."""

    file: Path | None = None  # None: this station has no provisioning file, nothing is fixed
    user_file: Path | None = None  # set when IT lets a per-user file override: then nothing is fixed

    @classmethod
    def from_config(cls, config: StationConfig | None, *, user_file: Path | None = None) -> Provisioned:
        if config is None:
            return cls()
        file = config.sources[0] if config.sources else system_config_path()
        return cls(file, (user_file or user_config_path()) if config.allow_user_override else None)

    def fixes(self, field: str) -> bool:
        """Whether `field` (a Preferences field name) is the provisioning file's, read-only here."""
        return self.file is not None and self.user_file is None and field in PROVISIONED_KEYS

    def key(self, field: str) -> str:
        """The provisioning file's name for a Preferences field ("devices.printer.url")."""
        return PROVISIONED_KEYS[field]


def _unusable(preferences: Preferences) -> list[tuple[str, ValueError]]:
    """(field, why) for every address or id the station could not use, checked as IT's file is."""
    found = []
    for field in _CHECKED:
        try:
            _SETTINGS[PROVISIONED_KEYS[field]].parse(getattr(preferences, field), Path.cwd())
        except ValueError as bad:  # the provisioning loader's own words, e.g. "expected tcp://host:port"
            found.append((field, bad))
    return found


def problems(preferences: Preferences) -> list[tuple[str, str]]:
    """(field, what is wrong) for every address or id the station could not use, in the admin's words."""
    template = QCoreApplication.translate("Preferences", "%1: %2")
    return [(field, fill(template, field_name(field), bad)) for field, bad in _unusable(preferences)]


def _write_safely(path: Path, text: str) -> None:
    """Write `path` whole or not at all: a power cut leaves the old file or the new one, never half of each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


class PreferencesFile:
    def __init__(self, path: Path, *, provisioned: Provisioned | None = None) -> None:
        self.path = path
        self.provisioned = provisioned or Provisioned()
        self._reported: set[tuple[str, str]] = set()  # (field, value) already logged as unusable

    @classmethod
    def in_folder(cls, data_dir: Path, *, provisioned: Provisioned | None = None) -> PreferencesFile:
        return cls(data_dir / FILE_NAME, provisioned=provisioned)

    def load(self) -> Preferences:
        """The saved settings, with every address the station could not use left empty (and logged)."""
        try:
            loaded = Preferences.from_json(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Preferences()
        except (ValueError, KeyError, TypeError) as exc:
            # A damaged settings file must not keep the station from starting: defaults, and say so.
            log.error("station settings in %s are unreadable (%s); using defaults", self.path, exc)
            return Preferences()
        return self._without_unusable_addresses(loaded)

    def _without_unusable_addresses(self, preferences: Preferences) -> Preferences:
        """A hand-edited address the station cannot use ("tcp://host:abc") becomes no device at all.

        Checked as the provisioning loader and the Settings screen check it, so no device builder ever
        sees a bad address: the station starts without that device and the log says which key it ignored.
        """
        blanked: dict[str, Any] = {}
        for field, bad in _unusable(preferences):
            if field not in _ADDRESSES:
                continue  # a bad station id stays: the Settings screen asks the admin to correct it
            blanked[field] = ""
            value = getattr(preferences, field)
            if (field, value) not in self._reported:  # the Settings screen loads the file at every visit
                self._reported.add((field, value))
                log.error(
                    "station settings in %s: %s is ignored, the station runs without it: %s", self.path, field, bad
                )
        return dataclasses.replace(preferences, **blanked) if blanked else preferences

    def save(self, preferences: Preferences) -> None:
        """Write the file as it is (the composition root's writes); people go through `change()`."""
        _write_safely(self.path, preferences.to_json())

    def change(self, operator: Operator, edited: Preferences) -> tuple[Preferences, Preferences]:
        """An admin's change from the Settings screen: (before, after). Blocking: run off the GUI thread.

        Refused (`PermissionDenied`) for anyone but an admin, (`NotAllowed`) for a setting the
        provisioning file fixes, (`InvalidInput`) for an address the station could not use.
        """
        require_role(operator, Role.ADMIN, QCoreApplication.translate("Preferences", "change the station settings"))
        before = self.load()
        changed = [
            f.name for f in dataclasses.fields(Preferences) if getattr(edited, f.name) != getattr(before, f.name)
        ]
        fixed = [field for field in changed if self.provisioned.fixes(field)]
        if fixed:
            raise NotAllowed(
                fill(
                    QCoreApplication.translate("Preferences", "%1 is set by IT in %2 and cannot be changed here."),
                    ", ".join(field_name(field) for field in fixed),
                    self.provisioned.file,
                )
            )
        bad = problems(edited)
        if bad:
            raise InvalidInput(
                fill(
                    QCoreApplication.translate("Preferences", "The settings were not saved. %1"),
                    " ".join(text for _field, text in bad),
                )
            )
        try:
            overridden = [field for field in changed if field in PROVISIONED_KEYS]
            if self.provisioned.user_file is not None and overridden:
                _override(self.provisioned.user_file, {PROVISIONED_KEYS[f]: _toml_value(edited, f) for f in overridden})
            self.save(edited)
        except OSError as exc:
            log.error("station settings could not be written: %s", exc)
            raise StorageProblem(
                QCoreApplication.translate(
                    "Preferences", "The settings could not be saved (disk full or not writable). Ask IT."
                )
            ) from exc
        return before, edited


def _toml_value(preferences: Preferences, field: str) -> str:
    value = getattr(preferences, field)
    if field == "profile":
        return "auto" if value is None else str(value.value)
    return str(value.value) if isinstance(value, Language) else str(value)


def _unreadable(path: Path, detail: object) -> InvalidInput:
    """The per-user file is not one the station can change: nothing is saved, and the admin learns which file."""
    log.error("the per-user settings file %s cannot be changed: %s", path, detail)
    return InvalidInput(
        fill(
            QCoreApplication.translate(
                "Preferences",
                "The settings were not saved: %1 is not a valid settings file (%2). Ask IT to correct it.",
            ),
            path,
            detail,
        )
    )


def _override(path: Path, values: Mapping[str, str]) -> None:
    """Set dotted keys in the per-user provisioning file, keeping what else it says (not its comments).

    Raises `InvalidInput` naming the file when it is not TOML the station can change, `OSError` when
    it cannot be read or written.
    """
    try:
        with path.open("rb") as handle:
            document: dict[str, Any] = tomllib.load(handle)
    except FileNotFoundError:
        document = {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _unreadable(path, exc) from exc
    for key, value in values.items():
        *sections, name = key.split(".")
        table = document
        for depth, section in enumerate(sections, start=1):
            table = table.setdefault(section, {})
            if not isinstance(table, dict):  # `devices = "x"` where the [devices] section belongs
                raise _unreadable(path, f"{'.'.join(sections[:depth])} is not a [section]")
        table[name] = value
    header = "# Per-user station settings, written by the Settings screen (station.allow_user_override is true).\n"
    _write_safely(path, header + tomli_w.dumps(document))
