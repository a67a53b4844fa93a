//! What the annotation-tool formats (Label Studio, doccano) share: a text becomes an article
//! (its lines the paragraphs), span offsets into the whole text are mapped to code-point spans
//! of one paragraph, and labels become Galley annotations when the article is stored.
//!
//! | label (case-insensitive)                                   | becomes                       |
//! | ---------------------------------------------------------- | ----------------------------- |
//! | `positive` `negative` `neutral` `mixed`, 正面 负面 中性 …   | sentiment (choice: article; span: sentence) |
//! | `claim` 声明 核查 `check-worthy`                             | claim, status `unverified`    |
//! | a claim status (`verified` `false` …, 属实 不实 …)          | claim with that status        |
//! | `PER` `PERSON` 人名, `ORG` 机构, `LOC` `GPE` 地名, `MISC`    | entity                        |
//! | a topic code or label (`desk:energy`, 能源与氢能)           | topic (choices only)          |
//!
//! Labels from people are stored as accepted editor annotations; predictions as suggestions.

use rusqlite::Connection;

use crate::model::{
    ArticleDraft, ClaimStatus, EntityKind, Origin, ParagraphDraft, ParagraphKind, SentimentLabel,
    Source, SuggestionStatus,
};
use crate::store::{
    article_entities, article_topics, articles, claims, paragraphs, sentiments, topics,
};
use crate::Result;

/// How a tool counts offsets into a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetUnit {
    /// Unicode code points (Python's `str` indices; Galley's own unit).
    CodePoint,
    /// UTF-16 code units (JavaScript's `String` indices: 𠮷 and most emoji count 2).
    Utf16,
}

/// A text's code-point index for each UTF-16 offset, or `None` inside a surrogate pair.
pub fn utf16_to_code_point(text: &str, offset: usize) -> Option<usize> {
    let mut units = 0;
    for (i, ch) in text.chars().enumerate() {
        if units == offset {
            return Some(i);
        }
        units += ch.len_utf16();
        if units > offset {
            return None;
        }
    }
    (units == offset).then(|| text.chars().count())
}

/// Converts a span to code points, or `None` if it does not fit the text in that unit.
pub fn span_to_code_points(
    text: &str,
    start: usize,
    end: usize,
    unit: OffsetUnit,
) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    match unit {
        OffsetUnit::CodePoint => (end <= text.chars().count()).then_some((start, end)),
        OffsetUnit::Utf16 => Some((
            utf16_to_code_point(text, start)?,
            utf16_to_code_point(text, end)?,
        )),
    }
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// A raw span from a tool: offsets in the tool's unit, and the text it says it covers.
#[derive(Debug, Clone)]
pub struct RawSpan {
    /// Where the span starts, in the tool's unit.
    pub start: usize,
    /// Where the span ends (exclusive), in the tool's unit.
    pub end: usize,
    /// The span's label as the tool names it.
    pub label: String,
    /// The text the tool says the span covers, if it says.
    pub text: Option<String>,
}

/// Chooses the unit for one text's spans: one that fits every span (and reproduces the text
/// the tool recorded, when it did); the tool's `default` when both do.
pub fn choose_unit(text: &str, spans: &[RawSpan], default: OffsetUnit) -> OffsetUnit {
    let fits = |unit: OffsetUnit| {
        spans.iter().all(|s| {
            span_to_code_points(text, s.start, s.end, unit)
                .is_some_and(|(a, b)| s.text.as_deref().is_none_or(|t| slice(text, a, b) == t))
        })
    };
    let other = match default {
        OffsetUnit::CodePoint => OffsetUnit::Utf16,
        OffsetUnit::Utf16 => OffsetUnit::CodePoint,
    };
    if !fits(default) && fits(other) {
        other
    } else {
        default
    }
}

/// A span mapped onto one paragraph: code points into that paragraph's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Index into the article's paragraphs.
    pub paragraph: usize,
    /// The first code point of the span.
    pub start: usize,
    /// The code point just past the span.
    pub end: usize,
    /// The span's label as the tool names it.
    pub label: String,
}

