use super::*;
use crate::model::ParagraphKind;
use std::sync::OnceLock;

fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(crate::language::segmenter)
}

/// The titles of a page's articles, in order, and the page read.
fn titles_of(page: &str) -> (Vec<String>, ParsedDigest) {
    let p = reconstruct(page, jieba());
    (p.articles.iter().map(|a| a.title.clone()).collect(), p)
}

/// Each article's title and first paragraph, in order.
fn titles_and_leads(page: &str) -> Vec<(String, String)> {
    reconstruct(page, jieba())
        .articles
        .into_iter()
        .map(|a| (a.title, a.paragraphs[0].text.clone()))
        .collect()
}

/// Each article's title and source line, in order.
fn titles_and_sources(p: &ParsedDigest) -> Vec<(&str, Option<&str>)> {
    p.articles
        .iter()
        .map(|a| (a.title.as_str(), a.source.line.as_deref()))
        .collect()
}

/// Each article's title and the first clause of each of its paragraphs, in order.
fn stories(p: &ParsedDigest) -> Vec<(&str, Vec<&str>)> {
    p.articles
        .iter()
        .map(|a| {
            let heads = a
                .paragraphs
                .iter()
                .map(|p| p.text.split('，').next().unwrap());
            (a.title.as_str(), heads.collect())
        })
        .collect()
}

#[test]
fn seed_page_gives_five_titled_articles() {
    let p = reconstruct(crate::sample::SAMPLE_TEXT, jieba());
    for a in &p.articles {
        eprintln!(
            "{} | {:?} | {} paras | {:?} | {:.2} | {:?}",
            a.title,
            a.source.line,
            a.paragraphs.len(),
            a.pull_quotes.len(),
            a.confidence,
            a.warnings
        );
        for para in &a.paragraphs {
            eprintln!(
                "   {:?} {}",
                para.kind,
                para.text.chars().take(30).collect::<String>()
            );
        }
    }
    eprintln!("furniture {:?} warnings {:?}", p.furniture, p.warnings);
    let titles: Vec<&str> = p.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "数据开源为AI发展“推波助澜”",
            "高级别自动驾驶提速“车路云”协同发展成趋势",
            "我国首次高压力纯氢管道试验成功",
            "今年全球OLED面板营收预计同比降7%",
            "特斯拉“超级计算机”或在7月正式投产",
        ]
    );
}

#[test]
fn text_without_titles_becomes_one_article() {
    let p = reconstruct(
        "今天天气很好，我们一起去公园散步。\n\n第二段也在这里，讲的还是公园散步。",
        jieba(),
    );
    assert_eq!(p.articles.len(), 1);
    assert_eq!(p.articles[0].title, "今天天气很好");
    assert_eq!(p.articles[0].paragraphs.len(), 2);
    assert_eq!(p.articles[0].paragraphs[0].kind, ParagraphKind::Lead);
    assert!(p.articles[0].confidence < 0.6);
    assert!(!p.articles[0].warnings.is_empty());
}

#[test]
fn punctuation_only_text_has_no_articles() {
    assert!(reconstruct("...\n\n,,,", jieba()).articles.is_empty());
}

#[test]
fn no_source_line_is_said_only_where_the_page_prints_sources() {
    let without = "氢能管道试验成功\n\n我国首次高压力纯氢管道试验取得成功，压力达到6.3兆帕。\n\n\
                   新型储能装机规模突破\n\n截至6月底，全国新型储能装机规模突破一千万千瓦。";
    let p = reconstruct(without, jieba());
    assert!(!p.articles.is_empty());
    for a in &p.articles {
        assert!(!a.warnings.iter().any(|w| w == "no source line"), "{a:?}");
    }
}

#[test]
fn a_source_line_right_under_a_title_is_its_stories_source_not_part_of_the_title() {
    let page = "港区新建智能闸口投入使用\n据《港城日报》\n\n港区新建的智能闸口本周投入使用，集卡通行时间缩短一半。\n\n湿地公园迎来候鸟高峰\n据《湖滨晚报》\n\n湿地公园本月观测到候鸟两万余只，比去年同期增加三成。\n";
    let p = reconstruct(page, jieba());
    assert_eq!(
        titles_and_sources(&p),
        [
            ("港区新建智能闸口投入使用", Some("据《港城日报》")),
            ("湿地公园迎来候鸟高峰", Some("据《湖滨晚报》")),
        ]
    );
    // A sentence that starts with 据 inside a paragraph stays in it.
    let page = "港区新建智能闸口投入使用\n\n港区新建的智能闸口本周投入使用。\n据《港城日报》报道，集卡通行时间缩短一半。\n";
    let p = reconstruct(page, jieba());
    assert_eq!(p.articles[0].source.line, None);
    assert!(p.articles[0]
        .paragraphs
        .iter()
        .any(|para| para.text.contains("据《港城日报》报道")));
}

/// A broadsheet prints no source lines: each article opens with its dateline. Two headlines
/// printed side by side come out one after the other, then the two bodies: a body opening
/// with a dateline is another article's lead, never the going-on of the one above it.
#[test]
fn a_lead_opening_with_a_dateline_opens_its_own_article() {
    let page = "沿江货运铁路完成扩能改造\n\n老城区完成雨污分流改造\n\n\
        新华社上海3月4日电（记者 王立）沿江货运铁路扩能改造工程4日完工，线路年运输能力由\n\
        三千万吨提高到五千万吨。\n\
        改造后的线路新增两处会让站，列车运行间隔缩短到十五分钟，沿线三个港区的集装箱可\n\
        直接装车外运。\n\n\
        本报讯（记者 赵一鸣）老城区十四条街巷的雨污分流改造日前全部完工，新铺设管道二十\n\
        八公里。\n\
        以往每逢大雨，部分路段积水可达半米。改造后，雨水直接排入河道，污水统一送往处理厂。\n";
    let p = reconstruct(page, jieba());
    assert_eq!(
        titles_and_sources(&p),
        [
            (
                "沿江货运铁路完成扩能改造",
                Some("新华社上海3月4日电（记者 王立）")
            ),
            ("老城区完成雨污分流改造", Some("本报讯（记者 赵一鸣）")),
        ]
    );
    assert!(p.articles.iter().all(|a| a.paragraphs.len() == 2));
}

#[test]
fn two_headlines_stacked_over_two_bodies_are_two_articles() {
    // Two columns' headlines printed one under the other, then the two bodies, and no source
    // line between them (a company newsletter).
    let page = "\
一、新厂区食堂本月启用

二、员工通勤班车增开夜班线路

新厂区食堂本月起正式启用，可同时容纳六百人就餐，早餐和午餐均提供三种套餐。
食堂还开设了清真窗口，员工刷工卡即可消费。

为方便夜班员工下班回家，通勤班车自下周一起增开两条夜班线路，末班车延后到凌晨一点。
员工可在内网查询班车线路和站点。
";
    let p = reconstruct(page, jieba());
    let titles: Vec<&str> = p.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["新厂区食堂本月启用", "员工通勤班车增开夜班线路"]);
    let body = |a: &crate::model::ArticleDraft| {
        a.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<String>()
    };
    assert!(
        body(&p.articles[0]).ends_with("员工刷工卡即可消费。"),
        "{p:#?}"
    );
    assert!(body(&p.articles[1]).starts_with("为方便夜班员工"), "{p:#?}");
    let low = crate::model::vocabulary::LOW_CONFIDENCE;
    assert!(p.articles.iter().all(|a| a.confidence >= low), "{p:#?}");
}

