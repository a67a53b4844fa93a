"""Expands a JSON-LD file offline with pyld and prints the expanded document as JSON.

The remote contexts Galley's exports name are served from local copies beside this script:
http://www.w3.org/ns/anno.jsonld (the W3C Web Annotation context, verbatim) and
https://schema.org (the part of schema.org's context these exports use: its @vocab and the
datatype of datePublished). Any other URL is an error, so nothing is fetched.

Usage: python3 expand.py FILE
"""

import json
import os
import sys

try:
    from pyld import jsonld
except ImportError:
    sys.exit("pyld is not installed: run scripts/setup.sh --test (pip install pyld)")

HERE = os.path.dirname(os.path.abspath(__file__))
LOCAL = {
    "http://www.w3.org/ns/anno.jsonld": "anno.jsonld",
    "https://www.w3.org/ns/anno.jsonld": "anno.jsonld",
    "https://schema.org": "schema.org.jsonld",
    "https://schema.org/": "schema.org.jsonld",
    "http://schema.org": "schema.org.jsonld",
    "http://schema.org/": "schema.org.jsonld",
}


def loader(url, options=None):
    name = LOCAL.get(url)
    if name is None:
        raise RuntimeError(f"refusing to fetch {url}: no local copy")
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return {"contextUrl": None, "documentUrl": url, "document": json.load(f)}


jsonld.set_document_loader(loader)
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
expanded = jsonld.expand(doc)
json.dump(expanded, sys.stdout, ensure_ascii=False)
