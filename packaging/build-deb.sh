#!/usr/bin/env bash
# Build the Debian package from the frozen bundle: dist/returns-station_<version>_amd64.deb
#
#   packaging/build-deb.sh            # builds the bundle first when dist/returns-station is missing
#   packaging/build-deb.sh --rebuild  # always rebuild the bundle
#
# Installs to /opt/returns-station, /usr/bin/returns-station, a desktop entry and icon, and
# /etc/returns-station/station.toml.example. Depends: the system libraries the bundle links but does
# not carry (packaging/debian_depends.py finds them from the bundle), fonts, and GL/EGL.
# Recommends: the kiosk keyring (docs/deployment.md section 3) and aplay, which plays the scan sounds.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
BUNDLE="$ROOT/dist/returns-station"
if [ "${1:-}" = "--rebuild" ] || [ ! -x "$BUNDLE/returns-station" ]; then
    "$ROOT/packaging/build.sh"
fi
VERSION=$("$BUNDLE/returns-station" --version | awk '{print $2}')
DEPENDS=$("$PY" "$ROOT/packaging/debian_depends.py" "$BUNDLE")
STAGE="$(mktemp -d /tmp/returns-station-deb.XXXXXX)"
trap 'rm -rf "$STAGE"' EXIT

install -d "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/etc/returns-station" "$STAGE/DEBIAN"
cp -a "$BUNDLE" "$STAGE/opt/returns-station"
ln -s /opt/returns-station/returns-station "$STAGE/usr/bin/returns-station"
install -m 0644 "$ROOT/packaging/linux/returns-station.desktop" "$STAGE/usr/share/applications/"
install -m 0644 "$ROOT/packaging/linux/returns-station.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/"
install -m 0644 "$ROOT/packaging/provisioning/station.example.toml" "$STAGE/etc/returns-station/station.toml.example"
install -m 0644 "$ROOT/packaging/station.schema.json" "$STAGE/etc/returns-station/station.schema.json"
install -m 0755 "$ROOT/packaging/linux/postinst" "$STAGE/DEBIAN/postinst"
printf '/etc/returns-station/station.toml.example\n/etc/returns-station/station.schema.json\n' > "$STAGE/DEBIAN/conffiles"
INSTALLED_KB=$(du -sk "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: returns-station
Version: $VERSION
Section: misc
Priority: optional
Architecture: amd64
Maintainer: Returns Station maintainers <returns-station@example.com>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: dbus-user-session, gnome-keyring, alsa-utils
Description: Warehouse returns processing station
 Scan, inspect, disposition and label returned items, offline first; syncs
 with the central returns management system. Configure it in
 /etc/returns-station/station.toml, then run: returns-station --self-test
CONTROL
OUT="$ROOT/dist/returns-station_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$OUT" >/dev/null
echo "built $OUT ($(du -m "$OUT" | cut -f1) MB; installs $((INSTALLED_KB / 1024)) MB)"
echo "Depends: $DEPENDS"
