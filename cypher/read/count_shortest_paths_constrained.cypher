// As read/count_shortest_paths, over the links and players that pass the constraints
// (per-relationship and per-node predicates: the bidirectional search is kept).
// Params: $from_id, $to_id, $cap, and the constraint params of
//   read/shortest_path_constrained ($from_season, $to_season, $check_seasons, $team_seasons,
//   $min_games, $exclude).
// Returns: paths (int, at most $cap; 0 when there is no path), length (int or null).
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:TEAMMATE_OF*..15]-(b))
WHERE all(r IN relationships(p) WHERE
        r.last_season >= $from_season AND r.first_season <= $to_season
        AND ($min_games IS NULL OR r.games_together >= $min_games)
        AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
        AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons)))
  AND all(n IN nodes(p) WHERE NOT n.id IN $exclude)
WITH p LIMIT $cap
RETURN count(p) AS paths, min(length(p)) AS length
