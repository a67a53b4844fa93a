-- What the desk's own decisions teach the topic suggester (language/learning.rs).
--
-- Every decided topic of an article (accepted: a positive example; rejected: a negative one)
-- is counted once in `learned_examples` with the words it was counted with, so a changed or
-- undone decision takes exactly those counts back. The counts per topic and word are the model.
-- No foreign key to the article: an example outlives its article (merged away, deleted) until
-- the next pass takes its counts back.
CREATE TABLE learned_examples (
    article_id    INTEGER NOT NULL,
    topic_id      INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    positive      INTEGER NOT NULL CHECK (positive IN (0, 1)),
    words         TEXT NOT NULL,          -- JSON array of the distinct words counted
    PRIMARY KEY (article_id, topic_id)
) WITHOUT ROWID;

CREATE TABLE learned_topics (
    topic_id      INTEGER PRIMARY KEY REFERENCES topics(id) ON DELETE CASCADE,
    positives     INTEGER NOT NULL DEFAULT 0,
    negatives     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE learned_words (
    topic_id      INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    word          TEXT NOT NULL,
    positives     INTEGER NOT NULL DEFAULT 0,
    negatives     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (topic_id, word)
) WITHOUT ROWID;

-- The desk's settings (`learning`: `on` or `off`).
CREATE TABLE settings (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL
);

-- How many articles each search word occurs in: the background the learned words stand out of.
CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab(article_search, 'row');
