//! Quantities in Chinese news text and the consistency checks the text itself allows.
//!
//! Extraction handles Arabic and Chinese numerals (3万, 近3万, 三百万, 二〇二三年), magnitudes
//! (万, 亿, 万亿), units and classifiers (亿美元, 万公里, 兆帕, 万元/套, 张, 台), percentages,
//! dates (2023年5月, 6月25日, 6月底, 今年下半年) and ranges (700万元/套-800万元/套,
//! 2021-2035年). Offsets are code points of the text given.
//!
//! Checks, per article:
//! - currency conversions (389亿美元（折合人民币约2793亿元）) all imply the same rate;
//! - market shares stated together do not add up to more than 100%;
//! - a stated change (从A下降X%至B, 较…的A减至B，下降X%) matches its before and after figures.

use serde::Serialize;

use crate::language::sentences::{self, Sentence};

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An amount of money.
    Money,
    /// A percentage or percentage points.
    Percent,
    /// A date or a part of one (a month, a day).
    Date,
    /// A bare year used as a name (2023北京智源大会).
    Year,
    /// A length of time.
    Duration,
    /// A physical measure: length, area, weight …
    Measure,
    /// A count of things, with a classifier.
    Count,
}

/// A quantity written in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The quantity as written.
    pub text: String,
    /// The first code point of the quantity in the text.
    pub start: usize,
    /// The code point just past the quantity.
    pub end: usize,
    /// The value, magnitudes applied (3万 is 30000).
    pub value: f64,
    /// Upper end of a range (700万元/套-800万元/套).
    pub value_to: Option<f64>,
    /// The unit as written after the magnitude: 美元, 元/套, %, 公里, 张, 年 …
    pub unit: String,
    /// What the quantity measures.
    pub kind: Kind,
    /// ISO code for money: USD, CNY, EUR …
    pub currency: Option<&'static str>,
    /// 约, 近, 超过, 多 …
    pub approximate: bool,
    /// Written in Chinese numerals.
    pub chinese_numerals: bool,
}

const CURRENCIES: &[(&str, &str)] = &[
    ("美元", "USD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("韩元", "KRW"),
    ("人民币", "CNY"),
    ("元", "CNY"),
    ("块", "CNY"),
];

/// Units and classifiers, longest first within a shared prefix.
const UNITS: &[(&str, Kind)] = &[
    ("个百分点", Kind::Percent),
    ("%", Kind::Percent),
    ("％", Kind::Percent),
    ("平方公里", Kind::Measure),
    ("平方米", Kind::Measure),
    ("公里", Kind::Measure),
    ("千米", Kind::Measure),
    ("厘米", Kind::Measure),
    ("毫米", Kind::Measure),
    ("纳米", Kind::Measure),
    ("米", Kind::Measure),
    ("兆帕", Kind::Measure),
    ("千帕", Kind::Measure),
    ("千瓦时", Kind::Measure),
    ("千瓦", Kind::Measure),
    ("兆瓦", Kind::Measure),
    ("瓦", Kind::Measure),
    ("吉瓦", Kind::Measure),
    ("度", Kind::Measure),
    ("吨", Kind::Measure),
    ("公斤", Kind::Measure),
    ("千克", Kind::Measure),
    ("克", Kind::Measure),
    ("英寸", Kind::Measure),
    ("亩", Kind::Measure),
    ("升", Kind::Measure),
    ("gb", Kind::Measure),
    ("tb", Kind::Measure),
    ("mw", Kind::Measure),
    ("gw", Kind::Measure),
    ("kwh", Kind::Measure),
    ("km", Kind::Measure),
    ("个月", Kind::Duration),
    ("小时", Kind::Duration),
    ("分钟", Kind::Duration),
    ("秒", Kind::Duration),
    ("天", Kind::Duration),
    ("周", Kind::Duration),
    ("年来", Kind::Duration),
    ("岁", Kind::Count),
    ("倍", Kind::Count),
    ("个", Kind::Count),
    ("张", Kind::Count),
    ("台", Kind::Count),
    ("家", Kind::Count),
    ("辆", Kind::Count),
    ("片", Kind::Count),
    ("套", Kind::Count),
    ("项", Kind::Count),
    ("款", Kind::Count),
    ("部", Kind::Count),
    ("名", Kind::Count),
    ("人次", Kind::Count),
    ("人", Kind::Count),
    ("位", Kind::Count),
    ("次", Kind::Count),
    ("条", Kind::Count),
    ("座", Kind::Count),
    ("颗", Kind::Count),
    ("枚", Kind::Count),
    ("件", Kind::Count),
    ("户", Kind::Count),
    ("所", Kind::Count),
    ("种", Kind::Count),
    ("批", Kind::Count),
    ("架", Kind::Count),
    ("艘", Kind::Count),
    ("只", Kind::Count),
    ("笔", Kind::Count),
    ("股", Kind::Count),
    ("例", Kind::Count),
    ("起", Kind::Count),
    ("支", Kind::Count),
];

const APPROX_BEFORE: &[&str] = &[
    "约", "近", "超过", "超", "逾", "将近", "大约", "不到", "不足", "多达", "高达", "至少", "最多",
];

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1_000.0,
        '万' | '萬' => 10_000.0,
        '亿' | '億' => 100_000_000.0,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// Value of a run of Chinese numerals: 三百万 → 3000000, 二〇二三 → 2023, 十五 → 15.
pub fn parse_chinese(s: &str) -> Option<f64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if chars.len() > 1 && chars.iter().all(|&c| cn_digit(c).is_some()) {
        // Digit by digit (years): 二〇二三.
        let mut v = 0.0;
        for c in chars {
            v = v * 10.0 + cn_digit(c)? as f64;
        }
        return Some(v);
    }
    let (mut total, mut section, mut digit) = (0.0f64, 0.0f64, 0.0f64);
    for c in chars {
        if let Some(d) = cn_digit(c) {
            digit = d as f64;
        } else if let Some(u) = cn_unit(c) {
            if u >= 10_000.0 {
                section = (section + digit) * u;
                total += section;
                section = 0.0;
            } else {
                section += (if digit == 0.0 { 1.0 } else { digit }) * u;
            }
            digit = 0.0;
        } else {
            return None;
        }
    }
    Some(total + section + digit)
}

