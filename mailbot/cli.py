"""mailbot: read a registration inbox, keep the registry, answer every sender."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from mailbot.errors import UserError, database_errors, first_line, redact_url
from mailbot.logs import configure_logging
from mailbot.settings import Settings, load_settings

log = logging.getLogger("mailbot")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    """The one place errors reach the user: a :class:`UserError` is one line and exit code 2;
    anything else is a bug, shown as one line too unless ``--debug`` asks for the traceback."""
    args = _parser().parse_args(argv)
    configure_logging(args.log_level or "WARNING", args.log_format or "text")
    try:
        return int(args.func(args) or 0)
    except UserError as error:
        if args.debug:
            raise
        print(f"mailbot: {error}", file=sys.stderr)
        return USER_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if args.debug:
            raise
        print(
            f"mailbot: unexpected error: {type(error).__name__}: {first_line(error)} "
            "(run again with --debug for the traceback, and report it)",
            file=sys.stderr,
        )
        return 1


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong option is one line too (not the usage block)."""

    def error(self, message: str) -> NoReturn:
        self.exit(USER_ERROR, f"{self.prog}: {message}; see '{self.prog} --help'\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mailbot", description=__doc__)
    parser.add_argument(
        "--log-level",
        type=str.upper,
        choices=LOG_LEVELS,
        default=None,
        help="DEBUG, INFO, WARNING or ERROR (run: the config's log_level; else WARNING)",
    )
    parser.add_argument(
        "--log-format", choices=("text", "json"), default=None, help="log lines as text or JSON"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="create or upgrade the database schema")
    _db_options(init)
    init.set_defaults(func=_init)

    run = sub.add_parser("run", help="poll, process, reply (forever, or --once)")
    _db_options(run)
    run.add_argument("--once", action="store_true", help="one cycle, then exit")
    run.add_argument("--maildir", type=Path, help="read this Maildir / .eml folder")
    run.add_argument("--outbox", type=Path, help="write outgoing mail as .eml files here")
    run.set_defaults(func=_run)

    check = sub.add_parser("check", help="check the configuration, database, IMAP and SMTP")
    _db_options(check)
    check.add_argument(
        "--quick",
        action="store_true",
        help="configuration, database and the worker's own notes only (no logins): a health check",
    )
    check.set_defaults(func=_check)

    extract = sub.add_parser("extract", help="print what mailbot reads in .eml files")
    extract.add_argument("files", nargs="+", type=Path)
    extract.add_argument("--json", action="store_true", help="JSON Lines (the default)")
    extract.set_defaults(func=_extract)

    evaluate = sub.add_parser("eval", help="score extraction (or replies) against a gold folder")
    evaluate.add_argument("gold_dir", nargs="?", type=Path)
    evaluate.add_argument("--replies", action="store_true", help="score the automatic replies")
    evaluate.set_defaults(func=_eval)

    demo = sub.add_parser("demo", help="process bundled sample replies with no servers")
    demo.set_defaults(func=_demo)

    digest = sub.add_parser("digest", help="print (or --send) the organiser's digest now")
    _db_options(digest)
    digest.add_argument("--send", action="store_true", help="queue it in the outbox")
    digest.set_defaults(func=_digest)

    export = sub.add_parser(
        "export", help="export the registry as JSON, or the participants as CSV or XLSX"
    )
    _db_options(export)
    export.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
    export.add_argument("--output", type=Path, help="write here (default: standard output)")
    export.set_defaults(func=_export)

    web = sub.add_parser("web", help="the organiser's desk: a signed-in web page")
    web.add_argument("--config", type=Path, help="TOML config file")
    web.add_argument("--database", help="SQLAlchemy URL (default sqlite:///mailbot.db)")
    web.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    web.add_argument("--port", type=int, help="port to listen on (default 8025)")
    web.set_defaults(func=_web)

    user = sub.add_parser("user", help="organiser accounts for the desk")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    user_add = user_sub.add_parser(
        "add", help="add an account (or set a new password); password asked, or from stdin"
    )
    _db_options(user_add)
    user_add.add_argument("email")
    user_add.set_defaults(func=_user_add)

    oauth = sub.add_parser("oauth", help="Microsoft 365 / Google sign-in for XOAUTH2")
    oauth_sub = oauth.add_subparsers(dest="oauth_command", required=True)
    oauth_login = oauth_sub.add_parser(
        "login", help='sign in once with a device code ([oauth] flow = "device_code")'
    )
    oauth_login.add_argument("--config", type=Path, required=True, help="TOML config file")
    oauth_login.set_defaults(func=_oauth_login)

    remind = sub.add_parser(
        "remind", help="one reminder to each invited municipality that has not answered"
    )
    _db_options(remind)
    remind.add_argument("--dry-run", action="store_true", help="only list who would get one")
    remind.set_defaults(func=_remind)

    status = sub.add_parser("status", help="the board in the terminal: who is in, by status")
    _db_options(status)
    status.set_defaults(func=_status)

    review = sub.add_parser("review", help="the review queue: list, show, accept, close")
    review_sub = review.add_subparsers(dest="review_command", required=True)
    review_list = review_sub.add_parser("list", help="the messages waiting for a decision")
    _db_options(review_list)
    review_list.set_defaults(func=_review)
    review_show = review_sub.add_parser("show", help="one message beside what mailbot read")
    _db_options(review_show)
    review_show.add_argument("message", type=int, help="its number in 'mailbot review list'")
    review_show.set_defaults(func=_review)
    for name, text in (
        ("accept", "apply what mailbot read and queue the reply it causes"),
        ("close", "close without a reply"),
        ("answer", "answer a question in your own words, in the thread (--draft, --text-file)"),
        ("correct", "ask the sender for a correction in your own words (--text-file)"),
        ("add-contact", "make the sender a contact of the message's registration"),
        ("reinstate", "reinstate the registration a later withdrawal took back"),
        ("attach", "attach the message to another municipality (--municipality); it waits"),
        ("edit", "correct what mailbot read, then accept (--participants-file, --kind ...)"),
    ):
        decide = review_sub.add_parser(name, help=text)
        _db_options(decide)
        decide.add_argument("message", type=int, help="its number in 'mailbot review list'")
        decide.add_argument(
            "--account", help="who decides (default: MAILBOT_ACCOUNT, else terminal:<login>)"
        )
        if name in ("answer", "correct"):
            decide.add_argument("--text-file", help="your words, UTF-8 ('-' reads standard input)")
        if name in ("attach", "edit"):
            decide.add_argument(
                "--municipality",
                required=name == "attach",
                help="a municipality's number, 'Name (number)' or unique name",
            )
        if name == "edit":
            decide.add_argument(
                "--kind", choices=("registration", "update", "withdrawal"), help="what it is"
            )
            decide.add_argument(
                "--participants-file",
                help="one participant a line, 'Name; role; sector' (the sector may be left "
                "out); without it, the participants mailbot read",
            )
            decide.add_argument("--removed-file", help="names taken off the list, one a line")
        if name == "answer":
            decide.add_argument(
                "--draft",
                action="store_true",
                help="print the greeting and closing in the sender's written standard to "
                "fill in, and send nothing",
            )
        decide.set_defaults(func=_review)

    delete = sub.add_parser("delete", help="erase a person's or a municipality's data")
    _db_options(delete)
    target = delete.add_mutually_exclusive_group(required=True)
    target.add_argument("--address", help="every message from or to this address")
    target.add_argument("--municipality", help="a municipality's number or name: its registration")
    delete.add_argument("--yes", action="store_true", help="delete without asking")
    delete.set_defaults(func=_delete)
    return parser


