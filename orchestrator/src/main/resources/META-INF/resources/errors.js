// How a failed call is shown: its problem document, or the token form for a 401.
import { setToken } from "./api.js";
import { el } from "./dom.js";

export function showError(e) {
  if (e.status === 401) return askToken(e.message);
  const box = el("div", { class: "error" }, e.message);
  if (e.problem && e.problem.errors && e.problem.errors.length) {
    box.append(el("ul", {}, e.problem.errors.map(x => el("li", {}, el("b", {}, x.field), ": " + x.message))));
  }
  return box;
}

export function askToken(message) {
  const input = el("input", { id: "token", size: 40, placeholder: "API token" });
  return el("div", { class: "panel" },
    el("p", {}, message || "This service needs its API token."),
    el("p", { class: "muted" }, "`clade serve` prints it at first start; it is kept in $CLADE_HOME/api-token."),
    input, " ",
    el("button", { class: "primary", onclick: () => setToken(input.value.trim()) }, "Use token"));
}
