// Create or update players (one node per person). Known values are never erased by a
// source that lacks them (birth date, position, the other source's id); the birth place is
// one unit (city, state, country from one source): a row with a city replaces all three.
// Params: $rows: list of {id, name, search_name, first_name, last_name, birth_date,
//   birth_city, birth_state, birth_country, position, nhl_id, databank_id}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (p:Player {id: row.id})
SET p.name = row.name,
    p.search_name = row.search_name,
    p.first_name = row.first_name,
    p.last_name = row.last_name,
    p.birth_date = coalesce(row.birth_date, p.birth_date),
    p.birth_state = CASE WHEN row.birth_city IS NULL THEN p.birth_state ELSE row.birth_state END,
    p.birth_country = CASE WHEN row.birth_city IS NULL THEN p.birth_country
                           ELSE row.birth_country END,
    p.birth_city = coalesce(row.birth_city, p.birth_city),
    p.position = coalesce(row.position, p.position),
    p.nhl_id = coalesce(row.nhl_id, p.nhl_id),
    p.databank_id = coalesce(row.databank_id, p.databank_id)
