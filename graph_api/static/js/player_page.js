// The player page at /?player=ID (NHL or Databank id; the address bar shows the canonical id
// once loaded): bio, headshot (initials when the NHL's image cannot be loaded), his number to
// the hub (the best centre of the hockey universe), centre rank, distance chart, the teammates
// he played most games with, and his career by team-season.

import { ApiError, getJSON } from "./api.js";
import { distanceChart } from "./charts.js";
import { careerSpan, el, initials, plural, positionLabel, seasonLabel, setStatus } from "./format.js";
import { describeError, playerLink } from "./path_view.js";

const TOP_TEAMMATES = 12;
const $ = (id) => document.getElementById(id);
const fmt = (n) => Number(n).toLocaleString("en");

export const headshotUrl = (nhlId) => `https://assets.nhle.com/mugs/nhl/latest/${nhlId}.png`;
export const nhlProfileUrl = (nhlId) => `https://www.nhl.com/player/${nhlId}`;

// The initials, with the headshot laid over them when it loads (removed when it cannot).
function portrait(player) {
  const box = el("div", { class: "portrait", "aria-hidden": "true" },
    el("span", { class: "portrait-initials" }, initials(player.name)));
  if (player.nhl_id) {
    const img = el("img", { src: headshotUrl(player.nhl_id), alt: "", width: "96", height: "96", decoding: "async" });
    img.addEventListener("error", () => {
      img.remove();
      box.classList.add("no-photo");
    });
    img.addEventListener("load", () => box.classList.add("has-photo"));
    box.append(img);
  } else {
    box.classList.add("no-photo");
  }
  return box;
}

function bioLine(player) {
  const parts = [positionLabel(player.position)];
  if (player.birth_date) {
    const place = [player.birth_city, player.birth_state, player.birth_country].filter(Boolean).join(", ");
    parts.push(`born ${player.birth_date}${place ? ` in ${place}` : ""}`);
  }
  parts.push(careerSpan(player.first_season, player.last_season));
  if (player.games !== null && player.games !== undefined) parts.push(plural(player.games, "NHL game"));
  return parts.filter(Boolean).join(" · ");
}

function careerTable(player) {
  const hasPlayoffs = player.stints.some((s) => s.playoff_games);
  const head = ["Season", "Team", "Games", "Goals", "Assists", "Points", ...(hasPlayoffs ? ["Playoff games"] : [])];
  const total = { games: 0, goals: 0, assists: 0, points: 0, playoff_games: 0 };
  const rows = player.stints.map((s) => {
    for (const key of Object.keys(total)) total[key] += s[key] || 0;
    return el("tr", {},
      el("td", {}, seasonLabel(s.team_season.season)),
      el("td", {}, s.team_season.name),
      el("td", { class: "num" }, fmt(s.games)),
      el("td", { class: "num" }, fmt(s.goals)),
      el("td", { class: "num" }, fmt(s.assists)),
      el("td", { class: "num" }, fmt(s.points)),
      hasPlayoffs ? el("td", { class: "num" }, fmt(s.playoff_games)) : null);
  });
  const foot = el("tr", {},
    el("th", { scope: "row", colspan: "2" }, `${plural(player.seasons, "season")}`),
    el("td", { class: "num" }, fmt(total.games)),
    el("td", { class: "num" }, fmt(total.goals)),
    el("td", { class: "num" }, fmt(total.assists)),
    el("td", { class: "num" }, fmt(total.points)),
    hasPlayoffs ? el("td", { class: "num" }, fmt(total.playoff_games)) : null);
  return el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Career table (scrolls sideways on a narrow screen)" },
    el("table", { class: "data-table career" },
      el("caption", { class: "sr-only" }, `${player.name}'s career by team-season (regular season)`),
      el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows),
      el("tfoot", {}, foot)));
}

function teammateList(page) {
  if (!page.teammates.length) return el("p", {}, "No NHL teammates in the data.");
  return el("ol", { class: "teammate-list" }, page.teammates.map((t) => {
    const games = t.strength === null || t.strength === undefined
      ? plural(t.seasons.length, "season")
      : `${t.strength_estimated ? "≈" : ""}${plural(t.strength, "game")}`;
    const span = t.seasons.length ? `${seasonLabel(t.seasons[0])}${t.seasons.length > 1 ? ` – ${seasonLabel(t.seasons[t.seasons.length - 1])}` : ""}` : "";
    return el("li", {},
      el("span", { class: "tm-name" }, playerLink(t.player)),
      el("span", { class: "tm-games" }, games),
      el("span", { class: "tm-span" }, span));
  }));
}

// The distance table is a search over the whole graph: a busy server may stop it (503).
async function withRetries(task, attempts = 3) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 503 || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1500 * attempt));
    }
  }
}

