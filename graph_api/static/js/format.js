// Small display helpers shared by the path finder and the battles.

// 19871988 -> "1987-88"; 19992000 -> "1999-00".
export function seasonLabel(season) {
  if (season === null || season === undefined || season === "") return "";
  const text = String(season);
  if (text.length !== 8) return text;
  return `${text.slice(0, 4)}-${text.slice(6)}`;
}

// A start year typed by a person (1987) -> the 8-digit season (19871988).
export function seasonFromYear(year) {
  const y = Number.parseInt(year, 10);
  if (!Number.isFinite(y) || y < 1000 || y > 9998) return null;
  return y * 10000 + (y + 1);
}

export function yearFromSeason(season) {
  const text = String(season || "");
  return text.length === 8 ? text.slice(0, 4) : "";
}

export function careerSpan(first, last) {
  if (!first) return "";
  const a = String(first).slice(0, 4);
  const b = last ? String(last).slice(4, 8) : "";
  return b && b !== String(Number(a) + 1) ? `${a}–${b}` : seasonLabel(first);
}

const POSITIONS = { C: "Center", L: "Left wing", R: "Right wing", D: "Defense", G: "Goalie" };
export const positionLabel = (p) => POSITIONS[p] || p || "";

export function initials(name) {
  const parts = String(name || "?").trim().split(/\s+/);
  const first = parts[0] ? parts[0][0] : "";
  const last = parts.length > 1 ? parts[parts.length - 1][0] : "";
  return (first + last).toUpperCase();
}

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// Create an element: el("li", {class: "x", text: "y"}, child, ...).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function setStatus(node, text, kind = "") {
  node.textContent = text || "";
  node.className = `status ${kind}`.trim();
}
