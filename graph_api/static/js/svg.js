// Building SVG by hand: svg("rect", {x: 1}, child, ...), like format.js's el() for HTML.

const NS = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.setAttribute("class", value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Shorten a label to about `max` characters ("Wayne Gretzky" -> "W. Gretzky" first).
export function fitLabel(name, max) {
  const text = String(name || "");
  if (text.length <= max) return text;
  const parts = text.split(/\s+/);
  const short = parts.length > 1 ? `${parts[0][0]}. ${parts.slice(1).join(" ")}` : text;
  return short.length <= max ? short : `${short.slice(0, max - 1)}…`;
}
