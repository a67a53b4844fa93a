//! Any bytes as a newspaper page's extracted text: decoded, rebuilt into articles, cleaned.
//! Errors are fine; a panic, a hang or a blown memory limit is a bug.
#![no_main]

use std::sync::OnceLock;

use galley_core::import::{prepare, Input, InputFormat, Options};
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
        format: Some(InputFormat::Page),
        dry_run: true,
        ..Options::default()
    };
    let _ = prepare(jieba(), &input, &opts);
});
