"""Providing Neo4j and Redis: given URI/URL -> Docker -> project-managed local servers.

``provide_neo4j`` and ``provide_redis`` are context managers that yield an endpoint and
stop whatever they started on exit. The run command uses the persistent instance folders
under the cache; tests pass their own folders and free ports.
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from graph_api.runtime.browser_guide import guide_url
from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.neo4j_jars import resolve_server_jars
from graph_api.runtime.neo4j_local import LocalNeo4jServer
from graph_api.runtime.redis_local import LocalRedisServer
from graph_api.settings import Settings

log = logging.getLogger(__name__)

Provider = Literal["given", "docker", "local"]
NEO4J_IMAGE = "neo4j:5.26-community"
REDIS_IMAGE = "redis:7-alpine"


@dataclass(frozen=True)
class Neo4jEndpoint:
    uri: str
    user: str
    password: str
    provider: Provider
    browser_url: str | None = None
    # The server process when the project started it here (the supervisor restarts it).
    server: LocalNeo4jServer | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RedisEndpoint:
    url: str
    provider: Provider
    server: LocalRedisServer | None = field(default=None, compare=False, repr=False)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def docker_engine_available() -> bool:
    """True when a Docker engine answers (the client alone is not enough)."""
    if shutil.which("docker") is None:
        return False
    try:
        result = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def choose_provider(given: str | None, settings: Settings) -> Provider:
    if given:
        return "given"
    if settings.runtime == "docker":
        return "docker"
    if settings.runtime == "auto" and docker_engine_available():
        return "docker"
    return "local"


def local_neo4j_server(
    settings: Settings,
    home: Path | None = None,
    bolt_port: int | None = None,
    http_port: int | None = None,
) -> LocalNeo4jServer:
    """The project-managed server, with its jars resolved (downloaded only once)."""
    local = settings.localneo4j
    lib = resolve_server_jars(settings.cache_dir, local.version, local.browser_version)
    return LocalNeo4jServer(
        home=home or settings.cache_dir / "instances" / "neo4j",
        lib=lib,
        bolt_port=bolt_port or local.bolt_port,
        http_port=http_port or local.http_port,
        password=settings.neo4j.password.get_secret_value(),
        heap=local.heap,
        page_cache=local.page_cache,
        java_home=local.java_home,
        user=settings.neo4j.user,
        browser_guide_url=guide_url(settings.api),
    )


@contextmanager
def provide_neo4j(
    settings: Settings,
    home: Path | None = None,
    bolt_port: int | None = None,
    http_port: int | None = None,
    before_start: Callable[[LocalNeo4jServer], None] | None = None,
) -> Iterator[Neo4jEndpoint]:
    """A reachable Neo4j: the given URI, a container, or a local server started here.

    ``before_start`` is called with a local server before it starts (never for a given or
    Docker one): the loader's offline first load (``loader/bulk``) fills its store there."""
    password = settings.neo4j.password.get_secret_value()
    provider = choose_provider(settings.neo4j.uri, settings)
    if provider == "given":
        assert settings.neo4j.uri is not None
        yield Neo4jEndpoint(settings.neo4j.uri, settings.neo4j.user, password, "given")
    elif provider == "docker":
        with _neo4j_container(password) as endpoint:
            yield endpoint
    else:
        server = local_neo4j_server(settings, home, bolt_port, http_port)
        if before_start is not None:
            before_start(server)
        server.start(settings.localneo4j.start_timeout_s)
        try:
            yield Neo4jEndpoint(
                server.uri, server.user, password, "local", server.browser_url, server
            )
        finally:
            server.stop()


@contextmanager
def provide_redis(
    settings: Settings, home: Path | None = None, port: int | None = None
) -> Iterator[RedisEndpoint]:
    """A reachable Redis: the given URL, a container, or a local redis-server started here."""
    provider = choose_provider(settings.redis.url, settings)
    if provider == "given":
        assert settings.redis.url is not None
        yield RedisEndpoint(settings.redis.url, "given")
    elif provider == "docker":
        with _redis_container() as endpoint:
            yield endpoint
    else:
        server = LocalRedisServer(
            home or settings.cache_dir / "instances" / "redis", port or settings.redis.port
        )
        server.start()
        try:
            yield RedisEndpoint(server.url, "local", server)
        finally:
            server.stop()


@contextmanager
def _neo4j_container(password: str) -> Iterator[Neo4jEndpoint]:
    try:
        from testcontainers.neo4j import Neo4jContainer
    except ImportError as exc:  # pragma: no cover - testcontainers is a dev dependency
        raise RuntimeUnavailable("Docker is available but testcontainers is not installed") from exc
    container: Any = Neo4jContainer(NEO4J_IMAGE, password=password)
    with container:
        uri = container.get_connection_url()
        port = container.get_exposed_port(7474)
        browser = f"http://{container.get_container_host_ip()}:{port}/browser/"
        yield Neo4jEndpoint(uri, "neo4j", password, "docker", browser)


@contextmanager
def _redis_container() -> Iterator[RedisEndpoint]:
    try:
        from testcontainers.redis import RedisContainer
    except ImportError as exc:  # pragma: no cover - testcontainers is a dev dependency
        raise RuntimeUnavailable("Docker is available but testcontainers is not installed") from exc
    container: Any = RedisContainer(REDIS_IMAGE)
    with container:
        host = container.get_container_host_ip()
        port = container.get_exposed_port(6379)
        yield RedisEndpoint(f"redis://{host}:{port}/0", "docker")
