// Create or update players (one node per person). Known values are never erased by a
// source that lacks them (birth date, position, the other source's id).
// Params: $rows: list of {id, name, search_name, first_name, last_name, birth_date,
//   position, nhl_id, databank_id}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (p:Player {id: row.id})
SET p.name = row.name,
    p.search_name = row.search_name,
    p.first_name = row.first_name,
    p.last_name = row.last_name,
    p.birth_date = coalesce(row.birth_date, p.birth_date),
    p.position = coalesce(row.position, p.position),
    p.nhl_id = coalesce(row.nhl_id, p.nhl_id),
    p.databank_id = coalesce(row.databank_id, p.databank_id)
