// The REST API and its live events: the token, fetch wrappers, the EventSource.

const TOKEN_KEY = "clade-token";

// The API token: from #token=... once (clade serve prints such a link), then kept in this browser.
(function takeToken() {
  const m = location.hash.match(/token=([^&]+)/);
  if (m) {
    localStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    history.replaceState(null, "", location.pathname + "#/");
  }
})();

export const token = () => localStorage.getItem(TOKEN_KEY) || "";

/** Keeps a token typed in the page, then tells the router (main.js listens) to show the page again. */
export function setToken(value) {
  localStorage.setItem(TOKEN_KEY, value);
  window.dispatchEvent(new Event("clade:token"));
}

const auth = () => ({ "Authorization": "Bearer " + token() });

export class ApiError extends Error {
  constructor(status, problem) { super(problem.detail || ("HTTP " + status)); this.status = status; this.problem = problem; }
}

/** A JSON call; an error answer throws an ApiError with its problem document. */
export async function api(path, opts = {}) {
  const headers = Object.assign(auth(), opts.headers || {});
  const res = await fetch(path, Object.assign({}, opts, { headers }));
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
  if (!res.ok) throw new ApiError(res.status, body && typeof body === "object" ? body : { detail: text });
  return body;
}

/** A plain GET with the token (logs): the raw Response, whatever its status. */
export const fetchRaw = (path) => fetch(path, { headers: auth() });

// ---- live events: one stream at a time ----

const live = document.getElementById("live");
const KINDS = ["campaign.state", "node.proposed", "evaluation.started", "evaluation.finished", "node.finished",
  "best.changed", "holdout.scored"];
let stream = null;

export function follow(path, onEvent) {
  stop();
  stream = new EventSource(path + "?access_token=" + encodeURIComponent(token()));
  stream.onopen = () => live.classList.add("on");
  stream.onerror = () => live.classList.remove("on");
  for (const kind of KINDS) stream.addEventListener(kind, onEvent);
}

export function stop() { if (stream) { stream.close(); stream = null; live.classList.remove("on"); } }
