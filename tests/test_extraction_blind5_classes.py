"""Hand-written mails for the failure classes blind5 showed (own wording, not copies).

Bokmål and nynorsk: a municipality or county written as the subject of a sign-up sentence is
no person; a person said not to take part (on copy, "deltar ikke", "kan ikkje vere med");
the writer of a forwarded list is its "meg selv"; "representert ved"; a role word glued to a
closing word ("helsesjukepleiar" is no "Helse …" sign-off); crafts roles; the party after
"for/frå" is no part of the role; a youth representative in UKM is cultural life.
"""

from __future__ import annotations

import pytest

from parsers.nlp.places import is_place_name
from parsers.nlp.roles import clean_role
from parsers.nlp.sectors import classify_sector
from tests.extraction_support import DEV_INVITATION, people, reader

read = reader("post@aurskog-holand.kommune.no", DEV_INVITATION)


def names(body: str, **kw: str) -> list[str]:
    return [p[0] for p in people(read(body, **kw))]


@pytest.mark.parametrize(
    "text",
    ["Vestre Slidre", "Sør-Aurdal kommune", "Troms og Finnmark", "Østre Toten kommune",
     "Sogn og Fjordane", "Hedmark fylke", "Indre Fosen"],
)  # fmt: skip
def test_register_places_are_places(text: str) -> None:
    assert is_place_name(text)


@pytest.mark.parametrize("text", ["Kari Lund", "Per Vang", "Sigrid Hole", "Nils Sande"])
def test_persons_with_place_surnames_are_not_places(text: str) -> None:
    assert not is_place_name(text)


def test_nb_municipality_as_subject_is_no_person() -> None:
    got = names(
        "Hei!\n\nØvre Eiker kommune melder seg på verkstedet. Deltakere:\n\n"
        "Hanne Sofie Lie\tkulturskolerektor\nBjørn Are Dahl\tkommunalsjef\n"
        "Tove Kirkerud\trektor ved Vestfossen skole\nOla Brekke\tvaraordfører\n",
        sender="post@ovre-eiker.kommune.no",
    )
    assert got == ["Hanne Sofie Lie", "Bjørn Are Dahl", "Tove Kirkerud", "Ola Brekke"]


def test_nn_municipality_as_subject_is_no_person() -> None:
    got = names(
        "Hei Torkel!\n\nIndre Fosen kommune vil gjerne vere med på dette. Desse kjem:\n\n"
        "  *   Guri Stene, kulturskulerektor\n  *   Lars Hoff, oppvekstsjef\n"
        "  *   Mari Rian, rektor ved Rissa skule\n"
        "  *   Eirik Aune (Sp), kommunestyrerepresentant\n",
        sender="post@indrefosen.kommune.no",
    )
    assert got == ["Guri Stene", "Lars Hoff", "Mari Rian", "Eirik Aune"]


def test_nb_copied_colleague_who_does_not_take_part() -> None:
    got = names(
        "Hei!\n\nFra oss kommer kultursjef Randi Moe og rektor ved Bø skole, Tor Lien. "
        "Kari Holm, som står i kopi, ordner det praktiske, men deltar ikke selv.\n"
    )
    assert got == ["Randi Moe", "Tor Lien"]


def test_nn_colleague_informed_who_cannot_come() -> None:
    got = names(
        "Hei!\n\nFrå oss kjem oppvekstsjef Åse Lunde og rektor ved Vik skule, Jo Tveit. "
        "Per Olav Rustad får dette til orientering, men kan ikkje vere med på verkstaden.\n"
    )
    assert got == ["Åse Lunde", "Jo Tveit"]


def test_nn_the_one_who_takes_part_beside_one_who_does_not() -> None:
    got = names("Hei!\n\nSiri Bakke kjem som kultursjef, men Ola Fet deltek ikkje denne gongen.\n")
    assert got == ["Siri Bakke"]


FORWARD_NB = (
    "Hei Torkel,\n\nVideresender lista fra kommunalsjefen vår.\n\nMvh\nKristin Lie\n\n"
    "---------- Videresendt melding ---------\n"
    "Fra: Geir Arne Solum <geir.arne.solum@vik.kommune.no>\n"
    "Date: man. 4. mai 2020 kl. 10:02\nSubject: Gruppa\n"
    "To: Kristin Lie <kristin.lie@vik.kommune.no>\n\n\n"
    "Hei Kristin,\n\nHer er gruppa. Kan du sende den inn?\n\n"
    "Kristin Lie - kulturskolerektor\nmeg selv - kommunalsjef for oppvekst\n"
    "Per Dal - rektor ved Vik skole\nSiv Moe - styrer i Vik barnehage\n\n"
    "Hilsen\nGeir Arne Solum\n"
)