#[test]
fn two_stacked_headlines_over_their_bodies_printed_in_turn_are_two_articles() {
    // Two columns' item titles printed one under the other, then the columns' paragraphs as
    // the extraction printed them: the first column's, two of the second's, the first's again.
    // No single cut tells the stories apart; each paragraph names its own story.
    let page = "\
城南街道简报 2026年第11期

1. 南门菜市场完成改造
南门菜市场改造后重新开业，摊位从八十个
增加到一百二十个，新装了排风和消防设施。
市场管理方表示，蔬菜摊位租金一年内不上涨。

3. 旧厂房改造成青年书店
2. 社区食堂推出老人助餐
社区食堂从本月起为七十岁以上老人提供助
餐服务，每份午餐收费十元。

旧厂房改造成的青年书店周末开业，一楼摆
放书架，二楼设有自习区和展览空间。

书店负责人说，开业当天接待读者两千多人，
自习区需要在书店小程序提前预约。

街道工作人员表示，社区食堂还将为行动不
便的老人提供送餐上门，助餐名单每月更新。

4. 河滨步道夜间照明延长
河滨步道的路灯从本周起延长照明到午夜，
沿线还增设了十二个应急呼叫按钮。
";
    let p = reconstruct(page, jieba());
    let stories = stories(&p);
    assert_eq!(
        stories[1..3],
        [
            (
                "社区食堂推出老人助餐",
                vec![
                    "社区食堂从本月起为七十岁以上老人提供助餐服务",
                    "街道工作人员表示"
                ]
            ),
            (
                "旧厂房改造成青年书店",
                vec!["旧厂房改造成的青年书店周末开业", "书店负责人说"]
            ),
        ],
        "{p:#?}"
    );
}

#[test]
fn a_headline_of_four_lines_over_two_stories_printed_in_turn_is_two_titles() {
    // Two columns' titles, each wrapped over two lines, printed one under the other; then
    // the columns' paragraphs in turn. The last paragraph names neither title: it goes with
    // the story it shares its words with (处理厂 / 处理能力), not with the one before it.
    let page = "\
■城市生活

旧城区老街
完成立面整修
江北新区首座
污水厂投入运行
本报记者 林海

江北新区首座污水处理厂本周投入运行，日
处理能力五万吨，出水将用于河道补水。

旧城区老街的立面整修工程近日完成，沿街
九十多栋建筑的外墙、门窗和招牌按原样修复。

施工方保留了原有的石板路面，并在夜间
加装了暖色照明，周末游客明显增多。

处理厂采用地下式设计，地面建成了公园，
附近居民可以在厂区上方散步健身。
据《江北日报》

南山隧道下月通车
南山隧道全长四公里，通车后往返两地的车
程缩短一半。
据《南山晚报》
";
    let p = reconstruct(page, jieba());
    let stories = stories(&p);
    assert_eq!(
        stories[..2],
        [
            (
                "江北新区首座污水厂投入运行",
                vec!["江北新区首座污水处理厂本周投入运行", "处理厂采用地下式设计"]
            ),
            (
                "旧城区老街完成立面整修",
                vec![
                    "旧城区老街的立面整修工程近日完成",
                    "施工方保留了原有的石板路面"
                ]
            ),
        ],
        "{p:#?}"
    );
    assert_eq!(p.articles[0].source.line.as_deref(), Some("据《江北日报》"));
}

#[test]
fn three_headlines_stacked_over_three_bodies_are_three_articles() {
    // Three columns' headlines one under the other, then the three bodies in another order.
    let page = "\
港口新建冷链码头

山区小学开通网络课堂

老街夜市重新开张

山区小学的网络课堂本学期开通，城里的老师每周为山区学生上两节美术课和音乐课。
学生们说，网络课堂让他们第一次见到了钢琴。

老街夜市整修后重新开张，一百二十个摊位经营小吃和手工艺品。
夜市每晚六点开到十一点，周末客流超过一万人次。

港口新建的冷链码头投入使用，可同时停靠两艘冷藏船，年吞吐能力五十万吨。
冷链码头配有三座冷库，进口水果和海鲜可在码头直接查验。
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        [
            "山区小学开通网络课堂",
            "老街夜市重新开张",
            "港口新建冷链码头"
        ],
        "{p:#?}"
    );
}

#[test]
fn stray_signs_are_kept_and_a_lone_percent_goes_on_with_its_figure() {
    let page = "\
港口吞吐量创新高

一季度全港集装箱吞吐量同比增长12
%
，创历史同期新高。

★ ★ ★

港口负责人表示，新航线开通后增长还将继续。
据《江口日报》
";
    let p = reconstruct(page, jieba());
    let body: String = p.articles[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert!(body.contains("增长12%，创历史同期新高。"), "{p:#?}");
    assert!(p.furniture.iter().any(|f| f.contains('★')), "{p:#?}");
}

#[test]
fn stories_of_two_stacked_headlines_are_not_chained_back_together() {
    // The two bodies share much of their wording (the same city, the same service), words the
    // page's other articles do not use: enough for a body without a source line to be read
    // as going on in the next. Each tells its own headline's story, so they stay apart.
    let page = "\
城东新建公共停车场

城西公园改造完工

城东新建的公共停车场本周投入使用，市民可通过城市服务平台查询车位，停车费用可在城市服务平台缴纳。

城西公园改造日前完工，市民可通过城市服务平台预约场地，活动费用可在城市服务平台缴纳。

南湖图书馆延长开放时间

南湖图书馆自下月起延长开放至晚上十点，周末增设亲子阅读区。
据《南湖日报》

北山隧道下月通车

北山隧道全长四公里，通车后往返两地的车程缩短一半。
据《北山晚报》
";
    let p = reconstruct(page, jieba());
    let titles: Vec<&str> = p.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles[..2],
        ["城东新建公共停车场", "城西公园改造完工"],
        "{p:#?}"
    );
}

#[test]
fn a_table_of_contents_over_the_first_story_is_furniture_not_articles() {
    let page = "本期目录\n1. 城市书房延长开放时间\n2. 春季植树活动周末举行\n3. 新能源公交线路开通\n\
                4. 社区食堂开业\n\n城市书房延长开放时间\n\n市图书馆所属的十二家城市书房自下月起延长开放\n\
                时间，工作日开到晚上九点，周末开到十点。\n据《江城晚报》\n";
    let p = reconstruct(page, jieba());
    assert_eq!(
        titles_and_sources(&p),
        [("城市书房延长开放时间", Some("据《江城晚报》"))]
    );
    assert!(
        p.furniture.iter().any(|f| f == "本期目录"),
        "{:?}",
        p.furniture
    );
    assert!(
        p.furniture.iter().any(|f| f == "4. 社区食堂开业"),
        "{:?}",
        p.furniture
    );
    assert!(p
        .warnings
        .iter()
        .any(|w| w.contains("table of contents (4 entries)")));
}

