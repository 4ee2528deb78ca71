// #/new : start a campaign from a spec.
import { api } from "../api.js";
import { el } from "../dom.js";
import { showError } from "../errors.js";

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

export function newPage() {
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
