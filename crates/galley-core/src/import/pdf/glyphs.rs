//! Step 1: the PDF's glyphs with their positions and sizes, page by page.
//!
//! `pdf-extract` walks each page's content stream and decodes every glyph to Unicode (simple
//! fonts, Type0/CID fonts with Identity-H through their ToUnicode maps); [`Collector`] is its
//! [`OutputDev`] and keeps, for each glyph, where its baseline starts, how wide it is and its
//! size, in points from the page's top-left corner. The crate can panic on malformed input,
//! so all of it runs under `catch_unwind`, and every failure becomes one clear sentence.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use crate::{Error, Result};

/// One glyph as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The Unicode text of the glyph (usually one character).
    pub text: String,
    /// Left edge, points from the page's left edge.
    pub x: f64,
    /// Baseline, points from the page's top edge.
    pub baseline: f64,
    /// Advance width in points.
    pub width: f64,
    /// Font size in points, as printed (text matrix included).
    pub size: f64,
    /// The font's name says bold (see [`super::fonts`]).
    pub bold: bool,
}

impl Glyph {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// Right edge, at most two thirds of an em from the left for a Latin letter or figure:
    /// some CJK fonts declare no width for them and a full em is assumed, which would close
    /// a narrow gutter after a number.
    pub fn right_at_most(&self) -> f64 {
        match self.text.is_ascii() {
            true => self.x + self.width.min(0.65 * self.size),
            false => self.right(),
        }
    }
}

/// One page: its size and its glyphs in content-stream order.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// Every glyph of the page, in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Glyphs left out because they are rotated (vertical or slanted text).
    pub rotated: usize,
}

/// Reads every page's glyphs. Fails with one sentence on anything that is not a readable,
/// unencrypted PDF with a text layer.
pub fn read(bytes: &[u8], what: &str) -> Result<Vec<Page>> {
    Ok(read_pages(bytes, what, None)?.pages)
}

/// The pages read from a PDF, and how many it has.
#[derive(Debug)]
pub struct Pages {
    /// The pages asked for, in order.
    pub pages: Vec<Page>,
    /// How many pages the file has.
    pub count: usize,
}

/// Reads the glyphs of the pages in `range` (all if none) and no others, so that a few pages
/// of a long file are read in the time those pages take. A range with no page of the file is
/// an error, and so is a file (or range) whose pages have no text at all; a page without text
/// among others is read with no glyphs.
pub fn read_pages(bytes: &[u8], what: &str, range: Option<super::PageRange>) -> Result<Pages> {
    check_header(bytes, what)?;
    let doc = guarded(what, || Document::load_mem(bytes))?
        .map_err(|e| unreadable(what, format!("is a damaged PDF ({e})")))?;
    if doc.is_encrypted() {
        return Err(unreadable(
            what,
            "is an encrypted PDF; remove the password (e.g. print it to a new PDF) and import that"
                .into(),
        ));
    }
    let numbers = chosen_pages(&doc, range, what)?;
    let mut out = Collector::new(&doc);
    for &n in &numbers {
        guarded(what, || pdf_extract::output_doc_page(&doc, &mut out, n))?
            .map_err(|e| unreadable(what, format!("is a PDF that cannot be read ({e})")))?;
    }
    if out.pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(unreadable(
            what,
            "has no text layer (a scanned page?): run OCR on it first; nothing imported".into(),
        ));
    }
    Ok(Pages {
        pages: out.pages,
        count: doc.get_pages().len(),
    })
}

/// The numbers of the file's pages in `range`; none is an error naming the file's length.
fn chosen_pages(doc: &Document, range: Option<super::PageRange>, what: &str) -> Result<Vec<u32>> {
    let all = doc.get_pages();
    let numbers: Vec<u32> = all
        .keys()
        .copied()
        .filter(|&n| range.is_none_or(|r| r.contains(n)))
        .collect();
    match (numbers.is_empty(), range) {
        (true, Some(r)) => Err(Error::Invalid(format!(
            "{what} has {} pages: there is no page {r}",
            all.len()
        ))),
        _ => Ok(numbers),
    }
}

/// A PDF starts with `%PDF-` (a few bytes of junk before it are tolerated, as readers do).
fn check_header(bytes: &[u8], what: &str) -> Result<()> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(());
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let looks = if text.contains("<html") || text.contains("<!doctype") {
        "an HTML page"
    } else if bytes.is_empty() {
        "empty"
    } else {
        "something else"
    };
    Err(unreadable(
        what,
        format!("is not a PDF (it is {looks}, with no %PDF- header)"),
    ))
}

/// Runs `f`, turning a panic inside the PDF crate into an error. The panic message is kept
/// off standard error for this thread only (other threads' panics still print).
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let r = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    r.map_err(|_| unreadable(what, "is a damaged or unsupported PDF".into()))
}

