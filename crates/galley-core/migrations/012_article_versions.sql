-- Every change to an article (its structure or its annotations) raises its version, so a change
-- made from a stale view can be refused instead of silently overwriting someone else's.
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
