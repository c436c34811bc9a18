"""Reference-data feeds: pages after an opaque cursor, updates re-emitted, deletions as tombstones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import CATALOG, Station


def page(station: Station, feed: str, cursor: str | None = None, limit: int | None = None) -> dict[str, Any]:
    params: dict[str, str | int] = {}
    if cursor is not None:
        params["cursor"] = cursor
    if limit is not None:
        params["limit"] = limit
    answer = station.client.get(f"/v1/feeds/{feed}", params=params, headers=station.auth)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def read_all(
    station: Station, feed: str, cursor: str | None = None, limit: int = 2
) -> tuple[list[dict[str, Any]], str]:
    items: list[dict[str, Any]] = []
    while True:
        body = page(station, feed, cursor, limit)
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return items, cursor


def test_a_feed_is_read_page_by_page_in_change_order(station: Station) -> None:
    first = page(station, "catalog", limit=2)

    assert first["feed"] == "catalog"
    assert [item["key"] for item in first["items"]] == [CATALOG[0]["gtin"], CATALOG[1]["gtin"]]
    assert first["has_more"] is True
    rest, _ = read_all(station, "catalog", first["next_cursor"])
    assert [item["key"] for item in first["items"] + rest] == [row["gtin"] for row in CATALOG]
    assert all(item["deleted"] is False and item["data"]["sku"] for item in rest)


def test_a_caught_up_station_gets_an_empty_page_with_the_same_cursor(station: Station) -> None:
    _, cursor = read_all(station, "reason_codes")

    again = page(station, "reason_codes", cursor)

    assert (again["items"], again["next_cursor"], again["has_more"]) == ([], cursor, False)


def test_updates_are_re_emitted_and_unchanged_items_are_not(central: CentralSimulator, station: Station) -> None:
    _, cursor = read_all(station, "catalog")
    renamed = {**CATALOG[1], "description": "renamed"}

    changed = central.seed({"catalog": [CATALOG[0], renamed]})
    items, _ = read_all(station, "catalog", cursor)

    assert changed == {"catalog": 1}
    assert [(item["key"], item["data"]["description"]) for item in items] == [(CATALOG[1]["gtin"], "renamed")]


def test_a_deletion_is_a_tombstone_and_a_new_station_still_sees_it_once(
    central: CentralSimulator, station: Station
) -> None:
    _, cursor = read_all(station, "catalog")

    assert central.delete("catalog", [CATALOG[2]["gtin"], "no-such-key"]) == 1
    items, _ = read_all(station, "catalog", cursor)
    everything, _ = read_all(station, "catalog")

    assert items == [{"key": CATALOG[2]["gtin"], "deleted": True, "data": None}]
    assert [item["key"] for item in everything][-1] == CATALOG[2]["gtin"]
    assert len(everything) == len(CATALOG)


def test_seeding_with_replace_tombstones_what_is_no_longer_listed(http: httpx.Client, station: Station) -> None:
    _, cursor = read_all(station, "reason_codes")

    answer = http.post(
        "/admin/seed", params={"replace": "true"}, json={"reason_codes": [{"code": "OTHER", "label": "Other"}]}
    )
    items, _ = read_all(station, "reason_codes", cursor)

    assert answer.json() == {"changed": {"reason_codes": 1}, "deleted": {"reason_codes": 1}}
    assert [(i["key"], i["deleted"]) for i in items] == [("OTHER", False), ("DEFECTIVE", True)]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"cursor": "bm90IG91cnM"}, 400, "invalid_cursor"),
        ({"cursor": "%%%"}, 400, "invalid_cursor"),
        ({"limit": "0"}, 400, "invalid_request"),
        ({"limit": "5001"}, 400, "invalid_request"),
        ({"limit": "ten"}, 400, "invalid_request"),
    ],
)
def test_bad_cursors_and_limits_are_refused(station: Station, params: dict[str, str], status: int, code: str) -> None:
    answer = station.client.get("/v1/feeds/catalog", params=params, headers=station.auth)

    assert (answer.status_code, answer.json()["code"]) == (status, code)


def test_a_cursor_of_another_feed_is_refused(station: Station) -> None:
    cursor = page(station, "catalog", limit=1)["next_cursor"]

    answer = station.client.get("/v1/feeds/returns", params={"cursor": cursor}, headers=station.auth)

    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_cursor")
    assert "catalog" in answer.json()["detail"]


def test_a_cursor_from_before_a_reset_has_expired(central: CentralSimulator, enroll: Callable[[str], Station]) -> None:
    cursor = page(enroll("DOCK-1"), "catalog", limit=1)["next_cursor"]
    central.reset()  # forgets stations too: read on as a freshly enrolled one
    fresh = enroll("DOCK-2")

    answer = fresh.client.get("/v1/feeds/catalog", params={"cursor": cursor}, headers=fresh.auth)

    assert (answer.status_code, answer.json()["code"]) == (410, "cursor_expired")


def test_an_unknown_feed_is_not_found(station: Station) -> None:
    answer = station.client.get("/v1/feeds/customers", headers=station.auth)

    assert (answer.status_code, answer.json()["code"]) == (404, "not_found")
    assert "catalog" in answer.json()["detail"]


def test_a_large_catalog_is_pulled_in_few_pages(central: CentralSimulator, station: Station) -> None:
    central.bulk(catalog=20_000)

    items, _ = read_all(station, "catalog", limit=5000)

    assert len(items) == 20_000 + len(CATALOG)
    assert len({item["key"] for item in items}) == len(items)
