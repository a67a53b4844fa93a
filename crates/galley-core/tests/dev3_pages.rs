//! A third development set of pages (`tests/pdf/dev3/`): six pages whose text was invented
//! for Galley's tests, laid out by `tests/pdf/make.py` from `tests/pdf/dev3/src/*.json` and
//! printed by LibreOffice and Chromium (`sh tests/pdf/dev3/make.sh`). Unlike the test part
//! (`tests/heldout_pages.rs`), rules may be written against them. This prints their scores on
//! both paths (the PDF path, and the text path over `dev3/text/*.txt`, with each article's
//! confidence and whether it is right), and fails only where nothing may give: a page that
//! cannot be read, or characters the PDF path loses beyond the 0.5 %.
//!
//! `cargo test -p galley-core --test dev3_pages -- --nocapture`

mod common;

use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pdf/dev3");

#[test]
fn dev3_pages_score_on_both_paths() {
    common::sets::score_set(Path::new(DIR), "dev3", 12);
}
