"""The print queue end to end: real TCP to the simulator, a journal on disk, retries the test drives."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from devices.events import PrinterState, PrinterStatus
from devices.printing.journal import JobStatus, SqliteJobJournal
from devices.printing.label import LabelDataError
from devices.printing.spool import LabelNotPrinted, LabelPrinterDevice, PrintSpool, TimerScheduler
from devices.printing.status import MESSAGES
from devices.printing.templates import LpnLabelData, QuarantineLabelData, ResaleLabelData
from devices.printing.transport import CupsQueue, SerialPrinter, TcpPrinter
from devices.simulators.zpl_printer import Fault, FieldKind, PrinterSimulator
from tests.devices.printing.conftest import ManualScheduler

ROOT = Path(__file__).resolve().parents[3]
DAY = dt.date(2026, 11, 23)
LPN = LpnLabelData("LPN-00012345", "RMA-1001", "DRL-18V", "Cordless drill", DAY)


def clock() -> dt.datetime:
    return dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[SqliteJobJournal]:
    with SqliteJobJournal(tmp_path / "print.sqlite") as opened:
        yield opened


@pytest.fixture
def statuses() -> list[PrinterStatus]:
    return []


@pytest.fixture
def spool(
    journal: SqliteJobJournal, printer_sim: PrinterSimulator, scheduler: ManualScheduler, statuses: list[PrinterStatus]
) -> Iterator[PrintSpool]:
    queue = PrintSpool(
        journal,
        TcpPrinter("127.0.0.1", printer_sim.port),
        device_id="label-printer",
        scheduler=scheduler,
        clock=clock,
        retry_interval=15.0,
        status_timeout=0.5,
        on_status=statuses.append,
    )
    yield queue
    queue.close()


def test_a_label_is_printed_and_marked_so(spool: PrintSpool, printer_sim: PrinterSimulator) -> None:
    result = spool.submit(LPN, copies=2, unit_id="U-1")

    assert result.printed
    assert result.status.state is PrinterState.READY
    assert result.job.printed_at is not None
    assert printer_sim.labels_printed == 2
    (label,) = printer_sim.jobs[0].labels
    assert label.copies == 2
    assert [(f.kind, f.data) for f in label.barcodes] == [(FieldKind.CODE128, "LPN-00012345")]
    assert "RMA-1001" in label.texts
    assert spool.pending() == []


def test_a_job_sent_while_out_of_paper_is_reported_kept_and_printed_after_the_fault_clears(
    spool: PrintSpool, printer_sim: PrinterSimulator, scheduler: ManualScheduler, statuses: list[PrinterStatus]
) -> None:
    printer_sim.set_fault(Fault.PAPER_OUT)

    result = spool.submit(LPN)

    assert not result.printed
    assert (result.status.state, result.status.message, result.status.device_id) == (
        PrinterState.PAPER_OUT,
        MESSAGES[PrinterState.PAPER_OUT],
        "label-printer",
    )
    assert [s.state for s in statuses] == [PrinterState.PAPER_OUT]
    assert result.job.last_error == MESSAGES[PrinterState.PAPER_OUT]
    assert [job.job_id for job in spool.pending()] == [result.job.job_id]
    assert printer_sim.jobs == [], "nothing is sent to a printer that cannot print"
    assert scheduler.scheduled == [15.0]

    scheduler.run_due()  # still out of paper: kept, tried again later
    assert len(spool.pending()) == 1
    assert scheduler.scheduled == [15.0]

    printer_sim.clear_fault()
    scheduler.run_due()

    assert spool.pending() == []
    assert printer_sim.labels_printed == 1
    assert [s.state for s in statuses] == [PrinterState.PAPER_OUT, PrinterState.READY]
    job = spool.journal.get(result.job.job_id)
    assert job is not None
    assert job.status is JobStatus.PRINTED
    assert job.attempts == 3


@pytest.mark.parametrize(
    ("fault", "state"),
    [
        (Fault.HEAD_OPEN, PrinterState.HEAD_OPEN),
        (Fault.RIBBON_OUT, PrinterState.RIBBON_OUT),
        (Fault.PAUSED, PrinterState.PAUSED),
    ],
)
def test_other_faults_keep_the_job_with_their_message(
    spool: PrintSpool, printer_sim: PrinterSimulator, fault: Fault, state: PrinterState
) -> None:
    printer_sim.set_fault(fault)

    result = spool.submit(LPN)

    assert result.status.state is state
    assert result.job.last_error == MESSAGES[state]
    assert len(spool.pending()) == 1


def test_a_printer_silent_in_a_fault_is_asked_the_extended_status(
    spool: PrintSpool, printer_sim: PrinterSimulator, scheduler: ManualScheduler
) -> None:
    printer_sim.set_fault(Fault.HEAD_OPEN)
    printer_sim.silent_on_error = True

    result = spool.submit(LPN)

    assert result.status.state is PrinterState.HEAD_OPEN
    assert len(spool.pending()) == 1

    printer_sim.clear_fault()
    scheduler.run_due()
    assert spool.pending() == []
    assert printer_sim.labels_printed == 1


def test_a_connection_dropped_mid_job_keeps_the_job_pending(
    spool: PrintSpool, printer_sim: PrinterSimulator, scheduler: ManualScheduler
) -> None:
    printer_sim.drop_mid_job = True

    result = spool.submit(LPN)

    assert not result.printed
    assert result.status.state is PrinterState.OFFLINE
    assert printer_sim.dropped_connections == 1
    assert printer_sim.jobs == []
    assert len(spool.pending()) == 1

    printer_sim.drop_mid_job = False
    scheduler.run_due()
    assert spool.pending() == []
    assert printer_sim.labels_printed == 1


def test_jobs_queued_while_offline_print_in_order_when_the_printer_comes_back(
    journal: SqliteJobJournal, scheduler: ManualScheduler
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    queue = PrintSpool(
        journal, TcpPrinter("127.0.0.1", port, connect_timeout=1.0), scheduler=scheduler, status_timeout=0.3
    )
    try:
        first = queue.submit(LPN)
        second = queue.submit(QuarantineLabelData("LPN-2", "Leaking", DAY))
        assert first.status.state is PrinterState.OFFLINE
        assert "switched on" in (second.job.last_error or "")
        assert len(queue.pending()) == 2

        with PrinterSimulator(port=port) as printer:
            scheduler.run_due()
            assert queue.pending() == []
            assert [job.labels[0].barcodes[0].data for job in printer.jobs] == ["LPN-00012345", "LPN-2"]
    finally:
        queue.close()


def test_reprint_is_one_call(spool: PrintSpool, printer_sim: PrinterSimulator) -> None:
    original = spool.submit(LPN).job

    again = spool.reprint(original.job_id)

    assert again.printed
    assert again.job.reprint_of == original.job_id
    assert again.job.job_id != original.job_id
    assert printer_sim.labels_printed == 2
    assert printer_sim.jobs[0].raw == printer_sim.jobs[1].raw


def test_reprint_of_an_unknown_job_says_so(spool: PrintSpool) -> None:
    with pytest.raises(LabelDataError, match="print history"):
        spool.reprint("no-such-job")


def test_bad_data_is_refused_before_anything_is_recorded(spool: PrintSpool, journal: SqliteJobJournal) -> None:
    with pytest.raises(LabelDataError, match="check digit"):
        spool.submit(ResaleLabelData("09501101530004", "SN1", "A", price=Decimal("5")))

    assert journal.recent() == []


def test_a_job_recorded_before_a_crash_prints_after_the_restart(
    tmp_path: Path, printer_sim: PrinterSimulator, scheduler: ManualScheduler
) -> None:
    path = tmp_path / "print.sqlite"
    printer_sim.set_fault(Fault.PAPER_OUT)
    # Another process submits while the printer is out of paper, then dies without closing anything.
    script = textwrap.dedent(
        f"""
        import datetime as dt, os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from devices.printing.journal import SqliteJobJournal
        from devices.printing.spool import PrintSpool
        from devices.printing.templates import LpnLabelData
        from devices.printing.transport import TcpPrinter

        class NoRetry:
            def call_later(self, delay, action):
                return lambda: None

        spool = PrintSpool(SqliteJobJournal({str(path)!r}), TcpPrinter("127.0.0.1", {printer_sim.port}),
                           scheduler=NoRetry(), status_timeout=0.5)
        result = spool.submit(LpnLabelData("LPN-CRASH", "RMA-1", "SKU", "x", dt.date(2026, 11, 23)))
        print(result.status.state.value, flush=True)
        os._exit(0)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "paper_out"

    printer_sim.clear_fault()
    with SqliteJobJournal(path) as journal:
        queue = PrintSpool(journal, TcpPrinter("127.0.0.1", printer_sim.port), scheduler=scheduler, status_timeout=0.5)
        try:
            assert [job.last_error for job in queue.pending()] == [MESSAGES[PrinterState.PAPER_OUT]]
            queue.retry_pending()
            assert queue.pending() == []
        finally:
            queue.close()
    assert printer_sim.jobs[0].labels[0].barcodes[0].data == "LPN-CRASH"


