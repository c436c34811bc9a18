"""The provisioning file: typed loading, every problem named with its file and key, per-user overrides."""

from __future__ import annotations

import json
import shutil
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import (
    ENV_CONFIG,
    SETTINGS,
    ConfigError,
    DevicePorts,
    Language,
    LogLevel,
    Profile,
    StationConfig,
    default_data_dir,
    json_schema,
    load_config,
    system_config_path,
    user_config_path,
)

ROOT = Path(__file__).resolve().parents[2]
PROVISIONING = ROOT / "packaging" / "provisioning"
SCHEMA_FILE = ROOT / "packaging" / "station.schema.json"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path, **kwargs) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path, **kwargs)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def no_user_file(tmp_path: Path) -> Path:
    return tmp_path / "nobody" / "station.toml"


def test_a_complete_file_loads_into_typed_settings(tmp_path, no_user_file):
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "company-ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    path = write(
        tmp_path / "etc" / "station.toml",
        """
        [station]
        id = "DOCK-1"
        profile = "handheld"
        language = "DE"
        data_dir = "data"
        allow_user_override = true
        [server]
        url = "https://rms.example.com:8443/"
        ca_bundle = "company-ca.pem"
        [devices.scanner]
        url = "/dev/ttyACM0"
        [devices.rfid]
        url = "llrp://10.20.0.41"
        [devices.printer]
        url = "tcp://zebra-dock1.example.com:9100"
        [devices.camera]
        url = "http://10.20.0.42/axis-cgi/jpg/image.cgi?resolution=1280x720"
        [logging]
        level = "debug"
        """,
    )
    config = load_config(path, user_path=no_user_file)
    assert config == StationConfig(
        station_id="DOCK-1",
        server_url="https://rms.example.com:8443",
        ca_bundle=tmp_path / "etc" / "company-ca.pem",
        devices=DevicePorts(
            "/dev/ttyACM0",
            "llrp://10.20.0.41",
            "tcp://zebra-dock1.example.com:9100",
            "http://10.20.0.42/axis-cgi/jpg/image.cgi?resolution=1280x720",
        ),
        profile=Profile.HANDHELD,
        language=Language.GERMAN,
        log_level=LogLevel.DEBUG,
        data_dir=tmp_path / "etc" / "data",
        allow_user_override=True,
        sources=(path,),
    )
    assert config.log_level.number == 10


def test_only_the_station_id_is_required_and_the_rest_has_defaults(tmp_path, no_user_file):
    path = write(tmp_path / "station.toml", '[station]\nid = "BENCH-1"\n')
    config = load_config(path, user_path=no_user_file)
    assert config is not None
    assert (config.station_id, config.server_url, config.devices, config.profile) == (
        "BENCH-1",
        "",
        DevicePorts(),
        Profile.AUTO,
    )
    assert (config.language, config.log_level, config.data_dir) == (Language.ENGLISH, LogLevel.INFO, default_data_dir())


def test_a_bad_printer_url_names_the_file_the_key_and_the_expected_form(tmp_path, no_user_file):
    path = write(tmp_path / "station.toml", '[station]\nid = "D1"\n[devices.printer]\nurl = "tcp//x"\n')
    assert problems_of(path, user_path=no_user_file) == [
        f"{path}: devices.printer.url: 'tcp//x' is not a valid URL (expected tcp://host:port)"
    ]


