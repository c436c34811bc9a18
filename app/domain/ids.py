"""Identifiers the station makes itself."""

from __future__ import annotations

import secrets

import uuid6

# Licence plates avoid letters that are misread on worn labels (I, O, Q) and keep a fixed length
# so the scanner patterns in devices/ recognise them without asking the store.
_LPN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"


def new_id() -> str:
    """A UUIDv7: time-ordered, so primary-key inserts stay append-only, and globally unique."""
    return str(uuid6.uuid7())


def new_lpn() -> str:
    """A licence plate number for one physical unit, e.g. ``LPN-7K2M9Q4X0A``."""
    body = "".join(secrets.choice(_LPN_ALPHABET) for _ in range(10))
    return f"LPN-{body}"
