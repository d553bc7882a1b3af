"""The sending caps count the same answers however the store narrows them down (issue 11:
the day's answers are no longer all loaded for each new reply)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from db.models import OutboundMessage, utcnow
from mailbot.event import ReplySettings
from mailbot.reply_caps import cap_reached
from tests.flow import embedded_app


def answer(
    number: int,
    recipient: str,
    cc: list[str] | None = None,
    *,
    kind: str = "confirmation",
    hours_ago: float = 0.5,
) -> OutboundMessage:
    return OutboundMessage(
        message_id=f"<cap{number}@test>",
        kind=kind,
        sender="bot@test.example",
        recipient=recipient,
        cc=cc,
        subject="Påmelding",
        raw=b"",
        created_at=utcnow() - timedelta(hours=hours_ago),
    )


def test_caps_count_every_spelling_of_an_address_and_nothing_else(
    database_url: str, tmp_path: Path
) -> None:
    (tmp_path / "inbox").mkdir()
    app = embedded_app(database_url, tmp_path / "inbox", tmp_path / "out")
    rows = [
        answer(1, "Kari+1@Bodo.Kommune.NO"),  # upper case, plus tag: Kari's mailbox
        answer(2, "ola@annen.example", ["kari+2@bodo.kommune.no"]),  # a copy to Kari
        answer(3, "per@bodo.\u212aommune.no"),  # KELVIN SIGN lowers to k: the same domain
        answer(4, "kari@bodo.kommune.no", hours_ago=30),  # older than a day
        answer(5, "kari@bodo.kommune.no", kind="digest"),  # the organiser's own mail
        answer(6, "kari@bodo_kommune.no"),  # '_' is no wildcard
        answer(7, "kari@xbodo.kommune.no.example"),  # another domain holding the name
        answer(8, "nils@annen.example", ["Siv@BODO.kommune.no"], hours_ago=2),
    ]
    with app.factory() as session, session.begin():
        session.add_all(rows)
    caps = {"max_per_address_per_day": 2, "max_per_domain_per_day": 4, "max_per_hour": 7}
    now = utcnow()
    with app.factory() as session:
        assert cap_reached(session, "kari@bodo.kommune.no", ReplySettings(**caps), now) == (
            "rate limit: 2 replies in 24 h reached"
        )
        wider = ReplySettings(**{**caps, "max_per_address_per_day": 3})
        assert cap_reached(session, "kari@bodo.kommune.no", wider, now) == (
            "rate limit: 4 replies to bodo.kommune.no in 24 h reached"
        )
        wider = ReplySettings(**{**caps, "max_per_address_per_day": 3, "max_per_domain_per_day": 5})
        # Five automatic answers in the last hour (1, 2, 3, 6, 7: not the digest, nor 4 and 8).
        assert cap_reached(session, "kari@bodo.kommune.no", wider, now) is None
        assert cap_reached(
            session, "new@elsewhere.example", ReplySettings(**{**caps, "max_per_hour": 5}), now
        ) == ("rate limit: 5 replies in one hour reached")
    app.engine.dispose()
