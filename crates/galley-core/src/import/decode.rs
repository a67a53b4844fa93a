//! Bytes to text: BOM, UTF-8, or a detected legacy encoding; binary data is refused.

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use crate::{Error, Result};

/// Decodes `bytes` to text. `forced` names an encoding (WHATWG label, e.g. `gbk`, `big5`,
/// `utf-16le`) that overrides detection. Line ends are normalised to `\n`. A few stray
/// control characters are dropped with a warning; binary data is refused.
pub fn decode(bytes: &[u8], what: &str, forced: Option<&str>) -> Result<Decoded> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { what: what.into() });
    }
    let (encoding, body) = match forced {
        Some(label) => {
            let enc = Encoding::for_label(label.trim().as_bytes())
                .ok_or_else(|| Error::Invalid(format!("unknown encoding {label:?}")))?;
            let bom = Encoding::for_bom(bytes)
                .filter(|(e, _)| *e == enc)
                .map_or(0, |(_, n)| n);
            (enc, &bytes[bom..])
        }
        None => match Encoding::for_bom(bytes) {
            Some((enc, n)) => (enc, &bytes[n..]),
            None => {
                if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                    return Err(Error::NotText {
                        what: what.into(),
                        offset,
                    });
                }
                match std::str::from_utf8(bytes) {
                    Ok(_) => (UTF_8, bytes),
                    Err(e) if mostly_utf8(bytes) => {
                        return Err(Error::Undecodable {
                            what: what.into(),
                            encoding: UTF_8.name().into(),
                            offset: e.valid_up_to(),
                        })
                    }
                    Err(_) => {
                        let mut det = chardetng::EncodingDetector::new();
                        det.feed(bytes, true);
                        (det.guess(None, true), bytes)
                    }
                }
            }
        },
    };
    let header = bytes.len() - body.len();
    let text = decode_strict(encoding, body).map_err(|offset| Error::Undecodable {
        what: what.into(),
        encoding: encoding.name().into(),
        offset: offset + header,
    })?;
    let (text, warnings) = drop_stray_controls(text).map_err(|pos| Error::NotText {
        what: what.into(),
        offset: header + encoded_len(encoding, &pos),
    })?;
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(Error::Empty { what: what.into() });
    }
    Ok(Decoded { text, warnings })
}

/// Decoded text, and what was dropped from it.
#[derive(Debug)]
pub struct Decoded {
    /// The text, line ends normalised to `\n`.
    pub text: String,
    /// One line per control character dropped (line and column), at most a few and a count.
    pub warnings: Vec<String>,
}

/// At most one stray control character in this many characters is dropped; more is binary.
const CHARS_PER_STRAY: usize = 200;
/// Stray characters named one by one in the warnings; the rest are counted.
const NAMED_STRAYS: usize = 5;

fn is_stray(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')
}

/// Drops the stray control characters of a text file (a DEL or an escape pasted into one
/// article), with a warning naming each one's line and column. A text with more of them than
/// one in [`CHARS_PER_STRAY`] characters is binary data: `Err` with the text before the first.
fn drop_stray_controls(text: String) -> std::result::Result<(String, Vec<String>), String> {
    let Some(first) = text.find(is_stray) else {
        return Ok((text, Vec::new()));
    };
    let strays = text.chars().filter(|&c| is_stray(c)).count();
    if strays * CHARS_PER_STRAY > text.chars().count() {
        return Err(text[..first].to_owned());
    }
    let mut warnings = Vec::new();
    let mut kept = String::with_capacity(text.len());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        for (col, c) in line.chars().enumerate() {
            if !is_stray(c) {
                kept.push(c);
            } else if warnings.len() < NAMED_STRAYS {
                warnings.push(format!(
                    "control character U+{:04X} dropped at line {}, column {}",
                    c as u32,
                    n + 1,
                    col + 1
                ));
            }
        }
    }
    if strays > NAMED_STRAYS {
        warnings.push(format!(
            "{} more control characters dropped",
            strays - NAMED_STRAYS
        ));
    }
    Ok((kept, warnings))
}

/// Whether text that is not valid UTF-8 is UTF-8 with a few bad bytes (not a legacy encoding):
/// at most one malformed sequence in 50 multi-byte characters.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (text, _) = UTF_8.decode_without_bom_handling(bytes);
    let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
    let good = text
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
        .count();
    bad * 50 <= good
}

/// How many bytes `text` took in `encoding`: the byte offset of what follows it.
fn encoded_len(encoding: &'static Encoding, text: &str) -> usize {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        text.encode_utf16().count() * 2
    } else {
        encoding.encode(text).0.len()
    }
}

