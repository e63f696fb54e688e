// Yen's k-shortest-paths step under constraints: as read/spur_paths, following only links
// and players that pass them (per-relationship and per-node predicates: each search stays
// Neo4j's bidirectional ShortestPath).
// Params: $to_id, $spurs (as read/spur_paths), and the constraint params of
//   read/shortest_path_constrained ($from_season, $to_season, $check_seasons,
//   $team_seasons, $min_games, $exclude).
// Returns: spur, players, links, node_ids, link_ids (as read/spur_paths).
UNWIND $spurs AS spur
MATCH (b:Player {id: $to_id})
MATCH (a:Player) WHERE elementId(a) = spur.from
MATCH p = shortestPath((a)-[:TEAMMATE_OF*..15]-(b))
WHERE all(r IN relationships(p) WHERE
        NOT elementId(r) IN spur.banned_links
        AND r.last_season >= $from_season AND r.first_season <= $to_season
        AND ($min_games IS NULL OR r.games_together >= $min_games)
        AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
        AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons)))
  AND all(n IN nodes(p) WHERE NOT elementId(n) IN spur.banned_nodes AND NOT n.id IN $exclude)
RETURN spur.index AS spur,
       [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links,
       [n IN nodes(p) | elementId(n)] AS node_ids,
       [r IN relationships(p) | elementId(r)] AS link_ids
