// A player listed on a team-season roster played for it: PLAYED_FOR with zero totals
// unless the relationship exists already (its totals come from games or the Databank).
// Params: $rows: list of {player, team_season, position}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Player {id: row.player})
MATCH (ts:TeamSeason {id: row.team_season})
MERGE (p)-[r:PLAYED_FOR]->(ts)
ON CREATE SET r.games = 0,
              r.goals = 0,
              r.assists = 0,
              r.points = 0,
              r.pim = 0,
              r.playoff_games = 0,
              r.playoff_goals = 0,
              r.playoff_assists = 0,
              r.position = row.position,
              r.sources = ["nhl-api"]
