"""The print queue: a label is never silently lost.

A job is written to the `JobJournal` before anything is sent. It is marked printed only when the
printer accepted it: the bytes went out, and a status check on the same connection, after the
label data, says READY (the printer reads its input in order, so an answer proves the whole job
arrived). Otherwise the job stays pending with the printer's message, and the queue tries again
on a timer until the fault is cleared. Before sending, the queue asks for status first: a printer
that is out of paper is not sent anything, so it cannot print a label twice once it is reloaded.

The one case that can print a label twice is a fault that starts while a job is being printed:
the printer may keep that job and print it after the fault, and the queue, not having heard
READY, sends it again. A duplicate label is the price of never losing one.

Time is injected: `clock` stamps jobs and `scheduler` runs the retry, so tests drive both.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from uuid6 import uuid7

from devices.events import PrinterState, PrinterStatus
from devices.phrases import QT_TRANSLATE_NOOP, Phrase, said
from devices.printing.journal import JobJournal, JobStatus, PrintJob, utc_now
from devices.printing.label import DEFAULT_DPI, Label, LabelDataError, LabelStock
from devices.printing.status import printer_status, read_identity, read_status
from devices.printing.templates import (
    PrinterCheckData,
    build_label,
    data_from_fields,
    fields_from_json,
    fields_to_json,
    template_for,
)
from devices.printing.transport import PrinterConnector, PrinterLink, PrinterLinkError
from devices.printing.zpl import render_zpl

Cancel = Callable[[], None]


class RetryScheduler(Protocol):
    def call_later(self, delay: float, action: Callable[[], None]) -> Cancel: ...


class TimerScheduler:
    """Runs each retry on a `threading.Timer`; `close()` cancels whatever is still waiting."""

    def __init__(self) -> None:
        self._timers: set[threading.Timer] = set()
        self._lock = threading.Lock()

    def call_later(self, delay: float, action: Callable[[], None]) -> Cancel:
        timer: threading.Timer

        def run() -> None:
            with self._lock:
                self._timers.discard(timer)
            action()

        timer = threading.Timer(delay, run)
        timer.daemon = True
        with self._lock:
            self._timers.add(timer)
        timer.start()

        def cancel() -> None:
            timer.cancel()
            with self._lock:
                self._timers.discard(timer)

        return cancel

    def close(self) -> None:
        with self._lock:
            timers = list(self._timers)
            self._timers.clear()
        for timer in timers:
            timer.cancel()
        for timer in timers:
            if timer is not threading.current_thread():
                timer.join()


def describe_printer(printer: PrinterConnector, *, timeout: float) -> str:
    """Model and firmware as the printer reports them (`~HI`), else where it is."""
    if printer.supports_status:
        try:
            with printer.connect() as link:
                identity = read_identity(link.query, timeout=timeout)
            return f"{identity.model} {identity.firmware}"
        except (PrinterLinkError, ValueError):
            pass  # the caller still learns which printer it was sent to
    return printer.description


class LabelNotPrinted(Exception):
    """The printer did not take the label; `status` says why, `str(error)` in the inspector's words."""

    def __init__(self, status: PrinterStatus, detail: str = "") -> None:
        with_detail = QT_TRANSLATE_NOOP("Devices", "{advice} ({detail})")
        super().__init__(Phrase(with_detail, advice=status.message, detail=detail) if detail else status.message)
        self.status = status


def _read_printer_status(printer: PrinterConnector, link: PrinterLink, timeout: float, device_id: str) -> PrinterStatus:
    if not printer.supports_status:
        return printer_status(PrinterState.READY, device_id=device_id)
    return read_status(link.query, timeout=timeout, device_id=device_id)


def send_confirmed(
    printer: PrinterConnector, payload: bytes, *, status_timeout: float, device_id: str = ""
) -> PrinterStatus:
    """Send one job and confirm it: status READY before, bytes out, status READY after, on one connection.

    Returns the READY status; raises LabelNotPrinted with the printer's status otherwise (OFFLINE
    when the line failed), never sending to a printer that reported a fault first.
    """
    try:
        with printer.connect() as link:
            status = _read_printer_status(printer, link, status_timeout, device_id)
            if status.state is not PrinterState.READY:
                raise LabelNotPrinted(status)
            link.write(payload)
            status = _read_printer_status(printer, link, status_timeout, device_id)
    except PrinterLinkError as error:
        raise LabelNotPrinted(printer_status(PrinterState.OFFLINE, device_id=device_id), said(error)) from error
    if status.state is not PrinterState.READY:
        raise LabelNotPrinted(status)
    return status