/// The labels of one article, waiting to be stored with it.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// Document-level choices: `(control name, value)`.
    pub choices: Vec<(String, String)>,
    /// Labelled spans of the text, mapped onto paragraphs.
    pub spans: Vec<Span>,
    /// Labels made by people (`true`) or predictions (`false`: stored as suggestions).
    pub by_people: bool,
}

/// Builds an article from a labelled text: every non-blank line is a paragraph (the first the
/// lead). `title`: the tool's own title field, if any; else the first line when it is short and
/// followed by more text, else the first sentence (the text keeps that line either way).
pub fn article(
    title: Option<&str>,
    text: &str,
    spans: &[RawSpan],
    default_unit: OffsetUnit,
    where_: &str,
    warnings: &mut Vec<String>,
) -> Option<(ArticleDraft, Vec<Span>)> {
    // Lines with their code-point start in `text`, trimmed.
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut at = 0;
    for raw in text.split('\n') {
        let n = raw.chars().count();
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            lines.push((at + lead, trimmed.to_owned()));
        }
        at += n + 1;
    }
    if lines.is_empty() {
        warnings.push(format!("{where_}: no text; skipped"));
        return None;
    }
    // Without a title field the first line (or its first sentence) names the article, and
    // stays in the text: labels on it are kept.
    let explicit = title.map(str::trim).filter(|t| !t.is_empty());
    let title = match explicit {
        Some(t) => t.to_owned(),
        None if lines.len() > 1 && lines[0].1.chars().count() <= 60 => lines[0].1.clone(),
        None => first_sentence(&lines[0].1),
    };
    let unit = choose_unit(text, spans, default_unit);
    if unit != default_unit {
        warnings.push(format!(
            "{where_}: offsets read as {} (they do not fit as {})",
            unit_name(unit),
            unit_name(default_unit)
        ));
    }
    let mut out = Vec::new();
    for s in spans {
        let Some((a, b)) = span_to_code_points(text, s.start, s.end, unit) else {
            warnings.push(format!(
                "{where_}: span {}..{} ({}) is outside the text; skipped",
                s.start, s.end, s.label
            ));
            continue;
        };
        let Some(i) = lines
            .iter()
            .rposition(|(ls, l)| *ls <= a && a < ls + l.chars().count())
        else {
            warnings.push(format!(
                "{where_}: span {}..{} ({}) covers only blank text; skipped",
                s.start, s.end, s.label
            ));
            continue;
        };
        let (ls, line) = &lines[i];
        let len = line.chars().count();
        let end = (b - ls).min(len);
        if b - ls > len {
            warnings.push(format!(
                "{where_}: span {:?} ({}) runs past its paragraph; cut at the paragraph's end",
                slice(text, a, b),
                s.label
            ));
        }
        let (start, end) = crate::text::snap_to_graphemes(line, a - ls, end);
        if (start, end) != (a - ls, (b - ls).min(len)) {
            warnings.push(format!(
                "{where_}: span {:?} ({}) started or ended inside a character; widened to {:?}",
                slice(text, a, b),
                s.label,
                slice(line, start, end)
            ));
        }
        out.push(Span {
            paragraph: i,
            start,
            end,
            label: s.label.clone(),
        });
    }
    let paragraphs: Vec<ParagraphDraft> = lines
        .iter()
        .enumerate()
        .map(|(i, (_, t))| ParagraphDraft {
            kind: if i == 0 {
                ParagraphKind::Lead
            } else {
                ParagraphKind::Body
            },
            text: t.clone(),
        })
        .collect();
    Some((
        ArticleDraft {
            title,
            source: Source::default(),
            paragraphs,
            pull_quotes: Vec::new(),
            confidence: 1.0,
            warnings: Vec::new(),
        },
        out,
    ))
}

fn unit_name(u: OffsetUnit) -> &'static str {
    match u {
        OffsetUnit::CodePoint => "code points",
        OffsetUnit::Utf16 => "UTF-16 code units",
    }
}

fn first_sentence(line: &str) -> String {
    let mut out = String::new();
    for (i, ch) in line.chars().enumerate() {
        if i >= 40 {
            out.push('…');
            break;
        }
        if matches!(ch, '。' | '！' | '？' | '!' | '?') {
            break;
        }
        out.push(ch);
    }
    out
}

