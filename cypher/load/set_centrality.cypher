// The centre of the hockey universe on every Player (loader/centrality.py): average distance
// to the players he is connected to, his rank (null outside the largest component) and
// eccentricity; and the same per decade, as lists in step with era_decades (rank -1: not in
// that decade's largest component).
// Params: $rows: list of {id, average_distance, centre_rank, eccentricity (null: no link),
//   era_decades, era_average_distance, era_centre_rank, era_eccentricity (lists)}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Player {id: row.id})
SET p.average_distance = row.average_distance,
    p.centre_rank = row.centre_rank,
    p.eccentricity = row.eccentricity,
    p.era_decades = row.era_decades,
    p.era_average_distance = row.era_average_distance,
    p.era_centre_rank = row.era_centre_rank,
    p.era_eccentricity = row.era_eccentricity
