// Full-text (fuzzy) search on player names.
// Params: none. Returns: nothing.
CREATE FULLTEXT INDEX player_names IF NOT EXISTS FOR (p:Player) ON EACH [p.name, p.search_name]
