// The Dataset node: data version, sources and "data as of".
// Params: none.
// Returns: version, sources, source_hashes, data_as_of, loaded_at (no row when never loaded).
MATCH (d:Dataset {key: "nhl"})
RETURN d.version AS version,
       d.sources AS sources,
       d.source_hashes AS source_hashes,
       d.data_as_of AS data_as_of,
       d.loaded_at AS loaded_at
