"""Entities, value objects and the unit state machine. Plain Python: no Qt, no SQL, no I/O."""
