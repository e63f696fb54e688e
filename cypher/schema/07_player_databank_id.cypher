// Look-up of a player by Hockey Databank id (e.g. gretzwa01).
// Params: none. Returns: nothing.
CREATE INDEX player_databank_id IF NOT EXISTS FOR (p:Player) ON (p.databank_id)
