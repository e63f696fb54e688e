// One breadth-first step over the membership graph (Player)-[:PLAYED_FOR]->(TeamSeason):
// the team-seasons of the frontier players not reached yet, and their players not reached
// yet (the next layer of teammates). Much cheaper than walking TEAMMATE_OF (one link per
// pair of teammates) for a search over the whole graph (graph_api/graph/distance_table.py).
// Params: $frontier (list of Player.id), $seen_players (list of Player.id),
//   $seen_team_seasons (list of TeamSeason.id).
// Returns: one row: team_seasons (list of TeamSeason.id newly reached), ids (list of
//   Player.id newly reached: the players one link further).
UNWIND $frontier AS id
MATCH (:Player {id: id})-[:PLAYED_FOR]->(ts:TeamSeason)
WHERE NOT ts.id IN $seen_team_seasons
WITH DISTINCT ts
OPTIONAL MATCH (ts)<-[:PLAYED_FOR]-(n:Player)
WHERE NOT n.id IN $seen_players
RETURN collect(DISTINCT ts.id) AS team_seasons, collect(DISTINCT n.id) AS ids
