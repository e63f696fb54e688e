// How many PLAYED_IN and TEAMMATE_OF relationships exist (from the count store, instant).
// Params: none.
// Returns: played_in, teammate_of.
CALL () {
  MATCH ()-[r:PLAYED_IN]->()
  RETURN count(r) AS played_in
}
CALL () {
  MATCH ()-[r:TEAMMATE_OF]->()
  RETURN count(r) AS teammate_of
}
RETURN played_in, teammate_of