function section(id, title, ...children) {
  return el("section", { class: "card player-section", "aria-labelledby": id },
    el("h2", { id }, title), ...children);
}

export class PlayerPage {
  constructor() {
    this.status = $("player-status");
    this.body = $("player-page");
    this.token = 0;
  }

  async loadFromUrl(params) {
    const id = params.get("player");
    const token = ++this.token;
    this.body.hidden = true;
    $("player-title").textContent = "Player";
    setStatus(this.status, "Loading the player…", "busy");
    let player;
    let teammates;
    let hub;
    try {
      [player, teammates, hub] = await Promise.all([
        getJSON(`/players/${encodeURIComponent(id)}`),
        getJSON(`/players/${encodeURIComponent(id)}/teammates`, { limit: TOP_TEAMMATES }),
        getJSON("/stats/centres", { limit: 1 }).then((c) => (c.centres[0] || null)).catch(() => null),
      ]);
    } catch (err) {
      if (token === this.token) setStatus(this.status, describeError(err), "error");
      return;
    }
    if (token !== this.token) return;
    this.canonicalUrl(params, player.id);
    document.title = `${player.name}: puckpath`;
    $("player-title").textContent = player.name;
    setStatus(this.status, "");
    this.render(player, teammates, hub);
    this.loadNumber(player, hub, token);
    this.loadDistances(player, token);
  }

  canonicalUrl(params, id) {
    const canonical = new URLSearchParams(params);
    canonical.set("player", id);
    const url = `/?${canonical}`;
    if (url !== location.pathname + location.search) history.replaceState(history.state, "", url);
  }

  render(player, teammates, hub) {
    const links = [];
    if (player.nhl_id) {
      links.push(el("a", { href: nhlProfileUrl(player.nhl_id), rel: "noopener", target: "_blank" }, "NHL.com profile"));
    }
    const centre = player.centre_rank
      ? el("p", {}, el("strong", {}, `Centre rank #${fmt(player.centre_rank)}`),
        ` of the hockey universe: on average ${player.average_distance} teammate links from every player he is connected to; the farthest is ${plural(player.eccentricity, "link")} away.`)
      : el("p", {}, "No centre rank: he has no teammates in the data.");
    const hubName = hub ? hub.player.name : "the hub";
    this.body.replaceChildren(
      el("div", { class: "player-head card" },
        portrait(player),
        el("div", { class: "player-bio" },
          el("p", { class: "bio-line" }, bioLine(player)),
          el("p", { class: "bio-line" }, `${plural(player.teammates, "NHL teammate")} over ${plural(player.seasons, "season")}`),
          el("p", { class: "player-links" }, links))),
      section("number-title", hub ? `His ${hub.player.name.split(" ").pop()} number` : "His number",
        el("p", { id: "hub-number", class: "hub-number" }, "…"),
        el("p", { class: "hint" }, hub
          ? `The hub is ${hubName}, the centre of the hockey universe (centre rank 1: on average ${hub.average_distance} links from everyone).`
          : "The hub player could not be loaded."),
        centre),
      section("distances-title", "How far everyone is",
        el("div", { id: "distance-chart", class: "chart-slot" }, el("p", { class: "status busy" }, "Counting players at each distance…"))),
      section("teammates-title", "Most games together", el("p", { class: "hint" }, "Exact from 2009-10; ≈: estimated from the season rows before."), teammateList(teammates)),
      section("career-title", "Career by team-season", careerTable(player)));
    this.body.hidden = false;
  }

  async loadNumber(player, hub, token) {
    const node = $("hub-number");
    if (!hub) {
      node.textContent = "Unknown";
      return;
    }
    try {
      const answer = await getJSON(`/players/${encodeURIComponent(player.id)}/distance`, { to_hub: hub.player.id });
      if (token !== this.token) return;
      if (answer.distance === null) {
        node.textContent = `Not connected to ${hub.player.name}.`;
        return;
      }
      const path = `/?from=${encodeURIComponent(player.id)}&to=${encodeURIComponent(hub.player.id)}`;
      node.replaceChildren(
        el("span", { class: "big-number" }, String(answer.distance)),
        " ",
        answer.distance === 0 ? "He is the hub." : el("a", { href: path }, `See the ${plural(answer.distance, "link")} to ${hub.player.name}`));
    } catch (err) {
      if (token === this.token) node.textContent = describeError(err);
    }
  }

  async loadDistances(player, token) {
    const slot = $("distance-chart");
    try {
      const data = await withRetries(() => getJSON(`/players/${encodeURIComponent(player.id)}/distances`));
      if (token !== this.token) return;
      slot.replaceChildren(distanceChart(data, player.name));
    } catch (err) {
      if (token === this.token) slot.replaceChildren(el("p", { class: "status error" }, describeError(err)));
    }
  }
}
