// Sums over every property of the bulk relationship types: a quick check that two graphs
// hold the same values (the digest adds exact comparisons of sampled players).
// Params: none.
// Returns: one column per relationship type, each a list of counts and sums.
CALL () {
  MATCH ()-[r:PLAYED_IN]->()
  RETURN [count(r), sum(r.toi_seconds), sum(coalesce(r.goals, 0)), sum(coalesce(r.assists, 0)),
          count(r.goals), sum(size(r.team)), count(r.position)] AS played_in
}
CALL () {
  MATCH ()-[r:TEAMMATE_OF]->()
  RETURN [count(r), sum(size(r.seasons)), sum(size(r.team_seasons)), sum(size(r.teams)),
          sum(r.first_season), sum(r.last_season), sum(coalesce(r.games_together, 0)),
          count(r.games_together), sum(coalesce(r.games_played_together, 0)),
          sum(reduce(total = 0, s IN r.seasons | total + s % 10000))] AS teammate_of
}
CALL () {
  MATCH ()-[r:PLAYED_FOR]->()
  RETURN [count(r), sum(r.games), sum(r.goals), sum(r.assists), sum(r.points), sum(r.pim),
          sum(r.playoff_games), sum(r.playoff_goals), sum(r.playoff_assists),
          sum(size(r.sources)), count(r.position)] AS played_for
}
RETURN played_in, teammate_of, played_for
