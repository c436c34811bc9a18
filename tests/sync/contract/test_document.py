"""The Station Sync API v1 document: a valid OpenAPI 3.1 file that says what the contract's fixed points say."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate

from sync.contract import API_VERSION, CONTRACT_PATH, load_contract
from sync.simulators.central.bodies import MAX_BATCH, TransactionType
from sync.simulators.central.ledger import ResultCode, ResultStatus
from sync.simulators.central.store import Feed

OPERATIONS = {
    ("get", "/v1/health"),
    ("post", "/v1/enroll"),
    ("post", "/v1/token"),
    ("post", "/v1/transactions:batch"),
    ("get", "/v1/feeds/{feed}"),
    ("get", "/v1/returns:lookup"),
    ("put", "/v1/photos/{sha256}"),
}


@pytest.fixture(scope="module")
def contract() -> dict[str, Any]:
    return load_contract()


def resolve(contract: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        *_, section, name = node["$ref"].split("/")
        node = contract["components"][section][name]
    return node


def operations(contract: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, item in contract["paths"].items() for method, op in item.items()]


def test_the_document_is_valid_openapi_3_1(contract: dict[str, Any]) -> None:
    validate(contract)

    assert contract["openapi"].startswith("3.1")
    assert contract["info"]["version"] == API_VERSION
    assert CONTRACT_PATH.suffix == ".yaml"


def test_every_operation_of_the_contract_is_there_and_nothing_else(contract: dict[str, Any]) -> None:
    assert {(method, path) for method, path, _ in operations(contract)} == OPERATIONS


def test_every_error_is_problem_json_and_every_answer_echoes_the_correlation_id(contract: dict[str, Any]) -> None:
    for method, path, operation in operations(contract):
        for status, declared in operation["responses"].items():
            response = resolve(contract, declared)
            where = f"{method.upper()} {path} {status}"
            assert "X-Correlation-Id" in response["headers"], where
            media = set(response["content"])
            if int(status) >= 400:
                assert media == {"application/problem+json"}, where
                assert response["content"]["application/problem+json"]["schema"]["$ref"].endswith("/Problem"), where
            else:
                assert media == {"application/json"}, where


def test_only_health_enrollment_and_token_go_without_a_bearer_token(contract: dict[str, Any]) -> None:
    open_operations = {path for _, path, op in operations(contract) if op.get("security") == []}

    assert open_operations == {"/v1/health", "/v1/enroll", "/v1/token"}
    assert contract["security"] == [{"bearer": []}]
    for _, path, operation in operations(contract):
        if path not in open_operations:
            assert "401" in operation["responses"], path


def test_retryable_answers_are_documented_on_every_station_endpoint(contract: dict[str, Any]) -> None:
    for _, path, operation in operations(contract):
        if path != "/v1/health":
            assert {"429", "500", "503"} <= set(operation["responses"]), path
    too_many = contract["components"]["responses"]["TooManyRequests"]
    assert "Retry-After" in too_many["headers"]


def test_the_documented_enumerations_match_what_the_simulator_knows(contract: dict[str, Any]) -> None:
    schemas = contract["components"]["schemas"]

    assert schemas["FeedName"]["enum"] == [feed.value for feed in Feed]
    assert schemas["TransactionType"]["enum"] == [kind.value for kind in TransactionType]
    assert schemas["TransactionStatus"]["enum"] == [status.value for status in ResultStatus]
    assert schemas["BatchRequest"]["properties"]["transactions"]["maxItems"] == MAX_BATCH
    documented = schemas["TransactionResult"]["properties"]["code"]["description"]
    assert all(code.value in documented for code in ResultCode)


def test_the_transaction_envelope_carries_every_field_of_the_outbox_record(contract: dict[str, Any]) -> None:
    transaction = contract["components"]["schemas"]["Transaction"]

    assert transaction["required"] == [
        "id",
        "station_id",
        "seq",
        "return_id",
        "prev_seq",
        "type",
        "schema_version",
        "created_at",
        "app_version",
        "correlation_id",
        "operator",
        "payload",
    ]
    assert transaction["properties"]["prev_seq"]["type"] == ["integer", "null"]
