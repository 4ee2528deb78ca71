// #/c/<name> : one campaign, redrawn on its live events.
import { api, follow } from "../api.js";
import { chart, treeView } from "../charts.js";
import { islandGrids, modelTable } from "../islands.js";
import { badge, card, el, fmt } from "../dom.js";
import { showError } from "../errors.js";

export async function campaignPage(name) {
  const base = "/api/v1/campaigns/" + encodeURIComponent(name);
  const root = el("div");
  const render = async () => {
    const [c, tree] = await Promise.all([api(base), api(base + "/tree")]);
    const s = c.summary;
    const islands = s.strategy === "islands" ? await api(base + "/islands") : null;
    const act = (what) => async () => {
      try { await api(base + "/" + what, { method: "POST" }); await render(); }
      catch (e) { root.prepend(showError(e)); }
    };
    const buttons = [];
    if (s.state === "running") buttons.push(el("button", { id: "pause", onclick: act("pause") }, "Pause"));
    if (s.state === "paused") buttons.push(el("button", { id: "resume", onclick: act("resume") }, "Resume"));
    if (s.state === "running" || s.state === "paused") buttons.push(el("button", { id: "cancel", onclick: act("cancel") }, "Cancel"));
    root.replaceChildren(
      el("h1", {}, name, badge(s.state), el("span", { class: "actions" }, buttons)),
      el("p", { class: "muted" }, c.spec.goal),
      el("div", { class: "cards" },
        card("Experiments", s.experiments + " / " + s.budget),
        card("Baseline", fmt(s.baselineScore)),
        card("Best" + (s.bestNode !== null ? " (node " + s.bestNode + ")" : ""), fmt(s.bestScore)),
        card("Holdout best", fmt(c.bestHoldout)),
        card("Active", Math.round(s.activeSeconds) + " s"),
        card("LLM", s.llmCalls ? s.llmCalls + " calls, $" + s.costUsd.toFixed(3) : "–"),
        s.nearCopiesRejected ? card("Near-copies not evaluated", String(s.nearCopiesRejected)) : ""),
      el("div", { class: "grid2" },
        el("div", {}, el("h2", {}, "Score over experiments"), el("div", { class: "panel", id: "chart" }, chart(tree, s.maximize))),
        el("div", {}, el("h2", {}, "Archive"), el("div", { class: "panel", id: "tree" }, treeView(name, tree, s.maximize)),
          el("div", { class: "legend" }, "colour: score (green is better) · size: CMP estimate · click a node"))),
      islands ? el("div", {}, el("h2", {}, "Islands"), el("div", { class: "panel" }, islandGrids(name, islands, s.maximize))) : "",
      c.models && c.models.length > 1 ? el("div", {}, el("h2", {}, "Models"), el("div", { class: "panel" }, modelTable(c.models))) : "",
      s.stopReason ? el("p", { class: "muted" }, "Stopped: " + s.stopReason) : "");
  };
  await render();
  // redrawn shortly after each burst of events, and once more after the server's clade.api.live-read-age (1 s by
  // default): a running campaign's tree and report may be served up to that old, so the first redraw can show the
  // state before the last event, and with long evaluations the next event may be minutes away
  let pending = null;
  let trailing = null;
  follow(base + "/events", () => {
    clearTimeout(pending);
    clearTimeout(trailing);
    pending = setTimeout(() => render().catch(() => {}), 300);
    trailing = setTimeout(() => render().catch(() => {}), 1500);
  });
  return root;
}
