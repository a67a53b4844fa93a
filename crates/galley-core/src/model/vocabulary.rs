//! The domain's closed vocabularies, defined once: claim statuses, ClaimReview ratings,
//! sentiment labels, suggestion (topic, sentiment, entity, claim suggestion) statuses,
//! review states, paragraph kinds, who made an annotation, and entity kinds.
//!
//! Each is an enum whose stored spelling (snake_case, as in the SQL `CHECK`s and the JSON
//! documents) is given once, in the `vocabulary!` macro; serde, SQLite (`ToSql`/`FromSql`),
//! `FromStr`/`Display` (for clap and messages) and the `ALL` list all follow from it.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// A value that is not one of a vocabulary's words, or not a date: a one-line message
/// naming what is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl ParseError {
    /// `unknown claim status "x" (one of a, b, c)`.
    pub fn unknown(what: &str, value: &str, names: &[&str]) -> ParseError {
        ParseError(format!(
            "unknown {what} {value:?} (one of {})",
            names.join(", ")
        ))
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

impl From<ParseError> for crate::Error {
    fn from(e: ParseError) -> crate::Error {
        crate::Error::Invalid(e.to_string())
    }
}

/// Defines a closed vocabulary: `Variant = "stored spelling"`.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, schemars::JsonSchema,
        )]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every stored spelling, in the order of [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// What a value of this vocabulary is called in messages.
            pub const WHAT: &'static str = $what;

            /// The stored spelling.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value with this stored spelling.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::vocabulary::ParseError;

            /// The stored spelling; `-` may stand for `_` (`in-progress`), as on a command line.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                Self::parse(t)
                    .or_else(|| Self::parse(&t.replace('-', "_")))
                    .ok_or_else(|| {
                        $crate::model::vocabulary::ParseError::unknown($what, s, Self::NAMES)
                    })
            }
        }

        /// Compares with a stored spelling (`status == "accepted"`).
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::Borrowed(
                    rusqlite::types::ValueRef::Text(self.as_str().as_bytes()),
                ))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let s = value.as_str()?;
                Self::parse(s).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(Box::new(
                        $crate::model::vocabulary::ParseError::unknown($what, s, Self::NAMES),
                    ))
                })
            }
        }
    };
}

vocabulary! {
    /// Where a claim is in fact-checking: Meedan Check's statuses, plus `unverified` (a
    /// claim nobody has looked at) and `suggested` (allowed by the store, set by no verdict).
    pub enum ClaimStatus ("claim status") {
        /// Suggested as worth checking; the store allows it, no verdict sets it.
        Suggested = "suggested",
        /// Not checked yet.
        Unverified = "unverified",
        /// Looked at, and it can be neither confirmed nor refuted.
        Undetermined = "undetermined",
        /// Being checked.
        InProgress = "in_progress",
        /// Checked and true.
        Verified = "verified",
        /// Checked and false.
        False = "false",
        /// Not a claim that can be checked.
        NotApplicable = "not_applicable",
    }
}

impl ClaimStatus {
    /// The status in Chinese, as the readable export prints it.
    pub const fn zh(self) -> &'static str {
        match self {
            ClaimStatus::Suggested => "建议核查",
            ClaimStatus::Unverified => "未核实",
            ClaimStatus::Undetermined => "无法确定",
            ClaimStatus::InProgress => "核查中",
            ClaimStatus::Verified => "属实",
            ClaimStatus::False => "不实",
            ClaimStatus::NotApplicable => "不适用",
        }
    }

    /// The verdicts a reviewer gives in the queue, keys 1–5 in this order (Meedan Check's).
    pub const REVIEW_KEYS: &'static [ClaimStatus] = &[
        ClaimStatus::Undetermined,
        ClaimStatus::InProgress,
        ClaimStatus::Verified,
        ClaimStatus::False,
        ClaimStatus::NotApplicable,
    ];

    /// The statuses a reviewer's verdict can give (every one but `suggested`).
    pub const VERDICTS: &'static [ClaimStatus] = &[
        ClaimStatus::Unverified,
        ClaimStatus::Undetermined,
        ClaimStatus::InProgress,
        ClaimStatus::Verified,
        ClaimStatus::False,
        ClaimStatus::NotApplicable,
    ];

    /// The rating a verdict implies when the reviewer picks none: `verified` is 属实,
    /// `false` 不实, `undetermined` 无法证实; the others imply no rating.
    pub const fn default_rating(self) -> Option<Rating> {
        match self {
            ClaimStatus::Verified => Some(Rating::True),
            ClaimStatus::False => Some(Rating::False),
            ClaimStatus::Undetermined => Some(Rating::Unproven),
            _ => None,
        }
    }

    /// Whether a reviewer's verdict may set this status.
    pub fn is_verdict(self) -> bool {
        Self::VERDICTS.contains(&self)
    }
}

