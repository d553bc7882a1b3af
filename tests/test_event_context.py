"""The event configures the reader: a second event, with another sector that may not be alone,
works from its event file alone (tests/fixtures/events/barnehage-nettverk-2021.toml).

The same mail is read differently under the two events: under the kindergarten network "vi er
fire fra barnehagen" ties everyone listed to the barnehage, so the group fails the rule that
not all may come from it; the contact the network's invitation names is never a participant.
"""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from db.models import utcnow
from db.session import make_engine, make_session_factory
from mailbot import review
from mailbot.app import App
from mailbot.digest import (
    DigestData,
    RegistrationLine,
    finding_label,
    render_digest,
    render_digest_html,
)
from mailbot.event import Event, load_event
from mailbot.replies import ReplyContext, render_reply
from mailbot.reply_eval import score_replies
from mailbot.settings import load_settings
from mailbot.terminal import status
from mailbot.web.app import create_app
from mailbot.web.serve import add_user
from parsers.extraction import extract
from parsers.register import sector_of_role
from parsers.types import Extraction, ExtractionContext, MessageKind
from rules.all_kulturskole import AllKulturskole
from rules.base import Group, Member
from tests.desk_support import EMAIL, PASSWORD, DeskClient, web_settings
from tests.extraction_support import EVENT
from tests.mailmaker import make_mail

NETWORK_FILE = Path(__file__).parent / "fixtures" / "events" / "barnehage-nettverk-2021.toml"
NETWORK = load_event(NETWORK_FILE)

ALL_FROM_BARNEHAGE_NB = """Hei!

Solbakken barnehage i Levanger vil gjerne være med. Vi er fire fra barnehagen:

- Kari Berg, styrer
- Ola Dal, pedagogisk leder
- Per Ås, lærer
- Eva Lie, assistent

Marte Nyhus har svart på spørsmålene våre, og vi kommer alle fire.

Hilsen
Kari Berg
"""

MIXED_NN = """Hei!

Verdal kommune er med. Desse kjem:

- Liv Ås, styrar i Vuku barnehage
- Jon Dal, rektor ved Vuku skule
- Siv Nes, kommunalsjef for oppvekst
- Are Li, ordførar

Helsing
Liv Ås
"""


def kind(body: str, context: ExtractionContext) -> MessageKind:
    mail = make_mail("kari.berg@levanger.kommune.no", body, subject="SV: Invitasjon")
    return extract(mail, context=context).kind


def sectors(body: str, sender: str, event_file: Path | None) -> list[str]:
    context = load_event(event_file).extraction_context() if event_file else EVENT
    ex = extract(make_mail(sender, body, subject="Påmelding"), context=context)
    return [p.sector for p in ex.participants]


def test_the_event_file_names_the_guarded_sector_and_its_words() -> None:
    context = NETWORK.extraction_context()
    assert context.guarded_sector == "barnehage"
    assert "Marte Nyhus" in context.organiser_names
    assert EVENT.guarded_sector == "kulturskole"


def test_nb_staff_statement_ties_everyone_to_the_events_sector() -> None:
    sender = "kari.berg@levanger.kommune.no"
    assert sectors(ALL_FROM_BARNEHAGE_NB, sender, NETWORK_FILE) == ["barnehage"] * 4
    # under the kulturskole event the same words tie nobody to the barnehage as a whole
    assert sectors(ALL_FROM_BARNEHAGE_NB, sender, None) != ["barnehage"] * 4


def test_nn_mixed_group_keeps_each_persons_sector() -> None:
    sender = "liv.as@verdal.kommune.no"
    assert sectors(MIXED_NN, sender, NETWORK_FILE) == [
        "barnehage",
        "skole",
        "administrasjon",
        "politikk",
    ]


