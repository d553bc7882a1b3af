"""Where mailbot read what it doubts, in the organiser's bokmål: the doubts a held message
carries and the place of each piece of evidence (part, line, sheet, row, column), the same
words on the desk, in ``mailbot review show`` and in the daily digest.

The input is the JSON stored on the message (``Extraction.to_json``); nothing here logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DOUBT_LABELS: dict[str, str] = {
    "unexplained_name": "et navn som verken er deltaker eller forklart",
    "stated_count": "antallet avsenderen oppgir stemmer ikke med listen",
    "unread_line": "en listelinje som ikke ble lest",
    "unread_attachment": "et vedlegg med en tabell som ikke ble lest",
    "self_not_read": "avsenderen melder seg selv på, men ble ikke lest",
    "signup_not_read": "ser ut som en påmelding, men ble lest som noe annet",
    "passed_on": "sier at invitasjonen er sendt videre til noen, ikke hvem som kommer",
    "role_unread": "en deltaker uten lest rolle, men teksten ved navnet ser ut til å gi en",
    "role_swallows_name": "en lest rolle fortsetter med en annen deltakers fornavn og rolle",
    "role_runs_on": "en lest rolle fortsetter inn i en annen setning eller neste deltakers rolle",
    "joint_municipalities": "melder på to kommuner som én gruppe",
    "asks_approval": "påmeldingen spør arrangøren om noe den avhenger av",
    "municipality_unread": "ingen kommune ble lest, men teksten nevner en kommune fra registeret",
}


#: The parts of a message as the desk names them (``Evidence.part``; an attachment's part
#: is "attachment <filename>").
PART_LABELS: dict[str, str] = {
    "body": "e-posten",
    "own": "e-posten",
    "forwarded": "den videresendte meldingen",
    "attachment": "vedlegget",
    "signature": "signaturen",
    "subject": "emnefeltet",
    "quoted": "den siterte meldingen",
    "sender": "avsenderadressen",
    "message": "hele e-posten",
}


def evidence_place(evidence: Any) -> str:
    """``vedlegget deltakere.csv, linje 3, rad 3, kolonne Navn``: where a name, a doubt, the
    municipality or the written standard was read (an ``Extraction.to_json`` evidence or
    doubt entry; one stored before parts had names gives its source and line, a doubt stored
    before doubts had places gives ""). A spreadsheet's row is named by its sheet and its row
    as Excel numbers it (``vedlegget deltakere.xlsx, ark Påmelding, rad 3``), not by the line
    of the text mailbot made of it."""
    part = str(evidence.get("part") or evidence.get("source") or "")
    if not part:
        return ""
    kind, _, filename = part.partition(" ")
    place = PART_LABELS.get(kind, kind) + (f" {filename}" if filename else "")
    sheet = str(evidence.get("sheet") or "")
    if sheet:
        place += f", ark {sheet}"
    elif int(evidence.get("line_no", -1)) > 0 and kind not in ("subject", "sender"):
        place += f", linje {evidence['line_no']}"
    if int(evidence.get("row", -1)) > 0:
        place += f", rad {evidence['row']}"
    if evidence.get("column"):
        place += f", kolonne {evidence['column']}"
    return place


def doubt_text(doubt: Mapping[str, Any]) -> str:
    """``en listelinje som ikke ble lest: «Eva Li, lærer» (vedlegget x.xlsx, ark A, rad 5)``:
    one stored doubt as the organiser reads it, its words and where they stand."""
    code = str(doubt.get("code") or "")
    text = DOUBT_LABELS.get(code, code)
    detail = " ".join(str(doubt.get("detail") or "").split())
    if detail:
        text += f": «{detail}»"
    where = evidence_place(doubt)
    return f"{text} ({where})" if where else text


def attachment_lines(attachment: Any) -> list[tuple[str, str]]:
    """What mailbot read in an attachment (``parsers.types.Attachment``), line by line, each
    with the place the desk's evidence names (``ark Påmelding, rad 5``; ``linje 3``), so
    the organiser can look up the row a doubt points at. Empty lines are left out."""
    lines = (attachment.text or "").split("\n")
    places = attachment.places or ()
    shown: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        place = places[index] if index < len(places) else None
        if place is not None and place.sheet:
            where = f"ark {place.sheet}" + (f", rad {place.row}" if place.row >= 0 else "")
        elif place is not None and place.row >= 0:
            where = f"linje {index + 1}, rad {place.row}"
        else:
            where = f"linje {index + 1}"
        shown.append((where, line.rstrip()))
    return shown
