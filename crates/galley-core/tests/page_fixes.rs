//! Each failure pattern of the text path, fixed as the page view fixes it: by pointing at the
//! original lines (move lines, a line as a title, a paragraph as furniture), each one audited,
//! undoable fix-up. The pages are in `tests/pages/`.

use std::path::PathBuf;

use galley_core::app::import::{ImportOptions, Source};
use galley_core::edit::{Edit, Role as Becomes};
use galley_core::model::{BoxRole, Role};
use galley_core::Workspace;

fn open(page: &str) -> (Workspace, i64) {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.sign_in("版面编辑", Role::Editor).unwrap();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pages")
        .join(page);
    let out = ws
        .import(&[Source::Path(path)], &ImportOptions::default(), |_, _| {})
        .unwrap();
    let digest = out[0].report.as_ref().unwrap().digest_id.unwrap();
    (ws, digest)
}

/// The digest as (title, paragraphs) per article.
fn structure(ws: &Workspace, digest: i64) -> Vec<(String, Vec<String>)> {
    ws.store()
        .articles(digest)
        .unwrap()
        .iter()
        .map(|a| {
            let a = ws.article(a.id).unwrap();
            (a.title, a.paragraphs.into_iter().map(|p| p.text).collect())
        })
        .collect()
}

fn articles(ws: &Workspace, digest: i64) -> Vec<i64> {
    ws.store()
        .articles(digest)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect()
}

/// The number of the original line that reads `text`.
fn line(ws: &Workspace, digest: i64, text: &str) -> usize {
    let layout = ws.page_layout(digest).unwrap();
    layout
        .lines
        .iter()
        .find(|l| l.text.trim() == text)
        .unwrap_or_else(|| panic!("no line {text}"))
        .number
}

fn owned(v: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    v.iter()
        .map(|(t, ps)| (t.to_string(), ps.iter().map(|p| p.to_string()).collect()))
        .collect()
}

#[test]
fn alternating_columns_are_read_apart_and_a_story_left_apart_is_joined_by_moving_its_lines() {
    let (mut ws, digest) = open("alternating.txt");
    let ids = articles(&ws, digest);
    // Read every other line, the sentences go on (库|容, 十八|个小时): two columns. The second
    // column's last paragraph, printed under its title further down, shares one word with
    // it: it is left an article of its own, titled by its first sentence (and flagged).
    let before = structure(&ws, digest);
    assert_eq!(
        before,
        owned(&[
            (
                "西岭水库完成扩容工程",
                &["西岭水库扩容工程日前通过验收，库容由原来的三千万立方米增加到四千五百万立方米，可满足下游六个乡镇的灌溉用水。"],
            ),
            (
                "北湾港新航线今日开通",
                &["北湾港至南屿港的集装箱新航线今日首航，每周往返两班，单程约需十八个小时。港务部门介绍，新航线投入两艘千标箱级货轮。"],
            ),
            (
                "航运公司负责人说",
                &["航运公司负责人说，今年计划在该航线上完成三万标箱的运量。"],
            ),
        ])
    );
    let last = line(
        &ws,
        digest,
        "航运公司负责人说，今年计划在该航线上完成三万标箱的运量。",
    );
    ws.fix(&Edit::MoveLines {
        digest_id: digest,
        lines: vec![last],
        to_article: Some(ids[1]),
    })
    .unwrap();
    let after = structure(&ws, digest);
    assert_eq!(
        after[1],
        (
            "北湾港新航线今日开通".to_owned(),
            vec![
                "北湾港至南屿港的集装箱新航线今日首航，每周往返两班，单程约需十八个小时。港务部门介绍，新航线投入两艘千标箱级货轮。".to_owned(),
                "航运公司负责人说，今年计划在该航线上完成三万标箱的运量。".to_owned(),
            ]
        )
    );
    let layout = ws.page_layout(digest).unwrap();
    assert_eq!(layout.lines[last - 1].article_id, Some(ids[1]));
    ws.undo().unwrap();
    assert_eq!(structure(&ws, digest), before);
}

#[test]
fn letters_signed_on_their_own_lines_are_read_one_by_one_with_their_writers() {
    let (ws, digest) = open("letters.txt");
    let got: Vec<(String, Option<String>)> = articles(&ws, digest)
        .into_iter()
        .map(|id| {
            let a = ws.article(id).unwrap();
            (a.title, a.source.line)
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "感谢社区医生上门服务".to_owned(),
                Some("读者 王芳".to_owned())
            ),
            (
                "建议公交站台加装座椅".to_owned(),
                Some("读者 李明".to_owned())
            ),
            ("夜间施工噪声扰民".to_owned(), Some("读者 赵强".to_owned())),
        ]
    );
}

