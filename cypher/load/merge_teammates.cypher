// Create or update TEAMMATE_OF, one relationship per pair, from the smaller id ($a) to the
// larger ($b): read/shortest_path matches the evidence in that direction.
// Params: $rows: list of {a, b, seasons, team_seasons, teams, first_season, last_season,
//   games_together, games_played_together,
//   strength, strength_estimated (docs/graph-model.md)}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (a:Player {id: row.a})
MATCH (b:Player {id: row.b})
MERGE (a)-[r:TEAMMATE_OF]->(b)
SET r.seasons = row.seasons,
    r.team_seasons = row.team_seasons,
    r.teams = row.teams,
    r.first_season = row.first_season,
    r.last_season = row.last_season,
    r.games_together = row.games_together,
    r.games_played_together = row.games_played_together,
    r.strength = row.strength,
    r.strength_estimated = row.strength_estimated
