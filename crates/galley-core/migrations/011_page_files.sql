-- The original file a digest was read from (a PDF), kept so the page view can draw the page
-- itself. One row per distinct file (by SHA-256): the digests of a file's pages share it.
CREATE TABLE page_files (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,
    media_type    TEXT NOT NULL,
    bytes         BLOB NOT NULL
);

-- Which file each page of a digest is in (NULL for digests imported before files were kept).
ALTER TABLE digest_pages ADD COLUMN file_id INTEGER REFERENCES page_files(id);

-- The text a digest was read from, as decoded (page text: pdftotext output, pasted pages), so
-- the page view can show its original lines beside the articles.
CREATE TABLE digest_texts (
    digest_id     INTEGER PRIMARY KEY REFERENCES digests(id) ON DELETE CASCADE,
    text          TEXT NOT NULL
);
