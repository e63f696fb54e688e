// A path given by its players' ids in order (the strongest shortest path, once chosen),
// with the link between each two in a row.
// Params: $ids (list of Player.id, at least two, each two in a row teammates).
// Returns: players, links (as read/shortest_path). No row when a player or link is missing.
UNWIND range(0, size($ids) - 2) AS i
MATCH (a:Player {id: $ids[i]})-[r:TEAMMATE_OF]-(b:Player {id: $ids[i + 1]})
WITH i, a, b, r
ORDER BY i
WITH collect(a) + [last(collect(b))] AS nodes, collect(r) AS rels
WHERE size(rels) = size($ids) - 1
RETURN [n IN nodes | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN rels | r {.seasons, .team_seasons, .teams, .games_together,
                       .games_played_together, .strength, .strength_estimated}] AS links
