// The article list: virtualised (only visible rows exist in the DOM) and paged (rows are
// fetched a page at a time), so it stays smooth with 100,000 articles.

import { api } from "./api.js";
import { el, clear } from "./dom.js";
import { t } from "./i18n.js";
import { isLowConfidence } from "./vocabulary.js";

const ROW = 60; // px, fixed row height
const PAGE = 100; // rows per query
const OVERSCAN = 8;

export class ArticleList {
  constructor(container, { onSelect, onCount }) {
    this.box = container;
    this.spacer = container.querySelector(".vlist-spacer");
    this.onSelect = onSelect;
    this.onCount = onCount;
    this.filter = {};
    this.total = 0;
    this.pages = new Map(); // page index → Promise<items>
    this.rows = new Map(); // row index → item
    this.selected = null; // article id
    this.selectedIndex = -1;
    this.generation = 0;
    this.terms = [];
    this.active = false; // nothing is fetched before the first setFilter
    this.box.addEventListener("scroll", () => this.render());
    new ResizeObserver(() => this.render()).observe(this.box);
  }

  /** Replaces the filter and reloads from the top. */
  async setFilter(filter) {
    this.active = true;
    this.filter = filter;
    this.generation++;
    this.pages.clear();
    this.rows.clear();
    this.box.scrollTop = 0;
    await this.loadPage(0);
    this.render();
  }

  /** Reloads the rows in view (after an edit), keeping the scroll position. */
  async refresh() {
    this.generation++;
    this.pages.clear();
    this.rows.clear();
    await this.loadPage(Math.floor(this.firstVisible() / PAGE));
    this.render();
  }

  loadPage(p) {
    if (!this.pages.has(p)) {
      const gen = this.generation;
      const promise = api.queryArticles(this.filter, p * PAGE, PAGE).then((page) => {
        if (gen !== this.generation) return [];
        this.total = page.total;
        this.terms = page.terms;
        page.items.forEach((item, i) => this.rows.set(p * PAGE + i, item));
        this.onCount?.(this.total);
        return page.items;
      });
      this.pages.set(p, promise);
      promise.then(() => this.render()).catch(() => this.pages.delete(p));
    }
    return this.pages.get(p);
  }

  firstVisible() {
    return Math.max(0, Math.floor(this.box.scrollTop / ROW));
  }

  render() {
    if (!this.active) return;
    this.spacer.style.height = `${this.total * ROW}px`;
    const first = Math.max(0, this.firstVisible() - OVERSCAN);
    const count = Math.ceil(this.box.clientHeight / ROW) + 2 * OVERSCAN;
    const last = Math.min(this.total, first + count);
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) this.loadPage(p);
    const keep = new Set();
    for (let i = first; i < last; i++) {
      const item = this.rows.get(i);
      if (!item) continue;
      keep.add(String(i));
      let row = this.box.querySelector(`.vrow[data-index="${i}"]`);
      if (!row || row.dataset.id !== String(item.id) || row.dataset.state !== item.review_state) {
        row?.remove();
        row = this.row(item, i);
        this.box.append(row);
      }
      const on = item.id === this.selected;
      row.classList.toggle("selected", on);
      row.setAttribute("aria-selected", on ? "true" : "false");
    }
    for (const row of this.box.querySelectorAll(".vrow")) if (!keep.has(row.dataset.index)) row.remove();
    const empty = this.box.querySelector(".vempty");
    if (this.total === 0 && this.pages.size && !empty) this.box.append(el("div", { class: "vempty muted" }, t().noMatch));
    if (this.total > 0) empty?.remove();
  }

  row(item, index) {
    const s = t();
    const title = el("span", { class: "article-title" });
    highlight(title, item.title, this.terms);
    const row = el(
      "div",
      {
        class: "vrow article-item",
        role: "option",
        dataset: { index, id: item.id, state: item.review_state },
      },
      el("div", { class: "row-main" }, title, el("span", { class: `state state-${item.review_state}` }, s.state[item.review_state])),
      el(
        "div",
        { class: "row-sub muted" },
        [item.digest_name, item.source_line ?? s.noSource, isLowConfidence(item.confidence) ? `⚠ ${s.lowConfidence}` : null]
          .filter(Boolean)
          .join(" · "),
      ),
    );
    // Positioned through the CSSOM: the CSP forbids style attributes.
    row.style.top = `${index * ROW}px`;
    row.style.height = `${ROW}px`;
    row.addEventListener("click", () => this.select(index));
    return row;
  }

  /** Selects the row at `index` (loading its page if needed) and scrolls it into view. */
  async select(index) {
    if (index < 0 || index >= this.total) return;
    await this.loadPage(Math.floor(index / PAGE));
    const item = this.rows.get(index);
    if (!item) return;
    this.selected = item.id;
    this.selectedIndex = index;
    const top = index * ROW;
    if (top < this.box.scrollTop) this.box.scrollTop = top;
    else if (top + ROW > this.box.scrollTop + this.box.clientHeight) this.box.scrollTop = top + ROW - this.box.clientHeight;
    this.render();
    await this.onSelect(item);
  }

  move(step) {
    const from = this.selectedIndex < 0 ? (step > 0 ? -1 : 0) : this.selectedIndex;
    return this.select(Math.min(this.total - 1, Math.max(0, from + step)));
  }

  /** Selects the article with this id if it is loaded, else the first row. */
  async reselect(id) {
    for (const [i, item] of this.rows) if (item.id === id) return this.select(i);
    return this.select(0);
  }

  itemsAround(id) {
    const entries = [...this.rows.entries()].sort((a, b) => a[0] - b[0]);
    const at = entries.findIndex(([, item]) => item.id === id);
    return { next: entries[at + 1]?.[1], prev: entries[at - 1]?.[1] };
  }
}

/** Fills `node` with `text`, wrapping occurrences of the search terms in <mark> (as text). */
export function highlight(node, text, terms) {
  clear(node);
  const words = (terms ?? []).filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  if (!words.length) {
    node.textContent = text;
    return;
  }
  const lower = text.toLowerCase();
  let i = 0;
  while (i < text.length) {
    let hit = null;
    for (const w of words) if (lower.startsWith(w, i)) { hit = w; break; }
    if (hit) {
      node.append(el("mark", {}, text.slice(i, i + hit.length)));
      i += hit.length;
    } else {
      let j = i + 1;
      while (j < text.length && !words.some((w) => lower.startsWith(w, j))) j++;
      node.append(text.slice(i, j));
      i = j;
    }
  }
}
