"""Starting the station again, for the settings only a fresh start applies (station id, central server).

`StationRestart.restart()` quits the application; the composition root closes everything as at any
quit and then calls `replace_process()`, which runs the same command line again in this process's
place (``os.execv``): same options, same provisioning file, same data folder.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)


def command_line() -> list[str]:
    """This station's command line: the frozen program, or Python with what it was started with."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    return [sys.executable, *sys.orig_argv[1:]]


class StationRestart:
    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self.requested = False

    def restart(self) -> None:
        """Quit now and start again once everything is closed (the composition root does the second half)."""
        log.info("restart asked for on the Settings screen")
        self.requested = True
        self._app.quit()

    def replace_process(self) -> NoReturn:
        command = command_line()
        log.info("starting again: %s", " ".join(command))
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)
