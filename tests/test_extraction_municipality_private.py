"""The municipality of a sign-up from a private address, named only in the text (blind25,
blind27): "<Name> kulturskole melder på", "påmelding fra <name>" in lower case, a signature's
"<Name> kulturskole", the sender's own quoted sign-up under a follow-up; and the safety net:
a sign-up read with no municipality whose text names one all the same is held, not answered
with a request to say which municipality.

Small mails and texts written for these tests (not the fixture files), bokmål and nynorsk.
"""

from __future__ import annotations

import pytest

from parsers.nlp.municipality import resolve_parts
from parsers.types import BODY, QUOTED, SIGNATURE
from tests.extraction_support import codes, own_reply, reader

read = reader("anne.hagen77@gmail.com", None)


def municipality_of(body: str, signature: str = "", sender: str = "x.y@gmail.com") -> str | None:
    """The number read from a private sender's own words and signature, or None."""
    texts = [(BODY, body, 1.0), (SIGNATURE, signature, 1.0)]
    found = resolve_parts([t for t in texts if t[1]], sender, "", signature).municipality
    return found.number if found else None


@pytest.mark.parametrize(
    ("body", "number"),
    [
        ("Hei! Skriver fra telefonen. Ringsaker kulturskole melder på disse:", "3411"),
        ("Hei. Sogndal kulturskule meldar på fire personar:", "4640"),
    ],
    ids=["nb", "nn"],
)
def test_institution_that_signs_up_names_the_municipality(body: str, number: str) -> None:
    """ "<Name> kulturskole melder på": the municipality's own institution registers it."""
    assert municipality_of(body) == number


@pytest.mark.parametrize(
    ("body", "number"),
    [
        ("hei. her kommer påmelding fra ringsaker , beklager sent svar", "3411"),
        ("hei! her er lista frå sogndal, skriv frå mobilen", "4640"),
        ("Her er påmeldinga frå ulvik:", "4620"),
    ],
    ids=["nb", "nn", "nn-pameldinga"],
)
def test_lower_case_name_where_the_words_register_it(body: str, number: str) -> None:
    """A name written in lower case is the municipality where the words say it registers."""
    assert municipality_of(body) == number


@pytest.mark.parametrize(
    ("signature", "number"),
    [
        ("mvh Per\nNotodden kulturskole", "3808"),
        ("Helsing Kari\nRektor, Ullensvang kulturskule", "4618"),
        ("helsing kari\nullensvang kulturskule", "4618"),
    ],
    ids=["nb", "nn", "nn-lower-case"],
)
def test_signature_institution_names_the_municipality(signature: str, number: str) -> None:
    """A signature's "<Name> kulturskole" is where the writer works, as "<Name> kommune" is;
    the line under the sender's first name is a line of its own, not a longer name."""
    assert municipality_of("Her er deltakarane/deltakerne våre.", signature) == number


@pytest.mark.parametrize(
    ("body", "signature"),
    [
        ("påmelding fra time: vi trenger en time til å snakke sammen", ""),
        ("her er lista vår\ntor inge lund, rektor\nkari aure, lærar", ""),
        ("Her er deltakerne fra Sande ungdomsskole og Berg skole.", "Hilsen Ola"),
        ("Her er deltakarane.", "Helsing Siri\nRektor, Flakstad og Moskenes kulturskule"),
        ("påmelding fra vik skule og moss barnehage", ""),
    ],
    ids=["nb-time", "nn-surnames", "nb-schools", "nn-shared-school", "nb-local-places"],
)
def test_words_and_places_that_equal_a_name_are_no_municipality(body: str, signature: str) -> None:
    """An everyday word ("time"), a surname, a school's or a group's place, and the second
    name of a shared kulturskole do not name the municipality that registers."""
    assert municipality_of(body, signature) is None


@pytest.mark.parametrize(
    "body",
    [
        "hei. her kommer påmelding fra kongsvinger. kan noen fra eidskog også være med?",
        "Påmelding frå Kongsvinger kommune. Kan nokon frå Eidskog òg vere med?",
    ],
    ids=["nb", "nn"],
)
def test_neighbour_in_a_question_does_not_take_over(body: str) -> None:
    assert municipality_of(body) == "3401"


