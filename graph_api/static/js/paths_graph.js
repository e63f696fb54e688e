// "All shortest paths" as a picture: the layered graph of every shortest path between two
// players (GET /paths/graph). Players stand in columns by their distance from the start, links
// join consecutive columns (thicker: more shortest paths use it), the strongest path is red.
// Beyond the busiest connectors of a column the rest is summarised under it. Hover or focus
// a player for the evidence of his links; the same facts are in a text alternative.

import { getJSON } from "./api.js";
import { el, plural, seasonLabel } from "./format.js";
import { describeError } from "./path_view.js";
import { fitLabel, svg } from "./svg.js";

export const PER_LAYER = 12;
const NODE_W = 176;
const NODE_H = 30;
const ROW = 40;
const GAP = 80;
const PAD = 16;
const SUMMARY = 26;

const fmt = (n) => Number(n).toLocaleString("en");

export function linkEvidence(link) {
  const seasons = link.team_seasons || [];
  const first = seasons[0] ? `${seasonLabel(seasons[0].season)} ${seasons[0].name}` : "teammates";
  const more = seasons.length > 1 ? ` and ${plural(seasons.length - 1, "more team-season")}` : "";
  let games = "";
  if (link.strength !== null && link.strength !== undefined) {
    games = `, ${plural(link.strength, "game")} together${link.strength_estimated ? " (estimate)" : ""}`;
  }
  return `${first}${more}${games}`;
}

// Order each column by where its players' links come from (fewer crossings); the busiest
// first where that ties.
function arrange(layers, links) {
  const position = new Map();
  const columns = layers.map((layer, d) => {
    let players = layer.players.slice();
    if (d > 0) {
      const centre = (id) => {
        const from = links.filter((l) => l.to_id === id && position.has(l.from_id)).map((l) => position.get(l.from_id));
        return from.length ? from.reduce((a, b) => a + b, 0) / from.length : Infinity;
      };
      players = players
        .map((p, i) => ({ p, key: centre(p.player.id), i }))
        .sort((a, b) => a.key - b.key || a.i - b.i)
        .map((x) => x.p);
    }
    players.forEach((p, i) => position.set(p.player.id, i));
    return { layer, players };
  });
  return columns;
}

