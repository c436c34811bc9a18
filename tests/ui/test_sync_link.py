"""The screens' link to central: only an admin enrolls, checked in the link itself, not only on the screen.

`CentralLink` over the real sync layer (the demo's central simulator and in-memory keyring) is tested in
tests/e2e/test_settings_live.py; here `LateSyncLink`, before and after the sync worker behind it started.
"""

from __future__ import annotations

import pytest

from app.domain.model import Operator, Role
from app.errors import NotAllowed, PermissionDenied
from ui.ports import Connectivity, ProgressCallback, SyncView
from ui.sync_link import LateSyncLink

ADMIN = Operator("op-admin", "admin", "Station admin", Role.ADMIN)
SUPERVISOR = Operator("op-sam", "sam", "Sam", Role.SUPERVISOR)
INSPECTOR = Operator("op-ana", "ana", "Ana", Role.INSPECTOR)


class RecordingLink:
    """A started link to central that records who enrolled."""

    def __init__(self) -> None:
        self.enrolled: list[tuple[Operator, str, str, str]] = []

    def view(self) -> SyncView:
        return SyncView(Connectivity.ONLINE)

    def sync_now(self) -> None:
        pass

    def pull_reference(self, progress: ProgressCallback) -> int:
        return 0

    def enroll(self, operator: Operator, central_url: str, enrollment_code: str, station_id: str) -> str:
        self.enrolled.append((operator, central_url, enrollment_code, station_id))
        return f"Station {station_id} is enrolled with {central_url}."


@pytest.mark.parametrize("operator", [INSPECTOR, SUPERVISOR])
def test_only_an_admin_enrolls_through_the_link(operator):
    late = LateSyncLink()
    inner = RecordingLink()
    late.connect(inner)
    with pytest.raises(PermissionDenied, match=r"Only an admin may enroll the station\. You are signed in as"):
        late.enroll(operator, "http://central.example", "TOKEN-1", "DOCK-1")
    assert inner.enrolled == []  # the started link behind it was never asked: no credential written
    assert late.enroll(ADMIN, "http://central.example", "TOKEN-1", "DOCK-1").startswith("Station DOCK-1")
    assert inner.enrolled == [(ADMIN, "http://central.example", "TOKEN-1", "DOCK-1")]


def test_a_non_admin_is_refused_at_once_even_before_sync_started():
    late = LateSyncLink()
    late.CONNECT_WAIT_S = 60.0  # were the role checked after the wait, this test would time out
    with pytest.raises(PermissionDenied):
        late.enroll(INSPECTOR, "http://central.example", "TOKEN-1", "DOCK-1")


def test_enrolling_when_sync_never_started_says_so_in_words():
    late = LateSyncLink()
    late.close()  # the station closed, or sync failed to start
    with pytest.raises(NotAllowed, match="Sync did not start on this station; the station log says why.") as refused:
        late.enroll(ADMIN, "http://central.example", "TOKEN-1", "DOCK-1")
    assert not isinstance(refused.value, PermissionDenied)
    assert late.view() == SyncView(Connectivity.UNKNOWN)
