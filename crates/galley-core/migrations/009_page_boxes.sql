-- Where each piece of a digest imported from a PDF was on its page, for the page view: the
-- pages with their sizes, and one box per title, paragraph (per column it runs in), pull
-- quote, source line and piece of furniture. Coordinates are PDF points from the page's
-- top-left corner. A paragraph's box follows the paragraph when a fix-up moves it to another
-- article (the article is read through the paragraph). The owners are not foreign keys: a
-- merge deletes an article that its undo puts back under the same id, and the box must still
-- point at it; a box whose owner is gone reads as belonging to nothing.
CREATE TABLE digest_pages (
    digest_id     INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
    page          INTEGER NOT NULL,
    width         REAL NOT NULL,
    height        REAL NOT NULL,
    PRIMARY KEY (digest_id, page)
) WITHOUT ROWID;

CREATE TABLE page_boxes (
    id            INTEGER PRIMARY KEY,
    digest_id     INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
    page          INTEGER NOT NULL,
    x0            REAL NOT NULL,
    y0            REAL NOT NULL,
    x1            REAL NOT NULL,
    y1            REAL NOT NULL,
    role          TEXT NOT NULL
                  CHECK (role IN ('title', 'paragraph', 'pull_quote', 'source', 'furniture')),
    article_id    INTEGER,
    paragraph_id  INTEGER,
    furniture_id  INTEGER
);
CREATE INDEX page_boxes_digest ON page_boxes(digest_id, page);
CREATE INDEX page_boxes_paragraph ON page_boxes(paragraph_id);
CREATE INDEX page_boxes_article ON page_boxes(article_id);
