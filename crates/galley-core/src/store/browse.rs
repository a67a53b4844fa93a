//! The article list of the workspace: filtered, searched and paged across digests, so the
//! window stays fast with 100,000 articles (it only ever asks for one screenful).

use jieba_rs::Jieba;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};

use crate::model::{ClaimStatus, ReviewState, SentimentLabel};
use crate::text::search_tokens;
use crate::Result;

/// Which articles to list. Every field narrows the list; an empty filter lists everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct ArticleFilter {
    /// Only articles of this digest.
    pub digest_id: Option<i64>,
    /// Only articles in this review state.
    pub review_state: Option<ReviewState>,
    /// A topic code (e.g. `medtop:13000000`), accepted or suggested (not rejected).
    pub topic: Option<String>,
    /// An article sentiment label (`positive`, `neutral`, `negative`, `mixed`), not rejected.
    pub sentiment: Option<SentimentLabel>,
    /// Articles with at least one claim in this status.
    pub claim_status: Option<ClaimStatus>,
    /// Words to find (segmented with jieba like the index); all must occur.
    pub text: Option<String>,
}

/// One article of a list, with its digest.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ListedArticle {
    /// The article's id.
    pub id: i64,
    /// The digest it belongs to.
    pub digest_id: i64,
    /// The digest's name.
    pub digest_name: String,
    /// The article's place in its digest.
    pub position: i64,
    /// The title as printed.
    pub title: String,
    /// The attribution line as printed, if any.
    pub source_line: Option<String>,
    /// Where the article is in the editorial workflow.
    pub review_state: ReviewState,
    /// 0..=1: how sure the importer was that the article is whole and correct.
    pub confidence: Option<f64>,
    /// How many claims the article has.
    pub claims: i64,
}

/// One page of a filtered article list.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ArticlePage {
    /// How many articles match in all.
    pub total: i64,
    /// How many matching articles come before this page.
    pub offset: i64,
    /// The articles of this page.
    pub items: Vec<ListedArticle>,
    /// The words searched for, as segmented: the UI highlights them.
    pub terms: Vec<String>,
}

