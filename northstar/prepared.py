"""Reads whose SQL Django compiles once per process; each call sends it with new values.

A live room repeats a handful of reads hundreds of times a second: the participant behind
an autosave or a dot, the draft it writes, the workshop and the room a notice renders.
Through the ORM each such read costs about 0.4-0.5 ms of CPU to build the queryset, compile
it to SQL and make model instances, several times what the database takes to answer it
(a plain `SELECT 1` costs 0.07 ms here). On one core, that is most of what an autosave costs.

`Prepared` keeps the ORM's own query: `build` returns the queryset, written as any other.
It is built and compiled once per database with stand-in values, and the compiled
statement is kept. A call puts its values where the stand-ins were and makes the instances
the way Django's queryset iterator does (select_related, annotations, converters included).
What it returns equals what the queryset would return: tests/test_prepared.py compares them.

Limits, checked when the read is first compiled: the values must be ints, strings or
datetimes, or lists of them (each list length is a statement of its own). Ints are ids: a
call with one beyond 64 bits finds nothing, as no row has it. No prefetch_related, and the
queryset must yield model instances or a values_list of model fields. Everything in `build`
but its arguments is compiled in for good: it must not read the clock, a request, or
anything else that varies. A locking read needs a transaction, on every database.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable, get_related_populators
from django.db.transaction import TransactionManagementError

# Stand-ins no real value is: negative ids far out of range, strings with NUL in them
# (PostgreSQL text cannot hold NUL). They are never sent to the database.
_serial = count(1)

BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1

RETURNS = {ModelIterable: "instances", ValuesListIterable: "tuples", FlatValuesListIterable: "flat"}


# How a call's value goes into the statement: as it is, or as the database backend adapts
# a datetime (SQLite stores text); constants of the query are sent as compiled.
AS_IS, DATETIME, CONSTANT = "as is", "datetime", "constant"


def _stand_in(kind: type) -> object:
    n = next(_serial)
    if kind is int:
        return -(10**15) - n
    if kind is str:
        return f"\x00stand-in-{n}\x00"
    if kind is datetime:
        return datetime(1901, 1, 1, tzinfo=UTC) + timedelta(microseconds=n)
    raise TypeError(f"Prepared values are int, str or datetime, not {kind.__name__}")


class _Statement:
    """One compiled shape of a read: its SQL, where each value goes, and how rows become results."""

    def __init__(self, queryset: QuerySet, stand_ins: dict[str, object], alias: str) -> None:
        if queryset._prefetch_related_lookups:
            raise ValueError("Prepared reads cannot prefetch_related")
        self.returns = RETURNS.get(queryset._iterable_class)
        if self.returns is None:
            raise ValueError("Prepared reads return model instances or a values_list")
        if self.returns != "instances" and (queryset.query.annotation_select or queryset.query.extra_select):
            raise ValueError("A prepared values_list names model fields only")
        self.alias = alias
        self.for_update = queryset.query.select_for_update
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # `pk__in=[]`: Django sends nothing and finds nothing; so does this
            sql, params = None, []
        ops = connections[alias].ops
        self.adapt = ops.adapt_datetimefield_value
        places = {}
        for name, value in stand_ins.items():
            sent = self.adapt(value) if isinstance(value, datetime) else value
            places[type(sent), sent] = name
        found = set()
        self.slots: list[tuple[str, object]] = []  # (how, the value's name or the constant)
        for param in params:
            name = places.get((type(param), param)) if isinstance(param, int | str | datetime) else None
            if name is None:
                self.slots.append((CONSTANT, param))
            else:
                self.slots.append((DATETIME if isinstance(stand_ins[name], datetime) else AS_IS, name))
                found.add(name)
        missing = set(stand_ins) - found
        if missing and sql is not None:
            raise ValueError(f"Prepared read does not use {sorted(missing)} as parameters")
        self.sql = sql
        self.compiler = compiler
        if self.returns == "instances":
            klass_info = compiler.klass_info
            select = compiler.select
            self.model = klass_info["model"]
            fields = klass_info["select_fields"]
            self.start, self.end = fields[0], fields[-1] + 1
            self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
            self.populators = get_related_populators(klass_info, select, alias)
            self.annotations = dict(compiler.annotation_col_map or {})

    def run(self, values: dict[str, Any]) -> list:
        if self.sql is None:
            return []
        connection = connections[self.alias]
        if self.for_update and connection.get_autocommit():
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        params = [
            slot if how == CONSTANT else self.adapt(values[slot]) if how == DATETIME else values[slot]
            for how, slot in self.slots
        ]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.compiler.has_extra_select:
            rows = [row[: self.compiler.col_count] for row in rows]
        rows = self.compiler.results_iter([rows], tuple_expected=self.returns == "tuples")
        if self.returns == "flat":
            return [row[0] for row in rows]
        if self.returns == "tuples":
            return list(rows)
        objects = []
        for row in rows:
            obj = self.model.from_db(self.alias, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


class Prepared:
    """A read written as a queryset, compiled once: `Prepared(build, code=str, ids=[int])(code=..., ids=[...])`.

    `build(**values)` returns the queryset; `kinds` names each value's type (`[int]` for a
    list of ints). Each call returns a list: of instances, tuples or values, as the queryset would.
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: type | list) -> None:
        self.build = build
        self.kinds = kinds
        self.statements: dict[tuple, _Statement] = {}

    def __call__(self, **values: Any) -> list[Model] | list:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"Prepared read takes {sorted(self.kinds)}, got {sorted(values)}")
        flat: dict[str, Any] = {}
        shape = []
        for name, kind in self.kinds.items():
            value = values[name]
            if isinstance(kind, list):
                items = list(value)
                shape.append(len(items))
                flat.update({f"{name}.{i}": item for i, item in enumerate(items)})
            else:
                flat[name] = value
        if any(isinstance(v, int) and not BIGINT_MIN <= v <= BIGINT_MAX for v in flat.values()):
            # No row has such an id; Django's integer lookups decide the same without a query.
            return []
        key = tuple(shape)
        statement = self.statements.get(key)
        if statement is None:
            # Two threads may both compile the first time: the same statement, kept once.
            statement = self.statements[key] = self.compile(shape)
        return statement.run(flat)

    def compile(self, shape: list[int]) -> _Statement:
        arguments: dict[str, Any] = {}
        stand_ins: dict[str, object] = {}
        lengths = iter(shape)
        for name, kind in self.kinds.items():
            if isinstance(kind, list):
                items = [_stand_in(kind[0]) for _ in range(next(lengths))]
                arguments[name] = items
                stand_ins.update({f"{name}.{i}": item for i, item in enumerate(items)})
            else:
                arguments[name] = stand_ins[name] = _stand_in(kind)
        queryset = self.build(**arguments)
        return _Statement(queryset, stand_ins, queryset.db)


def grouped(rows, key: str) -> dict[Any, list]:
    """Rows by the value of their attribute `key` (an author's or a pair's id), each list in the rows' order."""
    groups: dict[Any, list] = {}
    for row in rows:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def attach(instances: list[Model], relation: str, related: list[Model], key: str) -> None:
    """Give each instance its reverse relation `relation` from `related`, read already, as prefetch_related does.

    `key` is the attribute of a related row that holds its owner's id (`candidate_id`), and
    `related` is in the order the relation lists its rows. Afterwards `instance.<relation>.all()`
    answers from these rows without a query, and each row knows its owner, exactly as after
    `prefetch_related(relation)` (the queryset carries its rows in Django's prefetch cache).
    """
    by_owner = grouped(related, key)
    for instance in instances:
        manager = getattr(instance, relation)
        rows = by_owner.get(instance.pk, [])
        for row in rows:
            manager.field.set_cached_value(row, instance)
        queryset = manager.get_queryset()
        queryset._result_cache = rows
        queryset._prefetch_done = True
        instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset
