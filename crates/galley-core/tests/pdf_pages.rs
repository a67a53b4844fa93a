//! Our own PDF pages, the development corpus (`tests/pdf/`, made by `tests/pdf/make.sh` from
//! `tests/pdf/src/*.json` with LibreOffice, Chromium and XeLaTeX) read by layout and scored
//! against their golds, and the inputs a PDF import must refuse with one clear sentence. The
//! test part is scored by `tests/heldout_pages.rs`.

mod common;

use std::path::{Path, PathBuf};

use common::Gold;
use galley_core::import::pdf;
use galley_core::model::ParsedDigest;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pdf");

/// The corpus: `NAME.ENGINE.pdf` beside `NAME.gold.json`.
fn corpus() -> Vec<(PathBuf, PathBuf)> {
    let mut out: Vec<_> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let (page, _engine) = name.strip_suffix(".pdf")?.split_once('.')?;
            Some((p.clone(), Path::new(DIR).join(format!("{page}.gold.json"))))
        })
        .filter(|(_, gold)| gold.exists())
        .collect();
    out.sort();
    out
}

fn read(path: &Path) -> ParsedDigest {
    let what = path.display().to_string();
    let pages = pdf::glyphs::read(&std::fs::read(path).unwrap(), &what).unwrap();
    assert_eq!(pages.len(), 1, "{what}: one page");
    if std::env::var_os("GALLEY_PDF_DEBUG").is_some() {
        for l in pdf::layout::layout(&pages[0]).lines {
            eprintln!(
                "{:>3} {:6.1}-{:6.1} y{:6.1} s{:4.1} {}{}",
                l.region,
                l.x0,
                l.x1,
                l.baseline,
                l.size,
                if l.furniture { "F " } else { "" },
                l.text
            );
        }
    }
    galley_core::import::clean::finish(pdf::parse_page(&pages[0]), &what).unwrap()
}

/// The least each page must reach: (body F1, titles, sources, paragraphs, pull quotes,
/// furniture) as fractions of the gold, and the article order.
const FLOOR: (f64, f64, f64, f64, f64, f64) = (0.99, 1.0, 1.0, 1.0, 1.0, 1.0);

fn frac((got, of): (usize, usize)) -> f64 {
    if of == 0 {
        1.0
    } else {
        got as f64 / of as f64
    }
}

#[test]
fn own_pdf_pages_score() {
    let corpus = corpus();
    assert!(corpus.len() >= 6, "the corpus is there: {corpus:?}");
    let mut failed = Vec::new();
    for (pdf, gold) in corpus {
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold).unwrap()).unwrap();
        let parsed = read(&pdf);
        let s = common::score(&parsed, &gold);
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        println!("== {name}\n{s}");
        let reached = (
            s.f1,
            frac(s.titles),
            frac(s.sources),
            frac(s.paragraphs),
            frac(s.pull_quotes),
            frac(s.furniture),
        );
        let (f1, t, so, pa, q, fu) = FLOOR;
        if !(reached.0 >= f1
            && reached.1 >= t
            && reached.2 >= so
            && reached.3 >= pa
            && reached.4 >= q
            && reached.5 >= fu
            && s.order_ok
            && s.articles.0 == s.articles.1
            && s.pull_quote_leaks == 0)
        {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "below the floor: {failed:?}");
}