fn magnitude_at(chars: &[char], i: usize) -> (f64, usize) {
    let s: String = chars[i..chars.len().min(i + 2)].iter().collect();
    if s.starts_with("万亿") || s.starts_with("萬億") {
        (1e12, 2)
    } else {
        match chars.get(i) {
            Some('亿' | '億') => (1e8, 1),
            Some('万' | '萬') => (1e4, 1),
            Some('千')
                if !s.starts_with("千米")
                    && !s.starts_with("千瓦")
                    && !s.starts_with("千克")
                    && !s.starts_with("千帕") =>
            {
                (1e3, 1)
            }
            Some('百') => (1e2, 1),
            _ => (1.0, 0),
        }
    }
}

fn starts_with_at(chars: &[char], i: usize, word: &str) -> bool {
    let mut k = i;
    for w in word.chars() {
        match chars.get(k) {
            Some(c) if c.to_ascii_lowercase() == w => k += 1,
            _ => return false,
        }
    }
    true
}

fn ends_with_before(chars: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i >= n && starts_with_at(chars, i - n, word)
}

/// A unit at `i`: (unit text, kind, currency, length in chars).
fn unit_at(chars: &[char], i: usize) -> Option<(String, Kind, Option<&'static str>, usize)> {
    for (w, code) in CURRENCIES {
        if starts_with_at(chars, i, w) {
            return Some((w.to_string(), Kind::Money, Some(code), w.chars().count()));
        }
    }
    for (w, kind) in UNITS {
        if starts_with_at(chars, i, w) {
            // Latin units only as whole words.
            if w.is_ascii() {
                let after = chars.get(i + w.len());
                if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                    continue;
                }
            }
            return Some((w.to_string(), *kind, None, w.chars().count()));
        }
    }
    None
}

fn is_ascii_word_char(c: char) -> bool {
    c.is_ascii_alphabetic()
}

/// Extracts every quantity of `text`, in order.
pub fn extract(text: &str) -> Vec<Quantity> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < n {
        let (value, chinese, end) = match number_here(&chars, i) {
            Ok(number) => number,
            Err(next) => {
                i = next;
                continue;
            }
        };
        match quantity(&chars, i, value, chinese, end) {
            Ok(q) => {
                i = q.end.max(i + 1);
                out.push(q);
            }
            Err(next) => i = next,
        }
    }
    out
}

/// The number starting at `i`, Arabic or Chinese: (value, in Chinese numerals, end).
/// `Err` holds where to go on scanning when there is none.
fn number_here(chars: &[char], i: usize) -> Result<(f64, bool, usize), usize> {
    let c = chars[i];
    let (value, chinese, j) = if c.is_ascii_digit() {
        let (value, j) = arabic_number(chars, i)?;
        (value, false, j)
    } else if is_cn_numeral(c) {
        let (value, j) = chinese_number(chars, i)?;
        (value, true, j)
    } else {
        return Err(i + 1);
    };
    match value {
        Some(value) => Ok((value, chinese, j)),
        None => Err(j.max(i + 1)),
    }
}

