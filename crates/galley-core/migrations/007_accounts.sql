-- Accounts for a shared workspace (galley serve): people get every role (admin, read only too),
-- an Argon2id password hash and a disabled mark; sessions are kept as hashes of their tokens.
CREATE TABLE people_new (
    name          TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer', 'read_only')),
    created_at    TEXT NOT NULL,
    password_hash TEXT,
    disabled_at   TEXT
);
INSERT INTO people_new (name, role, created_at) SELECT name, role, created_at FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    name          TEXT NOT NULL REFERENCES people(name) ON DELETE CASCADE,
    csrf          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_name ON sessions(name);
