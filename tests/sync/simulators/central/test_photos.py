"""Photos stored by content hash: a second upload is harmless, a damaged one is refused."""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import Station


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def put(
    station: Station, sha256: str, data: bytes, content_type: str = "image/jpeg", tx: str = "tx-1"
) -> tuple[int, dict[str, object]]:
    headers = {**station.auth, "content-type": content_type, "x-transaction-id": tx}
    answer = station.client.put(f"/v1/photos/{sha256}", content=data, headers=headers)
    return answer.status_code, answer.json()


def test_a_photo_is_stored_once_and_a_second_upload_is_harmless(central: CentralSimulator, station: Station) -> None:
    data = jpeg()
    digest = hashlib.sha256(data).hexdigest()

    first = put(station, digest, data)
    second = put(station, digest, data, tx="tx-2")

    assert first == (201, {"sha256": digest, "size": len(data), "content_type": "image/jpeg", "created": True})
    assert second == (200, {"sha256": digest, "size": len(data), "content_type": "image/jpeg", "created": False})
    assert central.photo(digest) == data
    assert central.stats()["photos"] == 1


def test_a_photo_damaged_on_the_way_is_refused(central: CentralSimulator, station: Station) -> None:
    data = jpeg()

    status, body = put(station, hashlib.sha256(data).hexdigest(), data[:-10])

    assert (status, body["code"]) == (422, "hash_mismatch")
    assert central.stats()["photos"] == 0


def test_only_jpeg_and_png_are_stored(station: Station) -> None:
    data = b"GIF89a..."

    status, body = put(station, hashlib.sha256(data).hexdigest(), data, content_type="image/gif")

    assert (status, body["code"]) == (415, "unsupported_media_type")


def test_the_path_must_be_a_lower_case_sha256_and_the_transaction_named(station: Station) -> None:
    data = jpeg()
    digest = hashlib.sha256(data).hexdigest()

    upper = put(station, digest.upper(), data)
    anonymous = station.client.put(
        f"/v1/photos/{digest}", content=data, headers={**station.auth, "content-type": "image/jpeg"}
    )

    assert (upper[0], upper[1]["code"]) == (400, "invalid_request")
    assert (anonymous.status_code, anonymous.json()["code"]) == (400, "invalid_request")
