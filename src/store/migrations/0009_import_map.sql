-- Bringing an office's own journal in (issue 16).
-- The office's decisions for journal values no classifier entry matched, remembered
-- per journal shape (its folded headings in order) for the next file of that shape.
CREATE TABLE import_maps (
    shape    TEXT PRIMARY KEY,
    mapping  TEXT NOT NULL,   -- the mapping file's TOML text (decided values only)
    saved_at TEXT NOT NULL
);
-- Classifier entries the office added while importing (kind 'topic'); the profile
-- in use is extended with them (Store::extend_profile).
CREATE TABLE classifier_additions (
    kind     TEXT NOT NULL,
    code     TEXT NOT NULL,
    kk       TEXT NOT NULL,
    ru       TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (kind, code)
);
-- The journal's own wording of a value kept as "other" (topic, category).
CREATE TABLE appeal_original_values (
    appeal_id INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    original  TEXT NOT NULL,
    PRIMARY KEY (appeal_id, field)
);
