"""The settings of the servers puckpath runs beside or talks to: Neo4j, Redis, the API
process, logging, security, observability and supervision (groups of
:class:`graph_api.settings.Settings`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from limits import parse_many
from pydantic import BaseModel, Field, SecretStr, field_validator


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
    daily_attempt_rate_limit: str = Field(
        default="20/minute;300/day",
        description="Daily puzzle chains one client address may send per window, whatever "
        "anonymous ids it sends them under (the limits library's notation); beyond it 429 "
        "with Retry-After.",
    )
    ws_origins: str = Field(
        default="self,localhost",
        description="Origins allowed to open battle WebSockets, comma separated: self (the "
        "service's own origin), localhost (any loopback origin), exact origins, or *.",
    )

    @field_validator("room_rate_limit", "daily_attempt_rate_limit")
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
