// Season totals of the NHL API's club stats on PLAYED_FOR, where the Hockey Databank gave
// none (its totals win); creates the membership when it is missing.
// Params: $rows: list of {player, team_season, position, games, goals, assists,
//   playoff_games, playoff_goals, playoff_assists}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Player {id: row.player})
MATCH (ts:TeamSeason {id: row.team_season})
MERGE (p)-[r:PLAYED_FOR]->(ts)
WITH r, row
WHERE NOT "hockey-databank" IN coalesce(r.sources, [])
SET r.games = row.games,
    r.goals = row.goals,
    r.assists = row.assists,
    r.points = row.goals + row.assists,
    r.pim = coalesce(r.pim, 0),
    r.playoff_games = row.playoff_games,
    r.playoff_goals = row.playoff_goals,
    r.playoff_assists = row.playoff_assists,
    r.position = coalesce(r.position, row.position),
    r.sources = [s IN coalesce(r.sources, []) WHERE s <> "nhl-api"] + ["nhl-api"]
