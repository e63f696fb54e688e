"""The settings of what puckpath does: the loader, battles, the path API and the daily
puzzle (groups of :class:`graph_api.settings.Settings`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

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


class LoaderSettings(BaseModel):
    """The loader: batch sizes for Neo4j writes and the NHL web API client."""

    batch_size: int = Field(
        default=10_000, ge=1, description="Rows per UNWIND batch (one transaction per batch)."
    )
    write_concurrency: int = Field(
        default=2, ge=1, description="Batches written to Neo4j at the same time."
    )
    offline_first_load: bool = Field(
        default=True,
        description="`puckpath serve` fills a new project-managed Neo4j offline "
        "(`neo4j-admin database import`) before its first start; off: the Cypher import.",
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
