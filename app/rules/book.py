"""The rule book: typed rules parsed from reference documents, and the decisions they make.

Texts an operator reads in the reference data (grade labels and meanings, checklist questions, rule
reasons) may come as a plain string or as ``{"en": ..., "es": ..., "de": ...}``; the latter become
`Localized` texts (English as a `str`), which the screens show in the operator's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.model import DispositionKind
from app.errors import InvalidInput
from app.phrases import QT_TRANSLATE_NOOP, Localized, Phrase

Document = Mapping[str, Any]


def _bad(feed: str, key: object, problem: Phrase) -> InvalidInput:
    return InvalidInput(
        QT_TRANSLATE_NOOP("Core", "Reference data '{feed}' item '{key}' is invalid: {problem}."),
        feed=feed,
        key=key,
        problem=problem,
    )


def _decimal(feed: str, key: object, value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise _bad(feed, key, Phrase(QT_TRANSLATE_NOOP("Core", "'{value}' is not a number"), value=value)) from None


@dataclass(frozen=True, slots=True)
class Grade:
    code: str
    label: str
    meaning: str
    sellable: bool
    rank: int


@dataclass(frozen=True, slots=True)
class GradingScale:
    scale_id: str
    label: str
    grades: tuple[Grade, ...]

    def grade(self, code: str) -> Grade:
        for grade in self.grades:
            if grade.code == code:
                return grade
        if not self.grades:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "Core", "This station has not received its grading scale from central yet. Check the Sync screen."
                )
            )
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Core", "'{code}' is not a grade on this station's scale. Use one of: {known}."),
            code=code,
            known=tuple(g.code for g in self.grades),
        )


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    item_id: str
    question: str
    kind: str  # "yes_no" or "choice"
    required: bool
    choices: tuple[str, ...] = ()

    def accepts(self, answer: str) -> bool:
        if self.kind == "yes_no":
            return answer in ("yes", "no")
        return answer in self.choices


@dataclass(frozen=True, slots=True)
class Checklist:
    category: str
    items: tuple[ChecklistItem, ...]
    photos_required_for_grades: tuple[str, ...] = ()

    def problems(self, answers: Mapping[str, str]) -> list[Phrase]:
        """What is missing or wrong in `answers`, in the inspector's words (empty when complete)."""
        found: list[Phrase] = []
        for item in self.items:
            answer = answers.get(item.item_id)
            if answer is None:
                if item.required:
                    found.append(Phrase(QT_TRANSLATE_NOOP("Core", "Answer “{question}”"), question=item.question))
            elif item.kind == "yes_no" and not item.accepts(answer):
                needs_yes_no = QT_TRANSLATE_NOOP("Core", "“{question}” needs yes or no, not “{answer}”")
                found.append(Phrase(needs_yes_no, question=item.question, answer=answer))
            elif not item.accepts(answer):
                needs_choice = QT_TRANSLATE_NOOP("Core", "“{question}” needs {options}, not “{answer}”")
                found.append(Phrase(needs_choice, question=item.question, options=item.choices, answer=answer))
        known = {item.item_id for item in self.items}
        not_on_list = QT_TRANSLATE_NOOP("Core", "“{answer}” is not on the {category} checklist")
        found.extend(
            Phrase(not_on_list, answer=extra, category=self.category) for extra in answers if extra not in known
        )
        return found


@dataclass(frozen=True, slots=True)
class DispositionFacts:
    """What the disposition rules look at, gathered by the service from the unit and its return."""

    grade: str
    category: str
    unit_value: Decimal
    rtv_eligible: bool
    customer_tier: str
    reason_code: str
    vendor_id: str | None


