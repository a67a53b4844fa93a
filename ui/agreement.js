// The agreement report: how far the people who labelled the same articles agree (κ).
// Computed by the core (`agreement`); this module only lays it out, with textContent.

import { api } from "./api.js";
import { $, clear, el } from "./dom.js";
import { currentLang, t } from "./i18n.js";

/** κ to two places, or a dash where it is undefined (everyone gave one label). */
const kappa = (k) => (k === null || k === undefined ? "—" : k.toFixed(2));
const share = (x) => `${Math.round(x * 100)}%`;

/** Landis and Koch's words for a κ, in the interface's language. */
function strength(k) {
  if (k === null || k === undefined) return t().kappaUndefined;
  const words = t().kappaWords;
  const steps = [0, 0.2, 0.4, 0.6, 0.8];
  let i = 0;
  while (i < steps.length && k > steps[i]) i++;
  return words[i];
}

function labelName(entry) {
  if (entry.kind === "sentiment") return t().sentiment;
  const [zh, en] = entry.name;
  const name = currentLang() === "en" ? en || zh : zh || en;
  return `${t().topic} ${name || entry.label}`;
}

function row(entry) {
  return el(
    "tr",
    { class: "label-row" },
    el("th", { scope: "row" }, labelName(entry)),
    el("td", {}, String(entry.items)),
    el("td", {}, entry.raters.join("、")),
    el("td", {}, share(entry.observed)),
    el("td", { class: "kappa" }, kappa(entry.fleiss)),
    el("td", { class: "muted" }, strength(entry.fleiss)),
  );
}

function pairRow(pair) {
  return el(
    "tr",
    { class: "pair-row" },
    el("td", { class: "pair" }, `${pair.a} / ${pair.b}`),
    el("td", {}, String(pair.items)),
    el("td", {}),
    el("td", {}, share(pair.observed)),
    el("td", { class: "kappa" }, kappa(pair.cohen)),
    el("td", { class: "muted" }, strength(pair.cohen)),
  );
}

function table(report) {
  const s = t();
  const head = el("tr", {}, [s.agreementLabel, s.agreementItems, s.agreementRaters, s.agreementObserved, "κ", ""].map((h) => el("th", { scope: "col" }, h)));
  const rows = report.labels.flatMap((entry) => [row(entry), ...entry.pairs.map(pairRow)]);
  return el("table", { class: "agreement" }, el("thead", {}, head), el("tbody", {}, rows));
}

/** Opens the report over one digest (or every article when `digestId` is null). */
export async function showAgreement(digestId) {
  const report = await api.agreement(digestId);
  const body = clear($("#agreement-body"));
  body.append(el("p", { class: "muted" }, digestId ? t().agreementScopeDigest : t().agreementScopeAll));
  if (!report.labels.length) body.append(el("p", { class: "placeholder" }, t().agreementNone));
  else body.append(table(report), el("p", { class: "muted small" }, t().agreementHow));
  $("#agreement-dialog").showModal();
}
