// Seasons covered: team-seasons overall and the seasons with per-game data.
// Params: none.
// Returns: first_season, last_season, seasons, game_seasons (sorted list).
CALL () {
  MATCH (ts:TeamSeason)
  RETURN min(ts.season) AS first_season, max(ts.season) AS last_season,
         count(DISTINCT ts.season) AS seasons
}
CALL () {
  MATCH (g:Game)
  WITH DISTINCT g.season AS season
  ORDER BY season
  RETURN collect(season) AS game_seasons
}
RETURN first_season, last_season, seasons, game_seasons
