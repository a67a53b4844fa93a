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
    assert_eq!(report.date.as_deref(), Some("2023-06"));
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
}
