"""The frozen station's entry point: PyInstaller starts `returns-station` here.

Everything, the deployment commands (``--self-test``, ``enroll``, ``support-bundle``) and the
cold-start hook (``RETURNS_STATION_EXIT_AFTER_FIRST_WINDOW=1``, `ui.startup`) included, is wired in
the composition root, `app.__main__`.
"""

from __future__ import annotations

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
