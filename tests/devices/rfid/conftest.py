"""Fixtures for the RFID tests: simulators on real TCP and real pseudo-terminals, stopped after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devices.simulators.llrp_reader import LlrpReaderSimulator
from devices.simulators.uhf_reader import UhfReaderSimulator
from tests.devices.rfid.helpers import FakeClock, Recorder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def llrp_sim() -> Iterator[LlrpReaderSimulator]:
    """An LLRP reader on an ephemeral port that reports only when a test asks it to."""
    with LlrpReaderSimulator(0, reports_per_second=0) as sim:
        yield sim


@pytest.fixture
def uhf_sim() -> Iterator[UhfReaderSimulator]:
    with UhfReaderSimulator(tags=[]) as sim:
        yield sim
