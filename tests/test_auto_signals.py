"""parsers.auto_signals: every reason a message is automatic mail (RFC 3834 and friends)."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from parsers.auto_signals import bounced_recipients, detect, is_bounce
from parsers.mime import parse
from tests.corpus import corpus_bytes as corpus

REPO = Path(__file__).resolve().parents[1]
PERSON = "kari.nordmann@bodo.kommune.no"


class TestCorpus:
    def test_001_postfix_dsn_is_a_bounce(self) -> None:
        parsed = parse(corpus("001"))
        assert parsed.is_bounce
        for signal in ("multipart/report", "return-path:null", "sender:mailer-daemon"):
            assert signal in parsed.auto_signals

    def test_001_bounced_recipient_from_flufl_bounce(self) -> None:
        assert bounced_recipients(corpus("001")) == {"kulturskolen@tjome.kommune.no"}

    def test_002_exchange_out_of_office(self) -> None:
        parsed = parse(corpus("002"))
        assert "auto-submitted:auto-replied" in parsed.auto_signals
        assert "subject:auto-reply" in parsed.auto_signals
        assert "x-auto-response-suppress:all" in parsed.auto_signals
        assert not parsed.is_bounce

    def test_018_newsletter_list_signals(self) -> None:
        parsed = parse(corpus("018"))
        assert {"precedence:bulk", "list-unsubscribe"} <= set(parsed.auto_signals)
        assert not parsed.is_bounce

    @pytest.mark.parametrize("number", [f"{n:03d}" for n in range(3, 41) if n != 18])
    def test_mail_written_by_people_has_no_signals(self, number: str) -> None:
        parsed = parse(corpus(number))
        assert parsed.auto_signals == () and not parsed.is_bounce

    def test_person_mail_has_no_bounced_recipients(self) -> None:
        assert bounced_recipients(corpus("007")) == set()


class TestHeaders:
    @pytest.mark.parametrize(
        ("headers", "expected"),
        [
            ([("Auto-Submitted", "auto-replied")], "auto-submitted:auto-replied"),
            (
                [("Auto-Submitted", "auto-generated; owner-email=x@y")],
                "auto-submitted:auto-generated",
            ),
            ([("X-Autoreply", "yes")], "x-autoreply"),
            ([("X-Autorespond", "Out of office")], "x-autorespond"),
            ([("X-Auto-Response-Suppress", "DR, OOF")], "x-auto-response-suppress:oof"),
            ([("X-Auto-Response-Suppress", "AutoReply")], "x-auto-response-suppress:autoreply"),
            ([("Precedence", "bulk")], "precedence:bulk"),
            ([("Precedence", "list")], "precedence:list"),
            ([("Precedence", "junk")], "precedence:junk"),
            ([("Precedence", "auto_reply")], "precedence:auto_reply"),
            ([("List-Id", "<kultur.lists.example.no>")], "list-id"),
            ([("List-Unsubscribe", "<mailto:u@x>")], "list-unsubscribe"),
            ([("List-Post", "<mailto:l@x>")], "list-post"),
            ([("Return-Path", "<>")], "return-path:null"),
        ],
    )
    def test_header_signal(self, headers: list[tuple[str, str]], expected: str) -> None:
        assert expected in detect(headers, PERSON, "text/plain")

    def test_auto_submitted_no_is_a_person(self) -> None:
        assert detect([("Auto-Submitted", "no")], PERSON, "text/plain") == ()

    def test_suppress_values_that_do_not_count(self) -> None:
        assert detect([("X-Auto-Response-Suppress", "RN, NRN")], PERSON, "text/plain") == ()

    def test_precedence_first_class_is_a_person(self) -> None:
        assert detect({"Precedence": "first-class"}, PERSON, "text/plain") == ()

    def test_header_names_are_case_insensitive(self) -> None:
        assert detect({"AUTO-SUBMITTED": "auto-replied"}, PERSON, "text/plain")

    def test_multipart_report(self) -> None:
        assert "multipart/report" in detect((), PERSON, "multipart/report")


class TestSenderAndSubject:
    @pytest.mark.parametrize(
        "sender",
        [
            "MAILER-DAEMON@mx.example.no",
            "postmaster@example.no",
            "noreply@example.no",
            "no-reply@example.no",
            "donotreply@example.no",
            "do-not-reply@example.no",
            "abuse@example.no",
        ],
    )
    def test_robot_senders(self, sender: str) -> None:
        assert any(s.startswith("sender:") for s in detect((), sender, "text/plain"))

    def test_person_whose_name_contains_noreply_is_a_person(self) -> None:
        assert detect((), "noreplyson.kari@example.no", "text/plain") == ()

    @pytest.mark.parametrize(
        "subject",
        [
            "Automatisk svar: Invitasjon",
            "Autosvar: Invitasjon",
            "Out of Office: Invitation",
            "Fråværsmelding",
            "Automatic reply: Invitation",
        ],
    )
    def test_auto_reply_subjects(self, subject: str) -> None:
        assert "subject:auto-reply" in detect({"Subject": subject}, PERSON, "text/plain")

    @pytest.mark.parametrize(
        "subject",
        [
            "Undeliverable: Invitasjon",
            "Returned mail: see transcript",
            "Delivery Status Notification (Failure)",
            "Undelivered Mail Returned to Sender",
        ],
    )
    def test_bounce_subjects(self, subject: str) -> None:
        assert "subject:bounce" in detect({"Subject": subject}, PERSON, "text/plain")

    def test_subject_mentioning_the_topic_is_not_automatic(self) -> None:
        assert detect({"Subject": "Svar: påmelding"}, PERSON, "text/plain") == ()

    def test_own_address(self) -> None:
        assert "own-address" in detect((), "Torkel.Oien@ks.no", "text/plain", ["torkel.oien@ks.no"])


class TestIsBounce:
    def test_report_of_delivery_status(self) -> None:
        assert is_bounce(("multipart/report",), "multipart/report", "delivery-status")

    def test_read_receipt_report_is_not_a_bounce(self) -> None:
        assert not is_bounce(("multipart/report",), "multipart/report", "disposition-notification")

    def test_robot_with_bounce_subject(self) -> None:
        assert is_bounce(("sender:mailer-daemon", "subject:bounce"), "text/plain")

    def test_bounce_subject_from_a_person_is_not_a_bounce(self) -> None:
        assert not is_bounce(("subject:bounce",), "text/plain")


class TestBouncedRecipients:
    def test_garbage_gives_an_empty_set(self) -> None:
        assert bounced_recipients(b"\x00\x01 not mail") == set()

    def test_plain_text_exim_bounce(self) -> None:
        message = EmailMessage()
        message["From"] = "MAILER-DAEMON@mx.example.no"
        message["To"] = "torkel.oien@ks.no"
        message["Subject"] = "Mail delivery failed: returning message to sender"
        message.set_content(
            "This message was created automatically by mail delivery software.\n\n"
            "A message that you sent could not be delivered to one or more of its\n"
            "recipients. This is a permanent error. The following address(es) failed:\n\n"
            "  Ola@Nowhere.example.no\n"
            "    SMTP error from remote mail server after RCPT TO:<ola@nowhere.example.no>:\n"
            "    550 5.1.1 User unknown\n"
        )
        assert bounced_recipients(message.as_bytes()) == {"ola@nowhere.example.no"}
        assert bounced_recipients(message) == {"ola@nowhere.example.no"}