vocabulary! {
    /// ClaimReview textual ratings (the stored `claims.rating` of a known rating).
    pub enum Rating ("rating") {
        /// 属实: true.
        True = "属实",
        /// 部分属实: partly true.
        PartlyTrue = "部分属实",
        /// 误导: misleading.
        Misleading = "误导",
        /// 不实: false.
        False = "不实",
        /// 无法证实: cannot be proven either way.
        Unproven = "无法证实",
    }
}

impl Rating {
    /// The ClaimReview numeric rating: 1 worst, 5 best, 0 for 无法证实.
    pub const fn value(self) -> i64 {
        match self {
            Rating::True => 5,
            Rating::PartlyTrue => 3,
            Rating::Misleading => 2,
            Rating::False => 1,
            Rating::Unproven => 0,
        }
    }
}

vocabulary! {
    /// What a person may do in a shared workspace (the team server enforces it).
    pub enum Role ("role") {
        /// Everything, including people's accounts.
        Admin = "admin",
        /// Fixes structure and annotates.
        Editor = "editor",
        /// Gives verdicts on claims, with evidence.
        Reviewer = "reviewer",
        /// Browses and exports.
        ReadOnly = "read_only",
    }
}

vocabulary! {
    /// A model the desk's own decisions correct (`desk_examples.kind`; topics learn apart).
    pub enum DeskModelKind ("learned model") {
        /// Check-worthiness: accepted and rejected claim suggestions, claims marked by hand.
        Claims = "claims",
        /// Tone: accepted, rejected and corrected sentiments of articles and sentences.
        Sentiment = "sentiment",
    }
}

vocabulary! {
    /// The tone of an article or a sentence.
    pub enum SentimentLabel ("sentiment") {
        /// Favourable.
        Positive = "positive",
        /// Neither favourable nor unfavourable.
        Neutral = "neutral",
        /// Unfavourable.
        Negative = "negative",
        /// Favourable and unfavourable at once.
        Mixed = "mixed",
    }
}

impl SentimentLabel {
    /// The label in Chinese, as the readable export prints it.
    pub const fn zh(self) -> &'static str {
        match self {
            SentimentLabel::Positive => "正面",
            SentimentLabel::Negative => "负面",
            SentimentLabel::Neutral => "中性",
            SentimentLabel::Mixed => "复杂",
        }
    }

    /// The score stored with an editor's own judgement of the tone.
    pub const fn editor_score(self) -> f64 {
        match self {
            SentimentLabel::Positive => 0.6,
            SentimentLabel::Negative => -0.6,
            SentimentLabel::Neutral | SentimentLabel::Mixed => 0.0,
        }
    }
}

vocabulary! {
    /// The editor's decision on something Galley suggested: a topic of an article, a
    /// sentiment, an entity, a check-worthy sentence.
    pub enum SuggestionStatus ("status") {
        /// Proposed, not yet decided.
        Suggested = "suggested",
        /// Accepted by an editor.
        Accepted = "accepted",
        /// Rejected by an editor.
        Rejected = "rejected",
    }
}

/// The status of a topic of an article (`article_topics.status`).
pub type TopicStatus = SuggestionStatus;

vocabulary! {
    /// What a person's own label of an article is about (compared between people for
    /// agreement).
    pub enum JudgementKind ("judgement kind") {
        /// Whether one topic applies: value `yes` or `no`.
        Topic = "topic",
        /// The article's tone: value a sentiment label.
        Sentiment = "sentiment",
    }
}

