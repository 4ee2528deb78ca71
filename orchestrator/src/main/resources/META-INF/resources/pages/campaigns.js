// #/ : the campaign list.
import { api } from "../api.js";
import { badge, el, fmt } from "../dom.js";

export async function listPage() {
  const page = await api("/api/v1/campaigns?size=200");
  const rows = page.items.map(c => el("tr", {},
    el("td", {}, el("a", { href: "#/c/" + encodeURIComponent(c.name) }, c.name)),
    el("td", {}, badge(c.state)),
    el("td", {}, c.strategy + " · " + c.proposer),
    el("td", { class: "num" }, c.experiments + " / " + c.budget),
    el("td", { class: "num" }, fmt(c.baselineScore)),
    el("td", { class: "num" }, fmt(c.bestScore)),
    el("td", {}, c.bestIdea || ""),
    el("td", { class: "num" }, c.llmCalls ? "$" + c.costUsd.toFixed(3) : "–")));
  return el("div", {},
    el("h1", {}, "Campaigns", el("span", { class: "actions" }, el("button", { class: "primary", onclick: () => location.hash = "#/new" }, "New campaign"))),
    page.items.length === 0 ? el("p", { class: "muted" }, "No campaign yet. Start one from a spec.")
      : el("table", { id: "campaigns" },
          el("thead", {}, el("tr", {}, ["Name", "State", "Search", "Experiments", "Baseline", "Best", "Best idea", "LLM cost"].map(h => el("th", {}, h)))),
          el("tbody", {}, rows)));
}
