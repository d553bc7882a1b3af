"""Wiring: turn settings into the running parts (database, source, transport, processor).

Side effects (model loading, connections) happen here, at the entry point, never at import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.migrate import upgrade_if_needed
from db.models import utcnow
from db.session import make_engine, make_session_factory
from mailbot.authority import Authority
from mailbot.errors import database_errors
from mailbot.event import Event, load_event
from mailbot.lazy_reader import LazyReader
from mailbot.processing import Processor
from mailbot.settings import Settings
from mailbot.sources.base import MailSource
from mailbot.transport import Transport
from parsers.auth_results import Trust

if TYPE_CHECKING:
    from mailbot.oauth import AccessTokens


@dataclass
class App:
    settings: Settings
    event: Event
    engine: Engine
    factory: sessionmaker[Session]
    clock: Callable[[], datetime] = utcnow
    _processor: Processor | None = None
    _tokens: AccessTokens | None = None

    @classmethod
    def build(cls, settings: Settings, *, migrate: bool = True) -> App:
        with database_errors(settings.database_url):
            engine = make_engine(settings.database_url)
            if migrate:
                upgrade_if_needed(engine, settings.database_url)
        event = load_event(settings.event_file)
        if event.templates is not None:
            from mailbot.template_check import check_overrides

            check_overrides(event)  # a broken override template stops start-up, named
        return cls(settings, event, engine, make_session_factory(engine))

    def processor(self) -> Processor:
        """The processor; its reader loads the NLP pipeline (about a second) when the first
        message is read, or at ``load_model``."""
        if self._processor is None:
            context = self.event.extraction_context()
            trust = Trust(tuple(self.settings.trust.authserv_ids), self.settings.trust.microsoft365)
            limits = self.settings.limits.to_limits()
            self._processor = Processor(
                event=self.event,
                extractor=LazyReader(context, limits),
                clock=self.clock,
                max_attempts=self.settings.max_attempts,
                authority=Authority(trust),
                limits=limits,
                lease=timedelta(seconds=self.settings.lease_seconds),
            )
        return self._processor

    def load_model(self) -> None:
        """Load the NLP pipeline now (the long-running worker, before its first poll)."""
        extractor = self.processor().extractor
        if isinstance(extractor, LazyReader):
            extractor.load()

    def access_tokens(self) -> AccessTokens:
        """One token source for IMAP and SMTP, so both share the cached access token."""
        if self._tokens is None:
            from mailbot.oauth import access_tokens

            assert self.settings.oauth is not None  # guaranteed by Settings validation
            self._tokens = access_tokens(self.settings.oauth)
        return self._tokens

    def source(self) -> MailSource:
        settings = self.settings
        if settings.maildir is not None:
            from mailbot.sources.maildir import MaildirSource

            return MaildirSource(settings.maildir)
        from mailbot.sources.imap import ImapSource

        imap = settings.imap
        assert imap is not None  # guaranteed by Settings validation
        return ImapSource(
            host=imap.host,
            port=imap.port,
            username=imap.username,
            password=imap.password.get_secret_value() if imap.password else None,
            tokens=self.access_tokens() if imap.auth == "xoauth2" else None,
            ssl=imap.security == "ssl",
            starttls=imap.security == "starttls",
            folder=imap.folder,
            processed_folder=imap.processed_folder,
        )

    def transport(self) -> Transport:
        settings = self.settings
        if settings.outbox_dir is not None:
            from mailbot.file_transport import FileTransport

            return FileTransport(settings.outbox_dir)
        from mailbot.smtp_transport import SmtpTransport

        smtp = settings.smtp
        assert smtp is not None  # guaranteed by Settings validation
        return SmtpTransport(
            host=smtp.host,
            port=smtp.port,
            username=smtp.username,
            password=smtp.password.get_secret_value() if smtp.password else None,
            tokens=self.access_tokens() if smtp.auth == "xoauth2" else None,
            security=smtp.security,
            timeout=smtp.timeout_seconds,
        )
