// Each player is one node, keyed by the NHL id where known, else the Hockey Databank id.
// Params: none. Returns: nothing.
CREATE CONSTRAINT player_id IF NOT EXISTS FOR (p:Player) REQUIRE p.id IS UNIQUE
