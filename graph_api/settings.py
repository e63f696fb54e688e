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

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_CACHE_DIR = Path.home() / ".cache" / "puckpath"


class Neo4jSettings(BaseModel):
    """Where the graph lives. With no ``uri`` puckpath starts a server itself."""

    uri: str | None = Field(
        default=None,
        description="Bolt URI of an existing Neo4j (bolt:// or neo4j://). Empty: Docker, "
        "else a project-managed local server.",
    )
    user: str = Field(default="neo4j", description="Neo4j user name.")
    password: SecretStr = Field(
        default=SecretStr("puckpath-local"),
        description="Neo4j password; also the initial password of a project-managed server.",
    )
    database: str = Field(default="neo4j", description="Database name.")
    query_timeout_s: float = Field(
        default=10.0, gt=0, description="Server-side timeout of every read query, in seconds."
    )
    connect_timeout_s: float = Field(
        default=5.0, gt=0, description="How long a connection attempt may take, in seconds."
    )


class LocalNeo4jSettings(BaseModel):
    """The project-managed Neo4j Community server (used when there is no URI and no Docker)."""

    version: str = Field(default="5.26.30", description="org.neo4j:neo4j version (5.26 LTS).")
    browser_version: str = Field(
        default="5.24.0", description="org.neo4j.client:neo4j-browser version."
    )
    bolt_port: int = Field(default=7687, description="Bolt port, bound to 127.0.0.1.")
    http_port: int = Field(
        default=7474, description="HTTP port (Neo4j Browser at /browser/), bound to 127.0.0.1."
    )
    heap: str = Field(default="2g", description="JVM heap size (initial = max).")
    page_cache: str = Field(default="2g", description="Page cache size.")
    java_home: Path | None = Field(
        default=None, description="JDK 17 or 21 to run Neo4j with; empty: found on the machine."
    )
    start_timeout_s: float = Field(
        default=120.0, gt=0, description="How long to wait for Bolt after start, in seconds."
    )


class RedisSettings(BaseModel):
    """Where battle rooms live. With no ``url`` puckpath starts a server itself."""

    url: str | None = Field(
        default=None,
        description="redis:// URL of an existing Redis. Empty: Docker, else a local "
        "redis-server started on a free port.",
    )
    port: int = Field(
        default=6390, description="Port of a project-managed redis-server (127.0.0.1)."
    )


class ApiSettings(BaseModel):
    """The HTTP service."""

    host: str = Field(default="127.0.0.1", description="Address uvicorn binds to.")
    port: int = Field(default=8000, description="Port uvicorn listens on.")
    workers: int = Field(default=1, ge=1, description="uvicorn worker processes.")


class LoaderSettings(BaseModel):
    """The loader: batch sizes for Neo4j writes and the NHL web API client."""

    batch_size: int = Field(
        default=10_000, ge=1, description="Rows per UNWIND batch (one transaction per batch)."
    )
    write_concurrency: int = Field(
        default=2, ge=1, description="Batches written to Neo4j at the same time."
    )
    api_web_url: str = Field(
        default="https://api-web.nhle.com/v1", description="Base URL of the NHL web API."
    )
    stats_api_url: str = Field(
        default="https://api.nhle.com/stats/rest", description="Base URL of the NHL stats API."
    )
    http_concurrency: int = Field(
        default=4, ge=1, description="NHL API requests in flight at the same time."
    )
    rate_limit_per_s: float = Field(
        default=5.0, gt=0, description="At most this many NHL API requests per second."
    )
    http_timeout_s: float = Field(
        default=20.0, gt=0, description="Timeout of one NHL API request, in seconds."
    )
    max_attempts: int = Field(
        default=6, ge=1, description="Attempts per NHL API request (429, 5xx, timeouts...)."
    )
    backoff_initial_s: float = Field(
        default=0.5, ge=0, description="First retry wait (doubles each attempt, with jitter)."
    )
    backoff_max_s: float = Field(
        default=30.0, ge=0, description="Longest wait between two attempts, in seconds."
    )
    api_cache_dir: Path | None = Field(
        default=None,
        description="Where raw NHL API responses are kept; empty: <CACHE_DIR>/nhl-api.",
    )


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
    cache_dir: Path = Field(
        default=DEFAULT_CACHE_DIR,
        description="Downloaded Neo4j jars, server data and the loader's response cache.",
    )
    data_dir: Path | None = Field(
        default=None,
        description="Directory of recorded NHL data (../shared/data layout). Given: the run "
        "command loads from it; empty: from the live NHL API.",
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
