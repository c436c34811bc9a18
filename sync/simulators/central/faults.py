"""Fault knobs of the central RMS simulator: what can go wrong with a request, and how often.

A station must survive a network and a server that misbehave. Each knob is a rate (0..1) of one kind
of misbehaviour; one draw from a seeded RNG per request decides which, if any, strikes, so the same
seed and the same request order give the same faults. A `script` forces the next faults in order,
for tests that want one exact sequence.

The kinds split by whether the request is applied: errors, 429s and resets strike *instead of*
applying (nothing happened; a retry is the first delivery), the `*_after_apply` kinds strike *after*
applying (the change is in; only the answer is lost or garbled, and the retry must come back
`duplicate`). A timeout holds the request before applying and drops it if the client gives up.
"""

from __future__ import annotations

import enum
import random
import threading
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any


class FaultKind(enum.Enum):
    ERROR = "error"  # a 5xx problem; not applied
    THROTTLE = "throttle"  # 429 with Retry-After; not applied
    RESET = "reset"  # the connection is dropped without an answer; not applied
    TIMEOUT = "timeout"  # the answer is held; applied only if the client is still waiting afterwards
    SLOW = "slow"  # answered late; applied
    RESET_AFTER_APPLY = "reset_after_apply"  # applied, then the connection is dropped without an answer
    MALFORMED = "malformed"  # applied; the answer is not JSON at all
    TRUNCATED = "truncated"  # applied; the answer's JSON is cut off (the HTTP message itself is complete)
    BAD_ITEM = "bad_item"  # applied; one transaction result carries a status no client knows

    @property
    def knob(self) -> str:
        return f"{self.value}_rate"


class Endpoint(enum.Enum):
    """The station endpoints faults can strike; health and the admin API are never faulted."""

    ENROLL = "enroll"
    TOKEN = "token"
    PUSH = "push"
    FEEDS = "feeds"
    LOOKUP = "lookup"
    PHOTOS = "photos"


ALL_ENDPOINTS = frozenset(Endpoint)


@dataclass(frozen=True, slots=True)
class FaultSettings:
    """Every knob at once. Rates are probabilities per request; their sum should stay at or below 1."""

    error_rate: float = 0.0
    throttle_rate: float = 0.0
    reset_rate: float = 0.0
    timeout_rate: float = 0.0
    slow_rate: float = 0.0
    reset_after_apply_rate: float = 0.0
    malformed_rate: float = 0.0
    truncated_rate: float = 0.0
    bad_item_rate: float = 0.0
    error_status: int = 503
    retry_after_s: int = 1
    timeout_s: float = 30.0
    slow_s: float = 0.5
    token_lifetime_s: int = 900
    seed: int | None = None
    endpoints: frozenset[Endpoint] = field(default=ALL_ENDPOINTS)

    def rate(self, kind: FaultKind) -> float:
        value: float = getattr(self, kind.knob)
        return value

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["endpoints"] = sorted(endpoint.value for endpoint in self.endpoints)
        return data

    def merged(self, changes: Mapping[str, Any]) -> FaultSettings:
        """These settings with `changes` applied; raises ValueError naming the first bad knob."""
        known = {f.name for f in fields(self)}
        updates: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"Unknown fault knob {name!r}; known knobs: {', '.join(sorted(known))}")
            updates[name] = _checked(name, value)
        return replace(self, **updates)


def _checked(name: str, value: Any) -> Any:
    if name == "endpoints":
        if isinstance(value, str):
            value = [part for part in value.split(",") if part]
        if not isinstance(value, Iterable):
            raise ValueError("endpoints must be a list of names")
        try:
            return frozenset(Endpoint(item) for item in value)
        except ValueError:
            names = ", ".join(e.value for e in Endpoint)
            raise ValueError(f"endpoints must name some of: {names}") from None
    if name == "seed":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError("seed must be an integer or null")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number")
    if name.endswith("_rate"):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} must be between 0 and 1")
        return float(value)
    if name == "error_status":
        if not 500 <= value <= 599:
            raise ValueError("error_status must be a 5xx status")
        return int(value)
    if value < 0:
        raise ValueError(f"{name} must not be negative")
    if name in ("retry_after_s", "token_lifetime_s"):
        return int(value)
    return float(value)


class FaultPlan:
    """The live knobs, the RNG and the forced script; shared by the server thread and the test thread."""

    def __init__(self, settings: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self._settings = settings or FaultSettings()
        self._rng = random.Random(self._settings.seed)
        self._script: deque[FaultKind] = deque()
        self._injected: Counter[FaultKind] = Counter()

    @property
    def settings(self) -> FaultSettings:
        with self._lock:
            return self._settings

    def configure(self, changes: Mapping[str, Any]) -> FaultSettings:
        """Apply knob changes; `script` (list of kinds) replaces the forced sequence; `clear` resets
        every knob, the script and the counts of injected faults."""
        changes = dict(changes)
        clear = bool(changes.pop("clear", False))
        script = changes.pop("script", None)
        forced = [FaultKind(kind) for kind in script] if script is not None else None
        with self._lock:
            base = FaultSettings() if clear else self._settings
            settings = base.merged(changes)
            self._settings = settings
            if clear or "seed" in changes:
                self._rng = random.Random(settings.seed)
            if clear:
                self._script.clear()
                self._injected.clear()
            if forced is not None:
                self._script = deque(forced)
            return settings

    def draw(self, endpoint: Endpoint) -> FaultKind | None:
        """The fault for one request to `endpoint`, or None. One RNG draw per faultable request."""
        with self._lock:
            if endpoint not in self._settings.endpoints:
                return None
            kind: FaultKind | None = None
            if self._script:
                kind = self._script.popleft()
            else:
                roll = self._rng.random()
                threshold = 0.0
                for candidate in FaultKind:
                    threshold += self._settings.rate(candidate)
                    if roll < threshold:
                        kind = candidate
                        break
            if kind is not None:
                self._injected[kind] += 1
            return kind

    def pick(self, count: int) -> int:
        """A reproducible index below `count` (which result a bad_item fault garbles)."""
        with self._lock:
            return self._rng.randrange(count)

    def pending_script(self) -> list[str]:
        with self._lock:
            return [kind.value for kind in self._script]

    def injected(self) -> dict[str, int]:
        with self._lock:
            return {kind.value: self._injected[kind] for kind in FaultKind}
