// Drawing a path: player cards and the links between them with their evidence.

import { ApiError, getJSON } from "./api.js";
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
      el("div", { class: "player-name" }, playerLink(player)),
      meta ? el("div", { class: "player-meta" }, meta) : null));
}

// A link to the player's page (/?player=ID); main.js opens it without reloading the page.
export function playerLink(player) {
  return el("a", { href: `/?player=${encodeURIComponent(player.id)}`, dataset: { playerLink: "" } }, player.name);
}

// "A → B → C" with every name a link to his page (battle results, the daily answers).
export const linkedChain = (players) =>
  (players || []).flatMap((p, i) => (i ? [" → ", playerLink(p)] : [playerLink(p)]));

// Names joined by commas, each a link to his page.
export const linkedNames = (players) =>
  players.flatMap((p, i) => (i ? [", ", playerLink(p)] : [playerLink(p)]));

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

export function linkItem(link, a, b, weakest = false) {
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
  if (link.strength !== null && link.strength_estimated) {
    games += ` · ≈${plural(link.strength, "game")} in all (estimated from the season rows)`;
  }
  return el("li", { class: `link${weakest ? " weakest" : ""}`, "aria-label": `${a.name} and ${b.name}: ${link.why || "teammates"}, ${games}` },
    el("div", { class: "link-body" },
      el("div", { class: "link-teams" }, teamSeasonChips(link.team_seasons)),
      el("div", { class: "link-games" }, games, weakest ? el("span", { class: "weakest-tag" }, "weakest link") : null)));
}

// Why this path was chosen (PathAnswer of /paths/shortest; `total` is the number of shortest
// paths, from /paths/all): the strongest path's weakest link, among how many shortest paths.
export function whyThisPath(answer, path, total) {
  const links = plural(path.links.length, "link");
  if (!path.links.length) return "";
  const estimated = path.links.some((l) => l.strength_estimated);
  const mark = estimated ? " (≈: estimated from season rows before 2009-10)" : "";
  const among = total > 1 ? `among ${total.toLocaleString("en")} shortest paths of ${links}` : `the only shortest path of ${links}`;
  if (answer.strongest_pending) {
    return `The first shortest path the search found: the strongest of the ${total > 1 ? total.toLocaleString("en") + " " : ""}shortest paths of ${links} is still being worked out (ask again in a moment).`;
  }
  if (answer.strategy !== "strongest" || answer.weakest_link === null || answer.weakest_link === undefined) {
    return total > 1 ? `The first of ${total.toLocaleString("en")} shortest paths of ${links} that the search found.` : `The ${among}.`;
  }
  const approx = estimated ? "≈" : "";
  if (total <= 1) return `Why this path: it is ${among}; its weakest link is ${approx}${plural(answer.weakest_link, "game")} together${mark}.`;
  return `Why this path: ${among}, its weakest link is the strongest: ${approx}${plural(answer.weakest_link, "game")} together` +
    ` (then the most games in all: ${approx}${answer.total_strength.toLocaleString("en")})${mark}.`;
}

// The index of the path's weakest link (the first one on a tie), or -1 without strengths.
export function weakestLink(path) {
  const strengths = path.links.map((l) => l.strength);
  if (!strengths.length || strengths.some((s) => s === null)) return -1;
  return strengths.indexOf(Math.min(...strengths));
}

// Fill `node` with whyThisPath for the answer shown; the count of shortest paths comes from
// /paths/all (limit 1, same query). A later answer shown meanwhile wins.
export async function explainChoice(node, answer, path, params) {
  const token = `${path.players.map((p) => p.id).join(",")}|${JSON.stringify(params)}`;
  node.dataset.token = token;
  node.textContent = "";
  if (!path.links.length) return;
  let total = 0;
  try {
    total = (await getJSON("/paths/all", { ...params, limit: 1 })).total_paths || 0;
  } catch {
    total = 0;
  }
  if (node.dataset.token === token) node.textContent = whyThisPath(answer, path, total);
}
