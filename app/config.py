"""The station's provisioning file: what IT sets once per machine, read and checked at every start.

One TOML file describes a station: its id, the central server (and the company CA that signed its
certificate), the device ports and URLs, the screen profile, the language, the log level and the data
folder. IT pushes it machine-wide:

    Linux    /etc/returns-station/station.toml
    Windows  %PROGRAMDATA%\\returns-station\\station.toml   (platformdirs' site_config_dir)

``RETURNS_STATION_CONFIG`` or ``--config FILE`` name another file. When the machine-wide file says
``allow_user_override = true``, a per-user file (platformdirs' user_config_dir) may change any setting
but that one; otherwise a per-user file is ignored, and the station says so.

Every problem names the file and the key, in words IT can act on::

    /etc/returns-station/station.toml: devices.printer.url: 'tcp//x' is not a valid URL (expected tcp://host:port)

`SETTINGS` below is the one description of the format: the loader checks against it and
`json_schema()` turns it into ``packaging/station.schema.json`` for editors and IT's own tooling.
"""

from __future__ import annotations

import difflib
import enum
import ipaddress
import logging
import os
import re
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from app.errors import StationError

log = logging.getLogger(__name__)

APP_NAME = "returns-station"
FILE_NAME = "station.toml"
ENV_CONFIG = "RETURNS_STATION_CONFIG"
LINUX_SYSTEM_FOLDER = Path("/etc/returns-station")
SCHEMA_ID = "https://returns-station.example/schemas/station.schema.json"

# pyserial's URL handlers (serial_for_url); anything else with "://" is not a serial port.
SERIAL_SCHEMES = frozenset({"socket", "rfc2217", "loop", "spy", "hwgrep", "alt", "cp2110"})
_STATION_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_WINDOWS_PORT = re.compile(r"(\\\\\.\\)?COM[1-9][0-9]{0,2}", re.IGNORECASE)
_HOSTNAME = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


class Profile(enum.Enum):
    DESKTOP = "desktop"
    HANDHELD = "handheld"
    AUTO = "auto"  # chosen from the screen size at start


class Language(enum.Enum):
    ENGLISH = "en"
    SPANISH = "es"
    GERMAN = "de"


