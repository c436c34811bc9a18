"""Restart from Settings: the station's own command line runs again in the same process's place."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

STATION = textwrap.dedent(
    """
    import os
    import sys

    from PySide6.QtCore import QCoreApplication, QTimer

    from ui.restart import StationRestart

    if os.environ.get("RESTARTED"):
        print("second run", os.getpid(), sys.argv[1:])
        sys.exit(0)
    print("first run", os.getpid(), sys.argv[1:], flush=True)
    os.environ["RESTARTED"] = "1"
    app = QCoreApplication(sys.argv[:1])
    restart = StationRestart(app)
    QTimer.singleShot(0, restart.restart)  # the Settings screen's button, once the event loop runs
    app.exec()
    assert restart.requested
    restart.replace_process()  # what the composition root does after closing everything
    """
)


def test_a_restart_runs_the_same_command_line_again_in_place(tmp_path: Path) -> None:
    script = tmp_path / "station.py"
    script.write_text(STATION)
    done = subprocess.run(
        [sys.executable, str(script), "--demo", "--profile", "handheld"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    first, second = done.stdout.splitlines()
    assert first.startswith("first run")
    assert second.startswith("second run")
    assert first.split()[2] == second.split()[2]  # the same process: nothing else holds the ports meanwhile
    assert first.endswith("['--demo', '--profile', 'handheld']")
    assert second.endswith("['--demo', '--profile', 'handheld']")
