//! Migrations. Append new ones; never edit a published one.

use rusqlite_migration::{Migrations, M};

/// Every migration of the schema, in order.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/001_initial.sql")),
        M::up(include_str!(
            "../../migrations/002_furniture_and_history.sql"
        )),
        M::up(include_str!("../../migrations/003_language.sql")),
        M::up(include_str!("../../migrations/004_people.sql")),
        M::up(include_str!("../../migrations/005_export_indexes.sql")),
        M::up(include_str!("../../migrations/006_pending_suggestions.sql")),
        M::up(include_str!("../../migrations/007_accounts.sql")),
        M::up(include_str!("../../migrations/008_learning.sql")),
        M::up(include_str!("../../migrations/009_page_boxes.sql")),
        M::up(include_str!("../../migrations/010_topic_terms.sql")),
        M::up(include_str!("../../migrations/011_page_files.sql")),
        M::up(include_str!("../../migrations/012_article_versions.sql")),
        M::up(include_str!("../../migrations/013_claim_assignment.sql")),
        M::up(include_str!("../../migrations/014_judgements.sql")),
        M::up(include_str!("../../migrations/015_desk_models.sql")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    /// The schema as SQLite stores it, so every change to it shows in review.
    #[test]
    fn schema_snapshot() {
        let store = crate::Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT type, name, sql FROM sqlite_schema
                 WHERE sql IS NOT NULL AND name NOT LIKE 'article_search_%'
                 ORDER BY type, name",
            )
            .unwrap();
        let schema: Vec<String> = stmt
            .query_map([], |r| {
                Ok(format!(
                    "-- {} {}\n{};",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        insta::assert_snapshot!(schema.join("\n\n"));
    }

    /// Every value of every vocabulary is accepted by the `CHECK` of its column, so the Rust
    /// enums and the SQL cannot drift apart.
    #[test]
    fn every_vocabulary_value_passes_its_sql_check() {
        use crate::model::{
            ClaimStatus, EntityKind, Origin, ParagraphKind, ReviewState, SentimentLabel,
            SuggestionStatus,
        };
        use rusqlite::params;

        let store = crate::Store::open_in_memory().unwrap();
        let c = store.conn();
        let t = "2026-01-01T00:00:00Z";
        c.execute(
            "INSERT INTO digests (name, content_hash, imported_at) VALUES ('d', 'h', ?1)",
            [t],
        )
        .unwrap();
        let digest = c.last_insert_rowid();
        c.execute(
            "INSERT INTO articles (digest_id, position, title, updated_at) VALUES (?1, 0, 'a', ?2)",
            params![digest, t],
        )
        .unwrap();
        let article = c.last_insert_rowid();
        for state in ReviewState::ALL {
            c.execute(
                "UPDATE articles SET review_state = ?2 WHERE id = ?1",
                params![article, state],
            )
            .unwrap_or_else(|e| panic!("review state {state}: {e}"));
        }
        for (i, kind) in ParagraphKind::ALL.iter().enumerate() {
            c.execute(
                "INSERT INTO paragraphs (article_id, position, kind, text) VALUES (?1, ?2, ?3, 'p')",
                params![article, i as i64, kind],
            )
            .unwrap_or_else(|e| panic!("paragraph kind {kind}: {e}"));
        }
        let paragraph = c.last_insert_rowid();
        for kind in crate::model::JudgementKind::ALL {
            c.execute(
                "INSERT INTO judgements (article_id, person, kind, label, value, at)
                 VALUES (?1, 'p', ?2, '', 'yes', ?3)",
                params![article, kind, t],
            )
            .unwrap_or_else(|e| panic!("judgement kind {kind}: {e}"));
        }
        for status in ClaimStatus::ALL {
            for source in Origin::ALL {
                c.execute(
                    "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status,
                                         created_by, created_at, updated_at)
                     VALUES (?1, ?2, 0, 1, 'p', ?3, ?4, 't', ?5, ?5)",
                    params![article, paragraph, source, status, t],
                )
                .unwrap_or_else(|e| panic!("claim status {status}, source {source}: {e}"));
            }
        }
        for label in SentimentLabel::ALL {
            for status in SuggestionStatus::ALL {
                for source in Origin::ALL {
                    c.execute(
                        "INSERT INTO sentiments (article_id, label, score, source, status, created_by, created_at)
                         VALUES (?1, ?2, 0, ?3, ?4, 't', ?5)",
                        params![article, label, source, status, t],
                    )
                    .unwrap_or_else(|e| panic!("sentiment {label} {status} {source}: {e}"));
                }
            }
        }
        for (i, status) in SuggestionStatus::ALL.iter().enumerate() {
            c.execute(
                "INSERT INTO topics (code, label_zh, label_en) VALUES (?1, 'z', 'e')",
                [format!("test:{i}")],
            )
            .unwrap();
            let topic = c.last_insert_rowid();
            for (j, source) in Origin::ALL.iter().enumerate() {
                if j > 0 {
                    c.execute("DELETE FROM article_topics WHERE topic_id = ?1", [topic])
                        .unwrap();
                }
                c.execute(
                    "INSERT INTO article_topics (article_id, topic_id, source, status, created_by, created_at)
                     VALUES (?1, ?2, ?3, ?4, 't', ?5)",
                    params![article, topic, source, status, t],
                )
                .unwrap_or_else(|e| panic!("topic status {status} {source}: {e}"));
            }
            c.execute(
                "INSERT INTO claim_suggestions (article_id, paragraph_id, start, end, text, rank, score,
                     reasons, consistency, status, created_by, created_at)
                 VALUES (?1, ?2, 0, 1, 'p', 0, 0, '[]', '[]', ?3, 't', ?4)",
                params![article, paragraph, status, t],
            )
            .unwrap_or_else(|e| panic!("claim suggestion status {status}: {e}"));
        }
        for (i, kind) in EntityKind::ALL.iter().enumerate() {
            for (j, status) in SuggestionStatus::ALL.iter().enumerate() {
                for source in Origin::ALL {
                    c.execute(
                        "INSERT INTO article_entities (article_id, text, kind, mentions, source, status, created_at)
                         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)",
                        params![article, format!("e{i}{j}{source}"), kind, source, status, t],
                    )
                    .unwrap_or_else(|e| panic!("entity {kind} {status} {source}: {e}"));
                }
            }
        }
        // And the CHECKs do refuse what is not in a vocabulary.
        assert!(c
            .execute(
                "UPDATE claims SET status = 'probably' WHERE article_id = ?1",
                [article]
            )
            .is_err());
    }
}