class LogLevel(enum.Enum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def number(self) -> int:
        """The `logging` module's level."""
        return int(logging.getLevelNamesMapping()[self.name])


@dataclass(frozen=True, slots=True)
class DevicePorts:
    """Where the station's devices are; an empty string means the station has none of that kind."""

    scanner: str = ""
    rfid: str = ""
    printer: str = ""
    camera: str = ""  # an HTTP snapshot URL, e.g. http://10.0.0.40/axis-cgi/jpg/image.cgi


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True, slots=True)
class StationConfig:
    """One station's provisioning, checked: every field holds a valid value."""

    station_id: str
    server_url: str = ""
    ca_bundle: Path | None = None
    devices: DevicePorts = field(default_factory=DevicePorts)
    profile: Profile = Profile.AUTO
    language: Language = Language.ENGLISH
    log_level: LogLevel = LogLevel.INFO
    data_dir: Path = field(default_factory=default_data_dir)
    allow_user_override: bool = False
    sources: tuple[Path, ...] = ()  # the files it was read from, machine-wide first
    notes: tuple[str, ...] = ()  # things IT should know that are not errors (an ignored per-user file)

    def as_document(self) -> dict[str, Any]:
        """The effective settings in the file's own layout (for the support bundle and `--self-test`)."""
        return {
            "station": {
                "id": self.station_id,
                "profile": self.profile.value,
                "language": self.language.value,
                "data_dir": str(self.data_dir),
                "allow_user_override": self.allow_user_override,
            },
            "server": {"url": self.server_url, "ca_bundle": str(self.ca_bundle) if self.ca_bundle else ""},
            "devices": {
                "scanner": {"url": self.devices.scanner},
                "rfid": {"url": self.devices.rfid},
                "printer": {"url": self.devices.printer},
                "camera": {"url": without_password(self.devices.camera)},
            },
            "logging": {"level": self.log_level.value},
        }


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One bad setting: which file, which key, and what is wrong with it."""

    file: Path
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}" if self.key else f"{self.file}: {self.message}"


class ConfigError(StationError):
    """The provisioning file cannot be used as it is; `problems` lists every bad setting found."""

    def __init__(self, problems: Sequence[ConfigProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


# -- the settings: one table, the single description of the format ----------------------------------


class _Bad(ValueError):
    """A value that does not fit; the text completes "<file>: <key>: ..."."""


@dataclass(frozen=True, slots=True)
class Setting:
    key: str  # dotted, as written in the file: "devices.printer.url"
    description: str
    schema: Mapping[str, Any]  # the JSON Schema of the value
    parse: Callable[[Any, Path], Any]  # (raw value, folder of the file) -> typed value; raises _Bad
    system_only: bool = False


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad(f"expected text in quotes, got {_shown(value)}")
    return value.strip()


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _station_id(value: Any, _folder: Path) -> str:
    text = _string(value)
    if not _STATION_ID.fullmatch(text):
        raise _Bad(f"{text!r} is not a valid station id (1 to 64 letters, digits, '.', '_', ':' or '-', e.g. DOCK-1)")
    return text


def _choice(kind: type[enum.Enum]) -> Callable[[Any, Path], Any]:
    def parse(value: Any, _folder: Path) -> Any:
        text = _string(value).lower()
        try:
            return kind(text)
        except ValueError:
            allowed = ", ".join(repr(member.value) for member in kind)
            raise _Bad(f"{value!r} is not one of {allowed}") from None

    return parse


def _boolean(value: Any, _folder: Path) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"expected true or false (no quotes), got {_shown(value)}")
    return value


def _folder_path(value: Any, folder: Path) -> Path:
    text = _string(value)
    if not text:
        raise _Bad("is empty (leave the setting out to use the default)")
    path = Path(text).expanduser()
    # A relative path is read next to the file that names it, not in whatever folder the station started in.
    return path if path.is_absolute() else folder / path


def _existing_file(value: Any, folder: Path) -> Path | None:
    if isinstance(value, str) and not value.strip():
        return None
    path = _folder_path(value, folder)
    if not path.is_file():
        raise _Bad(f"the file {path} does not exist")
    return path


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(_HOSTNAME.fullmatch(host))
    return True


def _host_port(text: str, expected: str, *, default_port: int | None = None) -> None:
    """Check the part after "scheme://" is host[:port] (a port is required when there is no default)."""
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        raise _Bad(f"{text!r} has an invalid port (expected {expected})") from None
    host = parts.hostname or ""
    if not host or not _valid_host(host) or (port is None and default_port is None) or port == 0:
        raise _Bad(f"{text!r} is not a valid URL (expected {expected})")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise _Bad(f"{text!r} is not a valid URL: nothing may follow host:port (expected {expected})")


def _server_url(value: Any, _folder: Path) -> str:
    text = _string(value)
    if not text:
        return ""
    _check_http_url(text, "https://host[:port][/path]", shown=text, query_allowed=False)
    return text.rstrip("/")


def _camera_url(value: Any, _folder: Path) -> str:
    text = _string(value)
    if text:
        # The snapshot address may carry a query (some cameras take the channel there) and a password.
        expected = "http://host[:port]/path, the camera's snapshot address"
        _check_http_url(text, expected, shown=without_password(text), query_allowed=True)
    return text


def _check_http_url(text: str, expected: str, *, shown: str, query_allowed: bool) -> None:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or not _valid_host(parts.hostname):
        raise _Bad(f"{shown!r} is not a valid URL (expected {expected})")
    try:
        parts.port  # noqa: B018 - reading it is the check
    except ValueError:
        raise _Bad(f"{shown!r} has an invalid port (expected {expected})") from None
    if parts.fragment or (parts.query and not query_allowed):
        extra = "no '#' part" if query_allowed else "no '?' or '#' part"
        raise _Bad(f"{shown!r} is not a valid URL: {extra} (expected {expected})")


def without_password(url: str) -> str:
    """A URL as it may be shown and logged: a password in it (http://user:secret@camera/) becomes ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{parts.username}:***@{host}").geturl()


def _is_device_path(text: str) -> bool:
    return text.startswith("/") or bool(_WINDOWS_PORT.fullmatch(text))


def _serial_url(text: str, expected: str) -> None:
    scheme = text.partition("://")[0].lower()
    if scheme not in SERIAL_SCHEMES:
        raise _Bad(f"{text!r} is not a valid URL (expected {expected})")
    if scheme in ("socket", "rfc2217"):
        _host_port(text, f"{scheme}://host:port")


def _device_url(
    schemes: Mapping[str, int | None], expected: str, guess: Callable[[str], str | None]
) -> Callable[[Any, Path], str]:
    """A parser for a device that takes a serial port or one of `schemes` (scheme -> default port)."""

    def parse(value: Any, _folder: Path) -> str:
        text = _string(value)
        if not text or _is_device_path(text):
            return text
        scheme = text.partition("://")[0].lower() if "://" in text else ""
        if scheme in schemes:
            _host_port(text, f"{scheme}://host:port", default_port=schemes[scheme])
            return text
        if scheme:
            _serial_url(text, expected)
            return text
        raise _Bad(f"{text!r} is not a valid URL (expected {guess(text) or expected})")

    return parse


def _network_guess(*schemes: str) -> Callable[[str], str | None]:
    """A misspelt network URL ('tcp//x', 'tcp:/x') gets the hint for the scheme it was meant to be."""

    def guess(text: str) -> str | None:
        lowered = text.lower()
        return next((f"{scheme}://host:port" for scheme in schemes if lowered.startswith(scheme)), None)

    return guess


SERIAL_EXAMPLES = "a serial port such as /dev/ttyACM0, COM3 or socket://host:port"
_TEXT = {"type": "string"}

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "station.id",
        "This station's name at central, e.g. DOCK-1. Required.",
        {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$"},
        _station_id,
    ),
    Setting(
        "station.profile",
        "Screen layout: desktop, handheld, or auto (chosen from the screen size).",
        {"enum": [p.value for p in Profile]},
        _choice(Profile),
    ),
    Setting(
        "station.language",
        "Language of the station's screens: en, es or de.",
        {"enum": [lang.value for lang in Language]},
        _choice(Language),
    ),
    Setting(
        "station.data_dir",
        "Folder for the station's database, photos and label spool. Default: the user's data folder.",
        {"type": "string", "minLength": 1},
        _folder_path,
    ),
    Setting(
        "station.allow_user_override",
        "Machine-wide file only: let a per-user station.toml change settings on this machine.",
        {"type": "boolean"},
        _boolean,
        system_only=True,
    ),
    Setting(
        "server.url",
        "Central RMS base URL (the Station Sync API lives under /v1). Empty: no central server.",
        {"type": "string", "pattern": "^(https?://[^\\s?#]+)?$"},
        _server_url,
    ),
    Setting(
        "server.ca_bundle",
        "PEM file of the company CA that signed central's certificate; relative to this file's folder.",
        _TEXT,
        _existing_file,
    ),
    Setting(
        "devices.scanner.url",
        f"Serial barcode scanner: {SERIAL_EXAMPLES}. Empty: none.",
        _TEXT,
        _device_url({}, SERIAL_EXAMPLES, lambda _text: None),
    ),
    Setting(
        "devices.rfid.url",
        f"RFID reader: llrp://host[:port] (port 5084 by default) for a fixed reader, or {SERIAL_EXAMPLES}.",
        _TEXT,
        _device_url({"llrp": 5084, "tcp": None}, f"llrp://host:port or {SERIAL_EXAMPLES}", _network_guess("llrp")),
    ),
    Setting(
        "devices.printer.url",
        f"Label printer: tcp://host:port (raw port 9100 by default) or {SERIAL_EXAMPLES}.",
        _TEXT,
        _device_url({"tcp": 9100}, f"tcp://host:port or {SERIAL_EXAMPLES}", _network_guess("tcp")),
    ),
    Setting(
        "devices.camera.url",
        "HTTP snapshot camera (IP or document camera) for inspection photos and camera scanning: the URL "
        "that answers one JPEG per request, e.g. http://10.0.0.40/axis-cgi/jpg/image.cgi; a user and "
        "password go in it as http://user:password@host/... Empty: none.",
        {"type": "string", "pattern": "^(https?://[^\\s#]+)?$"},
        _camera_url,
    ),
    Setting(
        "logging.level",
        "How much the station writes to its log: debug, info, warning or error.",
        {"enum": [level.value for level in LogLevel]},
        _choice(LogLevel),
    ),
)
_BY_KEY = {setting.key: setting for setting in SETTINGS}
_SECTIONS = {setting.key.rsplit(".", i)[0] for setting in SETTINGS for i in range(1, setting.key.count(".") + 1)}


