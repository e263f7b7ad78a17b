-- Rules, control and letters (issue 11).

-- The applicant's citizenship (foreigners and stateless persons, 001 §11); per appeal the
-- interpreter's language, whether an identity document was shown (001 §10) and, for a
-- collective appeal, the number of signatories (1 = an individual appeal).
ALTER TABLE applicants ADD COLUMN citizenship TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN interpreter_language TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN identity_shown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appeals ADD COLUMN signatories INTEGER NOT NULL DEFAULT 1 CHECK (signatories >= 1);

-- The outgoing letter of a step (number and date of the office's outgoing register).
ALTER TABLE appeal_events ADD COLUMN out_no TEXT;
ALTER TABLE appeal_events ADD COLUMN out_date TEXT;

-- The office's employees and units, from which executors are chosen (001 §37 compares
-- these, not spellings). A unit has no unit; an employee may belong to one.
CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('employee','unit')),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_fold  TEXT NOT NULL,
    unit_id    INTEGER REFERENCES staff(id),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    UNIQUE (kind, name_fold)
);
ALTER TABLE instructions ADD COLUMN executor_id INTEGER REFERENCES staff(id);
ALTER TABLE instruction_executors ADD COLUMN executor_id INTEGER REFERENCES staff(id);

-- Every round of control (004 §5(4)-(5)): an answer returned for rework with a reason
-- and a new due date (the returned answer kept as it was), or a deadline extended
-- with a reason.
CREATE TABLE instruction_rounds (
    id             INTEGER PRIMARY KEY,
    instruction_id INTEGER NOT NULL REFERENCES instructions(id),
    appeal_id      INTEGER NOT NULL REFERENCES appeals(id),
    kind           TEXT NOT NULL CHECK (kind IN ('returned','extended')),
    on_day         TEXT NOT NULL,
    at             TEXT NOT NULL,
    reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    old_due        TEXT NOT NULL,
    new_due        TEXT NOT NULL,
    answered_on    TEXT,
    answer_summary TEXT,
    answer_doc_no  TEXT,
    operator_id    INTEGER REFERENCES operators(id)
);
CREATE INDEX instruction_rounds_instruction ON instruction_rounds(instruction_id);
CREATE INDEX instruction_rounds_day ON instruction_rounds(on_day, kind);
