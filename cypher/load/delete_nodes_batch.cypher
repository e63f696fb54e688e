// Delete up to $limit nodes without relationships (run after delete_relationships_batch).
// Params: $limit (int).
// Returns: deleted.
MATCH (n)
WITH n
LIMIT $limit
DELETE n
RETURN count(*) AS deleted
