//! Reconstruction of a PDF-extracted newspaper digest page into articles.
//!
//! The page text has the artefacts of extraction from a multi-column layout: hard wraps
//! every dozen characters, blank lines at column breaks (also inside sentences), bold
//! headlines with doubled glyph runs, stray spaces between CJK characters, source lines
//! glued to the last body line, pull quotes repeating body text, titles printed above or
//! below their body, and articles interleaved across columns.
//!
//! The work is done in three passes, after the typesetter's spaces between ideographs and
//! Latin words are taken out where the whole page has them (`glue`):
//! - [`lines`]: line repairs (doubled headlines, CJK spaces, glued sources, furniture;
//!   captions and tables set aside by [`figures`]),
//! - [`blocks`]: blocks and their roles, column breaks undone (two columns printed block by
//!   block in turn read apart by `interleave`; a sentence goes on in the block [`stitch`]
//!   finds completing it at the junction, else in the next), paragraphs cut,
//! - [`assign`]: body pieces chained and titled by lexical cohesion (jieba).
//!
//! then [`calibrate`] makes each article's confidence the probability that it is right.

pub mod assign;
pub mod blocks;
pub mod calibrate;
pub mod figures;
mod glue;
mod interleave;
pub mod lines;
pub mod stitch;
pub mod streams;

use jieba_rs::Jieba;

use crate::model::ParsedDigest;

/// Turns the text of one digest page into articles (in reading order of their first
/// body line), page furniture and warnings, each article's confidence the probability that
/// it is right ([`calibrate`]).
pub fn reconstruct(text: &str, jieba: &Jieba) -> ParsedDigest {
    let mut parsed = reconstruct_by_rules(text, jieba);
    calibrate::calibrate(&mut parsed);
    parsed
}

/// [`reconstruct`] without the last step: the confidences are the rules' own, what the
/// calibration weighs (and is fitted on).
pub fn reconstruct_by_rules(text: &str, jieba: &Jieba) -> ParsedDigest {
    let text = glue::unglued(text);
    let raw = lines::raw_lines(&text);
    let contents = crate::import::contents::lines(&raw);
    let lines = lines::repair_raw(&raw, &contents);
    let vocab = lines::Vocab::from_lines(
        lines
            .iter()
            .filter(|l| l.kind == lines::LineKind::Text)
            .map(|l| l.text.as_str()),
    );
    let units = blocks::units(lines, &raw, &vocab, jieba);
    let mut parsed = assign::articles(&units, jieba);
    phrase_spaced_titles(&mut parsed, &raw);
    number_items(&mut parsed);
    site_names(&mut parsed);
    closing_credits(&mut parsed);
    headline_rests(&mut parsed);
    parsed
        .warnings
        .extend(crate::import::contents::warning(&contents, &raw));
    parsed
}

/// A title printed on a line of its own in phrases set apart by a space (`寒潮来袭
/// 全市两天降温十二摄氏度`) keeps that space, which the line repairs took out with the
/// extraction's spaces between letters (see [`lines::phrase_spaced`]).
pub fn phrase_spaced_titles(parsed: &mut ParsedDigest, raw: &[&str]) {
    // A title wrapped right after its space (`鹭洲马拉松开跑 本` / `地选手破纪录`) shows its
    // second phrase only once its two lines are read together.
    let wrapped = raw
        .windows(2)
        .filter(|w| !w[0].is_empty() && !w[1].is_empty())
        .map(|w| format!("{}{}", w[0], w[1]));
    let spaced: Vec<(String, String)> = raw
        .iter()
        .map(|l| l.to_string())
        .chain(wrapped)
        .filter_map(|l| Some((lines::strip_cjk_spaces(&l), lines::phrase_spaced(&l)?)))
        .collect();
    for a in &mut parsed.articles {
        if let Some(title) = spaced_title(&a.title, &spaced) {
            a.title = title;
        }
    }
}

/// A title with the spaces of the line it was printed on: the whole title, or its first or
/// last line when it wrapped (`流感进入高发期 高危人群宜尽` / `早接种`).
fn spaced_title(title: &str, spaced: &[(String, String)]) -> Option<String> {
    spaced.iter().find_map(|(plain, with)| {
        if let Some(rest) = title.strip_prefix(plain.as_str()) {
            Some(format!("{with}{rest}"))
        } else {
            let first = title.strip_suffix(plain.as_str())?;
            (!first.is_empty()).then(|| format!("{first}{with}"))
        }
    })
}

/// A page whose titles are numbered (`1. …`, `2、…`, `（3）…`: a newsletter's or a digest's
/// items) has its titles without the numbers, which go to the page furniture. One numbered
/// title alone is left as printed (`一、二线城市…` reads like one).
pub fn number_items(parsed: &mut ParsedDigest) {
    let numbered = parsed
        .articles
        .iter()
        .filter(|a| lines::item_marker(&a.title).is_some())
        .count();
    if numbered < 2 {
        return;
    }
    for a in &mut parsed.articles {
        if let Some((marker, rest)) = lines::item_marker(&a.title) {
            parsed.furniture.push(marker.to_owned());
            a.title = rest.to_owned();
        }
    }
}

