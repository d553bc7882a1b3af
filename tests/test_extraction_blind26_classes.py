"""Failure classes of blind set 26 (conversations over time), in new hand-written mails,
bokmål and nynorsk: the sender's own sentence that mentions what a colleague wrote ("Som Per
skrev under, her er to til:") is not an attribution line of quoted history; a name spelled
anew with a remark in brackets and the role between the two forms ("Det skal vere Kari Aasen
(med to a), rektor ved … – ikkje Kari Åsen"); a role announced as wrong, then corrected by
a pronoun ("Vi skrev feil rolle på X. Han er ikke … lenger, men …")."""

from __future__ import annotations

import pytest

from tests.extraction_support import own_reply, reader

EARLIER = "<colleague-first-part-0026@kommune.no>"

read = reader("post@nome.kommune.no", EARLIER)

OWN_SENTENCE = {
    "nb": (
        "Hei Torkel,\n\nSom Per skrev under, her er to til fra skolesiden i Nome:\n\n"
        "Stine Moe – rektor ved Lunde skole\nArvid Ek – inspektør ved Ulefoss skole\n\n"
        "Mvh\nLene Sand\n",
        ["Stine Moe", "Arvid Ek"],
    ),
    "nn": (
        "Hei Torkel,\n\nSom Per skreiv nedanfor, kjem her to til frå skulane våre:\n\n"
        "Stine Moe – rektor ved Lunde skule\nArvid Ek – inspektør ved Ulefoss skule\n\n"
        "Helsing\nLene Sand\n",
        ["Stine Moe", "Arvid Ek"],
    ),
}

EARLIER_LIST = (
    "Hei\n\nNome melder på:\n\nPer Vik – kulturskolerektor\nTone Aas – kultursjef\n\nPer\n"
)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_senders_sentence_about_what_a_colleague_wrote_is_read(language: str) -> None:
    body, names = OWN_SENTENCE[language]
    ex = read(body, "lene.sand@nome.kommune.no", "Lene Sand")
    assert [p.name for p in ex.participants] == names


@pytest.mark.parametrize(
    "attribution",
    [
        "tor. 30. apr. 2020 kl. 09:55 skrev Per Vik <per.vik@nome.kommune.no>:",
        "Den 30.04.2020 09:55, skreiv Per Vik:",
        "Per Vik skrev:",
    ],
)
def test_an_attribution_still_starts_quoted_history(attribution: str) -> None:
    body = f"Hei\n\nHer er én til:\n\nStine Moe – rektor ved Lunde skole\n\n{attribution}\n\n"
    body += EARLIER_LIST
    ex = read(body, "lene.sand@nome.kommune.no", "Lene Sand")
    assert [p.name for p in ex.participants] == ["Stine Moe"]


SPELLED_ANEW = {
    "nb": (
        "Hei igjen\n\nBeklager, jeg skrev feil navn i går. Det skal være Kari Aasen (med to a), "
        "rektor ved Lunde skole – ikke Kari Åsen.\n\nEllers er listen lik.",
        "Hei\n\nNome melder på:\n\n1. Lene Sand, kulturskolerektor\n"
        "2. Kari Åsen, rektor ved Lunde skole\n3. Ivar Lie, ordfører\n4. Tone Aas, kultursjef\n",
    ),
    "nn": (
        "Hei igjen\n\nOrsak, eg skreiv feil namn i går. Det skal vere Kari Aasen (med to a), "
        "rektor ved Lunde skule – ikkje Kari Åsen.\n\nElles er lista lik.",
        "Hei\n\nNome melder på:\n\n1. Lene Sand, kulturskulerektor\n"
        "2. Kari Åsen, rektor ved Lunde skule\n3. Ivar Lie, ordførar\n4. Tone Aas, kultursjef\n",
    ),
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_name_spelled_anew_with_a_remark_and_the_role_between(language: str) -> None:
    correction, earlier = SPELLED_ANEW[language]
    body = own_reply(correction, earlier, "lene.sand@nome.kommune.no", "Lene Sand")
    ex = read(body, "lene.sand@nome.kommune.no", "Lene Sand")
    assert ex.kind == "update"
    school = "skole" if language == "nb" else "skule"
    assert [(p.name, p.role) for p in ex.participants] == [
        ("Kari Aasen", f"rektor ved Lunde {school}")
    ]
    assert list(ex.removed) == ["Kari Åsen"]


ROLE_SAID_WRONG = {
    "nb": (
        "Hei igjen\n\nVi skrev feil rolle på Ivar Lie. Han er ikke ordfører lenger, men leder "
        "av hovedutvalg for oppvekst. Ellers er alt som før.",
        "leder av hovedutvalg for oppvekst",
    ),
    "nn": (
        "Hei igjen\n\nEg skreiv feil rolle på Ivar Lie. Han er ikkje ordførar lenger, men leiar "
        "av hovudutval for oppvekst. Elles er alt som før.",
        "leiar av hovudutval for oppvekst",
    ),
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_role_said_wrong_then_corrected_by_a_pronoun(language: str) -> None:
    correction, role = ROLE_SAID_WRONG[language]
    earlier = SPELLED_ANEW[language][1]
    body = own_reply(correction, earlier, "lene.sand@nome.kommune.no", "Lene Sand")
    ex = read(body, "lene.sand@nome.kommune.no", "Lene Sand")
    assert ex.kind == "update"
    assert [(p.name, p.role) for p in ex.participants] == [("Ivar Lie", role)]
    assert not ex.removed
