// Create or update a player's season totals for a team-season.
// Params: $rows: list of {player, team_season, games, goals, assists, points, pim,
//   playoff_games, playoff_goals, playoff_assists, position, sources}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Player {id: row.player})
MATCH (ts:TeamSeason {id: row.team_season})
MERGE (p)-[r:PLAYED_FOR]->(ts)
SET r.games = row.games,
    r.goals = row.goals,
    r.assists = row.assists,
    r.points = row.points,
    r.pim = row.pim,
    r.playoff_games = row.playoff_games,
    r.playoff_goals = row.playoff_goals,
    r.playoff_assists = row.playoff_assists,
    r.position = row.position,
    r.sources = row.sources