# -- where the files are ------------------------------------------------------------------------------


def _on_linux() -> bool:
    # A function, so that type checkers do not declare the Windows branch unreachable on Linux.
    return sys.platform.startswith("linux")


def system_config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The machine-wide provisioning file (or the one ``RETURNS_STATION_CONFIG`` names)."""
    named = environ.get(ENV_CONFIG, "").strip()
    if named:
        return Path(named).expanduser()
    if _on_linux():
        # The .deb owns /etc/returns-station (FHS), not platformdirs' /etc/xdg/returns-station.
        return LINUX_SYSTEM_FOLDER / FILE_NAME
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


# -- reading and checking ------------------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(path, "", "the file does not exist")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([ConfigProblem(path, "", f"not a valid TOML file: {exc}")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([ConfigProblem(path, "", f"cannot be read: {exc}")]) from None


def _unknown(key: str) -> str:
    close = difflib.get_close_matches(key, [*_BY_KEY, *_SECTIONS], n=1, cutoff=0.75)
    return "unknown setting" + (f" (did you mean {close[0]}?)" if close else "")


def _flatten(path: Path, document: Mapping[str, Any], prefix: str = "") -> tuple[dict[str, Any], list[ConfigProblem]]:
    """The file's values by dotted key, and a problem for every key the format does not know."""
    values: dict[str, Any] = {}
    problems: list[ConfigProblem] = []
    for name, value in document.items():
        key = f"{prefix}{name}"
        if key in _BY_KEY:
            values[key] = value
        elif key in _SECTIONS:
            if isinstance(value, dict):
                nested, nested_problems = _flatten(path, value, f"{key}.")
                values.update(nested)
                problems.extend(nested_problems)
            else:
                problems.append(ConfigProblem(path, key, f"expected a [{key}] section, got {_shown(value)}"))
        else:
            problems.append(ConfigProblem(path, key, _unknown(key)))
    return values, problems