/// Arabic digits at `i` (thousands separators dropped): (value, end). Digits inside
/// model names and codes (L3, V100, GPT-4, C-V2X, 5G, 4K) are no number.
fn arabic_number(chars: &[char], i: usize) -> Result<(Option<f64>, usize), usize> {
    let n = chars.len();
    // Model names and codes: L3, V100, GPT-4, C-V2X.
    let prev = if i > 0 { Some(chars[i - 1]) } else { None };
    let prev2 = if i > 1 { Some(chars[i - 2]) } else { None };
    if prev.is_some_and(is_ascii_word_char)
        || (prev == Some('-') && prev2.is_some_and(is_ascii_word_char))
        || prev.is_some_and(|p| p.is_ascii_digit() || p == '.')
    {
        return Err(i + 1);
    }
    let mut j = i;
    let mut s = String::new();
    while j < n && (chars[j].is_ascii_digit() || chars[j] == ',' || chars[j] == '.') {
        if chars[j] == '.' || chars[j] == ',' {
            if !chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
                break;
            }
            if chars[j] == ',' {
                j += 1;
                continue;
            }
        }
        s.push(chars[j]);
        j += 1;
    }
    // Followed by Latin letters: a code (5G, 4K, 3D), not a quantity.
    if chars.get(j).is_some_and(|c| c.is_ascii_alphabetic()) && unit_at(chars, j).is_none() {
        return Err(j);
    }
    Ok((s.parse::<f64>().ok(), j))
}

/// A run of Chinese numerals at `i`: (value, end). A magnitude alone (万, 亿) is a word.
fn chinese_number(chars: &[char], i: usize) -> Result<(Option<f64>, usize), usize> {
    let n = chars.len();
    let mut j = i;
    while j < n && is_cn_numeral(chars[j]) {
        j += 1;
    }
    // A magnitude-only run like 万 or 亿 alone is a word, not a number.
    let run: String = chars[i..j].iter().collect();
    if chars[i..j].iter().all(|&c| cn_digit(c).is_none()) && run.chars().count() < 2 {
        return Err(j);
    }
    Ok((parse_chinese(&run), j))
}

/// The quantity of the number at `start..j`: its magnitude, approximation, unit (or
/// date), and the second half of a range. `Err` holds where to go on scanning when the
/// number is no quantity (small Chinese numerals without a unit).
fn quantity(
    chars: &[char],
    start: usize,
    mut value: f64,
    chinese: bool,
    mut j: usize,
) -> Result<Quantity, usize> {
    // Magnitude after Arabic digits: 3万, 389亿, 100万亿.
    if !chinese {
        let (m, len) = magnitude_at(chars, j);
        value *= m;
        j += len;
    }
    let mut approximate = APPROX_BEFORE
        .iter()
        .any(|w| ends_with_before(chars, start, w));
    if chars.get(j) == Some(&'多') || chars.get(j) == Some(&'余') {
        approximate = true;
        j += 1;
    }
    let mut q = Quantity {
        text: String::new(),
        start,
        end: j,
        value,
        value_to: None,
        unit: String::new(),
        kind: Kind::Count,
        currency: None,
        approximate,
        chinese_numerals: chinese,
    };
    let has_unit = attach_unit(chars, &mut q, &mut j);
    if matches!(q.kind, Kind::Date) {
        j += date_part_len(chars, j);
    }
    if !has_unit {
        let bare_year =
            !chinese && value.fract() == 0.0 && (1990.0..2100.0).contains(&value) && j - start == 4;
        if bare_year {
            q.kind = Kind::Year;
            q.unit.clear();
        } else if chinese && value < 100.0 {
            // Chinese numerals without a unit: only big round numbers (三百万).
            return Err(j);
        }
        // Arabic digits followed by `-` and a digit: the first half of a range; the unit
        // comes with the second half.
    }
    q.end = j;
    extend_to_range(chars, &mut q, chinese);
    q.text = chars[q.start..q.end].iter().collect();
    Ok(q)
}

/// The unit after a number at `*j` (a date, a unit or currency with its per-unit, or
/// years of duration), moving `*j` past it; whether there was one.
fn attach_unit(chars: &[char], q: &mut Quantity, j: &mut usize) -> bool {
    let value = q.value;
    // Dates: 2023年5月, 6月25日, 6月底, 2024年初.
    if chars.get(*j) == Some(&'年')
        && !starts_with_at(chars, *j, "年来")
        && (1900.0..2100.0).contains(&value)
    {
        q.kind = Kind::Date;
        q.unit = "年".into();
        *j += 1;
        year_month_day(chars, q, j);
    } else if chars.get(*j) == Some(&'月') && (1.0..=12.0).contains(&value) && value.fract() == 0.0
    {
        q.kind = Kind::Date;
        q.unit = "月".into();
        *j += 1;
        if let Some(len) = day_len(chars, *j) {
            *j += len;
            q.unit = "月日".into();
        }
    } else if let Some((unit, kind, currency, len)) = unit_at(chars, *j) {
        q.unit = unit;
        q.kind = kind;
        q.currency = currency;
        *j += len;
        if kind == Kind::Percent && q.unit != "个百分点" {
            q.unit = "%".into();
        }
        // Per-unit: 万元/套, 元/吨.
        if chars.get(*j) == Some(&'/') {
            if let Some(&c) = chars.get(*j + 1) {
                if !c.is_ascii_digit() && !c.is_whitespace() {
                    q.unit.push('/');
                    q.unit.push(c);
                    *j += 2;
                }
            }
        }
    } else if chars.get(*j) == Some(&'年') {
        q.kind = Kind::Duration;
        q.unit = "年".into();
        *j += 1;
    } else {
        return false;
    }
    true
}

