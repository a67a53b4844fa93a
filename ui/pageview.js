// The page view: the original PDF page of a digest beside its articles, every block outlined in
// the colour of the article it was assigned to, and structure fixed by pointing at blocks.
// Nothing here computes structure: each action is one of the core's audited fix-ups.

import { api } from "./api.js";
import { el, clear, $ } from "./dom.js";
import { t } from "./i18n.js";

const PALETTE = ["#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65", "#a04000", "#2e4053", "#b03a2e", "#5b2c6f"];
const LOW_CONFIDENCE = 0.6;
const PAD = 3; // px around each block, so outlines do not cover the type

let pdfjs = null;

/** PDF.js, loaded the first time a page is drawn (the window starts without it). */
async function loadPdfJs() {
  if (!pdfjs) {
    pdfjs = await import("./vendor/pdfjs/pdf.min.mjs");
    pdfjs.GlobalWorkerOptions.workerSrc = new URL("./vendor/pdfjs/pdf.worker.min.mjs", import.meta.url).href;
  }
  return pdfjs;
}

/** The colour of the article at `index` in its digest. */
export const articleColour = (index) => PALETTE[index % PALETTE.length];

export class PageView {
  /**
   * `root` is the view's element; `fix(edit)` applies a fix-up and refreshes the window;
   * `open(articleId)` shows an article in the reader.
   */
  constructor(root, { fix, open, onError, editTitle, editSource }) {
    this.root = root;
    this.fix = fix;
    this.open = open;
    this.onError = onError;
    this.digest = null;
    this.doc = null; // the PDF.js document of this.digest
    this.scale = null; // CSS pixels per PDF point; fitted to the view's width at first
    this.selected = new Set(); // block keys: `b` + box id, `l` + line number
    this.layout = { pages: [], boxes: [], lines: [] };
    this.blocks = []; // the boxes of a PDF page, or the lines of page text, with their keys
    this.articles = [];
    this.pagesBox = root.querySelector(".pages");
    this.legend = root.querySelector(".legend");
    this.status = root.querySelector(".page-status");
    for (const [sel, role] of [[".to-title", "title"], [".to-heading", "heading"], [".to-quote", "pull_quote"], [".to-furniture", "furniture"]]) {
      root.querySelector(sel).addEventListener("click", () => this.setRole(role));
    }
    root.querySelector(".split-here").addEventListener("click", () => this.splitHere());
    root.querySelector(".edit-title").addEventListener("click", () => editTitle());
    root.querySelector(".edit-source").addEventListener("click", () => editSource());
    root.querySelector(".zoom-in").addEventListener("click", () => this.zoom(1.2));
    root.querySelector(".zoom-out").addEventListener("click", () => this.zoom(1 / 1.2));
  }

  /** Shows the digest's page (drawing it again only when the digest changed). */
  async show(digestId, currentArticle) {
    const started = (this.started = performance.now());
    const moved = currentArticle !== this.current;
    const [layout, listing] = await Promise.all([api.pageLayout(digestId), api.queryArticles({ digest_id: digestId }, 0, 1000)]);
    this.layout = layout;
    this.blocks = layout.pages.length ? layout.boxes.map((b) => ({ ...b, key: `b${b.id}` })) : layout.lines.map((l) => ({ ...l, key: `l${l.number}` }));
    this.articles = listing.items;
    this.current = currentArticle;
    const known = new Set(this.blocks.map((b) => b.key));
    this.selected = new Set([...this.selected].filter((k) => known.has(k)));
    if (digestId !== this.digest) {
      this.digest = digestId;
      this.doc = null;
      this.selected.clear();
      await this.drawPages();
    } else {
      this.drawOutlines();
    }
    this.drawLegend();
    this.root.dataset.paintMs = String(Math.round(performance.now() - started));
    // Another article picked in the list: bring its title into view.
    if (moved) this.pagesBox.querySelector(".pbox.current.role-title")?.scrollIntoView({ block: "nearest" });
  }

