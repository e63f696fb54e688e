// Page start-up: the tabs (path finder / battle), the data as-of date, and the URL.

import { getJSON } from "./api.js";
import { PathFinder } from "./finder.js";

const finder = new PathFinder();
// The battle code is loaded when the battle view first opens, not with the path finder.
let battles = null;
async function battleView() {
  if (!battles) {
    const { Battles } = await import("./battle.js");
    battles = new Battles();
  }
  return battles;
}

function showTab(name) {
  document.getElementById("finder").hidden = name !== "finder";
  document.getElementById("battle").hidden = name !== "battle";
  for (const tab of document.querySelectorAll(".tab[data-tab]")) {
    if (tab.dataset.tab === name) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  document.title = name === "battle" ? "puckpath battles" : "puckpath: how are two NHL players connected?";
}

function route() {
  const params = new URLSearchParams(location.search);
  const battle = params.get("view") === "battle" || params.has("room");
  showTab(battle ? "battle" : "finder");
  if (battle) battleView().then((view) => view.loadFromUrl(params));
  else finder.loadFromUrl(params);
}

for (const tab of document.querySelectorAll(".tab[data-tab]")) {
  tab.addEventListener("click", (event) => {
    event.preventDefault();
    history.pushState({}, "", tab.getAttribute("href"));
    route();
  });
}
window.addEventListener("popstate", route);

// While the history loads in the background, the footer asks again this often.
const HISTORY_POLL_MS = 15_000;

// The footer's "data as of" line, from /stats/graph (slow on a cold worker: try a few times).
async function showDataAsOf(attempt = 1) {
  const node = document.getElementById("as-of");
  try {
    const stats = await getJSON("/stats/graph");
    const parts = [];
    if (stats.dataset && stats.dataset.data_as_of) parts.push(`Data as of ${stats.dataset.data_as_of}`);
    if (stats.dataset && stats.dataset.refreshed_at) {
      const upTo = stats.dataset.last_game_date ? `, games to ${stats.dataset.last_game_date}` : "";
      parts.push(`refreshed ${stats.dataset.refreshed_at.slice(0, 16).replace("T", " ")} UTC${upTo}`);
    }
    const history = stats.dataset || {};
    const loading = history.history_seasons_total && history.history_seasons_done < history.history_seasons_total;
    if (loading) {
      parts.push(`loading history: ${history.history_seasons_done} of ${history.history_seasons_total} seasons`);
      setTimeout(() => showDataAsOf(), HISTORY_POLL_MS); // follow the background load
    }
    if (stats.players) parts.push(`${Number(stats.players).toLocaleString("en")} players`);
    if (stats.teammate_links) parts.push(`${Number(stats.teammate_links).toLocaleString("en")} teammate pairs`);
    node.textContent = parts.join(" · ");
  } catch {
    if (attempt < 3) setTimeout(() => showDataAsOf(attempt + 1), 2000 * attempt);
  }
}

route();
showDataAsOf();
