"""The deployment commands end to end, through the composition root as the installed program runs them."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.conftest import TOKEN, provision

ROOT = Path(__file__).resolve().parents[2]


class _Commands:
    """`returns-station ARGS...` in-process, the way the installed console script calls it."""

    @staticmethod
    def deployment_command(argv: list[str]) -> int:
        from app.__main__ import main

        return main(argv)


@pytest.fixture(scope="module")
def commands() -> _Commands:
    return _Commands()


@pytest.fixture(autouse=True)
def _station_log_closed() -> Iterator[None]:
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "returns_station", False)]:
        root.removeHandler(handler)
        handler.close()


def test_self_test_of_a_provisioned_station(commands, tmp_path, qapp, capsys):
    config = provision(tmp_path, "")
    assert commands.deployment_command(["--config", str(config.sources[0]), "--self-test"]) == 0
    out = capsys.readouterr().out
    assert "PASS  Provisioning file      station DOCK-1" in out
    assert "PASS  Fonts" in out
    assert out.strip().splitlines()[-1].startswith("Self-test passed")
    assert (tmp_path / "data" / "station.db").exists()


def test_self_test_with_a_bad_file_exits_1_naming_file_and_key(commands, tmp_path, qapp, capsys):
    path = tmp_path / "station.toml"
    path.write_text('[station]\nid = "D1"\n[devices.printer]\nurl = "tcp//x"\n')
    code = commands.deployment_command(["--config", str(path), "--data-dir", str(tmp_path / "d"), "--self-test"])
    assert code == 1
    out = capsys.readouterr().out
    assert f"{path}: devices.printer.url: 'tcp//x' is not a valid URL (expected tcp://host:port)" in out
    assert "Self-test FAILED" in out


def test_enroll_then_support_bundle(commands, tmp_path, central, memory_keyring, capsys):
    config = provision(tmp_path, central.base_url)
    config_file = str(config.sources[0])
    assert commands.deployment_command(["--config", config_file, "enroll", "--token", TOKEN]) == 0
    assert "Station DOCK-1 enrolled" in capsys.readouterr().out
    credential = memory_keyring.items[("returns-station", "DOCK-1:credential")]
    assert commands.deployment_command(["--config", config_file, "enroll", "--token", TOKEN]) == 2
    assert "already used" in capsys.readouterr().err

    out = tmp_path / "support.zip"
    assert commands.deployment_command(["--config", config_file, "support-bundle", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        texts = [bundle.read(name) for name in names]
    assert "reports/self-test.txt" in names
    assert all(credential.encode() not in text for text in texts)


def test_enroll_without_provisioning_says_what_to_do(commands, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RETURNS_STATION_CONFIG", str(tmp_path / "absent.toml"))
    assert commands.deployment_command(["enroll", "--token", TOKEN]) == 2
    assert "no provisioning file" in capsys.readouterr().err
