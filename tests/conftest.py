"""Suite-wide fixtures: every test gets fresh settings, a private keyring and a private data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

# Headless Qt for every test that touches Qt; set before any Qt import happens.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class MemoryKeyring(KeyringBackend):
    """A keyring that lives only as long as one test: tests never touch the developer's real keyring."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(autouse=True)
def _fresh_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Point every platform folder at the test's own tmp_path and install a private keyring."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("RETURNS_STATION_CONFIG", raising=False)
    # Scan tones (ui/sound.py) play through aplay into a null ALSA device: no test beeps at the person running it.
    silent = tmp_path / "asound-null.conf"
    silent.write_text("pcm.!default { type null }\n")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(silent))
    monkeypatch.setenv("PLAYSOUND3_BACKEND", "alsa")
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(_fresh_environment: MemoryKeyring) -> MemoryKeyring:
    return _fresh_environment
