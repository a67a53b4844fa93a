// Offsets: the backend stores spans as Unicode code points into a paragraph's text; the DOM
// (Selection, Range, String indices) counts UTF-16 code units. Convert here and nowhere else.

/** UTF-16 index in `text` → code point index. */
export function utf16ToCodePoint(text, utf16Index) {
  let cp = 0;
  for (let i = 0; i < utf16Index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    cp++;
  }
  return cp;
}

/** Code point index → UTF-16 index in `text`. */
export function codePointToUtf16(text, cpIndex) {
  let i = 0;
  for (let cp = 0; cp < cpIndex && i < text.length; cp++) {
    const c = text.codePointAt(i);
    i += c > 0xffff ? 2 : 1;
  }
  return i;
}

/** Number of code points in `text`. */
export function codePointLength(text) {
  return utf16ToCodePoint(text, text.length);
}