@dataclass(frozen=True, slots=True)
class DispositionRule:
    rule_id: str
    priority: int
    grade_in: frozenset[str] | None
    category_in: frozenset[str] | None
    customer_tier_in: frozenset[str] | None
    reason_in: frozenset[str] | None
    min_value: Decimal | None
    max_value: Decimal | None
    rtv_eligible: bool | None
    disposition: DispositionKind
    location: str
    reason: str

    def matches(self, facts: DispositionFacts) -> bool:
        checks = (
            self.grade_in is None or facts.grade in self.grade_in,
            self.category_in is None or facts.category in self.category_in,
            self.customer_tier_in is None or facts.customer_tier in self.customer_tier_in,
            self.reason_in is None or facts.reason_code in self.reason_in,
            self.min_value is None or facts.unit_value >= self.min_value,
            self.max_value is None or facts.unit_value <= self.max_value,
            self.rtv_eligible is None or (facts.rtv_eligible == self.rtv_eligible and facts.vendor_id is not None),
        )
        return all(checks)


@dataclass(frozen=True, slots=True)
class Proposal:
    disposition: DispositionKind
    location: str
    rule_id: str
    reason: str  # the human-readable reason the rule fired, with the facts filled in


@dataclass(frozen=True, slots=True)
class ApprovalPolicy:
    value_threshold: Decimal
    always_require: frozenset[DispositionKind]
    require_for_sellable_scrap: bool
    require_for_override: bool
    fraud_flags: frozenset[str]

    def reasons(
        self,
        *,
        disposition: DispositionKind,
        unit_value: Decimal,
        grade_sellable: bool,
        overridden: bool,
        flags: Iterable[str] = (),
    ) -> tuple[str, ...]:
        """Why a supervisor must approve this outcome (`Phrase`s); empty when the inspector may confirm it alone."""
        found: list[str] = []
        if unit_value >= self.value_threshold:
            over = QT_TRANSLATE_NOOP("Core", "Unit value {value} is at or above the approval threshold {threshold}.")
            found.append(Phrase(over, value=unit_value, threshold=self.value_threshold))
        if disposition in self.always_require:
            always = QT_TRANSLATE_NOOP("Core", "{outcome} always needs a supervisor.")
            found.append(Phrase(always, outcome=disposition))
        if self.require_for_sellable_scrap and grade_sellable and disposition is DispositionKind.SCRAP:
            found.append(QT_TRANSLATE_NOOP("Core", "Scrapping a sellable unit needs a supervisor."))
        if self.require_for_override and overridden:
            found.append(QT_TRANSLATE_NOOP("Core", "The proposed outcome was overridden."))
        fraud = QT_TRANSLATE_NOOP("Core", "Possible fraud: {flag}.")
        found.extend(
            Phrase(fraud, flag=flag.replace("_", " ")) for flag in sorted(set(flags)) if flag in self.fraud_flags
        )
        return tuple(found)


def _set(value: object) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return frozenset((value,))
    if isinstance(value, Iterable):
        return frozenset(str(v) for v in value)
    return frozenset((str(value),))


def _disposition(feed: str, key: object, value: object) -> DispositionKind:
    try:
        return DispositionKind(value)
    except ValueError:
        known = tuple(kind.value for kind in DispositionKind)  # the codes of the data, not their names
        problem = QT_TRANSLATE_NOOP("Core", "disposition '{value}' is unknown (known: {known})")
        raise _bad(feed, key, Phrase(problem, value=value, known=known)) from None


def parse_rule(doc: Document) -> DispositionRule:
    key = doc.get("rule_id", "?")
    when = doc.get("when") or {}
    then = doc.get("then") or {}
    unknown = set(when) - {
        "grade_in",
        "category_in",
        "customer_tier_in",
        "reason_in",
        "min_value",
        "max_value",
        "rtv_eligible",
    }
    if unknown:
        problem = Phrase(QT_TRANSLATE_NOOP("Core", "unknown condition(s) {conditions}"), conditions=sorted(unknown))
        raise _bad("disposition_rules", key, problem)
    if "disposition" not in then:
        raise _bad("disposition_rules", key, QT_TRANSLATE_NOOP("Core", "'then' has no disposition"))
    return DispositionRule(
        rule_id=str(key),
        priority=int(doc.get("priority", 100)),
        grade_in=_set(when.get("grade_in")),
        category_in=_set(when.get("category_in")),
        customer_tier_in=_set(when.get("customer_tier_in")),
        reason_in=_set(when.get("reason_in")),
        min_value=_decimal("disposition_rules", key, when["min_value"]) if "min_value" in when else None,
        max_value=_decimal("disposition_rules", key, when["max_value"]) if "max_value" in when else None,
        rtv_eligible=when.get("rtv_eligible"),
        disposition=_disposition("disposition_rules", key, then["disposition"]),
        location=str(then.get("location", "")),
        reason=Localized.of(then.get("reason", "")),
    )


