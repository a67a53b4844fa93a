use super::*;
use crate::language::segmenter;
use std::sync::OnceLock;

fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(segmenter)
}

fn opts() -> Options {
    Options {
        actor: "test".into(),
        ..Options::default()
    }
}

#[test]
fn imports_the_sample_page_in_one_digest() {
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, jieba(), &crate::sample::input(), &opts()).unwrap();
    assert_eq!(report.status, Status::Imported);
    assert_eq!(report.name, "tmt-digest-2023-06");
    assert_eq!(
        report.date.map(|d| d.to_string()).as_deref(),
        Some("2023-06")
    );
    let digests = store.digests().unwrap();
    assert_eq!(digests.len(), 1);
    assert_eq!(
        digests[0].source_file.as_deref(),
        Some("tmt-digest-2023-06.txt")
    );
    assert!(digests[0].article_count >= 1);
    let articles = store.articles(digests[0].id).unwrap();
    let text: String = articles
        .iter()
        .flat_map(|a| store.article(a.id).unwrap().paragraphs)
        .map(|p| p.text)
        .collect();
    assert!(text.contains("北京智源"), "page text is stored");
    // The import is in the audit log and the search index.
    let log = audit::recent(store.conn(), 10).unwrap();
    assert_eq!(log[0].action, "import");
    assert_eq!(log[0].actor, "test");
    let hits = search::search(store.conn(), jieba(), "纯氢管道", 10).unwrap();
    assert!(!hits.is_empty());
}

#[test]
fn importing_the_same_text_twice_stores_it_once_and_says_so() {
    let mut store = Store::open_in_memory().unwrap();
    let first = import(&mut store, jieba(), &crate::sample::input(), &opts()).unwrap();
    // Same text, other encoding and file name: still the same digest.
    let (gbk, _, _) = encoding_rs::GB18030.encode(crate::sample::SAMPLE_TEXT);
    let again = Input {
        what: "copy.txt".into(),
        source_file: Some("copy.txt".into()),
        bytes: &gbk,
    };
    let second = import(&mut store, jieba(), &again, &opts()).unwrap();
    assert_eq!(second.status, Status::AlreadyImported);
    assert_eq!(second.digest_id, first.digest_id);
    assert!(second.warnings[0].contains("already imported"));
    assert_eq!(store.digests().unwrap().len(), 1);
}

#[test]
fn zero_width_characters_and_normalisation_do_not_defeat_the_dedupe() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "# 标题\n\n咖啡馆（Caf\u{E9}）价格上涨。\n";
    let first = import(
        &mut store,
        jieba(),
        &named("a.md", text.as_bytes()),
        &opts(),
    )
    .unwrap();
    let disguised = "# 标\u{200B}题\n\n咖啡馆（Cafe\u{301}\u{200C}\u{FEFF}）价格\u{2060}上涨。\n";
    let again = import(
        &mut store,
        jieba(),
        &named("b.md", disguised.as_bytes()),
        &opts(),
    )
    .unwrap();
    assert_eq!(again.status, Status::AlreadyImported);
    assert_eq!(again.digest_id, first.digest_id);
    assert_eq!(store.digests().unwrap().len(), 1);
}

#[test]
fn dry_run_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let o = Options {
        dry_run: true,
        ..opts()
    };
    let report = import(&mut store, jieba(), &crate::sample::input(), &o).unwrap();
    assert_eq!(report.status, Status::DryRun);
    assert!(!report.articles.is_empty());
    assert!(store.is_empty().unwrap());
}

#[test]
fn bad_input_is_refused_and_nothing_is_stored() {
    let mut store = Store::open_in_memory().unwrap();
    for (bytes, code) in [
        (&b""[..], "empty_input"),
        (&b"\x00\x01\x02binary"[..], "not_text"),
        (&b"\xe4\xb8\xad\xe6\x96"[..], "undecodable"),
        (&b"...\n\n,,,"[..], "no_articles"),
    ] {
        let input = Input {
            what: "bad".into(),
            source_file: None,
            bytes,
        };
        let o = Options {
            encoding: (code == "undecodable").then(|| "utf-8".into()),
            ..opts()
        };
        let err = import(&mut store, jieba(), &input, &o).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
    }
    assert!(store.is_empty().unwrap());
}

#[test]
fn a_missing_file_is_a_read_error() {
    let mut store = Store::open_in_memory().unwrap();
    let err =
        import_file(&mut store, jieba(), Path::new("/no/such/page.txt"), &opts()).unwrap_err();
    assert!(matches!(err, Error::Read { .. }));
}

#[test]
fn finds_dates_in_file_names() {
    assert_eq!(
        date_in_name("tmt-digest-2023-06.txt").as_deref(),
        Some("2023-06")
    );
    assert_eq!(
        date_in_name("page_2024-01-31.txt").as_deref(),
        Some("2024-01-31")
    );
    assert_eq!(date_in_name("2024-13.txt"), None);
    assert_eq!(date_in_name("12023-06.txt"), None);
    assert_eq!(date_in_name("page.txt"), None);
    assert_eq!(
        date_in_name("rmrb_20251020.pdf").as_deref(),
        Some("2025-10-20")
    );
    assert_eq!(date_in_name("scan-20251340.pdf"), None, "no 13th month");
    assert_eq!(date_in_name("id-120251020.pdf"), None, "nine digits");
}

