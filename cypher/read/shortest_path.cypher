// One shortest teammate path between two players, with no constraints. Planned as Neo4j's
// bidirectional breadth-first ShortestPath operator; paths stop at 15 hops.
// Params: $from_id, $to_id (Player.id, different).
// Returns: players (list of maps: id, name, position, first_season, last_season, games),
//   links (list of maps: seasons, team_seasons, teams, games_together, games_played_together,
//   strength, strength_estimated).
//   No row when either player is missing or they are not connected.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = shortestPath((a)-[:TEAMMATE_OF*..15]-(b))
RETURN [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links
