"""A unit's life as an explicit state machine.

    received -> inspected -> disposition_proposed -> (awaiting_approval ->) dispositioned
             -> labelled -> closed

with the branches the floor needs: re-inspection before the outcome is final, an override of the
proposal, a denied approval going back to the proposal, and a hold (quarantine for an open
exception) that a supervisor releases. An action not allowed from a state raises
`InvalidTransition` naming what is allowed instead.
"""

from __future__ import annotations

import enum

from app.errors import InvalidTransition
from app.phrases import QT_TRANSLATE_NOOP


class UnitState(enum.Enum):
    RECEIVED = "received"
    INSPECTED = "inspected"
    DISPOSITION_PROPOSED = "disposition_proposed"
    AWAITING_APPROVAL = "awaiting_approval"
    DISPOSITIONED = "dispositioned"
    LABELLED = "labelled"
    ON_HOLD = "on_hold"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class UnitAction(enum.Enum):
    INSPECT = "inspect"
    PROPOSE = "propose disposition"
    OVERRIDE = "override disposition"
    REQUEST_APPROVAL = "request approval"
    APPROVE = "approve"
    DENY = "deny"
    CONFIRM = "confirm disposition"
    PRINT_LABEL = "print label"
    HOLD = "put on hold"
    RELEASE = "release from hold"
    CLOSE = "close"


S, A = UnitState, UnitAction

TRANSITIONS: dict[tuple[UnitState, UnitAction], UnitState] = {
    (S.RECEIVED, A.INSPECT): S.INSPECTED,
    (S.RECEIVED, A.HOLD): S.ON_HOLD,
    (S.INSPECTED, A.INSPECT): S.INSPECTED,
    (S.INSPECTED, A.PROPOSE): S.DISPOSITION_PROPOSED,
    (S.INSPECTED, A.HOLD): S.ON_HOLD,
    (S.DISPOSITION_PROPOSED, A.INSPECT): S.INSPECTED,
    (S.DISPOSITION_PROPOSED, A.PROPOSE): S.DISPOSITION_PROPOSED,
    (S.DISPOSITION_PROPOSED, A.OVERRIDE): S.DISPOSITION_PROPOSED,
    (S.DISPOSITION_PROPOSED, A.REQUEST_APPROVAL): S.AWAITING_APPROVAL,
    (S.DISPOSITION_PROPOSED, A.CONFIRM): S.DISPOSITIONED,
    (S.DISPOSITION_PROPOSED, A.HOLD): S.ON_HOLD,
    (S.AWAITING_APPROVAL, A.APPROVE): S.DISPOSITIONED,
    (S.AWAITING_APPROVAL, A.DENY): S.DISPOSITION_PROPOSED,
    (S.DISPOSITIONED, A.PRINT_LABEL): S.LABELLED,
    (S.DISPOSITIONED, A.CLOSE): S.CLOSED,
    (S.LABELLED, A.PRINT_LABEL): S.LABELLED,  # a reprint changes nothing
    (S.LABELLED, A.CLOSE): S.CLOSED,
    (S.ON_HOLD, A.RELEASE): S.RECEIVED,
}


def allowed_actions(state: UnitState) -> list[UnitAction]:
    return [action for (source, action) in TRANSITIONS if source is state]


def next_state(state: UnitState, action: UnitAction) -> UnitState:
    """The state after `action`, or `InvalidTransition` saying what can be done instead."""
    target = TRANSITIONS.get((state, action))
    if target is None:
        options = allowed_actions(state)
        if not options:
            raise InvalidTransition(
                QT_TRANSLATE_NOOP("Core", "This unit is {state}: it cannot {action} now. Allowed next: nothing more."),
                state=state,
                action=action,
            )
        raise InvalidTransition(
            QT_TRANSLATE_NOOP("Core", "This unit is {state}: it cannot {action} now. Allowed next: {options}."),
            state=state,
            action=action,
            options=tuple(options),
        )
    return target


def reachable(path: list[UnitAction]) -> bool:
    """Whether a history of actions from RECEIVED is a legal life (used to audit stored history)."""
    state = UnitState.RECEIVED
    for action in path:
        target = TRANSITIONS.get((state, action))
        if target is None:
            return False
        state = target
    return True
