"""Messages are templates plus parameters: English for logs and the command line, translatable on screen.

app/phrases.py and devices/phrases.py are the same small module on either side of the layer rule;
every behaviour is checked on both.
"""

from __future__ import annotations

import copy
import json
import pickle
from decimal import Decimal
from types import ModuleType

import pytest

import app.phrases
import devices.phrases
from app.domain.lifecycle import UnitAction, UnitState, next_state
from app.domain.model import DispositionKind, Role
from app.errors import InvalidTransition, NotFound, StationError
from app.rules.book import DispositionFacts, RuleBook
from devices.manager import DeviceKind, DeviceState

MODULES = [app.phrases, devices.phrases]


@pytest.fixture(params=MODULES, ids=["app", "devices"])
def phrases(request: pytest.FixtureRequest) -> ModuleType:
    return request.param


def test_a_marked_template_remembers_its_context(phrases):
    marked = phrases.QT_TRANSLATE_NOOP("Core", "No return matches {code}.")
    assert marked == "No return matches {code}."
    assert (marked.context, marked.template, dict(marked.params)) == ("Core", "No return matches {code}.", {})


def test_a_phrase_is_its_english_sentence(phrases):
    marked = phrases.QT_TRANSLATE_NOOP("Core", "No return matches {code}; wait {seconds:.1f} s.")
    phrase = phrases.Phrase(marked, code="RMA-1", seconds=2.345)
    assert phrase == "No return matches RMA-1; wait 2.3 s."
    assert str in type(phrase).__mro__  # a str wherever English text is expected
    assert phrase.context == "Core"
    assert phrase.template == "No return matches {code}; wait {seconds:.1f} s."
    assert dict(phrase.params) == {"code": "RMA-1", "seconds": 2.345}  # numbers stay numbers for the UI


def test_enums_read_as_their_english_labels_and_stay_enums(phrases):
    marked = phrases.QT_TRANSLATE_NOOP("Core", "{state} / {outcome} / {role} / {kind} / {device}")
    phrase = phrases.Phrase(
        marked,
        state=UnitState.DISPOSITION_PROPOSED,
        outcome=DispositionKind.RETURN_TO_VENDOR,
        role=Role.SUPERVISOR,
        kind=DeviceKind.RFID_READER,
        device=DeviceState.DISCONNECTED,
    )
    assert phrase == "disposition proposed / Return to vendor / supervisor / RFID reader / disconnected"
    assert phrase.params["state"] is UnitState.DISPOSITION_PROPOSED


def test_lists_nested_phrases_and_exceptions_read_as_english(phrases):
    inner = phrases.Phrase(phrases.QT_TRANSLATE_NOOP("Devices", "its EPC header is {header}"), header="E2")
    marked = phrases.QT_TRANSLATE_NOOP("Core", "{what}; next: {options}; because {problem}")
    phrase = phrases.Phrase(
        marked, what=inner, options=(UnitAction.INSPECT, UnitAction.HOLD), problem=OSError("cable pulled")
    )
    assert phrase == "its EPC header is E2; next: inspect, put on hold; because cable pulled"
    assert phrase.params["what"].template == "its EPC header is {header}"


def test_text_without_parameters_is_never_formatted(phrases):
    plain = phrases.Phrase("Braces {like these} stay as they are.")
    assert plain == "Braces {like these} stay as they are."
    assert plain.context == ""  # unmarked: the screens show it as it is


def test_a_phrase_survives_copy_and_pickle(phrases):
    phrase = phrases.Phrase(phrases.QT_TRANSLATE_NOOP("Core", "Serial {serial}"), serial="S1")
    for again in (copy.copy(phrase), copy.deepcopy(phrase), pickle.loads(pickle.dumps(phrase))):
        assert again == phrase
        assert (again.context, again.template, dict(again.params)) == ("Core", "Serial {serial}", {"serial": "S1"})


def test_an_exception_says_its_phrase(phrases):
    phrase = phrases.QT_TRANSLATE_NOOP("Devices", "The scanner is not connected.")
    error = ConnectionError(phrase)
    assert str(error) == "The scanner is not connected."
    assert phrases.said(error) is phrase
    assert phrases.said(OSError(2, "No such file")) == "[Errno 2] No such file"


def test_a_station_error_carries_template_and_parameters():
    error = NotFound(app.phrases.QT_TRANSLATE_NOOP("Core", "No return matches {code}."), code="RMA-9")
    assert str(error) == error.message == "No return matches RMA-9."
    assert (error.context, error.template, dict(error.params)) == (
        "Core",
        "No return matches {code}.",
        {"code": "RMA-9"},
    )