def test_a_second_event_runs_end_to_end_from_its_file_alone(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    mails = {
        "001": (ALL_FROM_BARNEHAGE_NB, "kari.berg@levanger.kommune.no", "correction_request"),
        "002": (MIXED_NN, "liv.as@verdal.kommune.no", "confirmation"),
    }
    for name, (body, sender, expected) in mails.items():
        raw = make_mail(sender, body, subject="Påmelding til barnehagenettverket")
        (inbox / f"{name}.eml").write_bytes(raw)
        (inbox / f"{name}.json").write_text(json.dumps({"expected_reply": expected}), "utf-8")
    settings = load_settings(
        None,
        database_url=f"sqlite:///{tmp_path}/network.db",
        maildir=inbox,
        outbox_dir=tmp_path / "outbox",
        event_file=NETWORK_FILE,
    )
    app = App.build(settings)
    assert app.event.rules.not_all_sector == "barnehage"
    score = score_replies(inbox, app)
    assert score.mismatches == ()
    assert score.wrong == () and score.held == ()
    replies = [p.read_text("utf-8", errors="replace") for p in (tmp_path / "outbox").rglob("*")]
    assert any("barnehagen" in text for text in replies if text)


def test_the_desks_sector_guess_follows_the_events_guarded_sector() -> None:
    kulturskole = EVENT.guarded_sector
    barnehage = NETWORK.extraction_context().guarded_sector
    assert sector_of_role("kultursjef og kulturskolerektor", kulturskole) == "kulturskole"
    assert sector_of_role("kultursjef og kulturskulerektor", barnehage) == "administrasjon"
    assert sector_of_role("styrar og kommunalsjef", barnehage) == "barnehage"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Solbakken barnehage ønsker å delta i nettverket.", MessageKind.REGISTRATION),
        ("Vuku barnehage ønskjer å vere med i nettverket.", MessageKind.REGISTRATION),
        ("Barnehagen deltar likevel ikke.", MessageKind.WITHDRAWAL),
        ("Barnehagen vår trekkjer seg diverre frå nettverket.", MessageKind.WITHDRAWAL),
        ("Vi kommer dessverre ikke på nettverkssamlingen.", MessageKind.WITHDRAWAL),
        ("Me deltek ikkje på nettverkssamlinga.", MessageKind.WITHDRAWAL),
    ],
)
def test_the_kind_reads_the_events_words_for_the_unit_and_the_gathering(
    sentence: str, expected: MessageKind
) -> None:
    body = f"Hei!\n\n{sentence}\n\nHilsen\nKari Berg\n"
    assert kind(body, NETWORK.extraction_context()) == expected
    # the kulturskole event's file has other words: the same sentence says nothing to it
    assert kind(body, EVENT) == MessageKind.OTHER


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Vik kulturskule ønskjer å vere med.", MessageKind.REGISTRATION),
        ("Kulturskolen trekker seg dessverre.", MessageKind.WITHDRAWAL),
        ("Me deltek ikkje på verkstaden.", MessageKind.WITHDRAWAL),
    ],
)
def test_the_default_events_words_come_from_its_file(sentence: str, expected: MessageKind) -> None:
    body = f"Hei!\n\n{sentence}\n\nHilsen\nKari Berg\n"
    assert kind(body, EVENT) == expected
    assert kind(body, NETWORK.extraction_context()) == MessageKind.OTHER


LIST_NB = (
    "- Kari Berg, styrer\n- Ola Dal, pedagogisk leder\n- Per Ås, rektor\n- Eva Lie, ordfører\n"
)
LIST_NN = (
    "- Kari Berg, styrar\n- Ola Dal, pedagogisk leiar\n- Per Ås, rektor\n- Siv Nes, ordførar\n"
)


@pytest.mark.parametrize(
    ("opening", "people", "expected"),
    [
        ("Vi fra Levanger bibliotek melder på disse:", LIST_NB, "5037"),
        ("Me frå Verdal kulturskule melder på desse:", LIST_NN, "5038"),
        # a kindergarten is a local place: its name says nothing of the municipality
        ("Vi fra Levanger barnehage melder på disse:", LIST_NB, None),
        ("Me frå Frosta barnehage melder på desse:", LIST_NN, None),
    ],
)
def test_a_municipal_institution_names_its_municipality_under_any_event(
    opening: str, people: str, expected: str | None
) -> None:
    body = f"Hei!\n\n{opening}\n\n{people}\nHilsen\nKari Berg\n"
    mail = make_mail("kari.berg@gmail.com", body, subject="Påmelding")
    for context in (NETWORK.extraction_context(), EVENT):
        found = extract(mail, context=context).municipality
        assert (found.number if found else None) == expected


PREFIXED_NB = """Hei!

Levanger kommune melder på disse til nettverket:

- Kari Berg, kulturskolelærer og styrer i Solbakken barnehage
- Ola Dal, kulturskolepedagog
- Per Ås, ordfører
- Eva Lie, kommunalsjef

Hilsen
Kari Berg
"""