#[test]
fn a_web_pages_title_loses_the_sites_name() {
    let cases = [
        (
            "在博物馆里上好“大思政课”-光明日报-光明网",
            "在博物馆里上好“大思政课”",
        ),
        (
            "借智博物馆打造“行走的思政课堂”_先锋文汇_共产党员网",
            "借智博物馆打造“行走的思政课堂”",
        ),
        (
            "博物馆奇妙游！这个党支部用特殊方式感知“大学校的力量”_澎湃号·政务_澎湃新闻-The Paper",
            "博物馆奇妙游！这个党支部用特殊方式感知“大学校的力量”",
        ),
        (
            "百年接力，党旗映照清华园 - 中华人民共和国教育部政府门户网站",
            "百年接力，党旗映照清华园",
        ),
        // Not a site: kept whole.
        ("京津冀-长三角城际列车开通", "京津冀-长三角城际列车开通"),
        ("A股-港股通额度调整", "A股-港股通额度调整"),
        ("科技日报", "科技日报"),
        (
            "全国大部地区4月1日-3日天气预报",
            "全国大部地区4月1日-3日天气预报",
        ),
        ("2023-2024赛季CBA总决赛战报", "2023-2024赛季CBA总决赛战报"),
        ("我国建成全球最大C-V2X车联网", "我国建成全球最大C-V2X车联网"),
        (
            "深观察｜这场会议释放哪些信号",
            "深观察｜这场会议释放哪些信号",
        ),
        ("这场会议释放哪些信号｜新华网", "这场会议释放哪些信号"),
        (
            "城市书房延长开放时间-天气预报",
            "城市书房延长开放时间-天气预报",
        ),
        ("华为发布新款手机-Mate", "华为发布新款手机-Mate"),
        ("城市书房延长开放时间 - cnr.cn", "城市书房延长开放时间"),
    ];
    for (title, kept) in cases {
        let mut parsed = ParsedDigest {
            articles: vec![crate::model::ArticleDraft {
                title: title.to_owned(),
                source: Default::default(),
                paragraphs: Vec::new(),
                pull_quotes: Vec::new(),
                confidence: 0.9,
                warnings: Vec::new(),
            }],
            ..ParsedDigest::default()
        };
        site_names(&mut parsed);
        assert_eq!(parsed.articles[0].title, kept, "{title}");
        let furniture: String = parsed.furniture.concat();
        assert_eq!(
            format!("{kept}{furniture}").replace(' ', ""),
            title.replace(' ', "")
        );
    }
}

#[test]
fn a_wrapped_headline_over_an_agency_byline_and_an_edition_line_is_the_title() {
    // A daily re-set as PDF: the headline wraps, the byline lost its names, then the edition.
    let page = "确保基本实现社会主义现代化取得决定性进\n展\n新华社记者\n\
                《人民日报》（2025年10月20日 第 01 版）\n\n历史，正在书写新的篇章。\n\
                10月20日至23日，党的二十届四中全会在北京召开。会议将审议\n\
                《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》，\n\
                为未来五年中国发展擘画蓝图。\n";
    let p = reconstruct(page, jieba());
    assert_eq!(
        titles_and_sources(&p),
        [(
            "确保基本实现社会主义现代化取得决定性进展",
            Some("《人民日报》（2025年10月20日 第 01 版）")
        )]
    );
    assert!(p.furniture.iter().any(|f| f == "新华社记者"));
}

#[test]
fn a_dateline_credit_closing_a_story_stays_with_it() {
    let page = "城市书房延长开放时间\n据《江城晚报》\n\n市图书馆所属的十二家城市书房自下月起延长开放\n\
                时间，工作日开到晚上九点，周末开到十点。\n（新华社江城3月5日电\n\n记者王芳、\n\n李明）\n";
    let p = reconstruct(page, jieba());
    assert_eq!(p.articles.len(), 1, "{:?}", p.articles);
    let last = p.articles[0].paragraphs.last().unwrap();
    assert_eq!(last.text, "（新华社江城3月5日电记者王芳、李明）");
}

#[test]
fn two_headlines_printed_one_under_the_other_title_their_own_stories() {
    // The headlines of two columns side by side, then the columns one after the other.
    let page = "\
南湖公园新建儿童游乐场开放
城西菜市场完成改造重新营业
本报讯（记者 周明）南湖公园新建的儿童游乐场本周六开放，游乐场设有滑梯、
秋千和沙坑，适合三到十岁的儿童游玩。
公园管理处提醒，游乐场每天开放到晚上八点。

本报讯（通讯员 吴芳）城西菜市场经过三个月改造，昨天重新营业，摊位
由八十个增加到一百二十个，地面和排水也重新铺设。
不少摊主说，改造后的菜市场干净了，顾客也多了。
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec!["南湖公园新建儿童游乐场开放", "城西菜市场完成改造重新营业"],
        "{p:#?}"
    );
}

#[test]
fn a_headline_wrapped_over_two_lines_stays_one_title() {
    let page = "\
南湖公园新建的儿童游乐场
本周六正式对市民开放
本报讯（记者 周明）南湖公园新建的儿童游乐场本周六开放，游乐场设有滑梯、
秋千和沙坑，适合三到十岁的儿童游玩。
公园管理处提醒，游乐场每天开放到晚上八点，周末市民较多，请家长看护好孩子。
";
    let p = reconstruct(page, jieba());
    assert_eq!(p.articles.len(), 1, "{p:#?}");
    assert_eq!(
        p.articles[0].title,
        "南湖公园新建的儿童游乐场本周六正式对市民开放"
    );
}

#[test]
fn the_rest_of_a_wrapped_headline_printed_two_blocks_later_joins_it() {
    // Two columns printed block by block in turn: the headline's last letter comes after a
    // block of the other column.
    let page = "\
城西菜市场完成改造重新营业
本报讯（通讯员 吴芳）城西菜市场经过三个月改造，昨天重新营业，摊位由八十个增加到
一百二十个。

北岭气象站启用新型测雪雷

不少摊主说，改造后的菜市场干净了，顾客也多了。

达

北岭气象站新启用的测雪雷达，可以每十分钟更新一次积雪深度，精度达到一厘米。
";
    let p = reconstruct(page, jieba());
    let titles: Vec<&str> = p.articles.iter().map(|a| a.title.as_str()).collect();
    assert!(titles.contains(&"北岭气象站启用新型测雪雷达"), "{p:#?}");
}

#[test]
fn a_title_printed_far_from_its_story_is_paired_by_its_words() {
    // A headline spanning the page, then the last column's title stacked under it; that
    // column's story is printed after the others.
    let page = "\
东湖区启动背街小巷环境整治行动

图书馆夜间自习室延长开放

东湖区城管局日前公布背街小巷环境整治方案，今年将完成一百二十条小巷的路面修补
和照明改造。
整治期间，各街道将设立意见箱，收集居民对整治方案的建议。
据《东湖日报》

菜市场新设便民服务台

城北菜市场本月起设立便民服务台，免费提供称重复核和小额维修服务。
服务台由市场管理方和社区志愿者轮流值守。
据《东湖晚报》

社区卫生站开设周末门诊

南岭社区卫生站从本周六起开设周末门诊，方便上班族就医。
门诊开设全科和儿科，每天接诊到下午五点。
据《南岭日报》

市图书馆的夜间自习室从下周一起延长开放到晚上十一点，考试期间二十四小时开放。
读者可通过图书馆的公众号预约自习室座位，每人每天限约一次。
（来源：东湖发布）
";
    let titled = titles_and_leads(page);
    assert!(
        titled
            .iter()
            .any(|(t, body)| *t == "图书馆夜间自习室延长开放" && body.starts_with("市图书馆")),
        "{titled:#?}"
    );
}

#[test]
fn stacked_titles_in_words_of_their_own_still_split_the_stories_under_them() {
    // Three columns' titles printed one under the other, then the three stories in turn;
    // the first title shares few words with its story, but none with the others.
    let page = "\
青石村小学有了新操场

河道清淤工程完工

老街夜市重新开张

青石村小学的塑胶跑道和篮球场本周交付使用，三百多名学生第一次在平整的场地上
上体育课。
校长说，学生们下课后都愿意到场地上活动。

东河清淤工程日前全部完工，共清理淤泥四万立方米，河道平均加深半米。
沿河居民反映，河水的异味明显减轻。

老街夜市经过半年改造重新开张，八十个摊位全部入驻，周末客流超过一万人次。
老街夜市还新增了公共座椅和垃圾分类点。
据《东河晚报》
";
    let titled = titles_and_leads(page);
    assert_eq!(titled.len(), 3, "{titled:#?}");
    assert!(
        titled[0].0 == "青石村小学有了新操场" && titled[0].1.starts_with("青石村"),
        "{titled:#?}"
    );
    assert!(
        titled[1].0 == "河道清淤工程完工" && titled[1].1.starts_with("东河"),
        "{titled:#?}"
    );
    assert!(
        titled[2].0 == "老街夜市重新开张" && titled[2].1.starts_with("老街"),
        "{titled:#?}"
    );
}

