"""The station's camera as the Inspect screen uses it: a still, or the reason there is none.

`CameraStill` is the UI's `StillCamera` port over the device manager: it asks the manager for the
camera each time a photo is taken, so a camera whose address changed in Settings (a new device under
the same id) or that was set up later is the one used. The camera's own errors (unreachable, no
answer in time, not a picture) become a `CameraProblem`: a `StationError` whose message the banner
shows (the camera's own `Phrase`, translated by `ui/words.py` `shown()`), so the task runner does not
take a dead camera for a bug. The device layer's camera module (httpx, Pillow) is loaded only once a
photo is taken, never at start.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication

from app.errors import StationError
from devices.phrases import said
from ui.ports import CameraPhoto

CAMERA_ID = "camera"  # the device id the composition root gives the station's camera


class CameraProblem(StationError):
    """The camera gave no picture; the message says why, in the device layer's words."""


class DeviceLookup(Protocol):
    def device(self, device_id: str) -> object:
        """The configured device with this id (KeyError when there is none): devices.manager.StationDevices."""


class CameraStill:
    """The UI's `StillCamera`: the device manager's camera, asked for each time it is needed."""

    def __init__(self, devices: DeviceLookup, device_id: str = CAMERA_ID) -> None:
        self._devices = devices
        self._device_id = device_id

    @property
    def device_id(self) -> str:
        return self._device_id

    def take_photo(self) -> CameraPhoto:
        """One still now. Runs on a worker thread (QCoreApplication.translate is thread-safe)."""
        from devices.scanning.http_camera import CameraError, HttpSnapshotCamera, ScanningCamera  # noqa: PLC0415

        try:
            camera = self._devices.device(self._device_id)
        except KeyError:
            camera = None
        if not isinstance(camera, ScanningCamera | HttpSnapshotCamera):
            raise CameraProblem(QCoreApplication.translate("Camera", "No camera is set up on this station."))
        try:
            shot = camera.capture()
        except CameraError as exc:
            # The device layer's phrase itself, not its English: the banner shows it in the operator's language.
            raise CameraProblem("{problem}", problem=said(exc)) from exc
        return CameraPhoto(shot.content, shot.content_type, shot.width, shot.height)
