// The domain's words (claim statuses, ratings, sentiment labels, review states) and the
// verdict→rating rule, as the backend defines them: loaded once at start, never copied here.
// i18n.js only translates them.

import { api } from "./api.js";

let words = null;

/** Loads the vocabulary from the backend; call once before anything renders a menu. */
export async function loadVocabulary() {
  words = await api.vocabulary();
  return words;
}

/** The loaded vocabulary: `claim_statuses`, `review_keys`, `ratings`, `default_ratings`, … */
export function vocabulary() {
  if (!words) throw new Error("vocabulary not loaded yet");
  return words;
}

/** Claim statuses a person can filter by or give (every one but `suggested`). */
export const claimStatuses = () => vocabulary().claim_statuses.filter((k) => k !== "suggested");

/** The ClaimReview ratings, e.g. 属实, in order. */
export const ratings = () => vocabulary().ratings.map((r) => r.rating);

/** Whether an imported article's confidence is low enough to flag (the importer's own line). */
export const isLowConfidence = (confidence) => confidence != null && confidence < vocabulary().low_confidence;

/** The rating a verdict implies when the reviewer picks none, or undefined. */
export const defaultRating = (status) => vocabulary().default_ratings[status];
