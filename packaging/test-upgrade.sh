#!/usr/bin/env bash
# Upgrade test: install version N, fill its database with unsynced transactions, install N+1 over it,
# start N+1 and check that the database migrated and every queued transaction is still there, unchanged.
#
#   packaging/test-upgrade.sh          (about a minute; not in the default suite; packaging/check.sh runs it)
#
# N and N+1 are two source trees built into two wheels: N is this working tree; N+1 is the same tree
# with the version raised (N.N.N+1) and one more Alembic revision that rebuilds the outbox table (the
# riskiest kind of migration for a queue). Both are installed with pip, one over the other, into one
# virtual environment that borrows the project's dependencies from .venv. Last line: one JSON object.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d /tmp/returns-station-upgrade.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

copy_tree() {
    mkdir -p "$1"
    tar -C "$ROOT" --exclude=./.venv --exclude=./dist --exclude=./build --exclude=./.git \
        --exclude='__pycache__' --exclude='*.egg-info' --exclude=./tests -cf - . | tar -C "$1" -xf -
}
OLD_VERSION=$("$PY" -c "import tomllib; print(tomllib.load(open('$ROOT/pyproject.toml','rb'))['project']['version'])")
NEW_VERSION=$("$PY" -c "v='$OLD_VERSION'.split('.'); v[-1]=str(int(v[-1])+1); print('.'.join(v))")
HEAD=$(cd "$ROOT" && "$PY" -c "from app.store.migrate import head_revision; print(head_revision())")

echo "== two source trees: $OLD_VERSION and $NEW_VERSION"
copy_tree "$WORK/old"
copy_tree "$WORK/new"
sed -i "s/^version = \"$OLD_VERSION\"/version = \"$NEW_VERSION\"/" "$WORK/new/pyproject.toml"
cat > "$WORK/new/app/store/migrations/versions/9001_upgrade_test.py" <<PYTHON
"""upgrade test: the next version rebuilds the outbox table with one more column"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "$HEAD"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.add_column(sa.Column("upgrade_test_note", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("upgrade_test_note")
PYTHON
# A release that adds a revision also moves migrate.HEAD (tests/app/store/test_migrations.py insists).
sed -i 's/^HEAD = .*/HEAD = "9001"/' "$WORK/new/app/store/migrate.py"

echo "== wheels"
"$PY" -m pip wheel --quiet --no-deps -w "$WORK/wheels/old" "$WORK/old"
"$PY" -m pip wheel --quiet --no-deps -w "$WORK/wheels/new" "$WORK/new"

echo "== an environment with version $OLD_VERSION"
"$PY" -m venv "$WORK/venv"
SITE=$("$WORK/venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
DEPS=$("$PY" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
echo "$DEPS" > "$SITE/zz-project-dependencies.pth"   # after the venv's own packages
"$WORK/venv/bin/python" -m pip install --quiet --no-deps "$WORK"/wheels/old/*.whl
cd "$WORK"   # never import the working tree's packages by accident
"$WORK/venv/bin/returns-station" --version

echo "== version $OLD_VERSION records a queue it cannot send (no central server)"
"$WORK/venv/bin/python" - "$WORK/data" <<'PYTHON'
import json, sys
from pathlib import Path
from app import __version__
from app.services.auth import Credentials
from app.services.station import Station, open_database
from app.store.outbox import Outbox
from app.store.reference import load_sample_set
from resources import ROOT
data = Path(sys.argv[1]); data.mkdir()
db = open_database(data / "station.db")
load_sample_set(db, ROOT / "reference", "2026-11-23T09:00:00+00:00")
station = Station(db, station_id="DOCK-1", data_dir=data)
sam = station.auth.sign_in(Credentials("sam", "2222"))
for n in range(200):
    station.receiving.open_blind(sam, None, note=f"pallet {n}")
batch = Outbox(db).next_batch(max_count=10_000, max_bytes=1 << 30)
(data / "before.json").write_text(json.dumps([r.envelope() for r in batch]))
print(f"version {__version__}: {len(batch)} transactions waiting")
db.dispose()
PYTHON

echo "== install $NEW_VERSION over $OLD_VERSION"
"$WORK/venv/bin/python" -m pip install --quiet --no-deps "$WORK"/wheels/new/*.whl
"$WORK/venv/bin/returns-station" --version
"$WORK/venv/bin/returns-station" verify-audit --data-dir "$WORK/data"   # the first start: migrates

"$WORK/venv/bin/python" - "$WORK/data" "$OLD_VERSION" "$NEW_VERSION" <<'PYTHON'
import json, sys
from pathlib import Path
from app import __version__
from app.services.auth import Credentials
from app.services.station import Station, open_database
from app.store import migrate
from app.store.outbox import Outbox
data, old, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
before = json.loads((data / "before.json").read_text())
db = open_database(data / "station.db")
outbox = Outbox(db)
after = [r.envelope() for r in outbox.next_batch(max_count=10_000, max_bytes=1 << 30)]
revision = migrate.current_revision(db.engine)
station = Station(db, station_id="DOCK-1", data_dir=data)
station.auth.sign_in(Credentials("ana", "1111"))  # the new version records too
newest = outbox.next_batch(max_count=10_000, max_bytes=1 << 30)[-1].envelope()
db.dispose()
result = {
    "upgrade_ok": after == before and revision == "9001" and __version__ == new and newest["app_version"] == new,
    "from": old,
    "to": __version__,
    "revision": revision,
    "queued_before": len(before),
    "queued_after": len(after),
    "queue_identical": after == before,
    "old_records_keep_version": {r["app_version"] for r in after} == {old},
    "new_records_carry_version": newest["app_version"],
}
print(json.dumps(result))
sys.exit(0 if result["upgrade_ok"] else 1)
PYTHON
