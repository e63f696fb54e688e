// Every TEAMMATE_OF pair, for in-memory comparisons (the benchmark's networkx graph and the
// check of the whole graph against the reference built from the raw files). Grouped by the
// smaller id: one row per player instead of one per relationship, so it streams quickly.
// Params: none.
// Returns: a (Player.id), links (list of [b (Player.id, > a), seasons (list of int)]).
MATCH (a:Player)-[r:TEAMMATE_OF]->(b:Player)
WITH a, collect([b.id, r.seasons]) AS links
RETURN a.id AS a, links
