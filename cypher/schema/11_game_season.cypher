// Games by season.
// Params: none. Returns: nothing.
CREATE INDEX game_season IF NOT EXISTS FOR (g:Game) ON (g.season)