fn unreadable(what: &str, reason: String) -> Error {
    Error::Pdf {
        what: what.to_owned(),
        reason,
    }
}

/// Collects glyphs page by page (an [`OutputDev`] of `pdf-extract`).
pub struct Collector<'a> {
    doc: &'a Document,
    /// The pages read so far.
    pub pages: Vec<Page>,
    /// The page's text-showing strings (see [`super::fonts`]), how many were begun, and how
    /// many glyphs of the current one were output.
    strings: Vec<super::fonts::Shown>,
    shown: usize,
    in_string: usize,
    /// The current page's media box left and top edges, to measure from the top-left corner.
    origin: (f64, f64),
    /// The current page's glyphs read from Kangxi radicals (see [`super::unify`]).
    radicals: Vec<usize>,
}

impl<'a> Collector<'a> {
    /// A collector for the pages of `doc` (read again for the fonts' weights).
    pub fn new(doc: &'a Document) -> Self {
        Collector {
            doc,
            pages: Vec::new(),
            strings: Vec::new(),
            shown: 0,
            in_string: 0,
            origin: (0.0, 0.0),
            radicals: Vec::new(),
        }
    }
}

impl OutputDev for Collector<'_> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.origin = (media_box.llx, media_box.ury);
        let id = self.doc.get_pages().get(&page_num).copied();
        self.strings = id
            .and_then(|id| super::fonts::shown_strings(self.doc, id))
            .unwrap_or_default();
        self.shown = 0;
        self.radicals.clear();
        self.pages.push(Page {
            number: page_num,
            width: (media_box.urx - media_box.llx).abs(),
            height: (media_box.ury - media_box.lly).abs(),
            glyphs: Vec::new(),
            rotated: 0,
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let radicals = std::mem::take(&mut self.radicals);
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        // Strings shown and strings counted disagree: the fonts are not known for sure.
        if self.shown != self.strings.len() {
            page.glyphs.iter_mut().for_each(|g| g.bold = false);
        }
        let mut texts: Vec<String> = page
            .glyphs
            .iter_mut()
            .map(|g| std::mem::take(&mut g.text))
            .collect();
        super::unify::simplify_radicals(&mut texts, &radicals);
        for (g, t) in page.glyphs.iter_mut().zip(texts) {
            g.text = t;
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let string = self.shown.checked_sub(1).and_then(|i| self.strings.get(i));
        let at = self.in_string;
        self.in_string += 1;
        // A font whose text `pdf-extract` could not read: the collection's, if it has one.
        let from_collection = string
            .filter(|_| char.is_empty())
            .and_then(|s| s.texts.as_ref()?.get(at));
        let char = from_collection.map_or(char, String::as_str);
        let bold = string.is_some_and(|s| s.bold);
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        if is_rotated(trm) {
            page.rotated += 1;
        } else if let Some(mut g) = glyph(trm, width, font_size, char, self.origin) {
            g.bold = bold;
            if super::unify::is_kangxi(char) {
                self.radicals.push(page.glyphs.len());
            }
            page.glyphs.push(g);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.shown += 1;
        self.in_string = 0;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Whether the text matrix turns the glyph off the horizontal (vertical columns, stamps,
/// text along a margin): the layout reads horizontal lines only.
fn is_rotated(trm: &Transform) -> bool {
    trm.m12.abs() > 0.05 * trm.m11.abs() || trm.m21.abs() > 0.05 * trm.m22.abs()
}

/// A glyph from the text rendering matrix: its origin is the baseline start; the matrix's
/// vertical scale times the font size is the printed size. Blank and control glyphs and
/// glyphs of absurd size are dropped.
fn glyph(
    trm: &Transform,
    width: f64,
    font_size: f64,
    text: &str,
    (llx, ury): (f64, f64),
) -> Option<Glyph> {
    if text.chars().all(char::is_control) || text.is_empty() {
        return None;
    }
    // Spaces are kept (one ASCII space): `本报记者 张三`, `第 3 版` print them.
    let text = if text.chars().all(char::is_whitespace) {
        " "
    } else {
        text
    };
    let x_scale = trm.m11.hypot(trm.m12);
    let y_scale = trm.m21.hypot(trm.m22);
    let size = (font_size * y_scale).abs();
    let g = Glyph {
        text: super::unify::unify(text),
        x: trm.m31 - llx,
        baseline: ury - trm.m32,
        width: (width * font_size * x_scale).abs(),
        size,
        bold: false,
    };
    (size.is_finite() && size > 0.5 && size < 500.0 && g.x.is_finite() && g.baseline.is_finite())
        .then_some(g)
}
