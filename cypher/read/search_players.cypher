// Search-as-you-type over player names. Three ways to match, best first: the folded full
// name starts with the query (TEXT index player_search_name), a later word of it does, or the
// full-text index player_names matches it fuzzily (typos). Better-known players (more games)
// rank higher among matches of the same kind.
// Params: $prefix (folded query, e.g. "mcdav"), $word (" " + $prefix), $lucene (Lucene query
//   for the fuzzy part), $fuzzy_limit (int), $limit (int).
// Returns: player (map: id, name, position, first_season, last_season, games), tier (0 prefix,
//   1 word, 2 fuzzy), score (full-text score of fuzzy matches, 0.0 otherwise).
CALL () {
  MATCH (p:Player) WHERE p.search_name STARTS WITH $prefix
  RETURN p, 0 AS tier, 0.0 AS score
  UNION
  MATCH (p:Player) WHERE p.search_name CONTAINS $word
  RETURN p, 1 AS tier, 0.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes("player_names", $lucene, {limit: $fuzzy_limit})
  YIELD node, score
  RETURN node AS p, 2 AS tier, score
}
WITH p, min(tier) AS tier, max(score) AS best
WITH p, tier, CASE WHEN tier = 2 THEN round(best, 1) ELSE 0.0 END AS score
RETURN p {.id, .name, .position, .first_season, .last_season, .games} AS player, tier, score
ORDER BY tier, score DESC, coalesce(p.games, 0) DESC, p.name
LIMIT $limit
