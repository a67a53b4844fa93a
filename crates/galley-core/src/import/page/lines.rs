//! Line-level repairs of PDF-extracted text: doubled bold headlines, stray spaces
//! between CJK characters, source lines glued to the last body line, and joining
//! hard-wrapped lines with the document's own Latin vocabulary.

use std::collections::HashSet;

use crate::model::Source;
use crate::text::{is_cjk, is_sentence_end};

/// One physical line of the page after repairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// The repaired text.
    pub text: String,
    /// What the line is.
    pub kind: LineKind,
}

/// What a repaired line is.
#[derive(Debug, Clone, PartialEq)]
pub enum LineKind {
    /// An empty line.
    Blank,
    /// Ordinary text.
    Text,
    /// A bold headline whose glyph runs were doubled; `text` is already repaired.
    Doubled,
    /// A source attribution (on its own line or split off the end of a body line).
    Source(Source),
    /// Column labels, page headers and footers.
    Furniture,
}

/// The page's lines as extracted, trimmed: line `no` is at `no - 1`.
pub fn raw_lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().map(str::trim).collect()
}

/// Splits the page into repaired lines.
pub fn repair(text: &str) -> Vec<Line> {
    let raw = raw_lines(text);
    repair_raw(&raw, &crate::import::contents::lines(&raw))
}

/// [`repair`] of the page's raw lines, `contents` marking its table of contents (see
/// [`crate::import::contents`]), which goes to the furniture.
pub fn repair_raw(raw: &[&str], contents: &[bool]) -> Vec<Line> {
    let mut out = Vec::with_capacity(raw.len() + 8);
    let tables = super::figures::table_lines(raw);
    // Each line's furniture test, made once: the steps below ask it of every line's
    // neighbours too.
    let furniture: Vec<bool> = raw.iter().map(|l| is_furniture(l)).collect();
    let page = Page {
        raw,
        furniture: &furniture,
    };
    for i in 0..raw.len() {
        // A caption over a table (a blank line between them or not).
        let next = (i + 1..raw.len()).find(|&j| !raw[j].is_empty());
        let over_table = !tables[i] && next.is_some_and(|j| tables[j]);
        // Or ending a block under a finished sentence (`…贸市场。` / `表：12月4日…均价`).
        let after_text = page.ends_block(i) && i > 0 && ends_sentence(raw[i - 1]);
        let caption = (page.stands_alone(i) || over_table || after_text)
            && super::figures::caption_words(raw[i]);
        if tables[i] || caption || contents[i] {
            // Kept apart from the text, in the furniture.
            out.push(Line {
                no: i + 1,
                text: raw[i].to_owned(),
                kind: LineKind::Furniture,
            });
            continue;
        }
        repair_line(&page, i, &mut out);
    }
    out
}

/// A page's lines as extracted, with whether each is furniture ([`is_furniture`]).
struct Page<'a> {
    raw: &'a [&'a str],
    furniture: &'a [bool],
}

impl Page<'_> {
    /// Whether line `i` is the last of its block: the next line is blank or furniture.
    fn ends_block(&self, i: usize) -> bool {
        self.raw
            .get(i + 1)
            .is_none_or(|l| l.is_empty() || self.furniture[i + 1])
    }

    /// Whether line `i` is a block of its own: blank or furniture on both sides.
    fn stands_alone(&self, i: usize) -> bool {
        self.ends_block(i) && (i == 0 || self.raw[i - 1].is_empty() || self.furniture[i - 1])
    }
}

/// Classifies and repairs line `i` of the page into `out`: blank, furniture, a doubled
/// headline or source standing alone, a source ending a block (two lines where it was
/// glued to the body text), else text.
fn repair_line(page: &Page<'_>, i: usize, out: &mut Vec<Line>) {
    let raw = page.raw;
    let line = raw[i];
    let no = i + 1;
    if line.is_empty() {
        out.push(Line {
            no,
            text: String::new(),
            kind: LineKind::Blank,
        });
        return;
    }
    if page.furniture[i] {
        out.push(Line {
            no,
            text: line.to_owned(),
            kind: LineKind::Furniture,
        });
        return;
    }
    let closes = |above: &str| above.is_empty() || ends_sentence(above) || is_signature(above);
    if is_signature(line) && (i == 0 || closes(raw[i - 1])) {
        // A letter's writer, under its last sentence (or under the signature of the letter
        // beside it, two columns ending on one line), is its source and closes it.
        out.push(Line {
            no,
            text: line.to_owned(),
            kind: LineKind::Source(Source {
                line: Some(line.to_owned()),
                outlets: Vec::new(),
            }),
        });
        return;
    }
    if page.stands_alone(i) {
        if let Some(l) = doubled_or_source(line, no) {
            out.push(l);
            return;
        }
    }
    if page.ends_block(i) {
        if let Some(lines) = source_ending_block(raw, i) {
            out.extend(lines);
            return;
        }
        if let Some(src) = source_under_open_line(page, i) {
            // That line is another column's: a block of its own, between the story's end
            // and its source, as printed.
            let open = out.pop();
            if out.last().is_some_and(|l| l.kind == LineKind::Text) {
                out.push(Line {
                    no: i,
                    text: String::new(),
                    kind: LineKind::Blank,
                });
            }
            out.extend(open);
            out.push(Line {
                no,
                text: line.to_owned(),
                kind: LineKind::Source(src),
            });
            return;
        }
    }
    if let Some(src) = source_inside_block(raw, i) {
        out.push(Line {
            no,
            text: line.to_owned(),
            kind: LineKind::Source(src),
        });
        return;
    }
    out.push(Line {
        no,
        text: strip_cjk_spaces(line),
        kind: LineKind::Text,
    });
}

/// A line standing alone as a doubled bold headline (repaired) or a source line.
fn doubled_or_source(line: &str, no: usize) -> Option<Line> {
    if let Some(fixed) = undouble(line) {
        return Some(Line {
            no,
            text: fixed,
            kind: LineKind::Doubled,
        });
    }
    parse_source(line).map(|src| Line {
        no,
        text: line.to_owned(),
        kind: LineKind::Source(src),
    })
}

/// The last line of a block as a source: glued after a space to the last line of a
/// paragraph (body line and source line), or on a line of its own without a blank line
/// before it, after a finished sentence.
fn source_ending_block(raw: &[&str], i: usize) -> Option<Vec<Line>> {
    let (line, no) = (raw[i], i + 1);
    if let Some((head, src_text, src)) = split_glued_source(line) {
        return Some(vec![
            Line {
                no,
                text: strip_cjk_spaces(head),
                kind: LineKind::Text,
            },
            Line {
                no,
                text: src_text.to_owned(),
                kind: LineKind::Source(src),
            },
        ]);
    }
    if i > 0 && !raw[i - 1].is_empty() && ends_sentence(raw[i - 1]) {
        if let Some(src) = parse_source(line) {
            return Some(vec![Line {
                no,
                text: line.to_owned(),
                kind: LineKind::Source(src),
            }]);
        }
    }
    None
}

/// The last line of a block as a source under a line at least twice as wide that stops
/// mid-sentence: another column's line printed between a story's end and its source (`产。` /
/// `气象站负责人介绍，新雷达将帮助山区公路提前` / `据《西川科技报》`). A short line ending a
/// block ends a paragraph, and no paragraph ends on `据《西川科技报》`: it is the source of the
/// story printed before that line, not of the sentence left open.
fn source_under_open_line(page: &Page<'_>, i: usize) -> Option<Source> {
    let raw = page.raw;
    let above = raw.get(i.checked_sub(1)?)?;
    let open = !above.is_empty() && !page.furniture[i - 1] && !ends_sentence(above);
    (open && width(raw[i]) * 2 <= width(above))
        .then(|| parse_source(raw[i]))
        .flatten()
}

/// A source naming its outlets in title marks (`据《西岭日报》`) on a line of its own inside a
/// block, right under a headline (no blank line between) or after a finished sentence (the
/// next story follows without one): it cannot be the middle of a wrapped sentence.
/// A reprint's edition line (`《人民日报》（2025年10月20日 第 01 版）`) is one wherever it
/// stands on a line of its own, also under a headline wrapped over two lines.
fn source_inside_block(raw: &[&str], i: usize) -> Option<Source> {
    let before = raw.get(i.checked_sub(1)?)?;
    // A web page's date and source line (`2021-05-31 来源：《光明日报》`) opens its text, under
    // a blank or a rule.
    if before.is_empty() || is_rule(before.trim()) {
        if let Some(src) = web_dated_source(raw[i]) {
            return Some(src);
        }
    }
    let edition = edition_line(raw[i].trim()).is_some();
    if before.is_empty() || !(edition || ends_sentence(before) || heads_block(raw, i - 1)) {
        return None;
    }
    parse_source(raw[i]).filter(|s| raw[i].contains('《') && !s.outlets.is_empty())
}

