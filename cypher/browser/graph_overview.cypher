// Neo4j Browser: what is loaded, the data version and the "data as of" date.
//
// No parameters.
// Columns: version, data_as_of, loaded_at, sources, players, franchises, team_seasons, games,
//          teammate_pairs
MATCH (d:Dataset {key: 'nhl'})
RETURN d.version AS version, d.data_as_of AS data_as_of, d.loaded_at AS loaded_at,
       d.sources AS sources,
       COUNT { (:Player) } AS players,
       COUNT { (:Team) } AS franchises,
       COUNT { (:TeamSeason) } AS team_seasons,
       COUNT { (:Game) } AS games,
       COUNT { ()-[:TEAMMATE_OF]->() } AS teammate_pairs
