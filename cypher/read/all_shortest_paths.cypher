// Up to $limit of the shortest teammate paths between two players (no constraints). Found,
// like read/shortest_path, by Neo4j's bidirectional allShortestPaths over the membership
// graph (Player)-[:PLAYED_FOR]-(TeamSeason), which expands far fewer relationships than the
// TEAMMATE_OF pairs: each shortest teammate path comes once per choice of shared
// team-season at each hop, so the player sequences are made DISTINCT (the enumeration stops
// at $limit of them). The evidence of each hop is read from its TEAMMATE_OF link. Paths stop
// at 15 teammate hops (30 memberships).
// Params: $from_id, $to_id (Player.id, different), $limit (int).
// Returns: players, links (as read/shortest_path), node_ids, link_ids (element ids of the
//   players and of the TEAMMATE_OF links, in path order: /paths/k takes its first paths from
//   here and bans them by id), one row per path.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:PLAYED_FOR*..30]-(b))
WITH DISTINCT [i IN range(0, length(p), 2) | nodes(p)[i]] AS path
LIMIT $limit
WITH path, COLLECT {
       UNWIND range(0, size(path) - 2) AS i
       WITH i, path[i] AS x, path[i + 1] AS y
       MATCH (x)-[r:TEAMMATE_OF]-(y)
       RETURN r
       ORDER BY i
     } AS rels
RETURN [n IN path | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN rels | r {.seasons, .team_seasons, .teams, .games_together,
                       .games_played_together, .strength, .strength_estimated}] AS links,
       [n IN path | elementId(n)] AS node_ids,
       [r IN rels | elementId(r)] AS link_ids
