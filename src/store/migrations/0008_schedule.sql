-- Reception days (issue 15): officials' rooms, schedule rules, reception sessions,
-- the appointment book, absences of officials, others invited to a reception.
ALTER TABLE officials ADD COLUMN room TEXT NOT NULL DEFAULT '';

-- A recurring rule of an official's schedule: weekly, or the nth weekday of a month
-- (nth = -1: the last one). weekday: 1 = Monday .. 7 = Sunday.
CREATE TABLE schedule_rules (
    id           INTEGER PRIMARY KEY,
    official_id  INTEGER NOT NULL REFERENCES officials(id),
    kind         TEXT NOT NULL CHECK (kind IN ('weekly','monthly')),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    nth          INTEGER NOT NULL DEFAULT 0,
    start_time   TEXT NOT NULL,
    end_time     TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    format       TEXT NOT NULL CHECK (format IN ('in_person','video','field')),
    slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL
);

-- One reception session of an official (001 §7-9, §13-14; 004 §6(3)-(4)).
CREATE TABLE reception_sessions (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    official_id      INTEGER NOT NULL REFERENCES officials(id),
    day              TEXT NOT NULL,
    start_time       TEXT NOT NULL,
    end_time         TEXT NOT NULL,
    place            TEXT NOT NULL DEFAULT '',
    format           TEXT NOT NULL CHECK (format IN ('in_person','video','field')),
    slot_minutes     INTEGER NOT NULL CHECK (slot_minutes > 0),
    origin           TEXT NOT NULL CHECK (origin IN ('schedule','instruction','after_meeting')),
    rule_id          INTEGER REFERENCES schedule_rules(id),
    instruction_no   TEXT NOT NULL DEFAULT '',
    instruction_date TEXT,
    cancelled        INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL
);
CREATE INDEX reception_sessions_day ON reception_sessions(day, official_id);
CREATE INDEX reception_sessions_official ON reception_sessions(official_id, day);

-- The appointment book: an appeal booked into a slot of a session.
-- pinned: the time was chosen or already told, so re-planning does not move it.
CREATE TABLE bookings (
    id               INTEGER PRIMARY KEY,
    session_id       INTEGER NOT NULL REFERENCES reception_sessions(id),
    appeal_id        INTEGER NOT NULL REFERENCES appeals(id),
    slot_time        TEXT NOT NULL,
    out_of_turn      INTEGER NOT NULL DEFAULT 0,
    pinned           INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked','moved','cancelled')),
    video_consent_at TEXT,
    note_on          TEXT,
    told_at          TEXT,
    moved_from       INTEGER REFERENCES bookings(id),
    queue_entry_id   INTEGER REFERENCES queue_entries(id),
    created_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX bookings_slot ON bookings(session_id, slot_time) WHERE status = 'booked';
CREATE INDEX bookings_appeal ON bookings(appeal_id);

-- Calls to applicants about their booking (a moved reception, the date and time).
CREATE TABLE booking_calls (
    id         INTEGER PRIMARY KEY,
    booking_id INTEGER NOT NULL REFERENCES bookings(id),
    at         TEXT NOT NULL,
    reached    INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX booking_calls_booking ON booking_calls(booking_id);

-- An official cannot receive (001 §16): sick leave, business trip, other.
CREATE TABLE absences (
    id          INTEGER PRIMARY KEY,
    official_id INTEGER NOT NULL REFERENCES officials(id),
    from_day    TEXT NOT NULL,
    to_day      TEXT NOT NULL CHECK (to_day >= from_day),
    reason      TEXT NOT NULL DEFAULT '',
    told_on     TEXT NOT NULL,
    late        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);
CREATE INDEX absences_official ON absences(official_id, from_day);

-- Representatives of other bodies invited to a reception (000 §17, 001 §18-20).
CREATE TABLE participants (
    id                  INTEGER PRIMARY KEY,
    session_id          INTEGER NOT NULL REFERENCES reception_sessions(id),
    appeal_id           INTEGER REFERENCES appeals(id),
    body                TEXT NOT NULL CHECK (length(trim(body)) > 0),
    person              TEXT NOT NULL DEFAULT '',
    invited_on          TEXT NOT NULL,
    applicant_told_on   TEXT,
    refused_on          TEXT,
    refusal_reason      TEXT NOT NULL DEFAULT '',
    refusal_reported_on TEXT,
    created_at          TEXT NOT NULL
);
CREATE INDEX participants_session ON participants(session_id);

-- The queue of the day knows the booking it came from and a same-day walk-in's
-- consent to be received by a unit head (001 §3).
ALTER TABLE queue_entries ADD COLUMN booking_id INTEGER REFERENCES bookings(id);
ALTER TABLE queue_entries ADD COLUMN same_day_consent_at TEXT;
CREATE INDEX queue_entries_day_official ON queue_entries(day, official_id);
