//! Which glyphs are bold, from the font names (`…-Bold`, `…Heavy`, `…Black`).
//!
//! `pdf-extract` does not tell its output which font a glyph is in, so the page's content
//! stream is read once more with `lopdf`: each text-showing string (`Tj`, each string of
//! `TJ`: the units `pdf-extract` opens a word for) gets the boldness of the font current at
//! that point (`Tf`, saved and restored by `q`/`Q`). A page that draws text from a form
//! XObject (`Do`) is not followed: no glyph on it is taken as bold.

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// For each text-showing string of the page, in order, whether its font is bold; `None`
/// when the page cannot be followed.
pub fn bold_strings(doc: &Document, page: ObjectId) -> Option<Vec<bool>> {
    let fonts = doc.get_page_fonts(page).ok()?;
    let content = Content::decode(&doc.get_page_content(page).ok()?).ok()?;
    let mut out = Vec::new();
    let mut current = false;
    let mut saved = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "q" => saved.push(current),
            "Q" => current = saved.pop().unwrap_or(false),
            "Tf" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok())?;
                current = fonts.get(name).is_some_and(|f| is_bold(doc, f));
            }
            "Tj" => out.push(current),
            "TJ" => {
                if let Some(Object::Array(items)) = op.operands.first() {
                    let strings = items
                        .iter()
                        .filter(|o| matches!(o, Object::String(..)))
                        .count();
                    out.extend(std::iter::repeat_n(current, strings));
                }
            }
            "Do" => return None,
            _ => {}
        }
    }
    Some(out)
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
