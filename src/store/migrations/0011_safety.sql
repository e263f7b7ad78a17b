-- Data safety (issue 10).
-- Every Qabyldau database says so in its header: restore refuses any other
-- SQLite file before it replaces anything ('QBLD').
PRAGMA application_id = 1363299396;

-- Each imported row is remembered by the hash of its normalised content, so a
-- file imported again (or a row repeated within one file) is reported per row
-- ("already imported as REG-NO") and skipped instead of doubling appeals.
CREATE TABLE import_rows (
    hash        TEXT PRIMARY KEY,
    appeal_id   INTEGER REFERENCES appeals(id) ON DELETE SET NULL,
    reg_no      TEXT NOT NULL,
    imported_at TEXT NOT NULL
) WITHOUT ROWID;

-- A password set by someone else (`operator reset`) must be changed at the next login.
ALTER TABLE operators ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
