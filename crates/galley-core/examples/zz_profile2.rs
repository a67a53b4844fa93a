fn main() {
    let page = include_str!("../assets/tmt-digest-2023-06.txt");
    let jieba = galley_core::language::segmenter();
    let t = std::time::Instant::now();
    for _ in 0..3000 {
        std::hint::black_box(galley_core::import::parse(page, &jieba));
    }
    eprintln!("{:.3} ms/parse", t.elapsed().as_secs_f64() / 3.0);
}
