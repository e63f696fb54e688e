// One breadth-first step over the membership graph (Player)-[:PLAYED_FOR]->(TeamSeason):
// the team-seasons of the frontier players not reached yet, and their players not reached
// yet (the next layer of teammates). Much cheaper than walking TEAMMATE_OF (one link per
// pair of teammates) for a search over the whole graph (graph_api/graph/membership_bfs.py).
// Under constraints (as read/shortest_path_members_constrained: not min_games) only the
// team-seasons in the season window and among $team_seasons are walked and excluded
// players are not reached: two players are linked under the constraints exactly when they
// share an allowed team-season.
// Params: $frontier (list of Player.id), $seen_players (list of Player.id),
//   $seen_team_seasons (list of TeamSeason.id); $from_season, $to_season (int: the season
//   window, 0 and 99999999 when open); $team_seasons (list of TeamSeason.id, or null);
//   $exclude (list of Player.id).
// Returns: one row: team_seasons (list of TeamSeason.id newly reached), ids (list of
//   Player.id newly reached: the players one link further).
UNWIND $frontier AS id
MATCH (:Player {id: id})-[:PLAYED_FOR]->(ts:TeamSeason)
WHERE NOT ts.id IN $seen_team_seasons
  AND ts.season >= $from_season AND ts.season <= $to_season
  AND ($team_seasons IS NULL OR ts.id IN $team_seasons)
WITH DISTINCT ts
OPTIONAL MATCH (ts)<-[:PLAYED_FOR]-(n:Player)
WHERE NOT n.id IN $seen_players AND NOT n.id IN $exclude
RETURN collect(DISTINCT ts.id) AS team_seasons, collect(DISTINCT n.id) AS ids
