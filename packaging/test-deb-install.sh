#!/usr/bin/env bash
# Install the .deb into a clean Debian 12 root and run the station's self-test there (not in the default suite).
#
#   sudo packaging/test-deb-install.sh [path/to/returns-station_X_amd64.deb]
#
# Needs root (debootstrap, chroot, mount) and Debian's package mirror (DEBIAN_MIRROR, default
# http://deb.debian.org/debian). A pristine minbase root is cached in $CACHE as a tarball, so only the
# first run downloads it; every run unpacks a fresh copy. Proves, on a machine that never saw Python
# or Qt: apt resolves the package's Depends; `returns-station --self-test` passes headless; the
# xcb platform plugin finds every library a real display needs; and the self-test FAILS once the
# fonts are removed. Last line: one JSON object.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SUITE="${DEBIAN_SUITE:-bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="${CACHE:-/var/cache/returns-station-test}"
DEB="${1:-}"
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap and chroot need it)" >&2; exit 2; }
if [ -z "$DEB" ]; then
    "$ROOT/packaging/build-deb.sh"
    DEB=$(ls -t "$ROOT"/dist/returns-station_*_amd64.deb | head -1)
fi
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }

TARGET="$(mktemp -d /var/tmp/returns-station-root.XXXXXX)"
cleanup() {
    for mount in dev/pts dev proc; do umount -l "$TARGET/$mount" 2>/dev/null || true; done
    rm -rf --one-file-system "$TARGET"
}
trap cleanup EXIT

mkdir -p "$CACHE"
BASE="$CACHE/$SUITE-minbase.tar"
if [ ! -s "$BASE" ]; then
    echo "== debootstrap $SUITE from $MIRROR (first run only)"
    FRESH="$(mktemp -d /var/tmp/returns-station-base.XXXXXX)"
    debootstrap --variant=minbase "$SUITE" "$FRESH" "$MIRROR" > "$CACHE/debootstrap.log" 2>&1 \
        || { tail -20 "$CACHE/debootstrap.log"; echo "debootstrap could not reach $MIRROR" >&2; rm -rf "$FRESH"; exit 1; }
    tar -C "$FRESH" -cf "$BASE" .
    rm -rf --one-file-system "$FRESH"
fi
tar -C "$TARGET" -xf "$BASE"
mount -t proc proc "$TARGET/proc"
mount --bind /dev "$TARGET/dev"
mount --bind /dev/pts "$TARGET/dev/pts"
cp /etc/resolv.conf "$TARGET/etc/resolv.conf"
echo "deb $MIRROR $SUITE main" > "$TARGET/etc/apt/sources.list"
in_root() { chroot "$TARGET" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "== a bare root: no Python, no Qt libraries"
in_root sh -c 'command -v python3 || echo "no python3"; ls /usr/lib/x86_64-linux-gnu/libxcb-icccm* 2>/dev/null || echo "no libxcb-icccm"'

echo "== apt-get install $(basename "$DEB")"
cp "$DEB" "$TARGET/tmp/returns-station.deb"
in_root apt-get update -qq
in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/returns-station.deb' \
    > "$TARGET/tmp/apt.log" 2>&1 || { tail -30 "$TARGET/tmp/apt.log"; exit 1; }
INSTALLED=$(in_root dpkg-query -W -f '${Version}' returns-station)

echo "== provision and self-test (headless)"
cat > "$TARGET/etc/returns-station/station.toml" <<TOML
[station]
id = "CHROOT-1"
data_dir = "/var/lib/returns-station"
[logging]
level = "info"
TOML
set +e
in_root env QT_QPA_PLATFORM=offscreen returns-station --self-test
SELF_TEST=$?
echo "== libraries of the xcb platform plugin (a real display)"
MISSING=$(in_root ldd /opt/returns-station/_internal/PySide6/Qt/plugins/platforms/libqxcb.so | grep "not found")
[ -n "$MISSING" ] && echo "$MISSING"
echo "== self-test without fonts (must fail)"
in_root dpkg --force-depends -r fonts-dejavu-core >/dev/null 2>&1
in_root env QT_QPA_PLATFORM=offscreen returns-station --self-test | grep -E "Fonts|Self-test"
NO_FONTS=${PIPESTATUS[0]}
set -e
printf '{"debian": "%s", "installed_version": "%s", "self_test_ok": %s, "xcb_libraries_complete": %s, "self_test_fails_without_fonts": %s}\n' \
    "$SUITE" "$INSTALLED" "$([ $SELF_TEST = 0 ] && echo true || echo false)" \
    "$([ -z "$MISSING" ] && echo true || echo false)" "$([ $NO_FONTS != 0 ] && echo true || echo false)"
[ "$SELF_TEST" = 0 ] && [ -z "$MISSING" ] && [ "$NO_FONTS" != 0 ]
