"""`enroll(config, token)`: the credential goes to the OS keyring, or IT gets a clear message and keeps the token."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from app.errors import InvalidInput
from sync.credentials import SERVICE, StationCredentials
from sync.enroll import KIOSK_KEYRING_DOC, KeyringMissing, enroll
from sync.failures import EnrollmentRefused
from tests.conftest import MemoryKeyring
from tests.packaging.conftest import TOKEN, provision


def test_enrolling_stores_the_credential_in_the_keyring_and_uses_the_token_up(config, central, memory_keyring):
    done = enroll(config, f"  {TOKEN}\n")
    assert (done.station_id, done.server_url) == ("DOCK-1", central.base_url)
    assert done.server_version
    assert done.keyring_backend == "tests.conftest.MemoryKeyring"
    credential = StationCredentials("DOCK-1").credential()
    assert credential
    assert memory_keyring.items[(SERVICE, "DOCK-1:credential")] == credential
    assert (SERVICE, "DOCK-1:probe") not in memory_keyring.items  # the keyring probe cleans up after itself
    with pytest.raises(EnrollmentRefused, match="already used"):
        enroll(config, TOKEN)


def test_an_unknown_token_is_refused_in_words(config):
    with pytest.raises(EnrollmentRefused, match="does not know this enrollment token"):
        enroll(config, "NOT-A-TOKEN")


@pytest.mark.parametrize(
    ("backend", "words"),
    [
        (keyring.backends.fail.Keyring(), "no OS keyring"),
        (keyring.backends.null.Keyring(), "does not give back what it is given"),
    ],
    ids=["no-backend", "null-backend"],
)
def test_without_a_usable_keyring_it_fails_clearly_and_the_token_stays_unused(config, central, backend, words):
    keyring.set_keyring(backend)  # the suite's fixture restores its own keyring afterwards
    with pytest.raises(KeyringMissing) as caught:
        enroll(config, TOKEN)
    message = caught.value.message
    assert words in message
    assert KIOSK_KEYRING_DOC in message
    assert "dbus-run-session" in message
    assert "still unused" in message
    # The token really is unused: with a keyring, the same token enrols the station.
    keyring.set_keyring(MemoryKeyring())
    assert enroll(config, TOKEN).station_id == "DOCK-1"


def test_a_plain_text_keyring_is_refused(config):
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    PlaintextKeyring.__qualname__ = "PlaintextKeyring"
    keyring.set_keyring(PlaintextKeyring())
    with pytest.raises(KeyringMissing, match="stores secrets as plain text"):
        enroll(config, TOKEN)


def test_enrolling_needs_a_server_and_a_token(tmp_path, config):
    standalone = provision(tmp_path / "standalone", "")
    with pytest.raises(InvalidInput, match=r"station\.toml: server\.url is not set"):
        enroll(standalone, TOKEN)
    with pytest.raises(InvalidInput, match="token is empty"):
        enroll(config, "   ")
