// TEAMMATE_OF links stored from the larger player id to the smaller: none may be, since
// read/shortest_path matches each hop's evidence in the stored direction (smaller id first).
// Reported by `loader status` (loader/status.py); the loader tests check it is 0.
// Params: none.
// Returns: backwards (int).
MATCH (a:Player)-[r:TEAMMATE_OF]->(b:Player)
WHERE a.id > b.id
RETURN count(r) AS backwards
