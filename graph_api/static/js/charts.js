// The distance chart of a player page: how many players sit at 1, 2, 3 ... links from him
// (GET /players/{id}/distances), as an SVG bar chart with the same numbers in a table.

import { el, plural } from "./format.js";
import { svg } from "./svg.js";

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 28, right: 12, bottom: 40, left: 12 };

const fmt = (n) => Number(n).toLocaleString("en");

// A figure: the chart (role="img", named and described) and a table alternative.
export function distanceChart(data, name) {
  const rows = data.distances || [];
  const most = Math.max(1, ...rows.map((r) => r.players));
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(rows.length, 1);
  const barWidth = Math.min(64, slot * 0.7);
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const summary = rows.map((r) => `${fmt(r.players)} at ${plural(r.distance, "link")}`).join(", ");
  const titleId = `distance-chart-title-${data.player.id}`;
  const descId = `distance-chart-desc-${data.player.id}`;
  const bars = rows.map((r, i) => {
    const h = Math.max(1, (r.players / most) * plotHeight);
    const x = PAD.left + i * slot + (slot - barWidth) / 2;
    const y = PAD.top + plotHeight - h;
    return svg("g", { class: "bar" },
      svg("rect", { x, y, width: barWidth, height: h, rx: 3 },
        svg("title", { text: `${plural(r.distance, "link")}: ${plural(r.players, "player")}` })),
      svg("text", { class: "bar-value", x: x + barWidth / 2, y: y - 6, "text-anchor": "middle" }, fmt(r.players)),
      svg("text", { class: "bar-label", x: x + barWidth / 2, y: HEIGHT - PAD.bottom + 18, "text-anchor": "middle" }, String(r.distance)));
  });
  const chart = svg("svg", {
    class: "distance-chart",
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    "aria-labelledby": `${titleId} ${descId}`,
    preserveAspectRatio: "xMidYMid meet",
  },
  svg("title", { id: titleId, text: `Players at each distance from ${name}` }),
  svg("desc", { id: descId, text: `${summary}.` }),
  svg("line", { class: "axis", x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plotHeight, y2: PAD.top + plotHeight }),
  ...bars,
  svg("text", { class: "axis-title", x: WIDTH / 2, y: HEIGHT - 6, "text-anchor": "middle" }, "teammate links away"));

  const table = el("table", { class: "data-table" },
    el("caption", { class: "sr-only" }, `Players at each distance from ${name}`),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Links"), el("th", { scope: "col" }, "Players"))),
    el("tbody", {}, rows.map((r) => el("tr", {}, el("td", {}, String(r.distance)), el("td", {}, fmt(r.players))))));
  return el("figure", { class: "chart-figure" },
    chart,
    el("figcaption", {},
      `${fmt(data.connected)} players are connected to ${name}; on average ${data.average_distance ?? "–"} links away, the farthest ${plural(data.eccentricity, "link")}.`),
    el("details", { class: "as-table" }, el("summary", {}, "The same numbers as a table"), table));
}
