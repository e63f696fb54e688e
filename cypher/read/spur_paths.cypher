// Yen's k-shortest-paths step, no constraints: for each spur, the shortest path from the
// spur player to the target that avoids the spur's banned players and links. Bans are
// element ids (no property read per expanded node); per-relationship and per-node
// predicates only, so each search stays Neo4j's bidirectional ShortestPath.
// Params: $to_id (Player.id); $spurs (list of maps {index: int, from: element id of the
//   spur Player, banned_nodes: list of node element ids, banned_links: list of
//   relationship element ids}).
// Returns: spur (the spur's index), players, links (as read/shortest_path), node_ids,
//   link_ids (element ids, in path order); no row for a spur without a path.
UNWIND $spurs AS spur
MATCH (b:Player {id: $to_id})
MATCH (a:Player) WHERE elementId(a) = spur.from
MATCH p = shortestPath((a)-[:TEAMMATE_OF*..15]-(b))
WHERE all(r IN relationships(p) WHERE NOT elementId(r) IN spur.banned_links)
  AND all(n IN nodes(p) WHERE NOT elementId(n) IN spur.banned_nodes)
RETURN spur.index AS spur,
       [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links,
       [n IN nodes(p) | elementId(n)] AS node_ids,
       [r IN relationships(p) | elementId(r)] AS link_ids
