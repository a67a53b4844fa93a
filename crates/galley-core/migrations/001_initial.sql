-- Galley schema, version 1. Never edit a published migration: add a new one.

CREATE TABLE digests (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(name) > 0),
    issue_date    TEXT,
    source_file   TEXT,
    content_hash  TEXT NOT NULL UNIQUE,
    imported_at   TEXT NOT NULL
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    digest_id     INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    source_line   TEXT,
    confidence    REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    review_state  TEXT NOT NULL DEFAULT 'new'
                  CHECK (review_state IN ('new', 'annotated', 'in_review', 'approved')),
    updated_at    TEXT NOT NULL,
    UNIQUE (digest_id, position)
);

CREATE TABLE article_outlets (
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE paragraphs (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('lead', 'body', 'heading')),
    text          TEXT NOT NULL,
    UNIQUE (article_id, position)
);

CREATE TABLE pull_quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    UNIQUE (article_id, position)
);

-- Topic taxonomy (IPTC Media Topics and the desk's own). Retired topics stay on old annotations.
CREATE TABLE topics (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    parent_id     INTEGER REFERENCES topics(id),
    label_zh      TEXT NOT NULL,
    label_en      TEXT NOT NULL,
    retired_at    TEXT
);

-- status: suggested (source auto, awaiting the editor), accepted, rejected.
CREATE TABLE article_topics (
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    topic_id      INTEGER NOT NULL REFERENCES topics(id),
    source        TEXT NOT NULL CHECK (source IN ('auto', 'editor')),
    status        TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
    score         REAL,
    reasons       TEXT,            -- JSON array of strings
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, topic_id)
);

CREATE TABLE sentiments (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    paragraph_id  INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,  -- NULL: whole article
    label         TEXT NOT NULL CHECK (label IN ('positive', 'neutral', 'negative', 'mixed')),
    score         REAL NOT NULL CHECK (score >= -1 AND score <= 1),
    source        TEXT NOT NULL CHECK (source IN ('auto', 'editor')),
    status        TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
    reasons       TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX sentiments_article ON sentiments(article_id);

-- A claim is a span of one paragraph: code-point offsets [start, end) into paragraphs.text.
CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    paragraph_id  INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    start         INTEGER NOT NULL CHECK (start >= 0),
    end           INTEGER NOT NULL CHECK (end > start),
    text          TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('auto', 'editor')),
    status        TEXT NOT NULL DEFAULT 'unverified'
                  CHECK (status IN ('suggested', 'unverified', 'undetermined', 'in_progress',
                                    'verified', 'false', 'not_applicable')),
    score         REAL,
    reasons       TEXT,
    rating        TEXT,            -- ClaimReview textual rating, e.g. 属实
    rating_value  INTEGER,
    reviewer      TEXT,
    reviewed_at   TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_status ON claims(status);

CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    url           TEXT,
    quote         TEXT,
    note          TEXT,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    CHECK (url IS NOT NULL OR quote IS NOT NULL OR note IS NOT NULL)
);

CREATE TABLE notes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id      INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    body          TEXT NOT NULL,
    author        TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Every change: who, when, what, the state before and after (JSON). Undo reads it back.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     INTEGER,
    article_id    INTEGER,
    before        TEXT,
    after         TEXT
);
CREATE INDEX audit_article ON audit_log(article_id);

-- Full-text search over jieba tokens (space-separated), one row per article: rowid = articles.id.
-- The tokens are jieba's words, lower-cased and space-separated, so FTS5 only splits on spaces
-- (the ascii tokenizer keeps every non-ASCII character as part of a word). Queries are sets of
-- words (AND), never phrases, so no positions are kept, and no copy of the tokens: the text
-- lives in `paragraphs`.
CREATE VIRTUAL TABLE article_search USING fts5(
    tokens,
    tokenize = 'ascii',
    detail = 'none',
    content = '',
    contentless_delete = 1
);

-- A deleted article leaves the search index with it.
CREATE TRIGGER articles_unindex AFTER DELETE ON articles BEGIN
    DELETE FROM article_search WHERE rowid = old.id;
END;