@dataclass(frozen=True, slots=True)
class PrintResult:
    """What became of one job: printed, or pending with the printer's status saying why."""

    job: PrintJob
    status: PrinterStatus

    @property
    def printed(self) -> bool:
        return self.job.status is JobStatus.PRINTED


class PrintSpool:
    """Journal, send, confirm, retry. Safe to call from several threads; sends are one at a time."""

    def __init__(
        self,
        journal: JobJournal,
        printer: PrinterConnector,
        *,
        stock: LabelStock = LabelStock.FOUR_BY_SIX,
        dpi: int = DEFAULT_DPI,
        device_id: str = "",
        scheduler: RetryScheduler | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        retry_interval: float = 15.0,
        status_timeout: float = 2.0,
        on_status: Callable[[PrinterStatus], None] | None = None,
    ) -> None:
        self.journal = journal
        self.printer = printer
        self.stock = stock
        self.dpi = dpi
        self.device_id = device_id
        self._own_scheduler: TimerScheduler | None = None
        if scheduler is None:
            scheduler = self._own_scheduler = TimerScheduler()
        self._scheduler = scheduler
        self._clock = clock
        self.retry_interval = retry_interval
        self.status_timeout = status_timeout
        self._on_status = on_status
        self._send_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._retry: Cancel | None = None
        self._closed = False
        self.last_status: PrinterStatus | None = None

    # --- public API -------------------------------------------------------------------------

    def render(self, job: PrintJob) -> bytes:
        """The printer bytes for a journalled job, rebuilt from its template and fields."""
        return render_zpl(self.label_of(job), copies=job.copies)

    def label_of(self, job: PrintJob) -> Label:
        return build_label(job.template, fields_from_json(job.template, job.data), self.stock, self.dpi)

    def submit(self, data: object, *, copies: int = 1, unit_id: str | None = None) -> PrintResult:
        """Record a label job for `data` (e.g. an `LpnLabelData`) and try to print it now.

        Raises LabelDataError, before anything is recorded, when the data cannot make a label.
        """
        if copies < 1:
            raise LabelDataError(QT_TRANSLATE_NOOP("Devices", "Print at least one copy."))
        template = template_for(data)
        job = PrintJob(
            job_id=str(uuid7()),
            template=template.name,
            data=fields_to_json(data),
            created_at=self._clock().isoformat(),
            copies=copies,
            unit_id=unit_id,
        )
        self.render(job)  # proves the stored fields make a label before the job is journalled
        return self._record_and_print(job)

    def reprint(self, job_id: str, *, copies: int | None = None) -> PrintResult:
        """Print an earlier job again, as a new journalled job that points back to it."""
        original = self.journal.get(job_id)
        if original is None:
            raise LabelDataError(
                QT_TRANSLATE_NOOP(
                    "Devices", "That label is not in this station's print history, so it cannot be reprinted."
                )
            )
        job = replace(
            original,
            job_id=str(uuid7()),
            created_at=self._clock().isoformat(),
            copies=original.copies if copies is None else copies,
            status=JobStatus.PENDING,
            attempts=0,
            last_error=None,
            printed_at=None,
            reprint_of=original.job_id,
        )
        return self._record_and_print(job)

    def retry_pending(self) -> PrinterStatus:
        """Send every pending job, oldest first; stop at the first fault and schedule a retry."""
        with self._send_lock:
            status = self._drain()
        self._report(status)
        return status

    def check_status(self) -> PrinterStatus:
        """Ask the printer how it is, without printing."""
        if not self.printer.supports_status:
            return printer_status(PrinterState.READY, device_id=self.device_id)
        with self._send_lock:
            try:
                with self.printer.connect() as link:
                    status = _read_printer_status(self.printer, link, self.status_timeout, self.device_id)
            except PrinterLinkError:
                status = printer_status(PrinterState.OFFLINE, device_id=self.device_id)
        self._report(status)
        return status

    def test_print(self, station: str) -> PrintResult:
        """The device manager's "test print": ask the printer who it is, then print the check label."""
        described = describe_printer(self.printer, timeout=self.status_timeout)
        return self.submit(PrinterCheckData(station=station, printer=described, printed_at=self._clock()))

    def pending(self) -> list[PrintJob]:
        return self.journal.pending()

    def close(self) -> None:
        with self._state_lock:
            self._closed = True
            cancel, self._retry = self._retry, None
        if cancel is not None:
            cancel()
        if self._own_scheduler is not None:
            self._own_scheduler.close()

    # --- internals --------------------------------------------------------------------------

    def _record_and_print(self, job: PrintJob) -> PrintResult:
        self.journal.record(job)
        status = self.retry_pending()
        stored = self.journal.get(job.job_id)
        return PrintResult(job=stored or job, status=status)

    def _drain(self) -> PrinterStatus:
        jobs = self.journal.pending()
        status = self.last_status or printer_status(PrinterState.READY, device_id=self.device_id)
        for index, job in enumerate(jobs):
            try:
                payload = self.render(job)
            except LabelDataError as error:
                # A stored job that no longer makes a label must not hold up the others.
                self.journal.mark_failed(job.job_id, str(error))
                continue
            try:
                status = send_confirmed(
                    self.printer, payload, status_timeout=self.status_timeout, device_id=self.device_id
                )
            except LabelNotPrinted as refused:
                self._keep(jobs[index:], str(refused))
                return refused.status
            self.journal.mark_printed(job.job_id)
        return status

    def _keep(self, jobs: list[PrintJob], message: str) -> None:
        for job in jobs:
            self.journal.mark_failed(job.job_id, message)
        self._schedule_retry()

    def _schedule_retry(self) -> None:
        with self._state_lock:
            if self._closed or self._retry is not None:
                return
            self._retry = self._scheduler.call_later(self.retry_interval, self._on_retry)

    def _on_retry(self) -> None:
        with self._state_lock:
            self._retry = None
            if self._closed:
                return
        self.retry_pending()

    def _report(self, status: PrinterStatus) -> None:
        changed = status != self.last_status
        self.last_status = status
        if changed and self._on_status is not None:
            self._on_status(status)


