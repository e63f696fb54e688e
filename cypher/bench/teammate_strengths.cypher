// Every TEAMMATE_OF pair with its strength (games together), for the strongest-path
// threshold analysis (bench/strongest_thresholds.py). Grouped by the smaller id, as
// read/teammate_edges.
// Params: none.
// Returns: a (Player.id), links (list of [b (Player.id, > a), strength (int, 0 when absent)]).
MATCH (a:Player)-[r:TEAMMATE_OF]->(b:Player)
WITH a, collect([b.id, coalesce(r.strength, 0)]) AS links
RETURN a.id AS a, links
