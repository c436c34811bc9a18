"""Statements of the write path: typed Core, compiled once, run on the sqlite3 connection itself.

Every state change runs half a dozen statements besides its commit. SQLAlchemy spends about 25 µs
on each execution of even a cached Core statement (cache key, parameters, result object) and the ORM
several times that; sqlite3 runs the same SQL in about 5 µs, while the commit's fsync takes a few
hundred. So the services and the journal write their statements as Core against the models (a
renamed column fails when the module loads, not in production) and this module compiles each one
once, on first use, then hands the SQL text and a tuple of parameters straight to sqlite3, whose own
cache keeps the prepared statement.

SQLAlchemy's type conversions still apply: a statement keeps the bind and result processors of its
columns, so a boolean is stored as 0/1 and read back as `bool`, exactly as through the ORM. What the
fast path cannot run (expanding ``IN`` lists, parameters rendered after compilation) is refused when
the statement is compiled.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVarTuple, cast

from sqlalchemy import Column, Delete, Insert, Select, Table, Update, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql.compiler import SQLCompiler

from app.store.schema import Base

Ts = TypeVarTuple("Ts")
Processor = Callable[[Any], Any]
Statement = Select[*tuple[Any, ...]] | Insert | Update | Delete

# The statements use nothing that depends on the SQLite version the engine detects when it first
# connects, so the stock pysqlite dialect compiles them exactly as the engine's would.
_DIALECT = sqlite.dialect()


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # the parameter of each placeholder, in order
    fixed: Mapping[str, Any]  # values written in the statement itself (``status = 'open'``, ``LIMIT 1``)
    binds: tuple[Processor | None, ...] | None  # per placeholder; None when no parameter needs one
    results: tuple[Processor | None, ...] | None  # per result column; None when no column needs one

    def arguments(self, params: Mapping[str, Any]) -> tuple[Any, ...]:
        try:
            values = tuple(self.fixed[name] if name in self.fixed else params[name] for name in self.names)
        except KeyError as exc:
            raise TypeError(f"parameter {exc.args[0]!r} is missing for: {self.sql}") from None
        if self.binds is None:
            return values
        return tuple(value if p is None else p(value) for p, value in zip(self.binds, values, strict=True))

    def row(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        if self.results is None:
            return row
        return tuple(value if p is None else p(value) for p, value in zip(self.results, row, strict=True))


def _only_needed(processors: list[Processor | None]) -> tuple[Processor | None, ...] | None:
    return tuple(processors) if any(p is not None for p in processors) else None


def _compile(statement: Statement) -> _Compiled:
    compiled = statement.compile(dialect=_DIALECT)
    assert isinstance(compiled, SQLCompiler)
    if compiled.literal_execute_params or compiled.post_compile_params:
        # An expanding IN list, or a parameter rendered as a literal: its SQL changes per execution.
        raise TypeError(f"a prepared statement cannot render parameters at execution: {compiled.string}")
    names = tuple(compiled.positiontup or ())
    binds = [compiled.binds[name] for name in names]
    given = compiled.params
    fixed = {name: given[name] for name, bind in zip(names, binds, strict=True) if not bind.required}
    results: list[Processor | None] = []
    if isinstance(statement, Select):
        results = [c.type.dialect_impl(_DIALECT).result_processor(_DIALECT, None) for c in statement.selected_columns]
    return _Compiled(
        sql=compiled.string,
        names=names,
        fixed=fixed,
        binds=_only_needed([bind.type.dialect_impl(_DIALECT).bind_processor(_DIALECT) for bind in binds]),
        results=_only_needed(results),
    )


class _Prepared:
    __slots__ = ("_compiled", "_statement")

    def __init__(self, statement: Statement) -> None:
        self._statement = statement
        self._compiled: _Compiled | None = None

    @property
    def compiled(self) -> _Compiled:
        # Compiled on first use, not at import: the station starts without paying for statements
        # it does not run. Two threads compiling at once build the same value; either one is kept.
        if self._compiled is None:
            self._compiled = _compile(self._statement)
        return self._compiled

    @property
    def sql(self) -> str:
        return self.compiled.sql

    def _execute(self, connection: sqlite3.Connection, params: Mapping[str, Any]) -> sqlite3.Cursor:
        compiled = self.compiled
        return connection.execute(compiled.sql, compiled.arguments(params))


class Query(_Prepared, Generic[*Ts]):
    """A SELECT; rows come back as plain tuples typed like the statement's columns."""

    __slots__ = ()

    def __init__(self, statement: Select[*Ts]) -> None:
        super().__init__(statement)

    def first(self, connection: sqlite3.Connection, params: Mapping[str, Any]) -> tuple[*Ts] | None:
        row = self._execute(connection, params).fetchone()
        return None if row is None else cast("tuple[*Ts]", self.compiled.row(row))

    def one(self, connection: sqlite3.Connection, params: Mapping[str, Any]) -> tuple[*Ts]:
        """The first row of a statement that always returns one (aggregates, scalar subqueries)."""
        row = self.first(connection, params)
        if row is None:
            raise LookupError(f"no row for: {self.sql}")
        return row

    def all(self, connection: sqlite3.Connection, params: Mapping[str, Any]) -> list[tuple[*Ts]]:
        rows = self._execute(connection, params).fetchall()
        return [cast("tuple[*Ts]", self.compiled.row(row)) for row in rows]


class Command(_Prepared):
    """An INSERT, UPDATE or DELETE; running it answers the number of rows it touched."""

    __slots__ = ()

    def __init__(self, statement: Insert | Update | Delete) -> None:
        super().__init__(statement)

    def run(self, connection: sqlite3.Connection, params: Mapping[str, Any]) -> int:
        return self._execute(connection, params).rowcount


def _default(column: Column[Any]) -> Any:
    default = column.default
    if default is None:
        return None
    if not default.is_scalar:
        raise TypeError(f"{column} has a computed default, which a prepared row insert does not run")
    return getattr(default, "arg", None)


class RowInsert:
    """INSERT one whole row of a model; a column left out or given as None takes its default (or NULL)."""

    __slots__ = ("_command", "_defaults")

    def __init__(self, table: Table) -> None:
        self._defaults = {column.key: _default(column) for column in table.columns}
        self._command = Command(insert(table))

    def run(self, connection: sqlite3.Connection, values: Mapping[str, Any]) -> None:
        unknown = values.keys() - self._defaults.keys()
        if unknown:
            raise TypeError(f"no such column(s) {sorted(unknown)} in: {self._command.sql}")
        row = dict(self._defaults)
        row.update((key, value) for key, value in values.items() if value is not None)
        self._command.run(connection, row)


@functools.cache
def row_insert(model: type[Base]) -> RowInsert:
    """The one row insert of `model`, built on first use."""
    return RowInsert(cast(Table, model.__table__))
