// The annotation panel: topics, sentiment, claims and notes of the article in the reader.

import { api } from "./api.js";
import { el, clear, $ } from "./dom.js";
import { t, currentLang } from "./i18n.js";

/** Draws the panel for `a` (the article's annotations). `act(annotation)` applies a change. */
export function renderAnnotations(a, act) {
  const s = t();
  const en = currentLang() === "en";

  // Topics: accepted ones solid, suggested ones dashed with their score; click to decide.
  const topics = clear($("#topics"));
  for (const tp of a.topics.filter((x) => x.status !== "rejected")) {
    const label = en ? tp.label_en : tp.label_zh;
    const chip = el(
      "span",
      { class: `chip chip-${tp.status}`, dataset: { topic: tp.topic_id, code: tp.code }, title: tp.reasons.length ? s.because + tp.reasons.join("、") : tp.code },
      label,
      tp.status === "suggested" && tp.score != null ? el("small", {}, ` ${tp.score.toFixed(2)}`) : null,
    );
    if (tp.status === "suggested") {
      chip.append(
        button("✓", s.accept, () => act({ op: "decide_topic", article_id: a.article_id, topic_id: tp.topic_id, accept: true }), "accept"),
        button("✗", s.reject, () => act({ op: "decide_topic", article_id: a.article_id, topic_id: tp.topic_id, accept: false }), "reject"),
      );
    } else {
      chip.append(button("✗", s.remove, () => act({ op: "remove_topic", article_id: a.article_id, topic_id: tp.topic_id }), "remove"));
    }
    topics.append(chip);
  }

  // Sentiment: the suggestion with its reasons, or the editor's judgement; four labels to choose.
  const box = clear($("#sentiment"));
  const current = a.sentiments.find((x) => x.status === "accepted") ?? a.sentiments.find((x) => x.status === "suggested");
  if (current) {
    box.append(
      el(
        "p",
        { class: `sentiment-current sentiment-${current.label} status-${current.status}` },
        `${s.sentimentLabels[current.label]} ${current.score.toFixed(2)}`,
        current.status === "suggested" ? el("small", {}, ` · ${s.suggested}`) : null,
      ),
    );
    if (current.reasons.length) box.append(el("p", { class: "reasons muted" }, s.because + current.reasons.join("、")));
    if (current.status === "suggested") {
      box.append(button(`✓ ${s.accept}`, s.accept, () => act({ op: "decide_sentiment", sentiment_id: current.id, accept: true }), "accept wide"));
    }
  }
  const labels = el("div", { class: "sentiment-labels" });
  for (const label of ["positive", "neutral", "negative", "mixed"]) {
    const on = current?.status === "accepted" && current.label === label;
    labels.append(button(s.sentimentLabels[label], s.sentimentLabels[label], () => act({ op: "set_sentiment", article_id: a.article_id, label }), on ? "label on" : "label"));
  }
  box.append(labels);

  // Claims: the marked ones with their status, then the suggestions waiting for a decision.
  const claims = clear($("#claims"));
  if (!a.claims.length) claims.append(el("li", { class: "muted" }, s.noClaims));
  for (const c of a.claims) {
    claims.append(
      el(
        "li",
        { class: `claim-item status-${c.status}`, dataset: { claim: c.id } },
        el("span", { class: `badge badge-${c.status}` }, s.statuses[c.status] ?? c.status),
        c.rating ? el("span", { class: "badge rating" }, c.rating) : null,
        " ",
        el("span", { class: "claim-text" }, c.text),
        button("✗", s.remove, () => act({ op: "delete_claim", claim_id: c.id }), "remove"),
      ),
    );
  }
  const pending = clear($("#claim-suggestions"));
  for (const c of a.claim_suggestions) {
    pending.append(
      el(
        "li",
        { class: "claim-item suggested", dataset: { suggestion: c.id }, title: s.because + c.reasons.join("、") },
        el("span", { class: "badge badge-suggested" }, `${s.suggested} ${c.score.toFixed(2)}`),
        " ",
        el("span", { class: "claim-text" }, c.text),
        button("✓", s.accept, () => act({ op: "accept_claim", suggestion_id: c.id }), "accept"),
        button("✗", s.reject, () => act({ op: "reject_claim", suggestion_id: c.id }), "reject"),
      ),
    );
  }

  const notes = clear($("#notes"));
  for (const n of a.notes) notes.append(el("li", {}, el("span", { class: "who" }, n.author), " ", n.body));
}

function button(label, title, onClick, cls = "") {
  const b = el("button", { type: "button", class: `tiny-btn ${cls}`, title, "aria-label": title }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** Lets the editor pick a topic from the taxonomy (not retired). */
export async function topicOptions() {
  const en = currentLang() === "en";
  const topics = await api.topics();
  return topics
    .filter((x) => !x.retired_at && !x.retired)
    .map((x) => ({ value: x.code, label: `${en ? x.label_en : x.label_zh} (${x.code})` }));
}
