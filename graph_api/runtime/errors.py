"""Errors of the service runtime (starting Neo4j and Redis)."""


class RuntimeUnavailable(RuntimeError):
    """A service could not be provided; the message says what is missing and what to do."""
