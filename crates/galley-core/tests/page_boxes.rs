//! A digest read from a PDF keeps where each of its pieces was on the page: every title and
//! paragraph has a box inside its page, furniture too, and a paragraph's box follows the
//! paragraph when a fix-up moves it to another article.

use std::path::PathBuf;

use galley_core::app::import::{ImportOptions, Source};
use galley_core::edit::{Edit, Role as Becomes};
use galley_core::model::{BoxRole, Role};
use galley_core::Workspace;

fn pdf(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pdf")
        .join(name)
}

fn import(ws: &mut Workspace, file: &str, opts: &ImportOptions) -> i64 {
    let out = ws
        .import(&[Source::Path(pdf(file))], opts, |_, _| {})
        .unwrap();
    out[0].report.as_ref().unwrap().digest_id.unwrap()
}

fn desk() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.sign_in("编辑甲", Role::Editor).unwrap();
    ws
}

#[test]
fn every_title_and_paragraph_of_a_pdf_page_has_its_box() {
    for file in [
        "three-columns.lo.pdf",
        "two-columns.chromium.pdf",
        "spanning.lo.pdf",
    ] {
        let mut ws = desk();
        let digest = import(&mut ws, file, &ImportOptions::default());
        let layout = ws.page_layout(digest).unwrap();
        assert_eq!(layout.pages.len(), 1, "{file}");
        let page = layout.pages[0];
        assert!(
            page.width > 500.0 && page.height > 700.0,
            "{file}: {page:?}"
        );
        for b in &layout.boxes {
            let p = b.place;
            assert!(
                p.x0 >= 0.0 && p.y0 >= 0.0 && p.x1 <= page.width && p.y1 <= page.height,
                "{file}: {b:?} outside the page"
            );
            assert!(p.x0 < p.x1 && p.y0 < p.y1, "{file}: empty box {b:?}");
        }
        for a in ws.store().articles(digest).unwrap() {
            let a = ws.article(a.id).unwrap();
            let of_article = |role: BoxRole| {
                layout
                    .boxes
                    .iter()
                    .filter(|b| b.role == role && b.article_id == Some(a.id))
                    .count()
            };
            assert_eq!(
                of_article(BoxRole::Title),
                1,
                "{file}: title of {}",
                a.title
            );
            for p in &a.paragraphs {
                assert!(
                    layout.boxes.iter().any(|b| b.paragraph_id == Some(p.id)),
                    "{file}: no box for {:?}",
                    p.text
                );
            }
        }
    }
}

#[test]
fn a_paragraph_box_follows_its_paragraph_and_pages_add_up() {
    let mut ws = desk();
    let digest = import(&mut ws, "three-columns.lo.pdf", &ImportOptions::default());
    let articles = ws.store().articles(digest).unwrap();
    let moved = ws
        .article(articles[0].id)
        .unwrap()
        .paragraphs
        .last()
        .unwrap()
        .id;
    ws.fix(&Edit::MoveParagraph {
        paragraph_id: moved,
        to_article: articles[1].id,
        position: None,
    })
    .unwrap();
    let layout = ws.page_layout(digest).unwrap();
    let b = layout
        .boxes
        .iter()
        .find(|b| b.paragraph_id == Some(moved))
        .unwrap();
    assert_eq!(b.article_id, Some(articles[1].id));

    // Two pages as one digest: both pages, boxes on each.
    let opts = ImportOptions {
        one_digest: true,
        ..ImportOptions::default()
    };
    let digest = import(&mut ws, "multi/two-pages.pdf", &opts);
    let layout = ws.page_layout(digest).unwrap();
    assert_eq!(
        layout.pages.iter().map(|p| p.number).collect::<Vec<_>>(),
        [1, 2]
    );
    for n in [1, 2] {
        assert!(
            layout.boxes.iter().any(|b| b.place.page == n),
            "no box on page {n}"
        );
    }
    // Text imports have no page layout.
    let text = ws
        .import(&[Source::Sample], &ImportOptions::default(), |_, _| {})
        .unwrap();
    let sample = text[0].report.as_ref().unwrap().digest_id.unwrap();
    assert!(ws.page_layout(sample).unwrap().boxes.is_empty());
}

