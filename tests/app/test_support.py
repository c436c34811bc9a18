"""The support bundle holds what support needs and never a secret; the logs rotate and mask secrets."""

from __future__ import annotations

import logging
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app import __version__
from app.config import load_config
from app.logs import LOG_FILE, MASK, configure_logging, log_files, redact
from app.services.values import Credentials
from app.store.outbox import DeliveryResult, Outbox, Outcome
from app.support import BundleLeak, build_support_bundle, database_report

CREDENTIAL = "sc_9fT2kLq8ZzW4mN1vX7pR3cY6"
ACCESS_TOKEN = "at_Qw3Er5Ty7Ui9Op1As3Df5Gh7"
ENROLLMENT_TOKEN = "3bq0Qx7M2yJd1s9uKzV0ww"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def station_log(tmp_path: Path):
    log = configure_logging(logging.INFO, tmp_path / "logs", to_stderr=False)
    yield log
    log.close()


def test_log_lines_with_tokens_are_masked_on_their_way_to_disk(station_log):
    logger = logging.getLogger("sync.client")
    logger.info("POST /v1/token -> Authorization: Bearer %s", ACCESS_TOKEN)
    logger.info('answer {"station_credential": "%s", "expires_in": 900}', CREDENTIAL)
    logger.info("enroll enrollment_token=%s station=DOCK-1", ENROLLMENT_TOKEN)
    for handler in station_log.handlers:
        handler.flush()
    text = station_log.path.read_text()
    assert ACCESS_TOKEN not in text
    assert CREDENTIAL not in text
    assert ENROLLMENT_TOKEN not in text
    assert f"Bearer {MASK}" in text
    assert "station=DOCK-1" in text  # the rest of the line is still there
    assert '"expires_in": 900' in text


def test_logs_rotate_and_stay_bounded(tmp_path):
    log = configure_logging(logging.INFO, tmp_path / "logs", to_stderr=False, max_bytes=2_000, backups=3)
    try:
        for n in range(400):
            logging.getLogger("station").info("unit %05d received at dock 1", n)
    finally:
        log.close()
    files = log_files(tmp_path / "logs")
    assert [f.name for f in files] == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2", f"{LOG_FILE}.3"]
    assert all(f.stat().st_size <= 2_100 for f in files)
    assert "unit 00399" in files[0].read_text()


def test_configuring_twice_does_not_write_each_line_twice(tmp_path):
    first = configure_logging(logging.INFO, tmp_path / "logs", to_stderr=False)
    second = configure_logging(logging.DEBUG, tmp_path / "logs", to_stderr=False)
    try:
        logging.getLogger("station").debug("once")
        for handler in second.handlers:
            handler.flush()
        assert second.path.read_text().count("once") == 1
    finally:
        first.close()
        second.close()


def test_redact_masks_named_secrets_and_exact_values():
    line = f'password=hunter2 pin: 1234 "access_token": "{ACCESS_TOKEN}" shipping=3 {CREDENTIAL}'
    masked = redact(line, (CREDENTIAL,))
    assert "hunter2" not in masked
    assert "1234" not in masked
    assert ACCESS_TOKEN not in masked
    assert CREDENTIAL not in masked
    assert "shipping=3" in masked


def _queue_with_a_parked_change(station) -> None:
    station.auth.sign_in(Credentials("ana", "1111"))
    station.auth.sign_in(Credentials("sam", "2222"))
    outbox = Outbox(station.db)
    first, *_ = outbox.next_batch()
    outbox.settle(
        [DeliveryResult(first.id, Outcome.REJECTED, "unknown_operator", "Operator ana is not known at central.")],
        NOW.isoformat(),
    )


def test_the_bundle_holds_logs_configuration_version_and_queue_but_no_secret(
    tmp_path, station, station_log, memory_keyring
):
    _queue_with_a_parked_change(station)
    memory_keyring.set_password("returns-station", "DOCK-1:credential", CREDENTIAL)
    logging.getLogger("sync").warning("token refused; credential was %s", CREDENTIAL)  # a careless line
    logging.getLogger("sync").info("Authorization: Bearer %s", ACCESS_TOKEN)
    for handler in station_log.handlers:
        handler.flush()
    config_file = tmp_path / "station.toml"
    config_file.write_text(
        f'[station]\nid = "DOCK-1"\ndata_dir = "{station.db.path.parent}"\n'
        f'# enrollment token for IT: {ENROLLMENT_TOKEN}\n[server]\nurl = "https://rms.example.com"\n'
    )
    config = load_config(config_file, user_path=tmp_path / "none.toml")
    assert config is not None

    bundle = build_support_bundle(
        tmp_path / "out" / "support.zip",
        data_dir=config.data_dir,
        config=config,
        now=NOW,
        log_folder=station_log.path.parent,
        secrets=[CREDENTIAL, ACCESS_TOKEN, ENROLLMENT_TOKEN],
        reports={"self-test": "Self-test passed: 0 failed, 0 warnings, 8 passed."},
    )

    assert set(bundle.members) == {
        "README.txt",
        "configuration/1-station.toml",
        "configuration/effective.json",
        "database.txt",
        "logs/station.log",
        "manifest.json",
        "reports/self-test.txt",
        "version.txt",
    }
    with zipfile.ZipFile(bundle.path) as archive:
        contents = {name: archive.read(name).decode() for name in archive.namelist()}
    for name, text in contents.items():
        for secret in (CREDENTIAL, ACCESS_TOKEN, ENROLLMENT_TOKEN):
            assert secret not in text, f"{secret} leaked into {name}"
    assert __version__ in contents["version.txt"]
    assert '"id": "DOCK-1"' in contents["configuration/effective.json"]
    assert 'url = "https://rms.example.com"' in contents["configuration/1-station.toml"]
    assert f"Bearer {MASK}" in contents["logs/station.log"]
    database = contents["database.txt"]
    assert "Integrity check: ok" in database
    assert "Audit trail: intact" in database
    assert "waiting to be sent:   1" in database
    assert "parked:               1 (0 waiting behind them)" in database
    assert "unknown_operator: Operator ana is not known at central." in database
    assert "Self-test passed" in contents["reports/self-test.txt"]


def test_a_bundle_that_would_leak_is_not_written(tmp_path):
    out = tmp_path / "support.zip"
    # The README is the module's own text; a "secret" that occurs in it cannot be masked away.
    with pytest.raises(BundleLeak, match=r"README\.txt"):
        build_support_bundle(out, data_dir=tmp_path, config=None, now=NOW, secrets=["support engineer"])
    assert not out.exists()


def test_the_database_report_without_a_database_or_with_a_broken_one(tmp_path):
    assert database_report(tmp_path / "station.db").startswith("No database at")
    (tmp_path / "station.db").write_bytes(b"not a database at all" * 100)
    report = database_report(tmp_path / "station.db")
    assert "cannot read" in report or "not a database" in report