fn named<'a>(name: &str, bytes: &'a [u8]) -> Input<'a> {
    Input {
        what: name.into(),
        source_file: Some(name.into()),
        bytes,
    }
}

#[test]
fn markdown_json_and_jsonl_inputs_by_extension_and_by_sniffing() {
    let mut store = Store::open_in_memory().unwrap();
    let md = "# 第一篇\n\n导语一。\n\n正文一。\n\n据新华社\n\n# 第二篇\n\n正文二。\n";
    let r = import(&mut store, jieba(), &named("a.md", md.as_bytes()), &opts()).unwrap();
    assert_eq!(r.format, Some(InputFormat::Markdown));
    assert_eq!(r.articles.len(), 2);
    assert_eq!(r.articles[0].source.outlets, vec!["新华社"]);

    let json = r#"[{"title": "甲文", "body": "甲。\n\n乙。"}]"#;
    let r = import(
        &mut store,
        jieba(),
        &named("b.json", json.as_bytes()),
        &opts(),
    )
    .unwrap();
    assert_eq!(
        (r.format, r.articles[0].paragraphs),
        (Some(InputFormat::Json), 2)
    );

    let jsonl =
        "{\"title\": \"一\", \"body\": \"一。\"}\n{\"title\": \"二\", \"body\": \"二。\"}\n";
    let stdin = Input {
        what: "standard input".into(),
        source_file: None,
        bytes: jsonl.as_bytes(),
    };
    let r = import(&mut store, jieba(), &stdin, &opts()).unwrap();
    assert_eq!((r.format, r.articles.len()), (Some(InputFormat::Jsonl), 2));

    // An explicit format wins over the extension.
    let o = Options {
        format: Some(InputFormat::Markdown),
        ..opts()
    };
    let r = import(
        &mut store,
        jieba(),
        &named("c.txt", "# 标题\n\n正文。\n".as_bytes()),
        &o,
    )
    .unwrap();
    assert_eq!(r.articles[0].title, "标题");

    // Stored articles read back with their roles; furniture of pages is kept with the digest.
    let stored = store.article(r.articles[0].id.unwrap()).unwrap();
    assert_eq!(stored.paragraphs[0].kind, crate::model::ParagraphKind::Lead);
    let sample = import(&mut store, jieba(), &crate::sample::input(), &opts()).unwrap();
    let furn = furniture::list(store.conn(), sample.digest_id.unwrap()).unwrap();
    assert_eq!(
        furn.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(),
        vec!["■TMT快报"]
    );
}

#[test]
fn gigantic_lines_huge_and_truncated_inputs_are_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let long = "长".repeat(MAX_LINE_CHARS + 1);
    let err = import(
        &mut store,
        jieba(),
        &named("long.txt", long.as_bytes()),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "too_large");
    assert!(
        err.to_string().contains("line 1 has 20001 characters"),
        "{err}"
    );

    let huge = vec![b'a'; MAX_INPUT_BYTES + 1];
    assert_eq!(
        import(&mut store, jieba(), &named("huge.txt", &huge), &opts())
            .unwrap_err()
            .code(),
        "too_large"
    );

    // A UTF-8 file cut in the middle of a character.
    let text = crate::sample::SAMPLE_TEXT;
    let (last_cjk, _) = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.len_utf8() == 3)
        .unwrap();
    let cut = &text.as_bytes()[..last_cjk + 1];
    let o = Options {
        encoding: Some("utf-8".into()),
        ..opts()
    };
    let err = import(&mut store, jieba(), &named("cut.txt", cut), &o).unwrap_err();
    assert_eq!(err.code(), "undecodable", "{err}");

    // JSON cut short.
    let err = import(
        &mut store,
        jieba(),
        &named("cut.json", br#"[{"title": "a", "bo"#),
        &opts(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("truncated"), "{err}");
    assert!(store.is_empty().unwrap());
}

#[test]
fn import_stream_keeps_order_reports_each_failure_and_goes_on() {
    let mut store = Store::open_in_memory().unwrap();
    let page = |n: usize| OwnedInput {
        what: format!("p{n}.md"),
        source_file: Some(format!("p{n}.md")),
        bytes: format!("# 标题{n}\n\n正文{n}。\n").into_bytes(),
    };
    let inputs = vec![
        ("p0.md".to_owned(), Ok(page(0))),
        (
            "missing.txt".to_owned(),
            OwnedInput::read(Path::new("/no/such/file.txt")),
        ),
        ("p1.md".to_owned(), Ok(page(1))),
        ("p0-again.md".to_owned(), Ok(page(0))),
    ];
    let mut seen = Vec::new();
    import_stream(
        &mut store,
        jieba(),
        inputs.into_iter(),
        &opts(),
        |what, r| {
            seen.push((what.to_owned(), r.map(|r| r.status).map_err(|e| e.code())));
        },
    );
    assert_eq!(
        seen,
        vec![
            ("p0.md".to_owned(), Ok(Status::Imported)),
            ("missing.txt".to_owned(), Err("read_failed")),
            ("p1.md".to_owned(), Ok(Status::Imported)),
            ("p0-again.md".to_owned(), Ok(Status::AlreadyImported)),
        ]
    );
    assert_eq!(store.digests().unwrap().len(), 2);
}
