// The outgoing relationships of some players (for the graph digest that compares loads).
// Params: $ids: list of Player ids.
// Returns: start, rels (list of [type, end key, properties]).
UNWIND $ids AS id
MATCH (a:Player {id: id})-[r]->(b)
RETURN a.id AS start, collect([type(r), coalesce(b.id, b.key), properties(r)]) AS rels
