"""Bounded work per message: each limit cuts or refuses what is past it, says so, and the rest
of the message (and of the inbox) is still read."""

from __future__ import annotations

import io
import logging
from email.message import EmailMessage
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from db.models import InboundMessage
from mailbot.ingest import ingest
from mailbot.processing import process_pending
from mailbot.settings import SettingsError, load_settings
from mailbot.sources.maildir import MaildirSource
from parsers.errors import ParseError
from parsers.extraction import extract_parsed, load_pipeline
from parsers.limits import Limits
from parsers.mime import parse
from tests.flow import add_to_maildir, embedded_app, make_maildir
from tests.hostile import DOCX_TYPE, docx_bomb
from tests.mailmaker import make_mail

SENDER = "kari.berg@voss.kommune.no"


def with_attachment(data: bytes, filename: str, maintype: str, subtype: str) -> bytes:
    message = EmailMessage()
    message["From"] = SENDER
    message["Subject"] = "Påmelding"
    message.set_content("Lista ligg ved.\n")
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def docx_bytes(*lines: str) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_mail(data: bytes) -> bytes:
    return with_attachment(data, "liste.docx", *DOCX_TYPE.split("/"))


def cuts(defects: tuple[str, ...]) -> list[str]:
    return [d for d in defects if d.startswith("limit: ")]


def test_a_message_over_the_raw_size_is_refused_unread() -> None:
    raw = make_mail(SENDER, "Hei\n" * 1000)
    with pytest.raises(ParseError, match=f"too large: {len(raw)} bytes"):
        parse(raw, limits=Limits(raw_bytes=len(raw) - 1))
    assert parse(raw, limits=Limits(raw_bytes=len(raw))).sender == SENDER


def test_more_parts_than_the_limit_are_refused() -> None:
    message = EmailMessage()
    message["From"] = SENDER
    message.set_content("Hei")
    for number in range(5):
        message.add_attachment(f"vedlegg {number}", filename=f"v{number}.txt")
    raw = message.as_bytes()  # the multipart, its text part and five attachments: 7 parts
    with pytest.raises(ParseError, match="too many MIME parts: more than 6"):
        parse(raw, limits=Limits(parts=6))
    assert len(parse(raw, limits=Limits(parts=7)).attachments) == 5


def test_parts_nested_deeper_than_the_limit_are_refused() -> None:
    inner = EmailMessage()
    inner["From"] = SENDER
    inner.set_content("Hei")
    for _ in range(4):  # each level wraps the last in a multipart/mixed
        outer = EmailMessage()
        outer["From"] = SENDER
        outer.make_mixed()
        outer.attach(inner)
        inner = outer
    raw = inner.as_bytes()
    with pytest.raises(ParseError, match="nested deeper than 3 levels"):
        parse(raw, limits=Limits(depth=3))
    assert "Hei" in parse(raw, limits=Limits(depth=4)).text


def test_an_attachment_over_its_size_is_listed_unread_with_a_defect() -> None:
    data = docx_bytes("Kari Berg, rektor")
    parsed = parse(docx_mail(data), limits=Limits(attachment_bytes=len(data) - 1))
    (attachment,) = parsed.attachments
    assert attachment.text is None
    assert (
        attachment.error == f"limit: attachment not read: {len(data)} bytes (limit {len(data) - 1})"
    )
    assert cuts(parsed.defects) == [attachment.error]
    assert "Kari Berg" in (parse(docx_mail(data)).attachments[0].text or "")


def test_a_docx_that_unpacks_to_more_than_the_limit_is_not_unpacked() -> None:
    bomb = docx_bomb(unpacked_bytes=8 * 1024 * 1024)
    parsed = parse(
        docx_mail(bomb), limits=Limits(unpacked_bytes=4 * 1024 * 1024, unpacked_ratio=10**6)
    )
    (attachment,) = parsed.attachments
    assert attachment.text is None
    assert "unpacks to" in (attachment.error or "") and "limit 4194304" in (attachment.error or "")
    assert parsed.own_text.startswith("Lista ligg ved.")


