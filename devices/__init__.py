"""Device drivers: bytes from scanners, RFID readers and printers in, typed events out. No Qt widgets."""
