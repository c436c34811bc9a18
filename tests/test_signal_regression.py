"""PySide6 6.12.0 on CPython 3.11 aborts after a few hundred Signal.emit() calls (platform.md).

The dependency markers keep 3.11 below 6.12; this test proves the installed pair survives heavy
signal traffic, from the GUI thread and from a worker thread, as the device bridge produces it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import threading
    from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

    app = QCoreApplication([])

    class Emitter(QObject):
        text = Signal(str)
        flag = Signal(bool)

    class Counter(QObject):
        def __init__(self):
            super().__init__()
            self.count = 0

        @Slot(str)
        def on_text(self, _value):
            self.count += 1

    N = 50_000
    emitter, counter = Emitter(), Counter()
    emitter.text.connect(counter.on_text, Qt.ConnectionType.QueuedConnection)
    for i in range(N):
        emitter.text.emit("x")
        emitter.flag.emit(i % 2 == 0)
    def worker():
        for _ in range(N):
            emitter.text.emit("y")
    t = threading.Thread(target=worker)
    t.start()
    t.join()
    while counter.count < 2 * N:
        app.processEvents()
    print("delivered", counter.count)
    """
)


def test_fifty_thousand_emits_from_gui_and_worker_threads_do_not_abort() -> None:
    # A subprocess, because the failure mode is the interpreter aborting (exit 134), which would
    # otherwise take the whole test run down with it.
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "delivered 100000" in result.stdout
