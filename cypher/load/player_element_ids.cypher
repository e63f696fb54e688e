// Each player's element id, so the bulk CREATE statements can find nodes without an
// index seek per row (element ids are stable while no node is deleted).
// Params: none.
// Returns: id, element_id.
MATCH (p:Player)
RETURN p.id AS id, elementId(p) AS element_id
