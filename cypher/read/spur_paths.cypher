// Yen's k-shortest-paths step: for each spur, the shortest path from the spur player to the
// target that avoids the spur's banned players and links (and passes the constraints).
// Per-relationship and per-node predicates only, so each search stays bidirectional.
// Params: $to_id (Player.id); $spurs (list of maps {index: int, from_id: Player.id,
//   banned_nodes: list of Player.id, banned_links: list of relationship element ids});
//   the constraint params of read/shortest_path_constrained ($from_season, $to_season,
//   $check_seasons, $team_seasons, $min_games, $exclude).
// Returns: spur (the spur's index), players, links (as read/shortest_path), link_ids (list
//   of relationship element ids); no row for a spur without a path.
UNWIND $spurs AS spur
MATCH (a:Player {id: spur.from_id}), (b:Player {id: $to_id})
MATCH p = shortestPath((a)-[:TEAMMATE_OF*..15]-(b))
WHERE all(r IN relationships(p) WHERE
        NOT elementId(r) IN spur.banned_links
        AND r.last_season >= $from_season AND r.first_season <= $to_season
        AND ($min_games IS NULL OR r.games_together >= $min_games)
        AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
        AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons)))
  AND all(n IN nodes(p) WHERE NOT n.id IN $exclude AND NOT n.id IN spur.banned_nodes)
RETURN spur.index AS spur,
       [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links,
       [r IN relationships(p) | elementId(r)] AS link_ids
