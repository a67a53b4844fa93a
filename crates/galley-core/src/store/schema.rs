//! Migrations. Append new ones; never edit a published one.

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult, Migrations, M};

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
        M::up_with_hook(
            include_str!("../../migrations/016_checks_without_in_lists.sql"),
            checks_without_in_lists,
        ),
    ])
}

/// Fewest values in a list SQLite tests through a temporary b-tree (two are compared in turn).
const MIN_LISTED: usize = 3;

/// Migration 16: every table's `column IN ('a', 'b', 'c')` check becomes
/// `(column = 'a' OR column = 'b' OR column = 'c')`, the same constraint, by the procedure
/// SQLite documents for changes that leave the stored rows as they are: the tables' SQL is
/// rewritten in `sqlite_schema` and the schema version bumped, in the migration's transaction.
fn checks_without_in_lists(tx: &Transaction) -> HookResult {
    let tables: Vec<(String, String)> = tx
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK%'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let changed: Vec<(String, String)> = tables
        .into_iter()
        .filter_map(|(name, sql)| {
            let rewritten = in_lists_as_comparisons(&sql);
            (rewritten != sql).then_some((name, rewritten))
        })
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA writable_schema = ON")?;
    for (name, sql) in &changed {
        tx.execute(
            "UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1",
            (name, sql),
        )?;
    }
    tx.execute_batch(&format!(
        "PRAGMA schema_version = {}; PRAGMA writable_schema = OFF;",
        version + 1
    ))?;
    let check: String = tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(HookError::Hook(format!("integrity check: {check}")));
    }
    Ok(())
}

/// A table's SQL with each `column IN (v1, v2, …)` of `MIN_LISTED` or more plain values
/// (quoted words or numbers) written as `(column = v1 OR column = v2 OR …)`.
pub fn in_lists_as_comparisons(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 64);
    let mut rest = sql;
    while let Some(at) = rest.find(" IN (") {
        let (before, after) = rest.split_at(at);
        let list_start = " IN (".len();
        let Some(close) = after[list_start..].find(')') else {
            break;
        };
        let list = &after[list_start..list_start + close];
        let column = before
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("");
        let values: Vec<&str> = list.split(',').map(str::trim).collect();
        let plain = |v: &&str| {
            let word = v.strip_prefix('\'').and_then(|v| v.strip_suffix('\''));
            word.unwrap_or(v)
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !v.is_empty()
        };
        // `x NOT IN (…)` is left as written: its word before the list is no column.
        let negated = column.eq_ignore_ascii_case("not");
        if column.is_empty() || negated || values.len() < MIN_LISTED || !values.iter().all(plain) {
            out.push_str(&rest[..at + list_start]);
            rest = &rest[at + list_start..];
            continue;
        }
        let column_at = before.len() - column.len();
        out.push_str(&before[..column_at]);
        let tests: Vec<String> = values.iter().map(|v| format!("{column} = {v}")).collect();
        out.push('(');
        out.push_str(&tests.join(" OR "));
        out.push(')');
        rest = &after[list_start + close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn lists_of_three_or_more_become_comparisons() {
        assert_eq!(
            in_lists_as_comparisons("status TEXT CHECK (status IN ('a', 'b',\n 'c')),"),
            "status TEXT CHECK ((status = 'a' OR status = 'b' OR status = 'c')),"
        );
        assert_eq!(
            in_lists_as_comparisons("CHECK (x IS NULL OR x IN ('a', 'b', 'c'))"),
            "CHECK (x IS NULL OR (x = 'a' OR x = 'b' OR x = 'c'))"
        );
        // Two values are compared in turn already; anything but plain values is left.
        let kept = "CHECK (p IN (0, 1)) CHECK (q IN (SELECT id FROM t, u, v)) \
                    CHECK (r NOT IN ('a', 'b', 'c'))";
        assert_eq!(in_lists_as_comparisons(kept), kept);
    }

    /// No table's check tests a list through a temporary b-tree on every write.
    #[test]
    fn no_check_lists_three_values() {
        let store = crate::Store::open_in_memory().unwrap();
        let sqls: Vec<String> = store
            .conn()
            .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for sql in sqls {
            assert_eq!(in_lists_as_comparisons(&sql), sql);
        }
    }

    /// A database written before migration 16 keeps its rows, and its checks still refuse
    /// what they refused.
    #[test]
    fn migration_16_keeps_the_rows() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrations().to_version(&mut conn, 15).unwrap();
        conn.execute_batch(
            "INSERT INTO digests (name, content_hash, imported_at) VALUES ('d', 'h', 't');
             INSERT INTO articles (digest_id, position, title, updated_at) VALUES (1, 0, '标题', 't');
             INSERT INTO sentiments (article_id, label, score, source, status, created_by, created_at)
             VALUES (1, 'mixed', 0.1, 'auto', 'suggested', 'galley', 't');",
        )
        .unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let label: String = conn
            .query_row("SELECT label FROM sentiments", [], |r| r.get(0))
            .unwrap();
        assert_eq!(label, "mixed");
        let bad = conn.execute("UPDATE sentiments SET label = 'glad'", []);
        assert!(bad.is_err());
        conn.execute("UPDATE sentiments SET label = 'negative'", [])
            .unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
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
