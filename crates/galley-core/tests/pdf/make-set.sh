#!/bin/sh
# Regenerates a development set (sh make-set.sh dev2) from DIR/src/*.json, the way make.sh's
# `pages` makes the corpus, with LibreOffice and Chromium only (no XeLaTeX prints): HTML laid
# out by make.py, printed to DIR/NAME.lo.pdf and DIR/NAME.chromium.pdf, the gold
# DIR/NAME.gold.json from the same source, and the text path's corpus DIR/text/NAME.ENGINE.txt
# (pdftotext, default mode). Needs python3, soffice, chromium and pdftotext (Debian:
# libreoffice-writer, chromium, poppler-utils, fonts-noto-cjk, fonts-wqy-zenhei). The tests
# only read the committed files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for src in src/*.json; do
    name=$(basename "$src" .json)
    python3 "$here/make.py" "$src" gold "$name.gold.json"
    python3 "$here/make.py" "$src" lo "$work/$name.html"
    soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$work" "$work/$name.html" >/dev/null
    mv "$work/$name.pdf" "$name.lo.pdf"
    python3 "$here/make.py" "$src" chromium "$work/$name.c.html"
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$name.chromium.pdf" "file://$work/$name.c.html" 2>/dev/null
done
mkdir -p text
for pdf in *.pdf; do
    base=$(basename "$pdf" .pdf)
    pdftotext "$pdf" "text/$base.txt"
done
