"""Enrollment token -> station credential -> short-lived access token, and what happens when any of them is wrong."""

from __future__ import annotations

import httpx

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import Station


def enroll(http: httpx.Client, token: str, station_id: str = "DOCK-1") -> httpx.Response:
    return http.post("/v1/enroll", json={"enrollment_token": token, "station_id": station_id, "app_version": "0.1.0"})


def test_a_station_enrolls_once_and_trades_its_credential_for_access_tokens(
    central: CentralSimulator, http: httpx.Client
) -> None:
    enrolled = enroll(http, central.mint_enrollment_token())
    assert enrolled.status_code == 201
    assert enrolled.json()["station_id"] == "DOCK-1"

    issued = http.post(
        "/v1/token", json={"station_id": "DOCK-1", "station_credential": enrolled.json()["station_credential"]}
    )

    assert issued.status_code == 200
    body = issued.json()
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 900)
    feed = http.get("/v1/feeds/reason_codes", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert feed.status_code == 200


def test_an_enrollment_token_works_only_once(central: CentralSimulator, http: httpx.Client) -> None:
    token = central.mint_enrollment_token()
    assert enroll(http, token).status_code == 201

    again = enroll(http, token, "DOCK-2")

    assert again.status_code == 409
    assert again.json()["code"] == "token_used"
    assert "DOCK-1" in again.json()["detail"]


def test_an_unknown_enrollment_token_is_refused(http: httpx.Client) -> None:
    answer = enroll(http, "made-up")

    assert answer.status_code == 401
    assert answer.json()["code"] == "invalid_token"


def test_an_enrollment_request_that_does_not_fit_names_every_wrong_field(http: httpx.Client) -> None:
    answer = http.post("/v1/enroll", json={"enrollment_token": "", "station_id": "bad id!"})

    assert answer.status_code == 422
    assert {e["field"] for e in answer.json()["errors"]} == {"enrollment_token", "station_id", "app_version"}


def test_a_wrong_credential_gets_no_token(station: Station, http: httpx.Client) -> None:
    answer = http.post("/v1/token", json={"station_id": "DOCK-1", "station_credential": "guess"})

    assert answer.status_code == 401
    assert answer.json()["code"] == "invalid_credentials"


def test_enrolling_again_replaces_the_credential_and_ends_its_tokens(
    central: CentralSimulator, station: Station, http: httpx.Client
) -> None:
    old_credential, old_token = station.credential, station.token
    assert enroll(http, central.mint_enrollment_token()).status_code == 201

    refused = http.post("/v1/token", json={"station_id": "DOCK-1", "station_credential": old_credential})
    stale = http.get("/v1/feeds/catalog", headers={"Authorization": f"Bearer {old_token}"})

    assert refused.status_code == 401
    assert (stale.status_code, stale.json()["code"]) == (401, "invalid_token")


def test_station_endpoints_need_a_bearer_token(http: httpx.Client) -> None:
    for answer in (
        http.get("/v1/feeds/catalog"),
        http.get("/v1/feeds/catalog", headers={"Authorization": "Bearer not-a-token"}),
        http.get("/v1/returns:lookup", params={"identifier": "RMA-1"}, headers={"Authorization": "Basic abc"}),
    ):
        assert answer.status_code == 401
        assert answer.json()["code"] == "invalid_token"
        assert answer.headers["www-authenticate"].startswith("Bearer")


def test_an_access_token_past_its_lifetime_is_expired(central: CentralSimulator, station: Station) -> None:
    central.set_faults(token_lifetime_s=0)
    station.refresh_token()

    answer = station.client.get("/v1/feeds/catalog", headers=station.auth)

    assert answer.status_code == 401
    assert answer.json()["code"] == "token_expired"


def test_forcing_all_tokens_expired_mid_drain_needs_only_a_new_token(
    central: CentralSimulator, station: Station
) -> None:
    assert station.push([station.tx("R-1", "return.opened")]).status_code == 200

    central.set_faults(expire_tokens=True)
    expired = station.push([station.tx("R-2", "return.opened")])
    station.refresh_token()
    retried = station.push([station.tx("R-2", "return.opened", prev_seq=None)])

    assert (expired.status_code, expired.json()["code"]) == (401, "token_expired")
    assert retried.status_code == 200
    assert [r["status"] for r in retried.json()["results"]] == ["accepted"]
