"""The fault plan on its own: reproducible draws, forced scripts, checked knobs."""

from __future__ import annotations

import pytest

from sync.simulators.central import Endpoint, FaultKind, FaultSettings
from sync.simulators.central.faults import FaultPlan


def draws(plan: FaultPlan, count: int = 200) -> list[FaultKind | None]:
    return [plan.draw(Endpoint.PUSH) for _ in range(count)]


def test_the_same_seed_draws_the_same_faults() -> None:
    settings = FaultSettings(error_rate=0.2, reset_rate=0.1, malformed_rate=0.05, seed=7)

    assert draws(FaultPlan(settings)) == draws(FaultPlan(settings))
    assert draws(FaultPlan(settings)) != draws(FaultPlan(FaultSettings(error_rate=0.2, reset_rate=0.1, seed=8)))


def test_rates_set_how_often_each_fault_strikes() -> None:
    plan = FaultPlan(FaultSettings(error_rate=0.25, throttle_rate=0.25, seed=1))

    seen = draws(plan, 4000)

    assert 800 < seen.count(FaultKind.ERROR) < 1200
    assert 800 < seen.count(FaultKind.THROTTLE) < 1200
    assert plan.injected()["error"] == seen.count(FaultKind.ERROR)


def test_a_script_is_played_first_and_endpoints_not_chosen_are_spared() -> None:
    plan = FaultPlan(FaultSettings(endpoints=frozenset({Endpoint.PUSH})))
    plan.configure({"script": ["reset", "bad_item"]})

    assert plan.draw(Endpoint.FEEDS) is None
    assert draws(plan, 3) == [FaultKind.RESET, FaultKind.BAD_ITEM, None]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"error_rat": 0.1}, "Unknown fault knob 'error_rat'"),
        ({"reset_rate": 1.5}, "between 0 and 1"),
        ({"slow_s": -1}, "must not be negative"),
        ({"error_status": 404}, "5xx"),
        ({"endpoints": ["push", "moon"]}, "endpoints must name"),
        ({"seed": "abc"}, "seed must be an integer"),
        ({"timeout_rate": True}, "must be a number"),
    ],
)
def test_bad_knobs_are_refused_with_their_name(changes: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        FaultSettings().merged(changes)


def test_settings_read_back_as_json_with_every_knob() -> None:
    data = FaultSettings(endpoints=frozenset({Endpoint.PUSH}), seed=5).to_json()

    assert (data["endpoints"], data["seed"]) == (["push"], 5)
    assert {kind.knob for kind in FaultKind} <= set(data)