@pytest.mark.parametrize(
    ("line", "key", "words"),
    [
        ('[station]\nid = "DOCK 1"', "station.id", "'DOCK 1' is not a valid station id"),
        ('[station]\nid = "D1"\nprofile = "tablet"', "station.profile", "'tablet' is not one of 'desktop'"),
        ('[station]\nid = "D1"\nlanguage = "fr"', "station.language", "'fr' is not one of 'en', 'es', 'de'"),
        ('[station]\nid = "D1"\nallow_user_override = "yes"', "station.allow_user_override", "expected true or false"),
        ("[station]\nid = 7", "station.id", "expected text in quotes, got 7"),
        ('[station]\nid = "D1"\n[server]\nurl = "rms.example.com"', "server.url", "expected https://host"),
        ('[station]\nid = "D1"\n[server]\nurl = "ftp://rms"', "server.url", "is not a valid URL"),
        ('[station]\nid = "D1"\n[server]\nurl = "https://rms:99999"', "server.url", "has an invalid port"),
        ('[station]\nid = "D1"\n[server]\nca_bundle = "missing.pem"', "server.ca_bundle", "does not exist"),
        ('[station]\nid = "D1"\n[devices.printer]\nurl = "tcp://printer"', "", ""),  # port 9100 by default
        ('[station]\nid = "D1"\n[devices.rfid]\nurl = "tcp://reader"', "devices.rfid.url", "tcp://host:port"),
        ('[station]\nid = "D1"\n[devices.rfid]\nurl = "llrp:/reader"', "devices.rfid.url", "llrp://host:port"),
        # What a hand-edited settings file once crashed the station with: the loader refuses them.
        ('[station]\nid = "D1"\n[devices.printer]\nurl = "tcp://h:abc"', "devices.printer.url", "invalid port"),
        ('[station]\nid = "D1"\n[devices.rfid]\nurl = "llrp://h:x"', "devices.rfid.url", "invalid port"),
        ('[station]\nid = "D1"\n[devices.scanner]\nurl = "ttyACM0"', "devices.scanner.url", "/dev/ttyACM0, COM3"),
        ('[station]\nid = "D1"\n[devices.scanner]\nurl = "socket://:7"', "devices.scanner.url", "socket://host:port"),
        ('[station]\nid = "D1"\n[devices.scanner]\nurl = "usb://x"', "devices.scanner.url", "not a valid URL"),
        ('[station]\nid = "D1"\n[devices]\nscaner = "/dev/ttyS0"', "devices.scaner", "did you mean devices.scanner?"),
        ('[station]\nid = "D1"\n[devices.camera]\nurl = "https://cam.example.com:8443/snap.jpg"', "", ""),
        ('[station]\nid = "D1"\n[devices.camera]\nurl = "rtsp://cam/stream1"', "devices.camera.url", "http://host"),
        ('[station]\nid = "D1"\n[devices.camera]\nurl = "10.0.0.40/snap.jpg"', "devices.camera.url", "not a valid"),
        ('[station]\nid = "D1"\n[devices.camera]\nurl = "http://cam:99999/x"', "devices.camera.url", "invalid port"),
        ('[station]\nid = "D1"\n[devices.camera]\nurl = "http://cam/a.jpg#top"', "devices.camera.url", "no '#'"),
        ('[station]\nid = "D1"\ndevices = "/dev/ttyS0"', "station.devices", "unknown setting"),
        ('devices = "x"\n[station]\nid = "D1"', "devices", "expected a [devices] section"),
        ('[station]\nid = "D1"\n[logging]\nlevel = "verbose"', "logging.level", "'verbose' is not one of 'debug'"),
        ("[station]", "station.id", "is required"),
    ],
)
def test_each_bad_setting_is_named_with_its_file_and_key(tmp_path, no_user_file, line, key, words):
    path = write(tmp_path / "station.toml", line + "\n")
    if not key:
        assert load_config(path, user_path=no_user_file) is not None
        return
    problems = problems_of(path, user_path=no_user_file)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: {key}: ")
    assert words in problems[0]


def test_every_problem_in_the_file_is_reported_at_once(tmp_path, no_user_file):
    path = write(
        tmp_path / "station.toml",
        """
        [station]
        profile = "tablet"
        [devices.printer]
        url = "tcp//x"
        [logging]
        level = 3
        """,
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path, user_path=no_user_file)
    keys = [problem.key for problem in caught.value.problems]
    assert sorted(keys) == ["devices.printer.url", "logging.level", "station.id", "station.profile"]
    assert caught.value.message.count(str(path)) == 4  # one line per problem, each naming the file


def test_a_camera_password_never_shows_in_a_problem_or_the_effective_settings(tmp_path, no_user_file):
    bad = write(tmp_path / "bad.toml", '[station]\nid = "D1"\n[devices.camera]\nurl = "ftp://cam:s3cret@cam/x"\n')
    (problem,) = problems_of(bad, user_path=no_user_file)
    assert "s3cret" not in problem
    assert "'ftp://cam:***@cam/x' is not a valid URL" in problem
    good = write(tmp_path / "good.toml", '[station]\nid = "D1"\n[devices.camera]\nurl = "http://cam:s3cret@cam/x"\n')
    config = load_config(good, user_path=no_user_file)
    assert config is not None
    assert config.devices.camera == "http://cam:s3cret@cam/x"  # the station needs it to log in
    assert config.as_document()["devices"]["camera"] == {"url": "http://cam:***@cam/x"}


def test_a_file_that_is_not_toml_is_named_with_the_line(tmp_path, no_user_file):
    path = write(tmp_path / "station.toml", '[station]\nid = "D1\n')
    (problem,) = problems_of(path, user_path=no_user_file)
    assert problem.startswith(f"{path}: not a valid TOML file:")
    assert "line 2" in problem


def test_without_a_machine_wide_file_the_machine_is_unprovisioned(tmp_path, no_user_file, monkeypatch):
    monkeypatch.setenv(ENV_CONFIG, str(tmp_path / "absent.toml"))
    assert load_config(user_path=no_user_file) is None
    # ... but a file named on the command line must exist.
    assert problems_of(tmp_path / "given.toml", user_path=no_user_file) == [
        f"{tmp_path / 'given.toml'}: the file does not exist"
    ]


def test_the_environment_names_the_machine_wide_file(tmp_path, monkeypatch, no_user_file):
    path = write(tmp_path / "elsewhere.toml", '[station]\nid = "ENV-1"\n')
    monkeypatch.setenv(ENV_CONFIG, str(path))
    assert system_config_path() == path
    config = load_config(user_path=no_user_file)
    assert config is not None
    assert config.station_id == "ENV-1"


