"""The two kinds of failure the station knows.

`StationError` and its children are expected: bad input, a rule that says no, a full disk. They
carry a message written for the inspector and the station keeps running. Anything else is a bug:
it is logged with context and fails loudly.

The message is a template marked for translation plus named parameters::

    raise NotFound(QT_TRANSLATE_NOOP("Core", "No return matches {code}."), code=scan.text)

`str(error)` and `error.message` are English (logs, the command line, tests); the screens translate
`error.template` in `error.context` and fill in `error.params` (see app/phrases.py). A plain text
without parameters still works and is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.phrases import QT_TRANSLATE_NOOP, Phrase


class StationError(Exception):
    """An expected failure with a message an inspector can act on."""

    def __init__(self, message: str, /, **params: object) -> None:
        phrase = Phrase(message, **params)
        super().__init__(phrase)
        self.message: Phrase = phrase

    @property
    def context(self) -> str:
        """The translation context the template was marked in; empty for text shown as it is."""
        return self.message.context

    @property
    def template(self) -> str:
        return self.message.template

    @property
    def params(self) -> Mapping[str, object]:
        return self.message.params


# Said by every use case that looks a unit up by id: it was on screen, but is gone from the database.
UNIT_NOT_ON_STATION = QT_TRANSLATE_NOOP("Core", "This unit is no longer on the station. Scan its licence plate again.")


class NotFound(StationError):
    """The scanned or typed identifier matches nothing the station knows."""


class InvalidInput(StationError):
    """The input itself is wrong (malformed, missing a required field, out of range)."""


class NotAllowed(StationError):
    """A rule forbids the action (wrong role, own approval, unit in the wrong state, ...)."""


class PermissionDenied(NotAllowed):
    """The signed-in operator's role may not do this."""


class InvalidTransition(NotAllowed):
    """A unit cannot move from its current state with this action; the message says what can."""


class SignInFailed(StationError):
    """Wrong badge, user or PIN, or the account is locked."""


class StorageProblem(StationError):
    """The station's local storage failed (disk full, locked, read-only, I/O error).

    Nothing was written; the action can be repeated once the cause is gone.
    """


class PrinterProblem(StationError):
    """The label printer did not take the label; the job is kept and can be printed again."""
