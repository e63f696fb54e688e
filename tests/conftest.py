"""Shared fixtures: real Neo4j and Redis servers for the test session, and the real data.

The servers come from the same providers the run command uses (given URI/URL -> Docker ->
project-managed local servers), with their own data folders and free ports, so a test run
never touches the run-time graph. Integration tests must run, not skip: under CI=true a
skipped test fails the run.

Without the real data folder (a fresh checkout: no ../shared/data, or PUCKPATH_SHARED_DATA
naming a missing folder) the full graph comes from the embedded snapshot (``data/snapshot``,
the same people and pairs), and the tests that by nature read the raw source files (every
test using the ``shared_data`` fixture) are deselected, named in one line of the summary.
Under CI=true a missing data folder fails the run instead: CI runs every test.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from graph_api.runtime.providers import (
    Neo4jEndpoint,
    RedisEndpoint,
    free_port,
    provide_neo4j,
    provide_redis,
)
from graph_api.runtime.redis_cluster_local import LocalRedisCluster
from graph_api.settings import (
    LoaderSettings,
    LocalNeo4jSettings,
    Neo4jSettings,
    PathsSettings,
    RedisSettings,
    SecuritySettings,
    Settings,
)
from loader.snapshot import EMBEDDED_SNAPSHOT

REPO_ROOT = Path(__file__).resolve().parents[1]
TEST_PASSWORD = "puckpath-test-pw"
# The fixture that marks a test as reading the raw source files.
RAW_DATA_FIXTURE = "shared_data"
NO_RAW_DATA = pytest.StashKey[list[pytest.Item]]()


def shared_data_path() -> Path:
    return Path(os.environ.get("PUCKPATH_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def has_shared_data() -> bool:
    return (shared_data_path() / "README.md").exists()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real NHL data folder (../shared/data), read in place, never copied. Tests that
    use it are deselected when it is missing (see ``pytest_collection_modifyitems``)."""
    path = shared_data_path()
    if not has_shared_data():
        pytest.fail(f"the real data folder {path} is missing (set PUCKPATH_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def full_data() -> Path:
    """What "the full graph" is imported from: ../shared/data when it is there, else the
    embedded snapshot built from it (the same people, team-seasons, games and pairs)."""
    return shared_data_path() if has_shared_data() else EMBEDDED_SNAPSHOT


def base_settings(**overrides: object) -> Settings:
    """Settings for tests: env-derived cache folder, test password, smaller memory."""
    env = Settings()
    values: dict[str, object] = {
        "cache_dir": env.cache_dir,
        "runtime": env.runtime,
        "neo4j": Neo4jSettings(
            uri=env.neo4j.uri,
            user=env.neo4j.user,
            password=env.neo4j.password if env.neo4j.uri else SecretStr(TEST_PASSWORD),
        ),
        "localneo4j": LocalNeo4jSettings(heap="1g", page_cache="1g"),
        "redis": RedisSettings(url=env.redis.url),
        # The in-season refresh is off in tests unless a test asks for it.
        "loader": LoaderSettings(refresh_interval_s=0.0),
        # The strongest path is always searched to the end (a test of the budget sets its own).
        "paths": PathsSettings(strongest_budget_s=600.0),
        # Every test client creates rooms and sends daily chains from 127.0.0.1: lift the
        # per-address limits (tests of a limit itself set their own).
        "security": SecuritySettings(
            room_rate_limit="1000000/minute", daily_attempt_rate_limit="1000000/minute"
        ),
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture(scope="session")
def neo4j_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jEndpoint]:
    """A real Neo4j 5.26 for the whole session (started here unless NEO4J_URI is given)."""
    home = tmp_path_factory.mktemp("neo4j-home")
    with provide_neo4j(
        base_settings(), home=home, bolt_port=free_port(), http_port=free_port()
    ) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def redis_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisEndpoint]:
    """A real Redis for the whole session (started here unless REDIS_URL is given)."""
    home = tmp_path_factory.mktemp("redis-home")
    with provide_redis(base_settings(), home=home, port=free_port()) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def redis_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRedisCluster]:
    """A real Redis Cluster of three masters (Debian's redis-server) for the session."""
    cluster = LocalRedisCluster.on_free_ports(tmp_path_factory.mktemp("redis-cluster"))
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def settings_for(neo4j: Neo4jEndpoint, redis: RedisEndpoint, **overrides: object) -> Settings:
    """Settings that point the app at the given servers."""
    return base_settings(
        neo4j=Neo4jSettings(uri=neo4j.uri, user=neo4j.user, password=SecretStr(neo4j.password)),
        redis=RedisSettings(url=redis.url),
        **overrides,
    )


