"""Adding and dropping the ``CHECK`` constraints of state columns, for the revisions that
constrain them. Each revision passes the values frozen in itself (never ``db.states``, which
moves on), so a revision does the same whenever it runs."""

from __future__ import annotations

from alembic import op

#: ``(table, column, allowed values)`` for each state column a revision constrains.
Checks = tuple[tuple[str, str, tuple[str, ...]], ...]


def create_checks(checks: Checks) -> None:
    """One ``CHECK (column IN (...))`` per entry, named ``ck_<table>_<column>``."""
    for table, column, allowed in checks:
        with op.batch_alter_table(table) as batch:
            batch.create_check_constraint(
                op.f(f"ck_{table}_{column}"),
                f"{column} IN ({', '.join(repr(v) for v in allowed)})",
            )


def drop_checks(checks: Checks) -> None:
    """Drop the entries' constraints, the last first."""
    for table, column, _allowed in reversed(checks):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
