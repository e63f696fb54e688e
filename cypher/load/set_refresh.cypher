// Record an in-season refresh on the Dataset node: when, and the newest game loaded.
// Params: $last_game_id (int or null), $last_game_date (date or null).
// Returns: refreshed_at (ISO string).
MATCH (d:Dataset {key: "nhl"})
SET d.refreshed_at = datetime(),
    d.last_game_id = $last_game_id,
    d.last_game_date = $last_game_date
RETURN toString(d.refreshed_at) AS refreshed_at
