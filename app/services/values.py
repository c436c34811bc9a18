"""The services' plain values and the role check: what a caller may hold without the database layer.

Nothing here imports SQLAlchemy or the store. The station window imports this module before its
first paint and opens the core (database, services) only after it (docs/architecture-decisions.md,
"Start-up"); the services themselves use the same definitions.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.model import Operator, Role
from app.errors import PermissionDenied
from app.phrases import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class Changed:
    """What a use case changed, so views refresh only that."""

    transaction_id: str
    returns: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    approvals: bool = False
    labels: bool = False


@dataclass(frozen=True, slots=True)
class Credentials:
    """A badge scan or a typed user name, and the PIN."""

    who: str
    pin: str


class LabelTemplate(enum.Enum):
    LPN = "lpn"  # licence plate: every received unit
    RESALE = "resale"  # relabel for resale: GTIN, serial, grade, price
    RETURN_TO_VENDOR = "rtv"
    QUARANTINE = "quarantine"


@dataclass(frozen=True, slots=True)
class PrintJob:
    job_id: str
    unit_id: str | None
    template: LabelTemplate
    fields: Mapping[str, str]
    status: str
    attempts: int
    last_error: str | None


def require_role(actor: Operator, needed: Role, doing: str) -> None:
    """Roles are enforced here, in the core, not only by hiding buttons."""
    if not actor.role.may(needed):
        if needed.value[0] in "aeiou":
            template = QT_TRANSLATE_NOOP("Core", "Only an {needed} may {doing}. You are signed in as {name} ({role}).")
        else:
            template = QT_TRANSLATE_NOOP("Core", "Only a {needed} may {doing}. You are signed in as {name} ({role}).")
        raise PermissionDenied(template, needed=needed, doing=doing, name=actor.display_name, role=actor.role)
