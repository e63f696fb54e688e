// Wait (up to 300 s) until every index is online, e.g. after the schema was applied.
// Params: none. Returns: nothing.
CALL db.awaitIndexes(300)
