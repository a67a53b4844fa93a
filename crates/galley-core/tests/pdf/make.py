#!/usr/bin/env python3
"""Lays out one page source (src/NAME.json) as HTML for a PDF engine and writes its gold.

    make.py src/NAME.json ENGINE OUT.html     (ENGINE: lo | chromium)
    make.py src/NAME.json gold OUT.gold.json

The HTML and the gold come from the same source, so they cannot drift. The gold is in the
format of tests/pages/*.gold.json (read by tests/common/mod.rs). Reading order of the gold:
full-width articles first, then column by column, left to right, top to bottom.
"""
import html
import json
import sys

STYLE = """
@page { size: A4; margin: 14mm 16mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 10pt; line-height: 1.6; }
p { margin-top: 0; margin-bottom: 0; }
.head { font-size: 9pt; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 17pt; font-weight: bold;
     line-height: 1.3; margin: 14pt 0 5pt 0; }
.byline { font-size: 8.5pt; margin: 0 0 4pt 0; }
.body { text-indent: 20pt; text-align: justify; margin-top: 0; margin-bottom: 0; }
.source { font-size: 8.5pt; text-align: right; margin: 3pt 0 0 0; }
.quote { font-family: "Noto Sans CJK SC", sans-serif; font-size: 12.5pt; font-weight: bold;
         border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000;
         margin: 6pt 0 6pt 0; padding: 3pt 0; }
.foot { font-size: 9pt; text-align: center; }
.item { font-family: "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; font-weight: bold;
        margin: 10pt 0 3pt 0; }
.sub { font-family: "Noto Sans CJK SC", sans-serif; font-size: 11pt; font-weight: bold;
       margin: 4pt 0 2pt 0; }
td { vertical-align: top; }
"""

CHROMIUM_STYLE = """
div[title=header] { position: fixed; top: 0; left: 0; right: 0; }
div[title=footer] { position: fixed; bottom: 0; left: 0; right: 0; }
.page { padding-top: 14pt; }
.flow { column-count: 3; column-gap: 20pt; }
/* A TrueType font: Chromium embeds it as a Type0 font (Identity-H, ToUnicode); the OpenType
   Noto CJK would come out as hundreds of Type 3 fonts. */
body, h1, .quote, .sub, .item { font-family: "WenQuanYi Zen Hei", sans-serif; }
"""


def esc(s):
    return html.escape(s, quote=False)


def paragraphs_html(a, paras):
    out = []
    for i, p in enumerate(paras):
        if isinstance(p, dict):
            out.append(f'<p class="sub">{esc(p["heading"])}</p>')
            continue
        out.append(f'<p class="body">{esc(p)}</p>')
        # The pull quote sits after the first paragraph, boxed and in larger type.
        if i == 0 and a.get("pull_quote"):
            out.append(f'<p class="quote">{esc(a["pull_quote"])}</p>')
    return out


def article_html(a, sub_columns=1):
    if a.get("number"):
        # A newsletter's numbered item: a bold title of body size.
        out = [f'<p class="item">{a["number"]}. {esc(a["title"])}</p>']
    else:
        out = [f"<h1>{esc(a['title'])}</h1>"]
    if a.get("byline"):
        out.append(f'<p class="byline">{esc(a["byline"])}</p>')
    source = []
    # A dateline opening the lead (本报北京3月5日讯, 新华社…电) is the source: nothing more is printed.
    if a.get("source_line") and not a.get("dateline"):
        source = [f'<p class="source">{esc(a["source_line"])}</p>']
    paras = a["paragraphs"]
    if sub_columns == 1:
        return "\n".join(out + paragraphs_html(a, paras) + source)
    # The body in two sub-columns under a headline that spans both.
    half = (len(paras) + 1) // 2
    left = "\n".join(paragraphs_html(a, paras[:half]))
    right = "\n".join(paragraphs_html(a, paras[half:]) + source)
    out.append(
        '<table width="100%" cellspacing="0" cellpadding="7"><tr>'
        f'<td width="50%">{left}</td><td width="50%">{right}</td></tr></table>'
    )
    return "\n".join(out)


