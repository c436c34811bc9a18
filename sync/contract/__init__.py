"""The Station Sync API v1 contract: where the OpenAPI document lives, and a loader for it.

The YAML file next to this module is the source of truth that both the station's sync client and the
central RMS simulator are held to (the simulator is checked against it with schemathesis).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # no stubs in the venv; one safe_load call

CONTRACT_PATH = Path(__file__).with_name("station-sync-v1.openapi.yaml")
API_VERSION = "1.0.0"


@cache
def _contract_text() -> str:
    return CONTRACT_PATH.read_text(encoding="utf-8")


def load_contract() -> dict[str, Any]:
    """The OpenAPI document as a fresh dict (callers may change their copy)."""
    document = yaml.safe_load(_contract_text())
    if not isinstance(document, dict):
        raise ValueError(f"{CONTRACT_PATH} is not an OpenAPI document")
    return document