/// After `2023年`: the month (`5月`) and day (`25日`) if given, moving `*j` past them.
fn year_month_day(chars: &[char], q: &mut Quantity, j: &mut usize) {
    if let Some((m, mlen)) = number_at(chars, *j) {
        if chars.get(*j + mlen) == Some(&'月') && (1.0..=12.0).contains(&m) {
            *j += mlen + 1;
            q.unit = "年月".into();
            if let Some(len) = day_len(chars, *j) {
                *j += len;
                q.unit = "年月日".into();
            }
        }
    }
}

/// The length of a day of the month at `j` (`25日`, `3号`).
fn day_len(chars: &[char], j: usize) -> Option<usize> {
    let (d, dlen) = number_at(chars, j)?;
    (matches!(chars.get(j + dlen), Some('日') | Some('号')) && (1.0..=31.0).contains(&d))
        .then_some(dlen + 1)
}

/// The length of a part of a date at `j`: 底, 初, 中旬, 上半年 …
fn date_part_len(chars: &[char], j: usize) -> usize {
    [
        "上半年",
        "下半年",
        "年初",
        "年底",
        "底",
        "初",
        "末",
        "中旬",
        "上旬",
        "下旬",
    ]
    .into_iter()
    .find(|w| starts_with_at(chars, j, w))
    .map_or(0, |w| w.chars().count())
}

/// Ranges: A-B with the unit after A, after B, or both. Extends `q` (ending at `q.end`)
/// over the second half, which gives the range its unit.
fn extend_to_range(chars: &[char], q: &mut Quantity, chinese: bool) {
    let j = q.end;
    let n = chars.len();
    if !(chars
        .get(j)
        .is_some_and(|&c| matches!(c, '-' | '–' | '~' | '～' | '至' | '到'))
        && chars
            .get(j + 1)
            .is_some_and(|c| c.is_ascii_digit() || is_cn_numeral(*c)))
    {
        return;
    }
    let rest: String = chars[j + 1..n.min(j + 24)].iter().collect();
    let Some(second) = extract(&rest).into_iter().next().filter(|s| s.start == 0) else {
        return;
    };
    let same_unit = q.unit.is_empty() || q.unit == second.unit || q.kind == Kind::Year;
    if !same_unit || second.unit.is_empty() {
        return;
    }
    let mut first_value = q.value;
    if q.unit.is_empty() && !chinese {
        // 700-800万元: the magnitude of the second applies to the first.
        let mag_second = second.value / number_value_prefix(&rest);
        if mag_second > 1.0 && q.kind != Kind::Year {
            first_value *= mag_second;
        }
    }
    q.value = first_value;
    q.value_to = Some(second.value);
    q.unit = second.unit.clone();
    q.kind = second.kind;
    q.currency = second.currency;
    q.end = j + 1 + second.end;
}

/// The plain number at the start of `s` (for a range's shared magnitude).
fn number_value_prefix(s: &str) -> f64 {
    let chars: Vec<char> = s.chars().collect();
    number_at(&chars, 0)
        .map(|(v, _)| v)
        .filter(|v| *v > 0.0)
        .unwrap_or(1.0)
}

/// A plain Arabic or Chinese number at `i`: (value, length).
fn number_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    if chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || (chars[j] == '.' && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            j += 1;
        }
        let s: String = chars[i..j].iter().collect();
        return s.parse().ok().map(|v| (v, j - i));
    }
    while j < chars.len() && is_cn_numeral(chars[j]) {
        j += 1;
    }
    if j > i {
        let s: String = chars[i..j].iter().collect();
        return parse_chinese(&s).map(|v| (v, j - i));
    }
    None
}

/// Relative dates a claim can hang on: 今年5月, 今年下半年, 去年同期, 日前 are not numbers
/// but still date a statement.
pub const RELATIVE_DATES: &[&str] = &[
    "今年",
    "去年",
    "明年",
    "前年",
    "上半年",
    "下半年",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "同期",
    "截至",
    "截止",
];

// ---------------------------------------------------------------------------------------------
// Checks

/// The outcome of a consistency check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The figures agree.
    Consistent,
    /// The figures contradict each other.
    Inconsistent,
    /// Computed but nothing to compare it with.
    Unchecked,
}

