// Fast path of merge_teammates for a graph that has no TEAMMATE_OF yet (a first import):
// players by element id (player_element_ids) and CREATE instead of MERGE. The loader uses
// it only when no TEAMMATE_OF exists; a re-run MERGEs.
// Params: $rows: list of {a, b (element ids of the smaller and larger player id), seasons,
//   team_seasons, teams, first_season, last_season, games_together, games_played_together,
//   strength, strength_estimated (docs/graph-model.md)}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (a:Player) WHERE elementId(a) = row.a
MATCH (b:Player) WHERE elementId(b) = row.b
CREATE (a)-[:TEAMMATE_OF {
  seasons: row.seasons,
  team_seasons: row.team_seasons,
  teams: row.teams,
  first_season: row.first_season,
  last_season: row.last_season,
  games_together: row.games_together,
  games_played_together: row.games_played_together,
  strength: row.strength,
  strength_estimated: row.strength_estimated
}]->(b)
