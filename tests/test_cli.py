"""The command-line contracts of DESIGN.md, run as a user would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mailbot.cli import main
from tests.corpus import corpus_dir
from tests.flow import make_maildir, outbox_messages, run_once

CONTRACT_KEYS = {
    "file",
    "message_id",
    "kind",
    "language",
    "municipality",
    "participants",
    "removed",
}


def test_extract_json_prints_one_contract_object_per_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [corpus_dir() / "005.eml", corpus_dir() / "002.eml"]

    code = main(["extract", *map(str, files), "--json"])

    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) >= CONTRACT_KEYS
    assert first["file"].endswith("005.eml")
    assert first["kind"] == "registration"
    assert first["municipality"] == {"number": "1804", "name": "Bodø"}
    assert all(set(p) >= {"name", "role", "sector"} for p in first["participants"])
    assert second["kind"] == "auto_reply"


def test_extract_reports_an_unreadable_file_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.eml"

    code = main(["extract", str(missing), str(corpus_dir() / "005.eml"), "--json"])

    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert code == 1
    assert "error" in first
    assert second["kind"] == "registration"


def test_run_once_writes_replies_into_the_outbox_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "007", "002")
    outbox = tmp_path / "outbox"
    database = f"sqlite:///{tmp_path / 'run.db'}"

    code = run_once(maildir, outbox, database)

    assert code == 0
    kinds = sorted(m["X-Mailbot-Reply"] for m in outbox_messages(outbox))
    assert kinds == ["confirmation", "correction_request"]
    assert all(m["Auto-Submitted"] == "auto-replied" for m in outbox_messages(outbox))


def test_a_missing_setting_stops_start_up_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", "--once", "--database", f"sqlite:///{tmp_path / 'x.db'}"])

    assert code == 2
    assert "maildir" in capsys.readouterr().err


def test_init_creates_the_schema_idempotently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'init.db'}"

    assert main(["init", "--database", url]) == 0
    assert main(["init", "--database", url]) == 0
    assert "up to date" in capsys.readouterr().out


def test_demo_prints_registrations_and_replies() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mailbot.cli", "demo"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert "=== Registry ===" in result.stdout
    assert "Bodø" in result.stdout
    assert "X-Mailbot-Reply" not in result.stdout
    assert "confirmation" in result.stdout
    assert "correction_request" in result.stdout


def test_export_and_delete_personal_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    database = f"sqlite:///{tmp_path / 'pd.db'}"
    run_once(maildir, tmp_path / "out", database)
    capsys.readouterr()

    main(["export", "--database", database])
    exported = json.loads(capsys.readouterr().out)
    main(["delete", "--municipality", "1804", "--database", database, "--yes"])
    capsys.readouterr()
    main(["export", "--database", database])
    after = json.loads(capsys.readouterr().out)

    [registration] = exported["registrations"]
    assert registration["municipality"]["number"] == "1804"
    assert "Hilde Marie Sørensen" in [p["name"] for p in registration["participants"]]
    assert after == {"registrations": []}
