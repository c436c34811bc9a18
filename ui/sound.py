"""The scan tones, played through playsound3 on one worker thread: the station's `TonePlayer`.

playsound3 finds its audio backends by running each candidate player when it is imported
(``gst-play-1.0 --version``, ``aplay --version``, ``ffplay -version`` ...). That must never happen
on the GUI thread nor before the first window is up, so the import, the choice of backend and every
play happen on the player's own thread, started by `prepare()` (the feedback calls it shortly after
the window shows) or by the first tone, whichever comes first. `play()` only hands the tone over.

- **Which backend:** the lowest-latency one for short WAV files first: ALSA's ``aplay`` on Linux
  (through PipeWire's or PulseAudio's ALSA plugin on a desktop), WinMM on Windows, ``afplay`` on
  macOS, then GStreamer and ffplay, whose start-up alone can take longer than the 100 ms a scan's
  sound may take. ``PLAYSOUND3_BACKEND`` (playsound3's own variable) overrides the choice.
- **A new tone interrupts the one still playing** (the banner too shows only the newest outcome),
  and tones asked for while one is being started collapse into the newest, so a burst of scans
  never queues up a trail of sounds.
- **No fork of the station:** playsound3's process hook is switched off (`spawn_without_fork`), so
  a player starts by vfork in well under a millisecond instead of a ~50 ms fork that holds the GIL.
- **No backend:** warnings and errors beep (`QApplication.beep()`, on the GUI thread), and the log
  says once, as a warning, which backends were tried and what to install.

Nothing here raises into the GUI: a failing player is logged (once) and the banner carries on.
"""

from __future__ import annotations

import enum
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from resources import ROOT as RESOURCES
from ui.feedback import Tone

log = logging.getLogger(__name__)

SOUNDS = RESOURCES / "sounds"
BACKEND_VARIABLE = "PLAYSOUND3_BACKEND"
# playsound3's backend names, the quickest to start a short WAV first; what each needs, for the log.
PREFERENCE: Mapping[str, str] = {
    "alsa": "aplay (Debian: alsa-utils)",
    "winmm": "winmm.dll (Windows)",
    "afplay": "afplay (macOS)",
    "gstreamer": "gst-play-1.0 (Debian: gstreamer1.0-tools)",
    "ffplay": "ffplay (Debian: ffmpeg)",
    "appkit": "PyObjC (macOS)",
    "wmplayer": "pywin32 and Windows Media Player",
}
JOIN_TIMEOUT_S = 5.0
TONES = (Tone.SUCCESS, Tone.WARNING, Tone.ERROR)


class PlayingSound(Protocol):
    """What playsound3's `playsound(..., block=False)` returns (its `Sound`)."""

    def is_alive(self) -> bool: ...

    def stop(self) -> None: ...

    def wait(self) -> None: ...


Launch = Callable[[Path, str], PlayingSound]  # (WAV file, backend name) -> the sound now playing
FindBackend = Callable[[], str | None]


def choose_backend(
    available: Sequence[str],
    *,
    environ: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] = shutil.which,
) -> str | None:
    """The backend for the station's tones, from playsound3's list of backends that passed its check."""
    forced = environ.get(BACKEND_VARIABLE, "").strip()
    if forced:
        return forced
    usable = set(available)
    # playsound3's ALSA check also wants mpg123, which only MP3 files need; it plays WAV with aplay alone.
    if which("aplay") is not None:
        usable.add("alsa")
    return next((name for name in PREFERENCE if name in usable), None)


def find_backend() -> str | None:
    """Import playsound3 (it probes the machine's players then) and choose. Slow: never on the GUI thread."""
    # playsound3 logs its own "no backend" warning at import; ours below says more, and only once.
    library_log = logging.getLogger("playsound3")
    level = library_log.level
    library_log.setLevel(logging.ERROR)
    try:
        import playsound3  # noqa: PLC0415 - the import itself runs the probes: only here, on the player's thread
    finally:
        library_log.setLevel(level)
    spawn_without_fork(playsound3.playsound3)
    return choose_backend(playsound3.AVAILABLE_BACKENDS)


def spawn_without_fork(module: ModuleType) -> None:
    """Let playsound3 start its player processes with vfork, not a fork of the whole station.

    On POSIX playsound3 passes a `preexec_fn` (PR_SET_PDEATHSIG: end the player if the station dies).
    Any preexec_fn makes Python fork the station's entire process, which holds the GIL for ~50 ms
    with Qt and the core loaded (measured: 55 ms against 0.3 ms without), so every scan's tone would
    stall the GUI thread that long. A tone lasts under a second: one outliving a crashed station is
    harmless. Where playsound3 has no such hook (Windows, or another version), nothing changes.
    """
    if os.name == "nt" or not callable(getattr(module, "get_platform_specific_kwds", None)):
        return
    module.__dict__["get_platform_specific_kwds"] = _no_process_hooks


def _no_process_hooks() -> dict[str, object]:
    return {}


def launch(path: Path, backend: str) -> PlayingSound:
    import playsound3  # noqa: PLC0415 - already imported by find_backend(), on this same thread

    sound: PlayingSound = playsound3.playsound(path, block=False, backend=backend)
    return sound


class _Readiness(enum.Enum):
    UNKNOWN = "unknown"  # the backend is not chosen yet
    READY = "ready"
    NO_BACKEND = "no_backend"
    STOPPED = "stopped"