def _db_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="TOML config file")
    parser.add_argument("--database", help="SQLAlchemy URL (default sqlite:///mailbot.db)")


def _database_url(args: argparse.Namespace) -> str:
    """Commands that only touch the database need no source or sink configured, but the whole
    file is still checked: a misspelled key must not fall back to ./mailbot.db."""
    settings = load_settings(args.config, require_io=False, database_url=args.database)
    return settings.database_url


def _init(args: argparse.Namespace) -> int:
    from db.migrate import upgrade

    url = _database_url(args)
    with database_errors(url):
        upgrade(url)
    print(f"database schema is up to date ({redact_url(url)})")
    return 0


def _run(args: argparse.Namespace) -> int:
    from mailbot.app import App
    from mailbot.worker import run_cycle, run_forever

    settings = load_settings(
        args.config, database_url=args.database, maildir=args.maildir, outbox_dir=args.outbox
    )
    _configure_from(settings, args)
    app = App.build(settings)
    if args.once:
        result = run_cycle(app)
        print(
            f"stored {result.stored}, processed {result.processed}, failed {result.failed}, "
            f"replies {result.replies}, sent {result.sent}"
        )
        return 0
    run_forever(app)
    return 0


def _configure_from(settings: Settings, args: argparse.Namespace) -> None:
    """The worker logs at the config's level and format unless the command line says."""
    configure_logging(args.log_level or settings.log_level, args.log_format or settings.log_format)


def _check(args: argparse.Namespace) -> int:
    from mailbot.checks import run_checks

    return run_checks(args.config, args.database, quick=args.quick)


