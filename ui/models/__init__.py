"""Qt item models: thin adapters over the core's views, each exposing its domain object by `DOMAIN_ROLE`."""

from ui.models.base import DOMAIN_ROLE, Column, RecordTableModel, domain_object

__all__ = ["DOMAIN_ROLE", "Column", "RecordTableModel", "domain_object"]
