-- Digests stored by an import whose first draft of suggestions is not written yet. The row is
-- written in the transaction that stores the digest and removed once the draft is complete,
-- so an import killed in between leaves a mark the next import (or a re-import) finds.
CREATE TABLE pending_suggestions (
    digest_id     INTEGER PRIMARY KEY REFERENCES digests(id) ON DELETE CASCADE,
    since         TEXT NOT NULL
);

-- Drafting checks, for every claim it suggests, whether the editor already decided on that
-- span: without this index each check scanned the whole table, so a page of many claims took
-- time growing with the square of its size.
CREATE INDEX claim_suggestions_span ON claim_suggestions(paragraph_id, start, end);
