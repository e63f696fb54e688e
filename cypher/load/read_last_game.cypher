// The newest game whose appearances are in the graph.
// Params: none.
// Returns: id, date (one row, or none when no game has appearances).
MATCH (g:Game)
WHERE EXISTS { (g)<-[:PLAYED_IN]-(:Player) }
RETURN g.id AS id, g.date AS date
ORDER BY g.date DESC, g.id DESC
LIMIT 1
