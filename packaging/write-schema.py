"""Write packaging/station.schema.json from app.config.SETTINGS (the loader's own description).

    .venv/bin/python packaging/write-schema.py

tests/app/test_config.py fails when the committed schema and the loader disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.config import json_schema  # noqa: E402 - after the path is set

target = ROOT / "packaging" / "station.schema.json"
target.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {target}")
