// #/agents : the agent versions made by self-improvement campaigns.
import { api } from "../api.js";
import { badge, el, fmt } from "../dom.js";

export async function agentsPage() {
  const agents = await api("/api/v1/agents");
  return el("div", {},
    el("h1", {}, "Agents"),
    el("p", { class: "muted" }, "Versions of the coding agent made by self-improvement campaigns (proposer.kind: self), best first."),
    agents.length === 0 ? el("p", { class: "muted" }, "No self-improvement campaign yet.")
      : el("table", {}, el("thead", {}, el("tr", {}, ["Campaign", "Node", "Parent", "State", "Score", "Tasks", "Idea"].map(h => el("th", {}, h)))),
          el("tbody", {}, agents.map(a => el("tr", {},
            el("td", {}, a.campaign), el("td", {}, el("a", { href: `#/c/${encodeURIComponent(a.campaign)}/n/${a.node}` }, String(a.node))),
            el("td", {}, a.parent === null ? "–" : String(a.parent)), el("td", {}, badge(a.state)),
            el("td", { class: "num" }, fmt(a.score)), el("td", { class: "num" }, String(a.tasksEvaluated)), el("td", {}, a.idea))))));
}
