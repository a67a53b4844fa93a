-- Each person's own labels of an article, as they last decided them, kept apart from the
-- article's shared state so two editors' labels of one article can be compared (agreement).
-- kind 'topic': label is a topic code, value 'yes' or 'no'; kind 'sentiment': label is '',
-- value the sentiment label.
CREATE TABLE judgements (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('topic', 'sentiment')),
    label TEXT NOT NULL,
    value TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (article_id, person, kind, label)
);
CREATE INDEX judgements_by_kind ON judgements(kind, article_id);
