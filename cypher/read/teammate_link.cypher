// The TEAMMATE_OF link between two players, if any (queried undirected).
// Params: $a_id, $b_id (Player.id).
// Returns: a, b (maps: id, name, position, first_season, last_season, games),
//   link (map: seasons, team_seasons, teams, games_together, games_played_together).
//   No row when they never were teammates.
MATCH (a:Player {id: $a_id})-[r:TEAMMATE_OF]-(b:Player {id: $b_id})
RETURN a {.id, .name, .position, .first_season, .last_season, .games} AS a,
       b {.id, .name, .position, .first_season, .last_season, .games} AS b,
       r {.seasons, .team_seasons, .teams, .games_together, .games_played_together} AS link
