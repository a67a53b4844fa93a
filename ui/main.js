import { api } from "./api.js";
import { el, clear, $ } from "./dom.js";

const KIND_LABEL = { lead: "导语", body: "正文", heading: "小标题" };
const STATE_LABEL = { new: "新", annotated: "已标注", in_review: "审核中", approved: "已通过" };

const ui = {
  digests: $("#digests"),
  hits: $("#hits"),
  search: $("#search"),
  error: $("#error"),
  welcome: $("#welcome"),
  placeholder: $("#placeholder"),
  article: $("#article"),
  title: $("#article-title"),
  meta: $("#article-meta"),
  body: $("#article-body"),
  quotes: $("#article-quotes"),
  loadSample: $("#load-sample"),
  dbPath: $("#db-path"),
};

let selectedId = null;

function showError(err) {
  ui.error.hidden = false;
  clear(ui.error).append(el("strong", {}, err.code ?? "error"), " ", err.message ?? String(err));
}

function hideError() {
  ui.error.hidden = true;
}

async function guarded(fn) {
  try {
    hideError();
    return await fn();
  } catch (err) {
    console.error(err);
    showError(err);
  }
}

function articleItem(a) {
  const item = el(
    "li",
    { class: "article-item", tabindex: "-1", dataset: { id: a.id } },
    el("span", { class: "article-title" }, a.title),
    el("span", { class: `state state-${a.review_state}` }, STATE_LABEL[a.review_state] ?? a.review_state),
  );
  item.addEventListener("click", () => selectArticle(a.id));
  return item;
}

async function renderDigests() {
  const digests = await api.digests();
  clear(ui.digests);
  for (const d of digests) {
    const articles = await api.articles(d.id);
    ui.digests.append(
      el(
        "li",
        { class: "digest", dataset: { id: d.id } },
        el(
          "div",
          { class: "digest-head" },
          el("span", { class: "digest-name" }, d.name),
          el("span", { class: "muted" }, [d.date, `${d.article_count} 篇`].filter(Boolean).join(" · ")),
        ),
        el("ul", { class: "articles" }, articles.map(articleItem)),
      ),
    );
  }
  return digests;
}

async function selectArticle(id) {
  selectedId = id;
  for (const item of document.querySelectorAll(".article-item")) {
    const on = Number(item.dataset.id) === id;
    item.classList.toggle("selected", on);
    if (on) {
      item.setAttribute("aria-current", "true");
      item.scrollIntoView({ block: "nearest" });
    } else item.removeAttribute("aria-current");
  }
  const a = await api.article(id);
  ui.welcome.hidden = true;
  ui.placeholder.hidden = true;
  ui.article.hidden = false;
  ui.title.textContent = a.title;
  const source = a.source.line ?? "来源不详";
  ui.meta.textContent = `${source} · ${a.paragraphs.length} 段`;
  clear(ui.body);
  for (const p of a.paragraphs) {
    const tag = p.kind === "heading" ? "h2" : "p";
    ui.body.append(el(tag, { class: `para para-${p.kind}`, title: KIND_LABEL[p.kind], dataset: { id: p.id } }, p.text));
  }
  clear(ui.quotes);
  for (const q of a.pull_quotes) {
    ui.quotes.append(el("blockquote", { class: "pull-quote", dataset: { id: q.id } }, q.text));
  }
}

function moveSelection(step) {
  const items = [...document.querySelectorAll(ui.hits.hidden ? "#digests .article-item" : "#hits .article-item")];
  if (!items.length) return;
  const at = items.findIndex((i) => Number(i.dataset.id) === selectedId);
  const next = items[Math.min(items.length - 1, Math.max(0, at + step))];
  guarded(() => selectArticle(Number(next.dataset.id)));
}

async function runSearch() {
  const q = ui.search.value.trim();
  if (!q) {
    ui.hits.hidden = true;
    ui.digests.hidden = false;
    return;
  }
  const hits = await api.search(q);
  clear(ui.hits).append(
    ...(hits.length ? hits.map((h) => articleItem({ ...h, id: h.article_id, review_state: "new" })) : [el("li", { class: "muted empty" }, "没有找到匹配的文章")]),
  );
  for (const s of ui.hits.querySelectorAll(".state")) s.remove();
  ui.hits.hidden = false;
  ui.digests.hidden = true;
}

async function start() {
  const info = await api.appInfo();
  ui.dbPath.textContent = info.db_path;
  ui.dbPath.title = "数据库文件";
  if (info.empty && info.sample_if_empty) await api.loadSample();
  const digests = await renderDigests();
  if (!digests.length) {
    ui.welcome.hidden = false;
    ui.loadSample.focus();
    return;
  }
  const first = document.querySelector(".article-item");
  if (first) await selectArticle(Number(first.dataset.id));
  else ui.placeholder.hidden = false;
}

ui.loadSample.addEventListener("click", () =>
  guarded(async () => {
    ui.loadSample.disabled = true;
    try {
      await api.loadSample();
      await start();
    } finally {
      ui.loadSample.disabled = false;
    }
  }),
);

let searchTimer;
ui.search.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => guarded(runSearch), 120);
});

const typing = (t) => t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && e.target === ui.search) {
    ui.search.value = "";
    ui.search.blur();
    guarded(runSearch);
    return;
  }
  if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "j" || e.key === "ArrowDown") moveSelection(1);
  else if (e.key === "k" || e.key === "ArrowUp") moveSelection(-1);
  else if (e.key === "/") {
    e.preventDefault();
    ui.search.focus();
  } else return;
  e.preventDefault();
});

guarded(start);