/// The text path on `pdftotext` output of each corpus page (`tests/pdf/text/NAME.ENGINE.txt`,
/// default mode: columns interleaved as a reader's tool gives them), scored against the same
/// golds; then the calibration of both paths' confidence. Prints the figures; fails when they
/// drop below what the text path reached when the corpus was made.
#[test]
fn the_text_of_each_page_scores_and_confidence_flags_the_wrong_articles() {
    let mut judged = Vec::new();
    for (pdf, gold) in corpus() {
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold).unwrap()).unwrap();
        judged.extend(common::score(&read(&pdf), &gold).judged);
    }
    let pdf_judged = judged.len();
    let (mut f1, mut titles, mut sources, mut lost, mut pages) = (0.0, (0, 0), (0, 0), (0, 0), 0);
    for (pdf, gold) in corpus() {
        let name = pdf.file_stem().unwrap().to_string_lossy().into_owned();
        let text = Path::new(DIR).join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text).unwrap();
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold).unwrap()).unwrap();
        let parsed = galley_core::import::parse(&text, common::jieba());
        let s = common::score(&parsed, &gold);
        println!("== {name}.txt\n{s}");
        println!("{}", common::sets::judged_line(&name, &s));
        f1 += s.f1;
        titles = (titles.0 + s.titles.0, titles.1 + s.titles.1);
        sources = (sources.0 + s.sources.0, sources.1 + s.sources.1);
        lost = (lost.0 + s.lost.0, lost.1 + s.lost.1);
        pages += 1;
        judged.extend(s.judged);
    }
    let mean_f1 = f1 / pages as f64;
    let ((wrong_flagged, wrong), (right_flagged, right)) = common::calibration(&judged, LOW);
    println!(
        "text path over {pages} pages: mean F1 {mean_f1:.3}, titles {}/{}, sources {}/{}, \
         characters lost {}/{}",
        titles.0, titles.1, sources.0, sources.1, lost.0, lost.1
    );
    println!(
        "calibration over {} articles ({pdf_judged} from PDF, {} from text): \
         wrong flagged {wrong_flagged}/{wrong}, right flagged {right_flagged}/{right}",
        judged.len(),
        judged.len() - pdf_judged
    );
    let (f, t, l, wf, rf) = TEXT_FLOOR;
    assert!(mean_f1 >= f, "mean F1 {mean_f1:.3}");
    assert!(frac(titles) >= t, "titles {titles:?}");
    assert!(frac(lost) <= l, "characters lost {lost:?}");
    assert!(frac((wrong_flagged, wrong)) >= wf, "wrong articles flagged");
    assert!(frac((right_flagged, right)) <= rf, "right articles flagged");
}

/// An article is flagged for checking below this confidence (the importer's warnings, the
/// CLI's `LOW`, the window's ⚠).
const LOW: f64 = galley_core::model::vocabulary::LOW_CONFIDENCE;

