"""Every error the simulator answers, as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from typing import Any

PROBLEM_TYPE_BASE = "https://rms.example/problems/"


class ProblemCode(enum.Enum):
    INVALID_JSON = ("invalid_json", 400, "The body is not valid JSON")
    INVALID_REQUEST = ("invalid_request", 422, "The request does not fit the contract")
    BAD_PARAMETER = ("invalid_request", 400, "A parameter is missing or wrong")
    INVALID_CURSOR = ("invalid_cursor", 400, "The cursor is not valid")
    INVALID_TOKEN = ("invalid_token", 401, "Not signed in")
    TOKEN_EXPIRED = ("token_expired", 401, "The access token has expired")
    INVALID_CREDENTIALS = ("invalid_credentials", 401, "Unknown station or wrong credential")
    ENROLLMENT_TOKEN_UNKNOWN = ("invalid_token", 401, "Unknown enrollment token")
    TOKEN_USED = ("token_used", 409, "The enrollment token was already used")
    STATION_MISMATCH = ("station_mismatch", 403, "The batch belongs to another station")
    NOT_FOUND = ("not_found", 404, "Not found")
    METHOD_NOT_ALLOWED = ("method_not_allowed", 405, "Method not allowed")
    CURSOR_EXPIRED = ("cursor_expired", 410, "The cursor has expired")
    TOO_LARGE = ("too_large", 413, "The body is too large")
    UNSUPPORTED_MEDIA_TYPE = ("unsupported_media_type", 415, "Unsupported media type")
    HASH_MISMATCH = ("hash_mismatch", 422, "The photo does not match its hash")
    RATE_LIMITED = ("rate_limited", 429, "Too many requests")
    SERVER_ERROR = ("server_error", 500, "The server failed")
    UNAVAILABLE = ("unavailable", 503, "The server is unavailable")
    FORBIDDEN = ("forbidden", 403, "Not allowed from here")

    def __init__(self, code: str, status: int, title: str) -> None:
        self.code = code
        self.status = status
        self.title = title


def problem_body(
    code: ProblemCode,
    detail: str,
    *,
    correlation_id: str,
    status: int | None = None,
    instance: str | None = None,
    errors: Sequence[Mapping[str, str]] | None = None,
) -> bytes:
    data: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code.code,
        "title": code.title,
        "status": status or code.status,
        "detail": detail,
        "code": code.code,
        "correlation_id": correlation_id,
    }
    if instance:
        data["instance"] = instance
    if errors:
        data["errors"] = list(errors)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


class Problem(Exception):
    """Raised by a handler to answer with a problem; the app turns it into the response."""

    def __init__(
        self,
        code: ProblemCode,
        detail: str,
        *,
        headers: Mapping[str, str] | None = None,
        errors: Sequence[Mapping[str, str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.headers = dict(headers or {})
        self.errors = list(errors or [])
