// Drawing a path: player cards and the links between them with their evidence.

import { ApiError } from "./api.js";
import { careerSpan, el, initials, plural, positionLabel, seasonLabel } from "./format.js";

export function describeError(err) {
  if (err instanceof ApiError) {
    if (err.status === 404) return `Not found: ${err.message}`;
    if (err.status === 503) return "The graph is not reachable right now. Try again in a moment.";
    return err.message;
  }
  return String(err && err.message ? err.message : err);
}

export function playerCard(player, endpoint = false) {
  const meta = [positionLabel(player.position), careerSpan(player.first_season, player.last_season)]
    .filter(Boolean).join(" · ");
  return el("li", { class: `player-card${endpoint ? " endpoint" : ""}`, dataset: { playerId: player.id } },
    el("span", { class: "avatar", "aria-hidden": "true" }, initials(player.name)),
    el("div", {},
      el("div", { class: "player-name" }, player.name),
      meta ? el("div", { class: "player-meta" }, meta) : null));
}

// "Los Angeles Kings 1992-93 – 1995-96": one chip per franchise name, seasons in runs.
export function teamSeasonChips(teamSeasons) {
  const byName = new Map();
  for (const ts of teamSeasons) {
    if (!byName.has(ts.name)) byName.set(ts.name, []);
    byName.get(ts.name).push(ts.season);
  }
  return [...byName.entries()].map(([name, seasons]) =>
    el("span", { class: "team-season" }, name, " ", el("span", { class: "ts-years" }, seasonRuns(seasons))));
}

function seasonRuns(seasons) {
  const starts = seasons.filter(Boolean).map((s) => Math.floor(s / 10000)).sort((a, b) => a - b);
  const runs = [];
  for (const year of starts) {
    const last = runs[runs.length - 1];
    if (last && year === last[1] + 1) last[1] = year;
    else runs.push([year, year]);
  }
  const label = (y) => seasonLabel(y * 10000 + y + 1);
  return runs.map(([a, b]) => (a === b ? label(a) : `${label(a)} – ${label(b)}`)).join(", ");
}

export function linkItem(link, a, b) {
  let games;
  if (link.games_together !== null) {
    games = `${plural(link.games_together, "game")} together`;
    if (link.games_played_together !== null && link.games_played_together !== link.games_together) {
      games += ` (${link.games_played_together} both played)`;
    }
  } else {
    const n = link.seasons.length || link.team_seasons.length;
    games = `${plural(n, "season")} together · no game-by-game data before 2009-10`;
  }
  return el("li", { class: "link", "aria-label": `${a.name} and ${b.name}: ${link.why || "teammates"}, ${games}` },
    el("div", { class: "link-body" },
      el("div", { class: "link-teams" }, teamSeasonChips(link.team_seasons)),
      el("div", { class: "link-games" }, games)));
}
