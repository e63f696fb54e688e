// One breadth-first step for counting shortest paths under constraints (as
// read/expand_layer, following only links and players that pass them).
// Params: $frontier (list of {id, paths}), $seen (list of Player.id), and the constraint
//   params of read/shortest_path_constrained ($from_season, $to_season, $check_seasons,
//   $team_seasons, $min_games, $exclude).
// Returns: ids (list of Player.id newly reached), paths (list of int, same order).
UNWIND $frontier AS f
MATCH (:Player {id: f.id})-[r:TEAMMATE_OF]-(n)
WHERE NOT n.id IN $seen AND NOT n.id IN $exclude
  AND r.last_season >= $from_season AND r.first_season <= $to_season
  AND ($min_games IS NULL OR r.games_together >= $min_games)
  AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
  AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons))
WITH n.id AS id, sum(f.paths) AS paths
RETURN collect(id) AS ids, collect(paths) AS paths
