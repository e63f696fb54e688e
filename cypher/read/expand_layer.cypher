// One breadth-first step for counting shortest paths: the teammates of the frontier that
// this side of the search has not reached yet, each with the number of shortest paths
// reaching it (the sum over the frontier players it is linked to).
// Params: $frontier (list of maps {id: Player.id, paths: int}), $seen (list of Player.id).
// Returns: id (Player.id), paths (int), one row per newly reached player.
UNWIND $frontier AS f
MATCH (:Player {id: f.id})-[:TEAMMATE_OF]-(n:Player)
WHERE NOT n.id IN $seen
RETURN n.id AS id, sum(f.paths) AS paths