/// The outcome of one consistency check over an article's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// `currency_rate`, `shares`, `change`.
    pub check: &'static str,
    /// Whether the figures agree.
    pub status: Status,
    /// The figures and what was computed, for people.
    pub detail: String,
    /// Index of the paragraph in the list given to [`check`].
    #[serde(skip)]
    pub paragraph: usize,
    /// Code-point span of the figures involved in that paragraph.
    #[serde(skip)]
    pub start: usize,
    /// The code point just past the figures involved.
    #[serde(skip)]
    pub end: usize,
}

impl Finding {
    /// Whether the finding's figures overlap `[start, end)` of the paragraph.
    pub fn overlaps(&self, paragraph: usize, start: usize, end: usize) -> bool {
        self.paragraph == paragraph && self.start < end && start < self.end
    }
}

fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

struct Conversion {
    paragraph: usize,
    start: usize,
    end: usize,
    from: String,
    to: String,
    pair: (&'static str, &'static str),
    rate: f64,
}

const CONVERSION_WORDS: &[&str] = &["折合", "约合", "相当于", "合人民币", "即"];

/// Runs every check over an article's paragraphs (in order).
pub fn check(paragraphs: &[&str]) -> Vec<Finding> {
    let quantities: Vec<Vec<Quantity>> = paragraphs.iter().map(|p| extract(p)).collect();
    let sentences: Vec<Vec<Sentence>> = paragraphs.iter().map(|p| sentences::split(p)).collect();
    let sentences: Vec<Vec<&Sentence>> = sentences.iter().map(|s| s.iter().collect()).collect();
    check_found(paragraphs, &quantities, &sentences)
}

/// [`check`] given each paragraph's quantities ([`extract`]) and sentences ([`sentences::split`]).
pub fn check_found(
    paragraphs: &[&str],
    quantities: &[Vec<Quantity>],
    sentences: &[Vec<&Sentence>],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut conversions: Vec<Conversion> = Vec::new();
    for (pi, ((text, qs), ss)) in paragraphs.iter().zip(quantities).zip(sentences).enumerate() {
        let chars: Vec<char> = text.chars().collect();
        conversions.extend(conversions_in(pi, &chars, qs));
        for s in ss {
            let local: Vec<&Quantity> = within(qs, s.start, s.end).collect();
            findings.extend(check_shares(pi, &chars, &s.text, s.start, &local));
            findings.extend(check_change(pi, &chars, s.start, s.end, &local));
        }
    }
    findings.extend(check_rates(&conversions));
    findings.sort_by_key(|f| (f.paragraph, f.start));
    findings
}

/// The quantities of a text (in text order) that lie within code points `start..end`: found
/// by bisection, not by a scan (quadratic on a page that is one long paragraph).
pub fn within(qs: &[Quantity], start: usize, end: usize) -> impl Iterator<Item = &Quantity> {
    let from = qs.partition_point(|q| q.start < start);
    qs[from..]
        .iter()
        .take_while(move |q| q.start < end)
        .filter(move |q| q.end <= end)
}

/// Currency conversions in paragraph `pi`: two amounts in different currencies, close
/// together, with a conversion word or a bracket between them.
fn conversions_in(pi: usize, chars: &[char], qs: &[Quantity]) -> Vec<Conversion> {
    let mut conversions = Vec::new();
    for (a, b) in qs.iter().zip(qs.iter().skip(1)) {
        let (Some(ca), Some(cb)) = (a.currency, b.currency) else {
            continue;
        };
        if ca == cb || b.start < a.end || b.start - a.end > 12 {
            continue;
        }
        let between: String = chars[a.end..b.start].iter().collect();
        if !(CONVERSION_WORDS.iter().any(|w| between.contains(w))
            || between.contains('（')
            || between.contains('('))
        {
            continue;
        }
        if a.value <= 0.0 {
            continue;
        }
        conversions.push(Conversion {
            paragraph: pi,
            start: a.start,
            end: b.end,
            from: a.text.clone(),
            to: b.text.clone(),
            pair: (ca, cb),
            rate: b.value / a.value,
        });
    }
    conversions
}

/// All conversions of one currency pair in the article should imply one rate: each is
/// compared with the median rate of its pair.
fn check_rates(conversions: &[Conversion]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut pairs: Vec<(&str, &str)> = conversions.iter().map(|c| c.pair).collect();
    pairs.sort();
    pairs.dedup();
    for pair in pairs {
        let group: Vec<&Conversion> = conversions.iter().filter(|c| c.pair == pair).collect();
        let mut rates: Vec<f64> = group.iter().map(|c| c.rate).collect();
        rates.sort_by(f64::total_cmp);
        let median = rates[rates.len() / 2];
        for c in &group {
            let (status, detail) = rate_verdict(c, group.len(), median);
            findings.push(Finding {
                check: "currency_rate",
                status,
                detail,
                paragraph: c.paragraph,
                start: c.start,
                end: c.end,
            });
        }
    }
    findings
}

