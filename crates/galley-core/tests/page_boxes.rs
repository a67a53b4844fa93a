//! A digest read from a PDF keeps where each of its pieces was on the page: every title and
//! paragraph has a box inside its page, furniture too, and a paragraph's box follows the
//! paragraph when a fix-up moves it to another article.

use std::path::PathBuf;

use galley_core::app::import::{ImportOptions, Source};
use galley_core::edit::Edit;
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
