// One node per team and season, keyed "<tricode>-<season>" (e.g. "TOR-19931994").
// Params: none. Returns: nothing.
CREATE CONSTRAINT team_season_id IF NOT EXISTS FOR (ts:TeamSeason) REQUIRE ts.id IS UNIQUE
