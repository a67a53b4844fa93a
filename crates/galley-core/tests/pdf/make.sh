#!/bin/sh
# Regenerates the PDF test corpus from src/*.json: HTML laid out by make.py, converted to PDF
# by LibreOffice (NAME.lo.pdf) and headless Chromium (NAME.chromium.pdf), LaTeX set by
# XeLaTeX with ctex (NAME.tex.pdf), and the gold (NAME.gold.json), a two-page file (multi/)
# and inputs to refuse (bad/). Needs python3, soffice, chromium, xelatex, pdftoppm, pdftotext
# and qpdf (Debian: libreoffice-writer, chromium, texlive-xetex, texlive-lang-chinese,
# poppler-utils, qpdf, fonts-noto-cjk, fonts-wqy-zenhei; apt-get --no-install-recommends).
# The tests only read the committed files.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# pages SRC OUT: each SRC/NAME.json printed by the engines to OUT/NAME.ENGINE.pdf, its gold
# OUT/NAME.gold.json, and the text path's corpus OUT/text/NAME.ENGINE.txt: each page as
# pdftotext gives it in its default mode (columns interleaved as a reader's tool extracts
# them), scored against the same golds.
pages() {
    for src in "$1"/*.json; do
        name=$(basename "$src" .json)
        out="$2/$name"
        python3 make.py "$src" gold "$out.gold.json"
        python3 make.py "$src" lo "$work/$name.html"
        soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$work" "$work/$name.html" >/dev/null
        mv "$work/$name.pdf" "$out.lo.pdf"
        if command -v chromium >/dev/null; then
            python3 make.py "$src" chromium "$work/$name.c.html"
            chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
                --print-to-pdf="$out.chromium.pdf" "file://$work/$name.c.html" 2>/dev/null
        fi
        if command -v xelatex >/dev/null; then
            python3 make.py "$src" tex "$work/$name.tex"
            # A fixed date, so the same source gives the same file.
            (cd "$work" && SOURCE_DATE_EPOCH=1767225600 FORCE_SOURCE_DATE=1 \
                xelatex -interaction=batchmode "$name.tex" >/dev/null)
            mv "$work/$name.pdf" "$out.tex.pdf"
        fi
    done
    mkdir -p "$2/text"
    for pdf in "$2"/*.pdf; do
        base=$(basename "$pdf" .pdf)
        pdftotext "$pdf" "$2/text/$base.txt"
    done
}
# The development corpus, and the test part (heldout/: written apart, never tuned on).
pages src .
pages heldout/src heldout

# Two pages in one file: one digest a page.
mkdir -p multi
qpdf --empty --pages one-column.chromium.pdf two-columns.chromium.pdf -- multi/two-pages.pdf

# Chromium with the OpenType Noto CJK embeds Type 3 fonts whose ToUnicode maps name some
# ideographs as radicals (首 as ⾸ U+2F38): one short article, to keep it small.
cat >"$work/type3.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: "Noto Sans CJK SC"; font-size: 10pt; }
h1 { font-size: 17pt; } p { text-indent: 2em; margin: 0; }
</style></head><body>
<h1>江口港首次开通长丰航线</h1>
<p>江口港集装箱码头本周开通至长丰港的直达航线，每周往返两班。</p>
<p style="text-align: right; font-size: 8.5pt">据《江口港航报》</p>
</body></html>
HTML
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf=multi/type3-radicals.pdf "file://$work/type3.html" 2>/dev/null

# Inputs that must be refused with one sentence (see tests/pdf_pages.rs).
mkdir -p bad
# A scan: the page as a picture, with no text layer.
pdftoppm -r 40 -png -singlefile one-column.lo.pdf "$work/scan"
printf '<!DOCTYPE html><html><body style="margin:0"><img src="scan.png" style="width:100%%"></body></html>' >"$work/scan.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf=bad/scan.pdf "file://$work/scan.html" 2>/dev/null
# Encrypted with a password (the small scan, to keep the corpus small).
qpdf --encrypt secret secret 256 -- bad/scan.pdf bad/encrypted.pdf
# Cut off half way.
head -c 20000 one-column.lo.pdf >bad/truncated.pdf
# An HTML page saved under a .pdf name.
python3 make.py src/one-column.json lo bad/html-named.pdf
