// The reviewers' queue: claims waiting for a verdict, across digests. Keyboard flow: J/K to
// move, 1–5 for the verdict, E for evidence, Enter to save and go to the next.

import { api } from "./api.js";
import { el, clear, $ } from "./dom.js";
import { t } from "./i18n.js";
import { codePointToUtf16 } from "./offsets.js";
import { claimStatuses, defaultRating, ratings, vocabulary } from "./vocabulary.js";


export class ReviewQueue {
  constructor({ onError, onSaved, me, unlessStale, inTurn }) {
    this.me = me; // the signed-in person's name
    // Sends a change with the version it was made from; asks "theirs or mine" when stale.
    this.unlessStale = unlessStale;
    // Runs a change after the window's changes before it (a key pressed at once waits its turn).
    this.inTurn = inTurn;
    this.items = [];
    this.at = -1;
    this.staged = null; // the verdict chosen for the current claim
    this.shown = null; // the claim whose verdict and evidence the form holds
    this.onError = onError;
    this.onSaved = onSaved;
    $("#verdict-save").addEventListener("click", () => this.save());
    $("#queue-status").addEventListener("change", () => this.load().catch(onError));
  }

  fillStatuses() {
    const s = t();
    const select = $("#queue-status");
    const chosen = select.value;
    clear(select).append(
      el("option", { value: "" }, s.allOpen),
      ...claimStatuses().map((k) => el("option", { value: k }, s.statuses[k] ?? k)),
    );
    select.value = chosen;
    const rating = $("#verdict-rating");
    clear(rating).append(el("option", { value: "" }, s.noRating), ...ratings().map((r) => el("option", { value: r }, r)));
  }

  async load(keepId = null) {
    const status = $("#queue-status").value || null;
    this.items = await api.reviewQueue({ status });
    $("#queue-count").textContent = t().articles(this.items.length).replace("篇", "条");
    const list = clear($("#queue"));
    this.items.forEach((item, i) => {
      const li = el(
        "li",
        { class: "queue-item", dataset: { claim: item.claim_id } },
        el("span", { class: `badge badge-${item.status}` }, t().statuses[item.status] ?? item.status),
        " ",
        el("span", { class: "claim-text" }, item.text),
        el("div", { class: "muted small" }, `${item.article_title} · ${item.digest_name}`, item.assigned_to ? el("span", { class: "assignee" }, ` → ${item.assigned_to}`) : null),
      );
      li.addEventListener("click", () => this.show(i));
      list.append(li);
    });
    const next = keepId == null ? 0 : Math.max(0, this.items.findIndex((x) => x.claim_id === keepId));
    $("#queue-empty").hidden = this.items.length > 0;
    $("#verdict").hidden = this.items.length === 0;
    if (this.items.length) this.show(Math.min(next, this.items.length - 1));
  }

  show(i) {
    if (i < 0 || i >= this.items.length) return;
    this.at = i;
    const s = t();
    const item = this.items[i];
    for (const li of document.querySelectorAll(".queue-item")) li.classList.toggle("selected", Number(li.dataset.claim) === item.claim_id);
    document.querySelector(".queue-item.selected")?.scrollIntoView({ block: "nearest" });
    $("#verdict-article").textContent = `${item.article_title} · ${item.digest_name}`;
    // The claim in its paragraph (offsets are code points).
    const text = item.paragraph_text;
    const [a, b] = [codePointToUtf16(text, item.start), codePointToUtf16(text, item.end)];
    clear($("#verdict-context")).append(text.slice(0, a), el("mark", { class: "claim-focus" }, text.slice(a, b)), text.slice(b));
    const findings = clear($("#verdict-findings"));
    const list = Array.isArray(item.consistency) ? item.consistency : [];
    if (list.length) findings.append(el("h3", {}, s.findings));
    for (const f of list) {
      const ok = f.status === "consistent";
      findings.append(el("p", { class: ok ? "finding ok" : "finding bad" }, `${ok ? "✓" : "⚠"} ${f.check ?? ""} ${f.detail ?? ""}`));
    }
    // The same claim drawn again (after A, or a change someone else made) keeps the verdict
    // chosen and the evidence typed but not yet saved.
    if (item.claim_id !== this.shown) {
      this.shown = item.claim_id;
      this.staged = null;
      $("#verdict-rating").value = item.rating ?? "";
      for (const id of ["#evidence-url", "#evidence-quote", "#evidence-note"]) $(id).value = "";
    }
    this.renderStatuses(item.status);
    clear($("#verdict-evidence")).append(
      ...item.evidence.map((e) => el("li", {}, [e.url, e.quote, e.note].filter(Boolean).join(" · "), el("span", { class: "muted" }, ` — ${e.added_by}`))),
    );
  }