  /** Draws every page (canvas and outlines), or says why there is no page to draw. */
  async drawPages() {
    const s = t();
    const box = clear(this.pagesBox);
    delete this.root.dataset.painted;
    if (!this.layout.pages.length) {
      if (this.layout.lines.length) box.append(el("div", { class: "text-page" }));
      else box.append(el("p", { class: "placeholder muted no-page" }, s.noPage));
      this.drawOutlines();
      this.root.dataset.painted = "true";
      return;
    }
    try {
      const lib = await loadPdfJs();
      const data = await api.pageFile(this.digest);
      this.doc = await lib.getDocument({
        data: new Uint8Array(data),
        cMapUrl: new URL("./vendor/pdfjs/cmaps/", import.meta.url).href,
        cMapPacked: true,
        isEvalSupported: false,
      }).promise;
    } catch (err) {
      // The outlines alone still show the page's structure.
      console.error(err);
      this.doc = null;
      box.append(el("p", { class: "muted no-page" }, s.pageNotDrawn));
    }
    this.scale ??= this.fitWidth();
    for (const p of this.layout.pages) box.append(this.pageElement(p));
    this.drawOutlines();
    // The blocks are outlined before the page is painted under them.
    this.root.dataset.outlineMs = String(Math.round(performance.now() - this.started));
    await Promise.all(this.layout.pages.map((p) => this.paint(p)));
    this.root.dataset.painted = "true";
  }

  /** The scale at which the widest page fills the view's width. */
  fitWidth() {
    const widest = Math.max(...this.layout.pages.map((p) => p.width));
    const room = this.pagesBox.clientWidth - 60; // padding and a scroll bar
    return Math.min(2, Math.max(0.5, room / widest));
  }

  pageElement(p) {
    const page = el("div", { class: "page", dataset: { page: p.number } }, el("canvas", {}), el("div", { class: "boxes" }));
    page.style.width = `${p.width * this.scale}px`;
    page.style.height = `${p.height * this.scale}px`;
    return page;
  }

