import { api } from "./api.js";
import { el, clear, $ } from "./dom.js";
import { t, setLang, currentLang, actionLabel } from "./i18n.js";
import { ArticleList } from "./list.js";
import { renderArticle, showWelcome, showPlaceholder } from "./reader.js";

const STATES = ["new", "annotated", "in_review", "approved"];

const app = {
  info: null,
  article: null, // the article in the reader
  list: null,
};

// ---------------------------------------------------------------------------------------------
// Messages

function showError(err) {
  const box = $("#error");
  box.hidden = false;
  clear(box).append(el("strong", {}, err.code ?? "error"), " ", err.message ?? String(err));
}

let toastTimer;
function toast(text) {
  const box = $("#toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), 2500);
}

async function guarded(fn) {
  try {
    $("#error").hidden = true;
    return await fn();
  } catch (err) {
    console.error(err);
    showError(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Language, theme

function applyI18n() {
  const s = t();
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = s[n.dataset.i18n];
  for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = s[n.dataset.i18nPlaceholder];
  for (const n of document.querySelectorAll("[data-i18n-title]")) n.title = s[n.dataset.i18nTitle];
  const state = $("#filter-state");
  const chosen = state.value;
  clear(state).append(el("option", { value: "" }, s.allStates), ...STATES.map((k) => el("option", { value: k }, s.state[k])));
  state.value = chosen;
  clear($("#keys-table")).append(...s.keys.map(([k, what]) => el("tr", {}, el("td", {}, el("kbd", {}, k)), el("td", {}, what))));
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem("galley.theme", theme);
}

// ---------------------------------------------------------------------------------------------
// Dialogs

/** Asks for a line of text (or one of `options`); resolves to the answer or null. */
function prompt(label, value = "", options = null) {
  const dialog = $("#prompt-dialog");
  const form = $("#prompt-form");
  $("#prompt-label").textContent = label;
  let input = $("#prompt-input");
  if (options) {
    const select = el("select", { id: "prompt-input" }, options.map((o) => el("option", { value: o.value }, o.label)));
    input.replaceWith(select);
    input = select;
  } else if (input.tagName !== "INPUT") {
    const fresh = el("input", { id: "prompt-input", autocomplete: "off" });
    input.replaceWith(fresh);
    input = fresh;
  }
  input.value = value;
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => resolve(dialog.returnValue === "ok" ? input.value : null),
      { once: true },
    );
    dialog.showModal();
    input.value = value;
    input.focus();
  });
}

function askProfile() {
  const dialog = $("#profile-dialog");
  return new Promise((resolve) => {
    const form = $("#profile-form");
    const submit = async (e) => {
      e.preventDefault();
      const name = $("#profile-name").value;
      const role = form.querySelector("input[name=role]:checked").value;
      try {
        const person = await api.signIn(name, role);
        form.removeEventListener("submit", submit);
        dialog.close();
        resolve(person);
      } catch (err) {
        showError(err);
      }
    };
    form.addEventListener("submit", submit);
    dialog.addEventListener("cancel", (e) => e.preventDefault());
    dialog.showModal();
    $("#profile-name").focus();
  });
}

function showUser(person) {
  const s = t();
  $("#user").textContent = person ? `${person.name} · ${person.role === "reviewer" ? s.reviewer : s.editor}` : "";
}

function showReport(outcomes) {
  const s = t();
  const body = clear($("#report-body"));
  for (const o of outcomes) {
    if (o.error) {
      body.append(el("p", { class: "report-error" }, `${o.file}: ${o.error.message}`));
      continue;
    }
    const r = o.report;
    body.append(el("h3", {}, `${r.name} — ${r.status}`));
    for (const w of r.warnings) body.append(el("p", { class: "warning" }, w));
    body.append(
      el(
        "ol",
        {},
        r.articles.map((a) =>
          el(
            "li",
            { class: a.confidence < 0.5 ? "low" : "" },
            `${a.title} · ${s.paragraphs(a.paragraphs)} · ${a.source.line ?? s.noSource} · ${s.confidence} ${a.confidence.toFixed(2)}`,
            a.confidence < 0.5 ? el("strong", {}, ` ⚠ ${s.lowConfidence}`) : null,
            ...a.warnings.map((w) => el("div", { class: "warning" }, w)),
          ),
        ),
      ),
    );
  }
  $("#report-dialog").showModal();
}

// ---------------------------------------------------------------------------------------------
// Article, panel

async function openArticle(item) {
  const article = await api.article(item.id);
  app.article = article;
  renderArticle(article, { terms: app.list.terms, actions: fixups });
  $("#panel").hidden = false;
  renderReviewState(article);
  await renderHistory(article.id);
}

function renderReviewState(article) {
  const s = t();
  const box = clear($("#review-state"));
  for (const k of STATES) {
    const b = el("button", { type: "button", class: `state-step ${k === article.review_state ? "current" : ""}`, dataset: { state: k } }, s.state[k]);
    b.addEventListener("click", () => setReviewState(k));
    box.append(b);
  }
}

async function renderHistory(articleId) {
  const s = t();
  const records = await api.history(articleId);
  const list = clear($("#history"));
  if (!records.length) list.append(el("li", { class: "muted" }, s.noHistory));
  for (const r of records) {
    const when = new Date(r.at).toLocaleString(currentLang() === "en" ? "en-GB" : "zh-CN");
    list.append(el("li", { class: r.undo_state === "undone" ? "undone" : "" }, el("span", { class: "who" }, r.actor), " ", actionLabel(r.action), el("div", { class: "muted when" }, when)));
  }
}

async function setReviewState(state) {
  if (!app.article || app.article.review_state === state) return;
  await edit({ op: "set_review_state", article_id: app.article.id, state });
}

async function stepReviewState(step) {
  if (!app.article) return;
  const at = STATES.indexOf(app.article.review_state);
  const next = STATES[at + step];
  if (next) await setReviewState(next);
}

/** Applies a fix-up, then shows its result. */
async function edit(change) {
  const result = await api.edit(change);
  await afterChange(result);
  return result;
}

async function afterChange(result) {
  await app.list.refresh();
  const id = result.article_id ?? app.article?.id;
  if (id != null) await app.list.reselect(id);
}

const fixups = {
  split: (p) =>
    guarded(async () => {
      const title = await prompt(t().split, "");
      if (title === null) return;
      await edit({ op: "split", paragraph_id: p.id, title: title.trim() || null });
    }),
  setRole: (p, role) => guarded(() => edit({ op: "set_role", paragraph_id: p.id, role })),
  moveTo: (p) =>
    guarded(async () => {
      const page = await api.queryArticles({ digest_id: app.article.digest_id }, 0, 1000);
      const options = page.items.filter((a) => a.id !== app.article.id).map((a) => ({ value: String(a.id), label: a.title }));
      if (!options.length) return;
      const to = await prompt(t().moveTo, options[0].value, options);
      if (to === null) return;
      await edit({ op: "move_paragraph", paragraph_id: p.id, to_article: Number(to), position: null });
    }),
};

async function undoRedo(which) {
  const s = t();
  try {
    const change = which === "undo" ? await api.undo() : await api.redo();
    toast(`${which === "undo" ? s.undone : s.redone}${actionLabel(change.action.replace(/^(undo|redo) /, ""))}`);
    await afterChange(change);
  } catch (err) {
    if (err.code === "nothing_to_do") toast(err.message);
    else showError(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Import

let importing = false;

async function runImport(paths) {
  importing = true;
  try {
    await importAndShow(paths);
  } finally {
    importing = false;
  }
}

async function importAndShow(paths) {
  const outcomes = paths ? await api.importPaths(paths) : await api.pickAndImport();
  $("#progress").hidden = true;
  if (!outcomes.length) return;
  await loadDigests();
  await app.list.setFilter(currentFilter());
  const firstNew = outcomes.find((o) => o.report?.articles?.[0]?.id)?.report.articles[0].id;
  if (firstNew) await app.list.reselect(firstNew);
  else await app.list.select(0);
  showReport(outcomes);
}

function showProgress({ done, total, file }) {
  const box = $("#progress");
  if (done >= total && !importing) {
    // An import this window did not start (another part of the app): show its digests.
    box.hidden = true;
    guarded(async () => {
      await loadDigests();
      await app.list.refresh();
    });
    return;
  }
  box.hidden = false;
  box.querySelector(".bar").style.width = `${Math.round((100 * done) / Math.max(total, 1))}%`;
  box.querySelector(".label").textContent = `${t().importing(done, total)} · ${file}`;
}

// ---------------------------------------------------------------------------------------------
// List and filters

function currentFilter() {
  const digest = $("#filter-digest").value;
  const state = $("#filter-state").value;
  const text = $("#search").value.trim();
  return {
    digest_id: digest ? Number(digest) : null,
    review_state: state || null,
    text: text || null,
  };
}

async function loadDigests() {
  const s = t();
  const digests = await api.digests();
  const select = $("#filter-digest");
  const chosen = select.value;
  clear(select).append(
    el("option", { value: "" }, s.allDigests),
    ...digests.map((d) => el("option", { value: String(d.id) }, [d.name, d.date].filter(Boolean).join(" · "))),
  );
  select.value = digests.some((d) => String(d.id) === chosen) ? chosen : "";
  return digests;
}

async function refilter() {
  await app.list.setFilter(currentFilter());
  // Stay on the article being read when it is still in the list.
  if (app.list.total) await app.list.reselect(app.article?.id);
  else showPlaceholder();
}

// ---------------------------------------------------------------------------------------------
// Start

async function start() {
  applyI18n();
  const info = (app.info = await api.appInfo());
  $("#user").title = info.db_path;
  let user = info.user;
  if (!user) user = await askProfile();
  showUser(user);
  if (info.empty && info.sample_if_empty) await api.loadSample();
  const digests = await loadDigests();
  await app.list.setFilter(currentFilter());
  if (!digests.length) {
    showWelcome();
    $("#load-sample").focus();
    return;
  }
  if (app.list.total) await app.list.select(0);
  else showPlaceholder();
}

app.list = new ArticleList($("#list"), {
  onSelect: (item) => guarded(() => openArticle(item)),
  onCount: (n) => ($("#list-count").textContent = t().articles(n)),
});

$("#load-sample").addEventListener("click", () =>
  guarded(async () => {
    $("#load-sample").disabled = true;
    try {
      await api.loadSample();
      await start();
    } finally {
      $("#load-sample").disabled = false;
    }
  }),
);

let searchTimer;
$("#search").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => guarded(refilter), 150);
});
$("#filter-state").addEventListener("change", () => guarded(refilter));
$("#filter-digest").addEventListener("change", () => guarded(refilter));
$("#import").addEventListener("click", () => guarded(() => runImport(null)));
$("#undo").addEventListener("click", () => undoRedo("undo"));
$("#redo").addEventListener("click", () => undoRedo("redo"));
$("#toggle-theme").addEventListener("click", () => applyTheme(document.documentElement.dataset.theme === "dark" ? "light" : "dark"));
$("#toggle-lang").addEventListener("click", () =>
  guarded(async () => {
    setLang(currentLang() === "en" ? "zh" : "en");
    applyI18n();
    showUser(app.info?.user ?? null);
    await loadDigests();
    await app.list.refresh();
    if (app.article) await openArticle(app.article);
  }),
);
$("#show-keys").addEventListener("click", () => $("#keys-dialog").showModal());
$("#edit-title").addEventListener("click", () =>
  guarded(async () => {
    const title = await prompt(t().editTitle, app.article.title);
    if (title !== null && title !== app.article.title) await edit({ op: "set_title", article_id: app.article.id, title });
  }),
);
$("#edit-source").addEventListener("click", () =>
  guarded(async () => {
    const line = await prompt(t().editSource, app.article.source.line ?? "");
    if (line !== null) await edit({ op: "set_source", article_id: app.article.id, line: line.trim() || null });
  }),
);
$("#merge-next").addEventListener("click", () =>
  guarded(async () => {
    const { next } = app.list.itemsAround(app.article.id);
    if (next && next.digest_id === app.article.digest_id) await edit({ op: "merge", into: app.article.id, from: next.id });
  }),
);

api.onImportProgress(showProgress);
api.onFilesDropped((paths) => paths.length && guarded(() => runImport(paths)));

const typing = (t) => t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

document.addEventListener("keydown", (e) => {
  if (document.querySelector("dialog[open]")) return; // dialogs handle their own keys
  if (e.key === "Escape" && e.target === $("#search")) {
    $("#search").value = "";
    $("#search").blur();
    guarded(refilter);
    return;
  }
  if (typing(e.target)) return;
  const key = e.key.toLowerCase();
  if ((e.ctrlKey || e.metaKey) && key === "z") undoRedo(e.shiftKey ? "redo" : "undo");
  else if ((e.ctrlKey || e.metaKey) && key === "y") undoRedo("redo");
  else if (e.ctrlKey || e.metaKey || e.altKey) return;
  else if (key === "j" || e.key === "ArrowDown") guarded(() => app.list.move(1));
  else if (key === "k" || e.key === "ArrowUp") guarded(() => app.list.move(-1));
  else if (e.key === "/") $("#search").focus();
  else if (e.key === "?") $("#keys-dialog").showModal();
  else if (key === "s") guarded(() => stepReviewState(e.shiftKey ? -1 : 1));
  else if (key === "h") $("#history").scrollIntoView({ block: "nearest" });
  else if (key === "i") guarded(() => runImport(null));
  else return;
  e.preventDefault();
});

applyTheme(localStorage.getItem("galley.theme") ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
setLang(currentLang());
guarded(start);