export function drawPathGraph(data) {
  const layers = data.layers || [];
  const links = data.links || [];
  const columns = arrange(layers, links);
  const tallest = Math.max(1, ...columns.map((c) => c.players.length));
  const height = PAD * 2 + tallest * ROW + SUMMARY;
  const width = PAD * 2 + columns.length * NODE_W + (columns.length - 1) * GAP;
  const spot = new Map();
  columns.forEach((column, d) => {
    const top = PAD + ((tallest - column.players.length) * ROW) / 2;
    column.players.forEach((p, i) => {
      spot.set(p.player.id, { x: PAD + d * (NODE_W + GAP), y: top + i * ROW, player: p });
    });
  });
  const most = Math.max(1, ...links.map((l) => l.paths_through));
  const names = new Map([...spot.values()].map((s) => [s.player.player.id, s.player.player.name]));
  const evidence = el("p", { class: "graph-evidence", "aria-live": "polite" },
    "Hover or focus a player to see the evidence of his links.");

  const linkNodes = new Map();
  const drawnLinks = links
    .slice()
    .sort((a, b) => Number(a.on_strongest) - Number(b.on_strongest))
    .map((link) => {
      const a = spot.get(link.from_id);
      const b = spot.get(link.to_id);
      const x1 = a.x + NODE_W;
      const y1 = a.y + NODE_H / 2;
      const x2 = b.x;
      const y2 = b.y + NODE_H / 2;
      const mid = (x1 + x2) / 2;
      const text = `${names.get(link.from_id)} – ${names.get(link.to_id)}: ${linkEvidence(link)}; ${plural(link.paths_through, "shortest path")}`;
      const node = svg("path", {
        class: `graph-link${link.on_strongest ? " strongest" : ""}`,
        d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
        "stroke-width": (1.2 + 4.8 * Math.sqrt(link.paths_through / most)).toFixed(2),
        onmouseenter: () => { evidence.textContent = text; },
      }, svg("title", { text }));
      for (const id of [link.from_id, link.to_id]) {
        if (!linkNodes.has(id)) linkNodes.set(id, []);
        linkNodes.get(id).push({ node, link });
      }
      return node;
    });

  const figure = svg("svg", {
    class: "path-graph-svg",
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "group",
    "aria-label": `Every shortest path from ${data.from.name} to ${data.to.name}, as a layered graph`,
  });

  const focus = (id, on) => {
    figure.classList.toggle("focused", on);
    for (const { node } of linkNodes.get(id) || []) node.classList.toggle("active", on);
    if (!on) return;
    const s = spot.get(id);
    const parts = (linkNodes.get(id) || []).map(({ link }) => {
      const other = link.from_id === id ? link.to_id : link.from_id;
      return `${names.get(other)} (${linkEvidence(link)})`;
    });
    evidence.textContent = `${s.player.player.name}: on ${fmt(s.player.paths_through)} of ${plural(data.total_paths, "shortest path")}.` +
      (parts.length ? ` Linked to ${parts.join("; ")}.` : "");
  };

  // Each player is a link named by its <title> (SVG-AAM), which holds the full name and his
  // share of the paths; the text drawn may shorten the name.
  const nodes = [...spot.values()].map((s) => {
    const p = s.player;
    const label = `${p.player.name}: on ${fmt(p.paths_through)} of ${plural(data.total_paths, "shortest path")}${p.on_strongest ? ", on the strongest path" : ""}. Open his page.`;
    return svg("a", {
      href: `/?player=${encodeURIComponent(p.player.id)}`,
      class: `graph-node${p.on_strongest ? " strongest" : ""}`,
      dataset: { playerId: p.player.id, playerLink: "" },
      onmouseenter: () => focus(p.player.id, true),
      onmouseleave: () => focus(p.player.id, false),
      onfocus: () => focus(p.player.id, true),
      onblur: () => focus(p.player.id, false),
    },
    svg("title", { text: label }),
    svg("rect", { x: s.x, y: s.y, width: NODE_W, height: NODE_H, rx: 8 }),
    svg("text", { x: s.x + 10, y: s.y + NODE_H / 2 + 5 }, fitLabel(p.player.name, 16)),
    svg("text", { class: "node-count", x: s.x + NODE_W - 8, y: s.y + NODE_H / 2 + 5, "text-anchor": "end" }, fmt(p.paths_through)));
  });

  const summaries = columns.map((column, d) => {
    const { hidden_players: hidden, hidden_paths: paths } = column.layer;
    if (!hidden) return null;
    return svg("text", { class: "graph-summary", x: PAD + d * (NODE_W + GAP) + NODE_W / 2, y: height - PAD / 2, "text-anchor": "middle" },
      `+${fmt(hidden)} more (${plural(paths, "path")})`);
  });
  figure.append(...drawnLinks, ...nodes, ...summaries.filter(Boolean));

  const caption = `${plural(data.total_paths, "shortest path")} of ${plural(data.length, "link")} from ${data.from.name} to ${data.to.name}. ` +
    "Red: the strongest path. Thicker links and the numbers: how many shortest paths go through them." +
    (layers.some((l) => l.hidden_players) ? ` Each column shows its ${PER_LAYER} busiest connectors; the rest is counted under it.` : "");
  return el("div", { class: "path-graph-body" },
    el("figcaption", { id: "path-graph-caption" }, caption),
    el("div", { class: "graph-scroll", tabindex: "0", role: "region", "aria-label": "The layered graph (scrolls sideways)" }, figure),
    evidence,
    textAlternative(data));
}

// The picture in words: each column's players with their paths, and the strongest path.
function textAlternative(data) {
  const byId = new Map(data.layers.flatMap((l) => l.players.map((p) => [p.player.id, p.player.name])));
  const items = data.layers.map((layer) =>
    el("li", {},
      `${plural(layer.distance, "link")} from ${data.from.name}: `,
      layer.players.map((p) => `${p.player.name} (${fmt(p.paths_through)})`).join(", "),
      layer.hidden_players ? `, and ${fmt(layer.hidden_players)} more on ${plural(layer.hidden_paths, "path")}` : ""));
  return el("details", { class: "as-table" },
    el("summary", {}, "The picture as text"),
    el("p", {}, `Strongest path: ${data.strongest.map((id) => byId.get(id) || id).join(" → ")}.`),
    el("ol", { class: "graph-layers", start: "0" }, items));
}

// Fetch and draw into `container` (a <figure>); the query is the finder's (from, to, constraints).
export async function showPathGraph(container, params) {
  container.hidden = false;
  container.setAttribute("aria-busy", "true");
  container.replaceChildren(el("p", { class: "status busy" }, "Drawing every shortest path…"));
  try {
    const data = await getJSON("/paths/graph", { ...params, per_layer: PER_LAYER });
    if (!data.layers || !data.layers.length) {
      container.hidden = true;
      return;
    }
    container.replaceChildren(drawPathGraph(data));
  } catch (err) {
    container.replaceChildren(el("p", { class: "status error" }, `The picture could not be drawn: ${describeError(err)}`));
  } finally {
    container.removeAttribute("aria-busy");
  }
}
