// Neo4j Browser (graph view): the shortest teammate path between two players drawn through the
// team-seasons that link each pair: player -> team-season <- teammate -> team-season <- ...
//
//   :param from_player => 'Wayne Gretzky'
//   :param to_player => 'Sidney Crosby'
//
// $from_player, $to_player  Player.id, Hockey Databank ids or full names without accents
//                            (Player.search_name)
// Columns: evidence (a path (:Player)-[:PLAYED_FOR]->(:TeamSeason)<-[:PLAYED_FOR]-(:Player),
//          one per shared team-season of each hop)
MATCH (a:Player)
WHERE a.id = $from_player OR a.databank_id = $from_player
   OR a.search_name = toLower($from_player)
MATCH (b:Player)
WHERE b.id = $to_player OR b.databank_id = $to_player
   OR b.search_name = toLower($to_player)
MATCH path = shortestPath((a)-[:TEAMMATE_OF*..12]-(b))
UNWIND relationships(path) AS link
WITH startNode(link) AS x, endNode(link) AS y, link
MATCH evidence = (x)-[:PLAYED_FOR]->(ts:TeamSeason)<-[:PLAYED_FOR]-(y)
WHERE ts.id IN link.team_seasons
RETURN evidence