/// A web page's date and source (`2021-05-31 来源：《光明日报》`, `2022-05-26 14:27 北京
/// 来源：澎湃新闻`): a date first, then the source, naming an outlet.
pub fn web_dated_source(line: &str) -> Option<Source> {
    let line = line.trim();
    after_web_date(line).filter(|r| *r != line)?;
    parse_source(line).filter(|s| !s.outlets.is_empty())
}

/// Lines of text numbered from `first`, as tests build blocks.
#[cfg(test)]
pub fn text_lines(texts: &[&str], first: usize) -> Vec<Line> {
    texts
        .iter()
        .enumerate()
        .map(|(k, t)| Line {
            no: first + k,
            text: (*t).to_owned(),
            kind: LineKind::Text,
        })
        .collect()
}

/// Whether line `j` opens its block as a headline would: short, without sentence punctuation.
fn heads_block(raw: &[&str], j: usize) -> bool {
    let line = raw[j];
    (j == 0 || raw[j - 1].is_empty())
        && width(line) <= 52
        && !line.contains(['，', '。', '；', ','])
        && !ends_sentence(line)
}

/// Display width: CJK characters (and the dash and ellipsis Chinese text sets full width)
/// count 2, others 1.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if is_cjk(c) || matches!(c, '—' | '…') {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Whether the text ends a sentence: `。！？…`, possibly followed by closing quotes or
/// brackets, or an ASCII full stop right after a CJK character (`…的监控.`).
pub fn ends_sentence(s: &str) -> bool {
    let mut it = s
        .trim_end()
        .chars()
        .rev()
        .skip_while(|c| matches!(c, '”' | '’' | '」' | '』' | '"' | '\'' | '）' | ')'));
    match it.next() {
        Some('.') => it.next().is_some_and(is_cjk),
        Some(c) => is_sentence_end(c) || ends_with_address(s),
        None => false,
    }
}

/// Whether lines read in order end a sentence: the last one does, or the last ones hold an
/// address wrapped onto lines of its own (`视频：www.xichuan.ed-` / `u.cn/v/88`).
pub fn lines_end_sentence(lines: &[Line]) -> bool {
    let Some(last) = lines.last() else {
        return false;
    };
    if ends_sentence(&last.text) {
        return true;
    }
    let tail = lines
        .iter()
        .rev()
        .take_while(|l| goes_on_with_address(&l.text))
        .count();
    let from = lines.len().saturating_sub(tail + 1);
    let text: String = lines[from..].iter().map(|l| l.text.trim()).collect();
    tail > 0 && ends_with_address(&text)
}

/// Whether a line can only be the rest of an address wrapped onto it (`u.cn/v/88`): ASCII
/// signs and letters, no space.
pub fn goes_on_with_address(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_graphic())
}

/// Whether the text ends with a web or e-mail address (`详情：https://lib.example.cn/1203`,
/// `投稿邮箱：news@example.cn`): nothing goes on after one, so it ends its paragraph.
pub fn ends_with_address(s: &str) -> bool {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_graphic()))
        .map_or(0, |(i, c)| i + c.len_utf8());
    is_address(&s[start..])
}

/// Whether the text holds a web or e-mail address anywhere (`dzlx@example.cn移动端：…`).
pub fn contains_address(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_graphic())
        .any(|token| is_address(token.trim_end_matches(['.', ',', ';', ')'])))
}

/// Whether a run of ASCII letters is a web address (`https://…`, `www.…`) or an e-mail
/// address.
fn is_address(token: &str) -> bool {
    let host_like = |t: &str| {
        t.split(['/', '?', '#'])
            .next()
            .is_some_and(|h| h.contains('.') && !h.ends_with('.') && h.len() > 3)
    };
    if let Some(rest) = token
        .strip_prefix("https://")
        .or_else(|| token.strip_prefix("http://"))
    {
        return host_like(rest);
    }
    if token.starts_with("www.") {
        return host_like(token);
    }
    token
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host_like(host) && !host.contains('/'))
}

/// A numbered list item's marker at the start of a line (`1. `, `2、`, `（3）`, `④`, `五、`)
/// and the text after it; a decimal number (`1.5亿`) is not a marker.
pub fn item_marker(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let end = if (1..=2).contains(&digits) {
        let rest = &s[digits..];
        let mark = rest.chars().next()?;
        matches!(mark, '.' | '．' | '、').then(|| digits + mark.len_utf8())
    } else if let Some(rest) = s.strip_prefix(['（', '(']) {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        let close = rest[n..].chars().next()?;
        ((1..=2).contains(&n) && matches!(close, '）' | ')'))
            .then(|| s.len() - rest.len() + n + close.len_utf8())
    } else {
        let first = s.chars().next()?;
        if ('①'..='⑳').contains(&first) {
            Some(first.len_utf8())
        } else {
            let numeral = s
                .chars()
                .take_while(|c| "一二三四五六七八九十".contains(*c))
                .count();
            let after = s.chars().nth(numeral);
            ((1..=2).contains(&numeral) && after == Some('、')).then(|| {
                s.char_indices()
                    .nth(numeral + 1)
                    .map_or(s.len(), |(i, _)| i)
            })
        }
    }?;
    let rest = s[end..].trim_start();
    let starts_text = rest
        .chars()
        .next()
        .is_some_and(|c| is_cjk(c) || c.is_alphabetic());
    // A title opening with a figure, set off by a space (`4. 12月9日部分小区停水`): no
    // decimal (`4.12`) has one.
    let spaced_figure = s[end..].starts_with(char::is_whitespace) && {
        let mut after = rest.chars().skip_while(char::is_ascii_digit);
        rest.starts_with(|c: char| c.is_ascii_digit()) && after.next().is_some_and(is_cjk)
    };
    (starts_text || spaced_figure).then(|| (s[..end].trim_end(), rest))
}

/// Whether the `.` at char index `i` of `chars` is an ASCII full stop used as a sentence
/// end in CJK text (`监控.6月8日`, `厂商.今年`), not a decimal point or an abbreviation.
pub fn is_ascii_full_stop(chars: &[char], i: usize) -> bool {
    chars[i] == '.'
        && i > 0
        && is_cjk(chars[i - 1])
        && chars[i - 1] != '.'
        && chars
            .get(i + 1)
            .is_none_or(|&n| is_cjk(n) || n.is_ascii_digit())
}