#[test]
fn a_pull_quote_printed_right_above_a_paragraph_is_set_apart() {
    let page = "\
老街夜市重新开张

老街夜市经过半年改造重新开张，八十个摊位全部入驻，周末客流超过一万人次。

明年还要再多开二十个摊位。
管委会主任说：“明年还要再多开二十个摊位。”
据《东河晚报》
";
    let p = reconstruct(page, jieba());
    assert_eq!(p.articles.len(), 1, "{p:#?}");
    let a = &p.articles[0];
    assert_eq!(
        a.pull_quotes,
        vec!["明年还要再多开二十个摊位。".to_owned()],
        "{a:#?}"
    );
    assert!(
        a.paragraphs
            .iter()
            .all(|para| !para.text.starts_with("明年")),
        "{a:#?}"
    );
}

#[test]
fn two_numbered_titles_on_two_lines_are_two_items() {
    let page = "\
2. 南湖公园新建儿童游乐场
4. 城西菜市场完成改造
南湖公园新建的儿童游乐场本周六开放，游乐场设有滑梯、秋千和沙坑，适合三到十岁的儿童。

城西菜市场经过三个月改造，昨天重新营业，摊位由八十个增加到一百二十个。
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec!["南湖公园新建儿童游乐场", "城西菜市场完成改造"],
        "{p:#?}"
    );
}

#[test]
fn a_source_printed_under_the_other_columns_line_closes_its_own_story() {
    // The two-column LibreOffice page: `产。` ends the left column's story, the right
    // column's open line is printed under it, then the left story's source.
    let p = reconstruct(
        include_str!("../../../tests/pdf/text/two-columns.lo.txt"),
        jieba(),
    );
    let s = stories(&p);
    assert_eq!(
        s[1],
        (
            "西川大学研制出可降解手机外壳",
            vec![
                "西川大学材料学院的研究团队用秸秆纤维和植物树脂",
                "这种外壳在土壤中约十八个月可分解大半"
            ]
        )
    );
    assert_eq!(titles_and_sources(&p)[1].1, Some("据《西川科技报》"));
    assert!(p.articles[2].paragraphs[1]
        .text
        .starts_with("气象站负责人介绍，新雷达将帮助山区公路提前安排除雪车辆"));
}

#[test]
fn two_columns_ending_side_by_side_print_their_sources_one_after_the_other() {
    // Each column's paragraphs printed in turn; the left story's source, then the right's.
    let p = reconstruct(
        concat!(
            "南湖区图书馆新馆开放\n\n",
            "东港市新建口袋公园\n\n",
            "南湖区图书馆新馆昨天正式开放，馆内设有阅览座位八百\n",
            "个，图书馆藏书四十万册。\n\n",
            "东港市今年共新建口袋公园十二个，每个公园都配有健身\n",
            "器材和休息座椅。\n\n",
            "图书馆新馆每天开放到晚上九点，周末延长一小时，读者凭身\n",
            "份证即可借书。\n\n",
            "口袋公园周边居民步行十分钟即可到达，市民对公园普遍满意。\n\n",
            "图书馆还设有一间视障阅览室，配备盲文图书两千册。\n",
            "据《南湖日报》\n\n",
            "据《东港晚报》\n",
        ),
        jieba(),
    );
    assert_eq!(
        titles_and_sources(&p),
        [
            ("南湖区图书馆新馆开放", Some("据《南湖日报》")),
            ("东港市新建口袋公园", Some("据《东港晚报》")),
        ],
        "{p:#?}"
    );
}

#[test]
fn a_headline_over_a_lead_opening_with_a_dateline_is_a_title_not_a_cross_head() {
    // The broadsheet's stories follow each other in one column, each title over its lead.
    let (titles, _) = titles_of(concat!(
        "桐川至岚山城际铁路开通\n",
        "新华社南京12月4日电（记者 钱明）桐川至岚山\n",
        "城际铁路4日开通运营。线路全长86公里，设计时速\n",
        "二百公里，两地间最快41分钟可达。\n",
        "这条铁路沿线设站七座，初期每天开行动车组列\n",
        "车三十二对，票价最低十九元。\n",
        "\n",
        "降温未影响蔬菜供应\n",
        "本报讯（通讯员 郑欣）记者从市商务局获悉，寒\n",
        "潮期间全市蔬菜供应充足，主要品种价格基本平稳，\n",
        "叶菜价格略有上涨。\n",
    ));
    assert_eq!(titles, ["桐川至岚山城际铁路开通", "降温未影响蔬菜供应"]);
}

#[test]
fn the_rest_of_a_headline_printed_apart_goes_back_to_the_title() {
    let para = |kind, text: &str| crate::model::ParagraphDraft {
        kind,
        text: text.to_owned(),
    };
    let article = |title: &str, paragraphs| crate::model::ArticleDraft {
        title: title.to_owned(),
        source: Default::default(),
        paragraphs,
        pull_quotes: Vec::new(),
        confidence: 0.8,
        warnings: Vec::new(),
    };
    let mut parsed = ParsedDigest {
        articles: vec![
            article(
                "城南图书馆把讲座搬进",
                vec![
                    para(
                        ParagraphKind::Lead,
                        "城南图书馆的周末讲座本月起在网络直播间同步播出。",
                    ),
                    para(ParagraphKind::Body, "直播间"),
                ],
            ),
            // Words the text does not name, or a sentence, stay where they are.
            article(
                "老城墙修缮工程完工",
                vec![
                    para(ParagraphKind::Lead, "历时两年的老城墙修缮工程日前完工。"),
                    para(ParagraphKind::Body, "城楼开放"),
                    para(ParagraphKind::Body, "城墙。"),
                ],
            ),
        ],
        ..ParsedDigest::default()
    };
    headline_rests(&mut parsed);
    let a = &parsed.articles[0];
    assert_eq!(a.title, "城南图书馆把讲座搬进直播间");
    assert_eq!(a.paragraphs.len(), 1);
    assert!(a.warnings[0].contains("直播间"), "{:?}", a.warnings);
    let b = &parsed.articles[1];
    assert_eq!(
        (b.title.as_str(), b.paragraphs.len()),
        ("老城墙修缮工程完工", 3)
    );
}

#[test]
fn a_title_wrapped_right_after_its_phrase_space_keeps_it() {
    let page = "鹭洲马拉松三万人开跑 本\n地选手刷新赛会纪录\n\n\
12月6日，鹭洲马拉松在市民广场鸣枪起跑，三万名跑者参\n\
赛，本地选手郭子航刷新了赛会国内选手纪录。\n";
    let (titles, _) = titles_of(page);
    assert_eq!(titles, ["鹭洲马拉松三万人开跑 本地选手刷新赛会纪录"]);
}

#[test]
fn an_address_wrapped_onto_a_line_of_its_own_ends_its_story() {
    let page = "留学生中文演讲比赛举行决赛\n\n来自肯尼亚的安娜讲述\n了她在社区做志愿者的\n经历，获得一等奖。\n\n\
视频：www.xichuan.ed-\nu.cn/v/88\n\n老年人智能手机课堂走进社\n区\n\n\
“以前只会接电话，现在能自己挂号、叫车\n了。”七十二岁的刘桂芳在社区课堂上学会\n了用手机预约门诊。\n";
    let (titles, parsed) = titles_of(page);
    assert_eq!(
        titles,
        ["留学生中文演讲比赛举行决赛", "老年人智能手机课堂走进社区"]
    );
    let last = &parsed.articles[0]
        .paragraphs
        .last()
        .expect("paragraphs")
        .text;
    assert_eq!(last, "视频：www.xichuan.edu.cn/v/88");
}

