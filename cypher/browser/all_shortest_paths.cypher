// Neo4j Browser: every shortest teammate path between two players (the first 100), as name
// chains and as paths Browser can draw. The row count is the number of shortest paths (up to
// the limit).
//
//   :param from_player => 'Bobby Orr'
//   :param to_player => 'Auston Matthews'
//
// $from_player, $to_player  Player.id, Hockey Databank ids or full names without accents
//                            (Player.search_name)
// Columns: hops, chain (list of names), path
MATCH (a:Player)
WHERE a.id = $from_player OR a.databank_id = $from_player
   OR a.search_name = toLower($from_player)
MATCH (b:Player)
WHERE b.id = $to_player OR b.databank_id = $to_player
   OR b.search_name = toLower($to_player)
MATCH path = allShortestPaths((a)-[:TEAMMATE_OF*..12]-(b))
RETURN length(path) AS hops, [p IN nodes(path) | p.name] AS chain, path
LIMIT 100