/// Removes whitespace between two CJK characters (`Linux系 统 的` → `Linux系统的`) or a CJK
/// character and a figure (`3 月 5 日` → `3月5日`), except around a credit (`记者 林晓岚`);
/// spaces between CJK and Latin letters are kept as printed.
pub fn strip_cjk_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let before = out.chars().last();
            let after = chars.get(j).copied();
            // Credits keep their spaces: `（记者 林晓岚 通讯员 陈晨）`.
            let next: String = chars[j..].iter().take(5).collect();
            let credit = CREDITS
                .iter()
                .any(|c| out.ends_with(c) || next.starts_with(c))
                || between_names(&out, &chars[j..]);
            // Extraction also spaces figures from the ideographs around them (`3 月 5 日`).
            let tight = |c: char| is_cjk(c) || c.is_ascii_digit();
            // A dateline keeps the space setting it off from its text (`…3月5日电 为期…`).
            let dateline_ends = matches!(before, Some('电' | '讯')) && is_dateline(&out);
            let drop = !credit
                && !dateline_ends
                && matches!((before, after), (Some(b), Some(a))
                    if tight(b) && tight(a) && (is_cjk(b) || is_cjk(a)));
            if !drop {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The credit a text ends inside, if any: what follows the last bracket left open
/// (`…5日电（记者 陆长青`), or the whole text when it opens with a credit (`本报记者 陆长青`).
fn open_credit(text: &str) -> Option<&str> {
    let (open, credited) = match text.rfind(['（', '(']) {
        Some(i) => (&text[i..], CREDITS.iter().any(|c| text[i..].contains(c))),
        None => {
            let t = text.trim_start();
            (t, CREDITS.iter().any(|c| t.starts_with(c)))
        }
    };
    (credited && !open.contains(['）', ')'])).then_some(open)
}

/// Whether a space stands between two whole names of a credit (`（记者 陆长青 严宁）`): two
/// ideographs or more on each side of it. A name set letter-spaced (`陈 晨`) has one.
fn between_names(before: &str, after: &[char]) -> bool {
    let run_before = before.chars().rev().take_while(|&c| is_cjk(c)).count();
    let run_after = after.iter().take_while(|&&c| is_cjk(c)).count();
    run_before >= 2 && run_after >= 2 && open_credit(before).is_some()
}

/// Whether a text stops right after a credit's title, its name to come on the next line
/// (`…5日电（记者` / `汪海）…`): the two lines join with a space, as the credit is written.
pub fn credit_awaits_name(text: &str) -> bool {
    open_credit(text).is_some_and(|open| CREDITS.iter().any(|c| open.ends_with(c)))
}

/// A line with the spaces its writer set between two phrases of ideographs kept
/// (`寒潮来袭 全市两天降温十二摄氏度`, a headline in two parts) and every other space as
/// [`strip_cjk_spaces`] leaves it; `None` when the line has no such space. A space stands
/// between phrases when two ideographs or more stand on each side of it: extraction spaces
/// single letters (`系 统 的`, a title set letter-spaced), never whole phrases apart only.
pub fn phrase_spaced<'a>(line: &'a str) -> Option<String> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    // A line with an ideograph standing alone between spaces, beside another ideograph,
    // was spaced by the extraction throughout (`平川县 夜市带 动 餐 饮`): none of its spaces
    // is the writer's. Beside figures it is a unit (`12 月 9 日`).
    let alone = |p: &str| p.chars().count() == 1 && p.chars().all(is_cjk);
    let letter_spaced = (0..parts.len()).any(|i| {
        let beside = |j: Option<usize>, end: bool| {
            j.and_then(|j| parts.get(j)).is_some_and(|q| {
                let c = if end {
                    q.chars().last()
                } else {
                    q.chars().next()
                };
                c.is_some_and(is_cjk)
            })
        };
        alone(parts[i]) && (beside(i.checked_sub(1), true) || beside(Some(i + 1), false))
    });
    if letter_spaced {
        return None;
    }
    let ideographs = |s: &str, from_end: bool| {
        let chars: Vec<char> = s.chars().collect();
        let n = chars.len().min(2);
        let edge = if from_end {
            &chars[chars.len() - n..]
        } else {
            &chars[..n]
        };
        n == 2 && edge.iter().all(|&c| is_cjk(c) && c.is_alphabetic())
    };
    // A phrase may open with a quotation (`城区新增学位一万二千个 “大班额”基本消除`) or
    // close with one (`山区小学用上“双师课堂” 孩子们…`).
    let opening = |s: &'a str| s.trim_start_matches(['“', '‘', '「', '《']);
    let closing = |s: &'a str| s.trim_end_matches(['”', '’', '」', '》']);
    let mut pieces = vec![parts.first()?.to_string()];
    for pair in parts.windows(2) {
        let last = pieces.last_mut().expect("one piece at least");
        let after = opening(pair[1]);
        let before = closing(pair[0]);
        if ideographs(before, true) && (ideographs(after, false) || figure_phrase(after)) {
            pieces.push(pair[1].to_owned());
        } else {
            last.push(' ');
            last.push_str(pair[1]);
        }
    }
    (pieces.len() > 1).then(|| {
        let stripped: Vec<String> = pieces.iter().map(|p| strip_cjk_spaces(p)).collect();
        stripped.join(" ")
    })
}

/// Whether a phrase opens with a figure written into its words (`2035年建成线网…`): a
/// phrase of the writer's, unlike a figure the extraction spaced apart (`3 月 5 日`).
fn figure_phrase(s: &str) -> bool {
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < s.len()
        && rest
            .chars()
            .take(2)
            .filter(|&c| is_cjk(c) && c.is_alphabetic())
            .count()
            == 2
}

/// Undoes a bold headline extracted with each run of glyphs printed twice:
/// `高级别自动驾驶提速高级别自动驾驶提速““车路云车路云””…` → `高级别自动驾驶提速“车路云”…`.
///
/// Only a line that splits entirely into doubled runs, gives a headline of at least four
/// characters without sentence punctuation, is repaired; body text with real
/// reduplication (`谢谢`, `研究研究`) never splits that way as a whole line.
pub fn undouble(line: &str) -> Option<String> {
    // A space printed inside a run is doubled with it (`HarmonHarmonyOS 4操yOS 4操`) and is
    // the title's; spaces the extraction put between runs are not.
    let kept: Vec<char> = line.trim().chars().collect();
    let stripped: Vec<char> = kept
        .iter()
        .copied()
        .filter(|c| !c.is_whitespace())
        .collect();
    if kept.len() != stripped.len() {
        if let Some(out) = undouble_chars(&kept) {
            return Some(out);
        }
    }
    undouble_chars(&stripped)
}

/// [`undouble`] of a line's characters.
fn undouble_chars(s: &[char]) -> Option<String> {
    let n = s.len();
    if n < 8 || !n.is_multiple_of(2) || n > 400 {
        return None;
    }
    // best[i]: fewest runs that decompose s[i..] into doubled runs, and the run length.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, 0));
    for i in (0..n).rev() {
        let mut choice: Option<(usize, usize)> = None;
        for len in 1..=(n - i) / 2 {
            if s[i..i + len] == s[i + len..i + 2 * len] {
                if let Some((runs, _)) = best[i + 2 * len] {
                    if choice.is_none_or(|(r, _)| runs < r) {
                        choice = Some((runs + 1, len));
                    }
                }
            }
        }
        best[i] = choice;
    }
    let (runs, _) = best[0]?;
    let mut out = String::new();
    let mut i = 0;
    let mut longest = 0;
    while i < n {
        let (_, len) = best[i]?;
        out.extend(&s[i..i + len]);
        longest = longest.max(len);
        i += 2 * len;
    }
    let m = out.chars().count();
    // A headline may hold a comma (`…投入使用，柑橘错峰销售…`), never end a clause.
    let sentence_like = out.contains(['。', '；']) || out.contains("..") || out.ends_with('，');
    // A headline, not a line of reduplicated words: long enough, and either some run
    // longer than two glyphs or many runs (per-glyph doubling `高高级级别别`).
    if m < 4 || sentence_like || (longest < 3 && runs < 4) {
        return None;
    }
    // Per-glyph doubling of a line that is itself only reduplicated words (`谢谢谢谢常常常常`)
    // is ambiguous: require the repaired text not to be doubled again.
    if undouble_once(&out).is_some() {
        return None;
    }
    Some(out)
}

fn undouble_once(s: &str) -> Option<()> {
    let c: Vec<char> = s.chars().collect();
    (c.len() >= 4 && c.len().is_multiple_of(2) && c.chunks(2).all(|p| p[0] == p[1])).then_some(())
}

/// Latin words seen in the page, to decide how a word broken at a line end is rejoined.
#[derive(Debug, Default)]
pub struct Vocab {
    words: HashSet<String>,
}

impl Vocab {
    /// Collects the Latin words of the page's lines.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words = HashSet::new();
        for line in lines {
            let mut cur = String::new();
            for c in line.chars().chain(std::iter::once(' ')) {
                if c.is_ascii_alphanumeric() || (c == '-' && !cur.is_empty()) {
                    cur.push(c);
                } else if !cur.is_empty() {
                    let w = cur.trim_end_matches('-');
                    if w.len() >= 2 {
                        words.insert(w.to_owned());
                        words.insert(w.to_ascii_lowercase());
                    }
                    cur.clear();
                }
            }
        }
        Vocab { words }
    }

    fn has(&self, w: &str) -> bool {
        self.words.contains(w) || self.words.contains(&w.to_ascii_lowercase())
    }
}

/// Appends the hard-wrapped continuation `next` to `out`: no space inside CJK text; a Latin
/// word broken at the line end is rejoined as the page writes it elsewhere (`Open`+`AI` →
/// `OpenAI`), else with a space (`Stone Partners`); a line-end hyphen between letters is
/// removed before a lower-case letter (`Autopi-`+`lot`) unless the page writes the
/// hyphenated form, and kept otherwise (`C-`+`V2X`).
pub fn join_into(out: &mut String, next: &str, vocab: &Vocab) {
    let next = next.trim();
    let (Some(p), Some(n)) = (out.chars().last(), next.chars().next()) else {
        out.push_str(next);
        return;
    };
    let tail: String = {
        let rev: Vec<char> = out
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        rev.into_iter().rev().collect()
    };
    let head: String = next
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if p == '-' && n.is_ascii_alphanumeric() && tail.len() > 1 {
        let stem = &tail[..tail.len() - 1];
        let joined_hyphen = format!("{tail}{head}");
        let joined = format!("{stem}{head}");
        let lower_letter =
            n.is_ascii_lowercase() && stem.ends_with(|c: char| c.is_ascii_alphabetic());
        if lower_letter && !vocab.has(&joined_hyphen)
            || vocab.has(&joined) && !vocab.has(&joined_hyphen)
        {
            out.pop();
        }
    } else if is_cjk(n) && credit_awaits_name(out) {
        out.push(' ');
    } else if p.is_ascii_alphanumeric() && n.is_ascii_alphanumeric() {
        // A number broken across lines is one number; words need the page's evidence.
        let joined = format!("{tail}{head}");
        let both_digits = p.is_ascii_digit() && n.is_ascii_digit();
        if !both_digits && !vocab.has(&joined) {
            out.push(' ');
        }
    }
    out.push_str(next);
}

