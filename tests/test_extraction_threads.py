"""Failure classes of the third blind set: conversations (replies to one's own side's sign-up,
role corrections, replacements), put-off sign-ups and questions naming a possible participant,
self roles that run into the next name, first names of a listed person, 'blir med som …',
bounce language and folk-music organisations (new hand-written mails, bokmål and nynorsk)."""

from __future__ import annotations

import pytest

from parsers.extraction import extract
from parsers.nlp.sectors import classify_sector
from tests.extraction_support import reader

INVITATION = "<dev-invitation-0003@ks.no>"
EARLIER = "<earlier-sign-up-0003@kommune.no>"


read = reader("post@sigdal.kommune.no", INVITATION)


def outlook_quote(name: str, address: str, earlier: str) -> str:
    return (
        f"Fra: {name} <{address}>\nSendt: mandag 4. mai 2020 09:12\n"
        f"Til: Torkel Øien <torkel.oien@ks.no>\nEmne: SV: Invitasjon\n\n{earlier}\n"
    )


def gmail_quote(name: str, address: str, earlier: str) -> str:
    quoted = "\n".join(f"> {line}" if line else ">" for line in earlier.split("\n"))
    return f"man. 4. mai 2020 kl. 10:05 skrev {name} <{address}>:\n\n{quoted}\n"


INVITATION_QUOTE = outlook_quote(
    "Torkel Øien",
    "torkel.oien@ks.no",
    "Kommuner som ønsker å delta, må samle minst fire personer fra egen kommune.\n\n"
    "Vennlig hilsen\nTorkel Øien\nKS",
)
EARLIER_NN = (
    "Hei\n\nUlvik herad melder på desse:\n\nBrita Hole – kulturskulerektor\n"
    "Arne Vik – rektor ved Ulvik skule\nSolveig Lid – ordførar\n\nHelsing\nBrita Hole"
)
EARLIER_NB = (
    "Hei\n\nHer er gruppen vår:\n\nTove Lunde – kulturskolerektor\n"
    "Geir Moen – rektor ved Bø skole\nRandi Eik – varaordfører\nJan Li – kultursjef\n\n"
    "Hilsen Tove"
)


# --- kind: a reply to one's own side's earlier sign-up is an update ----------------------


def test_nn_colleague_of_the_same_municipality_adds_people_is_an_update() -> None:
    body = (
        "Hei Torkel\n\nHer er to til frå oss, i tillegg til dei Brita sende:\n\n"
        "Nils Øvre – kultursjef\nKirsti Bakke – styrar i Tunet barnehage\n\nHelsing\nNils Øvre\n\n"
        + outlook_quote("Brita Hole", "brita.hole@ulvik.kommune.no", EARLIER_NN)
    )
    ex = read(body, "nils.ovre@ulvik.kommune.no", "Nils Øvre", in_reply_to=EARLIER)
    assert ex.kind == "update"
    assert [p.name for p in ex.participants] == ["Nils Øvre", "Kirsti Bakke"]


def test_nb_colleague_reply_from_the_same_municipality_domain_is_an_update() -> None:
    body = (
        "Hei!\n\nJeg fyller på med vår nye enhetsleder:\n\n- Sigurd Holm, enhetsleder for "
        "barnehagene\n\nMvh\nRandi Eik\n\n"
        + outlook_quote("Tove Lunde", "tove.lunde@bo.kommune.no", EARLIER_NB)
    )
    ex = read(body, "randi.eik@bo.kommune.no", "Randi Eik", in_reply_to=EARLIER)
    assert ex.kind == "update"
    assert [p.name for p in ex.participants] == ["Sigurd Holm"]


def test_nb_reply_to_the_organisers_invitation_stays_a_registration() -> None:
    body = (
        "Hei\n\nVi melder på:\n- Tove Lunde, kulturskolerektor\n- Geir Moen, rektor ved Bø "
        "skole\n\nHilsen Tove\n\n" + INVITATION_QUOTE
    )
    assert read(body, "tove.lunde@bo.kommune.no", "Tove Lunde").kind == "registration"


@pytest.mark.parametrize(
    "own",
    [
        "Beklager, glemte å skrive hvilken kommune vi er fra. Det gjelder Sigdal kommune.",
        "Eg gløymde visst kommunen: me er frå Ulvik herad, Ulvik kommune.",
    ],
)
def test_reply_to_own_sign_up_that_only_gives_the_municipality_is_an_update(own: str) -> None:
    body = f"{own}\n\nTove\n\n" + gmail_quote("Tove Lunde", "tove.lunde77@gmail.com", EARLIER_NB)
    ex = read(body, "tove.lunde77@gmail.com", "Tove Lunde", in_reply_to=EARLIER)
    assert ex.kind == "update"
    assert ex.participants == ()