/// One page of matching articles: newest digest first, then page order.
pub fn query(
    conn: &Connection,
    jieba: &Jieba,
    filter: &ArticleFilter,
    offset: i64,
    limit: i64,
) -> Result<ArticlePage> {
    let mut wheres: Vec<&str> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    // Newest digest first, then page order: the order of an index, so a screenful costs the
    // same at the top of 100,000 articles as deep inside them. A search is driven by the
    // full-text index instead, newest article first.
    let mut order = "a.digest_id DESC, a.position";
    let mut from = "articles a";
    let terms: Vec<String> = filter
        .text
        .as_deref()
        .map(|t| search_tokens(jieba, t))
        .unwrap_or_default()
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    if filter.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
        if terms.is_empty() {
            return Ok(ArticlePage {
                total: 0,
                offset,
                items: Vec::new(),
                terms,
            });
        }
        // Each word as an FTS5 string: user input never reaches the query syntax.
        let fts = terms
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ");
        from = "article_search s JOIN articles a ON a.id = s.rowid";
        order = "s.rowid DESC";
        wheres.push("article_search MATCH ?");
        args.push(Value::Text(fts));
    }
    if let Some(d) = filter.digest_id {
        wheres.push("a.digest_id = ?");
        args.push(Value::Integer(d));
    }
    if let Some(state) = filter.review_state {
        wheres.push("a.review_state = ?");
        args.push(Value::Text(state.as_str().into()));
    }
    if let Some(code) = &filter.topic {
        wheres.push(
            "EXISTS (SELECT 1 FROM article_topics t JOIN topics tp ON tp.id = t.topic_id
                     WHERE t.article_id = a.id AND tp.code = ? AND t.status <> 'rejected')",
        );
        args.push(Value::Text(code.clone()));
    }
    if let Some(label) = &filter.sentiment {
        wheres.push(
            "EXISTS (SELECT 1 FROM sentiments se WHERE se.article_id = a.id
                     AND se.paragraph_id IS NULL AND se.label = ? AND se.status <> 'rejected')",
        );
        args.push(Value::Text(label.as_str().into()));
    }
    if let Some(status) = &filter.claim_status {
        wheres.push("EXISTS (SELECT 1 FROM claims c WHERE c.article_id = a.id AND c.status = ?)");
        args.push(Value::Text(status.as_str().into()));
    }
    let where_sql = if wheres.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", wheres.join(" AND "))
    };

    // A search with nothing else to filter on counts in the index alone.
    let count_from = if from != "articles a" && wheres.len() == 1 {
        "article_search"
    } else {
        from
    };
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM {count_from}{where_sql}"))?
        .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    let mut page_args = args.clone();
    page_args.push(Value::Integer(limit.clamp(0, 1000)));
    page_args.push(Value::Integer(offset.max(0)));
    let sql = format!(
        "SELECT a.id, a.digest_id, (SELECT name FROM digests d WHERE d.id = a.digest_id), a.position,
                a.title, a.source_line, a.review_state, a.confidence,
                (SELECT count(*) FROM claims c WHERE c.article_id = a.id)
         FROM {from}{where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let items = stmt
        .query_map(params_from_iter(page_args.iter()), |r| {
            let state: String = r.get(6)?;
            Ok(ListedArticle {
                id: r.get(0)?,
                digest_id: r.get(1)?,
                digest_name: r.get(2)?,
                position: r.get(3)?,
                title: r.get(4)?,
                source_line: r.get(5)?,
                review_state: ReviewState::parse(&state).unwrap_or(ReviewState::New),
                confidence: r.get(7)?,
                claims: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(ArticlePage {
        total,
        offset: offset.max(0),
        items,
        terms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import, Input, Options};
    use crate::language::shared_segmenter;
    use crate::Store;

    fn store_with_pages() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let opts = Options {
            actor: "t".into(),
            ..Options::default()
        };
        import(
            &mut store,
            shared_segmenter(),
            &crate::sample::input(),
            &opts,
        )
        .unwrap();
        let md = "# 𠮷野家新店开业😀\n\n今天𠮷野家在北京开了新店。\n\n# 纯氢管道的另一篇\n\n氢能管道再次试验。\n";
        let input = Input {
            what: "b.md".into(),
            source_file: Some("b.md".into()),
            bytes: md.as_bytes(),
        };
        import(&mut store, shared_segmenter(), &input, &opts).unwrap();
        store
    }

    fn titles(p: &ArticlePage) -> Vec<&str> {
        p.items.iter().map(|a| a.title.as_str()).collect()
    }

    #[test]
    fn pages_through_all_articles_in_order() {
        let store = store_with_pages();
        let j = shared_segmenter();
        let all = query(store.conn(), j, &ArticleFilter::default(), 0, 100).unwrap();
        assert_eq!(all.total, 7);
        assert_eq!(all.items.len(), 7);
        let first = query(store.conn(), j, &ArticleFilter::default(), 0, 3).unwrap();
        let rest = query(store.conn(), j, &ArticleFilter::default(), 3, 100).unwrap();
        assert_eq!(
            (first.total, first.items.len(), rest.items.len()),
            (7, 3, 4)
        );
        let joined: Vec<i64> = first
            .items
            .iter()
            .chain(&rest.items)
            .map(|a| a.id)
            .collect();
        assert_eq!(joined, all.items.iter().map(|a| a.id).collect::<Vec<_>>());
        // The newest digest first, each in page order.
        assert_eq!(all.items[0].digest_name, "b");
        assert_eq!(all.items[2].digest_name, "tmt-digest-2023-06");
        assert_eq!(all.items[2].position, 0);
    }

    #[test]
    fn filters_by_digest_state_text_topic_sentiment_and_claims() {
        let store = store_with_pages();
        let j = shared_segmenter();
        let c = store.conn();
        let f = |f: ArticleFilter| query(c, j, &f, 0, 100).unwrap();
        let hydrogen = f(ArticleFilter {
            text: Some("纯氢管道".into()),
            ..Default::default()
        });
        let mut found = titles(&hydrogen);
        found.sort();
        assert_eq!(
            found,
            vec!["我国首次高压力纯氢管道试验成功", "纯氢管道的另一篇"]
        );
        assert_eq!(hydrogen.total, 2);
        assert!(
            hydrogen.terms.contains(&"管道".to_owned()),
            "{:?}",
            hydrogen.terms
        );
        let kitchen = f(ArticleFilter {
            text: Some("𠮷野家".into()),
            ..Default::default()
        });
        assert_eq!(titles(&kitchen), vec!["𠮷野家新店开业😀"]);
        assert_eq!(
            f(ArticleFilter {
                text: Some("，。".into()),
                ..Default::default()
            })
            .total,
            0
        );
        assert_eq!(
            f(ArticleFilter {
                text: Some("\"OR 1".into()),
                ..Default::default()
            })
            .total,
            0
        );

        let second = f(ArticleFilter::default()).items[0].digest_id;
        assert_eq!(
            f(ArticleFilter {
                digest_id: Some(second),
                ..Default::default()
            })
            .total,
            2
        );

        let id = f(ArticleFilter::default()).items[1].id;
        c.execute(
            "UPDATE articles SET review_state = 'approved' WHERE id = ?1",
            [id],
        )
        .unwrap();
        let approved = f(ArticleFilter {
            review_state: Some(ReviewState::Approved),
            ..Default::default()
        });
        assert_eq!(
            approved.items.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![id]
        );

        let p = store.article(id).unwrap().paragraphs[0].id;
        c.execute(
            "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status, created_by, created_at, updated_at)
             VALUES (?1, ?2, 0, 2, 'x', 'editor', 'verified', 't', 't', 't')",
            [id, p],
        )
        .unwrap();
        c.execute(
            "INSERT INTO sentiments (article_id, label, score, source, status, created_by, created_at)
             VALUES (?1, 'negative', -0.5, 'auto', 'suggested', 't', 't')",
            [id],
        )
        .unwrap();
        c.execute(
            "INSERT INTO topics (code, label_zh, label_en) VALUES ('test:browse', '测试', 'test')",
            [],
        )
        .unwrap();
        c.execute(
            "INSERT INTO article_topics (article_id, topic_id, source, status, created_by, created_at)
             VALUES (?1, (SELECT id FROM topics WHERE code = 'test:browse'), 'editor', 'accepted', 't', 't')",
            [id],
        )
        .unwrap();
        for filter in [
            ArticleFilter {
                claim_status: Some(ClaimStatus::Verified),
                ..Default::default()
            },
            ArticleFilter {
                sentiment: Some(SentimentLabel::Negative),
                ..Default::default()
            },
            ArticleFilter {
                topic: Some("test:browse".into()),
                ..Default::default()
            },
        ] {
            let page = f(filter.clone());
            assert_eq!(
                page.items.iter().map(|a| a.id).collect::<Vec<_>>(),
                vec![id],
                "{filter:?}"
            );
            assert_eq!(page.items[0].claims, 1);
        }
        assert_eq!(
            f(ArticleFilter {
                claim_status: Some(ClaimStatus::False),
                ..Default::default()
            })
            .total,
            0
        );
    }
}
