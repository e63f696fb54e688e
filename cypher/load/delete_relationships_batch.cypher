// Delete up to $limit relationships (the loader's reset runs it until none is left).
// Params: $limit (int).
// Returns: deleted.
MATCH ()-[r]->()
WITH r
LIMIT $limit
DELETE r
RETURN count(*) AS deleted