/// A dateline credit closing a story (`（新华社北京10月19日电 记者赵超、安蓓）`), read as an
/// untitled article of its own because blank lines set it apart, goes back to the story
/// before it as its last paragraph, when that story's text ends a sentence (on a page whose
/// columns interleave, the story before may not be the one the credit closes).
pub fn closing_credits(parsed: &mut ParsedDigest) {
    let mut i = 1;
    while i < parsed.articles.len() {
        let a = &parsed.articles[i];
        let text: String = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let untitled = a.warnings.iter().any(|w| w == assign::NO_TITLE);
        let before = &parsed.articles[i - 1];
        let finished = before
            .paragraphs
            .last()
            .is_some_and(|p| lines::ends_sentence(&p.text));
        if !(untitled && finished && is_closing_credit(&text)) {
            i += 1;
            continue;
        }
        let credit = parsed.articles.remove(i);
        let before = &mut parsed.articles[i - 1];
        before.paragraphs.push(crate::model::ParagraphDraft {
            kind: crate::model::ParagraphKind::Body,
            text,
        });
        before.pull_quotes.extend(credit.pull_quotes);
    }
}

/// Most letters the rest of a wrapped headline printed apart from it has.
const MAX_HEADLINE_REST: usize = 8;

/// Most letters a title has with its rest put back.
const MAX_TITLE: usize = 32;

/// The last words of a wrapped headline that the extraction printed far from it (`直播间`
/// after the page's footer, for `石桥镇手工竹编走上`), joined to the story as a paragraph of
/// their own, go back to the end of its title: a paragraph of a few letters with no mark at
/// all, which the story's own text names (`…开始在直播间里展示手艺`), is no body text.
pub fn headline_rests(parsed: &mut ParsedDigest) {
    for a in &mut parsed.articles {
        let rest = (1..a.paragraphs.len()).find(|&i| is_headline_rest(&a.paragraphs, i));
        let Some(i) = rest.filter(|&i| {
            a.title.chars().count() + a.paragraphs[i].text.chars().count() <= MAX_TITLE
        }) else {
            continue;
        };
        let rest = a.paragraphs.remove(i).text;
        a.warnings.push(format!(
            "the title's last words (\"{rest}\") were printed apart from it: check the title"
        ));
        a.title.push_str(&rest);
    }
}

/// Whether paragraph `i` is the rest of the article's headline (see [`headline_rests`]).
fn is_headline_rest(paragraphs: &[crate::model::ParagraphDraft], i: usize) -> bool {
    let text = paragraphs[i].text.as_str();
    let letters = text.chars().count();
    let plain = text.chars().all(crate::text::is_alphanumeric);
    let named = || {
        paragraphs
            .iter()
            .enumerate()
            .any(|(j, p)| j != i && p.text.contains(text))
    };
    paragraphs[i].kind == crate::model::ParagraphKind::Body
        && (2..=MAX_HEADLINE_REST).contains(&letters)
        && plain
        && named()
}

/// A bracketed credit opening with a dateline (`（新华社北京10月19日电 记者…）`, `（本报讯）`).
fn is_closing_credit(text: &str) -> bool {
    let Some(inner) = text
        .trim()
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']))
    else {
        return false;
    };
    inner.chars().count() <= 60 && !inner.contains('。') && lines::dateline(inner).is_some()
}

/// A web page printed to PDF is titled as the browser names it, with the site after the
/// headline (`在博物馆里上好“大思政课”-光明日报-光明网`, `…_先锋文汇_共产党员网`): the headline
/// keeps the title and the site's name goes to the page furniture.
pub fn site_names(parsed: &mut ParsedDigest) {
    for a in &mut parsed.articles {
        if let Some(cut) = site_suffix(&a.title) {
            parsed.furniture.push(a.title[cut..].trim().to_owned());
            a.title.truncate(cut);
        }
    }
}

/// Where a title's site suffix starts: its last part, after `-`, `_` or `|` with no letter
/// or digit right before it (not `C-V2X`, `4月1日-3日`), names a site (`…网`, `…网站`, `…新闻`,
/// `…客户端`, a Latin name). Everything after a first `_` goes (headlines do not use it);
/// after `-` or `|`, each part from the end that names a site or a paper (`…报`).
fn site_suffix(title: &str) -> Option<usize> {
    let parts = separators(title);
    let &(last, len) = parts.last()?;
    if !names_site(&title[last + len..], false) {
        return None;
    }
    let cut = match parts.iter().find(|(at, _)| title[*at..].starts_with('_')) {
        Some(&(at, _)) => at,
        None => {
            let mut cut = last;
            for &(at, len) in parts.iter().rev().skip(1) {
                if !names_site(&title[at + len..cut], true) {
                    break;
                }
                cut = at;
            }
            cut
        }
    };
    let head = title[..cut].trim_end();
    (head.chars().count() >= 4).then_some(head.len())
}

/// The byte offsets and lengths of the separators in a title that can set off a site's name:
/// `-`, `_`, `|`, `｜` with no letter or digit right before them.
fn separators(title: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut before: Option<char> = None;
    for (at, c) in title.char_indices() {
        let joins = before.is_some_and(|b| b.is_ascii_alphanumeric());
        if matches!(c, '-' | '_' | '|' | '｜') && !(c == '-' && joins) {
            out.push((at, c.len_utf8()));
        }
        before = Some(c);
    }
    out
}

/// A site's name: short, without digits, and ending as one does (a paper's, `…报`, too when
/// `paper`), or Latin words or a domain (`The Paper`, `cnr.cn`; not one word such as `Mate`).
fn names_site(part: &str, paper: bool) -> bool {
    let part = part.trim();
    let n = part.chars().count();
    let latin = part.contains([' ', '.'])
        && part
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '.'));
    let ends = ["网", "网站", "新闻", "客户端"]
        .iter()
        .any(|e| part.ends_with(e))
        || paper && (part.ends_with('报') || part.contains('·'));
    (1..=20).contains(&n) && !part.chars().any(|c| c.is_ascii_digit()) && (latin || ends)
}

#[cfg(test)]
mod tests;