def numbered(page):
    """The page's articles, numbered in reading order where the page numbers its items."""
    if page.get("numbered"):
        for i, a in enumerate(reading_order(page)):
            a["number"] = i + 1
    return page


def page_html(page, engine):
    numbered(page)
    n = page["columns"]
    span = [a for a in page["articles"] if a.get("span") or n == 1]
    cols = [[a for a in page["articles"] if a.get("column") == c + 1] for c in range(n)]
    style = STYLE + (CHROMIUM_STYLE if engine == "chromium" else "")
    if engine == "lo" and page.get("lo_line_height"):
        # LibreOffice reads line-height 1.6 as 1.6 times the font's own (tall) line.
        style += ".body { line-height: %s; }\n" % page["lo_line_height"]
    if page.get("flow") and engine == "chromium":
        # Chromium flows the text from column to column (LibreOffice cannot: a table).
        body = "\n".join(article_html(a) for a in reading_order(page))
        return document(page, style, f'<div class="flow">{body}</div>')
    wide = [a for a in page["articles"] if a.get("span") == 2]
    if wide and n == 3:
        # A lead over columns 1-2 (its body in two sub-columns), column 3 beside it.
        lead = "\n".join(article_html(a, 2) for a in wide)
        cell = lambda c: "\n".join(article_html(a) for a in cols[c])
        table = f"""<table width="100%" cellspacing="0" cellpadding="9">
<tr><td colspan="2" width="67%">{lead}</td><td rowspan="2" width="33%">{cell(2)}</td></tr>
<tr><td width="33%">{cell(0)}</td><td width="34%">{cell(1)}</td></tr>
</table>"""
        return document(page, style, table)
    rows = []
    if span:
        body = "\n".join(article_html(a) for a in span)
        rows.append(f'<tr><td colspan="{n}">{body}</td></tr>')
    if n > 1:
        width = 100 // n
        cells = "".join(
            f'<td width="{width}%">' + "\n".join(article_html(a) for a in col) + "</td>"
            for col in cols
        )
        rows.append(f"<tr>{cells}</tr>")
    table = f"""<table width="100%" cellspacing="0" cellpadding="9">
{chr(10).join(rows)}
</table>"""
    return document(page, style, table)


def document(page, style, content):
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(page['running_head'])}</title>
<style>{style}</style></head>
<body>
<div title="header"><p class="head">{esc(page['running_head'])}</p></div>
<div class="page">
{content}
</div>
<div title="footer"><p class="foot">{esc(page['page_label'])}</p></div>
</body></html>
"""


def reading_order(page):
    n = page["columns"]
    arts = page["articles"]
    if n == 1:
        return arts
    return [a for a in arts if a.get("span")] + [
        a for c in range(n) for a in arts if a.get("column") == c + 1
    ]


def gold(page):
    furniture = [page["running_head"], page["page_label"]]
    furniture += [a["byline"] for a in page["articles"] if a.get("byline")]
    if page.get("numbered"):
        # The item numbers are set aside with the furniture; titles are read without them.
        furniture += [f"{i + 1}." for i in range(len(page["articles"]))]
    articles = []
    for a in reading_order(page):
        paras = [
            {"kind": "heading", "text": p["heading"]}
            if isinstance(p, dict)
            else {"kind": "lead" if i == 0 else "body", "text": p}
            for i, p in enumerate(a["paragraphs"])
        ]
        articles.append({
            "title": a["title"],
            "source_line": a["source_line"],
            "outlets": a["outlets"],
            "paragraphs": paras,
            "pull_quotes": [a["pull_quote"]] if a.get("pull_quote") else [],
        })
    return {
        "description": page["description"] + " Generated by make.py from src/; do not edit.",
        "furniture": furniture,
        "articles": articles,
    }


def main():
    src, what, out = sys.argv[1:4]
    with open(src, encoding="utf-8") as f:
        page = json.load(f)
    with open(out, "w", encoding="utf-8") as f:
        if what == "gold":
            json.dump(gold(page), f, ensure_ascii=False, indent=1)
            f.write("\n")
        else:
            f.write(page_html(page, what))


if __name__ == "__main__":
    main()