def test_the_platform_folders(monkeypatch):
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    assert system_config_path() == Path("/etc/returns-station/station.toml")
    # The suite's HOME and XDG folders point into tmp_path (tests/conftest.py).
    assert user_config_path().parts[-2:] == ("returns-station", "station.toml")
    assert "pytest" in str(user_config_path()) or "tmp" in str(user_config_path())


def test_a_user_file_overrides_only_where_the_machine_allows_it(tmp_path):
    user = write(tmp_path / "home" / "station.toml", '[station]\nlanguage = "de"\n[logging]\nlevel = "debug"\n')
    allowed = write(tmp_path / "allowed.toml", '[station]\nid = "D1"\nallow_user_override = true\nlanguage = "es"\n')
    config = load_config(allowed, user_path=user)
    assert config is not None
    assert (config.language, config.log_level, config.sources) == (Language.GERMAN, LogLevel.DEBUG, (allowed, user))

    locked = write(tmp_path / "locked.toml", '[station]\nid = "D1"\nlanguage = "es"\n')
    config = load_config(locked, user_path=user)
    assert config is not None
    assert (config.language, config.sources) == (Language.SPANISH, (locked,))
    assert config.notes == (f"{user} is ignored: {locked} does not set station.allow_user_override = true",)


def test_a_bad_user_setting_names_the_user_file(tmp_path):
    allowed = write(tmp_path / "allowed.toml", '[station]\nid = "D1"\nallow_user_override = true\n')
    user = write(
        tmp_path / "home" / "station.toml",
        '[station]\nallow_user_override = false\n[devices.printer]\nurl = "tcp//x"\n',
    )
    assert problems_of(allowed, user_path=user) == [
        f"{user}: station.allow_user_override: may only be set in the machine-wide file",
        f"{user}: devices.printer.url: 'tcp//x' is not a valid URL (expected tcp://host:port)",
    ]


def test_the_committed_schema_is_the_one_the_loader_describes():
    assert json.loads(SCHEMA_FILE.read_text()) == json_schema(), (
        "packaging/station.schema.json is stale: regenerate it with packaging/write-schema.py"
    )
    jsonschema.Draft202012Validator.check_schema(json_schema())
    documented = {setting.key for setting in SETTINGS}
    assert {"station.id", "server.url", "server.ca_bundle", "devices.printer.url", "logging.level"} <= documented


@pytest.mark.parametrize("example", sorted(PROVISIONING.glob("*.toml")), ids=lambda p: p.name)
def test_every_shipped_example_loads_and_fits_the_schema(tmp_path, example, no_user_file):
    copy = tmp_path / example.name
    shutil.copy(example, copy)
    (tmp_path / "company-ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    document = tomllib.loads(copy.read_text())
    if example.name.startswith("user-"):
        base = write(tmp_path / "base.toml", '[station]\nid = "D1"\nallow_user_override = true\n')
        config = load_config(base, user_path=copy)
    else:
        jsonschema.validate(document, json_schema())
        config = load_config(copy, user_path=no_user_file)
    assert config is not None


@pytest.mark.parametrize(
    "document",
    [
        {"station": {"id": "DOCK 1"}},
        {"station": {"id": "D1", "profile": "tablet"}},
        {"station": {"id": "D1", "allow_user_override": "yes"}},
        {"station": {"id": "D1"}, "server": {"url": "ftp://x"}},
        {"station": {"id": "D1"}, "devices": {"scaner": {"url": "/dev/ttyS0"}}},
        {"station": {"id": "D1"}, "devices": {"camera": {"url": "rtsp://cam/stream1"}}},
        {"station": {"id": "D1"}, "logging": {"level": "verbose"}},
        {"station": {}},
        {},
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(tmp_path, document, no_user_file):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json_schema())
    path = write(tmp_path / "station.toml", tomli_w.dumps(document))
    with pytest.raises(ConfigError):
        load_config(path, user_path=no_user_file)


_values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["tcp://h:1", "llrp://h", "/dev/ttyS0", "COM3", "https://x", "http://u:p@c/s", "auto", "de", "debug"]
    ),
    st.booleans(),
    st.integers(-5, 70000),
    st.floats(allow_nan=False, allow_infinity=False),
)
_keys = st.sampled_from([setting.key for setting in SETTINGS] + ["station.extra", "devices.scanner.baud"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(_keys, _values, max_size=8))
def test_any_file_either_loads_or_raises_a_config_error(tmp_path, values):
    document: dict[str, Any] = {}
    for key, value in values.items():
        node = document
        *sections, name = key.split(".")
        for section in sections:
            node = node.setdefault(section, {})
        node[name] = value
    path = tmp_path / "fuzz.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    problems: tuple[object, ...] = ()
    config = None
    try:
        config = load_config(path, user_path=tmp_path / "none.toml")
    except ConfigError as error:
        problems = error.problems
    if problems:
        assert all(str(path) in str(problem) for problem in problems)
    else:
        assert config is not None
        assert config.station_id == values["station.id"].strip()