/// The verdict on one conversion's rate among the `group_len` conversions of its pair.
fn rate_verdict(c: &Conversion, group_len: usize, median: f64) -> (Status, String) {
    let pair = c.pair;
    if group_len < 2 {
        (
            Status::Unchecked,
            format!(
                "{} ≈ {} implies {:.2} {}/{}; no other conversion in the article to compare",
                c.from, c.to, c.rate, pair.1, pair.0
            ),
        )
    } else if (c.rate / median - 1.0).abs() <= 0.01 {
        (
            Status::Consistent,
            format!(
                "{} ≈ {} implies {:.2} {}/{}, the same rate as the article's other {} conversion(s)",
                c.from,
                c.to,
                c.rate,
                pair.1,
                pair.0,
                group_len - 1
            ),
        )
    } else {
        (
            Status::Inconsistent,
            format!(
                "{} ≈ {} implies {:.2} {}/{}, but the article's other conversions imply {:.2}",
                c.from, c.to, c.rate, pair.1, pair.0, median
            ),
        )
    }
}

const SHARE_WORDS: &[&str] = &["份额", "占比", "市占率", "比重", "占有率"];
const CHANGE_UP: &[&str] = &[
    "增长", "增加", "提升", "提高", "上涨", "上升", "增", "涨", "升",
];
const CHANGE_DOWN: &[&str] = &["下降", "减少", "降低", "下跌", "下滑", "减", "降", "跌"];

/// Direction of a change verb right before `q` (增长7%, 下降至): +1, -1 or 0.
fn change_sign(chars: &[char], q: &Quantity) -> i32 {
    // "下降7%", "同比下降7%", "增长了4%"
    let mut k = q.start;
    if k > 0 && chars[k - 1] == '了' {
        k -= 1;
    }
    if CHANGE_DOWN.iter().any(|w| ends_with_before(chars, k, w)) {
        -1
    } else if CHANGE_UP.iter().any(|w| ends_with_before(chars, k, w)) {
        1
    } else {
        0
    }
}

fn is_after_value(chars: &[char], q: &Quantity) -> bool {
    ["至", "到", "为"]
        .iter()
        .any(|w| ends_with_before(chars, q.start, w))
}

fn is_before_value(chars: &[char], q: &Quantity) -> bool {
    if ["从", "由"]
        .iter()
        .any(|w| ends_with_before(chars, q.start, w))
    {
        return true;
    }
    // 较去年同期的4650万片
    if ends_with_before(chars, q.start, "的") {
        let lo = q.start.saturating_sub(10);
        let window: String = chars[lo..q.start].iter().collect();
        return window.contains('较') || window.contains("比") || window.contains('从');
    }
    false
}

/// Shares named in one sentence (份额, 占比 …) should not add up to more than 100%.
fn check_shares(
    pi: usize,
    chars: &[char],
    sentence: &str,
    s_start: usize,
    qs: &[&Quantity],
) -> Option<Finding> {
    if !SHARE_WORDS.iter().any(|w| sentence.contains(w)) {
        return None;
    }
    let kept = share_figures(chars, s_start, qs);
    if kept.len() < 2 {
        return None;
    }
    let sum: f64 = kept.iter().map(|q| q.value).sum();
    let parts: Vec<&str> = kept.iter().map(|q| q.text.as_str()).collect();
    let (status, detail) = if sum <= 100.5 {
        (
            Status::Consistent,
            format!(
                "shares {} add up to {}%, not over 100%",
                parts.join(" + "),
                fmt_num(sum)
            ),
        )
    } else {
        (
            Status::Inconsistent,
            format!(
                "shares {} add up to {}%, over 100%",
                parts.join(" + "),
                fmt_num(sum)
            ),
        )
    };
    Some(Finding {
        check: "shares",
        status,
        detail,
        paragraph: pi,
        start: kept.first().unwrap().start,
        end: kept.last().unwrap().end,
    })
}

/// The percentages of a sentence that are shares, clause by clause: with a change
/// (从A至B), only the last figure counts; rates of change never.
fn share_figures<'q>(chars: &[char], s_start: usize, qs: &[&'q Quantity]) -> Vec<&'q Quantity> {
    let mut kept: Vec<&Quantity> = Vec::new();
    let mut clause: Vec<&Quantity> = Vec::new();
    let mut last_break = s_start;
    for q in qs
        .iter()
        .filter(|q| q.kind == Kind::Percent && q.unit == "%")
    {
        // Clause break between the last break and this quantity?
        if let Some(b) = (last_break..q.start)
            .rev()
            .find(|&k| matches!(chars[k], '，' | '；' | ',' | ';'))
        {
            close_share_clause(chars, &mut clause, &mut kept, last_break, b);
            last_break = b;
        }
        if change_sign(chars, q) != 0 && !is_after_value(chars, q) {
            continue;
        }
        clause.push(q);
    }
    let end = qs
        .last()
        .map(|q| q.end)
        .unwrap_or(last_break)
        .max(last_break);
    close_share_clause(chars, &mut clause, &mut kept, last_break, end);
    kept
}