/// What the text path must keep reaching on the corpus's pdftotext pages: (mean F1, titles,
/// characters lost at most, wrong articles flagged at least, right ones flagged at most).
/// Measured when the corpus was made: 0.666, 13/44, 38/5,964, 19/30, 0/52; with sentences
/// carried to the block their junction confirms: 0.673, 14/44, 38/5,964, 18/27, 0/53; with
/// the newsletter pages (twelve pages): 0.629, 17/56, 38/7,290, 18/32, 0/65; with columns
/// printed line by line in turn read apart and numbered titles set apart: 0.679, 22/56,
/// 38/7,290, 20/35, 0/67; with the broadsheet pages (fourteen pages, datelines as sources):
/// 0.664, 25/66, 38/8,458, 21/39, 0/79; with XeLaTeX's prints (21 pages; headlines wrapped
/// over two lines read whole, titles placed by position alone flagged): 0.695, 50/99,
/// 70/12,687, 25/49, 1/129; with the page of photos and a table (24 pages; captions and
/// tables set aside): 0.700, 57/111, 74/14,154, 31/55, 1/146; with the page of reader letters
/// (27 pages; its LibreOffice and Chromium texts shred the two columns line by line in
/// blocks of one or two lines: 0.50 and 0.57): 0.697, 62/126, 74/15,672, 35/65, 3/164; with
/// a lead opening with a dateline opening its own article: 0.716, 65/126, 74/15,672, 37/66,
/// 3/166; with a headline opening an article's body flagged: 0.716, 65/126, 74/15,672, 49/66,
/// 3/166; with source lines no article takes, pull quotes no body repeats and stray signs
/// set aside in the furniture instead of dropped, and stacked signatures both read as
/// sources: 0.717, 66/126, 0/15,672, 48/65, 3/167 (`tests/nothing_lost.rs` checks every page
/// text and mutations of them); with a body run under two stacked headlines split between
/// their stories: 0.775, 77/126, 0/15,672, 44/61, 4/180; with a line of each column printed
/// as one cut in two at the space between them: 0.786, 78/126, 0/15,672, 40/58, 5/184 (the
/// columns read apart carry fewer breaks nothing confirms, so fewer of the articles still
/// wrong are flagged); with the rules for reprinted dailies (dateline lines never headlines,
/// cross-heads inside blocks): 0.783, 79/126, 0/15,672, 38/58, 5/184; with the articles of a
/// page most of whose articles are flagged flagged too: 0.783, 79/126, 0/15,672, 45/58,
/// 13/184; with two columns printed block by block in turn read apart: 0.818, 84/126,
/// 0/15,672, 43/57, 14/188; with stacked headlines of columns side by side split and a
/// headline's rest printed elsewhere joined: 0.816, 90/126, 0/15,672, 41/53, 14/191; with
/// far titles paired by their words: 0.816, 91/126, 0/15,672, 40/52, 13/192; with stacked
/// titles that name their stories faintly splitting them when nothing crosses over, and pull
/// quotes glued above a paragraph set apart: 0.835, 93/126, 0/15,672, 38/51, 12/194 (the
/// three-column LaTeX page went from 0.50 to 1.00; of its articles, wrong and flagged before,
/// one is still wrong, its title's last word printed apart, and not flagged); with a row of
/// both columns' headlines starting the columns printed in turn again, and an item's two
/// numbered titles on two lines split: 0.835, 95/126, 0/15,672, 36/51, 12/194 (the
/// LibreOffice broadsheet's titles 3/5 → 5/5, but two of its articles, flagged for their
/// wrong titles before, are titled right and still hold a paragraph spliced from lines of
/// both columns printed in turn inside a block, unflagged: a calibration loss, kept); with a
/// line of each column printed as one cut where its first half is within an eighth of the
/// column's width (justified lines differ with their punctuation): 0.845, 99/126, 0/15,672,
/// 34/47, 14/199 (the Chromium broadsheet from 0.72 to 1.00, 5/5 titles); with two stacked
/// headlines' stories whose paragraphs were printed in turn parted paragraph by paragraph:
/// 0.850, 101/126, 0/15,672, 34/46, 14/201 (the LibreOffice newsletter 0.80 → 0.92); with a
/// headline of four lines read as two titles of two, and a paragraph naming neither title
/// going with the story it shares its words with, preferred to one cut: 0.857, 103/126,
/// 0/15,672, 33/45, 15/203 (the LibreOffice flowing page 0.71 → 0.86, its broadsheet 0.86 →
/// 0.91); with the column's width taken as the width most lines share (a headline or a
/// signature in the block no longer makes it narrow) and a headline beside a column's line
/// cut off it: 0.865, 105/126, 0/15,672, 32/44, 17/205 (the letters' Chromium print 0.78 →
/// 0.99, 5/5 titles; two of its letters, right, are flagged for the sentences carried
/// between the lines cut in two: a calibration loss, kept, the floor for right articles
/// flagged from 0.08 to 0.09); with a web address ending its paragraph whatever its width:
/// paragraphs 177 → 178 of 285, the rest unchanged; with columns printed a line at a time
/// going on in their turn where nothing at a junction tells (`stitch::in_turn`): 0.873,
/// 108/126, 0/15,672, 33/45, 17/205 (three-column Chromium 0.52 → 0.62, spanning
/// LibreOffice 0.53 → 0.67, its Chromium print 0.63 → 0.58 but titles 1/5 → 3/5); with two
/// headlines printed side by side on a block's first line cut apart: 0.878, 108/126,
/// 0/15,672, 33/46, 17/205 (the Chromium figures page 0.75 → 0.90). With a table
/// printed row by row in blocks of its own set aside (2026-12-06): 0.904, 111/126,
/// 0/15,672, 28/41, 17/211: the LibreOffice figures page 0.81 -> 0.95, and its story that
/// had taken in the table (flagged) now reads right but for its title cut short (`…均有`,
/// the rest `增长` printed over the lead), no longer flagged: the floor for wrong articles
/// flagged from 0.70 to 0.68. With untitled text joined to the open titled story beside it
/// (2026-12-07): 0.906, 112/126, 0/15,672, 26/39, 15/212: the XeLaTeX flowing page 0.81 ->
/// 0.86 with one article fewer, so that no longer half its articles are uncertain and the
/// page's doubt no longer flags the story whose last two paragraphs went to the next one
/// (nothing of its own says so): the floor for wrong articles flagged from 0.68 to 0.66.
/// With the calibration refitted after the rules of the later afternoon (2026-12-07): 0.906,
/// 113/126, 0/15,672, 25/38, 10/212 (one wrong article fewer, one fewer flagged; five right
/// ones fewer flagged): the floor for wrong articles flagged from 0.66 to 0.65. With the
/// calibration's three page signals (a paragraph of another article reading closer to this
/// one, no source line on a page of sourced stories, an article reading like another) and
/// a wrong article's error weighing 1.75 times a right one's in the fit (2026-12-07,
/// evening): 29/38 wrong and 22/212 right articles flagged: the floors from 0.65 to 0.75
/// for wrong articles flagged and from 0.09 to 0.11 for right ones. With the calibration
/// fitted to convergence (Newton's method), its weight decay chosen on held-out folds of the
/// development pages and a wrong article's weight leaving the most room from both of the
/// issue's bounds (2.5; 2026-12-07, late): 34/38 wrong and 26/212 right articles flagged: the
/// floors from 0.75 to 0.85 for wrong articles flagged and from 0.11 to 0.13 for right ones.
/// With a headline's words never going on in the lead printed under another headline
/// (2026-12-07, late): 0.903, 112/126, 0/15,672, 35/39, 25/212: the three-column Chromium
/// page, its three columns' lines shredded together, 0.60 -> 0.52 (a junction it read
/// across a headline by chance now falls elsewhere); kept for the simulated long pages'
/// six titles.
/// The text of a multi-column page as pdftotext interleaves it is far from solved; the
/// floors keep what works.
const TEXT_FLOOR: (f64, f64, f64, f64, f64) = (0.85, 0.80, 0.0, 0.85, 0.13);