class _Facts(dict[str, str]):
    """Fills `{vendor_id}` and `{category}` in rule texts; an unknown name stays visible, not a crash."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True, slots=True)
class RuleBook:
    scale: GradingScale
    checklists: Mapping[str, Checklist]
    rules: tuple[DispositionRule, ...]
    policy: ApprovalPolicy

    def checklist_for(self, category: str) -> Checklist:
        return self.checklists.get(category) or self.checklists.get("default") or Checklist(category, ())

    def propose(self, facts: DispositionFacts) -> Proposal:
        self.scale.grade(facts.grade)  # an unknown grade is an input error, not a rule miss
        for rule in self.rules:
            if rule.matches(facts):
                values = _Facts(vendor_id=facts.vendor_id or "NONE", category=facts.category.upper())
                reason = rule.reason
                return Proposal(
                    disposition=rule.disposition,
                    location=rule.location.format_map(values),
                    rule_id=rule.rule_id,
                    reason=reason.filled(values) if isinstance(reason, Localized) else reason.format_map(values),
                )
        return Proposal(
            disposition=DispositionKind.QUARANTINE,
            location="HOLD",
            rule_id="none",
            reason=QT_TRANSLATE_NOOP("Core", "No disposition rule matched this unit: it is held for a supervisor."),
        )

    @classmethod
    def from_documents(cls, docs: Mapping[str, Sequence[Document]]) -> RuleBook:
        """Build from reference feeds: grading_scales, checklists, disposition_rules, approval_policy."""
        # A freshly enrolled station has no reference data until its first pull: it still starts, and
        # grading explains what is missing instead of the station refusing to open.
        scales = docs.get("grading_scales") or [{"scale_id": "none", "label": "No grading scale yet", "grades": []}]
        scale_doc = next((s for s in scales if s.get("scale_id") == "default"), scales[0])
        scale = GradingScale(
            scale_id=str(scale_doc["scale_id"]),
            label=str(scale_doc.get("label", scale_doc["scale_id"])),
            grades=tuple(
                Grade(
                    code=str(g["code"]),
                    label=Localized.of(g.get("label", g["code"])),
                    meaning=Localized.of(g.get("meaning", "")),
                    sellable=bool(g.get("sellable", True)),
                    rank=int(g.get("rank", i)),
                )
                for i, g in enumerate(scale_doc.get("grades", []))
            ),
        )
        checklists = {
            str(c["category"]): Checklist(
                category=str(c["category"]),
                items=tuple(
                    ChecklistItem(
                        item_id=str(i["id"]),
                        question=Localized.of(i.get("question", i["id"])),
                        kind=str(i.get("kind", "yes_no")),
                        required=bool(i.get("required", False)),
                        choices=tuple(str(x) for x in i.get("choices", ())),
                    )
                    for i in c.get("items", [])
                ),
                photos_required_for_grades=tuple(str(g) for g in c.get("photos_required_for_grades", ())),
            )
            for c in docs.get("checklists") or []
        }
        rules = tuple(sorted((parse_rule(r) for r in docs.get("disposition_rules") or []), key=lambda r: r.priority))
        policies = docs.get("approval_policy") or [{}]
        p = next((x for x in policies if x.get("policy_id") == "default"), policies[0])
        policy = ApprovalPolicy(
            value_threshold=_decimal("approval_policy", p.get("policy_id"), p.get("value_threshold", "250")),
            always_require=frozenset(
                _disposition("approval_policy", p.get("policy_id"), k) for k in p.get("always_require", [])
            ),
            require_for_sellable_scrap=bool(p.get("require_for_sellable_scrap", True)),
            require_for_override=bool(p.get("require_for_override", True)),
            fraud_flags=frozenset(str(f) for f in p.get("fraud_flags", ["serial_mismatch"])),
        )
        return cls(scale=scale, checklists=checklists, rules=rules, policy=policy)
