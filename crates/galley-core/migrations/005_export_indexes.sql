-- Export reads evidence per claim and notes per article: without these, each lookup scans the
-- whole table (an export of 100,000 articles would scan it 100,000 times).
CREATE INDEX evidence_claim ON evidence(claim_id);
CREATE INDEX notes_article ON notes(article_id);
