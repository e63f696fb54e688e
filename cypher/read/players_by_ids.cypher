// The players with these ids (to tell a missing id from a missing path, and to name them).
// Params: $ids (list of Player.id).
// Returns: player (map: id, name, position, first_season, last_season, games), one row per
//   id that exists.
UNWIND $ids AS id
MATCH (p:Player {id: id})
RETURN p {.id, .name, .position, .first_season, .last_season, .games} AS player
