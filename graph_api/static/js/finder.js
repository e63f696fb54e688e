// The path finder: two player pickers, constraints, the path as a chain of player cards,
// "another path" (k shortest), "all shortest paths", and a shareable URL for every query.

import { getJSON } from "./api.js";
import { PlayerCombobox } from "./autocomplete.js";
import { el, plural, seasonFromYear, seasonLabel, setStatus, yearFromSeason } from "./format.js";
import { describeError, explainChoice, linkItem, playerCard, weakestLink } from "./path_view.js";
import { showPathGraph } from "./paths_graph.js";
import { searchPlayers } from "./players.js";
import { toPath, toPlayer } from "./shapes.js";

const ALL_LIMIT = 25;
const $ = (id) => document.getElementById(id);

export class PathFinder {
  constructor() {
    this.form = $("path-form");
    this.status = $("path-status");
    this.result = $("path-result");
    this.exclude = [];
    this.paths = [];      // paths shown so far (k shortest), index = this.current
    this.current = 0;
    this.query = null;    // the last query run: {from, to, constraints}
    this.shownKey = "";   // the player ids of the path on show (marks its row in "all")
    this.announcer = $("path-announce");

    this.from = new PlayerCombobox($("from-input"), { search: searchPlayers });
    this.to = new PlayerCombobox($("to-input"), { search: searchPlayers });
    this.excludeBox = new PlayerCombobox($("exclude-input"), {
      search: searchPlayers,
      keepText: false,
      onPick: (player) => this.addExclude(player),
    });

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.findShortest();
    });
    $("swap").addEventListener("click", () => {
      const a = this.from.value;
      const b = this.to.value;
      const aText = this.from.input.value;
      const bText = this.to.input.value;
      this.from.set(b);
      this.to.set(a);
      if (!b) this.from.input.value = bText;
      if (!a) this.to.input.value = aText;
    });
    $("another").addEventListener("click", () => this.another());
    $("all-paths").addEventListener("click", () => this.allShortest());
    $("share").addEventListener("click", () => this.copyLink());
    $("random-pair").addEventListener("click", () => this.randomPair());
    for (const id of ["from-season", "to-season", "min-games"]) {
      $(id).addEventListener("change", () => this.updateConstraintBadge());
    }
  }

  // ---- constraints --------------------------------------------------------------------
  addExclude(player) {
    if (!this.exclude.some((p) => p.id === player.id)) this.exclude.push(player);
    this.renderExclude();
  }

  renderExclude() {
    const chips = this.exclude.map((player, i) =>
      el("li", {},
        player.name,
        el("button", {
          type: "button",
          "aria-label": `Stop excluding ${player.name}`,
          onclick: () => this.removeExclude(player, i),
        }, "×")));
    $("exclude-chips").replaceChildren(...chips);
    this.updateConstraintBadge();
  }

  // Focus goes to the chip that took the removed one's place, else the one before, else
  // the exclude box: never lost to <body>.
  removeExclude(player, index) {
    this.exclude = this.exclude.filter((p) => p.id !== player.id);
    this.renderExclude();
    const buttons = $("exclude-chips").querySelectorAll("button");
    const next = buttons[Math.min(index, buttons.length - 1)];
    (next || $("exclude-input")).focus();
    this.announce(`${player.name} is no longer excluded`);
  }

  // Said by screen readers (a polite live region); not shown.
  announce(text) {
    this.announcer.textContent = "";
    requestAnimationFrame(() => { this.announcer.textContent = text; });
  }

  constraints() {
    const fromSeason = seasonFromYear($("from-season").value);
    const toSeason = seasonFromYear($("to-season").value);
    const minGames = Number.parseInt($("min-games").value, 10);
    return {
      from_season: fromSeason || undefined,
      to_season: toSeason || undefined,
      min_games: Number.isFinite(minGames) && minGames > 0 ? minGames : undefined,
      exclude: this.exclude.map((p) => p.id),
    };
  }

  updateConstraintBadge() {
    const c = this.constraints();
    const count = [c.from_season, c.to_season, c.min_games].filter(Boolean).length + c.exclude.length;
    const badge = $("constraint-count");
    badge.hidden = count === 0;
    badge.textContent = String(count);
    badge.setAttribute("aria-label", `${count} active`);
  }

  apiParams(extra = {}) {
    const c = this.query.constraints;
    return {
      from: this.query.from.id,
      to: this.query.to.id,
      from_season: c.from_season,
      to_season: c.to_season,
      min_games: c.min_games,
      exclude: c.exclude,
      ...extra,
    };
  }

  // ---- queries ------------------------------------------------------------------------
  readPickers() {
    const from = this.from.value;
    const to = this.to.value;
    if (!from || !to) {
      const missing = !from ? this.from.input : this.to.input;
      setStatus(this.status, `Pick the ${!from ? "first" : "second"} player from the suggestions.`, "error");
      missing.focus();
      return null;
    }
    return { from, to, constraints: this.constraints() };
  }

  async findShortest({ push = true, index = 0 } = {}) {
    const query = this.readPickers();
    if (!query) return;
    this.query = query;
    this.paths = [];
    this.current = 0;
    if (index > 0) {
      await this.showKth(index, push);
      return;
    }
    await this.run(async () => {
      const data = await getJSON("/paths/shortest", this.apiParams());
      const path = toPath(data.path);
      if (push) this.pushUrl({});
      if (!path) {
        this.showNoPath(data.reason);
        return;
      }
      this.paths = [path];
      this.renderPath(path, data);
      explainChoice($("result-why"), data, path, this.apiParams());
    });
  }

  async another() {
    if (!this.query) return;
    await this.showKth(this.current + 1, true);
  }

  async showKth(index, push) {
    await this.run(async () => {
      const data = await getJSON("/paths/k", this.apiParams({ k: index + 1 }));
      const paths = (data.paths || []).map(toPath);
      if (!paths.length) {
        this.showNoPath(data.reason);
        return;
      }
      this.paths = paths;
      if (index >= paths.length) {
        setStatus(this.status, `There are only ${plural(paths.length, "different path")} within these constraints.`);
        index = paths.length - 1;
      }
      this.current = index;
      if (push) this.pushUrl({ path: index > 0 ? index + 1 : undefined });
      this.renderPath(paths[index], data, index);
    });
  }

  async allShortest() {
    if (!this.query) return;
    await this.run(async () => {
      const data = await getJSON("/paths/all", this.apiParams({ limit: ALL_LIMIT }));
      const paths = (data.paths || []).map(toPath);
      this.pushUrl({ view: "all" });
      if (!paths.length) {
        this.showNoPath(data.reason);
        return;
      }
      if (!this.paths.length) {
        this.paths = [paths[0]];
        this.renderPath(paths[0], data);
      }
      this.renderAll(paths, data);
      await showPathGraph($("path-graph"), this.apiParams());
    });
  }

  async randomPair() {
    await this.run(async () => {
      const data = await getJSON("/challenges/random", { difficulty: "easy" });
      const from = toPlayer(data.from);
      const to = toPlayer(data.to);
      this.from.set(from);
      this.to.set(to);
    });
    if (this.from.value && this.to.value) await this.findShortest();
  }

  async run(task) {
    setStatus(this.status, "Searching the graph…", "busy");
    this.form.setAttribute("aria-busy", "true");
    try {
      await task();
      if (this.status.classList.contains("busy")) setStatus(this.status, "");
    } catch (err) {
      setStatus(this.status, describeError(err), "error");
    } finally {
      this.form.removeAttribute("aria-busy");
    }
  }

  // ---- rendering ----------------------------------------------------------------------
  showNoPath(reason) {
    this.result.hidden = true;
    const { from, to } = this.query;
    const why = reason ? reason.charAt(0).toUpperCase() + reason.slice(1) : `No path between ${from.name} and ${to.name} within these constraints`;
    setStatus(this.status, `${why}. Try loosening the constraints.`, "error");
  }

  renderPath(path, data, index = 0, { keepAlternatives = false } = {}) {
    const { from, to } = this.query;
    const hops = path.links.length;
    const title = `${from.name} → ${to.name}: ${plural(hops, "link")}`;
    $("result-title").textContent = title;
    this.shownKey = pathKey(path);
    const notes = [];
    if (index > 0) notes.push(`alternative path ${index + 1}, in order of length`);
    const c = this.query.constraints;
    if (c.from_season || c.to_season) notes.push(`seasons ${seasonLabel(c.from_season) || "…"} to ${seasonLabel(c.to_season) || "…"}`);
    if (c.min_games) notes.push(`at least ${plural(c.min_games, "game")} together per link`);
    if (c.exclude.length) notes.push(`excluding ${this.exclude.map((p) => p.name).join(", ")}`);
    $("result-meta").textContent = notes.join(" · ");

    $("result-why").textContent = "";
    delete $("result-why").dataset.token;
    const weak = weakestLink(path);
    const items = [];
    path.players.forEach((player, i) => {
      items.push(playerCard(player, i === 0 || i === path.players.length - 1));
      if (i < path.links.length) items.push(linkItem(path.links[i], player, path.players[i + 1], i === weak));
    });
    $("chain").replaceChildren(...items);
    if (!keepAlternatives) $("alternatives").hidden = true;
    this.result.hidden = false;
    this.announce(`${title}: ${path.players.map((p) => p.name).join(", ")}`);
  }

  renderAll(paths, data) {
    const total = data.total_paths ?? paths.length;
    const shown = paths.length < total ? ` (the first ${paths.length} below)` : "";
    $("alternatives-title").textContent = `${plural(total, "shortest path")} of ${plural(paths[0].links.length, "link")}${shown}`;
    // Each row's name is the names it shows (no aria-label that would hide them); the row
    // of the path on show is marked (aria-current), and a click keeps the focus on its row.
    const items = paths.map((path) =>
      el("li", {},
        el("button", {
          type: "button",
          "aria-current": pathKey(path) === this.shownKey ? "true" : null,
          onclick: (event) => this.showFromList(path, event.currentTarget),
        }, ...path.players.flatMap((p, j) => [
          j ? " " : null, // the accessible name reads "A B C", not "AB C"
          j ? el("span", { class: "arrow", "aria-hidden": "true" }, "→") : null,
          el("span", { class: "name" }, p.name),
        ]))));
    $("alternative-list").replaceChildren(...items);
    $("alternatives").hidden = false;
    this.announce($("alternatives-title").textContent);
  }

  showFromList(path, button) {
    this.renderPath(path, null, 0, { keepAlternatives: true });
    for (const row of $("alternative-list").querySelectorAll("button")) {
      if (row === button) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    }
    button.focus({ preventScroll: true });
    $("chain").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  // ---- URL ----------------------------------------------------------------------------
  pushUrl(extra) {
    const c = this.query.constraints;
    const params = new URLSearchParams();
    params.set("from", this.query.from.id);
    params.set("to", this.query.to.id);
    if (c.from_season) params.set("from_season", c.from_season);
    if (c.to_season) params.set("to_season", c.to_season);
    if (c.min_games) params.set("min_games", c.min_games);
    c.exclude.forEach((id) => params.append("exclude", id));
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
    const url = `/?${params}`;
    if (url !== location.pathname + location.search) history.pushState({ finder: true }, "", url);
  }

  async loadFromUrl(params) {
    const fromId = params.get("from");
    const toId = params.get("to");
    if (!fromId || !toId) return;
    $("from-season").value = yearFromSeason(params.get("from_season"));
    $("to-season").value = yearFromSeason(params.get("to_season"));
    $("min-games").value = params.get("min_games") || "";
    const excludeIds = params.getAll("exclude");
    if (params.get("from_season") || params.get("to_season") || params.get("min_games") || excludeIds.length) {
      $("constraints").open = true;
    }
    try {
      const [from, to, ...excluded] = await Promise.all([fromId, toId, ...excludeIds].map(fetchPlayer));
      this.from.set(from);
      this.to.set(to);
      this.exclude = excluded;
      this.renderExclude();
      this.canonicalUrl(params, from, to, excluded);
    } catch (err) {
      setStatus(this.status, describeError(err), "error");
      return;
    }
    const index = Math.max(0, (Number.parseInt(params.get("path"), 10) || 1) - 1);
    await this.findShortest({ push: false, index });
    if (params.get("view") === "all") await this.allShortest();
  }

  // An old link may name players by their Hockey Databank ids (?from=gretzwa01): the API
  // answers with canonical ids, and the address bar shows those (same history entry).
  canonicalUrl(params, from, to, excluded) {
    const canonical = new URLSearchParams(params);
    canonical.set("from", from.id);
    canonical.set("to", to.id);
    canonical.delete("exclude");
    excluded.forEach((player) => canonical.append("exclude", player.id));
    const url = `/?${canonical}`;
    if (url !== location.pathname + location.search) history.replaceState(history.state, "", url);
  }

  async copyLink() {
    const note = $("share-note");
    try {
      await navigator.clipboard.writeText(location.href);
      note.textContent = "Link copied";
    } catch {
      note.textContent = location.href;
    }
    setTimeout(() => { note.textContent = ""; }, 4000);
  }
}

const pathKey = (path) => path.players.map((p) => p.id).join(" ");

async function fetchPlayer(id) {
  const data = await getJSON(`/players/${encodeURIComponent(id)}`);
  return toPlayer(data);
}
