// A franchise (Team), keyed by its franchise code.
// Params: none. Returns: nothing.
CREATE CONSTRAINT team_id IF NOT EXISTS FOR (t:Team) REQUIRE t.id IS UNIQUE
