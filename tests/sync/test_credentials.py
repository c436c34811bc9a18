"""The station credential and its access token live in the OS keyring, one entry set per station."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import pytest

from sync.credentials import SERVICE, CredentialStoreUnavailable, StationCredentials
from tests.conftest import MemoryKeyring


def test_each_station_keeps_its_own_entries(memory_keyring: MemoryKeyring) -> None:
    dock1, dock2 = StationCredentials("DOCK-1"), StationCredentials("DOCK-2")
    dock1.store_credential("secret-1")
    dock2.store_credential("secret-2")
    dock1.store_access_token("token-1")
    assert (dock1.credential(), dock2.credential()) == ("secret-1", "secret-2")
    assert (dock1.access_token(), dock2.access_token()) == ("token-1", None)
    assert set(memory_keyring.items) == {
        (SERVICE, "DOCK-1:credential"),
        (SERVICE, "DOCK-2:credential"),
        (SERVICE, "DOCK-1:access-token"),
    }


def test_a_new_credential_drops_the_old_access_token() -> None:
    creds = StationCredentials("DOCK-1")
    creds.store_credential("old")
    creds.store_access_token("bought-with-old")
    creds.store_credential("new")
    assert creds.access_token() is None
    assert StationCredentials("DOCK-1").access_token() is None  # gone from the keyring too, not just memory


def test_the_access_token_survives_a_restart() -> None:
    StationCredentials("DOCK-1").store_access_token("kept")
    assert StationCredentials("DOCK-1").access_token() == "kept"


def test_forget_removes_everything_and_is_harmless_twice() -> None:
    creds = StationCredentials("DOCK-1")
    creds.store_credential("secret")
    creds.store_access_token("token")
    creds.forget()
    creds.forget()
    assert (creds.credential(), creds.access_token()) == (None, None)


def test_no_keyring_is_a_clear_error() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    creds = StationCredentials("DOCK-1")
    with pytest.raises(CredentialStoreUnavailable, match="no secure credential store") as raised:
        creds.store_credential("secret")
    assert "Ask IT" in raised.value.message
    with pytest.raises(CredentialStoreUnavailable):
        creds.credential()
