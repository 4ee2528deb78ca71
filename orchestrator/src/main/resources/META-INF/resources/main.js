// Clade's dashboard: native ES modules, no libraries, no build step, no network beyond this service.
// This entry module is the router: the hash (#/..., see ROUTES) picks the page module that renders into <main id="app">.
import { ApiError, stop } from "./api.js";
import { el } from "./dom.js";
import { showError } from "./errors.js";
import { agentsPage } from "./pages/agents.js";
import { campaignPage } from "./pages/campaign.js";
import { listPage } from "./pages/campaigns.js";
import { knowledgePage, knowledgePagePage } from "./pages/knowledge.js";
import { lessonsPage } from "./pages/lessons.js";
import { newPage } from "./pages/new.js";
import { nodePage } from "./pages/node.js";

const app = document.getElementById("app");

// The first route whose test matches the hash renders it; the list of campaigns is the fallback.
const ROUTES = [
  [/^#\/c\/([^/]+)\/n\/(\d+)$/, m => nodePage(decodeURIComponent(m[1]), m[2])],
  [/^#\/c\/([^/]+)$/, m => campaignPage(decodeURIComponent(m[1]))],
  [h => h === "#/new", () => newPage()],
  [h => h === "#/agents", () => agentsPage()],
  [h => h.startsWith("#/lessons"), () => lessonsPage()],
  [/^#\/knowledge\/p\/(\d+)$/, m => knowledgePagePage(m[1])],
  [h => h.startsWith("#/knowledge"), () => knowledgePage()],
];

function pageFor(h) {
  for (const [test, render] of ROUTES) {
    const m = test instanceof RegExp ? h.match(test) : test(h) ? [h] : null;
    if (m) return render(m);
  }
  return listPage();
}

let routed = 0;

async function route() {
  stop();
  const mine = ++routed; // a slow page that finishes after the user moved on must not replace the newer one
  const h = location.hash || "#/";
  try {
    const page = await pageFor(h);
    if (mine === routed) app.replaceChildren(page);
  } catch (e) {
    if (mine === routed) app.replaceChildren(e instanceof ApiError ? showError(e) : el("div", { class: "error" }, String(e)));
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("clade:token", route); // a token typed in the page (errors.js) shows the page again
route();
