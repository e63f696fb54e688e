// As read/all_shortest_paths_counted, over the links and players that pass the constraints
// (per-relationship and per-node predicates: the bidirectional search is kept).
// Params: $from_id, $to_id, $cap, $limit, and the constraint params of
//   read/shortest_path_constrained ($from_season, $to_season, $check_seasons, $team_seasons,
//   $min_games, $exclude).
// Returns: paths, length, listed (as read/all_shortest_paths_counted).
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:TEAMMATE_OF*..15]-(b))
WHERE all(r IN relationships(p) WHERE
        r.last_season >= $from_season AND r.first_season <= $to_season
        AND ($min_games IS NULL OR r.games_together >= $min_games)
        AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
        AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons)))
  AND all(n IN nodes(p) WHERE NOT n.id IN $exclude)
WITH p LIMIT $cap
WITH collect(p) AS found
RETURN size(found) AS paths,
       CASE WHEN size(found) > 0 THEN length(found[0]) END AS length,
       [p IN found[..$limit] | {
          players: [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}],
          links: [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                             .games_played_together, .strength, .strength_estimated}]}] AS listed
