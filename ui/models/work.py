"""Supervisor approvals, parked sync items, print jobs and a unit's timeline, as tables."""

from __future__ import annotations

import json

from app.services.disposition import ApprovalView
from app.services.history import TimelineEntry
from app.services.values import PrintJob
from app.store.outbox import OutboxRecord
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import Column, RecordTableModel
from ui.words import job_status, name, shown


def short_time(iso: str) -> str:
    """ "2026-11-23T09:00:01.123+00:00" -> "2026-11-23 09:00:01": what a person needs to see."""
    return iso.replace("T", " ")[:19]


class ApprovalsModel(RecordTableModel[ApprovalView]):
    def __init__(self) -> None:
        super().__init__(
            (
                Column(QT_TRANSLATE_NOOP("Columns", "Licence plate"), lambda a: a.lpn, sample="LPN-XXXXXXXXXX"),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "SKU"), lambda a: a.sku or "", handheld=False, sample="SKU-XX-XXXX"
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Outcome"), lambda a: name(a.kind), sample="Return to vendor"),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Location"),
                    lambda a: a.location or "",
                    handheld=False,
                    sample="PUTAWAY-XXXXXXXX",
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Why a supervisor"),
                    lambda a: " ".join(shown(reason) for reason in a.reasons),
                    stretch=True,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Asked by"),
                    lambda a: a.requested_by,
                    handheld=False,
                    sample="Station admin",
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Asked at"),
                    lambda a: short_time(a.requested_at),
                    handheld=False,
                    sample="2026-11-23 09:00:00",
                ),
            ),
            key=lambda a: a.approval_id,
        )


class ParkedModel(RecordTableModel[OutboxRecord]):
    def __init__(self) -> None:
        super().__init__(
            (
                Column(QT_TRANSLATE_NOOP("Columns", "Change"), lambda r: r.type, sample="disposition.overridden"),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Return"), lambda r: r.return_id, handheld=False, sample="R-1000000"
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Refused because"), lambda r: r.last_error or "", stretch=True),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Attempts"),
                    lambda r: str(r.attempts),
                    numeric=True,
                    handheld=False,
                    sample="999",
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Made at"),
                    lambda r: short_time(r.created_at),
                    handheld=False,
                    sample="2026-11-23 09:00:00",
                ),
            ),
            key=lambda r: r.id,
        )


class PrintJobsModel(RecordTableModel[PrintJob]):
    def __init__(self) -> None:
        super().__init__(
            (
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Licence plate"),
                    lambda j: str(j.fields.get("lpn", "")),
                    sample="LPN-XXXXXXXXXX",
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Label"),
                    lambda j: name(j.template),
                    handheld=False,
                    sample="Return to vendor",
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Status"), lambda j: job_status(j.status), sample="waiting to print"
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Attempts"),
                    lambda j: str(j.attempts),
                    numeric=True,
                    handheld=False,
                    sample="999",
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Problem"), lambda j: j.last_error or "", stretch=True),
            ),
            key=lambda j: j.job_id,
        )


class TimelineModel(RecordTableModel[TimelineEntry]):
    def __init__(self) -> None:
        super().__init__(
            (
                Column(QT_TRANSLATE_NOOP("Columns", "When"), lambda e: short_time(e.at), sample="2026-11-23 09:00:00"),
                Column(QT_TRANSLATE_NOOP("Columns", "What"), lambda e: e.action, sample="disposition.overridden"),
                Column(QT_TRANSLATE_NOOP("Columns", "Who"), lambda e: e.operator, sample="Station admin"),
                Column(QT_TRANSLATE_NOOP("Columns", "Details"), _details, stretch=True),
            ),
            key=lambda e: (e.at, e.action, e.operator),
        )


def _details(entry: TimelineEntry) -> str:
    shown = {k: v for k, v in entry.detail.items() if k not in {"unit_id", "return_id"} and v not in (None, "", [])}
    return json.dumps(shown, ensure_ascii=False, sort_keys=True)[1:-1]