#[test]
fn a_newsletters_numbered_items_are_articles_titled_without_their_numbers() {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.sign_in("版面编辑", Role::Editor).unwrap();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pages/newsletter.txt");
    let out = ws
        .import(&[Source::Path(path)], &ImportOptions::default(), |_, _| {})
        .unwrap();
    let report = out[0].report.as_ref().unwrap();
    let digest = report.digest_id.unwrap();
    assert_eq!(
        structure(&ws, digest),
        owned(&[
            (
                "图书馆延长期末开放时间",
                &["图书馆自12月10日起延长开放至晚上十一点，考试周期间二十四小时开放自习区。读者可在图书馆网站预约座位，每人每天限约一次。", "详情：https://lib.xichuan.edu.cn/notice/1203"],
            ),
            (
                "第二食堂推出八元午餐套餐",
                &["第二食堂每天中午推出八元套餐，含两荤一素和例汤，每天限量五百份。后勤处表示，套餐菜单每周更换一次，同学们可在公众号留言提出建议。"],
            ),
            (
                "冬季跑步打卡活动开始报名",
                &["体育部主办的冬季跑步打卡活动即日起报名，完成三十次打卡的同学可获得纪念奖牌。", "报名链接：https://sports.xichuan.edu.cn/run"],
            ),
            (
                "校园班车调整发车时间",
                &["下周一起，往返东西校区的班车首班提前到早上六点半，末班延后到晚上十点，高峰时段每十分钟一班。"],
            ),
        ])
    );
    let furniture = &report.furniture;
    for f in [
        "2026年第3期",
        "编辑：校报编辑部 投稿邮箱：news@xichuan.edu.cn",
        "1.",
        "4.",
    ] {
        assert!(furniture.iter().any(|x| x == f), "{f} in {furniture:?}");
    }
}

#[test]
fn letters_read_as_one_article_are_split_at_their_titles_and_signatures_set_aside() {
    let (mut ws, digest) = open("letters-narrow.txt");
    assert_eq!(
        articles(&ws, digest).len(),
        1,
        "the import merged the letters"
    );
    // The first letter's title opens the paragraph: it becomes the article's title, the
    // column label it had is kept as a paragraph and marked furniture.
    let first = line(&ws, digest, "感谢社区医生上门服务");
    ws.fix(&Edit::TitleAtLine {
        digest_id: digest,
        line: first,
    })
    .unwrap();
    for title in ["建议公交站台加装座椅", "夜间施工噪声扰民"] {
        let n = line(&ws, digest, title);
        ws.fix(&Edit::TitleAtLine {
            digest_id: digest,
            line: n,
        })
        .unwrap();
    }
    let signatures = ["王芳", "李明", "赵强"].map(|t| line(&ws, digest, t));
    ws.fix(&Edit::MoveLines {
        digest_id: digest,
        lines: signatures.to_vec(),
        to_article: None,
    })
    .unwrap();
    let label = ws.article(articles(&ws, digest)[0]).unwrap().paragraphs[0].id;
    ws.fix(&Edit::SetRole {
        paragraph_id: label,
        role: Becomes::Furniture,
    })
    .unwrap();
    assert_eq!(
        structure(&ws, digest),
        owned(&[
            ("感谢社区医生上门服务", &["我家老人行动不便，上个月社区卫生服务中心的医生每周上门为他量血压、调整用药，一家人十分感激。"]),
            ("建议公交站台加装座椅", &["家门口的公交站没有座椅，老人候车只能站着。希望有关部门在站台加装几张座椅。"]),
            ("夜间施工噪声扰民", &["最近小区旁的工地常常施工到深夜，噪声很大，影响居民休息，希望有关部门加强管理。"]),
        ])
    );
    let furniture: Vec<String> = ws
        .store()
        .conn()
        .prepare("SELECT text FROM furniture ORDER BY position")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(furniture.contains(&"读者来信".to_owned()), "{furniture:?}");
    assert!(
        furniture.iter().any(|f| f.contains("王芳")),
        "{furniture:?}"
    );
}

#[test]
fn a_title_run_into_its_story_is_made_a_title_again() {
    let (mut ws, digest) = open("shifted.txt");
    let ids = articles(&ws, digest);
    assert_eq!(ids.len(), 2);
    let guessed = ws.article(ids[1]).unwrap();
    assert!(
        guessed.confidence.unwrap() < 0.6,
        "a guessed title is flagged"
    );
    let n = line(&ws, digest, "市民公园新增健身步道");
    let change = ws
        .fix(&Edit::TitleAtLine {
            digest_id: digest,
            line: n,
        })
        .unwrap();
    assert_eq!(change.article_id, Some(ids[1]));
    assert_eq!(
        structure(&ws, digest),
        owned(&[
            (
                "老城区完成雨污分流改造",
                &["老城区雨污分流改造工程近日全部完工，共铺设管网四十二公里，惠及居民三万余户。"]
            ),
            (
                "市民公园新增健身步道",
                &["市民公园新建的环湖健身步道全长三公里，沿途设置了休息座椅和饮水点。"]
            ),
        ]),
        "the guessed title, taken from the text, is not kept as a paragraph"
    );
    let sources: Vec<_> = ids
        .iter()
        .map(|&a| ws.article(a).unwrap().source.line)
        .collect();
    assert_eq!(
        sources,
        [
            Some("据《江城日报》".to_owned()),
            Some("据《江城晚报》".to_owned())
        ]
    );
}