vocabulary! {
    /// Who made an annotation: Galley (`auto`) or an editor.
    pub enum Origin ("source") {
        /// Made by Galley.
        Auto = "auto",
        /// Made by an editor.
        Editor = "editor",
    }
}

vocabulary! {
    /// What kind of thing a named entity is.
    pub enum EntityKind ("entity kind") {
        /// A person.
        Person = "person",
        /// An organisation: a company, a party, a government body.
        Organization = "organization",
        /// A place.
        Place = "place",
        /// Anything else.
        Other = "other",
    }
}

vocabulary! {
    /// What a box on an imported page holds.
    pub enum BoxRole ("box role") {
        /// An article's headline.
        Title = "title",
        /// A paragraph (lead, body text or heading) of an article.
        Paragraph = "paragraph",
        /// A pull quote of an article.
        PullQuote = "pull_quote",
        /// An article's source line.
        Source = "source",
        /// Page furniture (running heads, page numbers, bylines set aside).
        Furniture = "furniture",
    }
}

vocabulary! {
    /// The role of a paragraph inside an article.
    pub enum ParagraphKind ("paragraph kind") {
        /// The opening paragraph.
        Lead = "lead",
        /// A paragraph of body text.
        Body = "body",
        /// A heading inside the article.
        Heading = "heading",
    }
}

vocabulary! {
    /// Where an article is in the editorial workflow.
    pub enum ReviewState ("review state") {
        /// Imported, not yet annotated.
        New = "new",
        /// Annotated, not yet sent for review.
        Annotated = "annotated",
        /// Waiting for or in review.
        InReview = "in_review",
        /// Reviewed and approved.
        Approved = "approved",
    }
}

impl ReviewState {
    /// The state in Chinese, as the readable export prints it.
    pub const fn zh(self) -> &'static str {
        match self {
            ReviewState::New => "新导入",
            ReviewState::Annotated => "已标注",
            ReviewState::InReview => "审核中",
            ReviewState::Approved => "已通过",
        }
    }
}

/// A rating with its numeric value, as the UI lists it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RatingEntry {
    /// The textual rating.
    pub rating: Rating,
    /// Its ClaimReview numeric value: 1 worst, 5 best, 0 for 无法证实.
    pub value: i64,
}

/// An imported article whose confidence is below this is flagged for checking: by the
/// importer's warnings, the CLI's `LOW` and the window's ⚠. The import's calibration is
/// measured at this line (`tests/pdf_pages.rs`).
pub const LOW_CONFIDENCE: f64 = 0.6;

/// Every vocabulary and the verdict → rating rule, in one document for the UI.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Vocabulary {
    /// Every claim status.
    pub claim_statuses: &'static [ClaimStatus],
    /// The statuses a verdict can give.
    pub verdict_statuses: &'static [ClaimStatus],
    /// The verdicts of the review queue's number keys 1–5, in order.
    pub review_keys: &'static [ClaimStatus],
    /// Every rating with its numeric value.
    pub ratings: Vec<RatingEntry>,
    /// The rating a verdict implies when the reviewer picks none.
    pub default_ratings: BTreeMap<ClaimStatus, Rating>,
    /// Every sentiment label.
    pub sentiment_labels: &'static [SentimentLabel],
    /// Every review state.
    pub review_states: &'static [ReviewState],
    /// What people may be: admin, editor, reviewer, read only.
    pub roles: &'static [Role],
    /// Every status of a topic of an article.
    pub topic_statuses: &'static [TopicStatus],
    /// Every status of a suggestion.
    pub suggestion_statuses: &'static [SuggestionStatus],
    /// Every paragraph kind.
    pub paragraph_kinds: &'static [ParagraphKind],
    /// What a box on an imported page holds.
    pub box_roles: &'static [BoxRole],
    /// Every entity kind.
    pub entity_kinds: &'static [EntityKind],
    /// Who can make an annotation: Galley (`auto`) or an editor.
    pub sources: &'static [Origin],
    /// Below this confidence an imported article is flagged ([`LOW_CONFIDENCE`]).
    pub low_confidence: f64,
}

