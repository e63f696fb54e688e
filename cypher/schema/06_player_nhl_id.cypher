// Look-up of a player by NHL API id.
// Params: none. Returns: nothing.
CREATE INDEX player_nhl_id IF NOT EXISTS FOR (p:Player) ON (p.nhl_id)