def check_file(path: Path, *, machine_wide: bool = True) -> tuple[dict[str, Any], list[ConfigProblem]]:
    """Read one file: its typed values by dotted key, and every problem found in it."""
    values, problems = _flatten(path, _read_toml(path))
    typed: dict[str, Any] = {}
    for key, raw in values.items():
        setting = _BY_KEY[key]
        if setting.system_only and not machine_wide:
            problems.append(ConfigProblem(path, key, "may only be set in the machine-wide file"))
            continue
        try:
            typed[key] = setting.parse(raw, path.parent)
        except _Bad as bad:
            problems.append(ConfigProblem(path, key, str(bad)))
    return typed, problems


def load_config(
    path: Path | None = None,
    *,
    user_path: Path | None = None,
    environ: Mapping[str, str] = os.environ,
) -> StationConfig | None:
    """The station's checked provisioning, or None when this machine has none.

    `path` is ``--config FILE`` (it must exist); without it the machine-wide file is read when it
    exists. Raises `ConfigError` listing every problem in every file read.
    """
    system = path if path is not None else system_config_path(environ)
    if path is None and not system.exists():
        return None
    values, problems = check_file(system)
    sources = [system]
    notes: list[str] = []
    user = user_path if user_path is not None else user_config_path()
    if user.exists() and user.resolve() != system.resolve():
        if values.get("station.allow_user_override") is True:
            user_values, user_problems = check_file(user, machine_wide=False)
            values.update(user_values)
            problems.extend(user_problems)
            sources.append(user)
        else:
            notes.append(f"{user} is ignored: {system} does not set station.allow_user_override = true")
    if "station.id" not in values and not any(p.key == "station.id" for p in problems):
        problems.append(ConfigProblem(system, "station.id", "is required (this station's name, e.g. DOCK-1)"))
    if problems:
        raise ConfigError(problems)
    for note in notes:
        log.warning("%s", note)
    return StationConfig(
        station_id=values["station.id"],
        server_url=values.get("server.url", ""),
        ca_bundle=values.get("server.ca_bundle"),
        devices=DevicePorts(
            scanner=values.get("devices.scanner.url", ""),
            rfid=values.get("devices.rfid.url", ""),
            printer=values.get("devices.printer.url", ""),
            camera=values.get("devices.camera.url", ""),
        ),
        profile=values.get("station.profile", Profile.AUTO),
        language=values.get("station.language", Language.ENGLISH),
        log_level=values.get("logging.level", LogLevel.INFO),
        data_dir=values.get("station.data_dir") or default_data_dir(),
        allow_user_override=values.get("station.allow_user_override", False),
        sources=tuple(sources),
        notes=tuple(notes),
    )


def json_schema() -> dict[str, Any]:
    """The machine-wide file's JSON Schema, built from `SETTINGS` (packaging/station.schema.json)."""
    root: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Returns Station provisioning file (station.toml)",
        "description": "TOML; this schema describes the document after TOML parsing. A per-user override file "
        "has the same layout, without station.allow_user_override and with nothing required.",
        "type": "object",
        "additionalProperties": False,
        "required": ["station"],
        "properties": {},
    }
    for setting in SETTINGS:
        node = root
        *sections, name = setting.key.split(".")
        for section in sections:
            node = node["properties"].setdefault(
                section, {"type": "object", "additionalProperties": False, "properties": {}}
            )
        node["properties"][name] = {"description": setting.description, **setting.schema}
    root["properties"]["station"]["required"] = ["id"]
    return root
