"""What ``mailbot web`` needs from the configuration: the database, the event, ``[web]``.

The desk reads the worker's own config file but needs no mail source or sink, so it loads
only these keys (the file's other sections are the worker's business). The session secret
comes from the environment only: a secret in a file would end up in backups and
repositories.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from mailbot.settings import SettingsError, WebSettings

MIN_SECRET_LENGTH = 32
SECRET_HINT = (
    "set MAILBOT_WEB__SECRET_KEY in the environment to a long random value, e.g. "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
)


class DeskSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MAILBOT_", env_nested_delimiter="__", extra="ignore"
    )

    database_url: str = "sqlite:///mailbot.db"
    event_file: Path | None = None
    web: WebSettings = Field(default_factory=WebSettings)

    toml_file: ClassVar[Path | None] = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls.toml_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls.toml_file))
        return tuple(sources)


def load_desk_settings(
    config_file: Path | None = None,
    *,
    database_url: str | None = None,
    host: str | None = None,
    port: int | None = None,
) -> DeskSettings:
    """Flags win over the environment, which wins over the file (as for the worker)."""
    if config_file is not None:
        _check_file(config_file)
    cls = type("FileDeskSettings", (DeskSettings,), {"toml_file": config_file})
    given: dict[str, Any] = {}
    if database_url:
        given["database_url"] = database_url
    try:
        settings: DeskSettings = cls(**given)
    except ValidationError as error:
        raise SettingsError(f"invalid configuration: {error}") from None
    web = settings.web.model_copy(
        update={k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    )
    secret = web.secret_key.get_secret_value() if web.secret_key else ""
    if len(secret) < MIN_SECRET_LENGTH:
        what = "missing" if not secret else f"shorter than {MIN_SECRET_LENGTH} characters"
        raise SettingsError(f"web.secret_key is {what}: {SECRET_HINT}")
    return settings.model_copy(update={"web": web})


def _check_file(config_file: Path) -> None:
    if not config_file.is_file():
        raise SettingsError(f"config file not found: {config_file}")
    try:
        data = tomllib.loads(config_file.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{config_file}: not valid TOML: {error}") from None
    if "secret_key" in data.get("web", {}):
        raise SettingsError(f"{config_file}: [web] secret_key must not be in a file; {SECRET_HINT}")
