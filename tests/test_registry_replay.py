"""The current list from the record: the organiser's word wins over later automatic passes."""

from __future__ import annotations

from itertools import count

from db.models import Change
from db.registry import is_withdrawn, replay

_ids = count(1)


def auto(action: str, name: str = "", role: str | None = None, sector: str = "annet") -> Change:
    return Change(
        id=next(_ids), actor="message", action=action, name=name, role=role, sector=sector
    )


def desk(action: str, name: str = "", role: str | None = None, **extra: str) -> Change:
    return Change(
        id=next(_ids),
        actor="organiser",
        account="kari@ks.no",
        action=action,
        name=name,
        role=role,
        sector=extra.pop("sector", "skole"),
        **extra,
    )


def test_a_role_set_by_the_organiser_survives_a_later_misread_role() -> None:
    misread = auto("set_role", "Ingrid Sæther", "rektor", "skole")
    changes = [
        auto("add", "Ingrid Sæther", "rektor", "skole"),
        desk("set_role", "Ingrid Sæther", "inspektør"),
        misread,
        auto("add", "Per Hansen", "ordfører", "politikk"),
    ]

    result = replay(changes)

    assert [(p.name, p.role) for p in result.members] == [
        ("Ingrid Sæther", "inspektør"),
        ("Per Hansen", "ordfører"),
    ]
    assert result.overridden == {misread.id}


def test_a_name_the_organiser_corrected_is_not_added_again_in_its_misspelt_form() -> None:
    changes = [
        auto("add", "Ingrid Sæter", "rektor"),
        auto("add", "Per Hansen", "ordfører"),
        desk("rename", "Ingrid Sæther", old_name="Ingrid Sæter"),
        auto("add", "Ingrid Sæter", "rektor"),
    ]

    members = replay(changes).members

    assert [p.name for p in members] == ["Ingrid Sæther", "Per Hansen"]


def test_a_person_the_organiser_removed_stays_removed() -> None:
    changes = [
        auto("add", "Kari Nordmann", "lærer"),
        desk("remove", "Kari Nordmann"),
        auto("add", "Kari Nordmann", "lærer"),
    ]

    assert replay(changes).members == []


def test_automatic_changes_to_other_people_still_apply() -> None:
    changes = [
        auto("add", "Kari Nordmann", "lærer"),
        auto("add", "Ola Nordmann", "rektor"),
        desk("set_role", "Kari Nordmann", "inspektør"),
        auto("remove", "Ola Nordmann"),
        auto("set_role", "Kari Nordmann", "lærer"),
    ]

    assert [(p.name, p.role) for p in replay(changes).members] == [("Kari Nordmann", "inspektør")]


def test_a_withdrawal_by_mail_is_undone_by_a_new_sign_up_but_not_one_by_the_organiser() -> None:
    by_mail = [auto("add", "Kari Nordmann"), auto("withdraw"), auto("add", "Ola Nordmann")]
    by_desk = [auto("add", "Kari Nordmann"), desk("withdraw"), auto("add", "Ola Nordmann")]
    reinstated = [*by_desk, desk("reinstate")]

    assert is_withdrawn(by_mail) is False
    assert is_withdrawn(by_desk) is True
    assert is_withdrawn(reinstated) is False