/// Keeps the shares of the clause `from..to`: only the last one in a change (从, 由).
fn close_share_clause<'q>(
    chars: &[char],
    clause: &mut Vec<&'q Quantity>,
    kept: &mut Vec<&'q Quantity>,
    from: usize,
    to: usize,
) {
    let text: String = chars[from..to].iter().collect();
    let is_change = text.contains('从') || text.contains('由');
    if is_change {
        if let Some(q) = clause.last() {
            kept.push(q);
        }
    } else {
        kept.extend(clause.iter().copied());
    }
    clause.clear();
}

/// A value before and after a change (从A增至B), checked against the rate of change stated
/// with it.
fn check_change(
    pi: usize,
    chars: &[char],
    _s_start: usize,
    _s_end: usize,
    qs: &[&Quantity],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (bi, before) in qs.iter().enumerate() {
        if !is_before_value(chars, before) || matches!(before.kind, Kind::Date | Kind::Year) {
            continue;
        }
        let Some(after) = qs[bi + 1..]
            .iter()
            .find(|q| q.unit == before.unit && is_after_value(chars, q))
        else {
            continue;
        };
        let stated = stated_change(chars, qs, before, after);
        if before.value == 0.0 {
            continue;
        }
        let (status, detail) = change_verdict(before, after, stated);
        out.push(Finding {
            check: "change",
            status,
            detail,
            paragraph: pi,
            start: before.start,
            end: after.end,
        });
    }
    out
}

/// A stated rate of change between a before and an after value or right after them
/// (下降7%, 增长20%), with its sign.
fn stated_change<'q>(
    chars: &[char],
    qs: &[&'q Quantity],
    before: &Quantity,
    after: &Quantity,
) -> Option<(&'q Quantity, i32)> {
    qs.iter()
        .copied()
        .filter(|q| {
            q.kind == Kind::Percent
                && q.unit == "%"
                && !std::ptr::eq(*q, before)
                && !std::ptr::eq(*q, after)
        })
        .filter(|q| q.start >= before.end && q.start <= after.end + 12)
        .find_map(|q| {
            let s = change_sign(chars, q);
            (s != 0).then_some((q, s))
        })
}

