"""Scan tones: which tone each outcome plays, the player's thread and fallbacks, and one real play.

The station's own wiring is checked with a recording player (below the boundary: what would go to
the speaker). The playsound3 player is checked with injected backends for its rules (interrupt,
no backend, failures), and once for real: playsound3 runs ALSA's aplay on the error tone, with ALSA
pointed at a file instead of a sound card, and the samples that reach it are the tone's.
"""

from __future__ import annotations

import logging
import shutil
import sys
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.ui.helpers import answer, scan, sign_in
from ui.application import StationUi
from ui.feedback import Banner, Feedback, Sound, Tone
from ui.sound import SOUNDS, PlaysoundTonePlayer, choose_backend, find_backend

TONES = (Tone.SUCCESS, Tone.WARNING, Tone.ERROR)


@dataclass
class RecordingPlayer:
    """A TonePlayer that remembers what it was asked to play (and what the banner said at that moment)."""

    banner: Banner | None = None
    played: list[tuple[Tone, str]] = field(default_factory=list)
    prepared: int = 0
    stopped: bool = False

    def prepare(self) -> None:
        self.prepared += 1

    def play(self, tone: Tone) -> None:
        self.played.append((tone, self.banner.text if self.banner is not None else ""))

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def recorded(station_ui: StationUi) -> RecordingPlayer:
    """The station's window with a recording player in place of its playsound3 one."""
    station_ui.feedback.sound.player.stop()
    player = RecordingPlayer(station_ui.feedback.banner)
    station_ui.feedback.sound.player = player
    return player


def test_every_outcome_of_a_scan_plays_its_tone_with_the_banner(station_ui, qtbot, recorded):
    ui = station_ui
    sign_in(ui, qtbot)
    recorded.played.clear()
    opened = answer(ui, qtbot, lambda: scan(ui, "RMA-100001"))
    assert opened.tone is Tone.SUCCESS
    assert recorded.played == [(Tone.SUCCESS, opened.text)]  # in the same pass as the banner's text
    wrong = answer(ui, qtbot, lambda: scan(ui, "]C1010061414303001721KT-5521"))  # a kettle on a headphones return
    assert wrong.tone is Tone.WARNING
    assert recorded.played[-1] == (Tone.WARNING, wrong.text)
    unreadable = answer(ui, qtbot, lambda: scan(ui, "NOT-A-CODE-\x07"))
    assert unreadable.tone is Tone.ERROR
    assert recorded.played[-1] == (Tone.ERROR, unreadable.text)


def test_switching_sound_off_silences_the_tones_not_the_banner(station_ui, qtbot, recorded):
    ui = station_ui
    ui.feedback.sound.enabled = False
    message = answer(ui, qtbot, lambda: scan(ui, "BADGE-1001"))
    assert message.tone is Tone.SUCCESS
    assert recorded.played == []


def test_the_player_gets_ready_after_the_window_shows_not_before(qapp, qtbot):
    player = RecordingPlayer()
    banner = Banner()
    Feedback(banner, Sound(player), parent=banner)
    assert player.prepared == 0  # building the window started nothing
    banner.show()
    qtbot.waitUntil(lambda: player.prepared == 1, timeout=2000)
    banner.close()
    banner.deleteLater()


# -- the playsound3 player, with injected backends ---------------------------------------------------


@dataclass
class FakeSound:
    """Stands for a player process: alive until stopped (or told it finished)."""

    alive: bool = True
    stops: int = 0

    def is_alive(self) -> bool:
        return self.alive

    def stop(self) -> None:
        self.stops += 1
        self.alive = False

    def wait(self) -> None:
        self.alive = False


