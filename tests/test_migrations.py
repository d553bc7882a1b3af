"""Alembic: every revision goes up and down again, and the models match the migrations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import delete, event, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.migrate import (
    alembic_config,
    downgrade,
    head_revision,
    shipped_head,
    stored_revision,
    upgrade,
    upgrade_if_needed,
)
from db.models import (
    Base,
    Contact,
    DeskAction,
    InboundMessage,
    OutboundMessage,
    Registration,
    ServiceStatus,
    utcnow,
)
from db.registry import ensure_event
from db.session import make_engine, make_session_factory
from db.states import STATE_COLUMNS, ContactSource, ServiceState

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


def test_the_sending_caps_read_the_outbox_by_an_index_on_created_at(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(database_url)

    def outbox_indexes() -> dict[str, list[str | None]]:
        found = inspect(engine).get_indexes("outbound_messages")
        return {i["name"]: i["column_names"] for i in found if i["name"]}

    assert outbox_indexes()["ix_outbound_messages_created_at"] == ["created_at"]
    downgrade(database_url, "0009")
    assert "ix_outbound_messages_created_at" not in outbox_indexes()
    upgrade(database_url)
    assert outbox_indexes()["ix_outbound_messages_created_at"] == ["created_at"]
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


def write(url: str, change: Callable[[Session], object]) -> None:
    """Run one change in a transaction of its own (raises if the schema refuses it)."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            change(session)
    finally:
        engine.dispose()


def store_message(url: str, status: str) -> None:
    """Store one inbound message with the given status."""
    message = InboundMessage(
        source="test", uid=status, sha256="0" * 64, raw=b"", size=0, arrived_at=utcnow()
    )
    message.status = status
    write(url, lambda session: session.add(message))


def store_status(url: str, name: str, state: str) -> None:
    """Store one server's state as the worker notes it."""
    write(url, lambda session: session.add(ServiceStatus(name=name, state=state)))


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
    write(
        database_url,
        lambda s: s.execute(delete(InboundMessage).where(InboundMessage.uid == "needs-review")),
    )
    upgrade(database_url, "0006")
    with pytest.raises(IntegrityError):
        store_message(database_url, "needs-review")


def test_the_later_checks_refuse_a_server_state_outside_its_vocabulary_down_and_up(
    database_url: str,
) -> None:
    checks = ScriptDirectory.from_config(alembic_config(database_url)).get_revision("0008")

    upgrade(database_url)
    store_status(database_url, "imap", ServiceState.LOGIN_REFUSED)
    with pytest.raises(IntegrityError):
        store_status(database_url, "smtp", "refused")
    downgrade(database_url, checks.down_revision)  # type: ignore[arg-type]
    store_status(database_url, "smtp", "refused")  # down: the check is gone
    write(
        database_url, lambda s: s.execute(delete(ServiceStatus).where(ServiceStatus.name == "smtp"))
    )
    upgrade(database_url, "0008")
    with pytest.raises(IntegrityError):
        store_status(database_url, "smtp", "refused")


def store_contact(url: str, address: str, source: str) -> None:
    """Store one contact of a new registration, with the given source."""

    def add(session: Session) -> None:
        event = ensure_event(session, f"event-{address}", "Event")
        registration = Registration(
            event_id=event.id, contact_address=address, first_message_at=utcnow()
        )
        session.add(registration)
        session.flush()
        session.add(Contact(registration_id=registration.id, address=address, source=source))

    write(url, add)


def contact_sources(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(Contact.source).order_by(Contact.id)))
    finally:
        engine.dispose()


def test_the_copied_source_is_allowed_and_going_down_drops_the_copied_contacts(
    database_url: str,
) -> None:
    revision = ScriptDirectory.from_config(alembic_config(database_url)).get_revision("0009")

    upgrade(database_url)
    store_contact(database_url, "kari@levanger.kommune.no", ContactSource.OPENER)
    store_contact(database_url, "per@levanger.kommune.no", ContactSource.COPIED)
    with pytest.raises(IntegrityError):
        store_contact(database_url, "eva@levanger.kommune.no", "cc")
    downgrade(database_url, revision.down_revision)  # type: ignore[arg-type]
    assert contact_sources(database_url) == ["opener"]  # down: no right kept from a copy
    with pytest.raises(IntegrityError):
        store_contact(database_url, "per@levanger.kommune.no", "copied")
    upgrade(database_url, "0009")
    store_contact(database_url, "per@levanger.kommune.no", ContactSource.COPIED)
    assert contact_sources(database_url) == ["opener", "copied"]


def migrated_checks() -> dict[tuple[str, str], tuple[str, ...]]:
    """What each state column's ``CHECK`` allows once every revision has run: the values of
    the last revision that constrains it."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    allowed = {}
    for revision in reversed(list(script.walk_revisions())):
        for table, column, values in getattr(revision.module, "CHECKS", ()):
            allowed[(table, column)] = values
    return allowed


def test_the_migrations_allow_what_the_state_vocabularies_say() -> None:
    assert migrated_checks() == {(table, column): values for table, column, values in STATE_COLUMNS}


def test_every_state_column_has_its_check_in_the_models() -> None:
    names = {
        constraint.name
        for table in Base.metadata.tables.values()
        for constraint in table.constraints
        if constraint.name and constraint.name.startswith("ck_")
    }

    assert names == {f"ck_{table}_{column}" for table, column, _values in STATE_COLUMNS}


def store_answer(url: str, uid: str) -> None:
    """The organiser's written answer to one stored message, and its desk action."""

    def add(session: Session) -> None:
        message = InboundMessage(
            source="test", uid=uid, sha256="1" * 64, raw=b"", size=0, arrived_at=utcnow()
        )
        session.add(message)
        session.flush()
        row = OutboundMessage(
            message_id=f"<mailbot.{uid}@ks.no>",
            inbound_id=message.id,
            kind="answer",
            sender="pamelding@ks.no",
            recipient="kari@levanger.kommune.no",
            subject="Re: Spørsmål",
            raw=b"",
        )
        session.add(row)
        session.flush()
        session.add(
            DeskAction(
                account="kari@ks.no", action="answer", inbound_id=message.id, outbound_id=row.id
            )
        )

    write(url, add)


def answer_rows(url: str) -> tuple[list[str], list[str]]:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            kinds = list(session.scalars(select(OutboundMessage.kind)))
            actions = list(session.scalars(select(DeskAction.action)))
            return kinds, actions
    finally:
        engine.dispose()


def test_the_answer_kind_is_allowed_and_going_down_drops_the_answers(database_url: str) -> None:
    revision = ScriptDirectory.from_config(alembic_config(database_url)).get_revision("0012")

    upgrade(database_url)
    store_answer(database_url, "first")
    assert answer_rows(database_url) == (["answer"], ["answer"])
    downgrade(database_url, revision.down_revision)  # type: ignore[arg-type]
    assert answer_rows(database_url) == ([], [])  # the old checks cannot hold them
    with pytest.raises(IntegrityError):
        store_answer(database_url, "second")
    upgrade(database_url, "0012")
    store_answer(database_url, "third")
    assert answer_rows(database_url) == (["answer"], ["answer"])
