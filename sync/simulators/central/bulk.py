"""Made-up reference data in bulk, for benchmarks: N catalog rows and N returns in the sample files' shapes."""

from __future__ import annotations

from typing import Any

from biip.checksums import gs1_standard_check_digit

_CATEGORIES = ("electronics", "apparel", "home", "toys")
_GTIN_PREFIX = "0099"  # a company prefix no sample file uses, so bulk rows never collide with the demo set


def bulk_gtin(index: int) -> str:
    body = f"{_GTIN_PREFIX}{index:09d}"
    return body + str(gs1_standard_check_digit(body))


def catalog_rows(count: int, start: int = 0) -> list[dict[str, Any]]:
    rows = []
    for index in range(start, start + count):
        rows.append(
            {
                "gtin": bulk_gtin(index),
                "sku": f"SKU-B{index:07d}",
                "description": f"Bulk article {index}",
                "category": _CATEGORIES[index % len(_CATEGORIES)],
                "unit_value": f"{5 + index % 500}.00",
                "currency": "EUR",
                "vendor_id": f"V-B{index % 50:03d}",
                "rtv_eligible": index % 3 == 0,
                "serialized": False,
            }
        )
    return rows


def return_rows(count: int, start: int = 0, *, quantity: int = 10) -> list[dict[str, Any]]:
    """Returns `RB-0000000`... with one line each of `quantity` units of a bulk article."""
    rows = []
    for index in range(start, start + count):
        rows.append(
            {
                "return_id": f"RB-{index:07d}",
                "rma_number": f"RMA-B{index:07d}",
                "order_number": f"SO-B{index:07d}",
                "tracking_numbers": [],
                "customer_ref": f"C-B{index:07d}",
                "customer_tier": "standard",
                "status": "authorized",
                "created_at": "2026-11-20T10:00:00Z",
                "lines": [
                    {
                        "line_no": 1,
                        "gtin": bulk_gtin(index),
                        "sku": f"SKU-B{index:07d}",
                        "description": f"Bulk article {index}",
                        "quantity_authorized": quantity,
                        "expected_serials": [],
                        "expected_lots": [],
                        "reason_code": "UNWANTED",
                        "refund_method": "original_payment",
                    }
                ],
            }
        )
    return rows