def test_test_print_names_the_printer(spool: PrintSpool, printer_sim: PrinterSimulator) -> None:
    result = spool.test_print("STATION-01")

    assert result.printed
    texts = printer_sim.jobs[0].labels[0].texts
    assert "TEST PRINT" in texts
    assert "Printer ZD421-203dpi V84.20.18Z" in texts
    kinds = {f.kind for f in printer_sim.jobs[0].labels[0].barcodes}
    assert kinds == {FieldKind.CODE128, FieldKind.GS1_128, FieldKind.GS1_DATAMATRIX}


def test_check_status_reports_without_printing(spool: PrintSpool, printer_sim: PrinterSimulator) -> None:
    printer_sim.set_fault(Fault.RIBBON_OUT)

    assert spool.check_status().state is PrinterState.RIBBON_OUT
    assert printer_sim.jobs == []


def test_printing_over_serial(
    journal: SqliteJobJournal, printer_sim: PrinterSimulator, scheduler: ManualScheduler
) -> None:
    queue = PrintSpool(journal, SerialPrinter(printer_sim.serve_pty()), scheduler=scheduler, status_timeout=1.0)
    try:
        assert queue.submit(LPN).printed
    finally:
        queue.close()
    assert printer_sim.labels_printed == 1


def test_a_cups_queue_owns_the_job_once_lp_took_it(
    journal: SqliteJobJournal, tmp_path: Path, scheduler: ManualScheduler
) -> None:
    from tests.devices.printing.test_transport import fake_lp

    queue = PrintSpool(journal, CupsQueue("zebra", lp=str(fake_lp(tmp_path))), scheduler=scheduler)
    try:
        result = queue.submit(LPN)
    finally:
        queue.close()

    assert result.printed
    assert b"LPN-00012345" in (tmp_path / "job").read_bytes()


