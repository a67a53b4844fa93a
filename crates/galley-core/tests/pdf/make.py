#!/usr/bin/env python3
"""Lays out one page source (src/NAME.json) as HTML for a PDF engine and writes its gold.

    make.py src/NAME.json ENGINE OUT.html     (ENGINE: lo | chromium)
    make.py src/NAME.json tex OUT.tex         (XeLaTeX with ctex)
    make.py src/NAME.json gold OUT.gold.json

The HTML and the gold come from the same source, so they cannot drift. The gold is in the
format of tests/pages/*.gold.json (read by tests/common/mod.rs). Reading order of the gold:
full-width articles first, then column by column, left to right, top to bottom.
"""
import base64
import html
import json
import struct
import sys
import zlib

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
.caption { font-size: 8.5pt; margin: 2pt 0 6pt 0; }
.signature { text-align: right; margin: 2pt 0 0 0; }
.photo { width: 100%; height: 60pt; margin-top: 6pt; }
table.data { font-size: 9pt; border-collapse: collapse; margin: 2pt 0 6pt 0; }
table.data td { border-top: 0.5pt solid #000; border-bottom: 0.5pt solid #000; padding: 0 4pt;
                line-height: 1.2; }
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


def grey_png():
    """A small grey picture standing for a news photo (stretched to the column's width)."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    # Wide (8:1): LibreOffice keeps a picture's proportions whatever height it is given.
    raw = b"".join(b"\0" + b"\xb0" * 32 for _ in range(4))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 4, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()


def figure_html(a):
    """A photo and its caption (set apart from the text: the gold puts it in the furniture)."""
    return [f'<img class="photo" width="100%" height="56" src="{grey_png()}" alt="">',
            f'<p class="caption">{esc(a["figure"])}</p>']


def table_html(t):
    """A data table under its caption; each row is a furniture line of the gold."""
    rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in t["rows"])
    return [f'<p class="caption">{esc(t["caption"])}</p>', f'<table class="data">{rows}</table>']


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
        if i == 0 and a.get("figure"):
            out += figure_html(a)
    if a.get("table"):
        out += table_html(a["table"])
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
        # A reader's letter is signed in body type (the signature is its source).
        kind = "signature" if a.get("signature") else "source"
        source = [f'<p class="{kind}">{esc(a["source_line"])}</p>']
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


# XeLaTeX with ctex and its Fandol fonts (OpenType CFF, embedded as CID fonts with Identity-H):
# a page laid out the way a LaTeX newsletter is, columns by multicol, furniture by fancyhdr.
TEX_PREAMBLE = r"""\documentclass[UTF8,fontset=fandol,zihao=5]{ctexart}
\usepackage[a4paper,margin=16mm,top=22mm,bottom=20mm,headsep=5mm]{geometry}
\usepackage{multicol}
\usepackage{fancyhdr}
\usepackage{xcolor}
\xeCJKDeclareCharClass{FullLeft}{"25A0}
\setlength{\columnsep}{6mm}
\setlength{\parindent}{2em}
\setlength{\parskip}{0pt}
\linespread{1.25}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\small HEAD}
\fancyfoot[C]{\small FOOT}
\newcommand{\headline}[1]{\par\addvspace{10pt}\noindent{\heiti\zihao{3}\bfseries #1\par}\addvspace{4pt}}
\newcommand{\numbered}[2]{\par\addvspace{9pt}\noindent{\heiti\bfseries #1. #2\par}\addvspace{3pt}}
\newcommand{\byline}[1]{\noindent{\footnotesize #1\par}\addvspace{2pt}}
\newcommand{\sub}[1]{\par\addvspace{4pt}\noindent{\heiti\bfseries #1\par}\addvspace{2pt}}
\newcommand{\source}[1]{\par{\raggedleft\footnotesize #1\par}}
\newcommand{\signature}[1]{\par{\raggedleft #1\par}}
\newcommand{\pullquote}[1]{\par\addvspace{5pt}\noindent\rule{\linewidth}{1.2pt}\par
  \noindent{\heiti\large\bfseries #1\par}\noindent\rule{\linewidth}{1.2pt}\par\addvspace{5pt}}
\begin{document}
"""

TEX_SPECIAL = {"#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&", "_": r"\_", "{": r"\{",
               "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
               "\\": r"\textbackslash{}"}


def tex_esc(s):
    """TeX source for a text: specials escaped; a space beside an ideograph kept as a space
    (xeCJK drops a plain one: 记者 林晓岚 would print 记者林晓岚)."""
    out = []
    for i, c in enumerate(s):
        if c == " " and not (s[i - 1 : i].isascii() and s[i + 1 : i + 2].isascii()):
            out.append("\\ ")
        else:
            out.append(TEX_SPECIAL.get(c, c))
    return "".join(out)


def article_tex(a, sub_columns=1):
    if a.get("number"):
        out = [r"\numbered{%d}{%s}" % (a["number"], tex_esc(a["title"]))]
    else:
        out = [r"\headline{%s}" % tex_esc(a["title"])]
    if a.get("byline"):
        out.append(r"\byline{%s}" % tex_esc(a["byline"]))
    paras = []
    for i, p in enumerate(a["paragraphs"]):
        if isinstance(p, dict):
            paras.append(r"\sub{%s}" % tex_esc(p["heading"]))
            continue
        paras.append(tex_esc(p) + "\n")
        if i == 0 and a.get("pull_quote"):
            paras.append(r"\pullquote{%s}" % tex_esc(a["pull_quote"]))
        if i == 0 and a.get("figure"):
            paras.append(r"\par\addvspace{4pt}\noindent{\color{black!30}\rule{\linewidth}{60pt}}\par"
                         r"\noindent{\footnotesize\kaishu %s\par}\addvspace{4pt}" % tex_esc(a["figure"]))
    if a.get("table"):
        t = a["table"]
        rows = "\\\\\n".join(" & ".join(tex_esc(c) for c in r) for r in t["rows"])
        spec = "l" * len(t["rows"][0])
        paras.append(r"\par\addvspace{4pt}\noindent{\footnotesize %s\par}" % tex_esc(t["caption"])
                     + "\n" + r"\noindent{\footnotesize\begin{tabular}{%s}\hline" % spec + "\n"
                     + rows + r"\\\hline\end{tabular}\par}\addvspace{4pt}")
    if a.get("source_line") and not a.get("dateline"):
        mark = r"\signature{%s}" if a.get("signature") else r"\source{%s}"
        paras.append(mark % tex_esc(a["source_line"]))
    if sub_columns > 1:
        paras = [r"\begin{multicols}{%d}" % sub_columns] + paras + [r"\end{multicols}"]
    return "\n".join(out + paras)


def columns_tex(cols, n):
    """Articles set in n columns, column by column (a break between columns)."""
    parts = []
    for c, col in enumerate(cols):
        if c:
            parts.append(r"\columnbreak")
        parts += [article_tex(a) for a in col]
    return "\n".join([r"\begin{multicols*}{%d}" % n] + parts + [r"\end{multicols*}"])


def tex_body(page):
    n = page["columns"]
    cols = [[a for a in page["articles"] if a.get("column") == c + 1] for c in range(n)]
    wide = [a for a in page["articles"] if a.get("span") == 2]
    if n == 1:
        return "\n".join(article_tex(a) for a in page["articles"])
    if page.get("flow"):
        # The text flows from column to column, as multicol sets it by default.
        arts = [article_tex(a) for a in reading_order(page)]
        return "\n".join([r"\begin{multicols}{%d}" % n] + arts + [r"\end{multicols}"])
    if wide and n == 3:
        # A lead over columns 1-2 with its body in two sub-columns, column 3 beside it.
        left = "\n".join([article_tex(a, 2) for a in wide] + [columns_tex(cols[:2], 2)])
        right = "\n".join(article_tex(a) for a in cols[2])
        # A minipage sets paragraphs flush left: indent them as the page does.
        indent = r"\setlength{\parindent}{2em}"
        return "\n".join([r"\noindent\begin{minipage}[t]{0.64\textwidth}" + indent, left,
                          r"\end{minipage}\hfill\begin{minipage}[t]{0.32\textwidth}" + indent,
                          right, r"\end{minipage}"])
    span = [a for a in page["articles"] if a.get("span")]
    return "\n".join([article_tex(a) for a in span] + [columns_tex(cols, n)])


def tex_page(page):
    numbered(page)
    head = TEX_PREAMBLE.replace("HEAD", tex_esc(page["running_head"]))
    head = head.replace("FOOT", tex_esc(page["page_label"]))
    return head + tex_body(page) + "\n\\end{document}\n"


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
    # Photo captions and tables are kept apart from the text: each caption and each table
    # row (its cells, spaced) is a furniture line.
    for a in page["articles"]:
        if a.get("figure"):
            furniture.append(a["figure"])
        if a.get("table"):
            furniture.append(a["table"]["caption"])
            furniture += [" ".join(r) for r in a["table"]["rows"]]
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
        elif what == "tex":
            f.write(tex_page(page))
        else:
            f.write(page_html(page, what))


if __name__ == "__main__":
    main()
