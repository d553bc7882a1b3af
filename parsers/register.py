"""The municipality register, as the rest of mailbot may ask it (parsers' public surface)."""

from __future__ import annotations

from parsers.nlp.municipality import domain_numbers


def municipalities_of(address: str) -> frozenset[str]:
    """Numbers of the municipalities whose registered domain (or a parent domain of it) the
    address is on: ``municipalities_of("kari@kulturskolen.bodo.kommune.no") == {"1804"}``."""
    return frozenset(domain_numbers(address))
