// Claim spans in the reader: drawing stored spans (code points) over paragraph text, and
// reading the editor's selection back as code points. All offset conversion goes through
// offsets.js.

import { el, clear } from "./dom.js";
import { highlight } from "./list.js";
import { codePointToUtf16, utf16ToCodePoint } from "./offsets.js";

/**
 * Fills `node` with `text`, the claims of this paragraph drawn as <span class="claim …">
 * (coloured by status) and the search terms marked inside.
 */
export function renderParagraph(node, text, claims, terms) {
  clear(node);
  const cuts = new Set([0, text.length]);
  const spans = claims.map((c) => ({
    claim: c,
    from: codePointToUtf16(text, c.start),
    to: codePointToUtf16(text, c.end),
  }));
  for (const s of spans) {
    cuts.add(s.from);
    cuts.add(s.to);
  }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const segment = text.slice(a, b);
    const over = spans.find((s) => s.from <= a && b <= s.to);
    const holder = over
      ? el("span", { class: `claim claim-${over.claim.status}`, dataset: { claim: over.claim.id }, title: over.claim.status })
      : el("span");
    highlight(holder, segment, terms);
    node.append(holder);
  }
}

/** UTF-16 offset of (container, offset) from the start of `root`'s text. */
function offsetIn(root, container, offset) {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(container, offset);
  return range.toString().length;
}

/**
 * The current selection as a claim span: `{paragraphId, start, end}` in code points of the
 * paragraph's stored text, or null when nothing (or more than one paragraph) is selected.
 */
export function selectedSpan(paragraphText) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const para = (n) => (n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement)?.closest(".para");
  const start = para(range.startContainer);
  if (!start || start !== para(range.endContainer)) return null;
  const id = Number(start.dataset.id);
  const text = paragraphText(id);
  if (text == null) return null;
  let from = offsetIn(start, range.startContainer, range.startOffset);
  let to = offsetIn(start, range.endContainer, range.endOffset);
  // Leave out white space at the ends of the selection.
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (from >= to) return null;
  return { paragraphId: id, start: utf16ToCodePoint(text, from), end: utf16ToCodePoint(text, to) };
}

export { el };
