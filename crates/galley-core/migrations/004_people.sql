-- The people who use this database: each change in the audit log carries one of their names.
CREATE TABLE people (
    name          TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
    role          TEXT NOT NULL CHECK (role IN ('editor', 'reviewer')),
    created_at    TEXT NOT NULL
);

-- The workspace list pages through all articles newest digest first, in page order.
CREATE INDEX articles_browse ON articles(digest_id DESC, position);
CREATE INDEX articles_state ON articles(review_state, digest_id DESC, position);
