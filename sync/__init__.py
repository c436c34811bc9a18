"""Delivery of the outbox to the central RMS or an ERP, and the pull of reference data. No Qt."""
