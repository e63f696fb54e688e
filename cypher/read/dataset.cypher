// The data version and "data as of" date (the path cache is keyed on the version).
// Params: none.
// Returns: version, data_as_of (ISO date string), loaded_at (ISO string), sources; nulls when
//   the graph has no Dataset node yet.
OPTIONAL MATCH (d:Dataset {key: "nhl"})
RETURN d.version AS version, toString(d.data_as_of) AS data_as_of,
       toString(d.loaded_at) AS loaded_at, coalesce(d.sources, []) AS sources
