"""Static resources shipped with the station: reference data, label templates, translations, icons."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