PREFIXED_NN = """Hei!

Verdal kommune melder på desse:

- Liv Ås, styrar i Vuku barnehage og kulturskulelærar
- Jon Dal, kulturskulerektror
- Siv Nes, kommunalsjef
- Are Li, ordførar

Helsing
Liv Ås
"""


@pytest.mark.parametrize(
    ("body", "sender", "network", "default"),
    [
        (
            PREFIXED_NB,
            "kari.berg@levanger.kommune.no",
            ["barnehage", "kulturskole", "politikk", "administrasjon"],
            ["kulturskole", "kulturskole", "politikk", "administrasjon"],
        ),
        (
            PREFIXED_NN,
            "liv.as@verdal.kommune.no",
            ["barnehage", "kulturskole", "administrasjon", "politikk"],
            ["kulturskole", "kulturskole", "administrasjon", "politikk"],
        ),
    ],
)
def test_a_sector_prefix_is_sector_data_and_the_guarded_sector_the_events(
    body: str, sender: str, network: list[str], default: list[str]
) -> None:
    """ "kulturskulerektor" is the kulturskole's under every event (the prefix is sector
    data); a person with two roles is filed under the one the event guards."""
    assert sectors(body, sender, NETWORK_FILE) == network
    assert sectors(body, sender, None) == default


def test_the_desks_edited_reading_files_roles_as_the_events_reader_does() -> None:
    """The organiser's corrected list leaves the sector out: it is taken from the role, under
    the event the desk serves (bokmål "styrer", nynorsk "styrar")."""
    base = Extraction(None, MessageKind.REGISTRATION, "nb", None)
    text = (
        "Kari Berg; kulturskolelærer og styrer\n"
        "Liv Ås; styrar og kommunalsjef\n"
        "Ola Dal; rektor; skole"
    )

    def filed(event_file: Path | None) -> list[str]:
        reading = review.edited_reading(
            base,
            kind="registration",
            municipality_number="",
            participants_text=text,
            removed_text="",
            event=load_event(event_file),
        )
        return [p.sector for p in reading.participants]

    assert filed(NETWORK_FILE) == ["barnehage", "barnehage", "skole"]
    assert filed(None) == ["kulturskole", "barnehage", "skole"]


# What people read names the event's excluded sector: the correction request, the digest,
# the terminal and the desk, the reminder. Under the default event the words are those
# mailbot has always written (asserted whole, byte for byte).

DEFAULT_FINDING_NB = (
    "Alle deltakerne er knyttet til kulturskolen, men ikke alle kan være det. Send oss navn og "
    "rolle på minst én person fra et annet felt, for eksempel en politiker, en leder i en annen "
    "tjeneste, en ansatt i skole eller barnehage eller noen fra det lokale kulturlivet."
)
DEFAULT_FINDING_NN = (
    "Alle deltakarane er knytte til kulturskulen, men ikkje alle kan vere det. Send oss namn og "
    "rolle på minst éin person frå eit anna felt, til dømes ein politikar, ein leiar i ei anna "
    "teneste, ein tilsett i skule eller barnehage eller nokon frå det lokale kulturlivet."
)
NETWORK_FINDING_NB = (
    "Alle deltakerne er knyttet til barnehagen, men ikke alle kan være det. Send oss navn og "
    "rolle på minst én person fra et annet felt, for eksempel en politiker, en leder i en annen "
    "tjeneste, en ansatt i skole eller kulturskole eller noen fra det lokale kulturlivet."
)
NETWORK_FINDING_NN = (
    "Alle deltakarane er knytte til barnehagen, men ikkje alle kan vere det. Send oss namn og "
    "rolle på minst éin person frå eit anna felt, til dømes ein politikar, ein leiar i ei anna "
    "teneste, ein tilsett i skule eller kulturskule eller nokon frå det lokale kulturlivet."
)


