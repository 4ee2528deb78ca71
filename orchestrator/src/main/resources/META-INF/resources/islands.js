// Population search on the campaign page: each island's MAP-Elites grid as a heat map (click a cell to open its
// elite), the migrations, and what each model of an ensemble did.
import { el, fmt, svgEl } from "./dom.js";
import { colour } from "./charts.js";

const text = (attrs, content) => { const t = svgEl("text", attrs); t.textContent = content; return t; };

/** One heat map per island over the first two features (a third is folded: a cell shows its best elite). */
export function islandGrids(name, view, maximize) {
  const bins = view.bins, dims = view.features.length;
  const all = view.islands.flatMap(i => i.cells.map(c => c.score));
  const lo = Math.min(...all), hi = Math.max(...all);
  const better = (a, b) => maximize ? a > b : a < b;
  const label = (f) => f.name + (f.min !== null ? ` [${fmt(f.min)}, ${fmt(f.max)}]` : " (no values yet)");
  const grids = view.islands.map(island => {
    const rows = dims >= 2 ? bins : 1, S = Math.max(12, Math.min(28, Math.floor(240 / bins)));
    const svg = svgEl("svg", { width: bins * S + 2, height: rows * S + 2, class: "island-grid", "data-island": island.island });
    const shown = new Map();
    for (const c of island.cells) {
      const key = c.cell[0] + "," + (dims >= 2 ? c.cell[1] : 0);
      if (!shown.has(key) || better(c.score, shown.get(key).score)) shown.set(key, c);
    }
    for (let y = 0; y < rows; y++) for (let x = 0; x < bins; x++) {
      const c = shown.get(x + "," + y);
      const r = svgEl("rect", { x: 1 + x * S, y: 1 + (rows - 1 - y) * S, width: S - 1, height: S - 1,
        fill: c ? colour(c.score, lo, hi, maximize) : "#161c23", class: c ? "cell elite" : "cell" });
      if (c) {
        r.setAttribute("data-node", c.node);
        const tip = svgEl("title"); tip.textContent = `cell (${c.cell.join(", ")}) · node ${c.node} · score ${fmt(c.score)}`;
        r.append(tip);
        r.addEventListener("click", () => location.hash = "#/c/" + encodeURIComponent(name) + "/n/" + c.node);
      }
      svg.append(r);
    }
    return el("div", { class: "island" },
      el("h3", {}, "Island " + island.island),
      el("div", { class: "muted" }, island.nodes + " nodes · " + island.cells.length + " cells · best "
        + (island.bestNode !== null ? "node " + island.bestNode : "–")
        + (island.migrants.length ? " · migrants " + island.migrants.join(", ") : "")),
      svg);
  });
  const migrations = view.migrations.slice(-12).reverse().map(m =>
    el("li", {}, `after ${m.experiments} experiments: island ${m.from} → ${m.to}: node${m.nodes.length > 1 ? "s" : ""} ${m.nodes.join(", ")}`));
  return el("div", { id: "islands" },
    el("p", { class: "muted" }, "x: " + label(view.features[0]) + (dims >= 2 ? " · y: " + label(view.features[1]) : "")
      + (dims === 3 ? " · " + view.features[2].name + " folded (a cell shows its best)" : "")),
    el("div", { class: "islands" }, grids),
    el("h3", {}, "Migrations"),
    migrations.length ? el("ul", { id: "migrations" }, migrations) : el("p", { class: "muted", id: "migrations" }, "none yet"));
}

/** What each model of an ensemble did: calls, dollars, proposals, children that beat their parent. */
export function modelTable(models) {
  return el("table", { id: "models" },
    el("tr", {}, el("th", {}, "model"), el("th", {}, "calls"), el("th", {}, "dollars"), el("th", {}, "proposals"),
      el("th", {}, "improved"), el("th", {}, "mean reward")),
    models.map(m => el("tr", {},
      el("td", {}, m.model), el("td", {}, String(m.calls)), el("td", {}, "$" + m.costUsd.toFixed(4)),
      el("td", {}, String(m.proposals)), el("td", {}, String(m.improvements)), el("td", {}, m.meanReward.toFixed(2)))));
}