/// Joins lines with [`join_into`].
pub fn join(lines: &[&str], vocab: &Vocab) -> String {
    let mut out = String::new();
    for l in lines {
        join_into(&mut out, l, vocab);
    }
    out
}

/// Column labels (`■TMT快报`), page headers and footers.
pub fn is_furniture(line: &str) -> bool {
    let s = line.trim();
    let n = s.chars().count();
    if n == 0 {
        return false;
    }
    if is_rule(s) {
        return true;
    }
    let first = s.chars().next().unwrap_or(' ');
    if matches!(
        first,
        '■' | '□' | '◆' | '◇' | '▲' | '△' | '★' | '☆' | '▶' | '►' | '●' | '◎'
    ) && n <= 16
    {
        return true;
    }
    // Page numbers and edition marks: `3`, `- 3 -`, `A3`, `第3版`, `3版`.
    let mut core = s.chars().filter(|c| !matches!(c, '-' | '—' | ' ' | '·'));
    if n <= 12
        && (1..=4).contains(&core.clone().count())
        && core.all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        return true;
    }
    if n <= 8
        && (s.ends_with('版') || s.ends_with("版面"))
        && s.chars()
            .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    {
        return true;
    }
    if is_byline(s) {
        return true;
    }
    // Editor credits, a newsletter's colophon and dated page headers.
    for p in [
        "责任编辑",
        "本版编辑",
        "责编",
        "美编",
        "校对",
        "版式",
        "编辑：",
        "主编：",
        "主办：",
        "投稿邮箱",
        "投稿信箱",
        "联系电话",
        "电话：",
        "邮箱：",
        // A chart's or a photo's credit (`数据来源：国家统计局`, `本版数据来源：…`).
        "数据来源",
        "资料来源",
        "图片来源",
        "图表来源",
    ] {
        // Also for one page (`本版责编：…`, `一版责编：…`, `本版邮箱：…`).
        let credit = s.starts_with(p) || page_label(s).is_some_and(|rest| rest.starts_with(p));
        if credit && n <= 60 && !s.contains(['。', '！', '？']) {
            return true;
        }
    }
    if is_issue_line(s) || is_editors_mark(s) {
        return true;
    }
    if is_web_control(s) || is_folio(s) {
        return true;
    }
    if n <= 30
        && s.contains("星期")
        && s.contains('年')
        && s.contains('月')
        && s.contains('日')
        && !s.contains('。')
    {
        return true;
    }
    false
}

/// The signature closing an editor's note (`——编者`), also when extraction broke it before its
/// last letter (`——编` / `者`).
fn is_editors_mark(s: &str) -> bool {
    let squeezed: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(squeezed.as_str(), "——编者" | "——编" | "－－编者" | "－－编")
}

/// The rest of a line opening with a page's label: `本版`, `一版`, `12版`.
fn page_label(s: &str) -> Option<&str> {
    if let Some(rest) = s.strip_prefix("本版") {
        return Some(rest);
    }
    let (label, rest) = s.split_once('版')?;
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    (!label.is_empty() && label.chars().count() <= 3 && label.chars().all(numeral)).then_some(rest)
}

/// A periodical's issue line: `2026年第3期`, `总第125期`, `第12期 2026年5月`.
fn is_issue_line(s: &str) -> bool {
    s.chars().count() <= 24
        && s.contains('第')
        && s.contains('期')
        && s.chars()
            .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        && !s.contains(['，', '。', '、', '：'])
        && s.chars()
            .all(|c| c.is_ascii_digit() || "第期总年月日号 　-—/一二三四五六七八九十".contains(c))
}

/// A byline on a line of its own: `本报记者 林晓岚`, `记者 张三 李四`, `文/王五`, `本报通讯员
/// 赵六 记者 钱七`: a reporter's or photographer's credit, a space or a slash, and names,
/// nothing else (`本报记者近日从市教育局获悉` is a sentence, not a byline); or a known
/// outlet's own writer without names (`新华社记者`, see `outlet_credit`).
pub fn is_byline(s: &str) -> bool {
    if s.chars().count() > 30 {
        return false;
    }
    if outlet_credit(s.trim()) {
        return true;
    }
    CREDITS.iter().any(|credit| {
        s.strip_prefix(credit).is_some_and(|rest| {
            let slashed = credit.ends_with(['/', '／']);
            (slashed || rest.starts_with(char::is_whitespace)) && credited_names(rest)
        })
    })
}

/// Words that credit the people named after them in a byline.
const CREDITS: &[&str] = &[
    "本报记者",
    "本报通讯员",
    "本报特约记者",
    "特约记者",
    "实习生",
    "通讯员",
    "记者",
    "文/",
    "文／",
    "图/",
    "图／",
    "摄影",
    "撰文",
];

/// Outlets whose own writers' bylines often go without names (`新华社记者`, `本报评论员`).
const OWN_OUTLETS: [&str; 17] = [
    "本报",
    "新华社",
    "中新社",
    "人民日报",
    "光明日报",
    "经济日报",
    "中国日报",
    "解放军报",
    "法治日报",
    "工人日报",
    "科技日报",
    "央视",
    "总台",
    "央广",
    "人民网",
    "新华网",
    "中新网",
];

/// An outlet's own writer: a known outlet's with or without names (`新华社记者`, `本报评论员`,
/// `人民日报评论员`: a reprint often drops the names), or another outlet's with names
/// (`海川日报记者 林晓岚`). `争当新时代党报记者` and `近日，本报记者` are text.
fn outlet_credit(s: &str) -> bool {
    ["特约评论员", "评论员", "特约记者", "记者"]
        .iter()
        .any(|credit| {
            s.split_once(credit).is_some_and(|(outlet, rest)| {
                let known = OWN_OUTLETS.contains(&outlet);
                let n = outlet.chars().count();
                let outlet_like = known
                    || (2..=6).contains(&n)
                        && outlet.ends_with(['社', '报', '台', '网'])
                        && outlet.chars().all(|c| is_cjk(c) && c.is_alphabetic());
                match rest.is_empty() {
                    true => known,
                    false => {
                        outlet_like && rest.starts_with(char::is_whitespace) && credited_names(rest)
                    }
                }
            })
        })
}

/// Names after a credit: each word a name of two to four letters (`林晓岚`, `欧阳·明`, or
/// `程 龙` printed with a space inside) or another credit (`通讯员`), at least one name.
fn credited_names(rest: &str) -> bool {
    let Some(words) = spaced_names(rest) else {
        return false;
    };
    words.iter().any(|w| is_name(w))
        && words
            .iter()
            .all(|w| is_name(w) || CREDITS.contains(&w.as_str()))
}

/// The words of a list of names, two one-letter words in a row joined: a two-letter name
/// printed spaced out to the width of three (`程 龙`). Never across a `、`, and at most two
/// such names in a line (`None` for more: letters spaced out one by one are text).
fn spaced_names(rest: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut joined = 0;
    for group in rest.split('、') {
        let mut single: Option<&str> = None;
        for w in group.split_whitespace() {
            match (single.take(), w.chars().count() == 1) {
                (Some(first), true) => {
                    joined += 1;
                    out.push(format!("{first}{w}"));
                }
                (Some(first), false) => {
                    out.push(first.to_owned());
                    out.push(w.to_owned());
                }
                (None, true) => single = Some(w),
                (None, false) => out.push(w.to_owned()),
            }
        }
        out.extend(single.map(str::to_owned));
    }
    (joined <= 2).then_some(out)
}

/// A personal name as bylines and signatures print it: two to four letters, `·` allowed.
fn is_name(w: &str) -> bool {
    (2..=4).contains(&w.chars().filter(|c| *c != '·').count())
        && w.chars().all(|c| c.is_alphabetic() || c == '·')
}

/// A letter's signature on a line of its own: `读者 王芳`, `——王芳`, `（读者 李明）`,
/// `南京市读者 赵强`: a dash or a reader's credit and one name, nothing else. Read as the
/// letter's source line.
pub fn is_signature(s: &str) -> bool {
    let inner = s
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .unwrap_or(s)
        .trim();
    if let Some(rest) = inner
        .strip_prefix("——")
        .or_else(|| inner.strip_prefix("－－"))
    {
        // `——王芳`, `——读者 王芳`.
        let rest = rest.trim();
        return is_name(rest) || (rest.starts_with("读者") && is_signature(rest));
    }
    match inner.split_once("读者") {
        Some((place, rest)) => {
            (place.is_empty()
                || (place.chars().count() <= 8
                    && place.chars().all(char::is_alphabetic)
                    && place.ends_with(['市', '省', '县', '区', '镇', '村', '州'])))
                && rest.starts_with(char::is_whitespace)
                && is_name(rest.trim())
        }
        None => false,
    }
}

