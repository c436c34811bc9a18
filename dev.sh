#!/usr/bin/env bash
# One entry point for a fresh Linux machine. Every sub-command first makes sure the local virtual
# environment (.venv) and the system libraries Qt needs are present, then does its job.
#
#   ./dev.sh demo    set up, then start the station in demo mode (local database, simulated devices,
#                    local central-RMS simulator on loopback)
#   ./dev.sh test    set up, then run the whole default test suite headless, plus ruff and mypy
#   ./dev.sh soak    the long kill / chaos tests that are not in the default suite
#   ./dev.sh bench   every benchmark under tests/benchmarks/
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY=${PYTHON:-python3}

need_system_libs() {
    # Runtime libraries for Qt's offscreen platform and fonts (without fonts text renders as boxes);
    # alsa-utils' aplay plays the scan sounds (the sound test points it at a file, no sound card needed).
    local pkgs=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
                libxkbcommon0 fontconfig-config fonts-dejavu-core libzbar0 socat alsa-utils)
    local missing=()
    for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "Missing system packages: ${missing[*]} (install them with your package manager)" >&2
        return 1
    fi
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup() {
    need_system_libs
    "$PY" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    # Re-install only when pyproject.toml changed since the last successful install.
    local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        "$VENV/bin/python" -m pip install -q --upgrade pip
        "$VENV/bin/python" -m pip install -q -e ".[test,bench]"
        rm -f "$VENV"/.installed-*
        touch "$stamp"
    fi
}

cmd=${1:-help}
shift || true
case "$cmd" in
    demo)
        setup
        exec "$VENV/bin/returns-station" --demo "$@"
        ;;
    test)
        setup
        export QT_QPA_PLATFORM=offscreen
        "$VENV/bin/ruff" check .
        "$VENV/bin/ruff" format --check .
        "$VENV/bin/mypy" app devices sync ui tests
        exec "$VENV/bin/python" -m pytest -q "$@"
        ;;
    soak)
        setup
        export QT_QPA_PLATFORM=offscreen
        exec "$VENV/bin/python" -m pytest -q -m soak "$@"
        ;;
    bench)
        setup
        export QT_QPA_PLATFORM=offscreen
        for b in tests/benchmarks/*.py; do
            echo "== $b"
            "$VENV/bin/python" "$b"
        done
        ;;
    setup)
        setup
        ;;
    *)
        sed -n '2,11p' "$0"
        exit 2
        ;;
esac
