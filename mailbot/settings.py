"""Service settings: a TOML config file, overridden by ``MAILBOT_*`` environment variables.

Secrets (IMAP and SMTP passwords) belong in the environment, never in a file in the repo:
``MAILBOT_IMAP__PASSWORD`` and ``MAILBOT_SMTP__PASSWORD``. See ``mailbot.example.toml``.
"""

from __future__ import annotations

import difflib
import tomllib
from datetime import time
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from mailbot.errors import UserError
from parsers.limits import Limits


class ImapSettings(BaseModel):
    """The registration inbox on an IMAP server."""

    model_config = ConfigDict(extra="forbid")  # a typo'd key stops start-up, naming it
    host: str
    port: int = Field(993, ge=1, le=65535)
    username: str
    password: SecretStr | None = None
    """From the environment (``MAILBOT_IMAP__PASSWORD``); not used with ``auth = "xoauth2"``."""
    auth: Literal["password", "xoauth2"] = "password"
    """``xoauth2`` for Microsoft 365 and Google Workspace (tokens from ``[oauth]``)."""
    security: Literal["ssl", "starttls", "none"] = "ssl"
    folder: str = "INBOX"
    processed_folder: str | None = None
    """Move stored messages here; when unset they are only given the $MailbotStored keyword."""

    @model_validator(mode="after")
    def _password_for_password_auth(self) -> ImapSettings:
        if self.auth == "password" and self.password is None:
            raise ValueError(
                "password missing; set MAILBOT_IMAP__PASSWORD in the environment "
                '(or auth = "xoauth2" with an [oauth] section)'
            )
        return self


class SmtpSettings(BaseModel):
    """Where replies and the digest are sent."""

    model_config = ConfigDict(extra="forbid")
    host: str
    port: int = Field(587, ge=1, le=65535)
    username: str | None = None
    password: SecretStr | None = None
    auth: Literal["password", "xoauth2"] = "password"
    """``xoauth2`` for Microsoft 365 and Google Workspace (tokens from ``[oauth]``; needs
    ``username``)."""
    security: Literal["ssl", "starttls", "none"] = "starttls"
    timeout_seconds: float = 30.0


class WebSettings(BaseModel):
    """The organiser's desk (``mailbot web``).

    ``secret_key`` signs the session cookies; it comes from the environment only
    (``MAILBOT_WEB__SECRET_KEY``), and the desk refuses to start without one.
    """

    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8025, ge=0, le=65535)
    """0 picks a free port (the address is printed at start)."""
    secret_key: SecretStr | None = None
    session_hours: int = Field(default=12, ge=1)
    """A sign-in lasts this long."""
    max_failed_sign_ins: int = Field(default=5, ge=1)
    """Wrong passwords in a row before an account is locked for ``lockout_minutes``."""
    lockout_minutes: int = Field(default=15, ge=1)
    secure_cookies: bool = False
    """Mark the session cookie Secure: set it when the desk is served over HTTPS."""
    public_url: str | None = None
    """The desk's address as the organiser opens it (``https://pamelding.ks.no``): the
    digest links to the desk when it is set."""


class OAuthSettings(BaseModel):
    """Where XOAUTH2 tokens come from (see the README: Microsoft 365 and Google).

    Secrets come from the environment only: ``MAILBOT_OAUTH__CLIENT_SECRET`` and, for Google,
    ``MAILBOT_OAUTH__REFRESH_TOKEN``.
    """

    model_config = ConfigDict(extra="forbid")

    provider: Literal["microsoft", "google"]
    flow: Literal["client_credentials", "device_code", "refresh_token"] = "client_credentials"
    """Microsoft: ``client_credentials`` (an app registration, no user present) or
    ``device_code`` (a user signs in once with ``mailbot oauth login``); Google:
    ``refresh_token``."""
    client_id: str
    client_secret: SecretStr | None = None
    tenant_id: str | None = None
    """Microsoft: the directory (tenant) id or domain, e.g. ``ks.no``."""
    refresh_token: SecretStr | None = None
    token_cache: Path = Path("mailbot-oauth-cache.json")
    """Microsoft device code: where the sign-in is kept (written with mode 0600)."""
    authority_host: str = "https://login.microsoftonline.com"
    token_uri: str = "https://oauth2.googleapis.com/token"

    @model_validator(mode="after")
    def _flow_fits_provider(self) -> OAuthSettings:
        google = self.provider == "google"
        if google != (self.flow == "refresh_token"):
            raise ValueError(
                "flow: Google uses 'refresh_token'; Microsoft 'client_credentials' or 'device_code'"
            )
        if not google and self.tenant_id is None:
            raise ValueError("tenant_id missing; set the Microsoft tenant (e.g. 'ks.no')")
        secrets = {"client_credentials": ("client_secret",), "device_code": ()}
        for name in secrets.get(self.flow, ("client_secret", "refresh_token")):
            if getattr(self, name) is None:
                raise ValueError(f"{name} missing; set MAILBOT_OAUTH__{name.upper()}")
        return self


