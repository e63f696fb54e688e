// Each game's element id, for the bulk CREATE of PLAYED_IN (see player_element_ids).
// Params: none.
// Returns: id, element_id.
MATCH (g:Game)
RETURN g.id AS id, elementId(g) AS element_id
