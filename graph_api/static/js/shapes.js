// The API's response shapes (see /docs), turned into what the page draws. Kept in one place so
// a change in the API is one edit here.

export function toPlayer(raw) {
  if (!raw) return null;
  return {
    id: String(raw.id),
    name: raw.name,
    position: raw.position || null,
    first_season: raw.first_season || null,
    last_season: raw.last_season || null,
    games: raw.games ?? null,
  };
}

// A hop of a path: why two consecutive players are teammates (PathResult.hops[i]).
export function toLink(raw) {
  return {
    why: raw.why || "",
    team_seasons: (raw.team_seasons || []).map((ts) =>
      typeof ts === "string" ? { id: ts, name: ts, season: null, code: "" } : ts),
    seasons: raw.seasons || [],
    teams: raw.teams || [],
    games_together: raw.games_together ?? null,
    games_played_together: raw.games_played_together ?? null,
    strength: raw.strength ?? null,
    strength_estimated: raw.strength_estimated ?? null,
  };
}

// PathResult: players[0] is the start, hops[i] links players[i] and players[i + 1].
export function toPath(raw) {
  if (!raw) return null;
  const players = (raw.players || []).map(toPlayer);
  const links = (raw.hops || []).map(toLink);
  return { players, links, length: raw.length ?? links.length };
}
