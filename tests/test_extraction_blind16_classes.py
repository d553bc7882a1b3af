"""Failure classes of blind16 (the conversation after the first reply, unexpected senders),
each as a general test in bokmål and nynorsk.

Small mails written for these tests (not the fixture files): a thank-you to the service's own
answer, a read receipt, a replacement for someone on sick leave, a role with a qualifier or
an abbreviation, "Name, role, Workplace" lines, English titles, "eg og tre andre: …" prose, a
middle initial for a listed person, an institution or a considered person in long prose.
Where the reader cannot be sure, the reading must be unsure (held), never wrong.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from parsers.extraction import extract
from parsers.nlp.sectors import classify_sector
from tests.extraction_support import EVENT, codes, people, reader

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


# --- a replacement for someone on sick leave -----------------------------------------------


@pytest.mark.parametrize(
    ("body", "added", "removed"),
    [
        (
            "Hei igjen,\n\nEn endring: Mari Voll er dessverre sykmeldt ut mai. Sindre Aas, "
            "konstituert kommunalsjef for oppvekst, kommer i stedet.\n\nKontaktperson for "
            "gruppen er fortsatt Ola Brekke.",
            ("Sindre Aas", "konstituert kommunalsjef for oppvekst", "administrasjon"),
            "Mari Voll",
        ),
        (
            "Hei att,\n\nEi endring: Mari Voll er diverre sjukmeld fram til sommaren. Sindre "
            "Aas, fungerande kommunalsjef for oppvekst, kjem i staden.\n\nKontaktperson for "
            "gruppa er framleis Ola Brekke.",
            ("Sindre Aas", "fungerande kommunalsjef for oppvekst", "administrasjon"),
            "Mari Voll",
        ),
    ],
)
def test_someone_on_sick_leave_is_replaced(
    body: str, added: tuple[str, str, str], removed: str
) -> None:
    sender = "solveig.haug@etne.kommune.no"
    ex = read(
        f"{body}\n\nHilsen\nSolveig Haug\n\n{answer_quote('Solveig Haug', sender)}",
        sender_name="Solveig Haug",
        subject=ANSWER_SUBJECT,
        in_reply_to=ANSWER_ID,
    )

    assert ex.kind == "update"
    assert people(ex) == [added]
    assert ex.removed == (removed,)
    assert codes(ex) == set()  # the contact person is on the quoted list already


@pytest.mark.parametrize(
    "body",
    [
        "Hei,\n\nEt spørsmål: Mari Voll er i permisjon til 15. mai. Kan noen andre svare for oss?",
        "Hei,\n\nEit spørsmål: Mari Voll er i permisjon til 15. mai. Kan nokon andre svare "
        "for oss?",
    ],
)
def test_a_leave_without_regret_removes_nobody(body: str) -> None:
    ex = read(body)

    assert ex.kind == "question"
    assert ex.removed == ()


# --- roles: abbreviations, qualifiers, "Name, role, Workplace", English titles ------------


@pytest.mark.parametrize(
    "body",
    [
        "Etne kommune melder på følgende:\n\nGunnar Sæbø\trådm.\nLiv Fjære\tass. rektor ved "
        "Etne skole\nNils Vik\tkonst. kultursjef\nSolveig Haug\tkulturskolerektor\n",
        "Etne kommune melder på desse:\n\nGunnar Sæbø\trådm.\nLiv Fjære\tass. rektor ved "
        "Etne skule\nNils Vik\tkonst. kultursjef\nSolveig Haug\tkulturskulerektor\n",
    ],
)
def test_abbreviated_roles_are_kept_as_written(body: str) -> None:
    found = people(read(body))

    assert found[0] == ("Gunnar Sæbø", "rådm.", "administrasjon")
    assert found[1][1].startswith("ass. rektor ved Etne")
    assert found[2] == ("Nils Vik", "konst. kultursjef", "administrasjon")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Her er påmeldingen fra Etne (navn, stilling, arbeidssted):\n\n"
            "Solveig Haug, kulturskolerektor, Etne kulturskole\n"
            "Ola Brekke, rektor, Nesheim skole\n"
            "Eva Sandvik, styrer, Solbakken barnehage\n"
            "Per Fjære, bibliotekleder, Etne bibliotek\n",
            [
                ("Solveig Haug", "kulturskolerektor", "kulturskole"),
                ("Ola Brekke", "rektor", "skole"),
                ("Eva Sandvik", "styrer", "barnehage"),
                ("Per Fjære", "bibliotekleder", "kulturliv"),
            ],
        ),
        (
            "Her er påmeldinga frå Etne (namn, stilling, arbeidsstad):\n\n"
            "Solveig Haug, kulturskulerektor, Etne kulturskule\n"
            "Ola Brekke, rektor, Nesheim skule\n"
            "Eva Sandvik, styrar, Solbakken barnehage\n"
            "Per Fjære, leiar, Etne bibliotek\n",
            [
                ("Solveig Haug", "kulturskulerektor", "kulturskole"),
                ("Ola Brekke", "rektor", "skole"),
                ("Eva Sandvik", "styrar", "barnehage"),
                ("Per Fjære", "leiar", "kulturliv"),
            ],
        ),
    ],
)
def test_name_role_workplace_lines_keep_the_workplace_out_of_the_role(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    ex = read(body)

    assert people(ex) == expected
    assert codes(ex) == set()


def test_a_role_after_a_dash_keeps_its_workplace() -> None:
    """Only the all-comma line puts the workplace apart; "Navn – rektor, X skole" is one
    role phrase, as the earlier sets write it."""
    ex = read("Vi melder på:\n\n- Ola Brekke – rektor, Nesheim skole\n")

    assert people(ex)[0][1] == "rektor, Nesheim skole"


@pytest.mark.parametrize(
    "body",
    [
        "Etne kommune vil gjerne være med. Noen titler står på engelsk:\n\n"
        "  *   Anna Berg – Head of culture\n  *   Tom Lie – Music teacher, Nesheim skole\n"
        "  *   Solveig Haug – kulturskolerektor\n  *   Per Tufte – varaordfører\n",
        "Etne kommune vil gjerne vere med. Nokre titlar står på engelsk:\n\n"
        "  *   Anna Berg – Head of culture\n  *   Tom Lie – Music teacher, Nesheim skule\n"
        "  *   Solveig Haug – kulturskulerektor\n  *   Per Tufte – varaordførar\n",
    ],
)
def test_english_titles_are_roles(body: str) -> None:
    ex = read(body)

    found = {name: (role, sector) for name, role, sector in people(ex)}
    assert found["Anna Berg"] == ("Head of culture", "administrasjon")
    assert found["Tom Lie"][1] == "skole"
    assert len(found) == 4
    assert codes(ex) == set()


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("- and me, piano teacher at the kulturskole", "piano teacher at the kulturskole"),
        ("- and myself, music teacher", "music teacher"),
    ],
)
def test_an_english_self_line_is_the_sender(line: str, role: str) -> None:
    """ "- and me, piano teacher …" is no name: it is the sender (branch safety reads it
    with its role; before, it was held)."""
    body = (
        "Etne kommune would like to join. Our group:\n\n- Ola Brekke, rektor ved Nesheim skole\n"
        f"- Per Tufte, varaordfører\n- Mari Voll, kommunalsjef\n{line}\n"
    )
    ex = read(body, sender_name="Anna Berg")

    assert "and me" not in [p.name for p in ex.participants]
    assert ("Anna Berg", role) in [(p.name, p.role) for p in ex.participants]
    assert codes(ex) == set()


# --- prose: "eg og tre andre: A, som er …, B, …, og C (parti), …" ---------------------


@pytest.mark.parametrize(
    ("body", "signature"),
    [
        (
            "Vi vil gjerne være med på verkstedet. Det blir jeg og tre andre: Ola Brekke, "
            "som er rektor ved Nesheim skole, Mari Voll, enhetsleder for kultur, og Per "
            "Tufte (Sp), kommunestyrerepresentant.",
            "Vennlig hilsen\nSolveig Haug\nKulturskolerektor\nEtne kommune",
        ),
        (
            "Vi vil gjerne vere med på verkstaden. Det blir eg og tre andre: Ola Brekke, "
            "som er rektor ved Nesheim skule, Mari Voll, einingsleiar for kultur, og Per "
            "Tufte (Sp), kommunestyrerepresentant.",
            "Venleg helsing\nSolveig Haug\nKulturskulerektor\nEtne kommune",
        ),
    ],
)
def test_the_writer_and_three_others_in_prose(body: str, signature: str) -> None:
    ex = read(f"Hei,\n\n{body}\n\n{signature}", sender_name="Solveig Haug")

    title = signature.split("\n")[2]
    assert [(name, role) for name, role, _ in people(ex)] == [
        ("Solveig Haug", title),
        ("Ola Brekke", ex.participants[1].role),
        ("Mari Voll", ex.participants[2].role),
        ("Per Tufte", "kommunestyrerepresentant"),
    ]
    assert (ex.participants[1].role or "").startswith("rektor ved Nesheim")
    assert ex.participants[0].sector == "kulturskole"
    assert ex.participants[3].sector == "politikk"
    assert codes(ex) == set()


# --- a middle initial names a listed person again -----------------------------------------


@pytest.mark.parametrize(
    ("body", "signature"),
    [
        (
            "Etne kommune melder på:\n\n  1.  Solveig Lid Haug, kulturskolerektor\n"
            "  2.  Ola Brekke, rektor ved Nesheim skole\n  3.  Eva Sandvik, styrer i "
            "Solbakken barnehage\n  4.  Solveig L. Haug – kontaktperson for gruppen\n",
            "Hilsen\nSolveig Lid Haug",
        ),
        (
            "Etne kommune melder på:\n\n  1.  Solveig Lid Haug, kulturskulerektor\n"
            "  2.  Ola Brekke, rektor ved Nesheim skule\n  3.  Eva Sandvik, styrar i "
            "Solbakken barnehage\n  4.  Solveig L. Haug – kontaktperson for gruppa\n",
            "Helsing\nSolveig Lid Haug",
        ),
    ],
)
def test_a_middle_initial_is_the_listed_person_again(body: str, signature: str) -> None:
    ex = read(f"Hei,\n\n{body}\n{signature}", sender_name="Solveig Lid Haug")

    assert [p.name for p in ex.participants] == ["Solveig Lid Haug", "Ola Brekke", "Eva Sandvik"]
    assert codes(ex) == set()  # three persons: the too-few answer is right


# --- long prose: an institution and a person only considered --------------------------------


@pytest.mark.parametrize(
    "prose",
    [
        "Vi vurderte også å ta med Kjetil Rød fra Etne musikklag, men han er bortreist i juni. "
        "Vi kommer til å sitte samlet i Kulturhuset Tveit, så én lenke holder.",
        "Vi vurderte òg å ta med Kjetil Rød frå Etne musikklag, men han er bortreist i juni. "
        "Me kjem til å sitje samla i Kulturhuset Tveit, så éi lenkje held.",
    ],
)
def test_an_institution_and_a_considered_person_are_no_participants(prose: str) -> None:
    body = (
        "Etne kommune melder på:\n\n1. Solveig Haug, kulturskolerektor\n2. Ola Brekke, rektor "
        "ved Nesheim skole\n3. Mari Voll, kommunalsjef\n4. Per Tufte, varaordfører\n\n" + prose
    )
    ex = read(body)

    assert [p.name for p in ex.participants] == [
        "Solveig Haug", "Ola Brekke", "Mari Voll", "Per Tufte",
    ]  # fmt: skip
    assert codes(ex) == set()


def test_a_person_considered_and_taken_along_is_still_doubted() -> None:
    """Without "men …" the consideration may have ended in a yes: someone may be missed."""
    body = (
        "Etne kommune melder på:\n\n1. Solveig Haug, kulturskolerektor\n2. Ola Brekke, rektor "
        "ved Nesheim skole\n3. Mari Voll, kommunalsjef\n4. Per Tufte, varaordfører\n\n"
        "Vi vurderte også å ta med Kjetil Rød fra Etne musikklag, og han sa ja til slutt."
    )

    assert codes(read(body))


# --- follow-ups: to the service's answer, and typed as new mails ---------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Hei,\n\nNå har vi fått med en politiker også:\n\nTone Dahl (Sp), leder i "
        "oppvekstutvalget\n\nHilsen\nSolveig Haug",
        "Hei,\n\nNo har vi fått med ein politikar òg:\n\nTone Dahl (Sp), leiar i "
        "oppvekstutvalet\n\nHelsing\nSolveig Haug",
    ],
)
def test_an_addition_in_reply_to_the_services_list_is_an_update(body: str) -> None:
    sender = "solveig.haug@etne.kommune.no"
    ex = read(
        f"{body}\n\n{answer_quote('Solveig Haug', sender)}",
        sender_name="Solveig Haug",
        subject=ANSWER_SUBJECT,
        in_reply_to=ANSWER_ID,
    )

    assert ex.kind == "update"
    assert [p.name for p in ex.participants] == ["Tone Dahl"]


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Hei igjen,\n\nDere skrev i svaret at alle fire er knyttet til kulturskolen. Det var "
            "min feil: Eva Sandvik slutter hos oss og har nå full stilling ved skolen. Hun er "
            "altså med som lærer ved Nesheim skole, ikke som danselærer.\n\nResten av listen "
            "står som før.\n\nHilsen Solveig",
            "lærer ved Nesheim skole",
        ),
        (
            "Hei att,\n\nDe skreiv i svaret at alle fire er knytte til kulturskulen. Det var mi "
            "feil: Eva Sandvik sluttar hos oss og har no full stilling ved skulen. Ho er altså "
            "med som lærar ved Nesheim skule, ikkje som dansepedagog.\n\nResten av lista står "
            "som før.\n\nHelsing Solveig",
            "lærar ved Nesheim skule",
        ),
    ],
)
def test_a_role_corrected_in_a_new_mail_is_an_update(body: str, role: str) -> None:
    ex = read(body, sender_name="Solveig Haug", subject="Sv: Påmelding Etne", in_reply_to=None)

    assert ex.kind == "update"
    assert people(ex) == [("Eva Sandvik", role, "skole")]
    assert codes(ex) == set()


@pytest.mark.parametrize(
    "body",
    [
        "Hei igjen.\n\nKjetil Rød kan likevel ikke være med, så dere kan stryke ham fra "
        "listen vi sendte fra Etne.\n\nSolveig",
        "Hei att.\n\nKjetil Rød kan likevel ikkje vere med, så de kan stryke han frå lista "
        "vi sende frå Etne.\n\nSolveig",
    ],
)
def test_the_list_sent_from_a_place_names_the_municipality(body: str) -> None:
    ex = read(body, sender="solveig.haug@gmail.com", subject="Sv: Påmelding", in_reply_to=None)

    assert ex.kind == "update"
    assert ex.removed == ("Kjetil Rød",)
    assert ex.municipality is not None and ex.municipality.name == "Etne"


# --- an adviser "for" the guarded sector does not work in it --------------------------------


@pytest.mark.parametrize(
    ("role", "sector"),
    [
        ("rådgiver for kulturskole og musikk", "administrasjon"),
        ("rådgjevar for kulturskule og musikk", "administrasjon"),
        ("rådgiver i kulturskolen", "kulturskole"),
        ("rådgjevar ved Etne kulturskule", "kulturskole"),
    ],
)
def test_an_adviser_for_the_guarded_sector_is_administration(role: str, sector: str) -> None:
    assert classify_sector(role, guarded=EVENT.guarded_sector) == sector
