//! People, organisations and places (jieba POS tags, the user dictionary, and a few suffix and
//! title rules), and who said what: the speaker of an attributed statement (辛国斌表示 →
//! 辛国斌) and the named source of a reported one (据中信建投最新研报指出 → 中信建投最新研报).

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use jieba_rs::{Jieba, Tag};
use serde::Serialize;

pub use crate::model::EntityKind;

impl EntityKind {
    /// From a jieba POS tag (nr, nt, ns, nz) or a dictionary tag.
    pub fn from_tag(tag: &str) -> Option<EntityKind> {
        Some(match tag {
            "nr" | "nrfg" | "nrt" | "person" => EntityKind::Person,
            "nt" | "org" | "organization" => EntityKind::Organization,
            "ns" | "place" => EntityKind::Place,
            "nz" | "other" => EntityKind::Other,
            _ => return None,
        })
    }
}

/// A named entity found in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// The name as written.
    pub text: String,
    /// What kind of thing it names.
    pub kind: EntityKind,
    /// How many times the article names it.
    pub count: usize,
    /// Why: `pos:nr`, `dictionary`, `speaker`, `suffix:集团` …
    pub reasons: Vec<String>,
}

/// Verbs of saying, longest first.
pub const SAY_VERBS: &[&str] = &[
    "总结道",
    "举例说",
    "表示",
    "指出",
    "认为",
    "透露",
    "介绍",
    "强调",
    "坦言",
    "称",
    "说",
    "看来",
];

const TITLES: &[&str] = &[
    "副部长",
    "部长",
    "副院长",
    "院长",
    "所长",
    "副主席",
    "主席",
    "研究员",
    "总工程师",
    "工程师",
    "董事长",
    "常务董事",
    "董事",
    "CEO",
    "总裁",
    "总经理",
    "经理",
    "教授",
    "分析师",
    "负责人",
    "主任",
    "书记",
    "局长",
    "市长",
    "发言人",
    "创始人",
    "秘书长",
    "首席科学家",
    "科学家",
    "专家",
    "记者",
];

/// Common Chinese surnames: a POS-tagged person name must start with one.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤辛洪堵雍";

/// Well-known places jieba tags as ns without a place suffix.
const PLACES: &[&str] = &[
    "中国",
    "美国",
    "英国",
    "日本",
    "韩国",
    "德国",
    "法国",
    "意大利",
    "俄罗斯",
    "印度",
    "欧洲",
    "亚洲",
    "非洲",
    "北京",
    "上海",
    "深圳",
    "广州",
    "杭州",
    "重庆",
    "天津",
    "南京",
    "武汉",
    "成都",
    "西安",
    "苏州",
    "香港",
    "澳门",
    "台湾",
    "加州",
    "旧金山",
    "纽约",
    "伦敦",
    "东京",
    "首尔",
    "哈密",
    "新疆",
    "西藏",
    "内蒙古",
    "硅谷",
    "凤凰城",
];

const PLACE_SUFFIXES: &[char] = &[
    '国', '省', '市', '区', '县', '州', '洲', '岛', '湾', '镇', '村', '乡',
];

/// Whether a POS-tagged word is plausibly what its tag says.
fn plausible(word: &str, kind: EntityKind) -> bool {
    let n = word.chars().count();
    match kind {
        EntityKind::Person => {
            // Two-character tagged "names" are too often ordinary words (许可, 高昂).
            n == 3
                && word.chars().next().is_some_and(|c| SURNAMES.contains(c))
                && !word.ends_with(['性', '证', '化', '率', '度', '者'])
        }
        EntityKind::Place => {
            PLACES.contains(&word)
                || (n >= 2
                    && word.ends_with(PLACE_SUFFIXES)
                    && ![
                        "山区", "城市", "城区", "地区", "市区", "郊区", "全国", "各国", "本市",
                        "小区", "社区", "园区", "景区",
                    ]
                    .contains(&word))
        }
        _ => true,
    }
}

const PRONOUNS: &[&str] = &["他", "她", "他们", "她们"];

const ORG_SUFFIXES: &[&str] = &[
    "集团",
    "公司",
    "研究院",
    "研究所",
    "基金会",
    "大学",
    "学院",
    "委员会",
    "协会",
    "管理局",
    "联合体",
    "办公室",
    "实验室",
    "中心",
    "银行",
    "交易所",
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2FA1F)
}

/// Who made an attributed statement in one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    /// The speaker (a person's name) or the source (据…).
    pub who: String,
    /// The verb or marker: 表示, 称, 据 …
    pub verb: String,
    /// True for a person speaking, false for a reported source (据…, 数据显示).
    pub person: bool,
}