def test_a_docx_that_unpacks_to_many_times_its_size_is_not_unpacked() -> None:
    bomb = docx_bomb(unpacked_bytes=8 * 1024 * 1024)  # blanks: about 1000 times its size
    parsed = parse(docx_mail(bomb))  # the defaults: 100 MB would be allowed, the ratio is not
    (attachment,) = parsed.attachments
    assert "times its size (limit 200)" in (attachment.error or "")
    plain = docx_bytes(*(f"Deltakar {n}, lærer" for n in range(200)))
    assert "Deltakar 199" in (parse(docx_mail(plain)).attachments[0].text or "")


def test_attachment_text_is_cut_to_its_limit() -> None:
    text = "".join(f"Deltakar {n}, lærer\n" for n in range(1000))
    raw = with_attachment(text.encode(), "liste.txt", "text", "plain")
    (attachment,) = parse(raw, limits=Limits(attachment_text_chars=500)).attachments
    assert attachment.text == text[:500]


def test_html_is_cut_before_it_is_rendered() -> None:
    rows = "".join(f"<tr><td>Deltakar {n}</td><td>lærer</td></tr>" for n in range(2000))
    message = EmailMessage()
    message["From"] = SENDER
    message.set_content(f"<html><body><table>{rows}</table></body></html>", subtype="html")
    parsed = parse(message.as_bytes(), limits=Limits(html_chars=10_000))
    assert "Deltakar 0\tlærer" in parsed.text
    assert "Deltakar 1999" not in parsed.text
    assert any(d.startswith("limit: HTML cut from") for d in parsed.defects)


def test_body_text_is_cut_at_a_line_before_quote_splitting() -> None:
    body = "".join(f"Deltakar {n}, lærer\n" for n in range(1000))
    parsed = parse(make_mail(SENDER, body), limits=Limits(text_chars=1000))
    assert len(parsed.text) <= 1000
    assert parsed.text.endswith("lærer")
    assert cuts(parsed.defects) == [f"limit: text cut from {len(body) - 1} to 1000 characters"]


def test_the_language_model_reads_only_the_first_nlp_chars() -> None:
    filler = "Vi gler oss til samlinga og har mange spørsmål om programmet.\n" * 40
    body = f"Hei\n\nVi melder på:\nKari Berg, rektor\n\n{filler}\nOg så:\nOla Nordmann, lærer\n"
    parsed = parse(make_mail(SENDER, body, sender_name="Kari Berg"))
    everything = extract_parsed(parsed, load_pipeline())
    first_part = extract_parsed(parsed, load_pipeline(), limits=Limits(nlp_chars=200))
    assert {"Kari Berg", "Ola Nordmann"} <= {p.name for p in everything.participants}
    assert "Ola Nordmann" not in {p.name for p in first_part.participants}


def test_limits_come_from_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "mailbot.toml"
    config.write_text("[limits]\nnlp_chars = 5000\nparts = 50\n")
    settings = load_settings(config, require_io=False)
    assert settings.limits.to_limits() == Limits(nlp_chars=5000, parts=50)
    config.write_text("[limits]\nnlp_char = 5000\n")
    with pytest.raises(SettingsError, match="limits.nlp_char: unknown setting, did you mean"):
        load_settings(config, require_io=False)


def test_a_cut_is_noted_on_the_message_and_logged_with_its_id(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    add_to_maildir(maildir, "bomb.eml", docx_mail(docx_bomb(unpacked_bytes=8 * 1024 * 1024)))
    app = embedded_app(f"sqlite:///{tmp_path / 'b.db'}", maildir, tmp_path / "out")
    with MaildirSource(maildir) as source:
        ingest(source, app.factory)
    with caplog.at_level(logging.WARNING, logger="mailbot.processing"):
        stats = process_pending(app.factory, app.processor())
    with app.factory() as session:
        rows = {m.uid: m for m in session.scalars(select(InboundMessage))}
    bomb = rows["bomb.eml"]
    assert stats.processed == 2
    assert rows["005.eml"].status == "processed"
    assert "limit: attachment not read: unpacks to" in (bomb.note or "")
    logged = [r.getMessage() for r in caplog.records]
    assert any(line.startswith(f"message {bomb.id}: limit: attachment not read") for line in logged)
    app.engine.dispose()
