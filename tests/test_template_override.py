"""The event file may name a folder of templates that override the packaged ones; every
template is rendered once at start-up, so a missing variable stops start-up by name."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from mailbot.cli import main
from mailbot.event import load_event
from mailbot.replies import ReplyContext, render_reply
from mailbot.template_check import TemplateProblem, check_overrides, check_templates
from rules.base import Member


def event_with_templates(tmp_path: Path, files: dict[str, str]) -> Path:
    """A copy of the default event file naming ``maler/`` (relative to it) as its folder."""
    default = resources.files("mailbot.events").joinpath("kulturskole-for-fremtiden-2020.toml")
    event_file = tmp_path / "event" / "arrangement.toml"
    event_file.parent.mkdir()
    event_file.write_text('templates = "maler"\n' + default.read_text("utf-8"), "utf-8")
    for name, text in files.items():
        path = event_file.parent / "maler" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return event_file


def test_every_packaged_template_renders_with_its_sample() -> None:
    assert check_templates(load_event()) >= 14


def test_start_up_renders_templates_only_when_the_event_overrides_some(tmp_path: Path) -> None:
    event_file = event_with_templates(tmp_path, {"nb/receipt.txt.j2": "Takk!\n"})
    assert check_overrides(load_event()) == 0
    assert check_overrides(load_event(event_file)) >= 14


def test_an_override_replaces_the_packaged_wording(tmp_path: Path) -> None:
    event = load_event(
        event_with_templates(
            tmp_path,
            {"nb/receipt.txt.j2": "Takk, {{ recipient_name or 'dere' }}! Vi svarer snart.\n"},
        )
    )

    body = render_reply(
        "receipt",
        ReplyContext(event, "nb", None, (Member("A", None, "annet"),), (), "Kari"),
    )

    assert check_templates(event) >= 14
    assert event.templates == (tmp_path / "event" / "maler").resolve()
    assert body == "Takk, Kari! Vi svarer snart.\n"


def test_a_missing_variable_stops_start_up_naming_template_and_variable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event_file = event_with_templates(
        tmp_path, {"nb/confirmation.txt.j2": "Hei {{ kontaktperson }}!\n"}
    )
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "Maildir" / sub).mkdir(parents=True)
    config = tmp_path / "mailbot.toml"
    config.write_text(
        f'event_file = "{event_file}"\nmaildir = "{tmp_path / "Maildir"}"\n'
        f'outbox_dir = "{tmp_path / "out"}"\ndatabase_url = "sqlite:///{tmp_path / "m.db"}"\n',
        "utf-8",
    )

    with pytest.raises(
        TemplateProblem, match=r"nb/confirmation\.txt\.j2: variable 'kontaktperson'"
    ):
        check_templates(load_event(event_file))
    code = main(["run", "--once", "--config", str(config)])

    assert code == 2
    assert "nb/confirmation.txt.j2" in capsys.readouterr().err


def test_a_misnamed_override_is_refused(tmp_path: Path) -> None:
    event = load_event(event_with_templates(tmp_path, {"nb/confirmaton.txt.j2": "Hei\n"}))

    with pytest.raises(TemplateProblem, match="nb/confirmaton.txt.j2"):
        check_templates(event)


def test_check_names_a_broken_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event_file = event_with_templates(tmp_path, {"nn/receipt.txt.j2": "Hei {{ mottakar }}\n"})
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "Maildir" / sub).mkdir(parents=True)
    config = tmp_path / "mailbot.toml"
    config.write_text(
        f'event_file = "{event_file}"\nmaildir = "{tmp_path / "Maildir"}"\n'
        f'outbox_dir = "{tmp_path / "out"}"\ndatabase_url = "sqlite:///{tmp_path / "m.db"}"\n',
        "utf-8",
    )

    code = main(["check", "--config", str(config)])

    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert code == 1
    assert "FAILED" in lines["event"] and "nn/receipt.txt.j2" in lines["event"]
    assert "mottakar" in lines["event"]
