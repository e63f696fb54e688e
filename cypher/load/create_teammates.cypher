// Fast path of merge_teammates for a graph that has no TEAMMATE_OF yet (a first import):
// CREATE instead of MERGE. The loader uses it only when no TEAMMATE_OF exists.
// Params: $rows: list of {a, b, seasons, team_seasons, teams, first_season, last_season,
//   games_together, games_played_together}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (a:Player {id: row.a})
MATCH (b:Player {id: row.b})
CREATE (a)-[r:TEAMMATE_OF]->(b)
SET r.seasons = row.seasons,
    r.team_seasons = row.team_seasons,
    r.teams = row.teams,
    r.first_season = row.first_season,
    r.last_season = row.last_season,
    r.games_together = row.games_together,
    r.games_played_together = row.games_played_together
