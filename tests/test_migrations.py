"""Alembic: every revision goes up and down again, and the models match the migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import delete, event, inspect
from sqlalchemy.exc import IntegrityError

from db.migrate import (
    alembic_config,
    downgrade,
    head_revision,
    shipped_head,
    stored_revision,
    upgrade,
    upgrade_if_needed,
)
from db.models import Base, InboundMessage, utcnow
from db.session import make_engine, make_session_factory
from db.states import STATE_COLUMNS

TABLES = {
    "events",
    "inbound_messages",
    "registrations",
    "participants",
    "changes",
    "outbound_messages",
    "users",
    "desk_actions",
    "registration_contacts",
    "service_status",
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


def test_workers_claim_from_an_index_on_status_arrival_and_id(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(database_url)

    indexes = {
        i["name"]: i["column_names"] for i in inspect(engine).get_indexes("inbound_messages")
    }

    assert indexes["ix_inbound_status_arrival"] == ["status", "arrived_at", "id"]
    downgrade(database_url, "0004")
    indexes = {
        i["name"]: i["column_names"] for i in inspect(engine).get_indexes("inbound_messages")
    }
    assert "ix_inbound_status_arrival" not in indexes
    assert indexes["ix_inbound_status"] == ["status"]
    engine.dispose()


def test_the_migrations_form_one_linear_chain() -> None:
    """Several pieces of work add revisions; two heads would make ``upgrade head`` fail."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    revisions = list(script.walk_revisions())

    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1
    assert all(len(r._normalized_down_revisions) <= 1 for r in revisions)


def test_the_newest_migration_file_is_alembics_head() -> None:
    """Start-up compares the database with the newest file name instead of asking Alembic."""
    assert shipped_head() == head_revision()


def test_start_up_migrates_an_empty_database_and_only_reads_the_revision_of_a_current_one(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'start.db'}"
    engine = make_engine(url)
    assert stored_revision(engine) is None

    upgrade_if_needed(engine, url)
    assert stored_revision(engine) == head_revision()

    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    upgrade_if_needed(engine, url)
    assert statements == ["SELECT version_num FROM alembic_version"]
    engine.dispose()


def test_each_revision_goes_down_and_up_one_step_at_a_time(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'steps.db'}"
    script = ScriptDirectory.from_config(alembic_config(url))
    chain = [r.revision for r in reversed(list(script.walk_revisions()))]

    for revision in chain:
        upgrade(url, revision)
    for revision in reversed(chain):
        downgrade(url, "-1")
        upgrade(url, revision)
        downgrade(url, "-1")
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()


def store_message(url: str, status: str) -> None:
    """Store one inbound message with the given status (raises if the schema refuses it)."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            session.add(
                InboundMessage(
                    source="test",
                    uid=status,
                    sha256="0" * 64,
                    raw=b"",
                    size=0,
                    arrived_at=utcnow(),
                    status=status,
                )
            )
    finally:
        engine.dispose()


def forget_message(url: str, uid: str) -> None:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            session.execute(delete(InboundMessage).where(InboundMessage.uid == uid))
    finally:
        engine.dispose()


def test_the_schema_refuses_a_state_outside_its_vocabulary_and_the_migration_goes_down_and_up(
    database_url: str,
) -> None:
    checks = ScriptDirectory.from_config(alembic_config(database_url)).get_revision("0006")

    upgrade(database_url)
    store_message(database_url, "needs_review")
    with pytest.raises(IntegrityError):
        store_message(database_url, "needs-review")
    downgrade(database_url, checks.down_revision)  # type: ignore[arg-type]
    store_message(database_url, "needs-review")  # down: the check is gone
    forget_message(database_url, "needs-review")
    upgrade(database_url, "0006")
    with pytest.raises(IntegrityError):
        store_message(database_url, "needs-review")

    assert checks.module.CHECKS == STATE_COLUMNS


def test_every_state_column_has_its_check_in_the_models() -> None:
    names = {
        constraint.name
        for table in Base.metadata.tables.values()
        for constraint in table.constraints
        if constraint.name and constraint.name.startswith("ck_")
    }

    assert names == {f"ck_{table}_{column}" for table, column, _values in STATE_COLUMNS}
