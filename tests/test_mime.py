"""parsers.mime.parse: real corpus mail and hand-written edge cases, asserted by behaviour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from parsers.errors import ParseError
from parsers.limits import DEFAULT_LIMITS
from parsers.mime import parse, unflow
from parsers.types import ParsedEmail
from tests.corpus import corpus_bytes as corpus
from tests.corpus import corpus_files
from tests.corpus import mail_fixture as fixture

REPO = Path(__file__).resolve().parents[1]
INVITATION_ID = (
    "<dev-HE1PR0701MB2876EFF60D78E721B9E02B60A342D121@HE1PR0701MB2876.eurprd07.prod.outlook.com>"
)


def parse_corpus(number: str) -> ParsedEmail:
    return parse(corpus(number))


class TestEveryCorpusFileParses:
    @pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
    def test_parses_with_message_id_sender_and_aware_date(self, path: Path) -> None:
        parsed = parse(path.read_bytes())
        assert parsed.message_id and parsed.message_id.startswith("<dev-")
        assert parsed.message_id.endswith(">")
        assert "@" in parsed.sender and parsed.sender == parsed.sender.lower()
        assert parsed.date is not None and parsed.date.tzinfo is not None
        assert parsed.text.strip()
        assert "\x00" not in parsed.text and "\r" not in parsed.text

    def test_corpus_has_forty_messages(self) -> None:
        assert len(corpus_files()) == 40


class TestHeaders:
    def test_reply_headers_of_007(self) -> None:
        parsed = parse_corpus("007")
        assert parsed.sender == "siri.hoseth.aune@levanger.kommune.no"
        assert parsed.sender_name == "Siri Hoseth Aune"
        assert parsed.to == ("torkel.oien@ks.no",)
        assert parsed.subject == (
            "SV: Invitasjon: Kulturskole for fremtiden – digitalt verksted 4. juni"
        )
        assert parsed.in_reply_to == INVITATION_ID
        assert parsed.references == (INVITATION_ID,)
        assert parsed.header("thread-topic") is not None

    def test_iso_8859_1_encoded_word_sender_name_of_005(self) -> None:
        parsed = parse_corpus("005")
        assert parsed.sender_name == "Hilde Marie Sørensen"
        assert parsed.subject == "Påmelding til verksted 4. juni"

    def test_cc_of_036(self) -> None:
        assert parse_corpus("036").cc == ("lene.hauge@fredrikstad.kommune.no",)

    def test_utc_date_read_with_its_offset_037_on_time_038_late(self) -> None:
        deadline = datetime(2020, 5, 8, 23, 59, 59, tzinfo=UTC) - timedelta(hours=2)
        assert parse_corpus("037").date <= deadline  # type: ignore[operator]
        assert parse_corpus("038").date > deadline  # type: ignore[operator]

    def test_headers_are_decoded_pairs(self) -> None:
        parsed = parse_corpus("023")
        subjects = [value for name, value in parsed.headers if name.lower() == "subject"]
        assert subjects and "=?" not in subjects[0]

    def test_free_text_headers_decode_as_the_header_classes_do(self) -> None:
        # Plain ASCII free-text headers skip the header parser; encoded ones do not.
        raw = (
            b"From: Kari Nordmann <kari@luster.kommune.no>\r\n"
            b"Subject: =?utf-8?q?P=C3=A5melding?=\r\n"
            b"X-Note: first line\r\n\tsecond line\r\n"
            b"Thread-Topic: =?iso-8859-1?q?P=E5melding_til_verksted?=\r\n"
            b"\r\nKari Nordmann, rektor\r\n"
        )
        parsed = parse(raw)
        assert parsed.subject == "Påmelding"
        assert parsed.header("X-Note") == "first line second line"
        assert parsed.header("Thread-Topic") == "Påmelding til verksted"

    def test_message_id_without_brackets_gets_them(self) -> None:
        assert parse(fixture("nul_control_chars.eml")).message_id == "<dev-no-brackets@example.no>"

    def test_folded_references_become_a_tuple(self) -> None:
        parsed = parse(fixture("windows1252_outlook_nb.eml"))
        assert parsed.references == ("<dev-first@ks.no>", "<dev-invitation@ks.no>")
        assert parsed.in_reply_to == "<dev-invitation@ks.no>"

    def test_quoted_display_name_with_comma_in_cc(self) -> None:
        parsed = parse(fixture("windows1252_outlook_nb.eml"))
        assert parsed.cc == ("kari.nordmann@hamar.kommune.no", "ola.hansen@hamar.kommune.no")


class TestCharsets:
    def test_windows_1252_body_and_headers(self) -> None:
        parsed = parse(fixture("windows1252_outlook_nb.eml"))
        assert parsed.subject == "SV: Påmelding – Kulturskole for fremtiden"
        assert parsed.sender_name == "Per Møllerud"
        assert parsed.sender == "per.mollerud@hamar.kommune.no"
        assert "Vi melder på følgende – fire personer:" in parsed.text
        assert "- Åse Bjørnstad, rektor ved Ajer skole" in parsed.own_text

    def test_windows_1252_quoted_printable_corpus_023(self) -> None:
        parsed = parse_corpus("023")
        assert "Sølvi Aasebø – rektor i kulturskulen" in parsed.own_text

    def test_unknown_charset_falls_back_and_records_a_defect(self) -> None:
        parsed = parse(fixture("unknown_charset.eml"))
        assert "Bjørn Ås (ordfører)" in parsed.text
        assert parsed.subject == "Påmelding"
        assert any("x-made-up-charset" in defect for defect in parsed.defects)

    def test_raw_8bit_utf8_header(self) -> None:
        assert parse(fixture("outlook_reply_nn.eml")).sender_name == "Synnøve Vik"

    def test_nul_bytes_and_control_characters_removed(self) -> None:
        parsed = parse(fixture("nul_control_chars.eml"))
        assert parsed.sender_name == "Kari Nordmann"
        assert parsed.text.startswith("Hei der!")
        assert "\x00" not in parsed.text and "\x01" not in parsed.text
        assert "\x07" not in parsed.subject and "\x1b" not in parsed.subject

    def test_date_without_zone_is_aware_utc_and_noted(self) -> None:
        parsed = parse(fixture("nul_control_chars.eml"))
        assert parsed.date == datetime(2020, 5, 1, 10, 0, tzinfo=UTC)
        assert any("time zone" in defect for defect in parsed.defects)


class TestCharsetRepair:
    """Issue 13.4: decode by part, then by line and byte, never a whole part as cp1252."""

    NB = "Påmelding: Kari Ærø og Ola Østby\nVi kommer tre frå Ålesund."

    def body(self, data: bytes, charset: str = "utf-8", subtype: str = "plain") -> bytes:
        head = (
            f"From: Kari <kari@x.no>\nTo: a@b.no\nSubject: Påmelding\nMIME-Version: 1.0\n"
            f"Content-Type: text/{subtype}; charset={charset}\n"
            "Content-Transfer-Encoding: 8bit\n\n"
        )
        return head.encode() + data

    def test_one_bad_byte_spoils_nothing_else(self) -> None:
        parsed = parse(self.body(self.NB.encode() + b"\xff\n"))
        assert parsed.text.startswith(self.NB)
        assert any("cp1252" in d for d in parsed.defects)

    def test_a_windows_1252_line_among_utf8_lines(self) -> None:
        data = (self.NB + "\n").encode() + "Fra: Jørn Ås – rektor\n".encode("cp1252")
        assert parse(self.body(data)).text == self.NB + "\nFra: Jørn Ås – rektor"

    def test_windows_1252_labelled_utf8_is_still_read(self) -> None:
        assert parse(self.body(self.NB.encode("cp1252"))).text == self.NB

    def test_utf8_labelled_latin1_is_read_as_utf8(self) -> None:
        parsed = parse(self.body(self.NB.encode(), "iso-8859-1"))
        assert parsed.text == self.NB
        assert any("was wrong, decoded as utf-8" in d for d in parsed.defects)

    def test_gb2312_label_on_gbk_bytes(self) -> None:
        text = "报名：张喆，王镕"  # 喆 and 镕 are in GBK, not in GB2312
        assert parse(self.body(text.encode("gbk"), "gb2312")).text == text


class TestFormatFlowed:
    def test_soft_breaks_are_joined(self) -> None:
        parsed = parse(fixture("flowed_thunderbird_nn.eml"))
        assert "vil gjerne vere med. Desse fire kjem frå oss:" in parsed.text
        assert "1. Liv Haugland Rykkje, rektor i kulturskulen" in parsed.own_text

    def test_signature_separator_survives(self) -> None:
        parsed = parse(fixture("flowed_thunderbird_nn.eml"))
        assert "\n-- \n" in parsed.text or "\n--\n" in parsed.text
        assert "Liv Haugland Rykkje" in parsed.signature

    def test_quoted_flowed_lines_join_within_their_depth(self) -> None:
        assert unflow("> a \n> b\nc") == "> a b\nc"

    def test_corpus_006_thunderbird_flowed(self) -> None:
        assert "vil gjerne vere med. Desse fire kjem frå oss:" in parse_corpus("006").text


class TestHtml:
    def test_html_only_table_becomes_tab_separated_rows(self) -> None:
        parsed = parse(fixture("html_only_table.eml"))
        assert parsed.html is not None
        assert "Navn\tRolle" in parsed.text
        assert "Kjersti Moe\tVirksomhetsleder, Kristiansand kulturskole" in parsed.text
        assert "Bjørn Ødegård\tKommunalsjef for oppvekst" in parsed.text

    def test_html_lists_become_dash_and_number_lines(self) -> None:
        parsed = parse(fixture("html_only_table.eml"))
        assert "- Marta Kowalska, lærer\n- Lene Aabel, styrer" in parsed.text
        assert "1. første\n2. andre" in parsed.text

    def test_html_scripts_and_styles_are_not_text(self) -> None:
        text = parse(fixture("html_only_table.eml")).text
        assert "alert" not in text and "color" not in text

    def test_corpus_015_html_only_letter_table(self) -> None:
        parsed = parse_corpus("015")
        assert "Marta Kowalska\tLærer ved Vågsbygd skole\t" in parsed.own_text

    def test_corpus_029_html_only_samsung_quote_separated(self) -> None:
        parsed = parse_corpus("029")
        assert "Amir Rahimi" in parsed.own_text
        assert "Gunhild Aarvik" not in parsed.own_text
        assert "Gunhild Aarvik" in parsed.quoted_text

    def test_plain_part_preferred_when_present(self) -> None:
        parsed = parse_corpus("008")
        assert parsed.html is not None
        assert "Eirik Jakobsen\tRektor, Tromsø kulturskole" in parsed.text


class TestHtmlDeclarationsAndDefects:
    """Issue 13.5: HTML after an XML declaration is read; unreadable HTML is a defect."""

    def html_mail(self, html: str) -> bytes:
        head = (
            "From: Kari <kari@x.no>\nTo: a@b.no\nSubject: Re: x\nMIME-Version: 1.0\n"
            "Content-Type: text/html; charset=utf-8\n\n"
        )
        return (head + html).encode()

    def test_xml_declaration_before_html(self) -> None:
        html = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<html><body><p>Vi kommer:</p>'
            "<ul><li>Kari Nordmann, rektor</li></ul></body></html>"
        )
        parsed = parse(self.html_mail(html))
        assert parsed.text == "Vi kommer:\n\n- Kari Nordmann, rektor\n"
        assert parsed.defects == ()

    def test_unreadable_html_is_a_defect_not_empty_text(self) -> None:
        parsed = parse(self.html_mail("<!-- Kari Nordmann, rektor -->"))
        assert any(d.startswith("unreadable HTML") for d in parsed.defects)


class TestOwnWordsInParse:
    def test_007_own_text_has_the_list_and_not_the_invitation(self) -> None:
        parsed = parse_corpus("007")
        for line in (
            "- Siri Hoseth Aune, kulturskolerektor",
            "- Jon Olav Skjærvø, enhetsleder for kultur",
            "- Tone Wiik, rektor ved Åsen skole",
        ):
            assert line in parsed.own_text
        assert "Gunhild Aarvik" not in parsed.own_text
        assert "Gunhild Aarvik" in parsed.quoted_text
        assert parsed.signature.startswith("Mvh\nSiri Hoseth Aune")

    def test_022_forward_list_is_forwarded_text(self) -> None:
        parsed = parse_corpus("022")
        assert "Henrik Sandvold, rektor ved Torstrand skole" in parsed.forwarded_text
        assert "Rune Tveitan (Ap), leder av hovedutvalg for oppvekst og kultur" in (
            parsed.forwarded_text
        )
        assert "Henrik Sandvold" not in parsed.own_text
        assert "Jeg videresender lista" in parsed.own_text

    def test_016_update_keeps_earlier_names_out_of_own_text(self) -> None:
        parsed = parse_corpus("016")
        assert "Ahmed Hassan" in parsed.own_text
        assert "Tone Wiik" not in parsed.own_text and "Tone Wiik" in parsed.quoted_text

    def test_028_iphone_update_keeps_quoted_group_out(self) -> None:
        parsed = parse_corpus("028")
        assert "Kari Berg, rektor ved Kaupanger skule" in parsed.own_text
        assert "Eirik Bøyum" not in parsed.own_text
        assert "Sendt fra min iPhone" in parsed.signature

    def test_034_outlook_2010_opprinnelig_melding(self) -> None:
        parsed = parse_corpus("034")
        assert "Vidar Holmen\tDaglig leder, Hamar kulturhus" in parsed.own_text
        assert parsed.quoted_text.startswith("-----Opprinnelig melding-----")

    def test_038_legal_footer_is_signature(self) -> None:
        parsed = parse_corpus("038")
        assert "taushetsplikt" in parsed.signature
        assert "taushetsplikt" not in parsed.own_text
        assert "5.  Torhild Aasland (Ap), medlem av kommunestyret" in parsed.own_text

    @pytest.mark.parametrize("number", [f"{n:03d}" for n in range(2, 41) if n not in (18,)])
    def test_invitation_never_in_own_text(self, number: str) -> None:
        parsed = parse_corpus(number)
        assert "Gunhild Aarvik" not in parsed.own_text
        assert "Gunhild Aarvik" not in parsed.signature


class TestAttachmentsAndEmbeddedMessages:
    def test_025_docx_table_rows(self) -> None:
        parsed = parse_corpus("025")
        (docx,) = [a for a in parsed.attachments if a.filename.endswith(".docx")]
        assert docx.text is not None and docx.error is None
        assert "Kristin Bolstad Njøs\tkultursjef" in docx.text
        assert "Bente Fortun\tvaraordførar" in docx.text
        assert docx.size > 0

    def test_030_pdf_inside_apple_alternative(self) -> None:
        parsed = parse_corpus("030")
        (pdf,) = [a for a in parsed.attachments if a.content_type == "application/pdf"]
        assert pdf.text and "Kulturskoleplan for Bergen kommune" in pdf.text
        assert "Rektor, Bergen kulturskole: Øyvind Dale" in parsed.own_text

    def test_013_inline_logo_listed_without_text(self) -> None:
        (logo,) = parse_corpus("013").attachments
        assert logo.content_type == "image/png" and logo.text is None

    def test_001_returned_message_is_forwarded_text_not_own_text(self) -> None:
        parsed = parse_corpus("001")
        assert "Gunhild Aarvik" in parsed.forwarded_text
        assert "Gunhild Aarvik" not in parsed.own_text
        assert "could not" in parsed.own_text
        kinds = {a.content_type for a in parsed.attachments}
        assert {"message/rfc822", "message/delivery-status"} <= kinds

    def test_001_is_bounce_with_signals(self) -> None:
        parsed = parse_corpus("001")
        assert parsed.is_bounce
        assert "multipart/report" in parsed.auto_signals
        assert "sender:mailer-daemon" in parsed.auto_signals

    def test_docx_built_in_test_is_read(self) -> None:
        from docx import Document  # python-docx builds a real file for the test

        document = Document()
        document.add_paragraph("Deltakarar")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Kari Nordmann", "kulturskulerektor"
        table.cell(1, 0).text, table.cell(1, 1).text = "Per Hansen", "ordførar"
        raw = mail_with_attachment(
            docx_bytes(document),
            "liste.docx",
            "application",
            "vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        (attachment,) = parse(raw).attachments
        assert attachment.text is not None
        assert "Kari Nordmann\tkulturskulerektor\nPer Hansen\tordførar" in attachment.text

    def test_attached_text_file_is_an_attachment_not_a_body(self) -> None:
        # Text parts are read without mail-parser's second pass only when they are inline
        # bodies; a text file sent as a file is still listed and read.
        raw = mail_with_attachment(b"Kari Nordmann, rektor", "liste.txt", "text", "plain")
        (attachment,) = parse(raw).attachments
        assert attachment.filename == "liste.txt"
        assert attachment.text is not None and "Kari Nordmann" in attachment.text

    def test_inline_bodies_alone_list_no_attachment(self) -> None:
        message = EmailMessage()
        message["From"] = "Kari Nordmann <kari.nordmann@luster.kommune.no>"
        message["Subject"] = "Påmelding"
        message.set_content("Kari Nordmann, rektor\n")
        message.add_alternative("<p>Kari Nordmann, rektor</p>", subtype="html")
        parsed = parse(message.as_bytes())
        assert parsed.attachments == ()
        assert "Kari Nordmann, rektor" in parsed.text

    def test_broken_docx_is_kept_with_an_error(self) -> None:
        raw = mail_with_attachment(
            b"not a zip file",
            "liste.docx",
            "application",
            "vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        (attachment,) = parse(raw).attachments
        assert attachment.text is None and attachment.error


class TestBadInput:
    def test_empty_bytes(self) -> None:
        with pytest.raises(ParseError, match="empty"):
            parse(b"")

    def test_whitespace_only(self) -> None:
        with pytest.raises(ParseError, match="empty"):
            parse(b"\r\n  \n")

    def test_binary_blob(self) -> None:
        with pytest.raises(ParseError, match="not an e-mail"):
            parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    def test_text_without_mail_headers(self) -> None:
        with pytest.raises(ParseError, match="not an e-mail"):
            parse(b"Hello: this is\njust: text\n\nbody")

    def test_prose_is_not_mail(self) -> None:
        with pytest.raises(ParseError, match="not an e-mail"):
            parse(b"Dear Torkel, here are the names\n")

    def test_mismatched_boundary_is_read_with_the_one_in_the_body(self) -> None:
        parsed = parse(fixture("broken_mime_no_boundary.eml"))
        assert parsed.text == "Hei"
        assert any("read with the boundary 'some-other-boundary'" in d for d in parsed.defects)

    def test_multipart_without_boundary_parameter_is_read_as_text(self) -> None:
        raw = b"From: a@b.no\nSubject: x\nContent-Type: multipart/mixed\n\nbody\n"
        parsed = parse(raw)
        assert parsed.text == "body"
        assert any("its body read as plain text" in d for d in parsed.defects)

    def test_bounce_with_a_cut_off_boundary_is_read(self) -> None:
        raw = (
            b"From: MAILER-DAEMON@x.no\nTo: a@b.no\nSubject: Undelivered Mail\n"
            b'Content-Type: multipart/report; report-type=delivery-status;\n boundary="\n\n'
            b"--9B0A\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
            b"--9B0A\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x.no\n\n"
            b"Final-Recipient: rfc822; k@x.no\nStatus: 5.1.1\n--9B0A--\n"
        )
        parsed = parse(raw)
        assert parsed.text == "Your message could not be delivered."
        assert any(a.content_type == "message/delivery-status" for a in parsed.attachments)
        assert any(d.startswith("broken MIME") for d in parsed.defects)

    def test_not_bytes(self) -> None:
        with pytest.raises(ParseError, match="expected bytes"):
            parse("From: a@b.no\n\nhi")  # type: ignore[arg-type]

    def test_too_large(self) -> None:
        raw = b"From: a@b.no\nSubject: big\n\n" + b"x" * (DEFAULT_LIMITS.raw_bytes + 1)
        with pytest.raises(ParseError, match="too large"):
            parse(raw)

    def test_long_text_is_truncated_and_noted(self) -> None:
        line = b"Kari Nordmann, rektor ved skolen i kommunen der vi bor og jobber\n"
        raw = b"From: a@b.no\nSubject: long\nDate: Fri, 1 May 2020 10:00:00 +0200\n\n" + line * (
            DEFAULT_LIMITS.text_chars // len(line) + 100
        )
        parsed = parse(raw)
        assert DEFAULT_LIMITS.text_chars - len(line) < len(parsed.text) <= DEFAULT_LIMITS.text_chars
        assert any(defect.startswith("limit: text cut") for defect in parsed.defects)

    def test_deeply_nested_multipart_is_a_parse_error_or_parses(self) -> None:
        depth = 2000
        head = b"From: a@b.no\nSubject: deep\nMIME-Version: 1.0\n"
        parts = [
            b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (i, i) for i in range(depth)
        ]
        raw = head + b"".join(parts) + b"Content-Type: text/plain\n\nhi\n"
        try:
            parsed = parse(raw)
        except ParseError as exc:
            assert "nested" in str(exc) or "unexpected" in str(exc)
        else:
            assert isinstance(parsed, ParsedEmail)

    def test_mail_without_from_records_a_defect(self) -> None:
        parsed = parse(b"Subject: hei\nDate: Fri, 1 May 2020 10:00:00 +0200\n\nhei\n")
        assert parsed.sender == "" and "no sender address" in parsed.defects


def docx_bytes(document: object) -> bytes:
    import io

    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def mail_with_attachment(data: bytes, filename: str, maintype: str, subtype: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Kari Nordmann <kari.nordmann@luster.kommune.no>"
    message["To"] = "torkel.oien@ks.no"
    message["Subject"] = "Påmelding"
    message["Date"] = "Tue, 5 May 2020 13:00:31 +0000"
    message["Message-ID"] = "<dev-fixture-attachment@luster.kommune.no>"
    message.set_content("Lista ligg ved.\n\nHelsing Kari\n")
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()
