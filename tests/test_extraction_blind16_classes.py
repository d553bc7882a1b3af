"""Failure classes of blind16 (the conversation after the first reply, unexpected senders),
each as a general test in bokmål and nynorsk.

Small mails written for these tests (not the fixture files): a thank-you to the service's own
answer and a read receipt.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from parsers.extraction import extract
from tests.extraction_support import EVENT, reader

read = reader("solveig.haug@etne.kommune.no", None)

#: The service's own answer as a reply quotes it: from the organiser, listing the group.
SERVICE_ANSWER = (
    "Fra: Torkel Øien <torkel.oien@ks.no>\nSendt: mandag 4. mai 2020 10:02\n"
    "Til: {name} <{sender}>\nEmne: Påmelding registrert – Kulturskole for fremtiden\n\n"
    "Hei!\n\nTakk for påmeldingen. Vi har registrert disse deltakerne:\n\n"
    "  *   {first} – kulturskolerektor\n  *   Ola Brekke – rektor ved Nesheim skole\n"
    "  *   Mari Voll – kommunalsjef\n  *   Per Tufte – varaordfører\n\n"
    "Dette er et automatisk svar.\n\nVennlig hilsen\nTorkel Øien\n"
)
ANSWER_SUBJECT = "SV: Påmelding registrert – Kulturskole for fremtiden"
ANSWER_ID = "<answer-0016@ks.no>"


def answer_quote(name: str, sender: str) -> str:
    return SERVICE_ANSWER.format(name=name, sender=sender, first=name)


# --- a reply that only thanks the service's answer registers nobody ----------------------


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Tusen takk! Vi gleder oss til verkstedet.\n\nSolveig", "nb"),
        ("Takk! Då høyrest det bra ut.\n\nSolveig", "nn"),
    ],
)
def test_thanks_for_the_services_answer_is_other(body: str, language: str) -> None:
    sender = "solveig.haug@etne.kommune.no"
    ex = read(
        f"{body}\n\n{answer_quote('Solveig Haug', sender)}",
        sender_name="Solveig Haug",
        subject=ANSWER_SUBJECT,
        in_reply_to=ANSWER_ID,
    )

    assert ex.kind == "other"
    assert ex.participants == ()
    assert ex.language == language


def test_a_new_subject_that_signs_up_still_counts() -> None:
    """Only the organiser's subject, answered with a reply prefix, is not the sender's."""
    ex = read("Hei,\n\nVi blir med.\n", subject="Påmelding fra Etne")

    assert ex.kind == "registration"


# --- a read receipt is no out-of-office ----------------------------------------------------


@pytest.mark.parametrize(
    "human",
    [
        "Meldingen din\n\n    Til: Solveig Haug\n    Emne: Påmelding registrert\n\nble lest "
        "tirsdag 5. mai 2020 08:14.",
        "Meldinga di\n\n    Til: Solveig Haug\n    Emne: Påmelding registrert\n\nvart lesen "
        "tysdag 5. mai 2020 08:14.",
    ],
)
def test_a_read_receipt_is_other(human: str) -> None:
    receipt = EmailMessage()
    receipt["From"] = "Solveig Haug <solveig.haug@etne.kommune.no>"
    receipt["To"] = "Torkel Øien <torkel.oien@ks.no>"
    receipt["Subject"] = "Lest: Påmelding registrert – Kulturskole for fremtiden"
    receipt["Message-ID"] = "<receipt-0016@etne.kommune.no>"
    receipt["In-Reply-To"] = ANSWER_ID
    receipt.set_content(human)
    notification = EmailMessage()
    notification.set_content(
        "Reporting-UA: etne.kommune.no\nFinal-Recipient: rfc822;solveig.haug@etne.kommune.no\n"
        "Original-Message-ID: <answer-0016@ks.no>\nDisposition: manual-action/MDN-sent-manually;"
        " displayed\n"
    )
    receipt.make_mixed()
    receipt.attach(notification)
    raw = receipt.as_bytes().replace(
        b"multipart/mixed;", b'multipart/report; report-type="disposition-notification";', 1
    )

    ex = extract(raw, context=EVENT)

    assert ex.kind == "other"
    assert ex.participants == ()