def all_from(sector: str) -> Group:
    people = (Member("Kari Berg", "styrer", sector), Member("Ola Dal", "lærer", sector))
    return Group("5037", "Levanger", False, people, datetime(2021, 3, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("event", "sector", "nb", "nn"),
    [
        (NETWORK, "barnehage", NETWORK_FINDING_NB, NETWORK_FINDING_NN),
        (load_event(), "kulturskole", DEFAULT_FINDING_NB, DEFAULT_FINDING_NN),
    ],
)
def test_the_correction_request_names_the_events_excluded_sector(
    event: Event, sector: str, nb: str, nn: str
) -> None:
    finding = AllKulturskole().check(all_from(sector), event.policy())
    assert finding is not None and finding.code == "all_kulturskole"
    assert (finding.text("nb"), finding.text("nn")) == (nb, nn)


def test_the_event_file_names_the_excluded_sector_no_code_does() -> None:
    assert load_event().rules.not_all_sector == "kulturskole"
    values = tomllib.loads(NETWORK_FILE.read_text("utf-8"))
    del values["rules"]["not_all_sector"]
    with pytest.raises(ValidationError, match="not_all_sector"):
        Event.model_validate(values)


@pytest.mark.parametrize(
    ("event", "label"),
    [(NETWORK, "alle er fra barnehagen"), (load_event(), "alle er fra kulturskolen")],
)
def test_the_digest_names_the_events_excluded_sector(event: Event, label: str) -> None:
    line = RegistrationLine("Levanger", "5037", "incomplete", 2, finding_codes=("all_kulturskole",))
    data = DigestData(generated_at=datetime(2021, 3, 2, tzinfo=UTC), registrations=(line,))
    text, html = render_digest(data, event)[1], render_digest_html(data, event)
    assert label in text and label in html
    assert finding_label("all_kulturskole", event) == label


@pytest.mark.parametrize(
    ("language", "event", "sentence"),
    [
        ("nb", NETWORK, "Gjerne fra flere sektorer, ikke bare barnehagen."),
        ("nn", NETWORK, "Gjerne frå fleire sektorar, ikkje berre barnehagen."),
        ("nb", load_event(), "Gjerne fra flere sektorer, ikke bare kulturskolen."),
        ("nn", load_event(), "Gjerne frå fleire sektorar, ikkje berre kulturskulen."),
    ],
)
def test_the_reminder_names_the_events_excluded_sector(
    language: str, event: Event, sentence: str
) -> None:
    ctx = ReplyContext(
        event=event,
        language=language,
        municipality_name="Levanger",
        members=(),
        findings=(),
        recipient_name=None,
    )
    assert sentence in " ".join(render_reply("reminder", ctx).split())


@pytest.fixture(scope="module")
def network_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database the kindergarten network's event filled: one registration all from the
    barnehage (finding ``all_kulturskole``), one mixed."""
    folder = tmp_path_factory.mktemp("network")
    inbox = folder / "inbox"
    inbox.mkdir()
    for name, body, sender in (
        ("001", ALL_FROM_BARNEHAGE_NB, "kari.berg@levanger.kommune.no"),
        ("002", MIXED_NN, "liv.as@verdal.kommune.no"),
    ):
        (inbox / f"{name}.eml").write_bytes(make_mail(sender, body, subject="Påmelding"))
    url = f"sqlite:///{folder}/network.db"
    settings = load_settings(
        None, database_url=url, maildir=inbox, outbox_dir=folder / "out", event_file=NETWORK_FILE
    )
    score_replies(inbox, App.build(settings))
    add_user(url, EMAIL, PASSWORD)
    return url


def test_the_terminal_board_names_the_events_excluded_sector(
    network_db: str, corpus_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert status(network_db, NETWORK) == 0
    network = capsys.readouterr().out
    assert status(corpus_url, load_event()) == 0
    default = capsys.readouterr().out
    assert "alle er fra barnehagen" in network and "fra kultursk" not in network
    assert "alle er fra kulturskolen" in default


def board_page(url: str, event: Event) -> str:
    engine = make_engine(url)
    app = create_app(make_session_factory(engine), event, web_settings(), utcnow)
    with DeskClient(app, base_url="http://127.0.0.1") as client:
        assert client.sign_in().status_code == 303  # type: ignore[attr-defined]
        page = client.get("/").text
    engine.dispose()
    return page


def test_the_desk_board_names_the_events_excluded_sector(network_db: str, corpus_url: str) -> None:
    network = board_page(network_db, NETWORK)
    assert "alle er fra barnehagen" in network and "fra kultursk" not in network
    assert "alle er fra kulturskolen" in board_page(corpus_url, load_event())
