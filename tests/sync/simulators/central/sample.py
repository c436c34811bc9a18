"""A small known data set and an enrolled-station client for tests against the central RMS simulator."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import httpx
import uuid6

from sync.simulators.central import CentralSimulator

RETURNS: list[dict[str, Any]] = [
    {
        "return_id": "R-1",
        "rma_number": "RMA-1",
        "order_number": "SO-1",
        "tracking_numbers": ["1Z999AA10123456784"],
        "status": "authorized",
        "lines": [
            {
                "line_no": 1,
                "gtin": "00614141010011",
                "sku": "HP-200",
                "quantity_authorized": 1,
                "expected_serials": ["SN-1"],
            },
            {"line_no": 2, "gtin": "00614141010035", "sku": "CH-USB", "quantity_authorized": 2, "expected_serials": []},
        ],
    },
    {
        "return_id": "R-2",
        "rma_number": "RMA-2",
        "order_number": "SO-2",
        "tracking_numbers": [],
        "status": "authorized",
        "lines": [{"line_no": 1, "gtin": "00614142020019", "sku": "JK-M", "quantity_authorized": 1}],
    },
    {
        "return_id": "R-DONE",
        "rma_number": "RMA-DONE",
        "order_number": "SO-DONE",
        "tracking_numbers": [],
        "status": "closed",
        "lines": [{"line_no": 1, "gtin": "00614142020026", "sku": "TS-L", "quantity_authorized": 1}],
    },
]
SALES: list[dict[str, Any]] = [
    {"sale_id": "S-1", "order_number": "SO-2", "gtin": "00614142020019", "serial": "SOLD-77", "lot": None},
]
CATALOG: list[dict[str, Any]] = [
    {"gtin": f"0061414101{n:04d}", "sku": f"SKU-{n}", "category": "electronics", "unit_value": "10.00"}
    for n in range(5)
]
REASON_CODES: list[dict[str, Any]] = [
    {"code": "DEFECTIVE", "label": "Defective", "note_required": False},
    {"code": "OTHER", "label": "Other", "note_required": True},
]
SEED = {"returns": RETURNS, "sales": SALES, "catalog": CATALOG, "reason_codes": REASON_CODES}


_UNSET: Any = object()


@dataclass
class Station:
    """An enrolled station speaking the Station Sync API, with an outbox-like sequence and return chains."""

    client: httpx.Client
    station_id: str
    credential: str
    token: str
    seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    last_of_return: dict[str, int] = field(default_factory=dict)

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def refresh_token(self) -> None:
        answer = self.client.post(
            "/v1/token", json={"station_id": self.station_id, "station_credential": self.credential}
        )
        assert answer.status_code == 200, answer.text
        self.token = answer.json()["access_token"]

    def tx(
        self,
        return_id: str,
        type_: str,
        payload: dict[str, Any] | None = None,
        *,
        seq: int | None = None,
        prev_seq: Any = _UNSET,
    ) -> dict[str, Any]:
        """The next outbox record: its seq follows the last, its prev_seq names the return's last change."""
        number = next(self.seq) if seq is None else seq
        previous = self.last_of_return.get(return_id) if prev_seq is _UNSET else prev_seq
        self.last_of_return[return_id] = number
        return {
            "id": str(uuid6.uuid7()),
            "station_id": self.station_id,
            "seq": number,
            "return_id": return_id,
            "prev_seq": previous,
            "type": type_,
            "schema_version": 1,
            "created_at": "2026-11-23T09:00:00Z",
            "app_version": "0.1.0",
            "correlation_id": f"corr-{self.station_id}-{number}",
            "operator": "ana",
            "payload": payload if payload is not None else {"return_id": return_id},
        }

    def push(self, transactions: list[dict[str, Any]], **kwargs: Any) -> httpx.Response:
        body = {"station_id": self.station_id, "transactions": transactions}
        return self.client.post("/v1/transactions:batch", json=body, headers=self.auth, **kwargs)

    def results(self, transactions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        answer = self.push(transactions)
        assert answer.status_code == 200, answer.text
        results: list[dict[str, Any]] = answer.json()["results"]
        assert [r["id"] for r in results] == [t["id"] for t in transactions]
        return results


def enroll_station(client: httpx.Client, central: CentralSimulator, station_id: str) -> Station:
    token = central.mint_enrollment_token()
    enrolled = client.post(
        "/v1/enroll", json={"enrollment_token": token, "station_id": station_id, "app_version": "0.1.0"}
    )
    assert enrolled.status_code == 201, enrolled.text
    credential = enrolled.json()["station_credential"]
    station = Station(client, station_id, credential, "")
    station.refresh_token()
    return station


def unit(return_id: str, line_no: int | None, *, lpn: str = "LPN-A", over_receipt: bool = False) -> dict[str, Any]:
    return {
        "unit_id": f"U-{lpn}",
        "return_id": return_id,
        "lpn": lpn,
        "line_no": line_no,
        "gtin": "00614141010011",
        "serial": None,
        "lot": None,
        "epc": None,
        "over_receipt": over_receipt,
        "exception": "over_receipt" if over_receipt else None,
    }
