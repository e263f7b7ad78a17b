-- Personal values of audit snapshots, outside the chained rows (Law 94-V).
-- Audit rows are append-only and hash-chained, so a value written into one stays
-- for good. From this schema on, the personal fields of an applicant's snapshot
-- (names, IIN, phone, address, document of authority) in an audit row of an
-- appeal or an applicant are stored here and the row keeps `"personal": <id>`;
-- the chain covers the reference. `purge` deletes an applicant's rows here, so the
-- history shows "removed" where the values were. Rows written before this schema
-- keep their snapshots as they are (rewriting them would break the chain).
CREATE TABLE audit_personal (
    id           INTEGER PRIMARY KEY,
    applicant_id INTEGER NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX audit_personal_applicant ON audit_personal(applicant_id);