#[test]
fn a_title_printed_after_its_lead_takes_the_rest_its_source_closes() {
    let page = "南湖区上线社区共享工具箱\n\n南湖区十个社区近日设立共享工具箱，\n居民扫码即可借用电钻、梯子和水管扳\n手，用完七天内归还。\n\n\
（来源：南湖新闻网）\n\n\
12月4日，市发展改革委召开出租车运价\n调整听证会。方案拟将起步价由十元调整\n为十二元，起步里程仍为三公里。\n\n\
出租车运价调整举行听证\n\n\
十九名听证参加人中，十四\n人原则同意调价方案，也有\n代表建议同时规范网约车定\n价，避免高峰时段随意加价。\n\n\
据《鹭洲日报》\n";
    let (titles, parsed) = titles_of(page);
    assert_eq!(
        titles,
        ["南湖区上线社区共享工具箱", "出租车运价调整举行听证"]
    );
    let story = &parsed.articles[1];
    assert_eq!(story.paragraphs.len(), 2);
    assert_eq!(story.source.line.as_deref(), Some("据《鹭洲日报》"));
    // Nor when that source line is missing: the story goes on until one closes it.
    let (titles, parsed) = titles_of(&page.replace("据《鹭洲日报》\n", ""));
    assert_eq!(
        titles,
        ["南湖区上线社区共享工具箱", "出租车运价调整举行听证"]
    );
    assert_eq!(parsed.articles[1].paragraphs.len(), 2);
}

#[test]
fn a_titled_story_goes_on_in_the_columns_after_it_until_a_source_line_closes_it() {
    let page = "青石县建成首座山区光伏水泵站\n\n\
青石县北部山区的首座光伏水\n泵站日前投入使用，附近三个\n村的两千多亩梯田告别了靠天\n浇水的日子。\n\n\
这座水泵站由县水利局和一家本地企业共同建设，\n屋顶铺设了四百块太阳能板，白天抽水入池，夜间\n依靠重力自流灌溉。\n\n\
村民周大山说，过去旱季要排队挑水，\n现在打开阀门就有水，今年准备多种两\n亩蔬菜。\n\n据《青石日报》\n";
    let (titles, parsed) = titles_of(page);
    assert_eq!(titles, ["青石县建成首座山区光伏水泵站"]);
    let story = &parsed.articles[0];
    assert_eq!(story.paragraphs.len(), 3);
    assert_eq!(story.source.line.as_deref(), Some("据《青石日报》"));
}

#[test]
fn text_going_on_into_a_story_titled_after_it_is_that_storys_beginning() {
    let page = "南湖区上线社区共享工具箱\n\n南湖区十个社区近日设立共享工具箱，\n居民扫码即可借用电钻、梯子和水管扳\n手，用完七天内归还。\n\n\
（来源：南湖新闻网）\n\n\
走进城郊的一座智能温室，一\n排排种植槽悬挂在半空中，红\n彤彤的草莓垂在槽边，伸手就\n能摘到。\n\n\
下一步，他打算把基地扩大到五十亩，\n并尝试种植蓝莓和番茄。 据《农民日报》\n\n\
青年农场主把草莓种进了“空中花园”\n";
    let (titles, parsed) = titles_of(page);
    assert_eq!(
        titles,
        [
            "南湖区上线社区共享工具箱",
            "青年农场主把草莓种进了“空中花园”"
        ]
    );
    assert_eq!(parsed.articles[1].paragraphs.len(), 2);
    assert!(parsed.articles[1].paragraphs[0]
        .text
        .starts_with("走进城郊"));
}

#[test]
fn long_texts_of_one_story_join_on_weak_cohesion_when_nothing_else_comes_near() {
    let page = "老字号酱园的第七代传人\n\n\
走进西街的百年酱园，一股浓\n郁的豆香扑面而来。院子里整\n齐排列着三百多口大缸，五十\n二岁的周建国掀开缸盖，用木\n耙轻轻翻动里面的黄豆酱。他\n是这家老字号的第七代传人。\n\n\
周家酱园创办于清代道光年间，\n至今仍坚持“日晒夜露”的传\n统工艺：黄豆蒸熟、制曲，再\n放入缸中晒足一百八十天。周\n建国说，晒酱最怕连阴雨，每\n到雨季，他常常半夜起来盖缸。\n\n\
老手艺遇上新渠道\n\n\
前些年，酱园的生意一度冷清。年轻人更习惯\n在超市买瓶装酱料，老顾客则越来越少。转机\n出现在三年前，周建国的女儿周晓从外地辞职\n回家，开起了网店，还把晒酱、翻缸的过程拍\n成短视频。\n\n\
没想到，这些朴素的画面吸引了不少网友。如\n今，酱园每年通过网络卖出的酱料超过二十吨，\n占到总销量的一半。周晓还设计了小罐装的礼\n盒，很受年轻人欢迎。\n\n\
据《古城晚报》\n\n\
国产大型邮轮完成首个完整运营季\n\n\
记者从相关邮轮公司获悉，我国首艘国产大型邮轮日前完成首个完整运营季，累计执行航次\n六十余个，接待旅客超过二十万人次，平均上座率保持在九成以上。\n\n\
据《航运周报》\n";
    let (titles, parsed) = titles_of(page);
    assert_eq!(
        titles,
        ["老字号酱园的第七代传人", "国产大型邮轮完成首个完整运营季"]
    );
    let story = &parsed.articles[0];
    assert_eq!(story.paragraphs.len(), 5, "{:?}", story.paragraphs);
    assert_eq!(story.paragraphs[2].kind, ParagraphKind::Heading);
}

#[test]
fn a_wrapped_title_keeps_the_phrase_space_of_its_first_line() {
    let spaced = vec![(
        "流感进入高发期高危人群宜尽".to_owned(),
        "流感进入高发期 高危人群宜尽".to_owned(),
    )];
    assert_eq!(
        spaced_title("流感进入高发期高危人群宜尽早接种", &spaced).as_deref(),
        Some("流感进入高发期 高危人群宜尽早接种")
    );
    assert_eq!(spaced_title("全市流感疫苗接种点增至三个", &spaced), None);
    // Or of its last line, when the space was printed there.
    let spaced = vec![(
        "先晴后雨周四最低".to_owned(),
        "先晴后雨 周四最低".to_owned(),
    )];
    assert_eq!(
        spaced_title("本周天气：先晴后雨周四最低", &spaced).as_deref(),
        Some("本周天气：先晴后雨 周四最低")
    );
}

#[test]
fn numbered_titles_right_above_their_text_are_read_even_when_long_or_wrapped() {
    // The first title stops only a few letters short of the body's lines; the second wraps
    // onto a short line and holds a comma: the numbers say where each item starts.
    let page = "\
1. 河西区智慧停车平台本周起全面上线运行
河西区智慧停车平台本周上线，全区三千多个
路内泊位的空闲情况可在手机上实时查看，市民
出行前就能找到车位。

2. 北门菜场改造完成，摊位增加到一百二十
个，周末恢复营业
北门菜场改造历时三个月，新增冷鲜柜四十组，
地面全部换成防滑地砖，通道由两米加宽到三
米。
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec![
            "河西区智慧停车平台本周起全面上线运行",
            "北门菜场改造完成，摊位增加到一百二十个，周末恢复营业"
        ],
        "{p:#?}"
    );
    assert!(p.articles[1].paragraphs[0]
        .text
        .starts_with("北门菜场改造历时"));
}