class TrustSettings(BaseModel):
    """Which ``Authentication-Results`` headers are written by our own receiving server.

    A colleague writing from the municipality's domain may change its registration only when
    that server says the mail passed DMARC; with nothing trusted (the default, and always for
    a Maildir) only the registration's contacts may. When that server says the sender's domain
    failed DMARC, the sender is no colleague either, and even its own list waits.
    """

    model_config = ConfigDict(extra="forbid")

    authserv_ids: list[str] = []
    """The authserv-id our receiving server writes first in its header (e.g. ``mx.ks.no``)."""
    microsoft365: bool = False
    """The inbox is on Microsoft 365, whose header carries no authserv-id: trust the topmost
    ``Authentication-Results`` header of that form."""


class LimitSettings(BaseModel):
    """How much work one message may cause (``parsers.limits``): the defaults keep a worker
    within 1.5 GB whatever arrives. Past a limit the text is cut or the attachment left
    unread, and the message's note says so; only a message too big or too deeply built to
    parse is set aside as failed."""

    model_config = ConfigDict(extra="forbid")

    raw_bytes: int = Field(default=Limits.raw_bytes, ge=1024)
    """A bigger message is not read (failed, kept)."""
    parts: int = Field(default=Limits.parts, ge=1)
    """MIME parts in one message; more is not read."""
    depth: int = Field(default=Limits.depth, ge=1)
    """Nesting depth of MIME parts; deeper is not read."""
    attachment_bytes: int = Field(default=Limits.attachment_bytes, ge=1)
    """A bigger attachment is listed but not read."""
    unpacked_bytes: int = Field(default=Limits.unpacked_bytes, ge=1)
    """What a .docx or .xlsx (a zip) may unpack to, checked before unpacking."""
    unpacked_ratio: int = Field(default=Limits.unpacked_ratio, ge=1)
    """How many times its own size a .docx or .xlsx may unpack to."""
    html_chars: int = Field(default=Limits.html_chars, ge=1)
    """Characters of an HTML body rendered to text."""
    text_chars: int = Field(default=Limits.text_chars, ge=1)
    """Characters of body text split into own words and quotes."""
    attachment_text_chars: int = Field(default=Limits.attachment_text_chars, ge=1)
    """Characters of text read from one attachment."""
    nlp_chars: int = Field(default=Limits.nlp_chars, ge=1)
    """Characters of the sender's own words read by the language model."""

    def to_limits(self) -> Limits:
        return Limits(**self.model_dump())


