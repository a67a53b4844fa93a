use galley_core::import::{import, Input, Options};
use std::time::Instant;
fn main() {
    let page = include_str!("../assets/tmt-digest-2023-06.txt");
    let jieba = galley_core::language::segmenter();
    let opts = Options {
        actor: "b".into(),
        ..Options::default()
    };
    for file in [false] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = if file {
            galley_core::Store::open(&dir.path().join("x.db")).unwrap()
        } else {
            galley_core::Store::open_in_memory().unwrap()
        };
        let n = 200;
        let t = Instant::now();
        for i in 0..n {
            let p = format!("第{i}版\n{page}");
            let input = Input {
                what: "x".into(),
                source_file: Some(format!("p{i}.txt")),
                bytes: p.as_bytes(),
            };
            import(&mut store, &jieba, &input, &opts).unwrap();
        }
        let per = t.elapsed().as_secs_f64() / n as f64;
        println!(
            "file={file}: {:.2} ms/page, {:.1} MB/s",
            per * 1e3,
            page.len() as f64 / 1e6 / per
        );
    }
}