class LabelPrinterDevice:
    """Print one label now and say whether the printer took it; no journal of its own.

    For a caller that journals jobs itself (the station core's `LabelPrinter`): `print_label`
    returns the READY status or raises LabelNotPrinted, and the caller keeps the job pending.
    """

    def __init__(
        self,
        printer: PrinterConnector,
        *,
        stock: LabelStock = LabelStock.FOUR_BY_SIX,
        dpi: int = DEFAULT_DPI,
        device_id: str = "",
        status_timeout: float = 2.0,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.printer = printer
        self.stock = stock
        self.dpi = dpi
        self.device_id = device_id
        self.status_timeout = status_timeout
        self._clock = clock
        self._lock = threading.Lock()

    def label(self, template: str, fields: Mapping[str, str]) -> Label:
        """The label `print_label` would print, e.g. for a preview; raises LabelDataError."""
        data = data_from_fields(template, fields, self._clock().date())
        return build_label(template, data, self.stock, self.dpi)

    def print_label(self, template: str, fields: Mapping[str, str], copies: int = 1) -> PrinterStatus:
        payload = render_zpl(self.label(template, fields), copies=copies)
        with self._lock:  # one job on the line at a time
            return send_confirmed(self.printer, payload, status_timeout=self.status_timeout, device_id=self.device_id)

    def test_print(self, station: str) -> PrinterStatus:
        described = describe_printer(self.printer, timeout=self.status_timeout)
        label = build_label("test_print", PrinterCheckData(station, described, self._clock()), self.stock, self.dpi)
        with self._lock:
            return send_confirmed(
                self.printer, render_zpl(label), status_timeout=self.status_timeout, device_id=self.device_id
            )
