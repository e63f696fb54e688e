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

from pydantic import BaseModel, Field, SecretStr
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


class Settings(BaseSettings):
    """The one settings object. See ``.env.example`` for every variable."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_nested_delimiter="_",
        env_nested_max_split=1,
        extra="ignore",
    )

    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
    localneo4j: LocalNeo4jSettings = Field(default_factory=LocalNeo4jSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
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


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment and ``.env``."""
    return Settings()
