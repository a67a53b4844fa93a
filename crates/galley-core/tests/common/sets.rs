//! Page sets scored on both paths (`tests/pdf/heldout/`, `tests/pdf/dev2/`): each set's
//! `NAME.ENGINE.pdf` beside `NAME.gold.json`, and `text/NAME.ENGINE.txt` (pdftotext).

use std::path::{Path, PathBuf};

use galley_core::import::pdf;

use super::{Gold, Scores};

/// Flagged below this confidence (the vocabulary's).
pub const LOW: f64 = galley_core::model::vocabulary::LOW_CONFIDENCE;

/// `NAME.ENGINE.pdf` beside `NAME.gold.json` in `dir`, with the page's gold, in name order.
pub fn pages(dir: &Path) -> Vec<(PathBuf, Gold)> {
    let mut out: Vec<(PathBuf, Gold)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let page = name.split('.').next().unwrap().to_owned();
            let gold = dir.join(format!("{page}.gold.json"));
            let gold = serde_json::from_str(&std::fs::read_to_string(gold).unwrap()).unwrap();
            (p, gold)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Sums over pages: mean F1, titles, sources, paragraphs, characters lost, and the judged
/// articles.
#[derive(Default)]
pub struct Tally {
    pub f1: f64,
    pub pages: usize,
    pub titles: (usize, usize),
    pub sources: (usize, usize),
    pub paragraphs: (usize, usize),
    pub lost: (usize, usize),
    pub judged: Vec<(f64, bool)>,
}

impl Tally {
    /// Adds one page's scores.
    pub fn add(&mut self, s: Scores) {
        self.f1 += s.f1;
        self.pages += 1;
        let plus = |a: (usize, usize), b: (usize, usize)| (a.0 + b.0, a.1 + b.1);
        self.titles = plus(self.titles, s.titles);
        self.sources = plus(self.sources, s.sources);
        self.paragraphs = plus(self.paragraphs, s.paragraphs);
        self.lost = plus(self.lost, s.lost);
        self.judged.extend(s.judged);
    }

    /// The figures to quote, for `path` (`PDF path`, `text path`) over the set `set`.
    pub fn line(&self, path: &str, set: &str) -> String {
        let ((wf, w), (rf, r)) = super::calibration(&self.judged, LOW);
        format!(
            "{path} over {} {set} pages: mean F1 {:.3}, titles {}/{}, sources {}/{}, \
             paragraphs {}/{}, characters lost {}/{}; wrong articles flagged {wf}/{w}, \
             right ones {rf}/{r}",
            self.pages,
            self.f1 / self.pages.max(1) as f64,
            self.titles.0,
            self.titles.1,
            self.sources.0,
            self.sources.1,
            self.paragraphs.0,
            self.paragraphs.1,
            self.lost.0,
            self.lost.1,
        )
    }
}

/// Each article of a page with its confidence and whether it is right (`0.97R`, `0.50W`).
pub fn judged_line(name: &str, s: &Scores) -> String {
    let judged: Vec<String> = s
        .judged
        .iter()
        .map(|(c, r)| format!("{c:.2}{}", if *r { "R" } else { "W" }))
        .collect();
    format!("JUDGED {name} {judged:?}")
}

/// Scores every page of the set in `dir` on both paths, printing each page's scores (and
/// the text path's judged articles); the PDF path's and the text path's tallies.
pub fn score_both_paths(dir: &Path, set: &str) -> (Tally, Tally) {
    let pages = pages(dir);
    let (mut from_pdf, mut from_text) = (Tally::default(), Tally::default());
    for (path, gold) in &pages {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let read = pdf::glyphs::read(&bytes, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let parsed = galley_core::import::clean::finish(pdf::parse_page(&read[0]), &name).unwrap();
        let s = super::score(&parsed, gold);
        println!("== {name}.pdf\n{s}");
        from_pdf.add(s);
        let text = std::fs::read_to_string(dir.join("text").join(format!("{name}.txt"))).unwrap();
        let s = super::score(&galley_core::import::parse(&text, super::jieba()), gold);
        println!("== {name}.txt\n{s}");
        println!("{}", judged_line(&name, &s));
        from_text.add(s);
    }
    println!("{}", from_pdf.line("PDF path", set));
    println!("{}", from_text.line("text path", set));
    (from_pdf, from_text)
}

/// [`score_both_paths`] over a set of at least `pages` pages, failing only where
/// nothing may give: a page that cannot be read (or is missing), or characters the PDF path
/// loses beyond the 0.5 %.
pub fn score_set(dir: &Path, set: &str, pages: usize) {
    let (from_pdf, _) = score_both_paths(dir, set);
    assert!(from_pdf.pages >= pages, "the {set} pages are there");
    assert!(
        from_pdf.lost.0 * 200 <= from_pdf.lost.1,
        "the PDF path lost {:?} characters",
        from_pdf.lost
    );
}
