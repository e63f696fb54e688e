// TEAMMATE_OF links stored from the larger player id to the smaller: none may be, since
// read/shortest_path matches each hop's evidence in the stored direction (smaller id first).
// Checked by the loader tests after every kind of load.
// Params: none.
// Returns: backwards (int).
MATCH (a:Player)-[r:TEAMMATE_OF]->(b:Player)
WHERE a.id > b.id
RETURN count(r) AS backwards