/// A 2–4 character name at the end of `chunk` (after a title or at a clause start).
fn name_before(chunk: &[char]) -> Option<String> {
    let s: String = chunk.iter().collect();
    // After a title: 副研究员洪勇, 所长杨明.
    let mut best: Option<String> = None;
    for t in TITLES {
        if let Some(pos) = s.rfind(t) {
            let after: String = s[pos + t.len()..].to_owned();
            let n = after.chars().count();
            if (2..=4).contains(&n) && after.chars().all(is_cjk) {
                best = Some(after);
                break;
            }
        }
    }
    if best.is_some() {
        return best;
    }
    // A whole short clause: 林咏华表示, 辛国斌表示将… (not 有消息称, 业内人士说).
    let n = chunk.len();
    if (2..=3).contains(&n)
        && chunk.iter().all(|&c| is_cjk(c))
        && s.chars().next().is_some_and(|c| SURNAMES.contains(c))
        && !["消息", "人士", "记者", "专家", "业内", "业界"]
            .iter()
            .any(|w| s.contains(w))
    {
        return Some(s);
    }
    None
}

/// Finds the speaker or source of a sentence, if it is attributed.
pub fn attribution(sentence: &str, last_person: Option<&str>) -> Option<Attribution> {
    // Reported sources: 据《…》, 据…显示/指出/报道, 根据…显示, …数据显示.
    if sentence.contains('据') {
        let chars: Vec<char> = sentence.chars().collect();
        for marker in ["根据", "据"] {
            if let Some(a) = reported_source(sentence, &chars, marker) {
                return Some(a);
            }
        }
    }
    for v in say_verbs_in(sentence) {
        if let Some(a) = speaker(sentence, v, last_person) {
            return Some(a);
        }
    }
    data_source(sentence)
}

/// The automaton of the [`SAY_VERBS`], built at first use.
static SAY_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(SAY_VERBS).expect("a short list of words"));

/// Builds the automaton of the verbs of saying now (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&SAY_FINDER);
}

/// The [`SAY_VERBS`] a sentence contains, in the order of the list (one scan of the sentence).
fn say_verbs_in(sentence: &str) -> impl Iterator<Item = &'static str> {
    let mut found: Vec<usize> = SAY_FINDER
        .find_overlapping_iter(sentence)
        .map(|m| m.pattern().as_usize())
        .collect();
    found.sort_unstable();
    found.dedup();
    found.into_iter().map(|i| SAY_VERBS[i])
}

/// A source reported with `marker` (据, 根据): 据悉, or what follows the marker up to
/// 显示/指出/报道/… or the clause's end.
fn reported_source(sentence: &str, chars: &[char], marker: &str) -> Option<Attribution> {
    // 据 as a preposition, not inside 数据, 证据, 依据, 占据.
    let b = sentence.match_indices(marker).map(|(b, _)| b).find(|&b| {
        marker == "根据"
            || !sentence[..b]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, '数' | '证' | '依' | '占' | '根' | '凭' | '收' | '单'))
    })?;
    let start = sentence[..b].chars().count() + marker.chars().count();
    let rest: String = chars[start..].iter().collect();
    if rest.starts_with('悉') || rest.starts_with("了解") {
        return Some(Attribution {
            who: "(unnamed: 据悉)".into(),
            verb: "据悉".into(),
            person: false,
        });
    }
    let stop = [
        "显示", "指出", "报道", "称", "统计", "表明", "，", "。", "预测",
    ]
    .iter()
    .filter_map(|w| rest.find(w))
    .min()
    .unwrap_or(rest.len());
    let who = rest[..stop].trim().to_owned();
    (2..=40)
        .contains(&who.chars().count())
        .then(|| Attribution {
            who,
            verb: marker.into(),
            person: false,
        })
}

/// The speaker before the say-verb `v`: a pronoun (resolved to `last_person`), a name, or
/// an unnamed expert or insider.
fn speaker(sentence: &str, v: &str, last_person: Option<&str>) -> Option<Attribution> {
    let b = sentence.find(v)?;
    let clause = clause_before(sentence, b);
    let text: String = clause.iter().collect();
    if PRONOUNS.contains(&text.as_str()) {
        return last_person.map(|p| Attribution {
            who: p.to_owned(),
            verb: v.to_string(),
            person: true,
        });
    }
    // 在林咏华看来
    let clause = if clause.first() == Some(&'在') {
        &clause[1..]
    } else {
        &clause[..]
    };
    if let Some(name) = name_before(clause) {
        return Some(Attribution {
            who: name,
            verb: v.to_string(),
            person: true,
        });
    }
    // 有专家认为, 有业内专家表示, 业界普遍认为: unnamed.
    let t: String = clause.iter().collect();
    (t.contains("专家") || t.contains("业界") || t.contains("业内") || t.contains("消息")).then(
        || Attribution {
            who: format!("(unnamed: {t})"),
            verb: v.to_string(),
            person: false,
        },
    )
}

