"""Every setting puckpath reads, in one pydantic-settings class.

Environment variables use one underscore between the section and the field, so
``NEO4J_URI`` sets ``settings.neo4j.uri`` and ``REDIS_URL`` sets ``settings.redis.url``.
A ``.env`` file in the working directory is read too; ``.env.example`` documents every
variable. Settings are read through :func:`get_settings`, never at import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph_api.settings_features import (
    BattleSettings,
    DailySettings,
    LoaderSettings,
    PathsSettings,
)
from graph_api.settings_servers import (
    ApiSettings,
    LocalNeo4jSettings,
    LogSettings,
    Neo4jSettings,
    ObservabilitySettings,
    RedisSettings,
    SecuritySettings,
    SupervisorSettings,
)

__all__ = [
    "ApiSettings",
    "BattleSettings",
    "DailySettings",
    "LoaderSettings",
    "LocalNeo4jSettings",
    "LogSettings",
    "Neo4jSettings",
    "ObservabilitySettings",
    "PathsSettings",
    "RedisSettings",
    "SecuritySettings",
    "Settings",
    "SupervisorSettings",
    "get_settings",
]

DEFAULT_CACHE_DIR = Path.home() / ".cache" / "puckpath"


class Settings(BaseSettings):
    """The one settings object. See ``.env.example`` for every variable."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_nested_delimiter="_",
        env_nested_max_split=1,
        env_ignore_empty=True,
        extra="ignore",
    )

    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
    localneo4j: LocalNeo4jSettings = Field(default_factory=LocalNeo4jSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    loader: LoaderSettings = Field(default_factory=LoaderSettings)
    battle: BattleSettings = Field(default_factory=BattleSettings)
    paths: PathsSettings = Field(default_factory=PathsSettings)
    daily: DailySettings = Field(default_factory=DailySettings)
    log: LogSettings = Field(default_factory=LogSettings)
    security: SecuritySettings = Field(default_factory=SecuritySettings)
    supervisor: SupervisorSettings = Field(default_factory=SupervisorSettings)
    observability: ObservabilitySettings = Field(default_factory=ObservabilitySettings)
    cache_dir: Path = Field(
        default=DEFAULT_CACHE_DIR,
        description="Downloaded Neo4j jars, server data and the loader's response cache.",
    )
    data_dir: Path | None = Field(
        default=None,
        description="Directory of recorded NHL data (../shared/data layout) or a snapshot. "
        "Given: the run command loads from it; empty: the embedded snapshot (data/snapshot), "
        "then newer games from the live NHL API.",
    )
    runtime: Literal["auto", "docker", "local"] = Field(
        default="auto",
        description="How to provide Neo4j/Redis when no URI/URL is given: auto = Docker if an "
        "engine answers, else local servers.",
    )

    @field_validator("cache_dir", "data_dir")
    @classmethod
    def _expand_home(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment and ``.env``."""
    return Settings()
