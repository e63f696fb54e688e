// Neo4j Browser: the pairs who actually played the most games together (both with ice time,
// 2009-10 on, where per-game data exists).
//
// No parameters.
// Columns: player, teammate, games_played_together, games_together, seasons, teams
// Each pair has exactly one TEAMMATE_OF relationship, so the directed pattern lists every pair
// once.
MATCH (a:Player)-[t:TEAMMATE_OF]->(b:Player)
WHERE t.games_played_together IS NOT NULL
RETURN a.name AS player, b.name AS teammate, t.games_played_together AS games_played_together,
       t.games_together AS games_together, t.seasons AS seasons, t.teams AS teams
ORDER BY games_played_together DESC, player
LIMIT 25
