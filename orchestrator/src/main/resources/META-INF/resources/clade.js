// Clade's dashboard: plain JavaScript, no libraries, no network beyond this service.
"use strict";

const app = document.getElementById("app");
const live = document.getElementById("live");
let stream = null;

// The API token: from #token=... once (clade serve prints such a link), then kept in this browser.
(function takeToken() {
  const m = location.hash.match(/token=([^&]+)/);
  if (m) {
    localStorage.setItem("clade-token", decodeURIComponent(m[1]));
    history.replaceState(null, "", location.pathname + "#/");
  }
})();
const token = () => localStorage.getItem("clade-token") || "";

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "onclick") e.onclick = v; else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
}
const svgEl = (tag, attrs = {}) => {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
const fmt = (x) => x === null || x === undefined ? "–"
  : Math.abs(x) >= 1000 || Number.isInteger(x) ? String(x) : Number(x).toPrecision(5).replace(/\.?0+$/, "");
const badge = (s) => el("span", { class: "badge " + s }, s);

class ApiError extends Error {
  constructor(status, problem) { super(problem.detail || ("HTTP " + status)); this.status = status; this.problem = problem; }
}

async function api(path, opts = {}) {
  const headers = Object.assign({ "Authorization": "Bearer " + token() }, opts.headers || {});
  const res = await fetch(path, Object.assign({}, opts, { headers }));
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
  if (!res.ok) throw new ApiError(res.status, body && typeof body === "object" ? body : { detail: text });
  return body;
}

function showError(e) {
  if (e.status === 401) return askToken(e.message);
  const box = el("div", { class: "error" }, e.message);
  if (e.problem && e.problem.errors && e.problem.errors.length) {
    box.append(el("ul", {}, e.problem.errors.map(x => el("li", {}, el("b", {}, x.field), ": " + x.message))));
  }
  return box;
}

function askToken(message) {
  const input = el("input", { id: "token", size: 40, placeholder: "API token" });
  return el("div", { class: "panel" },
    el("p", {}, message || "This service needs its API token."),
    el("p", { class: "muted" }, "`clade serve` prints it at first start; it is kept in $CLADE_HOME/api-token."),
    input, " ",
    el("button", { class: "primary", onclick: () => { localStorage.setItem("clade-token", input.value.trim()); route(); } }, "Use token"));
}

// ---- pages ----

async function listPage() {
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

const EXAMPLE = `name: my-campaign
goal: Shorten the tours found by the solver
target:
  repo: /absolute/path/to/repository
  editable: ["solver.py"]
evaluator:
  direction: minimize
  stages:
    - name: full
      command: python3 evaluate.py
      timeout: 60s
strategy:
  kind: greedy
budget:
  experiments: 20
parallelism: 2
`;

function newPage() {
  const text = el("textarea", { id: "spec", spellcheck: "false" });
  text.value = EXAMPLE;
  const out = el("div");
  const start = async () => {
    out.replaceChildren();
    const body = text.value.trim();
    const json = body.startsWith("{");
    try {
      const c = await api("/api/v1/campaigns", { method: "POST", body,
        headers: { "Content-Type": json ? "application/json" : "application/yaml" } });
      location.hash = "#/c/" + encodeURIComponent(c.name);
    } catch (e) { out.append(showError(e)); }
  };
  return el("div", {},
    el("h1", {}, "New campaign"),
    el("p", { class: "muted" }, "The campaign spec, in YAML or JSON, as for `clade run` (paths absolute)."),
    text, out,
    el("p", {}, el("button", { class: "primary", id: "start", onclick: start }, "Start campaign")));
}

async function campaignPage(name) {
  const root = el("div");
  const render = async () => {
    const [c, tree] = await Promise.all([
      api("/api/v1/campaigns/" + encodeURIComponent(name)),
      api("/api/v1/campaigns/" + encodeURIComponent(name) + "/tree")]);
    const s = c.summary;
    const act = (what) => async () => {
      try { await api("/api/v1/campaigns/" + encodeURIComponent(name) + "/" + what, { method: "POST" }); await render(); }
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
        card("LLM", s.llmCalls ? s.llmCalls + " calls, $" + s.costUsd.toFixed(3) : "–")),
      el("div", { class: "grid2" },
        el("div", {}, el("h2", {}, "Score over experiments"), el("div", { class: "panel", id: "chart" }, chart(tree, s.maximize))),
        el("div", {}, el("h2", {}, "Archive"), el("div", { class: "panel", id: "tree" }, treeView(name, tree, s.maximize)),
          el("div", { class: "legend" }, "colour: score (green is better) · size: CMP estimate · click a node"))),
      s.stopReason ? el("p", { class: "muted" }, "Stopped: " + s.stopReason) : "");
  };
  await render();
  let pending = null;
  follow("/api/v1/campaigns/" + encodeURIComponent(name) + "/events", () => {
    clearTimeout(pending);
    pending = setTimeout(() => render().catch(() => {}), 300);
  });
  return root;
}

function card(k, v) { return el("div", { class: "card" }, el("div", { class: "k" }, k), el("div", { class: "v" }, v)); }

function colour(score, lo, hi, maximize) {
  if (score === null || score === undefined) return "#4b5563";
  let t = hi === lo ? 1 : (score - lo) / (hi - lo);
  if (!maximize) t = 1 - t;
  const r = Math.round(248 + (63 - 248) * t), g = Math.round(81 + (185 - 81) * t), b = Math.round(73 + (80 - 73) * t);
  return `rgb(${r},${g},${b})`;
}

function chart(tree, maximize) {
  const W = 620, H = 300, P = 40;
  const pts = tree.filter(n => n.score !== null).sort((a, b) => a.number - b.number);
  const svg = svgEl("svg", { width: "100%", viewBox: `0 0 ${W} ${H}`, id: "chart-svg" });
  if (pts.length === 0) { const t = svgEl("text", { x: P, y: H / 2 }); t.textContent = "no score yet"; svg.append(t); return svg; }
  const xs = tree.map(n => n.number), maxX = Math.max(1, ...xs);
  const ys = pts.map(n => n.score), lo = Math.min(...ys), hi = Math.max(...ys), pad = (hi - lo) * 0.08 || 1;
  const X = (x) => P + (W - 2 * P) * x / maxX, Y = (y) => H - P - (H - 2 * P) * (y - lo + pad) / (hi - lo + 2 * pad);
  svg.append(svgEl("line", { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: "#26303b" }));
  svg.append(svgEl("line", { x1: P, y1: P, x2: P, y2: H - P, stroke: "#26303b" }));
  for (const v of [lo, (lo + hi) / 2, hi]) { const t = svgEl("text", { x: 4, y: Y(v) + 4 }); t.textContent = fmt(v); svg.append(t); }
  const lab = svgEl("text", { x: W - P, y: H - 10, "text-anchor": "end" }); lab.textContent = "node"; svg.append(lab);
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

function treeView(name, tree, maximize) {
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
    const tip = svgEl("title"); tip.textContent = `node ${n.number} · ${n.state} · score ${fmt(n.score)} · CMP ${n.cmp.toFixed(2)}\n${n.idea}`;
    c.append(tip);
    c.addEventListener("click", () => location.hash = "#/c/" + encodeURIComponent(name) + "/n/" + n.number);
    svg.append(c);
    const t = svgEl("text", { x: p.x + 12, y: p.y + 4 }); t.textContent = n.number + (n.score !== null ? "  " + fmt(n.score) : "  " + n.state);
    svg.append(t);
  }
  return svg;
}

async function nodePage(name, number) {
  const n = await api(`/api/v1/campaigns/${encodeURIComponent(name)}/nodes/${number}`);
  const logBox = el("pre", { id: "log", hidden: "" });
  const showLog = (id, stream) => async () => {
    const res = await fetch(`/api/v1/campaigns/${encodeURIComponent(name)}/nodes/${number}/logs/${id}/${stream}`,
      { headers: { "Authorization": "Bearer " + token() } });
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

function lessonTable(lessons, id) {
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

async function lessonsPage() {
  const q = new URLSearchParams(location.hash.split("?")[1] || "");
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

async function agentsPage() {
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

const PAGE_TYPES = ["workflow", "principle", "implementation", "environment", "heuristic"];

async function knowledgePage() {
  const q = new URLSearchParams(location.hash.split("?")[1] || "");
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

async function knowledgePagePage(id) {
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

// ---- live events and routing ----

function follow(path, onEvent) {
  stop();
  stream = new EventSource(path + "?access_token=" + encodeURIComponent(token()));
  stream.onopen = () => live.classList.add("on");
  stream.onerror = () => live.classList.remove("on");
  for (const kind of ["campaign.state", "node.proposed", "evaluation.started", "evaluation.finished", "node.finished", "best.changed", "holdout.scored"]) {
    stream.addEventListener(kind, onEvent);
  }
}
function stop() { if (stream) { stream.close(); stream = null; live.classList.remove("on"); } }

let routed = 0;

async function route() {
  stop();
  const mine = ++routed; // a slow page that finishes after the user moved on must not replace the newer one
  const h = location.hash || "#/";
  let m;
  try {
    let page;
    if ((m = h.match(/^#\/c\/([^/]+)\/n\/(\d+)$/))) page = await nodePage(decodeURIComponent(m[1]), m[2]);
    else if ((m = h.match(/^#\/c\/([^/]+)$/))) page = await campaignPage(decodeURIComponent(m[1]));
    else if (h === "#/new") page = newPage();
    else if (h === "#/agents") page = await agentsPage();
    else if (h.startsWith("#/lessons")) page = await lessonsPage();
    else if ((m = h.match(/^#\/knowledge\/p\/(\d+)$/))) page = await knowledgePagePage(m[1]);
    else if (h.startsWith("#/knowledge")) page = await knowledgePage();
    else page = await listPage();
    if (mine === routed) app.replaceChildren(page);
  } catch (e) {
    if (mine === routed) app.replaceChildren(e instanceof ApiError ? showError(e) : el("div", { class: "error" }, String(e)));
  }
}
window.addEventListener("hashchange", route);
route();
