#!/usr/bin/env bash
# Build the frozen station: dist/returns-station/ (PyInstaller onedir, slimmed, stripped).
#   packaging/build.sh            # uses .venv (created by ./dev.sh or `python -m venv .venv`)
# Needs the `packaging` extra: .venv/bin/pip install -e '.[packaging]'
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
cd "$ROOT"
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    "$PY" -m pip install --quiet "pyinstaller>=6.10"
fi
# The bundle reports the installed package metadata's version (app.__version__ reads it): refresh the
# metadata when pyproject.toml's version moved on since the last install.
if ! "$PY" - <<'CHECK'
import sys, tomllib
from importlib.metadata import version
declared = tomllib.load(open("pyproject.toml", "rb"))["project"]["version"]
sys.exit(0 if version("returns-station") == declared else 1)
CHECK
then
    "$PY" -m pip install --quiet --no-deps -e . >/dev/null
fi
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/returns-station.spec
# Strip debug symbols here rather than in the spec: PyInstaller's strip also rewrites the libraries
# auditwheel placed in numpy.libs/ and pillow.libs/, and a stripped OpenBLAS no longer loads
# ("ELF load command address/offset not page-aligned").
find "$ROOT/dist/returns-station" -type f \( -name "*.so" -o -name "*.so.*" \) ! -path "*.libs/*" -print0 \
    | xargs -0 -r strip --strip-unneeded 2>/dev/null || true

echo "built $ROOT/dist/returns-station ($(du -sm "$ROOT/dist/returns-station" | cut -f1) MB)"
