//! The import's test part: pages kept apart from the development corpus (`tests/pdf/heldout/`).
//! Their sources were written by a writer who saw none of the importer's rules, in the
//! layouts `tests/pdf/make.py` sets (its knobs only), and printed by the three engines; the
//! rules were never tuned on them. This prints their scores on both paths, the figures to
//! quote, and fails only where nothing may give: a page that cannot be read, or characters
//! the PDF path loses beyond the 0.5 %.
//!
//! `cargo test -p galley-core --test heldout_pages -- --nocapture`

mod common;

use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pdf/heldout");

#[test]
fn held_out_pages_score_on_both_paths() {
    common::sets::score_set(Path::new(DIR), "held-out", 12);
}
