// The best centres of one decade, computed in the subgraph of the links made in its seasons
// (loader/centrality.py stores them as lists in step with Player.era_decades).
// Params: $decade (int: 1980 for the seasons 1980-81 .. 1989-90), $limit (int).
// Returns: player (map: id, name, position, first_season, last_season, games),
//   average_distance (float), centre_rank (int), eccentricity (int); best first.
MATCH (p:Player)
WHERE $decade IN p.era_decades
WITH p, [i IN range(0, size(p.era_decades) - 1) WHERE p.era_decades[i] = $decade][0] AS i
WITH p, i, p.era_centre_rank[i] AS centre_rank
WHERE centre_rank > 0
RETURN p {.id, .name, .position, .first_season, .last_season, .games} AS player,
       p.era_average_distance[i] AS average_distance, centre_rank,
       p.era_eccentricity[i] AS eccentricity
ORDER BY centre_rank, player.id
LIMIT $limit
