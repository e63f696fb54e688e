// Delete up to $limit players that an earlier load keyed by a Hockey Databank id which is now
// the databank_id of a player keyed by his NHL id (a graph loaded before identity linking):
// the same person, whose rows the running load has written under the NHL id. Run until 0.
// Params: $limit (int).
// Returns: deleted (int).
MATCH (kept:Player)
WHERE kept.databank_id IS NOT NULL AND kept.databank_id <> kept.id
MATCH (old:Player {id: kept.databank_id})
WITH old
LIMIT $limit
DETACH DELETE old
RETURN count(*) AS deleted
