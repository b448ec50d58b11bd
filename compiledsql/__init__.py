"""Compile a hot queryset's SQL once per process and connection; bind new values after.

`run(name, build, **values)` returns `build(**values)` (a queryset) whose compiler reuses
the SQL and the compiler's state kept for `(name, alias, vendor)`, with `values` bound
at the positions found by value. Safe by refusal (docs/performance.md, "Compiling
queries once"): every parameter the SQL takes must come from `values` (or be a constant
no named value equals); the first compile finds the positions, a second compile with
other values (made at once when every value is an int or a datetime, else the next call
that changes every value) must give exactly the predicted SQL and parameters before the
entry is used; an ambiguous or mismatched shape is never cached (plain queryset every time).
A library: it imports no app.
"""

import datetime
import threading

from django.db import connections

_kept = {}
_lock = threading.Lock()
_STATE = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")
REFUSED = "refused"


def _compile(queryset):
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    return compiler, sql, tuple(params)


def _adapted(connection, values):
    """The values as the SQL's parameters hold them (a datetime as the backend stores it)."""
    return {
        name: connection.ops.adapt_datetimefield_value(value)
        if isinstance(value, datetime.datetime)
        else value
        for name, value in values.items()
    }


def _positions(params, values):
    """{name: positions} of each named value in params, or None when ambiguous."""
    where = {}
    for name, value in values.items():
        at = [i for i, p in enumerate(params) if type(p) is type(value) and p == value]
        if not at:
            return None
        where[name] = at
    claimed = [i for at in where.values() for i in at]
    if len(claimed) != len(set(claimed)):
        return None
    return where


def _varied(values):
    """The same values each changed (ints and datetimes), or None when one cannot be."""
    varied = {}
    for name, value in values.items():
        if type(value) is int:
            varied[name] = value + 1
        elif isinstance(value, datetime.datetime):
            varied[name] = value + datetime.timedelta(seconds=1)
        else:
            return None
    return varied


def _bind(params, where, values):
    bound = list(params)
    for name, at in where.items():
        for i in at:
            bound[i] = values[name]
    return tuple(bound)


def _install(queryset, sql, params, state):
    compiler = queryset.query.get_compiler(using=queryset.db)
    compiler.__dict__.update(state)
    compiler.as_sql = lambda *args, **kwargs: (sql, params)
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    return queryset


def run(name, build, **values):
    queryset = build(**values)
    original = values
    connection = connections[queryset.db]
    key = (name, queryset.db, connection.vendor)
    entry = _kept.get(key)
    if entry is REFUSED:
        return queryset
    values = _adapted(connection, values)
    if entry is None or not entry["verified"]:
        compiler, sql, params = _compile(queryset)
        with _lock:
            entry = _kept.get(key)
            if entry is None:
                where = _positions(params, values)
                _kept[key] = entry = (
                    REFUSED
                    if where is None
                    else {
                        "sql": sql,
                        "params": params,
                        "where": where,
                        "values": dict(values),
                        "verified": False,
                        "state": {n: getattr(compiler, n) for n in _STATE},
                    }
                )
                other = _varied(original)
                if entry is not REFUSED and other is not None:
                    # Verified at once by a second compile with every value changed.
                    _, other_sql, other_params = _compile(build(**other))
                    predicted = _bind(params, where, _adapted(connection, other))
                    entry["verified"] = other_sql == sql and other_params == predicted
                    if not entry["verified"]:
                        _kept[key] = REFUSED
            elif entry is not REFUSED and all(
                values[name] != entry["values"][name] for name in values
            ):  # every position tried with another value
                predicted = _bind(entry["params"], entry["where"], values)
                entry["verified"] = sql == entry["sql"] and params == predicted
                if not entry["verified"]:
                    _kept[key] = REFUSED
        return build(**original)  # the plain queryset, compiled afresh by Django
    return _install(
        queryset, entry["sql"], _bind(entry["params"], entry["where"], values), entry["state"]
    )


def clear():
    """Forget every kept compile (tests)."""
    _kept.clear()