def test_reply_to_own_sign_up_asking_something_is_a_question() -> None:
    body = "Fikk dere denne?\n\nTove\n\n" + gmail_quote(
        "Tove Lunde", "tove.lunde77@gmail.com", EARLIER_NB
    )
    ex = read(body, "tove.lunde77@gmail.com", "Tove Lunde", in_reply_to=EARLIER)
    assert ex.kind == "question"


# --- role corrections and replacements in a thread --------------------------------------


@pytest.mark.parametrize(
    ("own", "name", "role"),
    [
        (
            "Liten rettelse: Geir Moen er ikke lærer i kulturskolen, han er korleder i Bø "
            "kirkekor.",
            "Geir Moen",
            "korleder i Bø kirkekor",
        ),
        (
            "Ei retting: Arne Vik er ikkje rektor. Rolla hans skal vere kantor i Ulvik kyrkjelyd.",
            "Arne Vik",
            "kantor i Ulvik kyrkjelyd",
        ),
        (
            "Jeg skrev feil om Randi Eik. Rollen hennes er leder i Bø musikkorps.",
            "Randi Eik",
            "leder i Bø musikkorps",
        ),
    ],
)
def test_role_corrections_relist_the_person_with_the_new_role(
    own: str, name: str, role: str
) -> None:
    body = f"{own}\n\nHilsen Tove\n\n" + gmail_quote(
        "Tove Lunde", "tove.lunde@bo.kommune.no", EARLIER_NB
    )
    ex = read(body, "tove.lunde@bo.kommune.no", "Tove Lunde", in_reply_to=EARLIER)
    assert ex.kind == "update"
    assert [(p.name, p.role, p.sector) for p in ex.participants] == [(name, role, "kulturliv")]


@pytest.mark.parametrize(
    ("own", "gone", "new", "role"),
    [
        (
            "Enda en endring: Geir Moen har blitt syk og kan ikke være med. Han erstattes av "
            "Lise Dahl, som er rektor ved Moen skole.",
            "Geir Moen",
            "Lise Dahl",
            "rektor ved Moen skole",
        ),
        (
            "Ei endring til: Arne Vik har fått permisjon og kan ikkje vere med. Han vert "
            "erstatta av Liv Haug, som er styrar i Haug barnehage.",
            "Arne Vik",
            "Liv Haug",
            "styrar i Haug barnehage",
        ),
    ],
)
def test_replacement_with_a_reason_and_a_passive_verb(
    own: str, gone: str, new: str, role: str
) -> None:
    body = f"{own}\n\nHelsing\nTove Lunde\n\n" + outlook_quote(
        "Tove Lunde", "tove.lunde@bo.kommune.no", EARLIER_NB
    )
    ex = read(body, "tove.lunde@bo.kommune.no", "Tove Lunde", in_reply_to=EARLIER)
    assert ex.kind == "update"
    assert [(p.name, p.role) for p in ex.participants] == [(new, role)]
    assert ex.removed == (gone,)


# --- questions and put-off sign-ups register nobody ---------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Hei\n\nKan vi ta med Eva Lid, som er leder for frivilligsentralen? Hun er ikke ansatt "
        "i kommunen.\n\nVi melder på så snart vi har svar.\n",
        "Hei\n\nKan me ta med Sigrun Tveit, som leiar koret her? Me melder oss på når me veit "
        "dette.\n",
    ],
)
def test_question_naming_a_possible_participant_signs_nobody_up(body: str) -> None:
    ex = read(body)
    assert ex.kind == "question"
    assert ex.participants == ()


@pytest.mark.parametrize(
    "body",
    [
        "Hei\n\nVi melder oss på dersom vi får med en politiker. Det avklarer vi i neste uke.\n",
        "Hei\n\nMe melder oss på om me får med ein frå skulen, det veit me først etter møtet.\n",
    ],
)
def test_conditional_sign_up_is_no_registration(body: str) -> None:
    assert read(body).kind != "registration"


# --- names and roles in prose -----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "sender_name", "expected"),
    [
        (
            "Hei\n\nJeg melder på meg selv som kulturskolerektor og Per Åsli, som er lærer ved "
            "Vik skole.\n",
            "Mona Vik",
            [("Mona Vik", "kulturskolerektor"), ("Per Åsli", "lærer ved Vik skole")],
        ),
        (
            "Hei\n\nEg melder på meg sjølv som kultursjef og Marta Kvåle, som er rektor ved "
            "Ulvik skule.\n",
            "Oddny Lid",
            [("Oddny Lid", "kultursjef"), ("Marta Kvåle", "rektor ved Ulvik skule")],
        ),
    ],
)
def test_self_role_never_swallows_the_next_name(
    body: str, sender_name: str, expected: list[tuple[str, str]]
) -> None:
    ex = read(body, sender_name=sender_name)
    assert sorted((p.name, p.role) for p in ex.participants) == sorted(expected)


