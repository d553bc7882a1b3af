"""Alembic: every revision goes up and down again, and the models match the migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from db.migrate import downgrade, upgrade
from db.models import Base
from db.session import make_engine

TABLES = {
    "events",
    "inbound_messages",
    "registrations",
    "participants",
    "changes",
    "outbound_messages",
    "alembic_version",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrate.db'}"
    return str(request.getfixturevalue("postgres_url"))


def test_upgrade_to_head_then_downgrade_to_base_and_up_again(database_url: str) -> None:
    engine = make_engine(database_url)

    upgrade(database_url)
    assert set(inspect(engine).get_table_names()) == TABLES
    downgrade(database_url, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    upgrade(database_url)
    assert set(inspect(engine).get_table_names()) == TABLES
    engine.dispose()


def test_the_models_and_the_migrations_describe_the_same_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(database_url)

    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert diff == []
    engine.dispose()
