// One breadth-first step for counting shortest paths: the teammates of the frontier that
// this side of the search has not reached yet, each with the number of shortest paths
// reaching it (the sum over the frontier players it is linked to). One row holding two
// parallel lists: thousands of rows would cost the driver far more than the query.
// Params: $frontier (list of maps {id: Player.id, paths: int}), $seen (list of Player.id).
// Returns: ids (list of Player.id newly reached), paths (list of int, same order).
UNWIND $frontier AS f
MATCH (:Player {id: f.id})-[:TEAMMATE_OF]-(n)
WHERE NOT n.id IN $seen
WITH n.id AS id, sum(f.paths) AS paths
RETURN collect(id) AS ids, collect(paths) AS paths
