"""Barcode scanning: serial scanners, keyboard-wedge detection, camera decoding, and scan interpretation.

Public entry points (see docs/devices-scanning.md):

- `interpret.interpret(raw, source, symbology, device_id, patterns)` -> `Scan | ScanRejected`;
  `interpret.ScanPatterns` for the station's own identifier patterns.
- `serial_scanner.SerialScanner(SerialScannerSettings(url, mode=...), on_scan)`: a station `Device`.
- `wedge.WedgeDetector(WedgeSettings(...))`: fed keys by the UI's event filter.
- `camera.CameraScanner(on_scan, source=...)` with a `camera.FrameSource`; `camera.decode_frame()`.
- `http_camera.HttpSnapshotCamera(SnapshotCameraSettings(url))`: the station's camera (a `Device`, a
  `FrameSource` and `capture()` for inspection photos) over an HTTP snapshot URL.
"""