def test_nb_forwarded_list_writer_is_its_meg_selv() -> None:
    got = people(read(FORWARD_NB, sender="kristin.lie@gmail.com", sender_name="Kristin Lie"))
    assert ("Geir Arne Solum", "kommunalsjef for oppvekst", "administrasjon") in got
    assert [p[0] for p in got] == ["Kristin Lie", "Geir Arne Solum", "Per Dal", "Siv Moe"]


def test_nn_forwarded_list_writer_from_its_signature() -> None:
    body = (
        FORWARD_NB.replace("Fra: Geir Arne Solum <geir.arne.solum@vik.kommune.no>\n", "")
        .replace("meg selv - kommunalsjef for oppvekst", "eg sjølv - kultursjef")
        .replace("Hilsen\nGeir Arne Solum", "Helsing\nGeir Arne Solum\nkultursjef")
    )
    got = people(read(body, sender="kristin.lie@gmail.com", sender_name="Kristin Lie"))
    assert ("Geir Arne Solum", "kultursjef", "administrasjon") in got


def test_nb_representert_ved_signs_up() -> None:
    got = names(
        "Hei!\n\nVi deltar gjerne. Fra kommunen kommer kultursjef Inger Moe. Skolene er "
        "representert ved Jonas Berg, som er lærer ved Vik skole.\n"
    )
    assert got == ["Inger Moe", "Jonas Berg"]


def test_nn_representerte_ved_signs_up() -> None:
    got = people(
        read(
            "Hei!\n\nVi vil vere med. Barnehagane er representerte ved Solrun Aasen, som er "
            "styrar i Vik barnehage.\n"
        )
    )
    assert got == [("Solrun Aasen", "styrar i Vik barnehage", "barnehage")]


@pytest.mark.parametrize("role", ["helsesjukepleiar", "helsesykepleier", "helsesøster"])
def test_health_role_last_in_block_list_is_no_sign_off(role: str) -> None:
    got = people(
        read(
            "Hei!\n\nVi melder oss på. Deltakarar:\n\nKari Berg\nkultursjef\n\n"
            f"Ola Dal\nordførar\n\nLiv Sæle\n{role}\n\nMed helsing\nKari Berg\n"
        )
    )
    assert ("Liv Sæle", role, "annet") in got


@pytest.mark.parametrize(
    "line", ["Áila Márjá Sara – duojár", "Per Gunnar Lie – kunsthåndverker og husflidar"]
)
def test_craft_roles_in_a_list(line: str) -> None:
    got = people(
        read(
            "Hei!\n\nVi melder oss på:\n\nKari Berg – kultursjef\nOla Dal – ordfører\n"
            f"{line}\nEli Vik – rektor ved Vik skole\n"
        )
    )
    name, role = line.split(" – ")
    assert (name, role, "kulturliv") in got


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("kommunestyrerepresentant for Ap", "kommunestyrerepresentant"),
        ("bystyremedlem fra Høyre", "bystyremedlem"),
        ("formannskapsmedlem frå Senterpartiet", "formannskapsmedlem"),
        ("leiar for kulturutvalet", "leiar for kulturutvalet"),
        ("rådgiver for SV-gruppa", "rådgiver for SV-gruppa"),
    ],
)
def test_party_after_for_or_fra_is_no_part_of_the_role(text: str, role: str) -> None:
    assert clean_role(text) == role


def test_nn_prose_role_with_party() -> None:
    got = people(read("Hei!\n\nI staden kjem Guro Lid, som er kommunestyrerepresentant frå Sp.\n"))
    assert got == [("Guro Lid", "kommunestyrerepresentant", "politikk")]


@pytest.mark.parametrize(
    ("role", "sector"),
    [
        ("ungdomsrepresentant i UKM Vik", "kulturliv"),
        ("ungdomsrepresentant i ungdomsrådet", "kulturliv"),
        ("ungdomsrepresentant", "politikk"),
        ("ungdomsrepresentant i kommunestyret", "politikk"),
    ],
)
def test_youth_representative_sector(role: str, sector: str) -> None:
    assert classify_sector(role) == sector