/// The four-column page (`large/`, kept out of the scored corpus for the page view's timing)
/// reads exactly too: its headlines, wrapped in narrow columns side by side, are no table.
#[test]
fn the_four_column_page_reads_exactly() {
    let dir = Path::new(DIR).join("large");
    let gold: Gold =
        serde_json::from_str(&std::fs::read_to_string(dir.join("four-columns.gold.json")).unwrap())
            .unwrap();
    let s = common::score(&read(&dir.join("four-columns.chromium.pdf")), &gold);
    assert!(s.f1 > 0.99 && s.titles == (10, 10), "{s}");
}

/// The three engines embed Chinese differently: LibreOffice and Chromium with ToUnicode maps
/// (Chromium a TrueType font as Type0, Identity-H), XeLaTeX's Fandol fonts as CID-keyed CFF
/// of Adobe-GB1 with no ToUnicode map at all (the text comes from Adobe's CID map).
#[test]
fn chinese_comes_out_as_printed_from_every_engine() {
    for engine in ["lo", "chromium", "tex"] {
        let parsed = read(&Path::new(DIR).join(format!("three-columns.{engine}.pdf")));
        let a = &parsed.articles[0];
        assert_eq!(a.title, "云溪茶叶首次直供海外超市", "{engine}");
        // Full-width punctuation stays full-width (no NFKC folding).
        assert!(
            a.paragraphs[2].text.contains("说：“今年"),
            "{engine}: {a:?}"
        );
        assert_eq!(
            a.pull_quotes,
            vec!["今年的订单已经排到了秋天。"],
            "{engine}"
        );
        assert!(parsed.furniture.contains(&"本报记者 孙雨桐".to_owned()));
    }
}

/// `import` on a store in memory.
fn import(
    path: &Path,
) -> (
    galley_core::Store,
    galley_core::Result<galley_core::import::Report>,
) {
    let mut store = galley_core::Store::open_in_memory().unwrap();
    let opts = galley_core::import::Options {
        actor: "tester".into(),
        ..Default::default()
    };
    let r = galley_core::import::import_file(&mut store, common::jieba(), path, &opts);
    (store, r)
}

#[test]
fn a_multi_page_pdf_is_one_digest_a_page() {
    let path = Path::new(DIR).join("multi/two-pages.pdf");
    let (store, report) = import(&path);
    let report = report.unwrap();
    assert_eq!(report.name, "two-pages");
    assert_eq!(report.format, Some(galley_core::import::InputFormat::Pdf));
    assert_eq!(report.articles.len(), 3 + 4);
    let digests = store.digests().unwrap();
    let mut names: Vec<_> = digests.iter().map(|d| d.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["two-pages p1", "two-pages p2"]);
    assert_eq!(report.digests.len(), 2);
    let counts: Vec<i64> = {
        let mut d = digests.clone();
        d.sort_by(|a, b| a.name.cmp(&b.name));
        d.iter().map(|d| d.article_count).collect()
    };
    assert_eq!(counts, [3, 4]);
    // The same file again stores nothing.
    let mut store = store;
    let opts = galley_core::import::Options {
        actor: "tester".into(),
        ..Default::default()
    };
    let again =
        galley_core::import::import_file(&mut store, common::jieba(), &path, &opts).unwrap();
    assert_eq!(again.status, galley_core::import::Status::AlreadyImported);
    assert_eq!(store.digests().unwrap().len(), 2);
}

