// Neo4j Browser (graph view): a player and the teammates he shared at least a few seasons with.
//
//   :param player => 'Sidney Crosby'
//   :param min_seasons => 4
//
// $player       a Player.id, a Hockey Databank id or a full name without accents (compared
//          with Player.search_name)
// $min_seasons  only teammates who shared at least this many seasons with him
// Columns: link (a path player -[:TEAMMATE_OF]- teammate; Browser draws it)
MATCH (p:Player)
WHERE p.id = $player OR p.databank_id = $player
   OR p.search_name = toLower($player)
MATCH link = (p)-[t:TEAMMATE_OF]-(:Player)
WHERE size(t.seasons) >= $min_seasons
RETURN link