@pytest.mark.parametrize(
    "body",
    [
        "Hei\n\nVi melder på:\n- Ola Nordvik Sæter, kulturskolerektor\n- Kari Myr, ordfører\n"
        "- Jon Arild Bakken\n\nJon Arild har sagt ja, men rollen hans er ikke avklart.\n",
        "Hei\n\nMe meldar på:\n- Ola Nordvik Sæter, kulturskulerektor\n- Kari Myr, ordførar\n"
        "- Jon Arild Bakken\n\nJon Arild kjem, men rolla hans er ikkje avklart enno.\n",
    ],
)
def test_first_names_of_a_listed_person_are_no_new_participant(body: str) -> None:
    ex = read(body)
    assert [p.name for p in ex.participants] == [
        "Ola Nordvik Sæter",
        "Kari Myr",
        "Jon Arild Bakken",
    ]


@pytest.mark.parametrize(
    ("body", "name", "role", "sector"),
    [
        (
            "Hei\n\nMarit Øvrebø blir med som dagleg leiar i Ulvik frivilligsentral.\n",
            "Marit Øvrebø",
            "dagleg leiar i Ulvik frivilligsentral",
            "kulturliv",
        ),
        (
            "Hei\n\nHans Tveit stiller som leder for Bø skolekorps, og Anne Ek kommer som "
            "rektor ved Bø skole.\n",
            "Hans Tveit",
            "leder for Bø skolekorps",
            "kulturliv",
        ),
    ],
)
def test_join_verb_with_som_gives_the_role(body: str, name: str, role: str, sector: str) -> None:
    ex = read(body)
    person = next(p for p in ex.participants if p.name == name)
    assert (person.role, person.sector) == (role, sector)


@pytest.mark.parametrize(
    "role",
    [
        "leder i Hol spellemannslag",
        "leiar i Vik spelmannslag",
        "leiar for Voss folkedanslag",
        "styreleder i Bø leikarring",
        "leder for Moss symfoniorkester",
        "leiar i jazzklubben",
    ],
)
def test_folk_music_dance_and_orchestra_roles_are_kulturliv(role: str) -> None:
    assert classify_sector(role) == "kulturliv"


# --- bounce language ----------------------------------------------------------------------


def dsn(recipient: str, returned: str) -> bytes:
    boundary = "b3-dsn"
    return (
        "From: MAILER-DAEMON@mx.example.no\r\nTo: torkel.oien@ks.no\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Date: Mon, 27 Apr 2020 10:00:00 +0200\r\n"
        "Message-ID: <b3-dsn-1@mx.example.no>\r\nAuto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status;\r\n"
        f' boundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/plain\r\n\r\n"
        "I'm sorry to have to inform you that your message could not be delivered.\r\n"
        f"<{recipient}>: 550 5.1.1 User unknown\r\n\r\n"
        f"--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.example.no\r\n\r\nFinal-Recipient: rfc822; {recipient}\r\n"
        "Action: failed\r\nStatus: 5.1.1\r\n\r\n"
        f"--{boundary}\r\nContent-Type: message/rfc822\r\n\r\n"
        "From: Torkel Øien <torkel.oien@ks.no>\r\n"
        f"To: {recipient}\r\nSubject: Invitasjon\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        f"{returned}\r\n\r\n--{boundary}--\r\n"
    ).encode()


def test_bounce_to_a_nynorsk_looking_mailbox_takes_the_returned_bokmal_language() -> None:
    returned = (
        "Kommuner som ønsker å delta, må samle minst fire personer. Vi ser fram til å høre "
        "fra dere!\r\n\r\nVennlig hilsen\r\nTorkel Øien"
    )
    ex = extract(dsn("kulturskulen.skulen@eid.kommune.no", returned))
    assert (ex.kind, ex.language) == ("bounce", "nb")


def test_bounce_of_a_nynorsk_message_is_nynorsk() -> None:
    returned = "Me ser fram til å høyre frå dykk, og ønskjer dykk velkomne!\r\n\r\nHelsing Liv"
    ex = extract(dsn("post@bo.kommune.no", returned))
    assert (ex.kind, ex.language) == ("bounce", "nn")


def test_mailbox_names_do_not_vote_on_the_language() -> None:
    body = "Hei\n\nSvar gjerne til kulturskulen.skulen@ulvik.kommune.no, vi kommer.\n"
    assert read(body).language == "nb"
