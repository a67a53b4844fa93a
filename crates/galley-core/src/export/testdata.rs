//! An annotated store for the export tests: the sample page plus rows written with SQL into
//! the annotation tables, with text that tests offsets (𠮷, emoji) and CSV (quotes, commas,
//! newlines, formula-looking cells).

use rusqlite::params;

use crate::import::{import, Options};
use crate::language::segmenter;
use crate::Store;

pub const TRICKY_TITLE: &str = "=HYPERLINK(\"http://x\",\"点我\")";
pub const TRICKY_PARAGRAPH: &str = "吉𠮷野家😀说：\"价格\"上涨，30%\n第二行";

/// A store with the sample digest (digest 1) and an extra digest (2, dated 2024-01-15) holding
/// one article with tricky text; annotations on both.
pub fn annotated_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let opts = Options {
        actor: "t".into(),
        ..Options::default()
    };
    import(&mut store, &segmenter(), &crate::sample::input(), &opts).unwrap();
    annotate(&store);
    store
}

pub fn annotate(store: &Store) {
    let c = store.conn();
    let first: i64 = c
        .query_row(
            "SELECT id FROM articles WHERE digest_id = 1 ORDER BY position LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let (pid, ptext): (i64, String) = c
        .query_row(
            "SELECT id, text FROM paragraphs WHERE article_id = ?1 ORDER BY position LIMIT 1",
            [first],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let span: String = ptext.chars().take(12).collect();
    c.execute_batch(&format!(
        "UPDATE articles SET review_state = 'approved' WHERE id = {first};
         INSERT INTO article_topics (article_id, topic_id, source, status, score, reasons, created_by, created_at)
           SELECT {first}, id, 'editor', 'accepted', 0.9, '[\"氢能\"]', 'editor-a', '2026-11-01T10:00:00Z'
           FROM topics WHERE code = 'desk:energy';
         INSERT INTO article_topics (article_id, topic_id, source, status, score, reasons, created_by, created_at)
           SELECT {first}, id, 'auto', 'suggested', 0.4, NULL, 'galley', '2026-11-01T10:00:00Z'
           FROM topics WHERE code = 'medtop:13000000';
         INSERT INTO sentiments (article_id, paragraph_id, label, score, source, status, created_by, created_at)
           VALUES ({first}, NULL, 'positive', 0.6, 'editor', 'accepted', 'editor-a', '2026-11-01T10:00:00Z');"
    ))
    .unwrap();
    c.execute(
        "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status, rating,
                             rating_value, reviewer, reviewed_at, created_by, created_at, updated_at)
         VALUES (?1, ?2, 0, 12, ?3, 'editor', 'verified', '属实', 5, '李编辑',
                 '2026-11-02T09:00:00Z', 'editor-a', '2026-11-01T10:00:00Z', '2026-11-02T09:00:00Z')",
        params![first, pid, span],
    )
    .unwrap();
    let claim = c.last_insert_rowid();
    c.execute(
        "INSERT INTO evidence (claim_id, url, quote, note, added_by, added_at)
         VALUES (?1, 'https://example.org/report', '官方通报', NULL, '李编辑', '2026-11-02T08:00:00Z')",
        [claim],
    )
    .unwrap();
    c.execute(
        "INSERT INTO notes (article_id, claim_id, body, author, created_at)
         VALUES (?1, ?2, '已电话核实', '李编辑', '2026-11-02T09:00:00Z'),
                (?1, NULL, '整篇可用', '王编辑', '2026-11-02T10:00:00Z')",
        params![first, claim],
    )
    .unwrap();
    c.execute(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, article_id)
         VALUES ('2026-11-02T09:00:00Z', '李编辑', 'review', 'claim', ?1, ?2)",
        params![claim, first],
    )
    .unwrap();

    // Digest 2: one article with astral characters, quotes, commas and a newline.
    c.execute(
        "INSERT INTO digests (name, issue_date, source_file, content_hash, imported_at)
         VALUES ('tricky', '2024-01-15', NULL, 'hash-tricky', '2026-11-01T00:00:00Z')",
        [],
    )
    .unwrap();
    let d2 = c.last_insert_rowid();
    c.execute(
        "INSERT INTO articles (digest_id, position, title, source_line, confidence, review_state, updated_at)
         VALUES (?1, 0, ?2, '据《科技日报》', 1.0, 'in_review', '2026-11-01T00:00:00Z')",
        params![d2, TRICKY_TITLE],
    )
    .unwrap();
    let a2 = c.last_insert_rowid();
    c.execute(
        "INSERT INTO article_outlets (article_id, position, name) VALUES (?1, 0, '科技日报')",
        [a2],
    )
    .unwrap();
    c.execute(
        "INSERT INTO paragraphs (article_id, position, kind, text) VALUES (?1, 0, 'lead', ?2)",
        params![a2, TRICKY_PARAGRAPH],
    )
    .unwrap();
    let p2 = c.last_insert_rowid();
    // 野家😀说: code points 2..6 (𠮷 and 😀 are one code point each, two UTF-16 units).
    let chars: Vec<char> = TRICKY_PARAGRAPH.chars().collect();
    let start = chars.iter().position(|&ch| ch == '野').unwrap();
    let end = chars.iter().position(|&ch| ch == '说').unwrap() + 1;
    let text: String = chars[start..end].iter().collect();
    c.execute(
        "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status, rating,
                             rating_value, reviewer, reviewed_at, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'editor', 'false', '-不实,\"误导\"', 1, '@王编辑',
                 '2026-11-03T09:00:00Z', 'editor-b', '2026-11-01T10:00:00Z', '2026-11-03T09:00:00Z')",
        params![a2, p2, start as i64, end as i64, text],
    )
    .unwrap();
    let c2 = c.last_insert_rowid();
    c.execute(
        "INSERT INTO evidence (claim_id, url, quote, note, added_by, added_at)
         VALUES (?1, NULL, '+1 是假的', '见\n原文', '王编辑', '2026-11-03T08:00:00Z')",
        [c2],
    )
    .unwrap();
    c.execute(
        "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status,
                             created_by, created_at, updated_at)
         VALUES (?1, ?2, 0, 2, '吉𠮷', 'auto', 'unverified', 'galley', '2026-11-01T10:00:00Z',
                 '2026-11-01T10:00:00Z')",
        params![a2, p2],
    )
    .unwrap();
    c.execute(
        "INSERT INTO sentiments (article_id, paragraph_id, start, end, label, score, source, status,
                                 created_by, created_at)
         VALUES (?1, ?2, 0, 2, 'negative', -0.5, 'auto', 'suggested', 'galley', '2026-11-01T10:00:00Z')",
        params![a2, p2],
    )
    .unwrap();
}

/// The id of the tricky article.
pub fn tricky_article(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT a.id FROM articles a JOIN digests d ON d.id = a.digest_id WHERE d.name = 'tricky'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}