#[test]
fn a_numbered_title_stacked_over_another_finds_its_text_printed_further_on() {
    // Two columns read across: item 3's title sits over item 4's, and item 3's text comes
    // after item 4's, in the same run of text.
    let page = "\
3. 东湖公园调整冬季开放时间
4. 城南街道开办老年人智能手机课堂
城南街道本周开办老年人智能手机课堂，志愿者
手把手教老人用手机挂号、缴费和视频通话，每
期十天，已有六十多位老人报名。

东湖公园自本月十日起执行冬季开放时间，每天
早七点开园、晚六点闭园，公园东门的停车场同
步调整收费时段。
据《河西日报》
";
    let p = reconstruct(page, jieba());
    assert_eq!(
        stories(&p),
        vec![
            (
                "城南街道开办老年人智能手机课堂",
                vec!["城南街道本周开办老年人智能手机课堂"]
            ),
            (
                "东湖公园调整冬季开放时间",
                vec!["东湖公园自本月十日起执行冬季开放时间"]
            ),
        ],
        "{p:#?}"
    );
}

#[test]
fn a_numbered_title_wrapped_at_its_comma_and_set_apart_is_a_title() {
    let page = "\
1. 河西区智慧停车平台本周起全面上线运行

河西区智慧停车平台本周上线，全区三千多个
路内泊位的空闲情况可在手机上实时查看。

2. 北门菜场改造完成，
摊位增加到一百二十个

北门菜场改造历时三个月，新增冷鲜柜四十组，
地面全部换成防滑地砖，通道由两米加宽到三
米。
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec![
            "河西区智慧停车平台本周起全面上线运行",
            "北门菜场改造完成，摊位增加到一百二十个"
        ],
        "{p:#?}"
    );
}

#[test]
fn two_columns_titles_wrapped_and_printed_line_by_line_in_turn_are_joined() {
    // Column A: `河西区智慧停车平台` / `本周全面上线`; column B: `北门菜场改造完成摊位` /
    // `增至一百二十个`; the extraction printed their lines in turn.
    let page = "\
河西区智慧停车平台全面

北门菜场改造完成摊位

上线运行

增至一百二十个

河西区智慧停车平台本周上线，全区三千多个路内泊
位的空闲情况可在手机上实时查看，市民出行前就能
找到车位。
据《河西日报》

北门菜场改造历时三个月，新增冷鲜柜四十组，摊位
由八十个增至一百二十个，通道由两米加宽到三米。
据《河西晚报》
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec![
            "河西区智慧停车平台全面上线运行",
            "北门菜场改造完成摊位增至一百二十个"
        ],
        "{p:#?}"
    );
}

#[test]
fn the_rest_of_a_title_printed_apart_under_it_ends_it() {
    let page = "\
东湖隧道双向

全线贯通

东湖隧道本周双向全线贯通，隧道全长三点二公里，
通车后从城东到城西的车程缩短二十分钟。
据《河西日报》

北门菜场改造完成

北门菜场改造历时三个月，新增冷鲜柜四十组，摊位
由八十个增至一百二十个，通道由两米加宽到三米。
据《河西晚报》
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec!["东湖隧道双向全线贯通", "北门菜场改造完成"],
        "{p:#?}"
    );
}

#[test]
fn a_title_over_another_story_s_title_and_text_is_not_joined_to_it() {
    let page = "\
公积金贷款最高额度上调

年货节提前开幕

第十二届鹭洲年货节昨天在国际会展中心开幕，比往年
提前了近一个月，展位一千二百个。

八十万元

自明年起，住房公积金个人贷款最高额度由六十万元上
调至八十万元，多子女家庭可再上浮二十万元。
（来源：鹭洲住房公积金中心）
";
    let (titles, p) = titles_of(page);
    assert!(
        titles
            .iter()
            .all(|t| !t.contains("公积金贷款最高额度上调年货节")),
        "{p:#?}"
    );
}

#[test]
fn a_title_printed_under_its_text_is_not_a_cross_head_of_the_text_after_it() {
    // A story's only column, then its title, then the rest of the story above it: the
    // headline's words are in the text before it and not in the text after it.
    let page = "\
■城乡快讯

县人民医院开通儿科夜间门诊

县人民医院儿科夜间门诊本周一
开诊，每晚六点至十点由两名儿
科医生坐诊，挂号费与白天相同。

12月2日，城北新建的五座公共厕
所全部投入使用，厕所内设有第三
卫生间和母婴室，夜间照明延长到
十一点。

城北五座公共厕所投入使用

开诊首周，儿科夜间门诊共接诊
患儿一百三十多人次，县人民医
院表示将视情况增加坐诊医生。

据《县融媒》
";
    let p = reconstruct(page, jieba());
    assert_eq!(
        stories(&p),
        vec![
            (
                "县人民医院开通儿科夜间门诊",
                vec!["县人民医院儿科夜间门诊本周一开诊", "开诊首周"]
            ),
            ("城北五座公共厕所投入使用", vec!["12月2日"]),
        ],
        "{p:#?}"
    );
}

#[test]
fn untitled_text_goes_with_the_story_it_reads_closest_to_not_the_one_beside_it() {
    // The lead of the lift story printed before the library story, whose title is printed
    // under its text; the lift story's rest and source, then its title.
    let page = "\
■民生速递

记者从市住房和城乡建设局了解到，今年全市老旧
小区加装电梯已完工三百零七部，另有一百二十部
正在施工。每部电梯市区两级财政补贴二十万元。

自12月8日起，县图书馆周二至
周日的开放时间调整为九点至二
十点，周一闭馆。少儿阅览室增
设周末故事会。

县图书馆调整冬季开放时间

住在建设新村五楼的退休教师
宋桂英今年七十六岁，腿脚不
好。她说：“电梯装好以后，
每天都能下楼买菜了。”

综合《鹭洲日报》《城市导报》

老旧小区加装电梯今
年完工三百余部
";
    let p = reconstruct(page, jieba());
    assert_eq!(
        stories(&p),
        vec![
            (
                "老旧小区加装电梯今年完工三百余部",
                vec![
                    "记者从市住房和城乡建设局了解到",
                    "住在建设新村五楼的退休教师宋桂英今年七十六岁"
                ]
            ),
            ("县图书馆调整冬季开放时间", vec!["自12月8日起"]),
        ],
        "{p:#?}"
    );
}

#[test]
fn untitled_text_goes_with_the_one_story_left_open_it_shares_a_word_with() {
    // The market story's rest and source printed at the page's end, after a story closed by
    // its source line; it shares only 集市 and 开市 with its story (cohesion about 0.05,
    // under the weak floor), nothing with the others, and every other story is closed.
    let page = "\
公园新增夜间照明步道

滨江公园新建的夜间照明步道全长三公里，路
灯在晚上十点后自动调暗，兼顾夜跑市民和附
近居民休息。

（来源：临江发布）

白沙镇大集恢复逢五开市

白沙镇有百年历史的大
集日前迁入新建的集市
广场，恢复每逢农历初
五、十五、二十五开市。

冬季征兵报名启动

2027年上半年征兵网上报名已经开始，
截止时间为明年2月20日。年满18至22
周岁的男性青年和应届高校毕业生均可
报名，大学生入伍享受学费补偿和复学
优待。 （来源：青岚县人民武装部）

新集市设摊位四百多个，
卖农具的、卖年货的、
修鞋补锅的都有。开市
当天，赶集的人超过一
万。 综合《石门日报》《乡土周刊》
";
    let p = reconstruct(page, jieba());
    assert_eq!(
        stories(&p),
        vec![
            (
                "公园新增夜间照明步道",
                vec!["滨江公园新建的夜间照明步道全长三公里"]
            ),
            (
                "白沙镇大集恢复逢五开市",
                vec![
                    "白沙镇有百年历史的大集日前迁入新建的集市广场",
                    "新集市设摊位四百多个"
                ]
            ),
            ("冬季征兵报名启动", vec!["2027年上半年征兵网上报名已经开始"]),
        ],
        "{p:#?}"
    );
}

