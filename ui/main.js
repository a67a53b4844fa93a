import { api, inDesktop, transport } from "./api.js";
import { el, clear, $ } from "./dom.js";
import { t, setLang, currentLang, actionLabel, warningText } from "./i18n.js";
import { ArticleList } from "./list.js";
import { renderArticle, showWelcome, showPlaceholder } from "./reader.js";
import { renderAnnotations, topicOptions } from "./annotations.js";
import { ReviewQueue } from "./review.js";
import { PageView } from "./pageview.js";
import { showAgreement } from "./agreement.js";
import { selectedSpan } from "./spans.js";
import { claimStatuses, isLowConfidence, loadVocabulary, vocabulary } from "./vocabulary.js";

/** The review states in workflow order, as the backend defines them. */
const states = () => vocabulary().review_states;

const app = {
  info: null,
  article: null, // the article in the reader
  annotations: null, // its annotations
  list: null,
  mode: "edit", // or "review"
  queue: null,
  page: null, // the page view
  paging: false, // the page view is open
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

async function fillFilters() {
  const s = t();
  const en = currentLang() === "en";
  const keep = (sel, fill) => {
    const chosen = sel.value;
    fill(clear(sel));
    sel.value = chosen;
  };
  const topics = await api.topics();
  keep($("#filter-topic"), (sel) =>
    sel.append(el("option", { value: "" }, s.anyTopic), ...topics.filter((x) => !x.retired_at).map((x) => el("option", { value: x.code }, en ? x.label_en : x.label_zh))),
  );
  keep($("#filter-sentiment"), (sel) =>
    sel.append(el("option", { value: "" }, s.anySentiment), ...vocabulary().sentiment_labels.map((k) => el("option", { value: k }, s.sentimentLabels[k] ?? k))),
  );
  keep($("#filter-claims"), (sel) =>
    sel.append(el("option", { value: "" }, s.anyClaims), ...claimStatuses().map((k) => el("option", { value: k }, s.statuses[k] ?? k))),
  );
}

/** The fixed texts of the page, in the chosen language. */
function applyTexts() {
  const s = t();
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = s[n.dataset.i18n];
  for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = s[n.dataset.i18nPlaceholder];
  for (const n of document.querySelectorAll("[data-i18n-title]")) n.title = s[n.dataset.i18nTitle];
}

function applyI18n() {
  const s = t();
  applyTexts();
  const state = $("#filter-state");
  const chosen = state.value;
  clear(state).append(el("option", { value: "" }, s.allStates), ...states().map((k) => el("option", { value: k }, s.state[k])));
  state.value = chosen;
  clear($("#keys-table")).append(...s.keys.map(([k, what]) => el("tr", {}, el("td", {}, el("kbd", {}, k)), el("td", {}, what))));
  showWorkspaceSwitch();
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
        const person = transport === "http" ? await api.logIn(name, $("#profile-password").value) : await api.signIn(name, role);
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
  app.user = person;
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
    body.append(el("h3", {}, `${r.name} — ${s.importStatus[r.status] ?? r.status}`));
    for (const w of r.warnings) body.append(el("p", { class: "warning" }, warningText(w)));
    body.append(
      el(
        "ol",
        {},
        r.articles.map((a) =>
          el(
            "li",
            { class: isLowConfidence(a.confidence) ? "low" : "" },
            `${a.title} · ${s.paragraphs(a.paragraphs)} · ${a.source.line ?? s.noSource} · ${s.confidence} ${a.confidence.toFixed(2)}`,
            isLowConfidence(a.confidence) ? el("strong", {}, ` ⚠ ${s.lowConfidence}`) : null,
            ...a.warnings.map((w) => el("div", { class: "warning" }, warningText(w))),
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
  const [article, annotations] = await Promise.all([api.article(item.id), api.annotations(item.id)]);
  app.article = article;
  app.annotations = annotations;
  renderArticle(article, { terms: app.list.terms, claims: annotations.claims, actions: fixups });
  $("#panel").hidden = false;
  renderReviewState(article);
  renderAnnotations(annotations, annotate);
  await renderHistory(article.id);
  if (app.paging) await showPage(article);
}

/** The page view follows the reader: another digest is drawn, the same one re-outlined. */
async function showPage(article) {
  if (app.page.digest !== article.digest_id || app.page.current !== article.id) await app.page.show(article.digest_id, article.id);
}

async function togglePage(on = !app.paging) {
  app.paging = on;
  $("#page-view").hidden = !on;
  $("#editor").classList.toggle("paging", on);
  $("#toggle-page").setAttribute("aria-pressed", String(on));
  if (on && app.article) await app.page.show(app.article.digest_id, app.article.id);
}

/** Shows an article picked on the page: in the list when it is there, else in the reader alone. */
async function showArticle(id) {
  for (const [i, item] of app.list.rows) if (item.id === id) return app.list.select(i);
  return openArticle({ id });
}

/** Applies an annotation change to the article in the reader, then redraws it. */
function annotate(annotation) {
  return guarded(() => inTurn(() => annotateNow(annotation)));
}

/** [`annotate`] within a turn already taken. */
async function annotateNow(annotation) {
  const done = await unlessStale((base) => api.annotate(annotation, base), baseFor(annotation));
  if (done === null) return;
  await openArticle(app.article);
  await app.list.refresh();
}

let changing = Promise.resolve();

/**
 * Runs the person's changes one at a time, each once the window has caught up with the one
 * before. A change's base version is then the one the person's own last change left: a quick
 * second key or click is never taken for someone else's change. Keys whose target depends on
 * what the window shows (J/K, T, C, S) take their turn too, so keys typed in a burst do what
 * they would do typed slowly.
 */
function inTurn(task) {
  const next = changing.catch(() => {}).then(task);
  changing = next;
  return next;
}

/** The version of the reader's article when `change` is about it (else none: nothing to compare). */
function baseFor(change) {
  const a = app.article;
  if (!a) return null;
  const n = app.annotations;
  const about =
    change.article_id === a.id ||
    change.into === a.id ||
    a.paragraphs.some((p) => p.id === change.paragraph_id) ||
    (change.claim_id != null && n?.claims.some((c) => c.id === change.claim_id)) ||
    (change.suggestion_id != null && n?.claim_suggestions.some((c) => c.id === change.suggestion_id));
  return about ? a.version : null;
}

/**
 * Runs `send(base)`. When someone else changed the article since it was opened, says who and
 * how, and lets the person keep their change (send it again over theirs) or take theirs (show
 * the article as it is now). Resolves to the result, or null when theirs was taken.
 */
async function unlessStale(send, base, articleId = app.article?.id) {
  try {
    return await send(base);
  } catch (err) {
    if (err.code !== "stale") throw err;
    if ((await staleChoice(await whatChanged(err.message, articleId))) === "mine") return send(null);
    if (app.mode === "review") return null; // the queue shows the claim again as it is now
    if (app.article) await openArticle(app.article);
    await app.list.refresh();
    return null;
  }
}

/** Who changed the article last, and how, in the interface's language. */
async function whatChanged(fallback, articleId) {
  const last = articleId ? (await api.history(articleId).catch(() => []))[0] : null;
  if (!last) return fallback;
  const when = new Date(last.at).toLocaleTimeString(currentLang() === "en" ? "en-GB" : "zh-CN");
  return t().changedBy(last.actor, actionLabel(last.action), when);
}

function staleChoice(message) {
  const dialog = $("#stale-dialog");
  $("#stale-message").textContent = message;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "mine" ? "mine" : "theirs"), { once: true });
    dialog.showModal();
  });
}

/** M: the selected text of one paragraph becomes a claim; Shift+M moves the ends of the
 * claim last clicked (in the reader or the panel) to the selection. */
function markSelection(adjust = false) {
  if (!app.article) return;
  const span = selectedSpan((id) => app.article.paragraphs.find((p) => p.id === id)?.text);
  $("#mark-claim").hidden = true;
  if (!span) return;
  window.getSelection()?.removeAllRanges();
  const claim = app.annotations?.claims.find((c) => c.id === app.activeClaim);
  if (adjust && claim && claim.paragraph_id === span.paragraphId) {
    return annotate({ op: "adjust_claim", claim_id: claim.id, start: span.start, end: span.end });
  }
  return annotate({ op: "add_claim", paragraph_id: span.paragraphId, start: span.start, end: span.end });
}

// Clicking a claim (its span in the reader or its line in the panel) makes it the one Shift+M adjusts.
document.addEventListener("click", (e) => {
  const hit = e.target instanceof Element && e.target.closest("[data-claim]");
  if (!hit) return;
  app.activeClaim = Number(hit.dataset.claim);
  for (const n of document.querySelectorAll("[data-claim]")) n.classList.toggle("active", Number(n.dataset.claim) === app.activeClaim);
});

/**
 * J/K: moves through the list in turn. Keys pressed while a move waits for its turn add to it,
 * so a key held down does not queue a walk through every article it passed.
 */
function stepThroughList(step) {
  const waiting = app.steps != null;
  app.steps = (app.steps ?? 0) + step;
  if (waiting) return;
  guarded(() =>
    inTurn(() => {
      const by = app.steps;
      app.steps = null;
      return by && app.list.move(by);
    }),
  );
}

/** T, within its turn: accepts the reader's first suggested topic. */
function acceptFirstTopic() {
  const tp = app.annotations?.topics.find((x) => x.status === "suggested");
  if (tp) return annotateNow({ op: "decide_topic", article_id: app.article.id, topic_id: tp.topic_id, accept: true });
}

/** C, within its turn: accepts the reader's first suggested claim. */
function acceptFirstClaim() {
  const c = app.annotations?.claim_suggestions[0];
  if (c) return annotateNow({ op: "accept_claim", suggestion_id: c.id });
}

async function setMode(mode) {
  app.mode = mode;
  $("#editor").hidden = mode !== "edit";
  $("#review").hidden = mode !== "review";
  $("#mode-edit").classList.toggle("current", mode === "edit");
  $("#mode-review").classList.toggle("current", mode === "review");
  if (mode === "review") await app.queue.load();
  else if (app.article) await openArticle(app.article);
}

function renderReviewState(article) {
  const s = t();
  const box = clear($("#review-state"));
  for (const k of states()) {
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

/** S and Shift+S, within their turn: the reader's article one review state on or back. */
async function stepReviewState(step) {
  if (!app.article) return;
  const at = states().indexOf(app.article.review_state);
  const next = states()[at + step];
  if (next) await editNow({ op: "set_review_state", article_id: app.article.id, state: next });
}

/** Applies a fix-up, then shows its result. */
function edit(change) {
  return inTurn(() => editNow(change));
}

/** [`edit`] within a turn already taken. */
async function editNow(change) {
  const result = await unlessStale((base) => api.edit(change, base), baseFor(change));
  if (result === null) return null;
  await afterChange(result);
  return result;
}

async function afterChange(result) {
  if (app.mode === "review") {
    await app.queue.load(app.queue.items[app.queue.at]?.claim_id ?? null);
    return;
  }
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

/** Undoes or redoes the newest change, after any change still being made (Ctrl+Z pressed
 * at once undoes that change, not the one before it). */
function undoRedo(which) {
  return inTurn(async () => {
    const s = t();
    try {
      const change = which === "undo" ? await api.undo() : await api.redo();
      toast(`${which === "undo" ? s.undone : s.redone}${actionLabel(change.action.replace(/^(undo|redo) /, ""))}`);
      await afterChange(change);
    } catch (err) {
      if (err.code === "nothing_to_do") toast(err.message);
      else showError(err);
    }
  });
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

function showProgress({ stage, done, total, item: file }) {
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
  const label = stage === "suggest" ? t().suggesting : t().importing;
  box.querySelector(".label").textContent = `${label(done, total)} · ${file}`;
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
    topic: $("#filter-topic").value || null,
    sentiment: $("#filter-sentiment").value || null,
    claim_status: $("#filter-claims").value || null,
    text: text || null,
  };
}

/** The digest the list is filtered to, if any (what the agreement report covers). */
const currentDigest = () => currentFilter().digest_id;

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
// Local file or team server (desktop app)

/** The desktop app's switch: a local window opens a team server, a team page goes back. */
function showWorkspaceSwitch() {
  for (const button of [$("#team-switch"), $("#profile-team")]) {
    button.hidden = !inDesktop;
    button.textContent = transport === "http" ? t().openLocal : t().openTeam;
    button.title = transport === "http" ? t().teamHint : t().openTeamHint;
  }
}

async function switchWorkspace() {
  if (transport === "http") return api.openLocal();
  const last = localStorage.getItem("galley.teamServer") ?? "http://";
  const typed = await prompt(t().teamAddress, last);
  if (!typed) return;
  const origin = await api.openTeam(typed);
  localStorage.setItem("galley.teamServer", origin);
}

// ---------------------------------------------------------------------------------------------
// Start

async function start() {
  showWorkspaceSwitch();
  if (transport === "http") {
    applyTexts();
    document.body.classList.add("team");
    if (!(await api.session())) await askProfile();
  }
  await loadVocabulary();
  applyI18n();
  app.queue.fillStatuses();
  const info = (app.info = await api.appInfo());
  await fillFilters();
  $("#user").title = info.db_path;
  $("#about").textContent = `Galley ${info.version} · ${info.db_path}`;
  let user = info.user;
  if (!user) user = await askProfile();
  showUser(user);
  if (info.empty && info.sample_if_empty) await api.loadSample();
  api.onChange((c) => guarded(() => someoneChanged(c)));
  const digests = await loadDigests();
  await app.list.setFilter(currentFilter());
  // Files opened with Galley from a file manager: import them and show what came of them.
  if (info.open_files?.length) return runImport(info.open_files);
  if (!digests.length) {
    showWelcome();
    $("#load-sample").focus();
    return;
  }
  if (app.list.total) await app.list.select(0);
  else showPlaceholder();
}

app.queue = new ReviewQueue({ onError: showError, onSaved: () => toast("✓"), me: () => app.user?.name, unlessStale, inTurn });

app.page = new PageView($("#page-view"), {
  fix: (change) => edit(change),
  open: (id) => guarded(() => showArticle(id)),
  onError: showError,
  // Titles and sources glued or misread are typed, as in the panel (hidden beside the page).
  editTitle: () => $("#edit-title").click(),
  editSource: () => $("#edit-source").click(),
});

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
for (const id of ["#filter-topic", "#filter-sentiment", "#filter-claims"]) $(id).addEventListener("change", () => guarded(refilter));
$("#export").addEventListener("click", () => $("#export-dialog").showModal());
$("#export-dialog").addEventListener("close", () => {
  if ($("#export-dialog").returnValue !== "ok") return;
  guarded(async () => {
    const digest = app.article?.digest_id;
    const request = {
      format: $("#export-format").value,
      filter: {
        digest_ids: $("#export-digest-only").checked && digest ? [digest] : [],
        review_states: $("#export-approved").checked ? ["approved"] : [],
        claim_statuses: $("#export-verified").checked ? ["verified"] : [],
      },
    };
    const files = await api.pickAndExport(request);
    if (files.length) toast(t().exported(files.length));
  });
});
$("#import").addEventListener("click", () => guarded(() => runImport(null)));
$("#team-switch").addEventListener("click", () => guarded(switchWorkspace));
$("#profile-team").addEventListener("click", () => guarded(switchWorkspace));
$("#show-agreement").addEventListener("click", () => guarded(() => showAgreement(currentDigest())));
$("#toggle-page").addEventListener("click", () => guarded(() => togglePage()));
$("#article-body").addEventListener("mouseover", (e) => linkBlocks(e, true));
$("#article-body").addEventListener("mouseout", (e) => linkBlocks(e, false));

/** A paragraph under the pointer in the reader outlines its blocks on the page. */
function linkBlocks(e, on) {
  const para = e.target instanceof Element && e.target.closest(".para");
  if (para && app.paging) app.page.highlightParagraph(para.dataset.id, on);
}
$("#undo").addEventListener("click", () => undoRedo("undo"));
$("#redo").addEventListener("click", () => undoRedo("redo"));
$("#toggle-theme").addEventListener("click", () => applyTheme(document.documentElement.dataset.theme === "dark" ? "light" : "dark"));
$("#toggle-lang").addEventListener("click", () =>
  guarded(async () => {
    setLang(currentLang() === "en" ? "zh" : "en");
    applyI18n();
    app.queue.fillStatuses();
    await fillFilters();
    showUser(app.info?.user ?? null);
    await loadDigests();
    await app.list.refresh();
    if (app.article) await openArticle(app.article);
  }),
);
$("#show-keys").addEventListener("click", () => $("#keys-dialog").showModal());
$("#mode-edit").addEventListener("click", () => guarded(() => setMode("edit")));
$("#mode-review").addEventListener("click", () => guarded(() => setMode("review")));
$("#mark-claim").addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
$("#mark-claim").addEventListener("click", () => markSelection());
document.addEventListener("selectionchange", () => {
  const sel = window.getSelection();
  const button = $("#mark-claim");
  if (app.mode !== "edit" || !sel || sel.isCollapsed || !sel.rangeCount) {
    button.hidden = true;
    return;
  }
  const node = sel.getRangeAt(0).startContainer;
  const para = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)?.closest(".para");
  if (!para) {
    button.hidden = true;
    return;
  }
  const rect = sel.getRangeAt(0).getBoundingClientRect();
  button.style.left = `${Math.round(rect.left)}px`;
  button.style.top = `${Math.round(rect.bottom + 6)}px`;
  button.hidden = false;
});
$("#add-topic").addEventListener("click", () =>
  guarded(async () => {
    const options = await topicOptions();
    const code = await prompt(t().addTopic, options[0]?.value ?? "", options);
    if (code) await annotate({ op: "add_topic", article_id: app.article.id, code });
  }),
);
$("#note-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const body = $("#note-text").value.trim();
  if (!body || !app.article) return;
  $("#note-text").value = "";
  annotate({ op: "add_note", article_id: app.article.id, body });
});
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

/** Someone else changed the shared workspace: show it without losing one's place. */
async function someoneChanged({ change, by }) {
  if (by === app.user?.name) return;
  if (app.mode === "review") return app.queue.load(app.queue.items[app.queue.at]?.claim_id ?? null);
  await app.list.refresh();
  if (app.article && change.article_id === app.article.id) await openArticle({ id: app.article.id });
}
api.onFilesDropped((paths) => paths.length && guarded(() => runImport(paths)));

const typing = (t) => t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

document.addEventListener("keydown", (e) => {
  if (document.querySelector("dialog[open]")) return; // dialogs handle their own keys
  if (app.mode === "review" && reviewKey(e)) {
    e.preventDefault();
    return;
  }
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
  else if (key === "j" || e.key === "ArrowDown") stepThroughList(1);
  else if (key === "k" || e.key === "ArrowUp") stepThroughList(-1);
  else if (e.key === "/") $("#search").focus();
  else if (e.key === "?") $("#keys-dialog").showModal();
  else if (key === "s") guarded(() => inTurn(() => stepReviewState(e.shiftKey ? -1 : 1)));
  else if (key === "h") $("#history").scrollIntoView({ block: "nearest" });
  else if (key === "i") guarded(() => runImport(null));
  else if (key === "g") guarded(() => showAgreement(currentDigest()));
  else if (key === "p" && app.mode === "edit") guarded(() => togglePage());
  else if (app.paging && app.mode === "edit" && app.page.key(e)) e.preventDefault();
  else if (key === "t" && app.mode === "edit") guarded(() => inTurn(acceptFirstTopic));
  else if (key === "c" && app.mode === "edit") guarded(() => inTurn(acceptFirstClaim));
  else if (key === "m" && app.mode === "edit") markSelection(e.shiftKey);
  else if (key === "r") guarded(() => setMode(app.mode === "edit" ? "review" : "edit"));
  else return;
  e.preventDefault();
});

/** The review queue's keys; true when the key was the queue's. */
function reviewKey(e) {
  const inEvidence = e.target instanceof HTMLElement && e.target.closest("#evidence-form");
  if (e.key === "Enter" && (inEvidence || !typing(e.target))) {
    app.queue.save();
    return true;
  }
  if (e.key === "Escape" && inEvidence) {
    e.target.blur();
    return true;
  }
  if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return false;
  const key = e.key.toLowerCase();
  if (key === "j" || e.key === "ArrowDown") app.queue.move(1);
  else if (key === "k" || e.key === "ArrowUp") app.queue.move(-1);
  else if (/^[1-5]$/.test(e.key)) app.queue.stage(Number(e.key) - 1);
  else if (key === "e") app.queue.focusEvidence();
  else if (key === "a") app.queue.assign();
  else return false;
  return true;
}

applyTheme(localStorage.getItem("galley.theme") ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
setLang(currentLang());
guarded(start);