/// The clause before byte `b` of the sentence where a speaker is named: from the clause
/// start, up to 在 (辛国斌在…上表示), without 曾/也/则/还… before the verb.
fn clause_before(sentence: &str, b: usize) -> Vec<char> {
    let before: Vec<char> = sentence[..b].chars().collect();
    // Back to the clause start.
    let clause_start = before
        .iter()
        .rposition(|&c| matches!(c, '，' | '。' | '：' | '“' | '”' | '；' | ',' | '、'))
        .map(|p| p + 1)
        .unwrap_or(0);
    let mut clause = &before[clause_start..];
    // 辛国斌在…上表示: the name is before 在.
    if let Some(p) = clause.iter().position(|&c| c == '在') {
        if p >= 2 {
            clause = &clause[..p];
        }
    }
    // …余承东在2023重庆车展期间曾表示: drop 曾/也/则/还 before the verb.
    while let Some(&last) = clause.last() {
        if matches!(last, '曾' | '也' | '则' | '还' | '又' | '均' | '都') {
            clause = &clause[..clause.len() - 1];
        } else {
            break;
        }
    }
    clause.to_vec()
}

/// Data as the source: 数据显示, 报告显示, 结果表明.
fn data_source(sentence: &str) -> Option<Attribution> {
    (sentence.contains("数据显示")
        || sentence.contains("报告显示")
        || sentence.contains("结果表明"))
    .then(|| Attribution {
        who: "(data)".into(),
        verb: "显示".into(),
        person: false,
    })
}

/// Entities of a text: POS-tagged names and user-dictionary terms, plus speakers found by
/// [`attribution`]. `user_terms` maps a dictionary word to its tag.
pub fn extract(jieba: &Jieba, text: &str, user_terms: &HashMap<String, String>) -> Vec<Entity> {
    extract_tagged(jieba, text, &jieba.tag(text, true), user_terms)
}

