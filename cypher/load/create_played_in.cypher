// Fast path of merge_played_in for a graph that has no PLAYED_IN yet (a first import):
// CREATE instead of MERGE. The loader uses it only when no PLAYED_IN exists.
// Params: $rows: list of {player, game, team, toi_seconds, goals, assists, position}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Player {id: row.player})
MATCH (g:Game {id: row.game})
CREATE (p)-[r:PLAYED_IN]->(g)
SET r.team = row.team,
    r.toi_seconds = row.toi_seconds,
    r.goals = row.goals,
    r.assists = row.assists,
    r.position = row.position
