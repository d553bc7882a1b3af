"""The shared server fixtures themselves work (see tests/servers.py)."""

from __future__ import annotations

import sqlalchemy as sa

from tests.servers import DovecotServer


def test_postgres_url_is_a_fresh_usable_database(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(sa.text("select 1")).scalar_one() == 1
            tables = connection.execute(
                sa.text("select count(*) from pg_tables where schemaname = 'public'")
            ).scalar_one()
    finally:
        engine.dispose()
    assert postgres_url.startswith("postgresql+psycopg://")
    assert tables == 0


def test_dovecot_append_returns_increasing_uids(dovecot: DovecotServer) -> None:
    first = dovecot.append(b"Subject: one\r\n\r\n1\r\n")
    second = dovecot.append(b"Subject: two\r\n\r\n2\r\n", folder="Archive")
    third = dovecot.append(b"Subject: three\r\n\r\n3\r\n")
    assert third > first
    assert second >= 1
