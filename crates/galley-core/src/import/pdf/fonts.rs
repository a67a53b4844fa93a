//! What `pdf-extract` does not say of a glyph's font: whether it is bold, from the font names
//! (`…-Bold`, `…Heavy`, `…Black`), and the text of fonts with no ToUnicode map whose codes
//! are CIDs of a Chinese character collection (see [`super::cid`]).
//!
//! The page's content stream is read once more with `lopdf`: each text-showing string (`Tj`,
//! each string of `TJ`: the units `pdf-extract` opens a word for) gets the font current at
//! that point (`Tf`, saved and restored by `q`/`Q`). A page that draws text from a form
//! XObject (`Do`) is not followed: no glyph on it is taken as bold.

use std::collections::HashMap;

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::cid::{self, Collection};

/// What the content stream says of one text-showing string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    /// Its font's name says bold.
    pub bold: bool,
    /// The text of each of its glyphs, when its font's text comes from a character
    /// collection rather than from the font (`pdf-extract` gives none).
    pub texts: Option<Vec<String>>,
}

/// What matters of a font here.
#[derive(Debug, Clone, Copy, Default)]
struct Face {
    bold: bool,
    collection: Option<Collection>,
}

/// Each text-showing string of the page, in order; `None` when the page cannot be followed.
pub fn shown_strings(doc: &Document, page: ObjectId) -> Option<Vec<Shown>> {
    let fonts = doc.get_page_fonts(page).ok()?;
    let content = Content::decode(&doc.get_page_content(page).ok()?).ok()?;
    let mut faces: HashMap<&[u8], Face> = HashMap::new();
    let mut out = Vec::new();
    let mut current = Face::default();
    let mut saved = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "q" => saved.push(current),
            "Q" => current = saved.pop().unwrap_or_default(),
            "Tf" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok())?;
                current = *faces
                    .entry(name)
                    .or_insert_with(|| fonts.get(name).map_or(Face::default(), |f| face(doc, f)));
            }
            "Tj" => out.extend(op.operands.first().map(|s| shown(current, s))),
            "TJ" => {
                if let Some(Object::Array(items)) = op.operands.first() {
                    let strings = items.iter().filter(|o| matches!(o, Object::String(..)));
                    out.extend(strings.map(|s| shown(current, s)));
                }
            }
            "Do" => return None,
            _ => {}
        }
    }
    Some(out)
}

/// A font's weight and where its text comes from.
fn face(doc: &Document, font: &Dictionary) -> Face {
    Face {
        bold: is_bold(doc, font),
        collection: cid::font_collection(doc, font),
    }
}

/// One string shown in `face`.
fn shown(face: Face, string: &Object) -> Shown {
    let texts = match (face.collection, string) {
        (Some(c), Object::String(bytes, _)) => Some(cid::decode(c, bytes)),
        _ => None,
    };
    Shown {
        bold: face.bold,
        texts,
    }
}

/// Whether a font dictionary's `BaseFont` names a bold weight.
fn is_bold(doc: &Document, font: &Dictionary) -> bool {
    let name = font
        .get(b"BaseFont")
        .ok()
        .and_then(|o| match o {
            Object::Reference(id) => doc.get_object(*id).ok(),
            other => Some(other),
        })
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).to_ascii_lowercase())
        .unwrap_or_default();
    bold_name(&name)
}

/// `NotoSansCJKsc-Bold`, `SimHei,Bold`, `FZHei-B01S`? Only names that say so: bold, heavy,
/// black, semibold, demibold.
pub fn bold_name(lower: &str) -> bool {
    ["bold", "heavy", "black", "semibold", "demi"]
        .iter()
        .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::bold_name;

    #[test]
    fn bold_names() {
        assert!(bold_name("caaaaa+notosanscjkjp-bold-vkana"));
        assert!(bold_name("simhei,bold"));
        assert!(!bold_name("baaaaa+notoserifcjkjp-regular-vkana"));
        assert!(!bold_name("aaaaaa+wenquanyizenhei"));
    }
}
