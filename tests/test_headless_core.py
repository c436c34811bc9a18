"""The core, the devices and sync run on a machine without Qt: PySide6 is made unimportable and every
module of app/, devices/ and sync/ is imported, then the core's scripted walk-through runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys, tempfile
    from pathlib import Path

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith("PySide6."):
                raise ImportError(f"{name} is blocked: this process proves the core runs without Qt")
            return None

    sys.meta_path.insert(0, NoQt())
    imported = 0
    for package in ("app", "devices", "sync"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, prefix=package + "."):
            if ".migrations." in info.name or info.name.endswith("__main__"):
                continue
            importlib.import_module(info.name)
            imported += 1
    from app.demo import run_scripted_demo
    assert run_scripted_demo(Path(tempfile.mkdtemp()), say=lambda _line: None) == 0
    print("imported", imported)
    """
)


def test_core_devices_and_sync_import_and_run_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "imported" in result.stdout