@pytest.fixture(scope="session")
def app_settings(neo4j_endpoint: Neo4jEndpoint, redis_endpoint: RedisEndpoint) -> Settings:
    return settings_for(neo4j_endpoint, redis_endpoint)


LOADED_NEO4J_ENV = "PUCKPATH_LOADED_NEO4J_URI"


@pytest.fixture(scope="session")
def loaded_neo4j(
    tmp_path_factory: pytest.TempPathFactory, full_data: Path
) -> Iterator[Neo4jEndpoint]:
    """A second real Neo4j holding the full import of ../shared/data (or of the embedded
    snapshot without it: ``full_data``). Read-only for tests.

    It is its own server (never ``neo4j_endpoint``), started on free ports and filled once
    per session with ``loader import``. For quicker local runs, PUCKPATH_LOADED_NEO4J_URI
    may name an already loaded server (password TEST_PASSWORD); CI never sets it.
    """
    given = os.environ.get(LOADED_NEO4J_ENV)
    if given:
        yield Neo4jEndpoint(given, "neo4j", TEST_PASSWORD, "given")
        return
    import asyncio

    from loader.importer import import_files

    home = tmp_path_factory.mktemp("neo4j-loaded")
    own_server = base_settings(neo4j=Neo4jSettings(password=SecretStr(TEST_PASSWORD)))
    with provide_neo4j(
        own_server, home=home, bolt_port=free_port(), http_port=free_port()
    ) as endpoint:
        target = base_settings(
            neo4j=Neo4jSettings(
                uri=endpoint.uri, user=endpoint.user, password=SecretStr(endpoint.password)
            )
        )
        report = asyncio.run(import_files(target, full_data))
        if report.problems:
            pytest.fail(f"the import of {full_data} reported {len(report.problems)} problems")
        yield endpoint


@pytest.fixture(scope="session")
def clean_import_digest(loaded_neo4j: Neo4jEndpoint) -> str:
    """Digest of the graph one clean import gives (``loaded_neo4j``), for the loader tests
    that build the same graph another way (killed and re-run, from the snapshot)."""
    import asyncio

    from tests.integration.loader_helpers import digest, settings_on

    return asyncio.run(digest(settings_on(loaded_neo4j)))


@pytest.fixture(scope="session")
def scratch_loader_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jEndpoint]:
    """A real Neo4j that the loader's own tests fill and wipe (never used by other tests)."""
    home = tmp_path_factory.mktemp("neo4j-loader-scratch")
    own_server = base_settings(neo4j=Neo4jSettings(password=SecretStr(TEST_PASSWORD)))
    with provide_neo4j(
        own_server, home=home, bolt_port=free_port(), http_port=free_port()
    ) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def loaded_app_settings(loaded_neo4j: Neo4jEndpoint, redis_endpoint: RedisEndpoint) -> Settings:
    """Settings for an app over the fully loaded graph (``loaded_neo4j``)."""
    return settings_for(loaded_neo4j, redis_endpoint)


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def pytest_configure(config: pytest.Config) -> None:
    # A terminated test run (CI timeout, kill) still tears its servers down.
    signal.signal(signal.SIGTERM, _interrupt)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.integration)
    if has_shared_data():
        return
    raw = [item for item in items if RAW_DATA_FIXTURE in getattr(item, "fixturenames", ())]
    config.stash[NO_RAW_DATA] = raw
    if raw:
        items[:] = [item for item in items if item not in set(raw)]
        config.hook.pytest_deselected(items=raw)


def no_raw_data_line(config: pytest.Config) -> str | None:
    raw = config.stash.get(NO_RAW_DATA, None)
    if not raw:
        return None
    return (
        f"{len(raw)} test(s) deselected: they compare against the raw source files, and "
        f"{shared_data_path()} is missing (set PUCKPATH_SHARED_DATA); the full graph comes "
        "from the embedded snapshot data/snapshot"
    )


def pytest_report_header(config: pytest.Config) -> str | None:
    if has_shared_data():
        return None
    return f"no real data folder at {shared_data_path()}: the full graph comes from data/snapshot"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    line = no_raw_data_line(terminalreporter.config)
    if line:
        ci = "FAILED: in CI every test must run. " if os.environ.get("CI") else ""
        terminalreporter.write_line(ci + line, yellow=not ci, red=bool(ci))
    skipped = terminalreporter.stats.get("skipped", [])
    if os.environ.get("CI") and skipped:
        terminalreporter.write_line(
            f"FAILED: {len(skipped)} test(s) were skipped; in CI every test must run.", red=True
        )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or not os.environ.get("CI"):
        return
    missed = reporter.stats.get("skipped") or session.config.stash.get(NO_RAW_DATA, None)
    if missed and exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