/// The first story's sentence reads whole again, and line `n` of the page is furniture.
fn assert_closed_around_furniture(ws: &Workspace, digest: i64, n: usize) {
    let first = ws.article(articles(ws, digest)[0]).unwrap();
    assert_eq!(
        first.paragraphs[0].text,
        "今年的春季义务植树活动日前启动，全市计划新增绿化面积一千二百亩，组织志愿者约两万人次参加。"
    );
    let layout = ws.page_layout(digest).unwrap();
    assert_eq!(
        layout.lines[n - 1].role,
        Some(galley_core::model::BoxRole::Furniture)
    );
}

#[test]
fn a_page_footer_spliced_into_a_sentence_is_set_aside_on_import() {
    let (ws, digest) = open("footer.txt");
    let n = line(&ws, digest, "第 155 页");
    assert_closed_around_furniture(&ws, digest, n);
}

#[test]
fn a_line_spliced_into_a_sentence_is_set_aside_and_the_sentence_closes() {
    let (mut ws, digest) = open("jump.txt");
    let n = line(&ws, digest, "（下转第2版）");
    ws.fix(&Edit::MoveLines {
        digest_id: digest,
        lines: vec![n],
        to_article: None,
    })
    .unwrap();
    assert_closed_around_furniture(&ws, digest, n);
}

#[test]
fn lines_outside_paragraphs_and_past_the_page_are_refused_and_change_nothing() {
    let (mut ws, digest) = open("jump.txt");
    let before = structure(&ws, digest);
    let title = line(&ws, digest, "春季植树活动启动");
    for edit in [
        Edit::MoveLines {
            digest_id: digest,
            lines: vec![title],
            to_article: None,
        },
        Edit::MoveLines {
            digest_id: digest,
            lines: vec![999],
            to_article: None,
        },
        Edit::TitleAtLine {
            digest_id: digest,
            line: 0,
        },
    ] {
        let err = ws.fix(&edit).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{edit:?}: {err}");
    }
    assert_eq!(structure(&ws, digest), before);
}

#[test]
fn a_reprinted_dailys_pages_are_read_story_by_story_with_their_credits_set_aside() {
    let (ws, digest) = open("reprint.txt");
    let got: Vec<(String, Option<String>, Vec<String>)> = articles(&ws, digest)
        .into_iter()
        .map(|id| {
            let a = ws.article(id).unwrap();
            let kinds = a
                .paragraphs
                .iter()
                .map(|p| format!("{:?}", p.kind))
                .collect();
            (a.title, a.source.line, kinds)
        })
        .collect();
    let edition = |page: &str| Some(format!("《城东日报》（2026年3月2日 第 {page} 版）"));
    let kinds = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            // A title with a comma over a byline whose names are printed apart; two stacked
            // cross-heads, the first under the last sentence; a closing credit in brackets
            // over two blocks that ends the story.
            (
                "城东新区建成首座智慧公园，市民晨练可查看实时空气指数".to_owned(),
                edition("01"),
                kinds(&["Lead", "Body", "Heading", "Heading", "Body", "Body"]),
            ),
            // A title wrapped over two lines right over its edition line; a dateline set apart
            // from its lead's first words, which are set apart from the rest.
            (
                "河西镇完成农村公路提档升级改造工程".to_owned(),
                edition("02"),
                kinds(&["Lead", "Body"]),
            ),
            // The writer's name under the title, not part of it.
            (
                "春耕时节话农机".to_owned(),
                edition("02"),
                kinds(&["Lead", "Body"]),
            ),
        ]
    );
    let a = ws.article(articles(&ws, digest)[1]).unwrap();
    assert!(a.paragraphs[0]
        .text
        .starts_with("新华社城东3月1日电河西镇十二条农村公路近日完成提档升级改造"));
    let layout = ws.page_layout(digest).unwrap();
    for name in ["本报记者", "周", "敏", "郑秋实"] {
        let l = layout.lines.iter().find(|l| l.text.trim() == name).unwrap();
        assert_eq!(l.role, Some(BoxRole::Furniture), "{name} is set aside");
    }
}