/// Decodes without replacement; on malformed input returns the byte offset of the bad bytes.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> std::result::Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, after) => Err(read - bad as usize - after as usize),
        DecoderResult::OutputFull => unreachable!("buffer sized for the whole input"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "我国首次高压力纯氢管道试验成功\n据科创板日报";

    #[test]
    fn utf8_with_and_without_bom_and_crlf() {
        assert_eq!(decode(TEXT.as_bytes(), "t", None).unwrap().text, TEXT);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(TEXT.replace('\n', "\r\n").as_bytes());
        assert_eq!(decode(&bom, "t", None).unwrap().text, TEXT);
    }

    #[test]
    fn utf16_with_bom() {
        for (bom, be) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
            let mut bytes = bom.to_vec();
            for u in TEXT.encode_utf16() {
                bytes.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            assert_eq!(decode(&bytes, "t", None).unwrap().text, TEXT);
        }
    }

    #[test]
    fn gbk_and_big5_are_detected() {
        let long = TEXT.repeat(4);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        assert_eq!(decode(&gbk, "t", None).unwrap().text, long);
        let trad = "我國首次高壓力純氫管道試驗成功，據科創板日報報導。".repeat(4);
        let (big5, _, _) = encoding_rs::BIG5.encode(&trad);
        assert_eq!(decode(&big5, "t", None).unwrap().text, trad);
        assert_eq!(decode(&big5, "t", Some("big5")).unwrap().text, trad);
    }

    #[test]
    fn empty_binary_and_undecodable_input_are_refused() {
        assert!(matches!(decode(b"", "t", None), Err(Error::Empty { .. })));
        assert!(matches!(
            decode(b" \n\n ", "t", None),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0", "t", None),
            Err(Error::NotText { offset: 8, .. })
        ));
        let mut bad = "试验成功".as_bytes().to_vec();
        bad.extend_from_slice(b"\xFF\xFE\xFD");
        let err = decode(&bad, "t", Some("utf-8")).unwrap_err();
        assert!(
            matches!(err, Error::Undecodable { offset: 12, .. }),
            "{err:?}"
        );
        assert!(matches!(
            decode(TEXT.as_bytes(), "t", Some("klingon")),
            Err(Error::Invalid(_))
        ));
    }

    #[test]
    fn a_bad_byte_late_in_utf8_text_is_reported_at_its_real_byte_offset() {
        let mut bytes = "我国首次高压力纯氢管道试验成功，据科创板日报。\n"
            .repeat(200)
            .into_bytes();
        bytes.truncate(8260); // 118 whole lines of 70 bytes
        bytes.resize(8294, b'a');
        bytes.push(0xFF);
        bytes.extend_from_slice("更多文字。\n".as_bytes());
        let err = decode(&bytes, "t", None).unwrap_err();
        assert!(
            matches!(&err, Error::Undecodable { offset: 8294, encoding, .. } if encoding == "UTF-8"),
            "{err:?}"
        );
        assert!(err.to_string().contains("byte 8294"), "{err}");
    }

    #[test]
    fn control_characters_are_reported_at_their_byte_offset_in_the_input() {
        // UTF-8: 试验 is 6 bytes, then BEL.
        let err = decode("试验\u{7}成功".as_bytes(), "t", None).unwrap_err();
        assert!(matches!(err, Error::NotText { offset: 6, .. }), "{err:?}");
        // UTF-16LE with its BOM: 2 + 2 × 2 bytes before the BEL.
        let mut bytes = vec![0xFF, 0xFE];
        for u in "试验\u{7}成功".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let err = decode(&bytes, "t", None).unwrap_err();
        assert!(matches!(err, Error::NotText { offset: 6, .. }), "{err:?}");
        // GBK (forced): two bytes a character.
        let (gbk, _, _) = encoding_rs::GBK.encode("试验成功\u{7}");
        let err = decode(&gbk, "t", Some("gbk")).unwrap_err();
        assert!(matches!(err, Error::NotText { offset: 8, .. }), "{err:?}");
    }

    #[test]
    fn a_few_stray_control_characters_are_dropped_and_named_by_line_and_column() {
        let mut text = String::new();
        for i in 0..1000 {
            text.push_str(&format!(
                "{{\"title\": \"第{i}篇\", \"body\": \"氢能管道试验成功。\"}}\n"
            ));
        }
        let line_501 = text.lines().nth(500).unwrap().to_owned();
        let with_del = line_501.replacen("氢能", "氢\u{7f}能", 1);
        let text = text.replacen(&line_501, &with_del, 1);
        let decoded = decode(text.as_bytes(), "t", None).unwrap();
        assert!(!decoded.text.contains('\u{7f}'));
        assert!(
            decoded.text.contains(&line_501),
            "the rest of the line is kept"
        );
        let col = with_del.chars().position(|c| c == '\u{7f}').unwrap() + 1;
        assert_eq!(
            decoded.warnings,
            [format!(
                "control character U+007F dropped at line 501, column {col}"
            )]
        );
        // Many of them: the rest are counted, not listed.
        let text: String = text
            .lines()
            .enumerate()
            .map(|(i, l)| match i % 20 {
                0 => format!("{}\n", l.replace('。', "。\u{1b}")),
                _ => format!("{l}\n"),
            })
            .collect();
        let decoded = decode(text.as_bytes(), "t", None).unwrap();
        assert_eq!(decoded.warnings.len(), 6, "{:?}", decoded.warnings);
        assert_eq!(decoded.warnings[5], "46 more control characters dropped");
    }

    #[test]
    fn text_thick_with_control_characters_is_binary() {
        let bytes: Vec<u8> = (0..400)
            .map(|i| if i % 3 == 0 { 0x7f } else { b'a' })
            .collect();
        let err = decode(&bytes, "t", None).unwrap_err();
        assert!(matches!(err, Error::NotText { offset: 0, .. }), "{err:?}");
    }
}
