-- Control and follow-up (branch `control`): executors replaced on instructions
-- (for the conflict rule, 001 §24) and satisfaction surveys by phone (001 §38).

-- Every executor an instruction had before a reassignment.
CREATE TABLE instruction_executors (
    id             INTEGER PRIMARY KEY,
    instruction_id INTEGER NOT NULL REFERENCES instructions(id),
    appeal_id      INTEGER NOT NULL REFERENCES appeals(id),
    executor       TEXT NOT NULL,
    replaced_at    TEXT NOT NULL
);
CREATE INDEX instruction_executors_appeal ON instruction_executors(appeal_id);

-- A survey: a random sample of eligible applicants of a period.
CREATE TABLE surveys (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    -- "size:N" or "percent:P" as asked
    requested   TEXT NOT NULL,
    seed        INTEGER NOT NULL,
    eligible    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES operators(id)
);

-- One applicant to call, and the call's result once made.
CREATE TABLE survey_calls (
    id           INTEGER PRIMARY KEY,
    survey_id    INTEGER NOT NULL REFERENCES surveys(id),
    position     INTEGER NOT NULL,
    applicant_id INTEGER NOT NULL REFERENCES applicants(id),
    appeal_id    INTEGER NOT NULL REFERENCES appeals(id),
    reason       TEXT NOT NULL CHECK (reason IN ('consultation','declined')),
    called_at    TEXT,
    reached      INTEGER CHECK (reached IN (0, 1)),
    score        INTEGER CHECK (score BETWEEN 1 AND 5),
    comment      TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (survey_id, applicant_id),
    UNIQUE (survey_id, position)
);
CREATE INDEX survey_calls_called_at ON survey_calls(called_at);
