//! Any bytes as an interchange file, its format sniffed from the text: Markdown, JSON, JSON
//! Lines, Label Studio and doccano exports. Errors are fine; a panic or a hang is a bug.
#![no_main]

use std::sync::OnceLock;

use galley_core::import::{prepare, Input, Options};
use libfuzzer_sys::fuzz_target;

fn jieba() -> &'static jieba_rs::Jieba {
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(galley_core::language::segmenter)
}

fuzz_target!(|data: &[u8]| {
    let input = Input {
        what: "fuzz".into(),
        source_file: None,
        bytes: data,
    };
    let opts = Options {
        dry_run: true,
        ..Options::default()
    };
    let _ = prepare(jieba(), &input, &opts);
});
