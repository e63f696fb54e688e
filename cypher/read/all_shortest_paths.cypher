// Up to $limit of the shortest teammate paths between two players (no constraints), from
// Neo4j's bidirectional allShortestPaths; paths stop at 15 hops.
// Params: $from_id, $to_id (Player.id, different), $limit (int).
// Returns: players, links (as read/shortest_path), node_ids, link_ids (element ids, in path
//   order: /paths/k takes its first paths from here), one row per path.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:TEAMMATE_OF*..15]-(b))
RETURN [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links,
       [n IN nodes(p) | elementId(n)] AS node_ids,
       [r IN relationships(p) | elementId(r)] AS link_ids
LIMIT $limit
