// How many shortest teammate paths join two players, counted by enumerating them with
// Neo4j's bidirectional allShortestPaths, but never more than $cap of them (the LIMIT
// keeps the enumeration bounded; the API counts larger sets layer by layer instead).
// Params: $from_id, $to_id (Player.id, different), $cap (int).
// Returns: paths (int, at most $cap; 0 when there is no path), length (int or null).
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:TEAMMATE_OF*..15]-(b))
WITH p LIMIT $cap
RETURN count(p) AS paths, min(length(p)) AS length
