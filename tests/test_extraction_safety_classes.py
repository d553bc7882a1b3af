"""Classes of wrong automatic answers (blind21, blind22, blind24), each as a general test in
bokmål and nynorsk: a reading that could be wrong is held, and where the text says enough it
is read whole.

Small mails written for these tests (not the fixture files).
"""

from __future__ import annotations

import pytest

from parsers.nlp.roles import find_heads
from tests.extraction_support import reader, sure_people

read = reader("eli.dal@vik.kommune.no", None)


@pytest.mark.parametrize(
    ("body", "glad"),
    [
        (
            "Hei\n\nVik kommune blir med. Fra oss kommer Eli Dal (kulturskolerektor), Per Ås "
            "(ordfører), Ola Li (rektor ved Vik skole) og Siv Tun, som gleder seg stort.\n\n"
            "Hilsen\nEli Dal",
            "Vi gleder oss til verkstedet.",
        ),
        (
            "Hei\n\nVik kommune blir med. Frå oss kjem Eli Dal (kulturskulerektor), Per Ås "
            "(ordførar), Ola Li (rektor ved Vik skule) og Siv Tun, som gleder seg stort.\n\n"
            "Helsing\nEli Dal",
            "Me gleder oss til verkstaden.",
        ),
    ],
    ids=["nb", "nn"],
)
def test_gleder_is_no_leader(body: str, glad: str) -> None:
    """ "gleder" (glad) ends in "leder" but is no compound of it: a compound's first part
    has letters enough to be a word ("korleder", "fagleder", "veileder")."""
    assert find_heads(glad) == []
    assert [h.head.head for h in find_heads("korleder og veileder")] == ["korleder", "leder"]
    assert sure_people(read(body, sender_name="Eli Dal"))["Siv Tun"] == (None, "annet")