/// What a label means to Galley.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// A sentiment label.
    Sentiment(SentimentLabel),
    /// A claim, with the status the label implies.
    Claim(ClaimStatus),
    /// A named entity of this kind.
    Entity(EntityKind),
    /// A label Galley does not know.
    Unknown,
}

/// What a tool's label (English or Chinese, any case) means to Galley.
pub fn meaning(label: &str) -> Meaning {
    let l = label.trim().to_lowercase();
    match l.as_str() {
        "positive" | "pos" | "正面" | "积极" | "褒义" | "正向" => {
            Meaning::Sentiment(SentimentLabel::Positive)
        }
        "negative" | "neg" | "负面" | "消极" | "贬义" | "负向" => {
            Meaning::Sentiment(SentimentLabel::Negative)
        }
        "neutral" | "中性" | "中立" => Meaning::Sentiment(SentimentLabel::Neutral),
        "mixed" | "复杂" | "混合" => Meaning::Sentiment(SentimentLabel::Mixed),
        "claim" | "claims" | "声明" | "断言" | "核查" | "待核查" | "check-worthy"
        | "checkworthy" | "unverified" | "未核实" => Meaning::Claim(ClaimStatus::Unverified),
        "verified" | "true" | "属实" | "真实" => Meaning::Claim(ClaimStatus::Verified),
        "false" | "不实" | "虚假" | "错误" => Meaning::Claim(ClaimStatus::False),
        "undetermined" | "无法确定" | "存疑" => Meaning::Claim(ClaimStatus::Undetermined),
        "in_progress" | "in progress" | "核查中" => Meaning::Claim(ClaimStatus::InProgress),
        "not_applicable" | "not applicable" | "不适用" => {
            Meaning::Claim(ClaimStatus::NotApplicable)
        }
        "per" | "person" | "人名" | "人物" => Meaning::Entity(EntityKind::Person),
        "org" | "organization" | "organisation" | "机构" | "组织" | "组织机构" => {
            Meaning::Entity(EntityKind::Organization)
        }
        "loc" | "gpe" | "location" | "place" | "地名" | "地点" => {
            Meaning::Entity(EntityKind::Place)
        }
        "misc" | "其他" => Meaning::Entity(EntityKind::Other),
        _ => Meaning::Unknown,
    }
}

fn sentiment_score(label: SentimentLabel) -> f64 {
    match label {
        SentimentLabel::Positive => 1.0,
        SentimentLabel::Negative => -1.0,
        SentimentLabel::Neutral | SentimentLabel::Mixed => 0.0,
    }
}

