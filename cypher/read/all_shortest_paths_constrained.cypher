// Up to $limit of the shortest teammate paths that use only links passing every constraint
// (per-relationship and per-node predicates, so the bidirectional search is kept).
// Params: $from_id, $to_id, $limit, and the constraint params of
//   read/shortest_path_constrained ($from_season, $to_season, $check_seasons, $team_seasons,
//   $min_games, $exclude).
// Returns: players, links (as read/shortest_path), node_ids, link_ids (element ids, in path
//   order: /paths/k takes its first paths from here), one row per path.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:TEAMMATE_OF*..15]-(b))
WHERE all(r IN relationships(p) WHERE
        r.last_season >= $from_season AND r.first_season <= $to_season
        AND ($min_games IS NULL OR r.games_together >= $min_games)
        AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
        AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons)))
  AND all(n IN nodes(p) WHERE NOT n.id IN $exclude)
RETURN [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links,
       [n IN nodes(p) | elementId(n)] AS node_ids,
       [r IN relationships(p) | elementId(r)] AS link_ids
LIMIT $limit