class Settings(BaseSettings):
    """Everything the service needs to run; one object, built once at start-up."""

    model_config = SettingsConfigDict(
        env_prefix="MAILBOT_", env_nested_delimiter="__", extra="forbid"
    )

    database_url: str = "sqlite:///mailbot.db"
    """SQLAlchemy URL; PostgreSQL in deployment: postgresql+psycopg://user@host/db."""
    event_file: Path | None = None
    """The event's TOML file; unset means the packaged «Kulturskole for fremtiden»."""
    maildir: Path | None = None
    """Read a local Maildir (or folder of .eml files) instead of IMAP."""
    outbox_dir: Path | None = None
    """Write outgoing mail as .eml files here instead of sending by SMTP."""
    imap: ImapSettings | None = None
    smtp: SmtpSettings | None = None
    oauth: OAuthSettings | None = None
    poll_interval_seconds: int = Field(60, ge=5)
    send_interval_seconds: int = Field(30, ge=5)
    digest_time: time = time(7, 0)
    """Local time (event time zone) of the organiser's daily digest."""
    digest_recipient: str | None = None
    """Digest address; unset means the event's organiser address."""
    trust: TrustSettings = TrustSettings()
    max_attempts: int = Field(3, ge=1)
    """A message that fails this many times is set aside as failed (kept, shown)."""
    lease_seconds: int = Field(300, ge=1)
    """How long a worker's claim on a message holds; a message whose worker died is claimed
    again after this (and counts an attempt)."""
    limits: LimitSettings = LimitSettings()
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    web: WebSettings = Field(default_factory=WebSettings)
    log_format: Literal["text", "json"] = "text"
    """``json``: one JSON object per log line, for log collectors."""
    metrics_port: int | None = Field(None, ge=1, le=65535)
    """Serve Prometheus metrics on this port (off when unset)."""
    metrics_host: str = "127.0.0.1"
    """Address the metrics server listens on (``0.0.0.0`` in a container)."""

    config_file: ClassVar[Path | None] = None
    require_io: ClassVar[bool] = True
    """False for commands that only use the database (init, digest, export, delete)."""

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("maildir")
    @classmethod
    def _maildir_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"folder {value} not found; create it or point maildir at a Maildir")
        return value

    @model_validator(mode="after")
    def _one_source_and_sink(self) -> Settings:
        if not self.require_io:
            return self
        if self.maildir is None and self.imap is None:
            raise ValueError("set either 'maildir' or an [imap] section")
        if self.outbox_dir is None and self.smtp is None:
            raise ValueError("set either 'outbox_dir' or an [smtp] section")
        xoauth2 = [s.auth == "xoauth2" for s in (self.imap, self.smtp) if s is not None]
        if any(xoauth2) and self.oauth is None:
            raise ValueError('auth = "xoauth2" needs an [oauth] section')
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = cls.config_file
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_file))
        return tuple(sources)


class SettingsError(UserError):
    """Start-up cannot go on; the message names every missing or invalid setting."""


def load_settings(
    config_file: Path | None = None, *, require_io: bool = True, **overrides: object
) -> Settings:
    """Build the settings from a file, the environment and explicit overrides (CLI flags).

    Explicit overrides win over the environment, which wins over the file. With
    ``require_io=False`` no mail source or sink is needed (commands that only use the
    database), but every key of the file is still checked, so a typo never falls back to a
    default silently.
    """
    if config_file is not None and not Path(config_file).is_file():
        raise SettingsError(
            f"config file {config_file} not found; give the path of an existing TOML file "
            "(an example: mailbot/mailbot.example.toml)"
        )
    given = {key: value for key, value in overrides.items() if value is not None}
    cls = type("FileSettings", (Settings,), {"config_file": config_file, "require_io": require_io})
    try:
        return cls(**given)  # type: ignore[no-any-return]
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            f"config file {config_file}: TOML syntax error: {error}; fix the file"
        ) from None
    except ValidationError as error:
        raise SettingsError(_describe(error, config_file)) from None


def _describe(error: ValidationError, config_file: Path | None) -> str:
    """One line naming every bad setting, with a suggestion for a misspelled key."""
    origin = f" (config file {config_file} or MAILBOT_* environment)" if config_file else ""
    problems = []
    for item in error.errors():
        loc = tuple(str(part) for part in item["loc"])
        where = ".".join(loc) or "settings"
        if item["type"] == "extra_forbidden":
            problems.append(f"{where}: unknown setting{_suggestion(loc)}")
        elif item["type"] == "missing":
            env = "MAILBOT_" + "__".join(loc).upper()
            place = "the environment as" if loc[-1] == "password" else "the config file or"
            problems.append(f"{where}: missing; set it in {place} {env}")
        else:
            problems.append(f"{where}: {item['msg'].removeprefix('Value error, ')}")
    return f"invalid configuration{origin}: " + "; ".join(problems)


def _suggestion(loc: tuple[str, ...]) -> str:
    """``, did you mean 'port'?`` for ``imap.prot`` (the known keys of that section)."""
    model: type[BaseModel] = Settings
    for part in loc[:-1]:
        field = model.model_fields.get(part)
        annotation: Any = field.annotation if field is not None else None
        nested = [a for a in getattr(annotation, "__args__", (annotation,)) if _is_model(a)]
        if not nested:
            return ""
        model = nested[0]
    close = difflib.get_close_matches(loc[-1], list(model.model_fields), n=1)
    return f", did you mean '{close[0]}'?" if close else " (remove it)"


def _is_model(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)
