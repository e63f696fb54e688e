// One player's page: bio, every team-season with games, number of teammates.
// Params: $id (Player.id).
// Returns: player (map of the Player's properties, birth_date as an ISO string, birth_city,
//   birth_state, birth_country),
//   stints (list of maps: team_season {id, code, season, team_id, name}, games, goals,
//   assists, points, playoff_games; by season), teammates (int). No row for an unknown id.
//   The player map carries average_distance, centre_rank, eccentricity (loader/centrality.py).
MATCH (p:Player {id: $id})
CALL (p) {
  OPTIONAL MATCH (p)-[f:PLAYED_FOR]->(ts:TeamSeason)
  WITH f, ts ORDER BY ts.season, ts.id
  RETURN collect(CASE WHEN ts IS NULL THEN null ELSE {
           team_season: ts {.id, .code, .season, .team_id, name: coalesce(ts.name, ts.code)},
           games: coalesce(f.games, 0), goals: coalesce(f.goals, 0),
           assists: coalesce(f.assists, 0), points: coalesce(f.points, 0),
           playoff_games: coalesce(f.playoff_games, 0)} END) AS stints
}
RETURN p {.id, .name, .position, .first_season, .last_season, .games, .first_name,
          .last_name, .nhl_id, .databank_id, .birth_city, .birth_state, .birth_country, .average_distance, .centre_rank, .eccentricity,
          birth_date: toString(p.birth_date)} AS player,
       stints, COUNT { (p)-[:TEAMMATE_OF]-() } AS teammates
