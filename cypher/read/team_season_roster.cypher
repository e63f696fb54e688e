// The roster of one team in one season. $code is a team code of that season (TeamSeason.code)
// or a franchise id (TeamSeason.team_id); a code match comes first.
// Params: $code (string), $season (int, 8 digits).
// Returns: team_season (map: id, code, season, team_id, name), by_code (bool), players (list
//   of maps: player {id, name, position, first_season, last_season, games}, position, games,
//   goals, assists, points, playoff_games), most games first.
MATCH (ts:TeamSeason {season: $season})
WHERE ts.code = $code OR ts.team_id = $code
OPTIONAL MATCH (p:Player)-[f:PLAYED_FOR]->(ts)
WITH ts, p, f
ORDER BY coalesce(f.games, 0) + coalesce(f.playoff_games, 0) DESC, p.name
WITH ts, collect(CASE WHEN p IS NULL THEN null ELSE {
       player: p {.id, .name, .position, .first_season, .last_season, .games},
       position: f.position, games: coalesce(f.games, 0), goals: coalesce(f.goals, 0),
       assists: coalesce(f.assists, 0), points: coalesce(f.points, 0),
       playoff_games: coalesce(f.playoff_games, 0)} END) AS players
RETURN ts {.id, .code, .season, .team_id, name: coalesce(ts.name, ts.code)} AS team_season,
       ts.code = $code AS by_code, players
ORDER BY by_code DESC
