"""Words for the person at the station: English here, translated by the screens.

What an operator reads is written as a *template* marked for translation, e.g.
``QT_TRANSLATE_NOOP("Core", "No return matches {code}.")``, plus named parameters. `pyside6-lupdate`
finds the marker in this Python source and puts the template into the translation catalogues; nothing
here imports Qt. A `Phrase` is the English sentence (it *is* a `str`, so logs, the command line and
every comparison see plain English) that also remembers its translation context, template and
parameters, so that the UI can translate the template and fill it in the operator's language
(`ui/words.py` `shown()`).

Parameters stay what they are: an enum (a unit state, a role, a disposition) is shown by the UI with
its translated name and here with its English label; a nested `Phrase` is translated in its turn;
numbers keep their format spec (``{seconds:.0f}``).

A message the station keeps (an exception's detail, a disposition's reasons) is stored twice: as
the English text, which is what central receives, and as `stored(message)`, a JSON value that
`restored()` turns back into the `Phrase` or `Localized` text, so the screens can show it in the
operator's language long after it was written.

`devices/phrases.py` is the same module for the device layer, which may not import the core (see
docs/architecture-decisions.md); keep the two alike. `Localized` (reference data in several
languages) is the core's alone.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Mapping
from decimal import Decimal
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


class Localized(str):
    """A text from central's reference data (a grade's meaning, a checklist question, a rule's reason).

    Central may send such a text as a plain string or as ``{"en": ..., "es": ..., "de": ...}``; it is
    the English text as a `str` (or the first one given), and `texts` holds every language it came in.
    The screens pick the operator's language with `in_language`, falling back to English.
    """

    __slots__ = ("texts",)

    texts: Mapping[str, str]

    def __new__(cls, texts: Mapping[str, str], /) -> Localized:
        english = texts.get("en") or next(iter(texts.values()), "")
        text = super().__new__(cls, english)
        text.texts = MappingProxyType(dict(texts))
        return text

    @classmethod
    def of(cls, value: object) -> str:
        """A text as reference data gives it: a plain string stays one, a language map becomes `Localized`."""
        if isinstance(value, Mapping):
            return cls({str(language): str(text) for language, text in value.items() if text is not None})
        return str(value)

    def in_language(self, language: str) -> str:
        return self.texts.get(language) or str(self)

    def filled(self, values: Mapping[str, str]) -> Localized:
        """Every language's text with `values` put into its `{places}`."""
        return Localized({language: text.format_map(values) for language, text in self.texts.items()})

    def __reduce__(self) -> tuple[object, ...]:
        return (Localized, (dict(self.texts),))


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


def stored(message: str) -> object:
    """A JSON value that `restored` turns back into `message`: a `Phrase` or `Localized` text keeps
    its template, parameters or languages; a plain text stays a string."""
    if isinstance(message, Phrase):
        params = {key: _stored_value(value) for key, value in message.params.items()}
        return {"phrase": [message.context, message.template, params]}
    if isinstance(message, Localized):
        return {"localized": dict(message.texts)}
    return str(message)


def restored(value: object) -> str:
    """The message `stored` kept; anything else (a plain string, text written before) as text."""
    if isinstance(value, dict):
        if "phrase" in value:
            context, template, params = value["phrase"]
            return Phrase._make(context, template, {key: _restored_value(v) for key, v in params.items()})
        if "localized" in value:
            return Localized(value["localized"])
    return str(value)


def _stored_value(value: object) -> object:
    if isinstance(value, Phrase | Localized):
        return stored(value)
    if isinstance(value, enum.Enum):
        kind = type(value)
        return {"enum": f"{kind.__module__}:{kind.__qualname__}", "value": value.value}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, list | tuple | frozenset | set):
        return {"list": [_stored_value(item) for item in value]}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(english_of(value))


def _restored_value(value: object) -> object:
    if not isinstance(value, dict):
        return value
    if "decimal" in value:
        return Decimal(value["decimal"])
    if "list" in value:
        return [_restored_value(item) for item in value["list"]]
    if "enum" in value:
        return _enum_member(value["enum"], value["value"])
    return restored(value)


def _enum_member(where: str, member: object) -> object:
    """The core's enum member named in the database; its bare value if that enum is gone."""
    module_name, _, qualname = where.partition(":")
    if not module_name.startswith("app."):  # only the core's own types are looked up
        return member
    try:
        found: object = importlib.import_module(module_name)
        for part in qualname.split("."):
            found = getattr(found, part)
        return found(member) if isinstance(found, type) and issubclass(found, enum.Enum) else member
    except (ImportError, AttributeError, ValueError):
        return member
