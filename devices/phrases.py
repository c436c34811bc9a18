"""Words for the person at the station, from the device layer: English here, translated by the screens.

The same small module as `app/phrases.py` (the device layer stands alone and may not import the core,
see docs/architecture-decisions.md); keep the two alike. A scan rejection, a printer's advice, a
device's state reason or a test result is a template marked with
``QT_TRANSLATE_NOOP("Devices", "No barcode was read within {seconds:g} s.")`` plus named parameters;
`pyside6-lupdate` finds the marker in this Python source, nothing here imports Qt. A `Phrase` *is*
the English `str` (logs, the command line and comparisons see English) and also remembers its
context, template and parameters, so the UI can show it in the operator's language
(`ui/words.py` `shown()`). A device exception carries its `Phrase` as its only argument.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

_NO_PARAMS: Mapping[str, object] = MappingProxyType({})


class Phrase(str):
    """An English sentence for the operator that knows how to be translated.

    `Phrase(template, **params)` fills `template` (a marked template, or any plain text) with `params`.
    A text without parameters is its own template and is never formatted, so braces in it are safe.
    An unmarked text has the empty context: the screens show it as it is.
    """

    __slots__ = ("context", "params", "template")

    context: str
    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, /, **params: object) -> Phrase:
        if isinstance(template, Phrase):
            context, source, params = template.context, template.template, {**template.params, **params}
        else:
            context, source = "", str(template)
        return cls._make(context, source, params)

    @classmethod
    def marked(cls, context: str, source: str) -> Phrase:
        """The template itself, remembered with the translation context it was marked in."""
        return cls._make(context, source, {})

    @classmethod
    def _make(cls, context: str, source: str, params: Mapping[str, object]) -> Phrase:
        english = source.format_map({key: english_of(value) for key, value in params.items()}) if params else source
        phrase = super().__new__(cls, english)
        phrase.context = context
        phrase.template = source
        phrase.params = MappingProxyType(dict(params)) if params else _NO_PARAMS
        return phrase

    def __repr__(self) -> str:
        return f"Phrase({self.template!r}, context={self.context!r}, params={dict(self.params)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.context, self.template, dict(self.params)))


def QT_TRANSLATE_NOOP(context: str, source: str) -> Phrase:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark `source` for translation in `context` (a string literal, or lupdate cannot see it)."""
    return Phrase.marked(context, source)


def said(error: BaseException) -> str:
    """What an exception says to the operator: the `Phrase` it was raised with, else its text."""
    if len(error.args) == 1 and isinstance(error.args[0], Phrase):
        return error.args[0]
    return str(error)


def _rebuild(context: str, template: str, params: Mapping[str, object]) -> Phrase:
    return Phrase._make(context, template, params)


def english_of(value: object) -> object:
    """A parameter as the English text shows it; numbers and plain values stay themselves."""
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return label if isinstance(label, str) else str(value.value).replace("_", " ")
    if isinstance(value, list | tuple | frozenset | set):
        return ", ".join(str(english_of(item)) for item in value)
    if isinstance(value, BaseException):
        return str(value)
    return value
