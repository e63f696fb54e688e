// Readiness probe: a query that round-trips through the database.
// Params: none. Returns: ok (integer 1).
RETURN 1 AS ok
