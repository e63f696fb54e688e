// The best centres of the hockey universe over the whole graph (loader/centrality.py).
// Params: $limit (int).
// Returns: player (map: id, name, position, first_season, last_season, games),
//   average_distance (float), centre_rank (int), eccentricity (int); best first.
MATCH (p:Player)
WHERE p.centre_rank IS NOT NULL
RETURN p {.id, .name, .position, .first_season, .last_season, .games} AS player,
       p.average_distance AS average_distance, p.centre_rank AS centre_rank,
       p.eccentricity AS eccentricity
ORDER BY centre_rank, player.id
LIMIT $limit
