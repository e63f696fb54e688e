// Prefix search on the accent-folded, lower-case name.
// Params: none. Returns: nothing.
CREATE TEXT INDEX player_search_name IF NOT EXISTS FOR (p:Player) ON (p.search_name)
