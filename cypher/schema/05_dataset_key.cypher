// The single Dataset node holds the data version and the "data as of" date.
// Params: none. Returns: nothing.
CREATE CONSTRAINT dataset_key IF NOT EXISTS FOR (d:Dataset) REQUIRE d.key IS UNIQUE
