"""What goes into the frozen station, shared by the Linux and Windows PyInstaller specs.

The station needs Python, PySide6's QtCore/QtGui/QtWidgets, its own packages and their data files
(resources/, the Alembic migrations, the sync contract), and the package metadata that
`app.__version__` and keyring's backend discovery read. Everything else PySide6 and the Python
packages would drag in is left out here: Qt modules the station never imports, platform plugins for
displays it does not use, image formats it never loads, Qt's translations beyond the station's
languages, and the test and developer tools that happen to be in the build environment.
"""

# ruff: noqa: PLC0415 - PyInstaller's helpers are imported only while a spec runs, never by tests of the lists

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "returns-station"
LANGUAGES = ("de", "es")  # English needs no catalog

# Python packages that are in the build venv but not used by a running station.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "pydoc_data",
    "IPython",
    "matplotlib",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "schemathesis",
    "mypy",
    "ruff",
    "importlinter",
    "grimp",
    "psutil",
    "pyzbar",
    "jsonschema",
    "jsonschema_rs",
    "openapi_spec_validator",
    "PyInstaller",
    "setuptools",
    "pip",
    # numpy: nothing the station runs imports it (the label preview reads zxing-cpp's image through
    # Pillow; only the camera simulator, a developer tool, uses it). It and its OpenBLAS are ~36 MB.
    "numpy",
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "readline",
    # httpx's command-line client (httpx._main) wants rich and pygments; the station never runs it, and
    # without them `import httpx` skips it (~0.07 s of the sync layer's start; pygments alone is 340 modules).
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    # Qt modules the station does not import (PySide6-Essentials ships them all).
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtNetworkAuth",
    "PySide6.QtPrintSupport",
]

# Installed packages that read data files of their own at run time (GS1 tables, barcode fonts, CA roots).
DATA_PACKAGES = ["biip", "barcode", "epcpy", "certifi", "tracking_numbers"]

HIDDEN_IMPORTS = [
    # Alembic loads env.py and the revision files from disk; what they import must be in the bundle.
    "alembic.context",
    "alembic.op",
    "alembic.runtime.migration",
    "alembic.ddl.sqlite",
    "sqlalchemy.dialects.sqlite",
    "logging.config",
    # ui/sound.py imports playsound3 only on its player thread, after the first window is up.
    "playsound3",
]

# Qt libraries and plugins dropped from the collected binaries (matched against the destination path).
_DROPPED_BINARIES = [
    r"Qt6(Network|Qml\w*|Quick\w*|Pdf\w*|Svg\w*|OpenGL\w*|Sql|Test|Xml|Concurrent|VirtualKeyboard\w*|WaylandClient|"
    r"WaylandEglClientHwIntegration|WlShellIntegration|EglFs\w*|EglFS\w*|Designer\w*|Help|ShaderTools|Multimedia\w*|"
    r"SpatialAudio|TextToSpeech|WebSockets|Positioning\w*|Location|Sensors\w*|3D\w*|Charts\w*|DataVisualization\w*|"
    r"Graphs\w*|Bluetooth|Nfc|RemoteObjects\w*|Scxml\w*|StateMachine\w*|SerialBus|SerialPort|HttpServer|"
    r"WebChannel\w*|WebEngine\w*|WebView\w*|LabsAnimation|LabsFolderListModel|LabsQmlModels|LabsSettings|"
    r"LabsSharedImage|LabsWavefrontMesh|PrintSupport|UiTools)\b",
    r"/plugins/(platformthemes|iconengines|generic|egldeviceintegrations|networkinformation|tls|sqldrivers|"
    r"designer|qmltooling|qmllint|printsupport|vectorimageformats|wayland-[\w-]+|multimedia|position)/",
    r"/plugins/platforms/(?!(libqxcb|libqoffscreen|qwindows|qoffscreen)\b)",
    r"/plugins/imageformats/(?!(libqjpeg|qjpeg)\b)",
    r"/qml/",
]
_DROPPED = re.compile("|".join(f"(?:{pattern})" for pattern in _DROPPED_BINARIES))
_TRANSLATION = re.compile(r"/translations/(\w+?)_(\w\w)(_\w+)?\.qm$")


def keep(destination: str) -> bool:
    """Whether a collected file (its destination inside the bundle) belongs in the station."""
    path = "/" + destination.replace("\\", "/")
    translation = _TRANSLATION.search(path)
    if translation is not None:
        return translation.group(1) == "qtbase" and translation.group(2) in LANGUAGES
    return _DROPPED.search(path) is None


def slim(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [entry for entry in entries if keep(entry[0])]


def data_files() -> list[tuple[str, str]]:
    """(source, destination folder) pairs: data files of the station and of the packages it uses."""
    from PyInstaller.utils.hooks import collect_data_files

    pairs: list[tuple[str, str]] = []
    for package in DATA_PACKAGES:
        pairs.extend(collect_data_files(package))
    skip = {"__pycache__"}
    for folder in ("resources", "app/store/migrations", "sync/contract"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and not skip.intersection(path.parts) and path.suffix not in (".pyc",):
                pairs.append((str(path), str(path.parent.relative_to(ROOT))))
    return pairs


def _is_root(destination: str, typecode: str) -> bool:
    path = "/" + destination.replace("\\", "/")
    return typecode == "EXTENSION" or "/plugins/" in path or Path(path).name.startswith("libpython")


def prune_unneeded(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop shared libraries that no kept extension module or Qt plugin loads.

    PyInstaller collected the dependencies of every plugin before `slim` dropped plugins: the GTK
    theme plugin alone brings GTK, cairo and pango (~20 MB). What `ldd` finds for the roots that
    remain is what stays.
    """
    from PyInstaller.depend import bindepend

    needed: set[str] = set()
    for destination, source, typecode in binaries:
        if _is_root(destination, typecode):
            needed.update(name for name, _path in bindepend.get_imports(source))
    return [entry for entry in binaries if _is_root(entry[0], entry[2]) or Path(entry[0]).name in needed]


SYSTEM_PREFIXES = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def split_system_libraries(
    binaries: list[tuple[str, str, str]],
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(bundled, system): libraries the build machine's OS provided are left to the target's OS.

    The Debian package declares the packages that own them as dependencies (packaging/build-deb.sh
    finds them with dpkg -S), so the station uses the target's own, security-updated OpenSSL, SQLite,
    GLib, X and font libraries. Libraries that came with Python packages (Qt, ICU, numpy's OpenBLAS,
    Pillow's codecs) stay in the bundle.
    """
    bundled: list[tuple[str, str, str]] = []
    system: list[tuple[str, str, str]] = []
    for entry in binaries:
        source = entry[1].replace("\\", "/")
        is_system = entry[2] == "BINARY" and source.startswith(SYSTEM_PREFIXES) and "/site-packages/" not in source
        (system if is_system else bundled).append(entry)
    return bundled, system


def record_system_libraries(system: list[tuple[str, str, str]], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(f"{source}\n" for _destination, source, _typecode in sorted(system)))
