// Every other id a player is known by: the Hockey Databank id of a player keyed by his NHL id
// (gretzwa01 -> 8447400). Read once per data version; the API maps ids through it.
// Params: none.
// Returns: alias (the Databank id), id (the player's canonical id), one row per linked player.
MATCH (p:Player)
WHERE p.databank_id IS NOT NULL AND p.databank_id <> p.id
RETURN p.databank_id AS alias, p.id AS id
