"""mailbot: read a registration inbox, keep the registry, answer every sender."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from mailbot.settings import SettingsError, load_settings

log = logging.getLogger("mailbot")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=getattr(args, "log_level", None) or "WARNING",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except SettingsError as error:
        print(f"mailbot: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mailbot", description=__doc__)
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING or ERROR")
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

    delete = sub.add_parser("delete", help="erase a person's or a municipality's data")
    _db_options(delete)
    target = delete.add_mutually_exclusive_group(required=True)
    target.add_argument("--address", help="every message from or to this address")
    target.add_argument("--municipality", help="a municipality number: its registration")
    delete.set_defaults(func=_delete)
    return parser


def _db_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="TOML config file")
    parser.add_argument("--database", help="SQLAlchemy URL (default sqlite:///mailbot.db)")


def _database_url(args: argparse.Namespace) -> str:
    """Commands that only touch the database need no source or sink configured."""
    import os
    import tomllib

    if args.database:
        return str(args.database)
    if os.environ.get("MAILBOT_DATABASE_URL"):
        return os.environ["MAILBOT_DATABASE_URL"]
    if args.config:
        if not args.config.is_file():
            raise SettingsError(f"config file not found: {args.config}")
        data = tomllib.loads(args.config.read_text("utf-8"))
        if "database_url" in data:
            return str(data["database_url"])
    return "sqlite:///mailbot.db"


def _init(args: argparse.Namespace) -> int:
    from db.migrate import upgrade

    url = _database_url(args)
    upgrade(url)
    print(f"database schema is up to date ({_redact(url)})")
    return 0


def _run(args: argparse.Namespace) -> int:
    from mailbot.app import App
    from mailbot.worker import run_cycle, run_forever

    settings = load_settings(
        args.config, database_url=args.database, maildir=args.maildir, outbox_dir=args.outbox
    )
    if args.log_level is None:
        logging.getLogger().setLevel(settings.log_level)
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


def _extract(args: argparse.Namespace) -> int:
    from parsers.errors import ParseError
    from parsers.extraction import extract, load_pipeline

    nlp = load_pipeline()
    failures = 0
    for file in args.files:
        try:
            result = {"file": str(file)} | extract(file.read_bytes(), nlp).to_json()
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

    return print_or_send_digest(_database_url(args), send=args.send, config=args.config)


def _export(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and args.output is None:
        raise SettingsError("--format xlsx needs --output FILE (a spreadsheet is not text)")
    if args.format == "json":
        from mailbot.privacy import export_registry

        text = json.dumps(export_registry(_database_url(args)), ensure_ascii=False, indent=2)
        if args.output is None:
            print(text)
            return 0
        data = (text + "\n").encode("utf-8")
    else:
        from mailbot.exports import export_file

        data = export_file(_database_url(args), args.format)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.output.write_bytes(data)
    return 0


def _web(args: argparse.Namespace) -> int:
    from mailbot.web.serve import serve

    return serve(args.config, args.database, args.host, args.port)


def _user_add(args: argparse.Namespace) -> int:
    from mailbot.web.serve import add_user, read_password

    print(add_user(_database_url(args), args.email, read_password()))
    return 0


def _delete(args: argparse.Namespace) -> int:
    from mailbot.privacy import erase

    counts = erase(_database_url(args), address=args.address, municipality=args.municipality)
    print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    return 0


def _redact(url: str) -> str:
    """Never print a database password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    raise SystemExit(main())
