"""Reference data pulled from the simulator: page by page with the cursor, resumable, incremental."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.services.station import load_rules, open_database
from app.store.reference import FEEDS, cursor
from app.store.schema import CatalogRow, FeedCursor, OperatorRow, ReferenceDoc, ReturnRow
from sync.client import CentralClient, FeedPage
from sync.failures import ServerFailure
from sync.feeds import FeedPuller
from sync.simulators.central import CentralSimulator
from tests.sync.workload import SAMPLE


class Fresh:
    """A station database that has never pulled anything (a Station needs rules, so only the file)."""

    def __init__(self, path: Path) -> None:
        self.db = open_database(path)


@pytest.fixture
def empty_station(tmp_path: Path) -> Iterator[Fresh]:
    fresh = Fresh(tmp_path / "station.db")
    yield fresh
    fresh.db.dispose()


class CountingSource:
    """The real client, remembering which cursor each request asked from and how many items came back."""

    def __init__(self, client: CentralClient) -> None:
        self.client = client
        self.requests: list[tuple[str, str | None, int]] = []

    def feed_page(self, feed: str, cursor: str | None, limit: int = 1000) -> FeedPage:
        page = self.client.feed_page(feed, cursor, limit)
        self.requests.append((feed, cursor, len(page.items)))
        return page


def count(station: Fresh, table: type) -> int:
    with station.db.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def sample(feed: str) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads((SAMPLE / f"{feed}.json").read_text(encoding="utf-8"))
    return data


def test_a_first_pull_brings_every_feed_page_by_page(client: CentralClient, empty_station: Fresh) -> None:
    source = CountingSource(client)
    report = FeedPuller(empty_station.db, source, page_size=2).pull_all()
    assert count(empty_station, ReturnRow) == len(sample("returns"))
    assert count(empty_station, CatalogRow) == len(sample("catalog"))
    assert count(empty_station, OperatorRow) == len(sample("operators"))
    assert load_rules(empty_station.db).checklist_for("electronics").items  # rule documents usable
    assert report.items["returns"] == 6
    assert report.pages >= 3 * len(FEEDS) // 2
    with empty_station.db.read() as session:
        assert all(cursor(session, feed) for feed in FEEDS)


def test_a_station_offline_for_a_week_gets_only_what_changed(
    simulator: CentralSimulator, client: CentralClient, empty_station: Fresh
) -> None:
    FeedPuller(empty_station.db, client).pull_all()
    with empty_station.db.read() as session:
        stored = {feed: cursor(session, feed) for feed in FEEDS}
    # A week of changes at central: a price update, a new return, a cancelled return.
    item = dict(sample("catalog")[0])
    item["unit_value"] = "1.00"
    simulator.seed({"catalog": [item]})
    simulator.bulk(returns=3, start=900)
    simulator.delete("returns", ["R-100006"])

    source = CountingSource(client)
    report = FeedPuller(empty_station.db, source).pull_all()
    assert {feed: c for feed, c, _ in source.requests} == stored, "each feed resumed from its stored cursor"
    assert report.items["catalog"] == 1
    assert report.items["returns"] == 4
    assert sum(report.items.values()) == 5
    with empty_station.db.read() as session:
        assert session.get(CatalogRow, item["gtin"]).unit_value == "1.00"  # type: ignore[union-attr]
        assert session.get(ReturnRow, "R-100006") is None
    assert count(empty_station, ReturnRow) == 6 - 1 + 3


def test_each_pull_moves_the_last_pulled_time_even_when_nothing_changed(
    client: CentralClient, empty_station: Fresh
) -> None:
    today = [datetime(2026, 11, 23, 9, tzinfo=UTC)]
    puller = FeedPuller(empty_station.db, client, now=lambda: today[0])
    puller.pull_all()
    with empty_station.db.read() as session:
        assert session.scalar(select(func.max(FeedCursor.updated_at))) == "2026-11-23T09:00:00.000+00:00"
    today[0] += timedelta(days=1)
    report = puller.pull_all()
    assert sum(report.items.values()) == 0
    with empty_station.db.read() as session:
        assert session.scalar(select(func.min(FeedCursor.updated_at))) == "2026-11-24T09:00:00.000+00:00"


def test_a_pull_cut_off_mid_feed_keeps_whole_pages_and_resumes(
    simulator: CentralSimulator, client: CentralClient, empty_station: Fresh
) -> None:
    simulator.bulk(catalog=50)

    class FailsAfterTwoPages(CountingSource):
        def feed_page(self, feed: str, cursor: str | None, limit: int = 1000) -> FeedPage:
            if len(self.requests) == 2:
                simulator.set_faults(script=["error"], endpoints=["feeds"])  # the next real request gets a 503
            return super().feed_page(feed, cursor, limit)

    cut = FailsAfterTwoPages(client)
    with pytest.raises(ServerFailure):
        FeedPuller(empty_station.db, cut, feeds=["catalog"], page_size=10).pull("catalog")
    whole_pages = count(empty_station, CatalogRow)
    assert whole_pages == 20

    resumed = CountingSource(client)
    FeedPuller(empty_station.db, resumed, feeds=["catalog"], page_size=10).pull("catalog")
    assert resumed.requests[0][1] is not None, "resumed from the stored cursor, not from the start"
    assert sum(n for _, _, n in resumed.requests) == len(sample("catalog")) + 50 - 20
    assert count(empty_station, CatalogRow) == len(sample("catalog")) + 50


def test_a_cursor_from_before_a_server_reset_starts_the_feed_again(
    simulator: CentralSimulator, client: CentralClient, empty_station: Fresh
) -> None:
    FeedPuller(empty_station.db, client, feeds=["returns"]).pull_all()
    simulator.reset(reseed=True)
    client.enroll(simulator.mint_enrollment_token())  # the reset forgot the station too
    report = FeedPuller(empty_station.db, client, feeds=["returns"]).pull_all()
    assert report.items["returns"] == 6
    assert count(empty_station, ReturnRow) == 6


def test_rules_are_reloaded_only_when_a_rule_feed_changed(
    simulator: CentralSimulator, client: CentralClient, empty_station: Fresh
) -> None:
    reloads: list[str] = []
    puller = FeedPuller(empty_station.db, client, on_rules_changed=lambda: reloads.append("reload"))
    puller.pull_all()
    assert reloads == ["reload"]
    item = dict(sample("catalog")[0])
    item["description"] = "renamed"
    simulator.seed({"catalog": [item]})
    puller.pull_all()
    assert reloads == ["reload"], "a catalog change does not reload the rules"
    rule = dict(sample("disposition_rules")[0])
    rule["priority"] = 999
    simulator.seed({"disposition_rules": [rule]})
    puller.pull_all()
    assert reloads == ["reload", "reload"]
    with empty_station.db.read() as session:
        doc = session.get(ReferenceDoc, ("disposition_rules", rule["rule_id"]))
        assert doc is not None
        assert json.loads(doc.data)["priority"] == 999


def test_rules_changed_before_a_later_feed_failed_are_still_reloaded(
    simulator: CentralSimulator, client: CentralClient, empty_station: Fresh
) -> None:
    reloads: list[str] = []
    FeedPuller(empty_station.db, client).pull_all()
    rule = dict(sample("disposition_rules")[0])
    rule["priority"] = 998
    simulator.seed({"disposition_rules": [rule]})

    class CatalogFails(CountingSource):
        def feed_page(self, feed: str, cursor: str | None, limit: int = 1000) -> FeedPage:
            if feed == "catalog":
                simulator.set_faults(script=["error"], endpoints=["feeds"])
            return super().feed_page(feed, cursor, limit)

    puller = FeedPuller(empty_station.db, CatalogFails(client), on_rules_changed=lambda: reloads.append("reload"))
    with pytest.raises(ServerFailure):
        puller.pull_all()
    assert reloads == ["reload"]