#[test]
fn a_story_printed_inside_another_is_cut_out_with_its_title() {
    // The weather story's lead, the school story's title and text, then the weather
    // story's rest: the school story's title is no cross-head of the weather story.
    let page = "\
气象台发布寒潮蓝色预警

市气象台12月6日16时发布寒
潮蓝色预警：受强冷空气影响，
8日至10日我市气温将下降八
到十摄氏度，沿海海面有七到
八级大风。

两所学校入选全国文明校园

近日公布的新一届全国文明校
园名单中，鹭洲市第一中学和
青岚县实验小学榜上有名。两
所学校分别在学生志愿服务和
乡村阅读推广方面形成了自己
的做法。

气象台提醒市民注意防寒保暖，
海上作业船只及时回港避风。

（来源：鹭洲气象）
";
    let p = reconstruct(page, jieba());
    assert_eq!(
        stories(&p),
        vec![
            (
                "气象台发布寒潮蓝色预警",
                vec![
                    "市气象台12月6日16时发布寒潮蓝色预警：受强冷空气影响",
                    "气象台提醒市民注意防寒保暖"
                ]
            ),
            (
                "两所学校入选全国文明校园",
                vec!["近日公布的新一届全国文明校园名单中"]
            ),
        ],
        "{p:#?}"
    );
}

#[test]
fn a_short_closing_paragraph_goes_with_the_only_story_it_shares_words_with() {
    // The weather station's story is left open; another story and its source line come
    // between; its last paragraph shares only 气象站 and 积雪 with it (weak cohesion, but
    // nothing with the other story).
    let page = "\
■城乡速览

北岭气象站启用新型测雪雷达

北岭气象站新启用的测雪雷达，可以每
十分钟更新一次积雪深度，精度达到一
厘米。

气象站负责人介绍，新雷达将帮助山区公路
提前安排除雪车辆，减少冬季交通中断。

南屏区新增12处公共充电站

南屏区今年新建的12处公共充电站日前全部
投入使用，新增快充桩二百四十个，主要分
布在菜市场、医院和老旧小区周边。

据《桐川晚报》

下一步，气象站计划把积雪数据同步到
手机应用，方便司机出行前查询路
况。

据《北岭晨报》
";
    let p = reconstruct(page, jieba());
    assert_eq!(
        stories(&p),
        vec![
            (
                "北岭气象站启用新型测雪雷达",
                vec!["北岭气象站新启用的测雪雷达", "气象站负责人介绍", "下一步"]
            ),
            (
                "南屏区新增12处公共充电站",
                vec!["南屏区今年新建的12处公共充电站日前全部投入使用"]
            ),
        ],
        "{p:#?}"
    );
    assert_eq!(
        titles_and_sources(&p),
        vec![
            ("北岭气象站启用新型测雪雷达", Some("据《北岭晨报》")),
            ("南屏区新增12处公共充电站", Some("据《桐川晚报》")),
        ]
    );
}

#[test]
fn a_story_s_rest_printed_under_another_s_lead_with_its_source_goes_back_to_it() {
    // The charging story's lead, then the weather story's title and lead, then the charging
    // story's rest with its source line (it shares words with its lead, none with the
    // weather story's), then the weather story's last paragraph and source line.
    let page = "\
■城乡速览

南屏区新增12处公共充电站

南屏区今年新建的12处公共充电站日前全部
投入使用，新增快充桩二百四十个，主要分
布在菜市场、医院和老旧小区周边。

北岭气象站启用新
型测雪雷达

北岭气象站新启用的测雪雷
达，可以每十分钟更新一次
积雪深度，精度达到一厘米。

充电站夜间十一点至次日七
点执行低谷电价，快充桩每
度电比白天便宜约三毛钱。
区发改局表示，明年还将在
医院周边增设慢充车位。

据《桐川晚报》

下一步，气象站计划把积雪
数据同步到手机应用，方便
司机出行前查询路况。

据《北岭晨报》
";
    let p = reconstruct(page, jieba());
    assert_eq!(
        stories(&p),
        vec![
            (
                "南屏区新增12处公共充电站",
                vec![
                    "南屏区今年新建的12处公共充电站日前全部投入使用",
                    "充电站夜间十一点至次日七点执行低谷电价"
                ]
            ),
            (
                "北岭气象站启用新型测雪雷达",
                vec!["北岭气象站新启用的测雪雷达", "下一步"]
            ),
        ],
        "{p:#?}"
    );
    assert_eq!(
        titles_and_sources(&p),
        vec![
            ("南屏区新增12处公共充电站", Some("据《桐川晚报》")),
            ("北岭气象站启用新型测雪雷达", Some("据《北岭晨报》")),
        ]
    );
}

#[test]
fn a_title_printed_between_its_lead_and_the_rest_it_was_chained_to_is_its_title() {
    // From a simulated development page: the restorer story's lead, then its title, then the
    // rest. The lead and the rest share enough words to be chained first, so the title
    // stands inside that chain; the lead names it (古籍, 修复师), as a cross-head would not.
    let page = "\
三年前，周建国的女儿周晓从外
地辞职回家，开起了网店，还把
晒酱、翻缸的过程拍成短视频。

没想到，这些朴素的画面吸引了
不少网友。如今，酱园每年通过
网络卖出的酱料超过二十吨，占
到总销量的一半。周晓还设计了
小罐装的礼盒，很受年轻人欢迎。

手艺不能 丢，但 卖法可以
变。

“手艺不能丢，但卖法
可以变。”周建国说，
他最大的心愿是把老祖
宗的方子完整地传下去。
目前，酱园的传统制作
技艺已被列入市级非物
质文化遗产名录。

据《古城晚报》

在省图书馆古籍修复室里，
修复师刘静正俯身在工作
台前，用镊子把一小片补
纸轻轻贴在一页破损的明
代刻本上。这一页书，她
已经修了整整两天。

古籍修复师：与时间赛跑的“书
医”

古籍修复是一项慢工细活。每接
手一部古籍，修复师都要先拍照、
记录破损情况，再根据纸张的颜
色、厚度和纤维特点配补纸。刘
静说，补纸不能比原纸更结实，
否则时间长了反而会拉坏书页。

我们做的，就 是 让这些
书再多活几百年。

馆里目前有待修复的古籍约两
万册，而专职修复师只有六人。
按照现在的进度，这些古籍全
部修完需要几十年。为此，图

书馆近年来与高校合作开设修
复课程，培养年轻人才，并引
进了纸张纤维检测仪等设备，
提高修复效率。

从业二十多年，刘静修复过的
古籍已有一千多册。她说，最
有成就感的时刻，是看到一部
破得几乎无法翻阅的书，在自
己手里重新变得完整。“我们
做的，就是让这些书再多活几
百年。”

据《文化周末》

本版编辑：王芳
";
    let p = reconstruct(page, jieba());
    let story = p
        .articles
        .iter()
        .find(|a| a.paragraphs[0].text.starts_with("在省图书馆古籍修复室里"))
        .expect("the restorer story");
    assert_eq!(story.title, "古籍修复师：与时间赛跑的“书医”", "{p:#?}");
    assert_eq!(story.source.line.as_deref(), Some("据《文化周末》"));
}

#[test]
fn a_headline_wrapped_short_does_not_take_the_next_title_as_its_rest() {
    // The first title's last line is short: it ended there. `元` / `年货节…` reads as the
    // word 元年, which is no reason to join the next story's title to it.
    let page = "\
公积金贷款最高额度上调至八十万
元

自2027年1月1日起，我市住房公积金个人贷款最高
额度由六十万元上调至八十万元。

（来源：鹭洲住房公积金中心）

年货节提前一个月开幕

第十二届年货节12月6日在市国际会展中心开幕，比
往年提前了近一个月，设展位一千二百个。

据《桐川晚报》
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec!["公积金贷款最高额度上调至八十万元", "年货节提前一个月开幕"],
        "{p:#?}"
    );
}

