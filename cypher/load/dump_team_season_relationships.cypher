// The outgoing relationships of some team-seasons (for the graph digest).
// Params: $ids: list of TeamSeason ids.
// Returns: start, rels (list of [type, end key, properties]).
UNWIND $ids AS id
MATCH (a:TeamSeason {id: id})-[r]->(b)
RETURN a.id AS start, collect([type(r), coalesce(b.id, b.key), properties(r)]) AS rels
