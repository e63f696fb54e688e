// Players with at least $min_games NHL games: the pool random challenges draw from.
// Params: $min_games (int).
// Returns: id (Player.id), games (int), one row per player, by id.
MATCH (p:Player)
WHERE p.games >= $min_games
RETURN p.id AS id, p.games AS games
ORDER BY id
