"""Municipality from the register: names, domains, old and Sami names, shared names."""

from __future__ import annotations

from parsers.nlp.municipality import domain_numbers, resolve


def number(texts: list[str], sender: str = "x@gmail.com", subject: str = "") -> str | None:
    found, _ = resolve([(t, 1.0) for t in texts], sender, subject)
    return found.number if found else None


def test_kommune_phrase() -> None:
    assert number(["Bodø kommune melder seg på."]) == "1804"


def test_domain_suffix_matches_sub_domains() -> None:
    assert domain_numbers("a@skole.oslo.kommune.no") == {"0301"}
    assert number(["Hei"], sender="a@voss.kommune.no") == "4621"


def test_pre_2020_name_maps_to_2020_municipality() -> None:
    assert number(["Førde kommune vil vere med."]) == "4647"
    assert number(["Sender påmelding frå Odda."]) == "4618"


def test_sami_parallel_name() -> None:
    assert number(["Guovdageaidnu suohkan ønsker å delta."]) == "5430"


def test_same_name_resolved_by_domain_county_or_postcode() -> None:
    assert number(["Herøy kommune"], sender="a@heroy-no.kommune.no") == "1818"
    assert number(["Herøy kommune", "Silvalen, 8850 Herøy"]) == "1818"
    assert number(["Våler kommune i Solør"]) == "3419"
    assert number([""], subject="Påmelding frå Sande kommune (Møre og Romsdal)") == "1514"


def test_same_name_without_clue_is_ambiguous() -> None:
    found, candidates = resolve([("Våler kommune ønsker å delta.", 1.0)], "a@gmail.com", "")
    assert found is None
    assert {c.number for c in candidates} == {"3018", "3419"}


def test_no_clue_is_none() -> None:
    assert resolve([("vi vil gjerne være med", 1.0)], "a@gmail.com", "") == (None, ())


def test_surname_is_not_a_municipality() -> None:
    assert number(["Ingeborg Nes (styrer)", "Ringsaker kommune"]) == "3411"
    assert number(["Ingeborg Nes (styrer)"]) is None


def test_registering_municipality_beats_host_domain() -> None:
    text = (
        "Jeg er rektor i Flakstad og Moskenes kulturskole med Moskenes som vertskommune. "
        "Det er Flakstad kommune som melder seg på. Disse deltar fra Flakstad:"
    )
    assert number([text], sender="a@moskenes.kommune.no") == "1859"


def test_village_inside_municipality_does_not_compete() -> None:
    assert number(["Sogndal kommune vil vere med.", "lærar i Leikanger barnehage"]) == "4640"


def test_pre_2020_name_still_borne_by_another_municipality_needs_a_clue() -> None:
    assert number(["Bø kommune i Telemark melder seg på."]) == "3817"
    found, candidates = resolve([("Sande kommune vil vere med.", 1.0)], "a@online.no", "")
    assert found is None and {c.number for c in candidates} == {"1514", "3802"}
