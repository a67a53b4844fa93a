#!/bin/sh
# Regenerates the PDF test corpus from src/*.json: HTML laid out by make.py, converted to PDF
# by LibreOffice (NAME.lo.pdf) and headless Chromium (NAME.chromium.pdf), and the gold
# (NAME.gold.json). Needs python3, soffice and chromium (Debian: libreoffice-writer, chromium,
# fonts-noto-cjk, fonts-wqy-zenhei); the tests only read the committed PDFs and golds.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for src in src/*.json; do
    name=$(basename "$src" .json)
    python3 make.py "$src" gold "$name.gold.json"
    python3 make.py "$src" lo "$work/$name.html"
    soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$work" "$work/$name.html" >/dev/null
    mv "$work/$name.pdf" "$name.lo.pdf"
    if command -v chromium >/dev/null; then
        python3 make.py "$src" chromium "$work/$name.c.html"
        chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
            --print-to-pdf="$name.chromium.pdf" "file://$work/$name.c.html" 2>/dev/null
    fi
done