@dataclass
class FakeBackend:
    sounds: list[tuple[str, FakeSound]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def launch(self, path: Path, backend: str) -> FakeSound:
        sound = FakeSound()
        with self.lock:
            self.sounds.append((path.name, sound))
        return sound


def test_a_new_tone_interrupts_the_one_still_playing(qapp, qtbot, no_leaked_threads):
    backend = FakeBackend()
    player = PlaysoundTonePlayer(find=lambda: "fake", start=backend.launch)
    try:
        with qtbot.waitSignal(player.started, check_params_cb=lambda tone, _s: tone is Tone.WARNING):
            player.play(Tone.WARNING)
        with qtbot.waitSignal(player.started, check_params_cb=lambda tone, _s: tone is Tone.ERROR):
            player.play(Tone.ERROR)
        assert [name for name, _ in backend.sounds] == ["warning.wav", "error.wav"]
        assert backend.sounds[0][1].stops == 1  # the warning was cut off by the error
        assert backend.sounds[1][1].stops == 0
    finally:
        player.stop()
    assert backend.sounds[1][1].stops == 1  # closing the station stops what still plays


def test_without_a_backend_warnings_and_errors_beep_and_the_log_says_so_once(qapp, qtbot, caplog, no_leaked_threads):
    beeps: list[int] = []
    player = PlaysoundTonePlayer(find=lambda: None, beep=lambda: beeps.append(1))
    caplog.set_level(logging.INFO, logger="ui.sound")
    try:
        with qtbot.waitSignal(player.ready) as ready:
            player.play(Tone.ERROR)  # asked for while the player is still looking for a backend
        assert ready.args == [None]
        qtbot.waitUntil(lambda: len(beeps) == 1)
        player.play(Tone.SUCCESS)  # one beep cannot tell outcomes apart: success stays silent
        player.play(Tone.WARNING)
        player.play(Tone.ERROR)
        assert len(beeps) == 3
    finally:
        player.stop()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "aplay" in warnings[0].getMessage()
    assert "gst-play-1.0" in warnings[0].getMessage()


def test_a_failing_backend_is_logged_once_and_never_raises(qapp, qtbot, caplog, no_leaked_threads):
    def broken(path: Path, backend: str) -> FakeSound:
        raise OSError("no such device")

    player = PlaysoundTonePlayer(find=lambda: "alsa", start=broken)
    try:
        with qtbot.waitSignal(player.ready):
            player.prepare()
        for tone in TONES * 3:
            player.play(tone)
        qtbot.waitUntil(lambda: any("could not play" in r.getMessage() for r in caplog.records))
    finally:
        player.stop()
    assert len([r for r in caplog.records if r.name == "ui.sound" and r.levelno == logging.WARNING]) == 1


def test_the_backend_choice_prefers_the_quickest_player_for_short_tones():
    nothing: dict[str, str] = {}
    assert choose_backend(["gstreamer", "ffplay"], environ=nothing, which=lambda _n: None) == "gstreamer"
    # aplay alone is enough for WAV tones, though playsound3's own check also asks for mpg123.
    assert choose_backend(["gstreamer"], environ=nothing, which=lambda n: f"/usr/bin/{n}") == "alsa"
    assert choose_backend(["winmm", "wmplayer"], environ=nothing, which=lambda _n: None) == "winmm"
    assert choose_backend([], environ=nothing, which=lambda _n: None) is None
    assert choose_backend([], environ={"PLAYSOUND3_BACKEND": "ffplay"}, which=lambda _n: None) == "ffplay"


@pytest.mark.skipif(sys.platform == "win32", reason="playsound3 asks for no process hook on Windows")
def test_player_processes_start_without_forking_the_whole_station():
    # A preexec_fn would make Python fork the station (~50 ms holding the GIL: the GUI stalls per scan).
    find_backend()
    from playsound3 import playsound3 as library

    assert "preexec_fn" not in library.get_platform_specific_kwds()


# -- one real play ------------------------------------------------------------------------------------

FILE_PCM = """pcm.!default {{
    type file
    slave.pcm {{ type null }}
    file "{out}"
    format "raw"
}}
"""


@pytest.mark.skipif(
    shutil.which("aplay") is None,
    reason="no ALSA aplay on this machine (apt-get install alsa-utils); it is the one player that can be "
    "pointed at a file instead of a sound card, so the test needs no audio hardware"
    + (
        " (gst-play-1.0 or ffplay is here, but would need a sound device)"
        if shutil.which("gst-play-1.0") or shutil.which("ffplay")
        else ""
    ),
)
def test_playsound3_plays_the_error_tone_through_aplay(qapp, qtbot, tmp_path, monkeypatch, no_leaked_threads):
    played = tmp_path / "played.raw"
    config = tmp_path / "asound.conf"
    config.write_text(FILE_PCM.format(out=played))
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))  # the player process inherits it
    monkeypatch.delenv("PLAYSOUND3_BACKEND", raising=False)
    with wave.open(str(SOUNDS / "error.wav"), "rb") as tone:
        samples = tone.readframes(tone.getnframes())
    player = PlaysoundTonePlayer()
    try:
        with qtbot.waitSignal(player.ready, timeout=10_000) as ready:
            player.prepare()
        assert ready.args == ["alsa"]
        # Each play: from the scan's feedback to the aplay process running. The best of three is
        # what the machine can do; one slow start on a loaded build machine is its load, not ours.
        seconds = []
        for _ in range(3):
            played.unlink(missing_ok=True)
            with qtbot.waitSignal(player.started, timeout=5000) as started:
                player.play(Tone.ERROR)
            tone, elapsed = started.args
            assert tone is Tone.ERROR
            seconds.append(elapsed)
            qtbot.waitUntil(lambda: played.exists() and played.stat().st_size >= len(samples), timeout=5000)
        print(f"scan to player process: {', '.join(f'{s * 1000:.1f} ms' for s in seconds)}")
        assert min(seconds) < 0.1, f"the player process started {min(seconds) * 1000:.0f} ms after the scan at best"
    finally:
        player.stop()
    assert played.read_bytes()[: len(samples)] == samples
