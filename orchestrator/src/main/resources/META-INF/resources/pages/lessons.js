// #/lessons[?q=...] : the lessons, searched as recall does; lessonTable is also the node page's.
import { api } from "../api.js";
import { el, hashQuery } from "../dom.js";

export function lessonTable(lessons, id) {
  if (!lessons || lessons.length === 0) return el("p", { class: "muted" }, "No lessons.");
  return el("table", { id }, el("thead", {}, el("tr", {}, ["Kind", "Sign", "Confidence", "Helped", "Trigger", "Lesson", "Fix", "Evidence"].map(h => el("th", {}, h)))),
    el("tbody", {}, lessons.map(l => el("tr", {},
      el("td", {}, l.kind.replace(/_/g, " "), l.campaign === null ? el("div", { class: "muted" }, "global") : ""),
      el("td", { class: "num" }, (l.outcomeSign > 0 ? "+" : "") + l.outcomeSign),
      el("td", { class: "num" }, l.confidence.toFixed(2)),
      el("td", { class: "num", title: "children that improved / proposals given the lesson" }, l.timesUsed ? l.timesHelpful + "/" + l.timesUsed : "–"),
      el("td", {}, l.trigger), el("td", {}, l.lesson),
      el("td", {}, l.suggestedFix, l.limit ? el("div", { class: "muted" }, "bound: " + l.limit) : ""),
      el("td", {}, l.evidence.slice(0, 6).map(e => el("a", { href: `#/c/${encodeURIComponent(e.campaign)}/n/${e.node}` }, e.campaign + "#" + e.node + " ")),
        l.evidence.length > 6 ? "+" + (l.evidence.length - 6) : "")))));
}

export async function lessonsPage() {
  const q = hashQuery();
  const input = el("input", { id: "lesson-q", size: 40, placeholder: "e.g. out of memory, or learning rate up" });
  input.value = q.get("q") || "";
  const page = await api("/api/v1/lessons?size=200" + (input.value ? "&q=" + encodeURIComponent(input.value) : ""));
  return el("div", {},
    el("h1", {}, "Lessons"),
    el("p", { class: "muted" }, "Distilled after every evaluated node: error signatures and parameter effects, merged with their near-duplicates. Search finds lessons by words and meaning, as proposals recall them."),
    el("p", {}, input, " ", el("button", { onclick: () => location.hash = "#/lessons?q=" + encodeURIComponent(input.value) }, "Search")),
    lessonTable(page.items, "lessons"),
    page.total > page.items.length ? el("p", { class: "muted" }, (page.total - page.items.length) + " more") : "");
}
