"""The Debian packages the frozen station needs from the target system, found from the bundle itself.

Every ELF file in the bundle names the libraries it needs (DT_NEEDED). Those the bundle does not
carry must come from the system: each is looked up with ``dpkg -S`` on this (Debian) build machine.
A library the build machine lacks is looked up in `KNOWN`. Files the station loads by name rather
than by linking (fonts, fontconfig's configuration, the GL and EGL drivers) are in `ALWAYS`.

    python packaging/debian_depends.py dist/returns-station    # prints "libc6, libdbus-1-3, ..."
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ALWAYS = ["fontconfig-config", "fonts-dejavu-core", "libgl1", "libegl1", "libxcb1", "ca-certificates"]
# Libraries the xcb platform plugin links that a build machine without a display may lack.
KNOWN = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
}
LIBRARY_FOLDERS = ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib", "/lib")


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed(path: Path) -> list[str]:
    dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=False).stdout
    return [line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")]


def owner(library: str) -> str | None:
    for folder in LIBRARY_FOLDERS:
        candidate = Path(folder) / library
        if candidate.exists():
            found = subprocess.run(["dpkg", "-S", str(candidate)], capture_output=True, text=True, check=False)
            if found.returncode == 0:
                return found.stdout.split(":")[0].strip()
            resolved = candidate.resolve()
            found = subprocess.run(["dpkg", "-S", str(resolved)], capture_output=True, text=True, check=False)
            if found.returncode == 0:
                return found.stdout.split(":")[0].strip()
    return KNOWN.get(library)


def depends(bundle: Path) -> tuple[list[str], list[str]]:
    """(packages, libraries no package was found for)."""
    files = [p for p in bundle.rglob("*") if p.is_file() and _is_elf(p)]
    carried = {p.name for p in bundle.rglob("*")}
    wanted = {name for f in files for name in needed(f)} - carried
    packages = set(ALWAYS)
    unknown: list[str] = []
    for library in sorted(wanted):
        package = owner(library)
        if package is None:
            unknown.append(library)
        else:
            packages.add(package)
    return sorted(packages), unknown


if __name__ == "__main__":
    found, missing = depends(Path(sys.argv[1]))
    if missing:
        print(f"no Debian package known for: {', '.join(missing)}", file=sys.stderr)
    print(", ".join(found))
    sys.exit(1 if missing else 0)