class PlaysoundTonePlayer(QObject):
    """Plays success.wav, warning.wav and error.wav from resources/sounds through playsound3."""

    ready = Signal(object)  # the backend's name, or None when there is none (after prepare or the first tone)
    started = Signal(object, float)  # Tone, seconds from play() to the player process running
    _beep_requested = Signal()

    def __init__(
        self,
        *,
        sounds: Mapping[Tone, Path] | None = None,
        find: FindBackend = find_backend,
        start: Launch = launch,
        beep: Callable[[], None] = QApplication.beep,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        default: dict[Tone, Path] = {tone: SOUNDS / f"{tone.value}.wav" for tone in TONES}
        self._sounds: dict[Tone, Path] = dict(sounds) if sounds is not None else default
        self._find = find
        self._start = start
        self._beep = beep
        self._wake = threading.Condition()
        self._wanted: tuple[Tone, float] | None = None  # the newest tone not started yet, and when it was asked for
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._readiness = _Readiness.UNKNOWN
        self._failure_logged = False
        self.backend: str | None = None
        self._beep_requested.connect(self._on_beep_requested)  # queued: emitted on the player's thread

    # -- TonePlayer ------------------------------------------------------------------------------

    def prepare(self) -> None:
        with self._wake:
            if not self._stopping:
                self._ensure_thread()

    def play(self, tone: Tone) -> None:
        if tone is Tone.NEUTRAL:
            return
        if self._readiness is _Readiness.NO_BACKEND:
            self._fallback(tone)
            return
        with self._wake:
            if self._stopping:
                return
            self._wanted = (tone, time.monotonic())
            self._ensure_thread()
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wanted = None
            self._wake.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(JOIN_TIMEOUT_S)
            if thread.is_alive():
                log.warning("the sound player's thread did not end within %.0f s", JOIN_TIMEOUT_S)

    # -- the player's thread ---------------------------------------------------------------------

    def _ensure_thread(self) -> None:
        """Start the player's thread once; called with self._wake held.

        It lives as long as the station: playsound3 asks the kernel to end a player process when the
        thread that started it ends (PR_SET_PDEATHSIG), so tones must not start on short-lived threads.
        """
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sound-player", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        backend = self._choose()
        self.backend = backend
        with self._wake:
            self._readiness = _Readiness.READY if backend is not None else _Readiness.NO_BACKEND
            waiting = self._wanted if backend is None else None
            if backend is None:
                self._wanted = None
        self.ready.emit(backend)
        if backend is None:
            if waiting is not None and waiting[0] is not Tone.SUCCESS:
                self._beep_requested.emit()  # the tone asked for while looking: beep on the GUI thread
            return
        playing: PlayingSound | None = None
        try:
            while True:
                with self._wake:
                    while self._wanted is None and not self._stopping:
                        self._wake.wait()
                    if self._stopping:
                        return
                    assert self._wanted is not None
                    (tone, asked_at), self._wanted = self._wanted, None
                self._retire(playing)
                playing = self._play(tone, asked_at, backend)
        finally:
            self._retire(playing)
            with self._wake:
                self._readiness = _Readiness.STOPPED

    def _choose(self) -> str | None:
        try:
            backend = self._find()
        except Exception:
            log.warning("the sound player could not load playsound3: scans beep instead", exc_info=True)
            return None
        if backend is None:
            tried = "; ".join(f"{name}: {needs}" for name, needs in PREFERENCE.items())
            log.warning(
                "No audio player for the scan sounds (tried %s). Warnings and errors beep instead; "
                "on Debian, install alsa-utils.",
                tried,
            )
        else:
            log.info("scan sounds play through playsound3's %s backend", backend)
        return backend

    def _play(self, tone: Tone, asked_at: float, backend: str) -> PlayingSound | None:
        try:
            playing = self._start(self._sounds[tone], backend)
        except Exception:
            self._failed(f"playsound3 ({backend}) could not play {self._sounds[tone].name}", exc_info=True)
            return None
        self.started.emit(tone, time.monotonic() - asked_at)
        return playing

    def _retire(self, playing: PlayingSound | None) -> None:
        """Stop a tone still playing (a newer one interrupts it) and collect its process."""
        if playing is None:
            return
        try:
            interrupted = playing.is_alive()
            if interrupted:
                playing.stop()
            playing.wait()
        except Exception:
            self._failed("a scan sound could not be stopped", exc_info=True)
            return
        # The player process's exit code (a subprocess backend): non-zero without our interrupting it
        # means it could not play, e.g. no sound card. Said once; the banner carries on.
        code = getattr(getattr(playing, "subprocess", None), "returncode", 0)
        if not interrupted and code:
            self._failed(f"the {self.backend} audio player exited with code {code}: is there a sound device?")

    def _failed(self, what: str, *, exc_info: bool = False) -> None:
        if not self._failure_logged:
            self._failure_logged = True
            log.warning("%s (said once; later sound failures are not logged)", what, exc_info=exc_info)

    # -- the GUI thread --------------------------------------------------------------------------

    def _fallback(self, tone: Tone) -> None:
        if tone is not Tone.SUCCESS:  # one beep cannot tell outcomes apart: keep it for what needs a look
            self._beep()

    def _on_beep_requested(self) -> None:
        self._fallback(Tone.ERROR)
