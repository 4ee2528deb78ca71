// #/knowledge[?q=...&type=...] : search the knowledge base; #/knowledge/p/<id> : one page with its links.
import { api } from "../api.js";
import { el, hashQuery } from "../dom.js";

const PAGE_TYPES = ["workflow", "principle", "implementation", "environment", "heuristic"];

export async function knowledgePage() {
  const q = hashQuery();
  const input = el("input", { id: "knowledge-q", size: 48, placeholder: "search the knowledge base by words or meaning" });
  input.value = q.get("q") || "";
  const type = el("select", { id: "knowledge-type" }, el("option", { value: "" }, "any type"),
    ...PAGE_TYPES.map(t => el("option", { value: t }, t)));
  type.value = q.get("type") || "";
  const go = () => location.hash = "#/knowledge?q=" + encodeURIComponent(input.value) + (type.value ? "&type=" + type.value : "");
  input.addEventListener("keydown", e => { if (e.key === "Enter") go(); });
  const sources = await api("/api/v1/knowledge/sources");
  let results = el("p", { class: "muted" }, sources.length === 0
    ? "The knowledge base is empty: add sources with clade ingest <folder | file | git URL>, or list them under knowledge: in a campaign spec."
    : "Search to see matching pages; pages a matching workflow links to and pages that match an error reach proposals the same way.");
  if (input.value.trim()) {
    const found = await api("/api/v1/knowledge?limit=20&q=" + encodeURIComponent(input.value) + (type.value ? "&type=" + type.value : ""));
    results = found.hits.length === 0 ? el("p", { class: "muted" }, "No page matches.")
      : el("div", { id: "knowledge-hits" }, found.hits.map(h => el("div", { class: "panel hit" },
          el("div", { class: "hit-head" }, el("a", { href: "#/knowledge/p/" + h.id }, h.title), " ", el("span", { class: "badge " + h.type }, h.type),
            el("span", { class: "muted score" }, "relevance " + h.score.toFixed(2))),
          el("div", { class: "muted" }, h.source),
          el("pre", { class: "excerpt" }, h.excerpt))));
  }
  return el("div", {},
    el("h1", {}, "Knowledge"),
    el("p", {}, input, " ", type, " ", el("button", { class: "primary", onclick: go }, "Search")),
    results,
    el("h2", {}, "Sources"),
    sources.length === 0 ? el("p", { class: "muted" }, "None yet.")
      : el("table", { id: "knowledge-sources" }, el("thead", {}, el("tr", {}, ["Source", "Pages", "Left out", "Ingested"].map(h => el("th", {}, h)))),
          el("tbody", {}, sources.map(s => el("tr", {}, el("td", {}, s.location), el("td", { class: "num" }, String(s.pages)),
            el("td", {}, s.skipped.length === 0 ? "–" : s.skipped.map(k => el("div", { class: "muted" }, k.path + ": " + k.reason))),
            el("td", {}, new Date(s.ingestedAt).toLocaleString()))))));
}

export async function knowledgePagePage(id) {
  const p = await api("/api/v1/knowledge/pages/" + id);
  const refs = list => list.length === 0 ? el("p", { class: "muted" }, "None.")
    : el("ul", {}, list.map(r => el("li", {}, el("a", { href: "#/knowledge/p/" + r.id }, r.title), " ", el("span", { class: "badge " + r.type }, r.type))));
  return el("div", {},
    el("h1", {}, el("a", { href: "#/knowledge" }, "Knowledge"), " / " + p.title, el("span", { class: "badge " + p.type }, p.type)),
    el("p", { class: "muted" }, p.source + " · " + p.format + " · " + p.key),
    el("pre", { id: "knowledge-body" }, p.body),
    el("div", { class: "grid2" },
      el("div", {}, el("h2", {}, "Links to"), refs(p.linksTo)),
      el("div", {}, el("h2", {}, "Linked from"), refs(p.linkedFrom))));
}