  /** Renders one page of the PDF onto its canvas, at the screen's pixel density. */
  async paint(p) {
    if (!this.doc) return;
    const page = await this.doc.getPage(p.number);
    const viewport = page.getViewport({ scale: this.scale });
    const canvas = this.pagesBox.querySelector(`.page[data-page="${p.number}"] canvas`);
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    const transform = ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0];
    await page.render({ canvasContext: canvas.getContext("2d"), canvas, viewport, transform }).promise;
  }

  /** Outlines every block in its article's colour; furniture grey, doubtful articles dashed. */
  drawOutlines() {
    const index = new Map(this.articles.map((a, i) => [a.id, i]));
    const confidence = new Map(this.articles.map((a) => [a.id, a.confidence]));
    for (const layer of this.pagesBox.querySelectorAll(".boxes, .text-page")) clear(layer);
    for (const b of this.blocks) {
      const at = b.article_id == null ? null : index.get(b.article_id);
      const node = this.blockElement(b, at, doubtful(confidence.get(b.article_id)));
      if (!node) continue;
      if (at != null) node.style.setProperty("--c", articleColour(at));
      if (b.role === "title" && at != null && !this.titleBadged(b)) node.append(el("span", { class: "badge" }, String(at + 1)));
      this.wire(node, b);
    }
    this.status.textContent = t().blocksSelected(this.selectedBoxes().length + this.partialLines().length);
  }

  /** A block's element, placed on its page (a box) or in the text (a line). */
  blockElement(b, at, low) {
    const classes = ["pbox", `role-${b.role ?? "none"}`, at == null ? "unowned" : "", this.selected.has(b.key) ? "selected" : "", low ? "low" : "", b.article_id === this.current ? "current" : ""];
    const attrs = {
      dataset: { key: b.key, article: b.article_id ?? "", paragraph: b.paragraph_id ?? "", role: b.role ?? "" },
      title: at == null ? t().kind.furniture : `${at + 1}. ${this.articles[at].title}`,
      draggable: b.role === "title" && at != null ? "true" : null,
    };
    if (b.number != null) {
      const line = el("div", { ...attrs, class: [...classes, "tline"].filter(Boolean).join(" ") }, el("span", { class: "line-no" }, String(b.number)), b.text || " ");
      this.pagesBox.querySelector(".text-page").append(line);
      return line;
    }
    const layer = this.pagesBox.querySelector(`.page[data-page="${b.page}"] .boxes`);
    if (!layer) return null;
    const node = el("div", { ...attrs, class: classes.filter(Boolean).join(" ") });
    node.style.left = `${b.x0 * this.scale - PAD}px`;
    node.style.top = `${b.y0 * this.scale - PAD}px`;
    node.style.width = `${(b.x1 - b.x0) * this.scale + 2 * PAD}px`;
    node.style.height = `${(b.y1 - b.y0) * this.scale + 2 * PAD}px`;
    layer.append(node);
    return node;
  }

  /** Whether an earlier line of the same title already carries the article's number. */
  titleBadged(b) {
    if (b.number == null) return false;
    return this.blocks.some((o) => o.number != null && o.number < b.number && o.role === "title" && o.article_id === b.article_id);
  }

  /** Click selects (shift adds), hover shows the paragraph, dragging a title merges. */
  wire(node, b) {
    node.addEventListener("click", (e) => {
      // A paragraph is picked whole (all its lines, or its boxes in every column); Alt picks
      // one line of it, to move lines that were joined into the wrong paragraph.
      const whole = b.paragraph_id != null && !(e.altKey && b.number != null);
      const group = whole ? this.blocks.filter((o) => o.paragraph_id === b.paragraph_id) : [b];
      const off = (e.shiftKey || e.altKey) && this.selected.has(b.key);
      if (!e.shiftKey && !e.altKey) this.selected.clear();
      for (const o of group) {
        if (off) this.selected.delete(o.key);
        else this.selected.add(o.key);
      }
      this.drawOutlines();
      if (b.article_id != null && b.article_id !== this.current) {
        this.current = b.article_id;
        this.open(b.article_id);
      }
    });
    node.addEventListener("mouseenter", () => hoverParagraph(b.paragraph_id, true));
    node.addEventListener("mouseleave", () => hoverParagraph(b.paragraph_id, false));
    node.addEventListener("dragstart", (e) => e.dataTransfer.setData("text/plain", String(b.article_id)));
    node.addEventListener("dragover", (e) => b.article_id != null && e.preventDefault());
    node.addEventListener("drop", (e) => {
      e.preventDefault();
      const from = Number(e.dataTransfer.getData("text/plain"));
      if (from && b.article_id != null && from !== b.article_id) this.run([{ op: "merge", into: b.article_id, from }]);
    });
  }

  /** The digest's articles with their numbers and colours: clicking one moves the selection. */
  drawLegend() {
    const list = clear(this.legend);
    this.articles.forEach((a, i) => {
      const item = el("button", { type: "button", class: "legend-item", dataset: { article: a.id }, title: t().moveHere }, el("span", { class: "swatch" }, String(i + 1)), el("span", { class: "legend-title" }, a.title));
      item.querySelector(".swatch").style.setProperty("--c", articleColour(i));
      item.addEventListener("click", () => this.moveTo(a.id));
      list.append(item);
    });
  }

  /** Number keys 1–9: move the selection to that article. True when the key was used. */
  key(e) {
    if (!/^[1-9]$/.test(e.key) || !this.selected.size) return false;
    const a = this.articles[Number(e.key) - 1];
    if (a) this.moveTo(a.id);
    return Boolean(a);
  }

  /** The selected blocks, one per piece; lines picked out of a paragraph are left to
   * [`partialLines`]. */
  selectedBoxes() {
    const partial = new Set(this.partialLines());
    const seen = new Set();
    return this.blocks.filter((b) => {
      if (!this.selected.has(b.key) || partial.has(b.number)) return false;
      const piece = b.paragraph_id != null ? `p${b.paragraph_id}` : `${b.role}${b.article_id}`;
      if (seen.has(piece)) return false;
      seen.add(piece);
      return true;
    });
  }

  /** Numbers of the selected lines of paragraphs. */
  selectedLines() {
    return this.blocks.filter((b) => b.number != null && b.paragraph_id != null && this.selected.has(b.key)).map((b) => b.number);
  }

  /** Numbers of the selected lines whose paragraph is not selected whole. */
  partialLines() {
    const lines = this.blocks.filter((b) => b.number != null && b.paragraph_id != null);
    const whole = (p) => lines.every((o) => o.paragraph_id !== p || this.selected.has(o.key));
    return lines.filter((b) => this.selected.has(b.key) && !whole(b.paragraph_id)).map((b) => b.number);
  }

  /** A selected paragraph moves to the article; a selected title brings its whole article. */
  moveTo(articleId) {
    // Lines picked out of a paragraph move as lines, with any whole paragraphs picked beside
    // them: one fix-up, one undo.
    const lines = this.partialLines().length ? this.selectedLines() : [];
    const edits = lines.length ? [{ op: "move_lines", digest_id: this.digest, lines, to_article: articleId }] : [];
    const merged = new Set();
    for (const b of this.selectedBoxes()) {
      if (b.paragraph_id != null && lines.length) continue;
      if (b.paragraph_id != null && b.article_id !== articleId) edits.push({ op: "move_paragraph", paragraph_id: b.paragraph_id, to_article: articleId, position: null });
      else if (b.role === "title" && b.article_id != null && b.article_id !== articleId && !merged.has(b.article_id)) {
        merged.add(b.article_id);
        edits.push({ op: "merge", into: articleId, from: b.article_id });
      }
    }
    return this.run(edits);
  }

  setRole(role) {
    const lines = this.partialLines();
    const edits = [];
    // Picked lines: one becomes a title where it stands; lines go to the furniture.
    if (lines.length && role === "title") edits.push({ op: "title_at_line", digest_id: this.digest, line: lines[0] });
    if (lines.length && role === "furniture") edits.push({ op: "move_lines", digest_id: this.digest, lines, to_article: null });
    for (const b of this.selectedBoxes()) if (b.paragraph_id != null) edits.push({ op: "set_role", paragraph_id: b.paragraph_id, role });
    return this.run(edits);
  }

  splitHere() {
    const b = this.selectedBoxes().find((x) => x.paragraph_id != null);
    return this.run(b ? [{ op: "split", paragraph_id: b.paragraph_id, title: null }] : []);
  }

  /** Applies the fix-ups one by one (each its own undoable step), then redraws. */
  async run(edits) {
    if (!edits.length) {
      this.status.textContent = t().pickBlocks;
      return;
    }
    // The blocks acted on are let go at once: a click made while the fix-ups run is kept.
    this.selected.clear();
    try {
      let last = null;
      for (const edit of edits) last = await this.fix(edit);
      await this.show(this.digest, last?.article_id ?? this.current);
    } catch (err) {
      this.onError(err);
      await this.show(this.digest, this.current);
    }
  }

  async zoom(factor) {
    this.scale = Math.min(4, Math.max(0.5, this.scale * factor));
    const digest = this.digest;
    this.digest = null;
    await this.show(digest, this.current);
  }

  /** The reader's paragraph under the pointer: outline its blocks too. */
  highlightParagraph(paragraphId, on) {
    for (const n of this.pagesBox.querySelectorAll(`.pbox[data-paragraph="${Number(paragraphId)}"]`)) n.classList.toggle("hover", on);
  }
}

const doubtful = (c) => c != null && c < LOW_CONFIDENCE;

function hoverParagraph(paragraphId, on) {
  if (paragraphId == null) return;
  $(`#article-body .para[data-id="${Number(paragraphId)}"]`)?.classList.toggle("linked", on);
}
