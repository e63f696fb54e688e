// The data version and "data as of" date (the path cache is keyed on the version), the last
// in-season refresh, and how far a history sync got.
// Params: none.
// Returns: version, data_as_of (ISO date string), loaded_at (ISO string), sources,
//   refreshed_at (ISO string), last_game_id, last_game_date (ISO date string),
//   history_seasons_done, history_seasons_total; nulls when the graph has no Dataset node
//   yet (or was never refreshed or synced).
OPTIONAL MATCH (d:Dataset {key: "nhl"})
RETURN d.version AS version, toString(d.data_as_of) AS data_as_of,
       toString(d.loaded_at) AS loaded_at, coalesce(d.sources, []) AS sources,
       toString(d.refreshed_at) AS refreshed_at, d.last_game_id AS last_game_id,
       toString(d.last_game_date) AS last_game_date,
       d.history_seasons_done AS history_seasons_done,
       d.history_seasons_total AS history_seasons_total