LIST_NB = (
    "Hei!\n\nVi vil gjerne være med. Vi er en gjeng fra Rendalen, her er gruppa:\n\n"
    "Tone Lie, kulturskolerektor\nPer Haug, rektor ved Åkrestrømmen skole\n"
    "Eli Moe, styrer i Øvre Rendal barnehage\nOla Bakke, ordfører\n\nMvh Tone"
)
LIST_NN = (
    "Hei!\n\nMe vil gjerne vere med. Me er ein gjeng i etne, her er gruppa:\n\n"
    "Tone Lie, kulturskulerektor\nPer Haug, rektor ved Skånevik skule\n"
    "Eli Moe, styrar i Tunet barnehage\nOla Bakke, ordførar\n\nHelsing Tone"
)


@pytest.mark.parametrize("body", [LIST_NB, LIST_NN], ids=["nb", "nn"])
def test_named_municipality_not_read_is_held(body: str) -> None:
    """No municipality read, but the text names one: held with the line that names it, not
    answered with a request to say which municipality."""
    ex = read(body, sender_name="Tone Lie")
    assert ex.municipality is None and not ex.municipality_candidates
    doubt = next(d for d in ex.doubts if d.code == "municipality_unread")
    assert doubt.part == BODY and doubt.line_no == 3
    assert "Rendalen" in doubt.detail or "etne" in doubt.detail


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVi fra kulturskolen vil være med:\n\nTone Lie, kulturskolerektor\n"
        "Per Haug, rektor ved Åkrestrømmen skole\nEli Moe, styrer i barnehagen\n"
        "Ola Bakke, ordfører\n\nVi trenger en time før verkstedet.\n\nMvh Tone",
        "Hei!\n\nMe frå kulturskulen vil vere med:\n\nTone Lie, kulturskulerektor\n"
        "Per Haug, rektor ved Skånevik skule\nEli Moe, styrar i barnehagen\n"
        "Ola Bakke, ordførar\n\nHelsing Tone\nKulturskulen, 5590 Etne",
    ],
    ids=["nb", "nn"],
)
def test_no_municipality_named_is_no_doubt(body: str) -> None:
    """A school's place, the word "time" and an address's post office name no municipality:
    the reading stays sure, and the sender is asked which municipality."""
    ex = read(body, sender_name="Tone Lie")
    assert ex.municipality is None
    assert "municipality_unread" not in codes(ex)


@pytest.mark.parametrize(
    ("body", "earlier", "number"),
    [
        (
            "Hei igjen! Glemte en: Siv Dahl, rektor ved Moelv skole, blir også med.",
            "Hei. her kommer påmelding fra ringsaker:\n\nAnne Hagen, kulturskolerektor\n"
            "Per Lie, kommunalsjef\nEva Ask, ordfører\nOla Ås, lærer",
            "3411",
        ),
        (
            "Hei att! Ein til: Siv Dahl, rektor ved Kaupanger skule, blir òg med.",
            "Hei. her er lista frå sogndal:\n\nAnne Hagen, kulturskulerektor\n"
            "Per Lie, kommunalsjef\nEva Ask, ordførar\nOla Ås, lærar",
            "4640",
        ),
    ],
    ids=["nb", "nn"],
)
def test_own_quoted_sign_up_names_the_municipality(body: str, earlier: str, number: str) -> None:
    """A follow-up that leaves the municipality out, above the sender's own quoted sign-up
    that names it: the earlier words are the sender's, so they tell the municipality."""
    sender = "anne.hagen77@gmail.com"
    mail = own_reply(body, earlier, sender, "Anne Hagen")
    ex = read(mail, sender_name="Anne Hagen", in_reply_to="<x1@mail.gmail.com>")
    assert ex.municipality is not None and ex.municipality.number == number
    assert ex.municipality_evidence[0].part == QUOTED


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        (
            "Hei! Siv Dahl, rektor ved Moelv skole, blir også med.",
            "Takk for påmeldingen fra Ringsaker kommune.",
        ),
        (
            "Hei! Siv Dahl, rektor ved Kaupanger skule, blir òg med.",
            "Takk for påmeldinga frå Sogndal kommune.",
        ),
    ],
    ids=["nb", "nn"],
)
def test_someone_elses_quoted_message_is_not_read(body: str, quoted: str) -> None:
    """The quoted message of another writer (here the organiser's) is not the sender's own
    words: it does not give the municipality."""
    mail = (
        f"{body}\n\nAnne\n\nFra: Torkel Øien <torkel.oien@ks.no>\n"
        f"Sendt: mandag 4. mai 2020 09:12\nTil: Anne Hagen <anne.hagen77@gmail.com>\n"
        f"Emne: Påmelding\n\n{quoted}\n"
    )
    ex = read(mail, sender_name="Anne Hagen", in_reply_to="<x1@mail.gmail.com>")
    assert ex.municipality is None
