-- Qabyldau schema, version 1.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE operators (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    login           TEXT NOT NULL UNIQUE,
    full_name       TEXT NOT NULL,
    position_kk     TEXT NOT NULL DEFAULT '',
    position_ru     TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL CHECK (role IN ('admin','clerk','control','viewer')),
    password_hash   TEXT NOT NULL DEFAULT '',
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL
);

CREATE TABLE officials (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    surname     TEXT NOT NULL,
    name        TEXT NOT NULL,
    patronymic  TEXT NOT NULL DEFAULT '',
    position_kk TEXT NOT NULL DEFAULT '',
    position_ru TEXT NOT NULL DEFAULT '',
    category    TEXT,
    active      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE applicants (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL DEFAULT 'individual' CHECK (kind IN ('individual','legal')),
    surname           TEXT NOT NULL,
    name              TEXT NOT NULL,
    patronymic        TEXT NOT NULL DEFAULT '',
    iin               TEXT NOT NULL DEFAULT '',
    bin               TEXT NOT NULL DEFAULT '',
    org_name          TEXT NOT NULL DEFAULT '',
    authority_doc     TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    language          TEXT NOT NULL DEFAULT 'kk' CHECK (language IN ('kk','ru')),
    category          TEXT,
    needs_interpreter INTEGER NOT NULL DEFAULT 0,
    consent_at        TEXT,
    consent_withdrawn_at TEXT,
    -- folded "surname name patronymic" for search (domain::fold)
    name_fold         TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX applicants_iin ON applicants(iin) WHERE iin <> '';
CREATE INDEX applicants_name_fold ON applicants(name_fold);

CREATE TABLE appeals (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,
    reg_no             TEXT NOT NULL UNIQUE,
    registered_on      TEXT NOT NULL,
    registered_at      TEXT NOT NULL,
    channel            TEXT NOT NULL CHECK (channel IN ('walk_in','phone','paper','electronic')),
    applicant_id       INTEGER NOT NULL REFERENCES applicants(id),
    essence            TEXT NOT NULL CHECK (length(trim(essence)) > 0),
    topic              TEXT NOT NULL DEFAULT '',
    settlement         TEXT NOT NULL DEFAULT '',
    requested_official INTEGER REFERENCES officials(id),
    national_reg_no    TEXT NOT NULL DEFAULT '',
    from_personal_reception INTEGER NOT NULL DEFAULT 0,
    status             TEXT NOT NULL DEFAULT 'registered',
    outcome            TEXT,
    due_on             TEXT,
    registered_by      INTEGER REFERENCES operators(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX appeals_applicant ON appeals(applicant_id);
CREATE INDEX appeals_registered_on ON appeals(registered_on);
CREATE INDEX appeals_status ON appeals(status);

-- Lifecycle history: one row per status change.
CREATE TABLE appeal_events (
    id          INTEGER PRIMARY KEY,
    appeal_id   INTEGER NOT NULL REFERENCES appeals(id),
    at          TEXT NOT NULL,
    operator_id INTEGER REFERENCES operators(id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX appeal_events_appeal ON appeal_events(appeal_id);

CREATE TABLE queue_entries (
    id           INTEGER PRIMARY KEY,
    day          TEXT NOT NULL,
    ticket       INTEGER NOT NULL,
    appeal_id    INTEGER NOT NULL REFERENCES appeals(id),
    official_id  INTEGER REFERENCES officials(id),
    category     TEXT,
    arrived_at   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'waiting'
                 CHECK (status IN ('waiting','called','in_reception','received','no_show','left')),
    on_hold      INTEGER NOT NULL DEFAULT 0,
    called_at    TEXT,
    finished_at  TEXT,
    out_of_order_reason TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (day, ticket)
);
CREATE INDEX queue_entries_appeal ON queue_entries(appeal_id);

CREATE TABLE protocols (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    appeal_id   INTEGER NOT NULL REFERENCES appeals(id),
    official_id INTEGER NOT NULL REFERENCES officials(id),
    held_on     TEXT NOT NULL,
    decision    TEXT NOT NULL,
    outcome     TEXT,
    operator_id INTEGER REFERENCES operators(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX protocols_appeal ON protocols(appeal_id);

CREATE TABLE instructions (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    protocol_id    INTEGER NOT NULL REFERENCES protocols(id),
    appeal_id      INTEGER NOT NULL REFERENCES appeals(id),
    text           TEXT NOT NULL,
    executor       TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'on_control' CHECK (status IN ('on_control','answered')),
    answered_on    TEXT,
    answer_summary TEXT NOT NULL DEFAULT '',
    answer_doc_no  TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX instructions_status_due ON instructions(status, due_on);
CREATE INDEX instructions_appeal ON instructions(appeal_id);

-- Append-only, hash-chained audit trail.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Registration number counters per office prefix and year.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