/// [`extract`] with the text's words already tagged by jieba with the HMM (which finds the
/// unknown names before 公司 or 集团), as the keywords read them too.
pub fn extract_tagged(
    jieba: &Jieba,
    text: &str,
    tags: &[Tag<'_>],
    user_terms: &HashMap<String, String>,
) -> Vec<Entity> {
    let mut found = Found::default();
    tagged_entities(jieba, tags, user_terms, &mut found);
    dictionary_entities(text, tags, user_terms, &mut found);
    organisations_by_suffix(tags, &mut found);
    speakers(text, &mut found);
    ranked(found)
}

/// Entities found so far: (word, kind) → (mentions, reasons).
#[derive(Default)]
struct Found(HashMap<(String, EntityKind), (usize, Vec<String>)>);

impl Found {
    /// One more mention of `word` as `kind`, found for the reason `why`.
    fn add(&mut self, word: &str, kind: EntityKind, why: String) {
        let e = self.0.entry((word.to_owned(), kind)).or_default();
        e.0 += 1;
        if !e.1.contains(&why) {
            e.1.push(why);
        }
    }
}

/// Words of the user dictionary (with their tag), and dictionary words POS-tagged as names.
fn tagged_entities(
    jieba: &Jieba,
    tags: &[Tag<'_>],
    user_terms: &HashMap<String, String>,
    found: &mut Found,
) {
    for t in tags {
        let w = t.word.trim();
        if w.chars().count() < 2 {
            continue;
        }
        if let Some(tag) = user_terms.get(w) {
            let kind = EntityKind::from_tag(tag).unwrap_or(EntityKind::Other);
            found.add(w, kind, "dictionary".into());
            continue;
        }
        if let Some(kind) = EntityKind::from_tag(t.tag) {
            // Tags guessed for unknown words are unreliable: dictionary words only (names of
            // speakers come from the attribution rules, the editors' words from the dictionary).
            if kind == EntityKind::Other || !jieba.has_word(w) || !plausible(w, kind) {
                continue;
            }
            found.add(w, kind, format!("pos:{}", t.tag));
        }
    }
}

/// The editors' words even where this segmenter does not know them.
fn dictionary_entities(
    text: &str,
    tags: &[Tag<'_>],
    user_terms: &HashMap<String, String>,
    found: &mut Found,
) {
    for (word, tag) in user_terms {
        let n = text.matches(word.as_str()).count();
        let seen = tags.iter().any(|t| t.word == word);
        if n > 0 && !seen {
            let kind = EntityKind::from_tag(tag).unwrap_or(EntityKind::Other);
            for _ in 0..n {
                found.add(word, kind, "dictionary".into());
            }
        }
    }
}

/// Organisations by suffix: the nouns just before 集团/公司/研究院 … joined.
fn organisations_by_suffix(tags: &[Tag<'_>], found: &mut Found) {
    for (i, t) in tags.iter().enumerate() {
        if let Some(suffix) = ORG_SUFFIXES.iter().find(|s| t.word.ends_with(*s)) {
            let mut j = i;
            let mut name = String::new();
            while j > 0 && i - j < 3 {
                let p = &tags[j - 1];
                if p.tag.starts_with('n') && p.word.chars().all(is_cjk) && !p.word.is_empty() {
                    j -= 1;
                } else {
                    break;
                }
            }
            for p in &tags[j..=i] {
                name.push_str(p.word);
            }
            if name.chars().count() > suffix.chars().count() + 1 && j < i {
                found.add(&name, EntityKind::Organization, format!("suffix:{suffix}"));
            }
        }
    }
}

/// People speaking, sentence by sentence (他/她 resolved to the last one).
fn speakers(text: &str, found: &mut Found) {
    let mut last_person: Option<String> = None;
    for s in crate::language::sentences::split(text) {
        if let Some(a) = attribution(&s.text, last_person.as_deref()) {
            if a.person {
                found.add(&a.who, EntityKind::Person, format!("speaker:{}", a.verb));
                last_person = Some(a.who);
            }
        }
    }
}

/// The entities, most mentioned first; a speaker found by the rules wins over a POS tag
/// of another kind for the same word.
fn ranked(found: Found) -> Vec<Entity> {
    let mut out: Vec<Entity> = found
        .0
        .into_iter()
        .map(|((text, kind), (count, reasons))| Entity {
            text,
            kind,
            count,
            reasons,
        })
        .collect();
    let people: Vec<String> = out
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.text.clone())
        .collect();
    out.retain(|e| e.kind == EntityKind::Person || !people.contains(&e.text));
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.kind.cmp(&b.kind))
            .then(a.text.cmp(&b.text))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter as jieba;

    fn who(s: &str) -> Option<String> {
        attribution(s, Some("林咏华")).map(|a| a.who)
    }

    #[test]
    fn speakers_of_attributed_statements() {
        assert_eq!(
            who("日前，工业和信息化部副部长辛国斌在国务院新闻办公室举行的政策例行吹风会上表示，将启动试点。").as_deref(),
            Some("辛国斌")
        );
        assert_eq!(who("辛国斌表示。").as_deref(), Some("辛国斌"));
        assert_eq!(
            who("商务部研究院电商所副研究员洪勇表示。").as_deref(),
            Some("洪勇")
        );
        assert_eq!(
            who("国家管网集团西部管道公司科技信息服务中心工艺所所长杨明称：“我们将加快推进。”")
                .as_deref(),
            Some("杨明")
        );
        assert_eq!(
            who("他说，当前数据几乎都是从三个渠道得来。").as_deref(),
            Some("林咏华")
        );
        assert_eq!(
            who("在堵俊平看来，从第一个渠道得到的数据局限性较强。").as_deref(),
            Some("堵俊平")
        );
        assert_eq!(
            who("此前，华为常务董事余承东在2023重庆车展期间曾表示，标准预计在6月底出炉。")
                .as_deref(),
            Some("余承东")
        );
        assert_eq!(
            who("据中信建投最新研报指出，价格降低。").as_deref(),
            Some("中信建投最新研报")
        );
        assert_eq!(who("会议于6月8日举行。"), None);
    }

    #[test]
    fn entities_from_tags_dictionary_and_speakers() {
        let mut terms = HashMap::new();
        terms.insert("萝卜快跑".to_owned(), "nz".to_owned());
        let text = "萝卜快跑获得深圳市坪山区颁发的首批通知书。商务部研究院电商所副研究员洪勇表示，北京和上海也在推进。";
        let e = extract(jieba(), text, &terms);
        let find = |t: &str| e.iter().find(|x| x.text == t);
        assert_eq!(
            find("洪勇").map(|x| x.kind),
            Some(EntityKind::Person),
            "{e:#?}"
        );
        assert!(find("萝卜快跑").is_some(), "{e:#?}");
        assert_eq!(
            find("北京").map(|x| x.kind),
            Some(EntityKind::Place),
            "{e:#?}"
        );
    }
}
