// #/c/<name>/n/<number> : one node, its diff, stages, logs and lessons.
import { api, fetchRaw } from "../api.js";
import { badge, card, el, fmt } from "../dom.js";
import { lessonTable } from "./lessons.js";

function diffView(diff) {
  if (!diff) return el("p", { class: "muted" }, "No diff (the root, or nothing committed).");
  const pre = el("pre", { class: "diff", id: "diff" });
  for (const line of diff.split("\n")) {
    const cls = line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ") ? "file"
      : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : "";
    pre.append(el("span", { class: cls }, line), "\n");
  }
  return pre;
}

export async function nodePage(name, number) {
  const base = `/api/v1/campaigns/${encodeURIComponent(name)}/nodes/${number}`;
  const n = await api(base);
  const logBox = el("pre", { id: "log", hidden: "" });
  const showLog = (id, stream) => async () => {
    const res = await fetchRaw(`${base}/logs/${id}/${stream}`);
    logBox.textContent = res.ok ? await res.text() : "(log not available: HTTP " + res.status + ")";
    logBox.removeAttribute("hidden");
  };
  const stages = n.stages.map(s => el("tr", {},
    el("td", {}, s.task), el("td", {}, s.stage + (s.holdout ? " (holdout)" : "")),
    el("td", {}, badge(s.outcome.toLowerCase())), el("td", { class: "num" }, fmt(s.score)),
    el("td", {}, s.feedback || s.reason || ""),
    el("td", { class: "metrics" }, Object.entries(s.metrics || {}).map(([k, v]) => k + " " + fmt(typeof v === "number" ? v : JSON.stringify(v))).join(" · ")),
    el("td", { class: "num" }, s.durationMillis + " ms"),
    el("td", {}, el("a", { href: "javascript:void 0", onclick: showLog(s.id, "stdout") }, "stdout"), " ",
      el("a", { href: "javascript:void 0", onclick: showLog(s.id, "stderr") }, "stderr"))));
  const meta = Object.entries(n.meta).map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v)));
  return el("div", {},
    el("h1", {}, el("a", { href: "#/c/" + encodeURIComponent(name) }, name), " / node " + n.number, badge(n.state)),
    el("div", { class: "cards" },
      card("Score", fmt(n.score)), card("Parent", n.parent === null ? "–" : String(n.parent)),
      card("Operator", n.operator), card("Evaluations", String(n.evaluations))),
    el("h2", {}, "Idea"), el("pre", { id: "idea" }, n.idea || "(none)"),
    n.reason ? el("p", { class: "error" }, n.reason) : "",
    el("h2", {}, "Diff against its parent"), diffView(n.diff),
    el("h2", {}, "Stages"),
    el("table", {}, el("thead", {}, el("tr", {}, ["Task", "Stage", "Outcome", "Score", "Feedback", "Metrics", "Time", "Logs"].map(h => el("th", {}, h)))), el("tbody", {}, stages)),
    logBox,
    el("h2", {}, "Lessons it produced"), lessonTable(n.lessons, "node-lessons"),
    meta.length ? el("div", {}, el("h2", {}, "Proposer's notes"), el("table", {}, el("tbody", {}, meta))) : "",
    n.branch ? el("p", { class: "muted" }, "Branch " + n.branch + " at " + (n.commit || "").slice(0, 12)) : "");
}