impl Vocabulary {
    /// Every vocabulary, gathered.
    pub fn get() -> Vocabulary {
        Vocabulary {
            claim_statuses: ClaimStatus::ALL,
            verdict_statuses: ClaimStatus::VERDICTS,
            review_keys: ClaimStatus::REVIEW_KEYS,
            ratings: Rating::ALL
                .iter()
                .map(|&rating| RatingEntry {
                    rating,
                    value: rating.value(),
                })
                .collect(),
            default_ratings: ClaimStatus::ALL
                .iter()
                .filter_map(|&s| s.default_rating().map(|r| (s, r)))
                .collect(),
            sentiment_labels: SentimentLabel::ALL,
            review_states: ReviewState::ALL,
            roles: Role::ALL,
            topic_statuses: TopicStatus::ALL,
            suggestion_statuses: SuggestionStatus::ALL,
            paragraph_kinds: ParagraphKind::ALL,
            box_roles: BoxRole::ALL,
            entity_kinds: EntityKind::ALL,
            sources: Origin::ALL,
            low_confidence: LOW_CONFIDENCE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip_through_every_form() {
        fn check<T>(all: &[T], names: &[&str])
        where
            T: Copy
                + PartialEq
                + fmt::Debug
                + fmt::Display
                + std::str::FromStr
                + Serialize
                + serde::de::DeserializeOwned,
            <T as std::str::FromStr>::Err: fmt::Debug,
        {
            assert_eq!(all.len(), names.len());
            for (v, name) in all.iter().zip(names) {
                assert_eq!(v.to_string(), *name);
                assert_eq!(name.parse::<T>().unwrap(), *v);
                let json = serde_json::to_string(v).unwrap();
                assert_eq!(json, format!("\"{name}\""));
                assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
            }
        }
        check(ClaimStatus::ALL, ClaimStatus::NAMES);
        check(Rating::ALL, Rating::NAMES);
        check(SentimentLabel::ALL, SentimentLabel::NAMES);
        check(SuggestionStatus::ALL, SuggestionStatus::NAMES);
        check(Origin::ALL, Origin::NAMES);
        check(EntityKind::ALL, EntityKind::NAMES);
        check(ParagraphKind::ALL, ParagraphKind::NAMES);
        check(BoxRole::ALL, BoxRole::NAMES);
        check(ReviewState::ALL, ReviewState::NAMES);
        assert_eq!("in-progress".parse(), Ok(ClaimStatus::InProgress));
        let e = "probably".parse::<ClaimStatus>().unwrap_err().to_string();
        assert_eq!(
            e,
            "unknown claim status \"probably\" (one of suggested, unverified, undetermined, \
             in_progress, verified, false, not_applicable)"
        );
        assert!(ClaimStatus::Verified == "verified" && "false" == ClaimStatus::False);
    }

    #[test]
    fn the_vocabulary_document_lists_everything_and_the_verdict_rule() {
        let v = serde_json::to_value(Vocabulary::get()).unwrap();
        assert_eq!(v["claim_statuses"].as_array().unwrap().len(), 7);
        assert_eq!(
            v["verdict_statuses"],
            serde_json::json!([
                "unverified",
                "undetermined",
                "in_progress",
                "verified",
                "false",
                "not_applicable"
            ])
        );
        assert_eq!(
            v["ratings"],
            serde_json::json!([
                {"rating": "属实", "value": 5},
                {"rating": "部分属实", "value": 3},
                {"rating": "误导", "value": 2},
                {"rating": "不实", "value": 1},
                {"rating": "无法证实", "value": 0},
            ])
        );
        // The rule ui/review.js applied on its own: a verdict implies a rating.
        assert_eq!(
            v["default_ratings"],
            serde_json::json!({"undetermined": "无法证实", "verified": "属实", "false": "不实"})
        );
        assert_eq!(
            v["sentiment_labels"],
            serde_json::json!(["positive", "neutral", "negative", "mixed"])
        );
        assert_eq!(
            v["review_states"],
            serde_json::json!(["new", "annotated", "in_review", "approved"])
        );
        assert_eq!(
            v["topic_statuses"],
            serde_json::json!(["suggested", "accepted", "rejected"])
        );
        assert_eq!(
            v["paragraph_kinds"],
            serde_json::json!(["lead", "body", "heading"])
        );
    }
}
