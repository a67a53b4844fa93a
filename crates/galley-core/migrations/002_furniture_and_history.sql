-- Page furniture (column labels, page headers/footers) kept with its digest, so an editor who
-- marks a paragraph as furniture can see it and take it back.
CREATE TABLE furniture (
    id            INTEGER PRIMARY KEY,
    digest_id     INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL
);
CREATE INDEX furniture_digest ON furniture(digest_id);

-- Undo history lives in the audit log: an undoable entry keeps the state before and after it,
-- and whether it is currently done, undone, or dropped (undone, then replaced by a new change).
ALTER TABLE audit_log ADD COLUMN digest_id INTEGER;
ALTER TABLE audit_log ADD COLUMN undo_state TEXT
    CHECK (undo_state IS NULL OR undo_state IN ('done', 'undone', 'dropped'));
ALTER TABLE audit_log ADD COLUMN reverts INTEGER REFERENCES audit_log(id);
CREATE INDEX audit_undo ON audit_log(undo_state) WHERE undo_state IS NOT NULL;
