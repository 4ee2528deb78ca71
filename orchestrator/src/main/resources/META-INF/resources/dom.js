// Small DOM helpers. Every server-provided string reaches the page as a text node or an attribute value
// (createTextNode, textContent, setAttribute), never as HTML: nothing here parses markup.

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "onclick") { if (v) e.addEventListener("click", v); } else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
}

export function svgEl(tag, attrs = {}) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export const fmt = (x) => x === null || x === undefined ? "–"
  : Math.abs(x) >= 1000 || Number.isInteger(x) ? String(x) : Number(x).toPrecision(5).replace(/\.?0+$/, "");

export const badge = (s) => el("span", { class: "badge " + s }, s);

export function card(k, v) { return el("div", { class: "card" }, el("div", { class: "k" }, k), el("div", { class: "v" }, v)); }

// The query part of the hash route (#/lessons?q=...).
export const hashQuery = () => new URLSearchParams(location.hash.split("?")[1] || "");
