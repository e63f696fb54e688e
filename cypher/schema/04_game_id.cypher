// A game, keyed by the NHL game id (e.g. 2023020204).
// Params: none. Returns: nothing.
CREATE CONSTRAINT game_id IF NOT EXISTS FOR (g:Game) REQUIRE g.id IS UNIQUE