#[test]
fn the_pdf_is_kept_once_for_the_page_view_and_text_digests_have_none() {
    let mut ws = desk();
    let digest = import(&mut ws, "multi/two-pages.pdf", &ImportOptions::default());
    let bytes = std::fs::read(pdf("multi/two-pages.pdf")).unwrap();
    let file = ws.page_file(digest).unwrap();
    assert_eq!(file.media_type, "application/pdf");
    assert_eq!(file.bytes, bytes);
    // Each page is its own digest: both find the one stored file.
    let digests = ws.digests().unwrap();
    assert_eq!(digests.len(), 2);
    for d in &digests {
        assert_eq!(ws.page_file(d.id).unwrap().bytes, bytes);
    }
    let kept: i64 = ws
        .store()
        .conn()
        .query_row("SELECT count(*) FROM page_files", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1);
    let text = ws
        .import(&[Source::Sample], &ImportOptions::default(), |_, _| {})
        .unwrap();
    let sample = text[0].report.as_ref().unwrap().digest_id.unwrap();
    let err = ws.page_file(sample).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

/// The box of `paragraph` now, as (role, article, paragraph).
fn box_of(ws: &Workspace, digest: i64, id: i64) -> (BoxRole, Option<i64>, Option<i64>) {
    let layout = ws.page_layout(digest).unwrap();
    let b = layout.boxes.iter().find(|b| b.id == id).unwrap();
    (b.role, b.article_id, b.paragraph_id)
}

#[test]
fn a_block_made_a_title_starts_an_article_and_its_box_follows_through_undo() {
    let mut ws = desk();
    let digest = import(&mut ws, "three-columns.lo.pdf", &ImportOptions::default());
    let first = ws.store().articles(digest).unwrap()[0].id;
    let article = ws.article(first).unwrap();
    assert!(article.paragraphs.len() >= 2, "{article:?}");
    let para = &article.paragraphs[1];
    let layout = ws.page_layout(digest).unwrap();
    let bx = layout
        .boxes
        .iter()
        .find(|b| b.paragraph_id == Some(para.id))
        .unwrap()
        .id;
    let title: String = para.text.chars().take(200).collect();
    assert!(
        para.text.chars().count() <= 200,
        "a paragraph short enough for a title"
    );
    let change = ws
        .fix(&Edit::SetRole {
            paragraph_id: para.id,
            role: Becomes::Title,
        })
        .unwrap();
    let new = change.article_id.unwrap();
    assert_ne!(new, first);
    assert_eq!(ws.article(new).unwrap().title, title);
    assert_eq!(box_of(&ws, digest, bx), (BoxRole::Title, Some(new), None));
    assert!(change.touched.contains(&first) && change.touched.contains(&new));
    // The new article's suggestions were drafted with the fix.
    let drafted: i64 = ws
        .store()
        .conn()
        .query_row(
            "SELECT count(*) FROM sentiments WHERE article_id = ?1 AND paragraph_id IS NULL",
            [new],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(drafted, 1, "an article-level sentiment for the new article");

    ws.undo().unwrap();
    assert_eq!(
        box_of(&ws, digest, bx),
        (BoxRole::Paragraph, Some(first), Some(para.id))
    );
    assert_eq!(ws.article(first).unwrap().paragraphs, article.paragraphs);
    ws.redo().unwrap();
    assert_eq!(box_of(&ws, digest, bx).0, BoxRole::Title);
}

#[test]
fn a_first_paragraph_made_the_title_swaps_with_the_old_title_and_furniture_greys_its_box() {
    let mut ws = desk();
    let digest = import(&mut ws, "three-columns.lo.pdf", &ImportOptions::default());
    let id = ws.store().articles(digest).unwrap()[1].id;
    let before = ws.article(id).unwrap();
    let lead = &before.paragraphs[0];
    let layout = ws.page_layout(digest).unwrap();
    let title_box = layout
        .boxes
        .iter()
        .find(|b| b.role == BoxRole::Title && b.article_id == Some(id))
        .unwrap()
        .id;
    let lead_box = layout
        .boxes
        .iter()
        .find(|b| b.paragraph_id == Some(lead.id))
        .unwrap()
        .id;
    assert!(
        lead.text.chars().count() <= 200,
        "a lead short enough for a title"
    );
    ws.fix(&Edit::SetRole {
        paragraph_id: lead.id,
        role: Becomes::Title,
    })
    .unwrap();
    let after = ws.article(id).unwrap();
    assert_eq!(after.title, lead.text);
    assert_eq!(
        after.paragraphs[0].text, before.title,
        "the old title is kept"
    );
    assert_eq!(
        box_of(&ws, digest, lead_box),
        (BoxRole::Title, Some(id), None)
    );
    assert_eq!(
        box_of(&ws, digest, title_box),
        (BoxRole::Paragraph, Some(id), Some(lead.id))
    );
    ws.undo().unwrap();
    assert_eq!(ws.article(id).unwrap().title, before.title);
    assert_eq!(
        box_of(&ws, digest, title_box),
        (BoxRole::Title, Some(id), None)
    );

    // Furniture: the box is furniture's, grey in the page view, and back with undo.
    let last = before.paragraphs.last().unwrap().id;
    let last_box = ws
        .page_layout(digest)
        .unwrap()
        .boxes
        .iter()
        .find(|b| b.paragraph_id == Some(last))
        .unwrap()
        .id;
    ws.fix(&Edit::SetRole {
        paragraph_id: last,
        role: Becomes::Furniture,
    })
    .unwrap();
    let (role, article, paragraph) = box_of(&ws, digest, last_box);
    assert_eq!((role, article, paragraph), (BoxRole::Furniture, None, None));
    ws.undo().unwrap();
    assert_eq!(
        box_of(&ws, digest, last_box),
        (BoxRole::Paragraph, Some(id), Some(last))
    );
}

#[test]
fn articles_with_only_suggestions_merge_and_are_drafted_again_but_decisions_hold_them() {
    let mut ws = desk();
    let digest = import(&mut ws, "three-columns.lo.pdf", &ImportOptions::default());
    let ids: Vec<i64> = ws
        .store()
        .articles(digest)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let suggested = |ws: &Workspace, id: i64| -> i64 {
        ws.store()
            .conn()
            .query_row(
                "SELECT count(*) FROM sentiments WHERE article_id = ?1 AND status = 'suggested'",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(suggested(&ws, ids[2]) > 0, "the import drafted suggestions");
    let change = ws
        .fix(&Edit::Merge {
            into: ids[0],
            from: ids[2],
        })
        .unwrap();
    assert_eq!(change.touched, [ids[0]]);
    assert!(
        suggested(&ws, ids[0]) > 0,
        "the merged article is drafted again"
    );
    ws.undo().unwrap();
    assert!(
        suggested(&ws, ids[2]) > 0,
        "the article the undo brings back has its suggestions again"
    );

    // A decided sentiment is the desk's work: merging it away is refused.
    let s: i64 = ws
        .store()
        .conn()
        .query_row(
            "SELECT id FROM sentiments WHERE article_id = ?1 AND paragraph_id IS NULL",
            [ids[2]],
            |r| r.get(0),
        )
        .unwrap();
    ws.store()
        .conn()
        .execute(
            "UPDATE sentiments SET status = 'accepted' WHERE id = ?1",
            [s],
        )
        .unwrap();
    let err = ws
        .fix(&Edit::Merge {
            into: ids[0],
            from: ids[2],
        })
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
}

#[test]
fn a_text_digest_shows_its_original_lines_placed_in_its_pieces_and_following_fixes() {
    let mut ws = desk();
    let out = ws
        .import(&[Source::Sample], &ImportOptions::default(), |_, _| {})
        .unwrap();
    let digest = out[0].report.as_ref().unwrap().digest_id.unwrap();
    let layout = ws.page_layout(digest).unwrap();
    assert!(layout.pages.is_empty() && layout.boxes.is_empty());
    let text: Vec<_> = layout
        .lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    let placed = text.iter().filter(|l| l.role.is_some()).count();
    println!("sample: {placed} of {} lines placed", text.len());
    assert!(placed * 10 >= text.len() * 9, "{placed} of {}", text.len());
    for a in ws.store().articles(digest).unwrap() {
        assert!(
            layout
                .lines
                .iter()
                .any(|l| l.role == Some(BoxRole::Title) && l.article_id == Some(a.id)),
            "no line of the title {}",
            a.title
        );
    }
    // A paragraph moved to another article takes its lines along.
    let articles = ws.store().articles(digest).unwrap();
    let moved = ws.article(articles[0].id).unwrap().paragraphs[1].id;
    ws.fix(&Edit::MoveParagraph {
        paragraph_id: moved,
        to_article: articles[1].id,
        position: None,
    })
    .unwrap();
    let lines = ws.page_layout(digest).unwrap().lines;
    let of_moved: Vec<_> = lines
        .iter()
        .filter(|l| l.paragraph_id == Some(moved))
        .collect();
    assert!(!of_moved.is_empty());
    assert!(of_moved
        .iter()
        .all(|l| l.article_id == Some(articles[1].id)));
}
