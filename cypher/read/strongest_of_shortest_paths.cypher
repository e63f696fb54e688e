// The strongest of the shortest paths when there are few, with no constraints (the
// predicates of the _constrained variant slow allShortestPaths even with open values):
// enumerates at most $cap of them (Neo4j's bidirectional allShortestPaths) and keeps the
// one whose weakest link is strongest (ties: larger total strength, then smaller ids hop by
// hop). When $cap paths were enumerated the answer may be incomplete: the API then builds
// the shortest-path DAG instead (graph_api/graph/strongest.py).
// Params: $from_id, $to_id (Player.id, different), $cap (int).
// Returns: paths (int: how many were enumerated, at most $cap), players, links (as
//   read/shortest_path, of the strongest). With no path: paths 0, players and links null.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:TEAMMATE_OF*..15]-(b))
WITH p LIMIT $cap
WITH p, [r IN relationships(p) | coalesce(r.strength, 0)] AS strengths
WITH p, reduce(low = strengths[0], s IN strengths | CASE WHEN s < low THEN s ELSE low END) AS weakest,
     reduce(total = 0, s IN strengths | total + s) AS total, [n IN nodes(p) | n.id] AS ids
ORDER BY weakest DESC, total DESC, ids
WITH collect(p) AS paths
WITH size(paths) AS found, head(paths) AS p
RETURN found AS paths,
       [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links
