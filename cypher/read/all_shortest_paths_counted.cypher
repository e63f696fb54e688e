// All shortest teammate paths between two players in one search: how many there are (never
// more than $cap: the API counts a larger set layer by layer instead) and the first
// $limit of them, from one run of Neo4j's bidirectional allShortestPaths (no constraints;
// paths stop at 15 hops).
// Params: $from_id, $to_id (Player.id, different), $cap (int), $limit (int, <= $cap).
// Returns: paths (int, at most $cap; 0 when there is no path), length (int or null),
//   listed (list of maps {players, links}, as read/shortest_path, at most $limit).
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:TEAMMATE_OF*..15]-(b))
WITH p LIMIT $cap
WITH collect(p) AS found
RETURN size(found) AS paths,
       CASE WHEN size(found) > 0 THEN length(found[0]) END AS length,
       [p IN found[..$limit] | {
          players: [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}],
          links: [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                             .games_played_together, .strength, .strength_estimated}]}] AS listed
