"""A kiosk with no desktop session: dbus-run-session + gnome-keyring-daemon gives enrollment a real keyring.

This is the set-up docs/deployment.md ("Kiosk keyring") tells IT to use. The station process runs in
a private D-Bus session whose Secret Service is gnome-keyring, unlocked from a password on stdin; the
credential must land there, encrypted, and in no plain file. Needs the Debian packages ``dbus`` and
``gnome-keyring`` (``apt-get install dbus gnome-keyring``): skipped, saying so, where they are absent.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from sync.simulators.central import CentralSimulator
from tests.packaging.conftest import TOKEN, provision

ROOT = Path(__file__).resolve().parents[2]
KIOSK_TIMEOUT_S = 60

pytestmark = pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs dbus-run-session and gnome-keyring-daemon: apt-get install dbus gnome-keyring",
)

ENROLL_IN_KIOSK = """
import json, sys
from pathlib import Path
import keyring
from app.config import load_config
from sync.credentials import StationCredentials
from sync.enroll import enroll
config = load_config(Path(sys.argv[1]), user_path=Path(sys.argv[1]).with_name("none.toml"))
done = enroll(config, sys.argv[2])
print(json.dumps({"backend": done.keyring_backend, "credential": StationCredentials(config.station_id).credential()}))
"""

# The kiosk's session script: a private bus, the keyring unlocked from stdin, then the station.
KIOSK_SESSION = (
    'printf "%s" "$KIOSK_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null '
    '&& exec "$STATION_PYTHON" -c "$ENROLL_IN_KIOSK" "$@"'
)


def _stop_daemons_started_for(home: Path) -> None:
    """gnome-keyring-daemon leaves the session on its own; stop any that did not (ours only, by HOME)."""
    for process in psutil.process_iter(["name", "environ"]):
        try:
            if process.info["name"] == "gnome-keyring-daemon" and (process.info["environ"] or {}).get("HOME") == str(
                home
            ):
                process.terminate()
                process.wait(timeout=5)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.TimeoutExpired):
            continue


def test_enrolment_on_a_kiosk_keeps_the_credential_in_gnome_keyring_encrypted(tmp_path):
    home = tmp_path / "kiosk-home"
    home.mkdir()
    central = CentralSimulator(tmp_path / "central.db", enrollment_tokens=[TOKEN]).start()
    try:
        config = provision(tmp_path, central.base_url, station_id="KIOSK-3")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "KIOSK_KEYRING_PASSWORD": "kiosk-unlock-secret",
            "STATION_PYTHON": sys.executable,
            "ENROLL_IN_KIOSK": ENROLL_IN_KIOSK,
        }
        try:
            child = subprocess.run(
                ["dbus-run-session", "--", "sh", "-c", KIOSK_SESSION, "kiosk", str(config.sources[0]), TOKEN],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=KIOSK_TIMEOUT_S,
                check=False,
            )
        finally:
            _stop_daemons_started_for(home)
    finally:
        central.stop()
    assert child.returncode == 0, child.stderr
    answer = json.loads(child.stdout.strip().splitlines()[-1])
    assert answer["backend"] == "keyring.backends.SecretService.Keyring"
    credential = answer["credential"]
    assert credential
    keyrings = list((home / ".local" / "share" / "keyrings").iterdir())
    assert keyrings, "gnome-keyring wrote no keyring file"
    for path in home.rglob("*"):
        if path.is_file():
            assert credential.encode() not in path.read_bytes(), f"the credential is readable in {path}"
