// Neo4j Browser: the shortest teammate path between two players, one row per hop, with the
// evidence: the team-seasons the two shared and how many games they dressed together.
//
//   :param from_player => 'Wayne Gretzky'
//   :param to_player => 'Connor McDavid'
//
// $from_player, $to_player  Player.id, Hockey Databank ids or full names without accents
//                            (Player.search_name)
// Columns: hop, player, teammate, team_seasons, seasons, games_together, games_played_together
// shortestPath() runs Neo4j's bidirectional breadth-first search (the ShortestPath operator;
// PROFILE shows it); 12 hops is far more than any pair of NHL players needs.
MATCH (a:Player)
WHERE a.id = $from_player OR a.databank_id = $from_player
   OR a.search_name = toLower($from_player)
MATCH (b:Player)
WHERE b.id = $to_player OR b.databank_id = $to_player
   OR b.search_name = toLower($to_player)
MATCH path = shortestPath((a)-[:TEAMMATE_OF*..12]-(b))
WITH nodes(path) AS players, relationships(path) AS links
UNWIND range(0, size(links) - 1) AS i
RETURN i + 1 AS hop, players[i].name AS player, players[i + 1].name AS teammate,
       links[i].team_seasons AS team_seasons, links[i].seasons AS seasons,
       links[i].games_together AS games_together,
       links[i].games_played_together AS games_played_together
ORDER BY hop