def test_a_plain_station_error_is_unchanged():
    error = StationError("Select a unit first {really}.")
    assert str(error) == error.message == error.template == "Select a unit first {really}."
    assert (error.context, dict(error.params)) == ("", {})


def test_an_invalid_transition_keeps_its_enums():
    with pytest.raises(InvalidTransition) as refused:
        next_state(UnitState.RECEIVED, UnitAction.CONFIRM)
    assert str(refused.value) == (
        "This unit is received: it cannot confirm disposition now. Allowed next: inspect, put on hold."
    )
    assert refused.value.params["state"] is UnitState.RECEIVED
    assert refused.value.params["options"] == (UnitAction.INSPECT, UnitAction.HOLD)


def test_reference_text_in_several_languages_is_english_first():
    text = app.phrases.Localized.of({"en": "Powers on?", "es": "¿Se enciende?", "de": "Lässt sich einschalten?"})
    assert text == "Powers on?"
    assert isinstance(text, app.phrases.Localized)
    assert text.in_language("de") == "Lässt sich einschalten?"
    assert text.in_language("fr") == "Powers on?"  # a language central did not send: English
    assert app.phrases.Localized.of("Powers on?") == "Powers on?"
    assert type(app.phrases.Localized.of("Powers on?")) is str
    assert pickle.loads(pickle.dumps(text)).in_language("es") == "¿Se enciende?"


def test_the_rule_book_reads_reference_texts_in_several_languages():
    book = RuleBook.from_documents(
        {
            "grading_scales": [
                {
                    "scale_id": "default",
                    "grades": [{"code": "NEW", "label": {"en": "New", "de": "Neu"}, "meaning": "Sealed."}],
                }
            ],
            "disposition_rules": [
                {
                    "rule_id": "R1",
                    "when": {},
                    "then": {
                        "disposition": "return_to_vendor",
                        "location": "RTV-{vendor_id}",
                        "reason": {"en": "Back to {vendor_id}.", "es": "Devolver a {vendor_id}."},
                    },
                }
            ],
        }
    )
    grade = book.scale.grade("NEW")
    assert (grade.label, grade.meaning) == ("New", "Sealed.")
    assert isinstance(grade.label, app.phrases.Localized)
    assert grade.label.in_language("de") == "Neu"
    facts = DispositionFacts("NEW", "electronics", Decimal("10"), True, "gold", "DEFECTIVE", "V-ACME")
    reason = book.propose(facts).reason
    assert reason == "Back to V-ACME."
    assert isinstance(reason, app.phrases.Localized)
    assert reason.in_language("es") == "Devolver a V-ACME."


def test_a_stored_message_comes_back_translatable_with_its_parameters():
    nested = app.phrases.QT_TRANSLATE_NOOP("Core", "{outcome} always needs a supervisor.")
    outer = app.phrases.QT_TRANSLATE_NOOP("Core", "Unit value {value} is at or above {what}; also {more}.")
    message = app.phrases.Phrase(
        outer,
        value=Decimal("250.00"),
        what=app.phrases.Localized({"en": "the limit", "de": "die Grenze"}),
        more=app.phrases.Phrase(nested, outcome=DispositionKind.SCRAP),
    )
    kept = json.loads(json.dumps(app.phrases.stored(message)))  # as the database holds it
    back = app.phrases.restored(kept)
    assert back == message  # the same English
    assert isinstance(back, app.phrases.Phrase)
    assert (back.context, back.template) == ("Core", outer)
    assert back.params["value"] == Decimal("250.00")
    what, more = back.params["what"], back.params["more"]
    assert isinstance(what, app.phrases.Localized)
    assert what.in_language("de") == "die Grenze"
    assert isinstance(more, app.phrases.Phrase)
    assert more.params["outcome"] is DispositionKind.SCRAP


def test_plain_text_and_unknown_types_are_kept_as_text():
    assert app.phrases.stored("The inspector's own words") == "The inspector's own words"
    assert app.phrases.restored("Written before messages were kept") == "Written before messages were kept"
    gone = {"phrase": ["Core", "{kind}", {"kind": {"enum": "app.domain.model:NoSuchEnum", "value": "x"}}]}
    assert app.phrases.restored(gone) == "x"
    foreign = {"phrase": ["Core", "{kind}", {"kind": {"enum": "os:PathLike", "value": "y"}}]}
    assert app.phrases.restored(foreign) == "y"  # only the core's own enums are looked up
