"""The participant list as CSV and XLSX, from the board and from ``mailbot export``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from db.models import Participant
from db.session import make_session_factory
from mailbot.cli import main
from mailbot.exports import COLUMNS
from tests.desk_support import DeskClient


def participant_count(client: DeskClient) -> int:
    with make_session_factory(client.engine)() as session:
        return session.scalar(select(func.count(Participant.id))) or 0


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_board_csv_lists_every_participant_in_order_of_completion(
    signed_in: DeskClient,
) -> None:
    response = signed_in.get("/eksport.csv")

    rows = read_csv(response.content)
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) - 1 == participant_count(signed_in)
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["kommune"] == "Bodø"
    assert first["navn"] == "Hilde Marie Sørensen"
    assert first["status"] == "fullført"
    assert first["registrert"] == "2020-04-27 09:12"
    assert first["kilde"] == "e-post fra hilde.marie.sorensen@bodo.kommune.no"
    assert first["meldings-id"].startswith("<")
    statuses = {dict(zip(COLUMNS, r, strict=True))["status"] for r in rows[1:]}
    assert statuses == {"fullført", "ufullstendig", "etter fristen"}


def test_the_board_xlsx_holds_the_same_rows_with_real_dates(signed_in: DeskClient) -> None:
    csv_rows = read_csv(signed_in.get("/eksport.csv").content)

    response = signed_in.get("/eksport.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(csv_rows)
    assert rows[1][3] == "Hilde Marie Sørensen"
    assert rows[1][7].strftime("%Y-%m-%d %H:%M") == "2020-04-27 09:12"
    assert [r[3] for r in rows[1:]] == [r[3] for r in csv_rows[1:]]


def test_an_organisers_addition_is_exported_with_the_account_as_source(
    signed_in: DeskClient,
) -> None:
    signed_in.submit("/registrering/1/deltaker", {"name": "Per Hansen", "role": "ordfører"})

    rows = read_csv(signed_in.get("/eksport.csv").content)

    per = next(dict(zip(COLUMNS, r, strict=True)) for r in rows if r[3] == "Per Hansen")
    assert per["kilde"] == "lagt inn av kari.arrangor@ks.no"
    assert per["meldings-id"] == ""


def test_mailbot_export_writes_the_same_csv_to_stdout_and_xlsx_to_a_file(
    signed_in: DeskClient,
    corpus_url: str,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    from_board = signed_in.get("/eksport.csv").content
    target = tmp_path / "deltakere.xlsx"

    csv_code = main(["export", "--format", "csv", "--database", corpus_url])
    from_cli = capsysbinary.readouterr().out
    xlsx_code = main(
        ["export", "--format", "xlsx", "--output", str(target), "--database", corpus_url]
    )

    assert (csv_code, xlsx_code) == (0, 0)
    assert from_cli == from_board
    sheet = load_workbook(target).active
    assert sheet.max_row == len(read_csv(from_board))


def test_mailbot_export_refuses_xlsx_to_a_terminal_and_keeps_json_as_default(
    corpus_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    refused = main(["export", "--format", "xlsx", "--database", corpus_url])
    refusal = capsys.readouterr().err
    target = tmp_path / "registry.json"
    main(["export", "--database", corpus_url, "--output", str(target)])

    assert refused == 2
    assert "--output" in refusal
    assert len(json.loads(target.read_text("utf-8"))["registrations"]) > 30
