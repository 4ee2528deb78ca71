// The campaign's SVG drawings: the best score over experiments, and the archive tree.
import { el, fmt, svgEl } from "./dom.js";

/** The colour of a score between lo and hi: red the worst, green the best. */
export function colour(score, lo, hi, maximize) {
  if (score === null || score === undefined) return "#4b5563";
  let t = hi === lo ? 1 : (score - lo) / (hi - lo);
  if (!maximize) t = 1 - t;
  const r = Math.round(248 + (63 - 248) * t), g = Math.round(81 + (185 - 81) * t), b = Math.round(73 + (80 - 73) * t);
  return `rgb(${r},${g},${b})`;
}

const text = (attrs, content) => { const t = svgEl("text", attrs); t.textContent = content; return t; };

export function chart(tree, maximize) {
  const W = 620, H = 300, P = 40;
  const pts = tree.filter(n => n.score !== null).sort((a, b) => a.number - b.number);
  const svg = svgEl("svg", { width: "100%", viewBox: `0 0 ${W} ${H}`, id: "chart-svg" });
  if (pts.length === 0) { svg.append(text({ x: P, y: H / 2 }, "no score yet")); return svg; }
  const xs = tree.map(n => n.number), maxX = Math.max(1, ...xs);
  const ys = pts.map(n => n.score), lo = Math.min(...ys), hi = Math.max(...ys), pad = (hi - lo) * 0.08 || 1;
  const X = (x) => P + (W - 2 * P) * x / maxX, Y = (y) => H - P - (H - 2 * P) * (y - lo + pad) / (hi - lo + 2 * pad);
  svg.append(svgEl("line", { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: "#26303b" }));
  svg.append(svgEl("line", { x1: P, y1: P, x2: P, y2: H - P, stroke: "#26303b" }));
  for (const v of [lo, (lo + hi) / 2, hi]) svg.append(text({ x: 4, y: Y(v) + 4 }, fmt(v)));
  svg.append(text({ x: W - P, y: H - 10, "text-anchor": "end" }, "node"));
  let best = null, path = "";
  for (const n of pts) {
    if (best === null || (maximize ? n.score > best : n.score < best)) best = n.score;
    path += (path ? " L " : "M ") + X(n.number) + " " + Y(best);
  }
  path += " L " + X(maxX) + " " + Y(best);
  svg.append(svgEl("path", { d: path, fill: "none", stroke: "#5aa9e6", "stroke-width": 2 }));
  for (const n of pts) svg.append(svgEl("circle", { cx: X(n.number), cy: Y(n.score), r: 3.5, fill: colour(n.score, lo, hi, maximize), class: "point" }));
  return svg;
}

export function treeView(name, tree, maximize) {
  const kids = new Map();
  for (const n of tree) if (n.parent !== null) { if (!kids.has(n.parent)) kids.set(n.parent, []); kids.get(n.parent).push(n); }
  const pos = new Map(); let row = 0, maxDepth = 0;
  const place = (n, d) => {
    maxDepth = Math.max(maxDepth, d);
    const cs = (kids.get(n.number) || []).sort((a, b) => a.number - b.number);
    if (cs.length === 0) { pos.set(n.number, { d, y: row++ }); return; }
    cs.forEach(c => place(c, d + 1));
    const ys = cs.map(c => pos.get(c.number).y);
    pos.set(n.number, { d, y: (Math.min(...ys) + Math.max(...ys)) / 2 });
  };
  const rootNode = tree.find(n => n.parent === null);
  if (!rootNode) return el("p", { class: "muted" }, "empty archive");
  place(rootNode, 0);
  const W = 620, rowH = 26, H = Math.max(120, row * rowH + 40), colW = Math.min(110, (W - 60) / Math.max(1, maxDepth));
  const scores = tree.filter(n => n.score !== null).map(n => n.score);
  const lo = Math.min(...scores), hi = Math.max(...scores);
  const svg = svgEl("svg", { width: "100%", viewBox: `0 0 ${W} ${H}`, id: "tree-svg" });
  const P = (n) => ({ x: 30 + pos.get(n.number).d * colW, y: 20 + pos.get(n.number).y * rowH });
  for (const n of tree) if (n.parent !== null && pos.has(n.parent)) {
    const a = P(tree.find(m => m.number === n.parent)), b = P(n);
    svg.append(svgEl("path", { d: `M ${a.x} ${a.y} C ${(a.x + b.x) / 2} ${a.y}, ${(a.x + b.x) / 2} ${b.y}, ${b.x} ${b.y}`, fill: "none", stroke: "#26303b" }));
  }
  for (const n of tree) {
    const p = P(n);
    const c = svgEl("circle", { cx: p.x, cy: p.y, r: 5 + 9 * n.cmp, fill: colour(n.score, lo, hi, maximize), class: "node", "data-node": n.number });
    const place = n.island !== null && n.island !== undefined ? ` · island ${n.island}` + (n.cell ? ` cell (${n.cell.join(", ")})` : "") : "";
    const tip = svgEl("title"); tip.textContent = `node ${n.number} · ${n.state} · score ${fmt(n.score)} · CMP ${n.cmp.toFixed(2)}${place}\n${n.idea}`;
    c.append(tip);
    c.addEventListener("click", () => location.hash = "#/c/" + encodeURIComponent(name) + "/n/" + n.number);
    svg.append(c);
    svg.append(text({ x: p.x + 12, y: p.y + 4 }, n.number + (n.score !== null ? "  " + fmt(n.score) : "  " + n.state)));
  }
  return svg;
}
