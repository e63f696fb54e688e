// Fast path of merge_played_in for a graph that has no PLAYED_IN yet (a first import):
// nodes by element id (player_element_ids, game_element_ids) and CREATE instead of MERGE.
// The loader uses it only when no PLAYED_IN exists; a re-run MERGEs.
// Params: $rows: list of {player, game (element ids), team, toi_seconds, goals, assists,
//   position}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Player) WHERE elementId(p) = row.player
MATCH (g:Game) WHERE elementId(g) = row.game
CREATE (p)-[:PLAYED_IN {
  team: row.team,
  toi_seconds: row.toi_seconds,
  goals: row.goals,
  assists: row.assists,
  position: row.position
}]->(g)