def test_the_timer_scheduler_retries_by_itself(journal: SqliteJobJournal, printer_sim: PrinterSimulator) -> None:
    printer_sim.set_fault(Fault.PAPER_OUT)
    timers = TimerScheduler()
    queue = PrintSpool(
        journal, TcpPrinter("127.0.0.1", printer_sim.port), scheduler=timers, retry_interval=0.05, status_timeout=0.5
    )
    try:
        assert not queue.submit(LPN).printed
        printer_sim.clear_fault()
        assert printer_sim.wait_for_labels(1, timeout=10)
    finally:
        queue.close()
        timers.close()


# --- printing for a caller that journals jobs itself (the station core) ---------------------------

CORE_FIELDS = {
    "lpn": "LPN-00012345",
    "rma": "RMA-1001",
    "sku": "DRL-18V",
    "description": "Cordless drill",
    "gtin": "09501101530003",
    "serial": "SN77",
    "grade": "A",
    "location": "",
    "disposition": "restock",
    "reason": "Customer changed mind",
    "price": "129.00",
    "vendor": "ACME",
}


@pytest.mark.parametrize(
    ("template", "barcodes"),
    [
        ("lpn", [(FieldKind.CODE128, "LPN-00012345")]),
        (
            "resale",
            [
                (FieldKind.GS1_128, "(01)09501101530003(21)SN77"),
                (FieldKind.GS1_DATAMATRIX, "(01)09501101530003(21)SN77"),
            ],
        ),
        ("rtv", [(FieldKind.CODE128, "LPN-00012345"), (FieldKind.CODE128, "LPN-00012345")]),
        ("quarantine", [(FieldKind.CODE128, "LPN-00012345")]),
    ],
)
def test_the_core_s_fields_print_on_every_template(
    printer_sim: PrinterSimulator, template: str, barcodes: list[tuple[FieldKind, str]]
) -> None:
    device = LabelPrinterDevice(TcpPrinter("127.0.0.1", printer_sim.port), status_timeout=0.5, clock=clock)

    status = device.print_label(template, CORE_FIELDS)

    assert status.state is PrinterState.READY
    (label,) = printer_sim.jobs[0].labels
    assert [(f.kind, f.data) for f in label.barcodes] == barcodes


def test_the_core_is_told_when_the_printer_did_not_take_the_label(printer_sim: PrinterSimulator) -> None:
    printer_sim.set_fault(Fault.RIBBON_OUT)
    device = LabelPrinterDevice(TcpPrinter("127.0.0.1", printer_sim.port), status_timeout=0.5)

    with pytest.raises(LabelNotPrinted, match="out of ribbon") as refused:
        device.print_label("lpn", CORE_FIELDS)

    assert refused.value.status.state is PrinterState.RIBBON_OUT
    assert printer_sim.jobs == []


def test_missing_core_fields_are_named(printer_sim: PrinterSimulator) -> None:
    device = LabelPrinterDevice(TcpPrinter("127.0.0.1", printer_sim.port))

    with pytest.raises(LabelDataError, match="without a resale price"):
        device.print_label("resale", {**CORE_FIELDS, "price": ""})


def test_device_test_print(printer_sim: PrinterSimulator) -> None:
    device = LabelPrinterDevice(TcpPrinter("127.0.0.1", printer_sim.port), status_timeout=0.5)

    assert device.test_print("STATION-01").state is PrinterState.READY
    assert "Printer ZD421-203dpi V84.20.18Z" in printer_sim.jobs[0].labels[0].texts
