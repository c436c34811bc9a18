"""The station's local settings: devices, central server, station id, language, profile, theme.

Kept as one small JSON file in the station's data folder (never in the developer's or the user's
desktop settings), written atomically. Only an admin changes them, on the Settings screen.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ui.i18n import Language
from ui.profiles import Profile
from ui.themes import Theme

log = logging.getLogger(__name__)

FILE_NAME = "station-settings.json"


@dataclass(frozen=True, slots=True)
class Preferences:
    station_id: str = "STATION-01"
    central_url: str = ""
    scanner_port: str = ""  # a pyserial URL or device path; empty: no serial scanner
    printer_url: str = ""  # tcp://host:9100 or a serial device; empty: no label printer
    rfid_url: str = ""
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
            language=Language(raw.get("language", defaults.language.value)),
            profile=Profile(raw["profile"]) if raw.get("profile") else None,
            theme=Theme(raw.get("theme", defaults.theme.value)),
            auto_lock_minutes=max(1, int(raw.get("auto_lock_minutes", defaults.auto_lock_minutes))),
            sound=bool(raw.get("sound", True)),
        )


class PreferencesFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_folder(cls, data_dir: Path) -> PreferencesFile:
        return cls(data_dir / FILE_NAME)

    def load(self) -> Preferences:
        try:
            return Preferences.from_json(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Preferences()
        except (ValueError, KeyError, TypeError) as exc:
            # A damaged settings file must not keep the station from starting: defaults, and say so.
            log.error("station settings in %s are unreadable (%s); using defaults", self.path, exc)
            return Preferences()

    def save(self, preferences: Preferences) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".part")
        with partial.open("w", encoding="utf-8") as handle:
            handle.write(preferences.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(self.path)
