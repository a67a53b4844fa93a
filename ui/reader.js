// The reader: one article as editors read it, with the structural fix-ups at each paragraph.

import { el, clear, $ } from "./dom.js";
import { t } from "./i18n.js";
import { highlight } from "./list.js";
import { renderParagraph } from "./spans.js";

/**
 * Renders `article` into the reader. `actions` has the fix-up callbacks:
 * split(paragraph), setRole(paragraph, role), moveTo(paragraph) .
 */
export function renderArticle(article, { terms = [], claims = [], actions }) {
  const s = t();
  $("#welcome").hidden = true;
  $("#placeholder").hidden = true;
  $("#article").hidden = false;
  highlight($("#article-title"), article.title, terms);
  const meta = [article.source.line ?? s.noSource, s.paragraphs(article.paragraphs.length)];
  if (article.confidence != null) meta.push(`${s.confidence} ${article.confidence.toFixed(2)}`);
  $("#article-meta").textContent = meta.join(" · ");

  const body = clear($("#article-body"));
  article.paragraphs.forEach((p, i) => {
    const tag = p.kind === "heading" ? "h2" : "p";
    const text = el(tag, { class: `para para-${p.kind}`, dataset: { id: p.id, pos: i } });
    renderParagraph(text, p.text, claims.filter((c) => c.paragraph_id === p.id), terms);
    const tools = el(
      "span",
      { class: "para-tools" },
      roleSelect(p, actions),
      i > 0 ? button("✂", s.split, () => actions.split(p)) : null,
      button("⇄", s.moveTo, () => actions.moveTo(p)),
    );
    body.append(el("div", { class: "para-wrap", dataset: { kind: p.kind } }, el("span", { class: "kind-tag" }, s.kind[p.kind]), text, tools));
  });
  const quotes = clear($("#article-quotes"));
  for (const q of article.pull_quotes) {
    quotes.append(el("blockquote", { class: "pull-quote", dataset: { id: q.id, label: s.pullQuote } }, q.text));
  }
}

function button(label, title, onClick) {
  const b = el("button", { type: "button", class: "tool", title, "aria-label": title }, label);
  b.addEventListener("click", onClick);
  return b;
}

function roleSelect(p, actions) {
  const s = t();
  const select = el(
    "select",
    { class: "role-select", title: s.roleTo, "aria-label": s.roleTo },
    ["lead", "body", "heading", "pull_quote", "furniture", "title"].map((k) => el("option", { value: k, selected: k === p.kind }, s.kind[k])),
  );
  select.addEventListener("change", () => actions.setRole(p, select.value));
  return select;
}

export function showWelcome() {
  $("#article").hidden = true;
  $("#placeholder").hidden = true;
  $("#welcome").hidden = false;
}

export function showPlaceholder() {
  $("#article").hidden = true;
  $("#welcome").hidden = true;
  $("#placeholder").hidden = false;
}
