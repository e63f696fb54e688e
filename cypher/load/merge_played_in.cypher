// Create or update one player's appearance in one game.
// Params: $rows: list of {player, game, team, toi_seconds, goals, assists, position}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Player {id: row.player})
MATCH (g:Game {id: row.game})
MERGE (p)-[r:PLAYED_IN]->(g)
SET r.team = row.team,
    r.toi_seconds = row.toi_seconds,
    r.goals = row.goals,
    r.assists = row.assists,
    r.position = row.position
