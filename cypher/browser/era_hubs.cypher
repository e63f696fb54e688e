// Neo4j Browser: the hubs of an era, the players with the most distinct teammates inside a
// season window (seasons are 8-digit integers: 19801981 is 1980-81).
//
//   :param from_season => 19801981
//   :param to_season => 19891990
//
// $from_season, $to_season  the window, both ends included
// Columns: id, player, teammates (distinct, in the window), team_seasons (his, in the window),
//          first_season, last_season
MATCH (p:Player)
WHERE p.first_season <= $to_season AND p.last_season >= $from_season
MATCH (p)-[t:TEAMMATE_OF]-(:Player)
WHERE any(season IN t.seasons WHERE $from_season <= season <= $to_season)
WITH p, count(t) AS teammates
ORDER BY teammates DESC, p.name
LIMIT 25
RETURN p.id AS id, p.name AS player, teammates,
       COUNT {
         (p)-[:PLAYED_FOR]->(ts:TeamSeason) WHERE $from_season <= ts.season <= $to_season
       } AS team_seasons,
       p.first_season AS first_season, p.last_season AS last_season