/// The change from `before` to `after` (not zero), checked against the stated rate if
/// any; percentages without one are given in percentage points.
fn change_verdict(
    before: &Quantity,
    after: &Quantity,
    stated: Option<(&Quantity, i32)>,
) -> (Status, String) {
    let (b, a) = (before.value, after.value);
    let is_pp = before.kind == Kind::Percent;
    let implied = (a - b) / b * 100.0;
    match stated {
        Some((q, sign)) => {
            let stated_v = sign as f64 * q.value;
            let ok = (implied - stated_v).abs() <= 0.6_f64.max(stated_v.abs() * 0.05);
            let what = format!(
                "{} → {} is {:+.1}%; the text says {}{}",
                before.text,
                after.text,
                implied,
                if sign < 0 { "−" } else { "+" },
                q.text
            );
            if ok {
                (Status::Consistent, what)
            } else {
                (Status::Inconsistent, what)
            }
        }
        None if is_pp => (
            Status::Unchecked,
            format!(
                "{} → {}: {:+.1} percentage points ({:+.1}%)",
                before.text,
                after.text,
                a - b,
                implied
            ),
        ),
        None => (
            Status::Unchecked,
            format!("{} → {} is {:+.1}%", before.text, after.text, implied),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<(String, f64, Option<f64>, String, Kind)> {
        extract(text)
            .into_iter()
            .map(|q| (q.text, q.value, q.value_to, q.unit, q.kind))
            .collect()
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("三百万"), Some(3_000_000.0));
        assert_eq!(parse_chinese("十五"), Some(15.0));
        assert_eq!(parse_chinese("二〇二三"), Some(2023.0));
        assert_eq!(parse_chinese("一万二千"), Some(12_000.0));
        assert_eq!(parse_chinese("两亿三千万"), Some(230_000_000.0));
    }

    #[test]
    fn traditional_numerals_and_magnitudes_are_numbers() {
        assert_eq!(parse_chinese("七萬"), Some(70_000.0));
        assert_eq!(parse_chinese("兩千"), Some(2_000.0));
        assert_eq!(parse_chinese("兩億三千萬"), Some(230_000_000.0));
        let found: Vec<(String, f64)> =
            extract("面積約七萬平方公里，兩千人參加，投資3萬億元，逾5億人次")
                .into_iter()
                .map(|q| (q.text, q.value))
                .collect();
        let value = |t: &str| found.iter().find(|(s, _)| s.starts_with(t)).map(|f| f.1);
        assert_eq!(value("七萬"), Some(70_000.0), "{found:?}");
        assert_eq!(value("兩千"), Some(2_000.0), "{found:?}");
        assert_eq!(value("3萬億"), Some(3e12), "{found:?}");
        assert_eq!(value("5億"), Some(5e8), "{found:?}");
    }

    #[test]
    fn extracts_quantities_with_units_magnitudes_and_dates() {
        insta::assert_debug_snapshot!(q("近3万张显卡，三百万人，2023年5月，6月25日，59.5%，营收389亿美元，6.3兆帕，累计超过15000公里，6000万公里"), @r###"
        [
            (
                "3万张",
                30000.0,
                None,
                "张",
                Count,
            ),
            (
                "三百万人",
                3000000.0,
                None,
                "人",
                Count,
            ),
            (
                "2023年5月",
                2023.0,
                None,
                "年月",
                Date,
            ),
            (
                "6月25日",
                6.0,
                None,
                "月日",
                Date,
            ),
            (
                "59.5%",
                59.5,
                None,
                "%",
                Percent,
            ),
            (
                "389亿美元",
                38900000000.0,
                None,
                "美元",
                Money,
            ),
            (
                "6.3兆帕",
                6.3,
                None,
                "兆帕",
                Measure,
            ),
            (
                "15000公里",
                15000.0,
                None,
                "公里",
                Measure,
            ),
            (
                "6000万公里",
                60000000.0,
                None,
                "公里",
                Measure,
            ),
        ]
        "###);
        let a = extract("近3万张");
        assert!(a[0].approximate);
    }

    #[test]
    fn ranges_and_codes() {
        let r = extract("稳定在700万元/套-800万元/套的合理价格区间");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].unit, "元/套");
        assert_eq!(
            (r[0].value, r[0].value_to),
            (7_000_000.0, Some(8_000_000.0))
        );
        let y = extract("《氢能产业发展中长期规划（2021-2035年）》");
        assert_eq!(y.len(), 1, "{y:?}");
        assert_eq!((y[0].value, y[0].value_to), (2021.0, Some(2035.0)));
        assert!(extract("L3级自动驾驶、GPT-4、V100显卡、C-V2X、5G").is_empty());
        let y = extract("2023北京智源大会");
        assert_eq!(y[0].kind, Kind::Year);
    }

    #[test]
    fn oled_conversions_all_imply_7_18_and_are_consistent() {
        let paras = [
            "根据市场研究机构 DSCC最新报告显示，2023年预计全球 OLED面板出货量同比增长1%，营收同比下降7%至389亿美元（折合人民币约2793亿元）规模。",
            "另外，包括液晶显示器（LCD）和OLED在内的汽车显示器年销售额预计将从2020年的约70亿美元（折合人民币约502.5亿元）增长到2027年的约130亿美元（折合人民币约933亿元）。",
        ];
        let f: Vec<Finding> = check(&paras)
            .into_iter()
            .filter(|f| f.check == "currency_rate")
            .collect();
        assert_eq!(f.len(), 3, "{f:#?}");
        for x in &f {
            assert_eq!(x.status, Status::Consistent, "{x:?}");
            assert!(x.detail.contains("7.18"), "{}", x.detail);
        }
    }

    #[test]
    fn an_inconsistent_conversion_is_flagged() {
        let paras = [
            "营收为389亿美元（折合人民币约2793亿元）。",
            "销售额从70亿美元（折合人民币约502.5亿元）增至130亿美元（折合人民币约1100亿元）。",
        ];
        let f = check(&paras);
        let bad: Vec<&Finding> = f
            .iter()
            .filter(|f| f.status == Status::Inconsistent)
            .collect();
        assert_eq!(bad.len(), 1, "{f:#?}");
        assert!(bad[0].detail.contains("130亿美元"), "{}", bad[0].detail);
        assert_eq!(bad[0].paragraph, 1);
    }

    #[test]
    fn shares_over_100_are_flagged_and_changes_checked() {
        let ok = check(&[
            "三星市场份额预计将从59.5%下降至41.2%，而京东方等中国面板的市场份额预计为50.2%。",
        ]);
        let shares: Vec<_> = ok.iter().filter(|f| f.check == "shares").collect();
        assert_eq!(shares.len(), 1, "{ok:#?}");
        assert_eq!(shares[0].status, Status::Consistent, "{ok:#?}");

        let bad = check(&["A公司的市场份额为60%，B公司的市场份额为50%。"]);
        assert_eq!(bad[0].status, Status::Inconsistent, "{bad:#?}");

        let c = check(&["销量从100万台增长20%至150万台。"]);
        assert_eq!(c[0].check, "change");
        assert_eq!(c[0].status, Status::Inconsistent, "{c:#?}");
        let c = check(&["销量从100万台增长50%至150万台。"]);
        assert_eq!(c[0].status, Status::Consistent, "{c:#?}");
        let c = check(&["出货量预计较去年同期的4650万片减至3890万片。"]);
        assert_eq!(c[0].status, Status::Unchecked, "{c:#?}");
        assert!(c[0].detail.contains("-16.3%"), "{c:#?}");
    }
}
