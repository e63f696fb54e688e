"""Every setting puckpath reads, in one pydantic-settings class.

Environment variables use one underscore between the section and the field, so
``NEO4J_URI`` sets ``settings.neo4j.uri`` and ``REDIS_URL`` sets ``settings.redis.url``.
A ``.env`` file in the working directory is read too; ``.env.example`` documents every
variable. Settings are read through :func:`get_settings`, never at import time.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import parse_many
from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph_api.models.paths import CYPHER_HOP_LIMIT
from graph_api.models.room_bounds import (
    DEFAULT_HUB_LIMIT,
    DEFAULT_LIVES,
    DEFAULT_MAX_PLAYERS,
    DEFAULT_RACE_SECONDS,
    DEFAULT_TURN_SECONDS,
    HubLimit,
    Lives,
    MaxPlayers,
    RaceSeconds,
    TurnSeconds,
)

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
    cluster: bool = Field(
        default=False,
        description="true: REDIS_URL names one node of a Redis Cluster (Redis 7+); rooms use "
        "hash-tagged keys and sharded pub/sub (SSUBSCRIBE/SPUBLISH).",
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
    refresh_interval_s: float = Field(
        default=21600.0,
        ge=0,
        description="While the API serves, fetch new finished games this often (seconds); "
        "one `puckpath serve` (or `loader watch`) of all sharing the Redis does it. 0: off.",
    )
    refresh_lock_ttl_s: float = Field(
        default=3600.0,
        gt=0,
        description="Longest a refresh may hold its Redis lock before another may start.",
    )


class BattleSettings(BaseModel):
    """Live battles over WebSockets: room defaults, limits on connections, timers."""

    store: Literal["redis", "memory"] = Field(
        default="redis",
        description="Where rooms live: redis (shared by every worker) or memory (one worker).",
    )
    turn_seconds: TurnSeconds = Field(
        default=DEFAULT_TURN_SECONDS, description="Default time limit of a chain-mode turn."
    )
    race_seconds: RaceSeconds = Field(
        default=DEFAULT_RACE_SECONDS, description="Default time limit of a race, in seconds."
    )
    lives: Lives = Field(
        default=DEFAULT_LIVES, description="Default lives (chain) or attempts (race) per player."
    )
    hub_limit: HubLimit = Field(
        default=DEFAULT_HUB_LIMIT,
        description="Default times one team-season may serve as the link in a chain game.",
    )
    max_players: MaxPlayers = Field(
        default=DEFAULT_MAX_PLAYERS, description="Most players per room."
    )
    grace_seconds: float = Field(
        default=30.0,
        ge=0,
        description="How long a dropped player keeps the seat; after it, out of the game.",
    )
    join_timeout_s: float = Field(
        default=10.0, gt=0, description="A new WebSocket must send its join frame within this."
    )
    max_frame_bytes: int = Field(
        default=4096, ge=256, description="Largest client frame; bigger ones get an error."
    )
    ws_max_bytes: int = Field(
        default=1_048_576,
        ge=65_536,
        description="Largest WebSocket frame the web server reads (uvicorn --ws-max-size); "
        "a bigger one is cut with close 1009 before the battle code sees it.",
    )
    rate_per_s: float = Field(
        default=5.0, gt=0, description="Client frames per second a connection may send."
    )
    rate_burst: int = Field(
        default=20, ge=1, description="Frames a connection may send in a burst above the rate."
    )
    max_violations: int = Field(
        default=20,
        ge=1,
        description="Rate-limited or oversized frames before the server closes with 1008.",
    )
    room_ttl_s: int = Field(
        default=3600, ge=60, description="A room untouched for this long is deleted (Redis TTL)."
    )
    timer_poll_s: float = Field(
        default=0.05, gt=0, description="How often each worker claims due turn timers."
    )
    timer_lease_s: float = Field(
        default=5.0, gt=0, description="A claimed timer fires again if not handled in this time."
    )
    redis_prefix: str = Field(
        default="puckpath:battle:", description="Prefix of every Redis key and channel."
    )
    redis_connections: int = Field(
        default=64, ge=2, description="Redis connections per worker for the battles (pooled)."
    )


class PathsSettings(BaseModel):
    """The path-finding API: query limits, the path cache and the default hub player."""

    query_timeout_s: float = Field(
        default=5.0, gt=0, description="Server-side timeout of each path and search query."
    )
    max_hops: int = Field(
        default=12,
        ge=1,
        le=CYPHER_HOP_LIMIT,
        description="Longest path (in hops) a request may ask for; the Cypher stops at 15.",
    )
    max_paths: int = Field(
        default=100, ge=1, le=1000, description="Most paths /paths/all returns in one answer."
    )
    max_k: int = Field(default=10, ge=1, le=50, description="Largest k /paths/k accepts.")
    strongest_budget_s: float = Field(
        default=1.0,
        ge=0,
        description="How long /paths/shortest?strategy=strongest may search; beyond it the "
        "answer is the first shortest path found (strategy any, strongest_pending true) while "
        "the strongest one is finished in the background for the next asker.",
    )
    cache_size: int = Field(
        default=20000, ge=0, description="Path answers kept in memory per worker; 0: no cache."
    )
    version_ttl_s: float = Field(
        default=2.0,
        ge=0,
        description="How long the data version (the cache key) is trusted before re-reading it.",
    )
    hub_id: str = Field(
        default="8448208",
        description="Default hub player id of /players/{id}/distance and /stats/graph.",
    )


class DailySettings(BaseModel):
    """The daily puzzle (/challenges/daily): who is well-known, limits, how long days are kept."""

    min_games: int = Field(
        default=1000,
        ge=1,
        description="A well-known player, eligible as an end of the daily pair: this many NHL "
        "games (regular season + playoffs) and a place in the largest connected component.",
    )
    min_links: int = Field(
        default=3, ge=2, le=CYPHER_HOP_LIMIT, description="Fewest links (par) of a daily pair."
    )
    first_date: date = Field(
        default=date(2025, 1, 1), description="Earliest date with a puzzle (YYYY-MM-DD)."
    )
    max_attempts: int = Field(
        default=5,
        ge=1,
        le=50,
        description="Chains a player may send per day (a valid one ends it).",
    )
    max_chain: int = Field(
        default=12,
        ge=3,
        le=25,
        description="Most players in a daily chain, the two ends included.",
    )
    ttl_days: int = Field(
        default=8,
        ge=2,
        description="Days a puzzle, its attempts and its statistics are kept in Redis (TTL).",
    )
    shown_paths: int = Field(
        default=20, ge=1, le=100, description="Optimal paths shown for a past day's puzzle."
    )
    redis_prefix: str = Field(
        default="puckpath:daily:", description="Prefix of every Redis key of the daily puzzle."
    )


class LogSettings(BaseModel):
    """The log: every line carries the id of the request it was written for."""

    format: Literal["text", "json"] = Field(
        default="text", description="text (one readable line) or json (one JSON object a line)."
    )
    level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="Lowest level written (uvicorn's lines included)."
    )


class SecuritySettings(BaseModel):
    """Limits on what clients may send or do (see docs/operations.md)."""

    max_body_bytes: int = Field(
        default=65_536, ge=1024, description="Largest request body; bigger ones get 413."
    )
    room_rate_limit: str = Field(
        default="10/minute;60/hour",
        description="Rooms one client address may create, and rooms it may join, per window "
        "(the limits library's notation); beyond it 429 with Retry-After.",
    )
    ws_origins: str = Field(
        default="self,localhost",
        description="Origins allowed to open battle WebSockets, comma separated: self (the "
        "service's own origin), localhost (any loopback origin), exact origins, or *.",
    )

    @field_validator("room_rate_limit")
    @classmethod
    def _parse_limit(cls, value: str) -> str:
        parse_many(value)  # raises ValueError on a malformed limit
        return value


class ObservabilitySettings(BaseModel):
    """Request ids and metrics (see docs/operations.md)."""

    enabled: bool = Field(
        default=True,
        description="X-Request-ID, the per-request metrics and GET /metrics. false turns all "
        "three off (bench/metrics_overhead.py measures what they cost).",
    )


class SupervisorSettings(BaseModel):
    """How `puckpath serve` restarts a project-managed Neo4j or Redis that dies."""

    restarts_per_minute: int = Field(
        default=5,
        ge=0,
        description="Most restarts of one server within a minute; beyond it serve stops "
        "restarting it (/ready stays 503). 0: never restart.",
    )
    backoff_max_s: float = Field(
        default=30.0,
        gt=0,
        description="Longest wait between failed restarts (the wait doubles from 1 s).",
    )
    poll_s: float = Field(
        default=1.0, gt=0, description="How often serve checks that its servers are alive."
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
