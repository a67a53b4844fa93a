//! The bundled sample digest page, so a new installation is never empty.

/// File name the sample is stored under.
pub const SAMPLE_FILE: &str = "tmt-digest-2023-06.txt";

/// A real PDF-extracted digest page (TMT news, June 2023).
pub const SAMPLE_TEXT: &str = include_str!("../assets/tmt-digest-2023-06.txt");

/// The sample as an import input.
pub fn input() -> crate::import::Input<'static> {
    crate::import::Input {
        what: format!("sample page {SAMPLE_FILE}"),
        source_file: Some(SAMPLE_FILE.to_owned()),
        bytes: SAMPLE_TEXT.as_bytes(),
    }
}
