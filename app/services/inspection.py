"""Record an inspection: the category's checklist, a grade on the station's scale, defects, photos.

Photo bytes are written (and fsynced) to the station's photo folder, named by their SHA-256, before
the rows that reference them and queue their upload are committed. An orphaned file after a crash
is harmless; a row pointing at a missing file cannot happen.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.domain.lifecycle import UnitAction, UnitState, next_state
from app.domain.model import Operator
from app.errors import UNIT_NOT_ON_STATION, InvalidInput, NotFound, StorageProblem
from app.phrases import QT_TRANSLATE_NOOP, Phrase
from app.rules import Checklist, RuleBook
from app.services.context import StationContext
from app.services.values import Changed
from app.store.journal import Change
from app.store.prepared import Command, Query
from app.store.schema import CatalogRow, InspectionRow, PhotoRow, UnitRow

PHOTO_TYPES = {"image/jpeg": ".jpg", "image/png": ".png"}
MAX_PHOTO_BYTES = 15 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Photo:
    content: bytes
    content_type: str = "image/jpeg"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


_CATEGORY = select(CatalogRow.category).where(CatalogRow.gtin == bindparam("gtin"))


def unit_category(session: Session, unit: UnitRow) -> str:
    return session.scalar(_CATEGORY, {"gtin": unit.gtin}) or "default"


# The statements of an inspection (see app/store/prepared.py).
_UNIT_TO_INSPECT = Query(
    select(UnitRow.state, UnitRow.return_id, UnitRow.lpn, CatalogRow.category)
    .outerjoin(CatalogRow, CatalogRow.gtin == UnitRow.gtin)
    .where(UnitRow.unit_id == bindparam("unit_id"))
)
# A new inspection supersedes any disposition proposed from the previous one.
_INSPECTED = Command(
    update(UnitRow)
    .where(UnitRow.unit_id == bindparam("unit_id"))
    .values(
        state=bindparam("state"), grade=bindparam("grade"), disposition=None, location=None, updated_at=bindparam("at")
    )
)
_PHOTO_KNOWN = Query(select(PhotoRow.unit_id).where(PhotoRow.sha256 == bindparam("sha256")))


class Inspections:
    def __init__(self, context: StationContext, rules: RuleBook) -> None:
        self._ctx = context
        self.rules = rules

    @property
    def photo_dir(self) -> Path:
        return self._ctx.data_dir / "photos"

    def checklist_for_unit(self, unit_id: str) -> Checklist:
        with self._ctx.db.read() as session:
            unit = session.get(UnitRow, unit_id)
            if unit is None:
                raise NotFound(UNIT_NOT_ON_STATION)
            category = unit_category(session, unit)
        return self.rules.checklist_for(category)

    def inspect(
        self,
        actor: Operator,
        unit_id: str,
        *,
        grade: str,
        answers: Mapping[str, str],
        defect_codes: Sequence[str] = (),
        notes: str = "",
        photos: Sequence[Photo] = (),
    ) -> Changed:
        grade_info = self.rules.scale.grade(grade)
        for photo in photos:
            if photo.content_type not in PHOTO_TYPES:
                raise InvalidInput(QT_TRANSLATE_NOOP("Core", "Photos must be JPEG or PNG images."))
            if not photo.content or len(photo.content) > MAX_PHOTO_BYTES:
                raise InvalidInput(QT_TRANSLATE_NOOP("Core", "A photo is empty or larger than 15 MB. Take it again."))
        # One write transaction validates and records: a separate read first would cost a second
        # transaction on every inspection. Photo files are written inside it only when there are photos.
        with self._ctx.change(actor.operator_id) as tx:
            unit = tx.first(_UNIT_TO_INSPECT, unit_id=unit_id)
            if unit is None:
                raise NotFound(UNIT_NOT_ON_STATION)
            state, return_id, lpn, found_category = unit
            category = found_category or "default"
            checklist = self.rules.checklist_for(category)
            problems = checklist.problems(answers)
            if problems:
                # "; " between the problems, each translated in its turn (an unmarked template is not translated)
                listed = Phrase(
                    "; ".join(f"{{p{i}}}" for i in range(len(problems))), **{f"p{i}": p for i, p in enumerate(problems)}
                )
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("Core", "The checklist is not complete: {problems}."), problems=listed
                )
            if grade in checklist.photos_required_for_grades and not photos:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("Core", "Grade {grade} needs at least one photo of the damage."),
                    grade=grade_info.label,
                )
            stored = [self._store_photo(photo) for photo in photos]
            inspected = next_state(UnitState(state), UnitAction.INSPECT)
            tx.run(_INSPECTED, unit_id=unit_id, state=inspected.value, grade=grade, at=tx.at)
            inspection_id = new_id()
            tx.insert(
                InspectionRow,
                inspection_id=inspection_id,
                unit_id=unit_id,
                grade=grade,
                answers=json.dumps(dict(answers), sort_keys=True),
                defect_codes=json.dumps(list(defect_codes)),
                notes=notes,
                photos=json.dumps([sha for sha, _, _ in stored]),
                operator_id=actor.operator_id,
                inspected_at=tx.at,
            )
            recorded = tx.record(
                Change(
                    "unit.inspected",
                    return_id,
                    "unit",
                    unit_id,
                    {
                        "unit_id": unit_id,
                        "lpn": lpn,
                        "inspection_id": inspection_id,
                        "category": category,
                        "grade": grade,
                        "answers": dict(answers),
                        "defect_codes": list(defect_codes),
                        "notes": notes,
                        "photos": [sha for sha, _, _ in stored],
                    },
                )
            )
            for sha, path, content_type in stored:
                if tx.first(_PHOTO_KNOWN, sha256=sha) is None:
                    tx.insert(
                        PhotoRow,
                        sha256=sha,
                        unit_id=unit_id,
                        path=str(path),
                        content_type=content_type,
                        transaction_id=recorded.transaction_id,
                        created_at=tx.at,
                    )
        return self._ctx.announce(
            Changed(recorded.transaction_id, returns=frozenset({return_id}), units=frozenset({unit_id}))
        )

    def _store_photo(self, photo: Photo) -> tuple[str, Path, str]:
        sha = photo.sha256
        path = self.photo_dir / f"{sha}{PHOTO_TYPES[photo.content_type]}"
        if path.exists():
            return sha, path, photo.content_type
        try:
            self.photo_dir.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            with partial.open("wb") as handle:
                handle.write(photo.content)
                handle.flush()
                os.fsync(handle.fileno())
            partial.replace(path)
        except OSError as exc:
            raise StorageProblem(
                QT_TRANSLATE_NOOP("Core", "The station could not save the photo (disk full or not writable). Ask IT.")
            ) from exc
        return sha, path, photo.content_type
