// Benchmark row "before": one shortest path searched over the 578,943 TEAMMATE_OF pairs
// (what read/shortest_path did until it searched the membership graph), with the evidence.
// Params: $from_id, $to_id (Player.id, different).
// Returns: players, links (as read/shortest_path). No row when not connected.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = shortestPath((a)-[:TEAMMATE_OF*..15]-(b))
RETURN [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together}] AS links