/// Words that follow 据 in ordinary sentences, never a source (`据统计`, `据悉`…).
const NOT_OUTLETS: &[&str] = &[
    "统计",
    "悉",
    "了解",
    "介绍",
    "报道",
    "估计",
    "测算",
    "称",
    "说",
    "此",
    "调查",
    "初步",
    "不完全",
    "相关",
    "公开",
    "预测",
    "分析",
    "研究",
    "记者",
    "透露",
    "官方",
    "消息",
    "媒体",
    "业内",
    "知情",
    "数据",
    "资料",
    "规定",
    "显示",
    "推算",
];

/// Suffixes of outlet names given without book-title marks (`据科创板日报`, `综合新华社`).
const OUTLET_SUFFIXES: &[&str] = &[
    "报",
    "社",
    "网",
    "台",
    "新闻",
    "杂志",
    "周刊",
    "刊",
    "财经",
    "客户端",
    "电",
    "消息",
    "报道",
    "观察",
    "时报",
    "頭条",
    "头条",
    "资讯",
    "在线",
];

/// `据《科技日报》`, `综合《每日经济新闻》《中国科技信息》`, `据科创板日报`, `综合`,
/// `（据新华社）`, `来源：新华网`. A sentence (`据统计，今年…`) is not a source.
pub fn parse_source(s: &str) -> Option<Source> {
    let s = s.trim();
    let inner = s
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .unwrap_or(s)
        .trim();
    if inner.chars().count() > 40 || inner.contains(['。', '，', '；', '！', '？']) {
        return None;
    }
    if let Some(outlet) = edition_line(inner) {
        return Some(Source {
            line: Some(s.to_owned()),
            outlets: vec![outlet],
        });
    }
    let inner = after_web_date(inner).unwrap_or(inner);
    let (kind, rest) = source_kind(inner)?;
    let rest = rest.trim();
    let outlets = if rest.contains('《') {
        marked_outlets(rest)?
    } else if !rest.is_empty() {
        listed_outlets(rest, kind)?
    } else if kind != "综合" {
        return None;
    } else {
        Vec::new()
    };
    Some(Source {
        line: Some(s.to_owned()),
        outlets,
    })
}

/// A web page's source line after the page's date, time and place (`2021-05-31 来源：…`,
/// `2022-05-26 14:27北京来源：…`): the part from `来源`.
fn after_web_date(inner: &str) -> Option<&str> {
    let date = inner
        .char_indices()
        .take_while(|(_, c)| {
            c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日')
        })
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    // `2022年05月26日08:21`: the date ends at its `日`, the time follows.
    let date = inner[..date]
        .find('日')
        .map_or(date, |at| at + '日'.len_utf8());
    let digits = inner[..date].chars().filter(char::is_ascii_digit).count();
    if !(6..=8).contains(&digits) {
        return None;
    }
    let rest = inner[date..]
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':');
    let at = rest.find("来源")?;
    let place = rest[..at].trim_matches(|c: char| c.is_whitespace() || c == '|' || c == '｜');
    (place.chars().count() <= 6 && place.chars().all(is_cjk)).then(|| &rest[at..])
}

/// A page's number as printed at its foot: `第 155 页`, `第3页 共12页`, `3 / 12`.
fn is_folio(s: &str) -> bool {
    let bare: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let number = |t: &str| (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    let page = |t: &str| {
        t.strip_prefix('第')
            .and_then(|t| t.strip_suffix('页'))
            .is_some_and(number)
    };
    match bare.split_once("页共") {
        Some((a, b)) => page(&format!("{a}页")) && b.strip_suffix('页').is_some_and(number),
        None => {
            page(&bare)
                || bare
                    .split_once('/')
                    .is_some_and(|(a, b)| number(a) && number(b))
        }
    }
}

/// A web page's buttons, printed with it (`扫一扫分享本页`, `【打印本页】 【关闭窗口】`,
/// `字号：大 中 小`): a line of nothing but buttons.
pub fn is_web_control(s: &str) -> bool {
    const CONTROLS: [&str; 12] = [
        "扫一扫",
        "分享本页",
        "分享到",
        "分享",
        "打印本页",
        "打印",
        "关闭窗口",
        "关闭",
        "返回顶部",
        "收藏本页",
        "收藏",
        "字号大中小",
    ];
    // Marks, brackets and spaces around the buttons do not count.
    let mut rest: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !"【】[]|｜:：/、".contains(*c))
        .collect();
    if !CONTROLS.iter().any(|c| rest.contains(c)) {
        return false;
    }
    for c in CONTROLS {
        rest = rest.replace(c, "");
    }
    rest.chars().count() <= 1
}

/// A website's notice printed under its article (a print of the page): a disclaimer naming the
/// site or the text itself (`本文仅代表作者观点，不代表本站立场`), a copyright notice (`未经授权，
/// 不得转载`), a platform's note on itself (`以上内容为自媒体平台用户上传并发布`), an invitation to
/// download the site's app or to send it news tips, a text headed `特别声明`. It takes two kinds
/// of these to make one (a news story may mention any one of them), in at most
/// [`NOTICE_CHARS`] characters, and its first sentence is already one of them (not an article's
/// last sentence followed by the notice).
pub fn is_site_notice(text: &str) -> bool {
    let first = text
        .split_inclusive(['。', '！', '？'])
        .next()
        .unwrap_or_default();
    text.chars().filter(|c| !c.is_whitespace()).count() <= NOTICE_CHARS
        && notice_kinds(text) >= 2
        && notice_kinds(first) >= 1
}

/// The longest website's notice, in characters (whitespace aside).
pub const NOTICE_CHARS: usize = 240;

/// How many kinds of a website's notice a text has (see [`is_site_notice`]).
fn notice_kinds(text: &str) -> usize {
    let bare: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"“”\"'‘’「」《》".contains(*c))
        .collect();
    let has = |words: &[&str]| words.iter().any(|w| bare.contains(w));
    // The site or the text speaking of itself.
    let itself = has(&["本站", "本网", "本平台", "本文", "本号", "该文", "以上内容"]);
    let kinds = [
        has(&[
            "版权声明",
            "版权所有",
            "不得转载",
            "禁止转载",
            "转载请注明",
            "转载请联系",
        ]),
        itself && has(&["仅代表", "不代表"]) && has(&["观点", "立场"]),
        itself
            && has(&[
                "上传并发布",
                "信息发布平台",
                "信息存储空间",
                "信息存储服务",
                "自媒体平台",
            ]),
        has(&["下载"]) && has(&["客户端"]),
        has(&[
            "报料热线",
            "爆料热线",
            "报料邮箱",
            "新闻线索",
            "欢迎报料",
            "欢迎爆料",
        ]),
        ["免责声明", "特别声明", "声明："]
            .iter()
            .any(|h| bare.starts_with(h)),
    ];
    kinds.iter().filter(|&&k| k).count()
}

/// A rule drawn in characters (`==========`, `----------`, `──────`): one sign repeated.
pub fn is_rule(s: &str) -> bool {
    let s = s.trim();
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    "=-_*~─━═—＝－·.…".contains(first)
        && s.chars().count() >= 5
        && chars.all(|c| c == first || c == ' ')
}

/// A reprint's edition line, `《人民日报》（2025年10月20日 第 01 版）`: a title-marked outlet and,
/// in brackets, the date or page it was printed on; the outlet.
fn edition_line(inner: &str) -> Option<String> {
    let (name, after) = inner.strip_prefix('《')?.split_once('》')?;
    let bracket = after
        .trim()
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?;
    let dated = bracket.contains('版') || (bracket.contains('年') && bracket.contains('日'));
    let name = name.trim();
    (dated && (2..=12).contains(&name.chars().count())).then(|| name.to_owned())
}

/// The opening word of a source (`综合`, `来源`, `据`) and the text after it.
fn source_kind(inner: &str) -> Option<(&'static str, &str)> {
    if let Some(r) = inner.strip_prefix("综合") {
        Some(("综合", r))
    } else if let Some(r) = inner
        .strip_prefix("来源：")
        .or_else(|| inner.strip_prefix("来源:"))
    {
        Some(("来源", r))
    } else {
        inner.strip_prefix('据').map(|r| ("据", r))
    }
}

/// Outlets named in title marks (`《科技日报》《中国科技信息》`); `None` if there are none
/// or more than short glue (`、`, `等`, `报道`) is outside the marks.
fn marked_outlets(rest: &str) -> Option<Vec<String>> {
    let outlets: Vec<String> = rest
        .split('《')
        .filter_map(|p| p.split_once('》').map(|(name, _)| name.trim().to_owned()))
        .filter(|n| !n.is_empty())
        .collect();
    if outlets.is_empty() {
        return None;
    }
    let outside: String = rest
        .split('《')
        .map(|p| p.split_once('》').map_or(p, |(_, after)| after))
        .collect();
    if outside
        .chars()
        .filter(|c| !matches!(c, '、' | ' ' | '和' | '及' | '等'))
        .count()
        > 4
    {
        return None;
    }
    Some(outlets)
}