/// Stores an article's labels; returns warnings for labels Galley has no place for.
pub fn store(
    conn: &Connection,
    article_id: i64,
    labels: &Labels,
    actor: &str,
    now: &str,
    where_: &str,
) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let (source, status) = if labels.by_people {
        (Origin::Editor.as_str(), SuggestionStatus::Accepted)
    } else {
        (Origin::Auto.as_str(), SuggestionStatus::Suggested)
    };
    let paragraph_ids = paragraphs::texts(conn, article_id)?;
    let mut stored = 0;
    for (control, value) in &labels.choices {
        let is_sentiment_control = {
            let c = control.to_lowercase();
            c.contains("sentiment") || c.contains("情感") || c.contains("tone")
        };
        match meaning(value) {
            Meaning::Sentiment(label) => {
                sentiments::insert(
                    conn,
                    &sentiments::SentimentRow {
                        article_id,
                        paragraph_id: None,
                        start: None,
                        end: None,
                        label,
                        score: sentiment_score(label),
                        source,
                        status,
                        reasons: &[],
                        created_by: actor,
                        created_at: now,
                    },
                )?;
                stored += 1;
            }
            _ if is_sentiment_control => {
                warnings.push(format!("{where_}: sentiment {value:?} is not one Galley knows (positive, neutral, negative, mixed); skipped"));
            }
            _ => match topics::find(conn, value.trim())? {
                Some(topic) => {
                    article_topics::insert(
                        conn,
                        &article_topics::TopicRow {
                            article_id,
                            topic_id: topic,
                            source,
                            status,
                            score: None,
                            reasons: &[],
                            created_by: actor,
                            created_at: now,
                        },
                    )?;
                    stored += 1;
                }
                None => warnings.push(format!(
                    "{where_}: choice {value:?} is neither a sentiment nor a known topic; skipped"
                )),
            },
        }
    }
    for s in &labels.spans {
        let Some((pid, ptext)) = paragraph_ids.get(s.paragraph) else {
            continue;
        };
        let text = slice(ptext, s.start, s.end);
        match meaning(&s.label) {
            Meaning::Sentiment(label) => {
                sentiments::insert(
                    conn,
                    &sentiments::SentimentRow {
                        article_id,
                        paragraph_id: Some(*pid),
                        start: Some(s.start as i64),
                        end: Some(s.end as i64),
                        label,
                        score: sentiment_score(label),
                        source,
                        status,
                        reasons: &[],
                        created_by: actor,
                        created_at: now,
                    },
                )?;
            }
            Meaning::Claim(claim_status) => {
                let claim_status = if labels.by_people {
                    claim_status
                } else {
                    ClaimStatus::Suggested
                };
                claims::insert_row(
                    conn,
                    &claims::ClaimRow {
                        article_id,
                        paragraph_id: *pid,
                        start: s.start as i64,
                        end: s.end as i64,
                        text: &text,
                        source,
                        status: claim_status,
                        score: None,
                        reasons: &[],
                        rating: None,
                        rating_value: None,
                        reviewer: None,
                        reviewed_at: None,
                        consistency: &[],
                        created_by: actor,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
            }
            Meaning::Entity(kind) => {
                article_entities::add_mention(
                    conn,
                    &article_entities::EntityRow {
                        article_id,
                        text: &text,
                        kind,
                        mentions: 1,
                        source,
                        status,
                        created_at: now,
                    },
                )?;
            }
            Meaning::Unknown => {
                warnings.push(format!(
                    "{where_}: label {:?} on {text:?} has no Galley meaning; skipped",
                    s.label
                ));
                continue;
            }
        }
        stored += 1;
    }
    if stored > 0 && labels.by_people {
        articles::mark_annotated_if_new(conn, article_id)?;
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_map_to_code_points() {
        let t = "吉𠮷野家😀说";
        // 吉(1) 𠮷(2) 野(1) 家(1) 😀(2) 说(1) in UTF-16.
        assert_eq!(utf16_to_code_point(t, 0), Some(0));
        assert_eq!(utf16_to_code_point(t, 1), Some(1));
        assert_eq!(utf16_to_code_point(t, 2), None, "inside 𠮷");
        assert_eq!(utf16_to_code_point(t, 3), Some(2));
        assert_eq!(utf16_to_code_point(t, 7), Some(5));
        assert_eq!(utf16_to_code_point(t, 8), Some(6));
        assert_eq!(utf16_to_code_point(t, 9), None);
        assert_eq!(
            span_to_code_points(t, 3, 8, OffsetUnit::Utf16),
            Some((2, 6))
        );
        assert_eq!(
            span_to_code_points(t, 2, 6, OffsetUnit::CodePoint),
            Some((2, 6))
        );
    }

    #[test]
    fn the_unit_follows_the_recorded_text() {
        let t = "吉𠮷野家😀说";
        let span = |s, e| RawSpan {
            start: s,
            end: e,
            label: "x".into(),
            text: Some("野家😀说".into()),
        };
        assert_eq!(
            choose_unit(t, &[span(3, 8)], OffsetUnit::CodePoint),
            OffsetUnit::Utf16
        );
        assert_eq!(
            choose_unit(t, &[span(2, 6)], OffsetUnit::Utf16),
            OffsetUnit::CodePoint
        );
    }

    #[test]
    fn lines_become_title_and_paragraphs_with_spans_mapped() {
        let text = "标题𠮷\n\n  第一段😀：甲说。\n第二段乙。";
        let spans = [RawSpan {
            // "甲说" in code points of the whole text: 标题𠮷\n\n␣␣第一段😀： = 3+2+2+5 = 12
            start: 12,
            end: 14,
            label: "claim".into(),
            text: None,
        }];
        let mut w = Vec::new();
        let (a, s) = article(None, text, &spans, OffsetUnit::CodePoint, "t", &mut w).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.title, "标题𠮷");
        assert_eq!(a.paragraphs.len(), 3);
        assert_eq!(a.paragraphs[1].text, "第一段😀：甲说。");
        assert_eq!(s[0].paragraph, 1);
        let p: Vec<char> = a.paragraphs[1].text.chars().collect();
        assert_eq!(p[s[0].start..s[0].end].iter().collect::<String>(), "甲说");
    }
}

#[cfg(test)]
mod store_tests {
    use crate::import::{import, Input, InputFormat, Options};
    use crate::language::segmenter;
    use crate::Store;

    fn import_text(name: &str, text: &str) -> (Store, crate::import::Report) {
        let mut store = Store::open_in_memory().unwrap();
        let input = Input {
            what: name.into(),
            source_file: Some(name.into()),
            bytes: text.as_bytes(),
        };
        let opts = Options {
            actor: "importer".into(),
            ..Options::default()
        };
        let r = import(&mut store, &segmenter(), &input, &opts).unwrap();
        (store, r)
    }

    fn claim(store: &Store) -> (String, i64, i64, String, String) {
        store
            .conn()
            .query_row(
                "SELECT c.text, c.start, c.end, p.text, c.status FROM claims c
                 JOIN paragraphs p ON p.id = c.paragraph_id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap()
    }

    fn check_span((text, start, end, para, _): &(String, i64, i64, String, String)) {
        let chars: Vec<char> = para.chars().collect();
        assert_eq!(
            &chars[*start as usize..*end as usize]
                .iter()
                .collect::<String>(),
            text
        );
    }

    #[test]
    fn label_studio_labels_become_annotations() {
        let export = r#"[{"id": 1, "data": {"text": "吉𠮷野家😀说：价格上涨。\n第二段，张三在北京。"},
          "annotations": [{"result": [
            {"from_name": "sentiment", "type": "choices", "value": {"choices": ["Negative"]}},
            {"from_name": "topic", "type": "choices", "value": {"choices": ["能源与氢能"]}},
            {"from_name": "label", "type": "labels",
             "value": {"start": 3, "end": 8, "text": "野家😀说", "labels": ["Claim"]}},
            {"from_name": "label", "type": "labels",
             "value": {"start": 19, "end": 21, "text": "张三", "labels": ["PER"]}},
            {"from_name": "label", "type": "labels",
             "value": {"start": 22, "end": 24, "text": "北京", "labels": ["Weird"]}}]}]}]"#;
        let (store, r) = import_text("ls.json", export);
        assert_eq!(r.format, Some(InputFormat::LabelStudio));
        let c = claim(&store);
        assert_eq!(c.0, "野家😀说");
        assert_eq!((c.1, c.2), (2, 6));
        assert_eq!(c.4, "unverified");
        check_span(&c);
        let conn = store.conn();
        let (label, status): (String, String) = conn
            .query_row(
                "SELECT label, status FROM sentiments WHERE paragraph_id IS NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((label.as_str(), status.as_str()), ("negative", "accepted"));
        let topic: String = conn
            .query_row(
                "SELECT t.code FROM article_topics at JOIN topics t ON t.id = at.topic_id",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(topic, "desk:energy");
        let person: String = conn
            .query_row(
                "SELECT text FROM article_entities WHERE kind = 'person'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(person, "张三");
        assert!(
            r.warnings.iter().any(|w| w.contains("Weird")),
            "{:?}",
            r.warnings
        );
        let state: String = conn
            .query_row("SELECT review_state FROM articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(state, "annotated");
    }

    #[test]
    fn doccano_spans_and_categories_become_annotations() {
        let jsonl = concat!(
            r#"{"id": 1, "text": "吉𠮷野家😀说：价格上涨。", "label": [[2, 6, "属实"]]}"#,
            "\n",
            r#"{"id": 2, "text": "另一篇新闻，语气正面。", "label": ["positive", "desk:space"]}"#,
            "\n"
        );
        let (store, r) = import_text("doccano.jsonl", jsonl);
        assert_eq!(r.format, Some(InputFormat::Doccano));
        assert_eq!(r.articles.len(), 2);
        let c = claim(&store);
        assert_eq!(c.0, "野家😀说");
        assert_eq!(c.4, "verified");
        check_span(&c);
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sentiments WHERE label = 'positive' AND paragraph_id IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
    }
}