#[test]
fn a_headline_between_two_stories_set_in_one_width_is_the_second_ones_title() {
    // Three stories in columns of one width, the second and third titled by single lines
    // that a cross-head would look like; the texts around each share no words.
    let page = "\
城区新增学位一万二千个

今年秋季学期，鹭洲市新建、改扩建的十四所学
校全部投入使用，城区新增学位一万二千个，全
市平均班额降至四十五人以下。

乡村小学的孩子们第一次走进天文馆

12月3日，青岚县杉木乡中心小学五年级的六十
名学生乘大巴来到市科技馆，在球幕影院看了
一场星空节目。对大多数孩子来说，这是他们第
一次走进天文馆。

公交站台能否加装座椅

我家附近的东湖路公交站每天早上候车的人很
多，其中不少是去医院看病的老人，但站台上
没有一把座椅，希望能在站台加装几把座椅。

——读者 王芳
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec![
            "城区新增学位一万二千个",
            "乡村小学的孩子们第一次走进天文馆",
            "公交站台能否加装座椅"
        ],
        "{p:#?}"
    );
}

#[test]
fn a_cross_head_whose_section_goes_on_with_the_story_stays_a_cross_head() {
    let page = "\
青岚县稻虾共养面积突破五万亩

12月初，青岚县桂溪镇的农户们正在清理稻田环沟，
准备明年投放虾苗。今年，全县稻虾共养面积达到
五万二千亩，比三年前翻了一番。

一田两用 亩均增收两千元

稻虾共养就是在稻田四周挖沟养虾，春季小龙虾上
市后再插秧种稻。县农业农村局测算，一亩稻虾田
比单纯种稻多收入两千元上下。

据《青岚报》
";
    let (titles, p) = titles_of(page);
    assert_eq!(titles, vec!["青岚县稻虾共养面积突破五万亩"], "{p:#?}");
}

#[test]
fn a_headline_under_a_dateline_lead_no_headline_is_printed_over_is_its_title() {
    // pdftotext printed the second story's headline after its lead: a lead opening with a
    // dateline opens a story, so the headline under it is that story's title, not a
    // section of it.
    let page = "\
城西菜市场完成改造重新营业

城西菜市场经过三个月改造，本周一重新营业，
市场内新增了冷链摊位和电子秤。

摊主们说，改造后来买菜的顾客比以前多了不少。

本报讯 南湖公园新建的儿童游乐场本周六开放，
游乐场设有滑梯、秋千和攀爬架。

南湖公园儿童游乐场周六开放

公园管理处提醒家长看护好孩子，游乐场每天
开园前都会检查一遍设施。

据《青岚报》
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec!["城西菜市场完成改造重新营业", "南湖公园儿童游乐场周六开放"],
        "{p:#?}"
    );
    assert_eq!(
        p.articles[1].paragraphs.len(),
        2,
        "the lead and the rest, no cross-head: {p:#?}"
    );
}

#[test]
fn two_headlines_stacked_between_two_untitled_texts_that_share_nothing_are_their_titles() {
    // The first story's title printed under its text, then the second story's over its
    // own: not a section's label and heading, since no title is printed over the first.
    let page = "\
■社区快讯

本周六上午九点，旧书交换会在社区文化广场举行，
居民可以带上家里闲置的图书，以书换书。

旧书交换会周六举行

南港区码头吞吐量创新高

南港区码头前十个月的集装箱吞吐量达到六十万
标准箱，码头吞吐量比去年同期增长一成半。

（来源：南港港务集团）
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec!["旧书交换会周六举行", "南港区码头吞吐量创新高"],
        "{p:#?}"
    );
}

#[test]
fn the_second_of_two_stacked_titles_may_name_its_text_in_other_words() {
    // The second title shares only 桂溪镇, 合作社 and 订单 with its text (茶叶 is 绿茶 and
    // 春茶 there, 出口 is 发往中亚); the first names the text before it in full, and the two
    // texts share nothing.
    let page = "\
12月6日上午9时，旧物交换市集在街道文化
广场举行。居民可带上闲置的图书、玩具和
小家电，以物换物，也可以捐给社区爱心屋。

旧物交换市集本周六举行

桂溪镇茶叶合作社拿到首笔出口订单

桂溪镇云雾茶专业合作社日前与一家外贸公司签订
合同，首批十二吨绿茶将在明年春茶上市后发往中
亚。合作社理事长钟远山说，为了这笔订单，社员
们花了两年时间改用有机肥。

据《鹭洲商报》
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec!["旧物交换市集本周六举行", "桂溪镇茶叶合作社拿到首笔出口订单"],
        "{p:#?}"
    );
}

#[test]
fn a_title_printed_under_the_lead_that_names_it_heads_the_whole_story() {
    // No headline over the lead, which names the headline in full; the text after it names
    // it too (培训班): the story's title printed under its lead, not a cross-head.
    let page = "\
南屏区新增12处公共充电站

南屏区今年新建的12处公共充电站日前全部投入
使用，新增快充桩二百四十个。 据《桐川晚报》

石门县农技推广站12月起开办冬季培训班，
内容包括果树修剪、病虫害防治和农机保养，
共开设十五期。

县农技站开办冬季培训班

培训班设在各乡镇文化站，农闲时节上
课，学员免费参加。 （来源：石门农业农村）
";
    let p = reconstruct(page, jieba());
    assert_eq!(
        stories(&p),
        vec![
            (
                "南屏区新增12处公共充电站",
                vec!["南屏区今年新建的12处公共充电站日前全部投入使用"]
            ),
            (
                "县农技站开办冬季培训班",
                vec![
                    "石门县农技推广站12月起开办冬季培训班",
                    "培训班设在各乡镇文化站"
                ]
            ),
        ],
        "{p:#?}"
    );
}

#[test]
fn a_headline_between_two_texts_that_share_nothing_may_name_its_text_in_other_words() {
    // 社区食堂 is in the text after the second headline, 周末 / 亲子 / 厨房 are not (每周六,
    // 孩子和家长, 厨师): a third of its words. The texts around it share no word.
    let page = "\
降温未影响蔬菜供应

本报讯（通讯员 郑欣）记者从市商务局获悉，寒潮期
间全市蔬菜供应充足，主要品种价格基本平稳。

全市储备的两千吨冬季蔬菜已分批投放到各大农贸
市场。

社区食堂推出周末亲子厨房

每周六上午，社区食堂的厨师带着孩子和家长一起
包饺子、做面点，每期限十组家庭。

（来源：柳湾社区食堂）
";
    let (titles, p) = titles_of(page);
    assert_eq!(
        titles,
        vec!["降温未影响蔬菜供应", "社区食堂推出周末亲子厨房"],
        "{p:#?}"
    );
}

#[test]
fn a_headline_never_goes_on_in_the_lead_under_another_headline() {
    // `…运营季` + `冬日的…` reads 季冬 across the junction, but the block under the second
    // headline is that story's lead, not the rest of the first headline.
    let page = "\
国产大型邮轮完成首个完整运营季

在北港码头的闸口，一辆辆重
型卡车有序进出。这些卡车全
部使用电力驱动。

据《港口信息》

沿海城市试点海水淡化进社区

冬日的清晨，位于城东的海水
淡化厂里机器低鸣，淡化水正
通过新铺设的管网送往附近六
个社区。

据《滨海日报》
";
    let (_, p) = titles_of(page);
    let desalination = p
        .articles
        .iter()
        .find(|a| a.title == "沿海城市试点海水淡化进社区")
        .unwrap_or_else(|| panic!("{p:#?}"));
    assert!(
        desalination.paragraphs[0].text.starts_with("冬日的清晨"),
        "{p:#?}"
    );
    assert!(
        p.articles.iter().all(|a| !a.title.contains("冬日")),
        "{p:#?}"
    );
}
