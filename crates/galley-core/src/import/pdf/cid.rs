//! The text of CID-keyed fonts embedded without a ToUnicode map.
//!
//! XeLaTeX (ctex with its Fandol fonts) embeds OpenType CFF fonts as CID fonts of Adobe's
//! Chinese character collections, encoded Identity-H, and often gives them no ToUnicode map:
//! a character code is then a CID of the collection, and its text is found in Adobe's own
//! CID-to-Unicode map of the collection (PDF 32000-1, 9.10.2). `pdf-extract` gives no text
//! for such glyphs; [`super::fonts`] decodes their strings with [`Collection::text`].

use std::collections::HashMap;
use std::sync::OnceLock;

use pdf_extract::{Dictionary, Document, Object};

/// An Adobe character collection whose CIDs map to Unicode (Registry `Adobe`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    /// Adobe-GB1: Simplified Chinese.
    Gb1,
    /// Adobe-CNS1: Traditional Chinese.
    Cns1,
}

/// Adobe's maps, BSD-3-Clause (see `assets/README.md`).
const GB1_UCS2: &[u8] = include_bytes!("../../../assets/cmaps/Adobe-GB1-UCS2");
const CNS1_UCS2: &[u8] = include_bytes!("../../../assets/cmaps/Adobe-CNS1-UCS2");

impl Collection {
    /// The collection a CIDSystemInfo names (`Adobe`, `GB1`), if one is known.
    fn named(registry: &[u8], ordering: &[u8]) -> Option<Collection> {
        match (registry, ordering) {
            (b"Adobe", b"GB1") => Some(Collection::Gb1),
            (b"Adobe", b"CNS1") => Some(Collection::Cns1),
            _ => None,
        }
    }

    /// The text of one CID (empty when the collection has none for it).
    pub fn text(self, cid: u32) -> String {
        self.map().get(&cid).cloned().unwrap_or_default()
    }

    /// The collection's map, read once.
    fn map(self) -> &'static HashMap<u32, String> {
        static GB1: OnceLock<HashMap<u32, String>> = OnceLock::new();
        static CNS1: OnceLock<HashMap<u32, String>> = OnceLock::new();
        match self {
            Collection::Gb1 => GB1.get_or_init(|| parse(GB1_UCS2)),
            Collection::Cns1 => CNS1.get_or_init(|| parse(CNS1_UCS2)),
        }
    }
}

/// A CMap of `bfchar`/`bfrange` entries (UTF-16BE targets) as CID → text.
fn parse(cmap: &[u8]) -> HashMap<u32, String> {
    let raw = adobe_cmap_parser::get_unicode_map(cmap).unwrap_or_default();
    raw.into_iter()
        .filter_map(|(cid, be)| {
            let units: Vec<u16> = be
                .chunks_exact(2)
                .map(|u| u16::from_be_bytes([u[0], u[1]]))
                .collect();
            String::from_utf16(&units).ok().map(|t| (cid, t))
        })
        .collect()
}

/// The collection whose CIDs a font's codes are, when its text must come from there: a Type0
/// font encoded Identity-H or Identity-V (code = CID) with no ToUnicode map, whose CIDFont
/// names an Adobe Chinese collection.
pub fn font_collection(doc: &Document, font: &Dictionary) -> Option<Collection> {
    let name = |d: &Dictionary, key: &[u8]| -> Option<Vec<u8>> {
        resolve(doc, d.get(key).ok()?)?
            .as_name()
            .ok()
            .map(<[u8]>::to_vec)
    };
    if name(font, b"Subtype")? != b"Type0" || font.get(b"ToUnicode").is_ok() {
        return None;
    }
    if !matches!(
        name(font, b"Encoding")?.as_slice(),
        b"Identity-H" | b"Identity-V"
    ) {
        return None;
    }
    let descendants = resolve(doc, font.get(b"DescendantFonts").ok()?)?
        .as_array()
        .ok()?;
    let cid_font = resolve(doc, descendants.first()?)?.as_dict().ok()?;
    let info = resolve(doc, cid_font.get(b"CIDSystemInfo").ok()?)?
        .as_dict()
        .ok()?;
    let string = |key: &[u8]| -> Option<Vec<u8>> {
        resolve(doc, info.get(key).ok()?)?
            .as_str()
            .ok()
            .map(<[u8]>::to_vec)
    };
    Collection::named(&string(b"Registry")?, &string(b"Ordering")?)
}

/// An object, followed through references.
fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

/// The text of each glyph of a string shown in a font of `collection`: two bytes a code.
pub fn decode(collection: Collection, bytes: &[u8]) -> Vec<String> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [hi, lo] => collection.text(u32::from(u16::from_be_bytes([*hi, *lo]))),
            _ => String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Collection;

    #[test]
    fn cids_of_the_chinese_collections_read_as_text() {
        // Adobe-GB1 CID 4559 is 中 and 1875 is 国; CNS1 CID 661 is 中 and 2615 is 國.
        let gb1: String = [4559, 1875].map(|c| Collection::Gb1.text(c)).concat();
        assert_eq!(gb1, "中国");
        assert_eq!(Collection::Gb1.text(1), " ");
        assert_eq!(Collection::Gb1.text(99_999), "");
        let cns1: String = [661, 2615].map(|c| Collection::Cns1.text(c)).concat();
        assert_eq!(cns1, "中國");
    }
}
