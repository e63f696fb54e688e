// Team-seasons by season.
// Params: none. Returns: nothing.
CREATE INDEX team_season_season IF NOT EXISTS FOR (ts:TeamSeason) ON (ts.season)