def _extract(args: argparse.Namespace) -> int:
    from mailbot.event import load_event
    from parsers.errors import ParseError
    from parsers.extraction import extract, load_pipeline

    nlp = load_pipeline()
    context = load_event().extraction_context()
    failures = 0
    for file in args.files:
        try:
            result = {"file": str(file)} | extract(file.read_bytes(), nlp, context).to_json()
        except (OSError, ParseError) as error:
            failures += 1
            result = {"file": str(file), "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(result, ensure_ascii=False))
    return 1 if failures else 0


def _eval(args: argparse.Namespace) -> int:
    if args.replies:
        from mailbot.reply_eval import main as replies_main

        return replies_main(args.gold_dir)
    from mailbot.evaluation import main as eval_main

    return eval_main(args.gold_dir)


def _demo(args: argparse.Namespace) -> int:
    from mailbot.demo import run_demo

    return run_demo()


def _digest(args: argparse.Namespace) -> int:
    from mailbot.digest_job import print_or_send_digest

    url = _database_url(args)
    with database_errors(url):
        return print_or_send_digest(url, send=args.send, config=args.config)


def _export(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and args.output is None:
        raise UserError("--format xlsx needs --output FILE (a spreadsheet is not text)")
    if args.format == "json":
        from mailbot.privacy import export_registry

        url = _database_url(args)
        with database_errors(url):
            registry = export_registry(url)
        text = json.dumps(registry, ensure_ascii=False, indent=2)
        if args.output is None:
            print(text)
            return 0
        data = (text + "\n").encode("utf-8")
    else:
        from mailbot.exports import export_file

        url = _database_url(args)
        with database_errors(url):
            data = export_file(url, args.format)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.output.write_bytes(data)
    return 0


def _remind(args: argparse.Namespace) -> int:
    from mailbot.event import load_event
    from mailbot.invitees import remind_command

    settings = load_settings(args.config, require_io=False, database_url=args.database)
    with database_errors(settings.database_url):
        return remind_command(
            settings.database_url, load_event(settings.event_file), dry_run=args.dry_run
        )


def _status(args: argparse.Namespace) -> int:
    from mailbot.event import load_event
    from mailbot.terminal import status

    settings = load_settings(args.config, require_io=False, database_url=args.database)
    with database_errors(settings.database_url):
        return status(settings.database_url, load_event(settings.event_file))


def _review(args: argparse.Namespace) -> int:
    from mailbot import terminal
    from mailbot.event import load_event

    settings = load_settings(args.config, require_io=False, database_url=args.database)
    url = settings.database_url
    with database_errors(url):
        if args.review_command == "list":
            return terminal.review_list(url)
        if args.review_command == "show":
            return terminal.review_show(url, args.message)
        account = args.account or terminal.default_account()
        event = load_event(settings.event_file)
        if getattr(args, "draft", False):
            return terminal.review_draft(url, event, args.message)
        text = ""
        if args.review_command in ("answer", "correct"):
            text = _text_file(args.text_file)
        choices: dict[str, str] = {}
        if args.review_command in ("attach", "edit"):
            choices["municipality"] = args.municipality or ""
        if args.review_command == "edit":
            choices["kind"] = args.kind or ""
            if args.participants_file:
                choices["participants"] = _text_file(args.participants_file)
            if args.removed_file:
                choices["removed"] = _text_file(args.removed_file)
        return terminal.review_decide(
            url, event, args.message, args.review_command, account, text, choices
        )


def _text_file(name: str | None) -> str:
    """The organiser's words for an answer or a correction request: a UTF-8 file, or
    standard input for ``-``."""
    if not name:
        raise UserError("--text-file is needed: your words (make a draft with --draft)")
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read --text-file {name}: {error}") from None


def _web(args: argparse.Namespace) -> int:
    from mailbot.web.serve import serve

    return serve(args.config, args.database, args.host, args.port)


def _user_add(args: argparse.Namespace) -> int:
    from mailbot.web.serve import add_user, read_password

    url = _database_url(args)
    with database_errors(url):
        print(add_user(url, args.email, read_password()))
    return 0


def _oauth_login(args: argparse.Namespace) -> int:
    """The device-code dialogue: print the code, wait for the person, keep the sign-in."""
    from mailbot.oauth import MicrosoftDeviceCode, access_tokens

    settings = load_settings(args.config, require_io=False)
    tokens = access_tokens(settings.oauth) if settings.oauth is not None else None
    if not isinstance(tokens, MicrosoftDeviceCode):
        raise UserError(
            f"{args.config}: 'mailbot oauth login' needs [oauth] provider = \"microsoft\" and "
            'flow = "device_code"; the other flows need no sign-in'
        )
    account = tokens.sign_in(print)
    print(f"signed in as {account}; the sign-in is kept in {tokens.token_cache}")
    return 0


def _delete(args: argparse.Namespace) -> int:
    """Say what would go, ask (unless --yes), then delete exactly that."""
    from mailbot.privacy import erase, municipality_number

    url = _database_url(args)
    address, number, label = args.address, None, f"address {args.address}"
    if args.municipality is not None:
        number, name = municipality_number(args.municipality)
        label = f"municipality {name} ({number})"
    with database_errors(url):
        planned = erase(url, address=address, municipality=number, commit=False)
    if not any(planned.values()):
        raise UserError(f"nothing held for {label}; 'mailbot export' lists what is held")
    print(f"{label}: would delete {_counted(planned)}")
    if not args.yes and not _confirmed("delete this for good? [y/N] "):
        print("nothing deleted")
        return 1
    with database_errors(url):
        done = erase(url, address=address, municipality=number)
    print(f"deleted {_counted(done)}")
    return 0


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name}" for name, count in counts.items())


def _confirmed(question: str) -> bool:
    """Ask on the terminal; no answer (end of input) is no."""
    try:
        answer = input(question)
    except EOFError:
        print()
        return False
    return answer.strip().casefold() in {"y", "yes", "j", "ja"}


if __name__ == "__main__":
    raise SystemExit(main())
