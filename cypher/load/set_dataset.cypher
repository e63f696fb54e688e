// Record a finished load: version, sources and "data as of" (the newest game date).
// loaded_at changes only with the version, so a load that changed nothing changes nothing.
// Params: $version (string), $sources (list of string), $source_hashes (list of string).
// Returns: version, data_as_of, loaded_at.
MERGE (d:Dataset {key: "nhl"})
WITH d, d.version = $version AS unchanged
CALL () {
  MATCH (g:Game)
  RETURN max(g.date) AS newest
}
SET d.loaded_at = CASE WHEN unchanged THEN d.loaded_at ELSE datetime() END,
    d.version = $version,
    d.sources = $sources,
    d.source_hashes = $source_hashes,
    d.data_as_of = newest
RETURN d.version AS version, d.data_as_of AS data_as_of, d.loaded_at AS loaded_at
