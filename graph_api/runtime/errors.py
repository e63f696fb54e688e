"""Errors of the service runtime (starting Neo4j and Redis)."""

from graph_api.errors import Unavailable


class RuntimeUnavailable(Unavailable):
    """A service could not be provided; the message says what is missing and what to do."""
