-- The desk's own corrections to the shipped claim and sentiment models (language/desk_model.rs).
--
-- Every decision is one example, kept with the text it was learned from (a changed text or
-- label is learned again), its features and the shipped model's logits for it (the base the
-- desk's weights correct). The weights are fitted again from the examples after each change.
-- No foreign keys: an example outlives its row until the next pass takes it out.
CREATE TABLE desk_examples (
    kind          TEXT NOT NULL CHECK (kind IN ('claims', 'sentiment')),
    key           TEXT NOT NULL,          -- the decided row: 'suggestion:12', 'claim:4', 'sentiment:9'
    class         TEXT NOT NULL,          -- 'claim' / 'no', or a sentiment label
    positive      INTEGER NOT NULL CHECK (positive IN (0, 1)),  -- 0: the text is not `class`
    text          TEXT NOT NULL,
    features      TEXT NOT NULL,          -- JSON [[feature, value], …]
    base          TEXT NOT NULL,          -- JSON [logit per class]
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

CREATE TABLE desk_weights (
    kind          TEXT NOT NULL CHECK (kind IN ('claims', 'sentiment')),
    feature       TEXT NOT NULL,
    weights       TEXT NOT NULL,          -- JSON [weight per class]
    PRIMARY KEY (kind, feature)
) WITHOUT ROWID;
