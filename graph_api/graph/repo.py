"""GraphRepo: the one way the API talks to Neo4j.

It wraps an ``AsyncDriver`` and the query catalog. Each public method runs one named query
and returns plain Python values or pydantic models, never driver records. Driver errors are
turned into domain errors here and nowhere else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any, LiteralString

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph_api.errors import AppError, InvalidInput, Unavailable
from graph_api.graph.catalog import QueryCatalog
from graph_api.observability.metrics import count_backend_error
from graph_api.settings import Neo4jSettings

SCHEMA_FOLDER = "schema"
# Read sessions kept for the next auto-commit read (one per concurrent read at most).
IDLE_READ_SESSIONS = 128


def make_driver(settings: Neo4jSettings) -> AsyncDriver:
    """An async driver for the configured Neo4j; a malformed URI is a clear error."""
    if not settings.uri:
        raise Unavailable("no Neo4j URI is configured (set NEO4J_URI)")
    try:
        return AsyncGraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password.get_secret_value()),
            connection_timeout=settings.connect_timeout_s,
            max_connection_pool_size=100,
            liveness_check_timeout=30.0,
            # Schema "already exists" notes and "unknown label" warnings on an empty graph
            # would flood the log at every start; query errors still raise.
            notifications_min_severity="OFF",
        )
    except (ValueError, ConfigurationError) as exc:
        raise Unavailable(f"invalid NEO4J_URI {settings.uri!r}: {exc}") from exc


def describe_neo4j_error(exc: BaseException, uri: str | None = None) -> str:
    """One human sentence for a driver error."""
    where = f" at {uri}" if uri else ""
    if isinstance(exc, AuthError):
        return f"Neo4j{where} rejected the credentials (check NEO4J_USER / NEO4J_PASSWORD)"
    if isinstance(exc, ServiceUnavailable | SessionExpired | OSError):
        return f"Neo4j{where} is not reachable: {exc}"
    if isinstance(exc, Neo4jError) and exc.code:
        return f"Neo4j{where} error {exc.code}: {exc.message}"
    return f"Neo4j{where} error: {exc}"


class GraphRepo:
    """Typed access to the graph through named queries."""

    def __init__(self, driver: AsyncDriver, catalog: QueryCatalog, settings: Neo4jSettings):
        self._driver = driver
        self._catalog = catalog
        self._database = settings.database
        self._timeout = settings.query_timeout_s
        self._uri = settings.uri
        # Sessions whose last read ended cleanly: a session holds no connection between
        # results, and building one per query was a tenth of the driver's CPU per read.
        self._idle_reads: list[neo4j.AsyncSession] = []

    @property
    def catalog(self) -> QueryCatalog:
        return self._catalog

    @property
    def driver(self) -> AsyncDriver:
        return self._driver

    async def close(self) -> None:
        idle, self._idle_reads = self._idle_reads, []
        for session in idle:
            await session.close()
        await self._driver.close()

    @asynccontextmanager
    async def _translated_errors(self) -> AsyncIterator[None]:
        try:
            yield
        except (DriverError, Neo4jError, OSError) as exc:
            count_backend_error("neo4j", exc)
            raise self._domain_error(exc) from exc

    def _domain_error(self, exc: DriverError | Neo4jError | OSError) -> AppError:
        """The domain error for a driver error (the one place they are translated)."""
        if isinstance(exc, ClientError) and exc.code:
            if "TransactionTimedOut" in exc.code:
                return Unavailable("the query took too long and was stopped")
            if exc.code.startswith("Neo.ClientError.Statement"):
                return InvalidInput(exc.message)
        return Unavailable(describe_neo4j_error(exc, self._uri))

    async def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a named read query; rows as plain dicts."""
        query = neo4j.Query(self._catalog[name], timeout=self._timeout)
        async with self._translated_errors():
            records, _, _ = await self._driver.execute_query(
                query,
                params,
                database_=self._database,
                routing_=RoutingControl.READ,
            )
        return [record.data() for record in records]

    async def read_one(self, name: str, **params: Any) -> dict[str, Any] | None:
        rows = await self.read(name, **params)
        return rows[0] if rows else None

    async def read_fast(
        self, name: str, /, timeout_s: float | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """Run a named read query as one auto-commit transaction (one round trip, no retry).

        For latency-critical reads (path searches, search-as-you-type); ``timeout_s``
        overrides the configured server-side timeout.
        """
        async with self._auto_commit(name, timeout_s, params) as result:
            return [record.data() async for record in result]

    async def read_values(
        self, name: str, /, timeout_s: float | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """As :meth:`read_fast`, for queries that return only maps, lists and scalars (no
        node, relationship or path): each row is the decoded values as they are, without
        ``Record.data()``'s recursive conversion (about a tenth of the driver's CPU for a
        path with its evidence)."""
        async with self._auto_commit(name, timeout_s, params) as result:
            keys = result.keys()
            return [dict(zip(keys, record, strict=True)) async for record in result]

    @asynccontextmanager
    async def _auto_commit(
        self, name: str, timeout_s: float | None, params: dict[str, Any]
    ) -> AsyncIterator[neo4j.AsyncResult]:
        """One auto-commit read in a reused session; the caller consumes the whole result
        (which hands the connection back to the pool). A session whose read failed or was
        cancelled is closed, not reused."""
        query = neo4j.Query(self._catalog[name], timeout=timeout_s or self._timeout)
        session = self._idle_reads.pop() if self._idle_reads else self._read_session()
        async with AsyncExitStack() as on_failure:
            on_failure.push_async_exit(session)  # exits it as ``async with session`` would
            async with self._translated_errors():
                yield await session.run(query, params)
            on_failure.pop_all()
        if len(self._idle_reads) < IDLE_READ_SESSIONS:
            self._idle_reads.append(session)
        else:
            await session.close()

    def _read_session(self) -> neo4j.AsyncSession:
        return self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS)

    async def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a named write query in one managed transaction."""
        statement: LiteralString = self._catalog[name]
        async with self._translated_errors():
            records, _, _ = await self._driver.execute_query(
                statement, params, database_=self._database, routing_=RoutingControl.WRITE
            )
        return [record.data() for record in records]

    async def ping(self) -> None:
        """Raise ``Unavailable`` unless a query round-trips through the database.

        One round trip without the driver's retries, so a probe fails at once when Neo4j
        is down instead of retrying for the driver's 30 s.
        """
        rows = await self.read_fast("read/ping")
        if not rows or rows[0].get("ok") != 1:
            raise Unavailable("Neo4j answered the readiness query with nothing")

    async def apply_schema(self) -> list[str]:
        """Create every constraint and index in ``cypher/schema`` (idempotent)."""
        applied = []
        for name in self._catalog.under(SCHEMA_FOLDER):
            await self.write(name)
            applied.append(name)
        await self.write("admin/await_indexes")
        return applied