/// Outlets listed without marks (`科创板日报、新华网`), `报道`/`消息`/`电` dropped; `None`
/// if a name does not look like an outlet (after `据`, it must end like one or be Latin).
fn listed_outlets(rest: &str, kind: &str) -> Option<Vec<String>> {
    let mut outlets = Vec::new();
    for name in rest
        .split(['、', '，', ' ', '/'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        if NOT_OUTLETS.iter().any(|w| name.starts_with(w)) && kind == "据" {
            return None;
        }
        let bare = name
            .trim_end_matches("报道")
            .trim_end_matches("消息")
            .trim_end_matches('电');
        let bare = if bare.is_empty() { name } else { bare };
        let looks_outlet = OUTLET_SUFFIXES.iter().any(|suf| bare.ends_with(suf))
            || bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            || kind != "据";
        if !looks_outlet || bare.chars().count() > 16 {
            return None;
        }
        outlets.push(bare.to_owned());
    }
    Some(outlets)
}

/// `…采购成本将继续良性下降。 据科创板日报` → (body, source text, source); a letter's
/// signature glued the same way (`…加装几把座椅。 ——读者 王芳`, a space inside it) is its
/// source too.
pub fn split_glued_source(line: &str) -> Option<(&str, &str, Source)> {
    line.char_indices()
        .rev()
        .filter(|&(_, c)| matches!(c, ' ' | '\u{3000}' | '\t'))
        .find_map(|(idx, _)| {
            let head = line[..idx].trim_end();
            let tail = line[idx..].trim();
            if head.is_empty() || !ends_sentence(head) {
                return None;
            }
            let src = parse_source(tail).or_else(|| {
                is_signature(tail).then(|| Source {
                    line: Some(tail.to_owned()),
                    outlets: Vec::new(),
                })
            })?;
            Some((head, tail, src))
        })
}

/// Dateline at the start of a lead: `新华社北京6月25日电（记者 张三）`, `本报讯（记者 李四）`,
/// `中新网上海3月5日电`. Returns the dateline and its outlet.
pub fn dateline(lead: &str) -> Option<(String, String)> {
    let head: String = lead.chars().take(40).collect();
    if let Some(rest) = head.strip_prefix("本报") {
        // 本报讯, 本报北京3月5日讯
        if let Some(at) = rest.find('讯') {
            let place_date = &rest[..at];
            let dated = place_date.contains('日')
                && place_date.chars().count() <= 14
                && !place_date.contains(['，', '。', '“']);
            if place_date.is_empty() || dated {
                let after = &rest[at + '讯'.len_utf8()..];
                let end = closing_paren_end(after);
                return Some((
                    format!("本报{place_date}讯{}", &after[..end]),
                    "本报".to_owned(),
                ));
            }
        }
    }
    let dian = head.find("电")?;
    let before = &head[..dian];
    let n = before.chars().count();
    if !(3..=20).contains(&n) || before.contains(['，', '。', '“']) || !before.contains('日') {
        return None;
    }
    let outlet_end = ["社", "网", "台", "报", "新闻"]
        .iter()
        .filter_map(|suf| before.find(suf).map(|i| i + suf.len()))
        .min()?;
    let outlet = &before[..outlet_end];
    if outlet.chars().count() > 8 {
        return None;
    }
    let rest = &head[dian + "电".len()..];
    let end = closing_paren_end(rest);
    Some((format!("{}电{}", before, &rest[..end]), outlet.to_owned()))
}

/// Whether the text is a dateline and nothing more (`新华社北京3月5日电`, `本报讯`).
fn is_dateline(text: &str) -> bool {
    dateline(text).is_some_and(|(d, _)| d == text)
}

fn closing_paren_end(rest: &str) -> usize {
    if rest.starts_with(['（', '(']) {
        rest.find(['）', ')']).map_or(0, |i| {
            i + rest[i..].chars().next().map_or(1, char::len_utf8)
        })
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_notice_takes_two_kinds_of_notice_a_story_mentions_one() {
        for notice in [
            "本文由作者在江口号上传并发布，仅代表作者本人观点，不代表本平台立场。",
            "特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。",
            "版权声明：本网所刊新闻未经授权不得转载。文中观点仅代表作者，不代表本网立场。",
            "更多资讯请下载“江口新闻”客户端。欢迎提供新闻线索，报料热线：0571-12345678。",
        ] {
            assert!(is_site_notice(notice), "{notice}");
        }
        for story in [
            "国家版权局表示，未经授权转载新闻作品属于侵权行为，将依法查处。",
            "记者了解到，这款客户端上线一周下载量已超过十万次。",
            "他说，这只代表他个人的观点，不代表公司。",
            "市消协发布消费提示，并公布投诉热线和新闻线索征集邮箱。",
            "近日，有网友在自媒体平台爆料称，某小区物业擅自提高停车费。",
            "警方提醒，切勿下载未经授权的贷款客户端。",
            "该公司发表声明：相关言论仅代表员工个人观点，不代表公司立场。",
            "这仅代表他本人观点。本文为江口号作者上传并发布，仅代表作者观点，不代表本平台立场。",
        ] {
            assert!(!is_site_notice(story), "{story}");
        }
    }

    fn vocab(words: &[&str]) -> Vocab {
        Vocab::from_lines(words.iter().copied())
    }

    #[test]
    fn undoubles_bold_headlines() {
        assert_eq!(
            undouble(
                "高级别自动驾驶提速高级别自动驾驶提速““车路云车路云””协同发展成趋协同发展成趋势势"
            )
            .as_deref(),
            Some("高级别自动驾驶提速“车路云”协同发展成趋势")
        );
        assert_eq!(
            undouble("高高级级别别自自动动驾驾驶驶").as_deref(),
            Some("高级别自动驾驶")
        );
        assert_eq!(
            undouble("全球油价上涨全球油价上涨").as_deref(),
            Some("全球油价上涨")
        );
    }

    #[test]
    fn leaves_real_reduplication_alone() {
        // A space inside a run is the title's; a headline may hold a comma.
        assert_eq!(
            undouble("华为发布鸿蒙华为发布鸿蒙HarmonHarmonyOS 4操yOS 4操作系统作系统").as_deref(),
            Some("华为发布鸿蒙HarmonyOS 4操作系统")
        );
        assert_eq!(
            undouble("冷库投入使用冷库投入使用，柑橘错峰，柑橘错峰多卖两毛多卖两毛").as_deref(),
            Some("冷库投入使用，柑橘错峰多卖两毛")
        );
        assert_eq!(undouble("好的，快点好的，快点，，"), None);
        assert_eq!(undouble("谢谢谢谢"), None);
        assert_eq!(undouble("研究研究"), None);
        assert_eq!(undouble("我们常常要研究研究再说谢谢大家"), None);
        assert_eq!(undouble("谢谢谢谢常常常常"), None);
        assert_eq!(undouble("看看看看，想想想想"), None);
        // A doubled sentence is body text, not a headline.
        assert_eq!(undouble("他说好的。他说好的。"), None);
    }

    #[test]
    fn phrases_of_a_headline_keep_their_space() {
        let spaced = |s| phrase_spaced(s);
        assert_eq!(
            spaced("寒潮来袭 全市两天降温十二摄氏度").as_deref(),
            Some("寒潮来袭 全市两天降温十二摄氏度")
        );
        assert_eq!(
            spaced("4. 12 月 9 日部分小区 暂停供水").as_deref(),
            Some("4. 12月9日部分小区 暂停供水")
        );
        // Letters spaced by the extraction, figures, Latin words: no phrase space.
        assert_eq!(spaced("Linux系 统 的"), None);
        assert_eq!(spaced("新 闻 摘 要"), None);
        assert_eq!(spaced("本报北京 3 月 5 日讯"), None);
        assert_eq!(
            spaced("城际轨道交通规划获批 2035年建成线网").as_deref(),
            Some("城际轨道交通规划获批 2035年建成线网")
        );
        assert_eq!(spaced("未来 AI发展"), None);
        assert_eq!(spaced("桐川至岚山城际铁路开通"), None);
        // A phrase opening with a quotation; a line the extraction letter-spaced throughout.
        assert_eq!(
            spaced("城区新增学位一万二千个 “大班额”基本消").as_deref(),
            Some("城区新增学位一万二千个 “大班额”基本消")
        );
        assert_eq!(spaced("平川县 夜市带 动 餐 饮"), None);
        // A phrase closing with one.
        assert_eq!(
            spaced("山区小学用上“双师课堂” 孩子们隔着屏幕学舞蹈").as_deref(),
            Some("山区小学用上“双师课堂” 孩子们隔着屏幕学舞蹈")
        );
        assert_eq!(spaced("他说“好” 的"), None);
    }

    #[test]
    fn strips_spaces_between_cjk_only() {
        assert_eq!(strip_cjk_spaces("Linux系 统 的"), "Linux系统的");
        assert_eq!(strip_cjk_spaces("液晶显示器 （LCD）"), "液晶显示器（LCD）");
        assert_eq!(strip_cjk_spaces("未来 AI发展"), "未来 AI发展");
        assert_eq!(strip_cjk_spaces("英伟达 GPU的依赖"), "英伟达 GPU的依赖");
        assert_eq!(strip_cjk_spaces("Imperium Drive"), "Imperium Drive");
        assert_eq!(strip_cjk_spaces("本报北京 3 月 5 日讯"), "本报北京3月5日讯");
        assert_eq!(
            strip_cjk_spaces("增长 5.2% ，GDP 5 万亿"),
            "增长5.2% ，GDP 5万亿"
        );
        assert_eq!(strip_cjk_spaces("iPhone 15 发布"), "iPhone 15发布");
        assert_eq!(
            strip_cjk_spaces("本报讯（记者 林晓岚 通讯员 陈 晨）"),
            "本报讯（记者 林晓岚 通讯员 陈晨）"
        );
        // Two reporters' whole names keep the space between them, in a bracket or a byline.
        assert_eq!(
            strip_cjk_spaces("本报鹭洲 12 月 6 日讯（记者 陆长青 严宁）记者从市里获悉"),
            "本报鹭洲12月6日讯（记者 陆长青 严宁）记者从市里获悉"
        );
        assert_eq!(
            strip_cjk_spaces("本报记者 陆长青 严宁"),
            "本报记者 陆长青 严宁"
        );
        assert_eq!(strip_cjk_spaces("城市 生活 周刊"), "城市生活周刊");
        // A dateline keeps the space that sets it off from its text; inside the text a space
        // between ideographs is the extraction's.
        assert_eq!(
            strip_cjk_spaces("新华社北京 3 月 5 日电 为期一个月的服务月 5 日启动"),
            "新华社北京3月5日电 为期一个月的服务月5日启动"
        );
        assert_eq!(
            strip_cjk_spaces("本报讯 临江市体育中心"),
            "本报讯 临江市体育中心"
        );
        assert_eq!(strip_cjk_spaces("会上发 电 量"), "会上发电量");
    }

    #[test]
    fn rules_drawn_in_characters_and_web_buttons_are_furniture() {
        assert!(is_furniture(
            "============================================================"
        ));
        assert!(is_furniture("- - - - - - -"));
        assert!(is_furniture("──────────"));
        assert!(is_furniture("第 155 页"));
        assert!(is_furniture("第3页 共12页"));
        assert!(is_furniture("3 / 12"));
        assert!(!is_furniture("第3页的内容"));
        assert!(is_furniture("扫一扫分享本页"));
        assert!(is_furniture("【打印本页】 【关闭窗口】"));
        assert!(is_furniture("字号：大 中 小"));
        assert!(!is_furniture("“扫一扫”就能查到农产品“身份证”"));
        assert!(!is_furniture("将好经验分享到全省各地，"));
        assert!(!is_furniture("中华老字号：守正创新"));
        assert!(!is_furniture("——"));
        assert!(is_furniture("——编者") && is_furniture("——编"));
        assert!(!is_furniture("——编者按"));
        assert!(!is_furniture("…………"));
        assert!(!is_furniture("扫一扫二维码即可报名参加本次活动。"));
    }

    #[test]
    fn a_web_pages_source_after_its_date_time_and_place_is_a_source() {
        let s = parse_source("2021-05-31 来源：《光明日报》收藏").unwrap();
        assert_eq!(s.outlets, ["光明日报"]);
        let s = parse_source("2022-05-26 14:27北京来源：澎湃新闻").unwrap();
        assert_eq!(
            s.line.as_deref(),
            Some("2022-05-26 14:27北京来源：澎湃新闻")
        );
        assert_eq!(s.outlets, ["澎湃新闻"]);
        assert!(parse_source("2022年5月26日 来源：新华网").is_some());
        assert!(parse_source("2022-05-26 14:27 北京 来源：澎湃新闻").is_some());
        assert!(parse_source("2022年05月26日08:21 | 来源：人民网").is_some());
        // A date and a place with a sentence after them are no source.
        assert!(parse_source("2022-05-26 记者从市里了解到来源情况").is_none());
        assert!(parse_source("2022-05-26 很长的一段地名和说明文字来源：新华网").is_none());
    }

    #[test]
    fn a_credit_broken_before_its_name_joins_with_a_space() {
        let v = Vocab::default();
        assert_eq!(
            join(
                &["新华社鹭洲12月5日电（记者", "汪海）今冬明春农田水利建设5日"],
                &v
            ),
            "新华社鹭洲12月5日电（记者 汪海）今冬明春农田水利建设5日"
        );
        // A closed credit, or the word in a sentence, joins tight as text does.
        assert_eq!(
            join(&["本报讯（记者 庞雪）记者", "从市里获悉"], &v),
            "本报讯（记者 庞雪）记者从市里获悉"
        );
        assert_eq!(
            crate::import::pdf::articles::join(["（记者", "汪海）"]),
            "（记者 汪海）"
        );
    }

    #[test]
    fn joins_wrapped_latin_words_with_the_page_vocabulary() {
        let v = vocab(&["仅就算力而言，OpenAI", "加快C-V2X、路侧感知"]);
        assert_eq!(
            join(&["有消息称，Open", "AI公司发布"], &v),
            "有消息称，OpenAI公司发布"
        );
        assert_eq!(
            join(&["市场研究机构Stone", "Partners此前"], &v),
            "市场研究机构Stone Partners此前"
        );
        assert_eq!(
            join(&["特斯拉的Autopi-", "lot和完全"], &v),
            "特斯拉的Autopilot和完全"
        );
        assert_eq!(join(&["加快C-", "V2X、路侧"], &v), "加快C-V2X、路侧");
        assert_eq!(join(&["大模型是", "AI未来发展"], &v), "大模型是AI未来发展");
        assert_eq!(join(&["梅赛德斯-奔", "驰的"], &v), "梅赛德斯-奔驰的");
        assert_eq!(join(&["语言模型GPT-", "4甚至"], &v), "语言模型GPT-4甚至");
        // In-line hyphenated words the page uses stay hyphenated across a break.
        let v2 = vocab(&["e-commerce平台"]);
        assert_eq!(join(&["跨境e-", "commerce平台"], &v2), "跨境e-commerce平台");
    }

    #[test]
    fn recognises_sentence_ends_including_ascii_full_stops() {
        assert!(ends_sentence("L3级自动驾驶正渐行渐近。"));
        assert!(ends_sentence("重要。”"));
        assert!(ends_sentence("使用L3级自动驾驶的厂商."));
        assert!(!ends_sentence("辛国斌在国务"));
        assert!(!ends_sentence("达到了6."));
        assert!(ends_sentence(
            "详情：https://lib.xichuan.edu.cn/notice/1203"
        ));
        assert!(ends_sentence("报名网址 www.xichuan.edu.cn/run"));
        assert!(ends_sentence("投稿：news@xichuan.edu.cn"));
        assert!(!ends_sentence("访问https://"));
        assert!(!ends_sentence("邮件地址是a@b"));
    }

    #[test]
    fn finds_numbered_item_markers_not_decimals() {
        assert_eq!(
            item_marker("1. 图书馆延长开放"),
            Some(("1.", "图书馆延长开放"))
        );
        assert_eq!(
            item_marker("12、食堂推出套餐"),
            Some(("12、", "食堂推出套餐"))
        );
        assert_eq!(item_marker("（3）跑步打卡"), Some(("（3）", "跑步打卡")));
        assert_eq!(item_marker("④新学期"), Some(("④", "新学期")));
        assert_eq!(item_marker("五、其他事项"), Some(("五、", "其他事项")));
        assert_eq!(item_marker("1.5亿用户"), None);
        assert_eq!(
            item_marker("4. 12月9日部分小区停水"),
            Some(("4.", "12月9日部分小区停水"))
        );
        assert_eq!(item_marker("4.12亿元"), None);
        assert_eq!(item_marker("3. 5"), None);
        assert_eq!(item_marker("2026年第3期"), None);
        assert_eq!(item_marker("一二三"), None);
        assert_eq!(item_marker("3. "), None);
        let c: Vec<char> = "安全员的监控.6月8日".chars().collect();
        assert!(is_ascii_full_stop(&c, 6));
        let d: Vec<char> = "增长6.3兆帕".chars().collect();
        assert!(!is_ascii_full_stop(&d, 3));
    }

    #[test]
    fn parses_sources_and_refuses_sentences() {
        let s = parse_source("综合《每日经济新闻》《中国科技信息》").unwrap();
        assert_eq!(s.outlets, vec!["每日经济新闻", "中国科技信息"]);
        assert_eq!(
            parse_source("据《科技日报》").unwrap().outlets,
            vec!["科技日报"]
        );
        assert_eq!(
            parse_source("据科创板日报").unwrap().outlets,
            vec!["科创板日报"]
        );
        assert!(parse_source("综合").unwrap().outlets.is_empty());
        assert_eq!(
            parse_source("（据新华社）").unwrap().outlets,
            vec!["新华社"]
        );
        assert_eq!(
            parse_source("综合新华社、人民网").unwrap().outlets,
            vec!["新华社", "人民网"]
        );
        assert!(parse_source("据统计，今年增长了三成。").is_none());
        assert!(parse_source("据统计").is_none());
        assert!(parse_source("据悉").is_none());
        assert!(parse_source("据了解").is_none());
        assert!(parse_source("据他回忆").is_none());
        assert!(parse_source("综合来看，市场回暖。").is_none());
        // A reprint's edition line names its paper.
        assert_eq!(
            parse_source("《人民日报》（2025年10月20日 第 01 版）")
                .unwrap()
                .outlets,
            vec!["人民日报"]
        );
        assert_eq!(
            parse_source("《光明日报》(第5版)").unwrap().outlets,
            vec!["光明日报"]
        );
        assert!(parse_source("《三体》").is_none(), "a book title alone");
        assert!(parse_source("《三体》（刘慈欣著）").is_none());
    }

    #[test]
    fn splits_sources_glued_to_the_last_line() {
        let (head, tail, src) = split_glued_source("性下降。 据科创板日报").unwrap();
        assert_eq!((head, tail), ("性下降。", "据科创板日报"));
        assert_eq!(src.outlets, vec!["科创板日报"]);
        let (head, tail, _) = split_glued_source("的市场份额预计为50.2%。 综合").unwrap();
        assert_eq!((head, tail), ("的市场份额预计为50.2%。", "综合"));
        assert!(split_glued_source("困难，就更别提对 AI大模型做微调").is_none());
        assert!(split_glued_source("增长了三成。 据统计").is_none());
        assert!(split_glued_source("未来 AI发展").is_none());
        let (head, tail, _) = split_glued_source("几把座椅。 ——读者 王芳").unwrap();
        assert_eq!((head, tail), ("几把座椅。", "——读者 王芳"));
        assert!(split_glued_source("他说。 读者们 很多").is_none());
    }

    #[test]
    fn repairs_a_page_line_by_line() {
        let lines = repair(" 标题在此\n■TMT快报\n\n正文第一行，\n收尾了。 综合\n\nLinux系 统 的\n");
        let kinds: Vec<&LineKind> = lines.iter().map(|l| &l.kind).collect();
        assert_eq!(lines[0].text, "标题在此");
        assert_eq!(kinds[1], &LineKind::Furniture);
        assert_eq!(lines[4].text, "收尾了。");
        assert!(matches!(kinds[5], LineKind::Source(_)));
        assert_eq!(lines[5].no, 5);
        assert_eq!(lines[7].text, "Linux系统的");
    }

    #[test]
    fn a_source_under_another_columns_open_line_closes_the_story_before_it() {
        // A story's last line, a line of the column beside it, then the story's source.
        let lines = repair("产。\n气象站负责人介绍，新雷达将帮助山区公路提前\n据《西川科技报》\n");
        let texts: Vec<(&str, bool)> = lines
            .iter()
            .map(|l| (l.text.as_str(), matches!(l.kind, LineKind::Source(_))))
            .collect();
        assert_eq!(
            texts,
            [
                ("产。", false),
                ("", false),
                ("气象站负责人介绍，新雷达将帮助山区公路提前", false),
                ("据《西川科技报》", true),
            ]
        );
        assert_eq!(lines[1].kind, LineKind::Blank);
    }

    #[test]
    fn a_caption_ending_a_block_under_a_finished_sentence_is_furniture() {
        let lines = repair("全市储备的两千吨冬季蔬菜已分批投放到各大农\n贸市场。\n表：12月4日市区主要蔬菜零售均价（元/斤）\n\n青少年冰壶锦标赛开幕\n");
        assert_eq!(lines[2].kind, LineKind::Furniture);
        // Under a sentence left open it is text (`…见` / `图为证` is no caption here).
        let lines = repair("这是他们的合影，有\n图为证。\n");
        assert!(lines.iter().all(|l| l.kind == LineKind::Text));
    }

    #[test]
    fn recognises_furniture() {
        assert!(is_furniture("■TMT快报"));
        assert!(is_furniture("第3版"));
        assert!(is_furniture("本版责编：陈 凌 石 羚 常 晋"));
        assert!(is_furniture("一版责编：王 远"));
        assert!(is_furniture("本版邮箱：news@example.cn"));
        assert!(!is_furniture("本版刊登的文章均为读者来稿。"));
        assert!(is_furniture("- 3 -"));
        assert!(is_furniture("A3"));
        assert!(is_furniture("责任编辑：张三"));
        assert!(is_furniture("2023年6月30日 星期五"));
        assert!(!is_furniture("数据开源为AI发展“推波助澜”"));
        assert!(!is_furniture("2023年预计全球 OLED面板出货量同比增长"));
        assert!(is_furniture("2026年第3期"));
        assert!(is_furniture("总第125期"));
        assert!(!is_furniture("第3期培训班开班"));
        assert!(is_furniture(
            "编辑：校报编辑部 投稿邮箱：news@xichuan.edu.cn"
        ));
        assert!(!is_furniture("投稿邮箱将于下周关闭，请作者尽快提交稿件。"));
    }

    #[test]
    fn signatures_of_two_letters_ending_side_by_side_are_both_sources() {
        let lines =
            repair("……希望能加装几把座椅。\n——读者 张建国\n——读者 王芳\n\n夜间施工噪声何时能管住");
        let sources: Vec<&str> = lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Source(_)))
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(sources, ["——读者 张建国", "——读者 王芳"]);
        // A signature under an unfinished sentence is not taken as one.
        let lines = repair("我们多次向工地反映，情况没有明显\n——读者 陈晓");
        assert!(!lines.iter().any(|l| matches!(l.kind, LineKind::Source(_))));
    }

    #[test]
    fn bylines_and_signatures_are_set_aside_and_sentences_are_not() {
        for credit in [
            "本报记者 林晓岚",
            "记者 张三 李四",
            "文/王五",
            "本报通讯员 赵六 记者 钱七",
            "新华社记者",
            "新华社记者 赵超 安蓓",
            "本报记者 程 龙 潘俊强",
            "本报评论员",
            "人民日报评论员",
        ] {
            assert!(is_furniture(credit), "{credit}");
        }
        for signed in [
            "读者 王芳",
            "——王芳",
            "——读者 王芳",
            "（读者 李明）",
            "南京市读者 赵强",
        ] {
            assert!(is_signature(signed), "{signed}");
        }
        for text in [
            "本报记者近日从市教育局获",
            "记者 近日走访了当地多个单位",
            "——这是许多老人的心声",
            "许多读者 纷纷来信",
            "记者近日走访了当地多个单位",
            "记者：这项工作进展如何",
            "读者来信",
            "读者朋友们纷纷来电表示支持",
            "——这是他第三次参赛，",
            "不少读者 在留言中提出了建议，希望尽快解决。",
            "新华社记者从国家统计局获悉",
            "外媒记者 纷纷前往",
            "一位资深记者",
            "近日，本报记者",
            "据新华社记者",
            "争当新时代党报记者",
            "当好新时代党报评论员",
            "记者 近 日 走 访 了 乡 村",
            "本报记者 走 进 乡 村 看 变 化",
        ] {
            assert!(!is_furniture(text) && !is_signature(text), "{text}");
        }
    }

    #[test]
    fn finds_datelines() {
        let (d, o) = dateline("新华社北京6月25日电（记者 张三）我国首次……").unwrap();
        assert_eq!(d, "新华社北京6月25日电（记者 张三）");
        assert_eq!(o, "新华社");
        assert_eq!(dateline("本报讯（记者 李四）昨日，").unwrap().1, "本报");
        assert_eq!(
            dateline("本报北京3月5日讯（记者 林晓岚）全国两会").unwrap(),
            (
                "本报北京3月5日讯（记者 林晓岚）".to_owned(),
                "本报".to_owned()
            )
        );
        assert!(dateline("本报记者近日从市教育局获悉，").is_none());
        assert!(dateline("6月25日，我国首次高压力纯氢管道试验取得成功。").is_none());
    }
}
