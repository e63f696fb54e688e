// Create or update games and link them to the home and away team-seasons.
// Params: $rows: list of {id, season, game_type, date, home, away, home_goals, away_goals,
//   venue, home_team_season, away_team_season}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (g:Game {id: row.id})
SET g.season = row.season,
    g.game_type = row.game_type,
    g.date = row.date,
    g.home = row.home,
    g.away = row.away,
    g.home_goals = row.home_goals,
    g.away_goals = row.away_goals,
    g.venue = row.venue
WITH g, row
MATCH (home:TeamSeason {id: row.home_team_season})
MATCH (away:TeamSeason {id: row.away_team_season})
MERGE (home)-[:PLAYED_HOME]->(g)
MERGE (away)-[:PLAYED_AWAY]->(g)
