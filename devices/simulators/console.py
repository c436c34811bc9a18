"""The command line every device simulator shares: announce where it listens, then obey one
command a line from standard input, and stop cleanly on `quit`, SIGTERM or Ctrl-C."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType


def run_console(
    command: Callable[[str], str | None],
    *,
    read_stdin: bool = True,
    announce: Sequence[str] = (),
    serve_after_input: bool = False,
) -> None:
    """Print `announce`, then obey commands from standard input, one a line, until `command` says quit
    (None), end of input, SIGTERM or Ctrl-C. Without standard input, or after it ends when
    `serve_after_input` is set (a simulator started in the background), wait for SIGTERM or Ctrl-C.
    """

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous: Callable[[int, FrameType | None], object] | int | None = None
    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        for line in announce:  # only now: whoever waits for these lines may signal us at once
            print(line, flush=True)
        if not read_stdin:
            _wait_for_a_signal()
        for line in sys.stdin:
            reply = command(line)
            if reply is None:
                return
            if reply:
                print(reply, flush=True)
        if serve_after_input:
            _wait_for_a_signal()
    except KeyboardInterrupt:
        return
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _wait_for_a_signal() -> None:
    """Sleep until SIGTERM or Ctrl-C; their handler raises KeyboardInterrupt here."""
    while True:
        if hasattr(signal, "pause"):
            signal.pause()  # a blocked lock wait (threading.Event) would not let the handler run
        else:  # Windows: no pause(); a timed wait lets the handler run between waits
            threading.Event().wait(1.0)
