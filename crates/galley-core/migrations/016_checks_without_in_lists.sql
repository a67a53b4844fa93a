-- The CHECK constraints that test a column against a list of three or more values
-- (`status IN ('suggested', 'accepted', 'rejected')`) are rewritten as comparisons joined by
-- OR, with the same meaning: SQLite builds a temporary b-tree for such a list each time a row
-- is written, which made every suggestion row several times dearer to store. No row changes;
-- the rewrite is done by the migration's hook (`store::schema::checks_without_in_lists`).
SELECT 1;