#[test]
fn a_one_page_pdf_is_one_digest_named_after_the_file() {
    let (store, report) = import(&Path::new(DIR).join("two-columns.lo.pdf"));
    let report = report.unwrap();
    assert_eq!(report.name, "two-columns.lo");
    assert!(report.digests.is_empty());
    let digests = store.digests().unwrap();
    assert_eq!(digests.len(), 1);
    assert_eq!(digests[0].article_count, 4);
}

/// Each bad input: its file, and what its one-line error must say.
const BAD: &[(&str, &str)] = &[
    ("bad/scan.pdf", "has no text layer"),
    ("bad/encrypted.pdf", "encrypted"),
    ("bad/truncated.pdf", "damaged"),
    ("bad/html-named.pdf", "is not a PDF (it is an HTML page"),
];

#[test]
fn bad_pdfs_are_refused_with_one_sentence_and_store_nothing() {
    for (file, says) in BAD {
        let (store, report) = import(&Path::new(DIR).join(file));
        let err = report.expect_err(file).to_string();
        assert!(err.contains(says), "{file}: {err}");
        assert!(!err.contains('\n'), "{file}: one line: {err}");
        assert_eq!(store.digests().unwrap().len(), 0, "{file}");
    }
}

#[test]
fn garbage_after_a_pdf_header_does_not_panic() {
    const ALPHABET: &[u8] = b"0123 obj<</>>[]stream endobj xref trailer R\n";
    let mut bytes = b"%PDF-1.7\n".to_vec();
    for seed in 0..200u32 {
        bytes.truncate(9);
        let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        for _ in 0..(seed * 7 % 500) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bytes.push(ALPHABET[x as usize % ALPHABET.len()]);
        }
        let r = pdf::glyphs::read(&bytes, "fuzz.pdf");
        assert!(r.is_err(), "seed {seed}");
    }
    // Every cut of a real page fails cleanly or reads.
    let real = std::fs::read(Path::new(DIR).join("one-column.chromium.pdf")).unwrap();
    for cut in (0..real.len()).step_by(997) {
        let _ = pdf::glyphs::read(&real[..cut], "cut.pdf");
    }
}

#[test]
fn radicals_in_a_type3_fonts_map_come_out_as_ideographs() {
    // Chromium's Type 3 fonts from Noto CJK map 首 to ⾸ (U+2F38) and 长 to ⻓ (U+2ED3).
    let parsed = read(&Path::new(DIR).join("multi/type3-radicals.pdf"));
    assert_eq!(parsed.articles.len(), 1);
    let a = &parsed.articles[0];
    assert_eq!(a.title, "江口港首次开通长丰航线");
    assert_eq!(
        a.paragraphs[0].text,
        "江口港集装箱码头本周开通至长丰港的直达航线，每周往返两班。"
    );
    assert_eq!(a.source.outlets, ["江口港航报"]);
}

#[test]
fn bold_comes_from_the_font_name() {
    // LibreOffice embeds `NotoSansCJKjp-Bold` for headlines and `NotoSerifCJKjp-Regular` for
    // the body; Chromium's bold WenQuanYi is synthesised, with no bold in its name.
    let what = "three-columns.lo.pdf";
    let bytes = std::fs::read(Path::new(DIR).join(what)).unwrap();
    let page = &pdf::glyphs::read(&bytes, what).unwrap()[0];
    let headline: Vec<_> = page.glyphs.iter().filter(|g| g.size > 15.0).collect();
    let body: Vec<_> = page
        .glyphs
        .iter()
        .filter(|g| (g.size - 10.0).abs() < 0.1)
        .collect();
    assert!(!headline.is_empty() && headline.iter().all(|g| g.bold));
    assert!(!body.is_empty() && body.iter().all(|g| !g.bold));
}
