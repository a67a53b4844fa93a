//! Any bytes as a PDF: read, laid out, rebuilt into articles. Errors are fine; a panic that
//! escapes Galley, a hang or a blown memory limit is a bug. (Galley reads PDFs under
//! `catch_unwind`, as the PDF crate can panic on broken files: such a panic is a handled error,
//! so the default hook's abort is replaced; one that escapes still fails the run.)
#![no_main]

use std::sync::{Once, OnceLock};

use galley_core::import::{prepare, Input, InputFormat, Options};
use libfuzzer_sys::fuzz_target;

fn jieba() -> &'static jieba_rs::Jieba {
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(galley_core::language::segmenter)
}

fuzz_target!(|data: &[u8]| {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let input = Input {
        what: "fuzz.pdf".into(),
        source_file: Some("fuzz.pdf".into()),
        bytes: data,
    };
    let opts = Options {
        format: Some(InputFormat::Pdf),
        dry_run: true,
        ..Options::default()
    };
    let _ = prepare(jieba(), &input, &opts);
});
