"""The frozen station's entry point: PyInstaller starts `returns-station` here.

It hands the command line to the composition root (`app.__main__.main`). Two things happen first:

* With ``RETURNS_STATION_EXIT_AFTER_FIRST_WINDOW=1`` the station quits once its first window is on
  screen, printing when (``packaging/check.sh`` measures cold start with it). The composition root
  should call `ui.selftest_checks.exit_after_first_window_if_asked(app)` itself; until it does, the
  application class is wrapped here so the measurement works either way (the hook installs once).
* The deployment commands (``--self-test``, ``enroll --token T``, ``support-bundle --out F``, with
  ``--config FILE``) are served by `packaging/deploy_commands.py` until the composition root carries
  them (docs/deployment.md, "Wiring"). Once it does, delete that dispatch below.
"""

# ruff: noqa: PLC0415 - the launcher imports the station only once it knows what to run (start-up time)

from __future__ import annotations

import os
import sys

from deploy_commands import deployment_command


def _measure_first_window() -> None:
    if os.environ.get("RETURNS_STATION_EXIT_AFTER_FIRST_WINDOW") != "1":
        return
    from PySide6 import QtWidgets

    from ui.selftest_checks import exit_after_first_window_if_asked

    class MeasuredApplication(QtWidgets.QApplication):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            exit_after_first_window_if_asked(self)

    QtWidgets.QApplication = MeasuredApplication  # type: ignore[misc,assignment]


def main() -> int:
    argv = sys.argv[1:]
    handled = deployment_command(argv)
    if handled is not None:
        return handled
    _measure_first_window()
    from app.__main__ import main as station_main

    return station_main(argv)


if __name__ == "__main__":
    sys.exit(main())