  renderStatuses(current) {
    const s = t();
    const box = clear($("#verdict-statuses"));
    vocabulary().review_keys.forEach((k, i) => {
      const b = el("button", { type: "button", class: `status-btn ${k === (this.staged ?? current) ? "current" : ""}`, dataset: { status: k } }, `${i + 1} ${s.statuses[k]}`);
      b.addEventListener("click", () => this.stage(i));
      box.append(b);
    });
  }

  /** Number key `i + 1`: chooses the verdict (saved with Enter). */
  stage(i) {
    const item = this.items[this.at];
    const status = vocabulary().review_keys[i];
    if (!item || !status) return;
    this.staged = status;
    if (!$("#verdict-rating").value && defaultRating(status)) $("#verdict-rating").value = defaultRating(status);
    this.renderStatuses(item.status);
  }

  /** A: takes the current claim (or gives it back when it is already one's own), as the
   * queue shows it when its turn comes (A pressed twice takes it, then gives it back). */
  assign() {
    const item = this.items[this.at];
    const me = this.me();
    if (!item || !me) return;
    return this.inTurn(async () => {
      const holder = (this.items.find((i) => i.claim_id === item.claim_id) ?? item).assigned_to;
      try {
        await api.annotate({ op: "assign_claim", claim_id: item.claim_id, reviewer: holder === me ? null : me });
        await this.load(item.claim_id);
      } catch (err) {
        this.onError(err);
      }
    });
  }

  focusEvidence() {
    $("#evidence-url").focus();
  }

  move(step) {
    this.show(Math.min(this.items.length - 1, Math.max(0, this.at + step)));
  }

  /** Saves the evidence typed and the verdict chosen, then goes to the next claim. What is
   * saved is what the queue showed when Enter was pressed; it is sent once the changes before
   * it are done. */
  save() {
    const item = this.items[this.at];
    if (!item) return;
    const url = $("#evidence-url").value.trim();
    const quote = $("#evidence-quote").value.trim();
    const note = $("#evidence-note").value.trim();
    const rating = $("#verdict-rating").value || null;
    const changes = [];
    if (url || quote || note) changes.push({ op: "add_evidence", claim_id: item.claim_id, url: url || null, quote: quote || null, note: note || null });
    if (this.staged || rating !== (item.rating ?? null)) {
      changes.push({ op: "set_verdict", claim_id: item.claim_id, status: this.staged ?? item.status, rating, rating_value: null });
    }
    return this.inTurn(() => this.send(item, changes));
  }

  /** Sends a claim's changes, then shows the claim after it. */
  async send(item, changes) {
    try {
      // The first change is checked against the version the queue shows now (one's own
      // changes before it included; someone else may have given a verdict meanwhile); the
      // rest follow on from it.
      const at = this.items.findIndex((i) => i.claim_id === item.claim_id);
      let base = this.items[at]?.version ?? item.version;
      for (const change of changes) {
        const done = await this.unlessStale((b) => api.annotate(change, b), base, item.article_id);
        if (done === null) {
          this.shown = null; // theirs taken: show the claim as it is now, without mine
          return this.load(item.claim_id);
        }
        base = null;
      }
      const next = this.items[at + 1]?.claim_id ?? null;
      document.activeElement?.blur?.();
      this.shown = null; // saved: whatever claim comes next starts blank
      await this.load(next);
      this.onSaved?.();
    } catch (err) {
      this.onError(err);
    }
  }
}
