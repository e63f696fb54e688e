// Games of a season whose appearances are in the graph already (incremental fetch).
// Params: $season (int).
// Returns: id.
MATCH (g:Game {season: $season})
WHERE EXISTS { (g)<-[:PLAYED_IN]-(:Player) }
RETURN g.id AS id
