"""Alembic, driven from code: the migrations ship inside the package, so ``mailbot init``
works from an installed wheel without an alembic.ini on disk.

Alembic itself is imported only when a migration has to run: at start-up the database is
nearly always at the newest revision already, and importing Alembic and reading its
scripts to find that out cost a fifth of a second of every start (``upgrade_if_needed``).
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from alembic.config import Config

#: A migration file: ``NNNN_what.py``, its revision is ``NNNN`` (one linear chain).
MIGRATION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "db:migrations")
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Create or upgrade the schema (idempotent)."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def upgrade_if_needed(engine: Engine, url: str) -> None:
    """``upgrade`` unless the database is at the newest shipped revision already (one
    query, no Alembic)."""
    if stored_revision(engine) != shipped_head():
        upgrade(url)


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database (None: no schema yet, or unreadable)."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None


def shipped_head() -> str:
    """The newest revision by its file name (the chain is linear and numbered; a test
    checks that Alembic agrees)."""
    versions = resources.files("db.migrations").joinpath("versions")
    found = [MIGRATION_FILE.match(entry.name) for entry in versions.iterdir()]
    return max(match.group(1) for match in found if match)


def downgrade(url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def schema_revision(url: str) -> str | None:
    """The revision the database is at (None: no schema yet). Connects, so it also tells
    whether the database can be reached at all."""
    from alembic.migration import MigrationContext

    from db.session import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest revision this mailbot ships."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head
