"""The station's log files: rotating, in the platform's standard log folder, never holding a secret.

    Linux    ~/.local/state/returns-station/log/station.log   (XDG_STATE_HOME)
    Windows  %LOCALAPPDATA%\\returns-station\\Logs\\station.log
    macOS    ~/Library/Logs/returns-station/station.log

Files rotate at `MAX_BYTES` and `BACKUPS` old ones are kept, so a station that runs for months uses
a bounded amount of disk. Every record passes `redact` first: a bearer token or a credential that
ends up in a message by mistake is masked before it reaches the disk (and so the support bundle).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "returns-station"
LOG_FILE = "station.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
MASK = "[redacted]"

# A secret-looking value after a name that says it is one: "Bearer abc", "station_credential": "abc",
# token=abc. Exact secrets (the station's credential) are masked by value in the support bundle.
_SECRET_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)([\"']?\b(?:[a-z_]*token|[a-z_]*credential|password|secret|pin)[\"']?\s*[:=]\s*[\"']?)"
        r"(?!\[redacted\])[^\s\"',;}]+"
    ),
)


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` with secret-looking values and every one of `secrets` masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


@dataclass
class StationLog:
    """The handlers `configure_logging` installed; `close()` takes them off again (tests, shutdown)."""

    path: Path
    handlers: tuple[logging.Handler, ...]

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()


def configure_logging(
    level: int = logging.INFO,
    folder: Path | None = None,
    *,
    to_stderr: bool = True,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
) -> StationLog:
    """Send the station's log to a rotating file in `folder` (default: the platform's log folder).

    Handlers installed by an earlier call are replaced, so calling it again (after the provisioning
    file changed the level) never writes each line twice.
    """
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "returns_station", False):
            root.removeHandler(handler)
            handler.close()
    formatter = RedactingFormatter(FORMAT)
    path = folder / LOG_FILE
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    ]
    if to_stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.returns_station = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return StationLog(path, tuple(handlers))


def log_files(folder: Path | None = None) -> list[Path]:
    """The current log and its rotated predecessors, newest first."""
    folder = folder or log_folder()
    if not folder.is_dir():
        return []
    found = [path for path in folder.iterdir() if path.is_file() and path.name.startswith(LOG_FILE)]
    return sorted(found, key=lambda path: (path.name != LOG_FILE, path.name))
