// The well-known players a daily puzzle's pair is drawn from (graph_api/daily/puzzle.py):
// at least $min_games NHL games (regular season + playoffs) and a centre rank, i.e. a place in
// the largest connected component (so any two of them are connected).
// Params: $min_games (int).
// Returns: id (Player.id), one row per player, by id (the draw depends on this order).
MATCH (p:Player)
WHERE p.games >= $min_games AND p.centre_rank IS NOT NULL
RETURN p.id AS id
ORDER BY id
