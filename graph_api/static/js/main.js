// Page start-up: the tabs (path finder / battle), the data as-of date, and the URL.

import { getJSON } from "./api.js";
import { PathFinder } from "./finder.js";
import { PlayerPage } from "./player_page.js";

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
const playerPage = new PlayerPage();

function showTab(name) {
  document.getElementById("finder").hidden = name !== "finder";
  document.getElementById("battle").hidden = name !== "battle";
  document.getElementById("daily").hidden = name !== "daily";
  document.getElementById("player").hidden = name !== "player";
  for (const tab of document.querySelectorAll(".tab[data-tab]")) {
    if (tab.dataset.tab === name) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  document.title = name === "battle" ? "puckpath battles" : "puckpath: how are two NHL players connected?";
  if (name === "daily") document.title = "puckpath daily puzzle";
}

// The daily puzzle's code is loaded the first time its tab opens.
let daily = null;
function showDaily() {
  if (!daily) daily = import("./daily.js").then(({ DailyPuzzle }) => {
    const puzzle = new DailyPuzzle();
    puzzle.load();
    return puzzle;
  });
}

function route() {
  const params = new URLSearchParams(location.search);
  if (params.has("player")) {
    showTab("player");
    playerPage.loadFromUrl(params);
    return;
  }
  if (params.get("view") === "daily") {
    showTab("daily");
    showDaily();
    return;
  }
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
// Links to player pages (path cards, the path picture, teammates) open without a reload.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[data-player-link]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  history.pushState({}, "", link.getAttribute("href"));
  route();
  window.scrollTo(0, 0);
  document.getElementById("player-title").focus();
});

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
