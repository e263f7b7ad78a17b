-- Search speed (issue 6): prefix indexes, phone endings, the list's rows.
-- The word index with prefix indexes of 1 to 8 characters. With only 1-3,
-- a 4- to 8-letter prefix ("serg", "kairato", "9005") had FTS5 merge the doclists of
-- every word starting with it (patronymics, IINs of one birth month): 2-5 ms on a
-- million appeals. Each prefix length is one doclist read from the newest end now,
-- about 0.02 ms, for about 85 bytes more index per appeal. Longer prefixes match
-- few words, so merging them stays cheap.
-- Same words and triggers (they refer to the table by name), rebuilt from the appeals.
DROP TABLE appeal_search;
CREATE VIRTUAL TABLE appeal_search USING fts5(
    words, content='', contentless_delete=1, prefix='1 2 3 4 5 6 7 8'
);
INSERT INTO appeal_search(rowid, words)
    SELECT a.id, search_words(p.surname, p.name, p.patronymic, p.org_name, p.iin, p.bin,
                              a.reg_no)
    FROM appeals a JOIN applicants p ON p.id = a.applicant_id;
INSERT INTO appeal_search(appeal_search) VALUES('optimize');

-- The phone index: every ending of 3+ digits of the number as a word, queried by
-- prefix (a fragment is the start of one ending), instead of trigrams, whose
-- phrase queries intersected doclists of thousands of numbers for every fragment
-- (about 1 ms each). Prefix indexes of 3-5 digits keep short fragments one
-- doclist; a longer fragment starts few endings.
DROP TABLE appeal_phone;
CREATE VIRTUAL TABLE appeal_phone USING fts5(
    digits, content='', contentless_delete=1, prefix='3 4 5'
);
INSERT INTO appeal_phone(rowid, digits)
    SELECT a.id, search_phone(p.phone)
    FROM appeals a JOIN applicants p ON p.id = a.applicant_id WHERE p.phone <> '';
INSERT INTO appeal_phone(appeal_phone) VALUES('optimize');

-- The search list's rows (a read model kept by triggers in the same transaction):
-- the columns one line of the appeals list shows, about 100 bytes per appeal,
-- keyed by appeals.id. A keystroke reads its 32 rows from here instead of two
-- wide tables (appeals ~320 bytes and applicants ~290 bytes a row), one random
-- read per row instead of two, and the table a search touches is a sixth of the
-- size, so it stays in the memory of a 4 GB office PC with an old disk.
-- Holds nothing that applicants/appeals do not; purge and edits reach it through
-- the triggers below; `qabyldau check` compares it with the tables.
CREATE TABLE appeal_list (
    id              INTEGER PRIMARY KEY,
    reg_no          TEXT NOT NULL,
    registered_on   TEXT NOT NULL,
    channel         TEXT NOT NULL,
    applicant_name  TEXT NOT NULL,
    iin             TEXT NOT NULL,
    phone           TEXT NOT NULL,
    topic           TEXT NOT NULL,
    status          TEXT NOT NULL,
    national_reg_no TEXT NOT NULL
);

CREATE TRIGGER appeals_list_insert AFTER INSERT ON appeals BEGIN
    INSERT INTO appeal_list
        SELECT NEW.id, NEW.reg_no, NEW.registered_on, NEW.channel,
               p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
               p.iin, p.phone, NEW.topic, NEW.status, NEW.national_reg_no
        FROM applicants p WHERE p.id = NEW.applicant_id;
END;

CREATE TRIGGER appeals_list_update
AFTER UPDATE OF reg_no, registered_on, channel, applicant_id, topic, status, national_reg_no
ON appeals BEGIN
    INSERT OR REPLACE INTO appeal_list
        SELECT NEW.id, NEW.reg_no, NEW.registered_on, NEW.channel,
               p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
               p.iin, p.phone, NEW.topic, NEW.status, NEW.national_reg_no
        FROM applicants p WHERE p.id = NEW.applicant_id;
END;

CREATE TRIGGER appeals_list_delete AFTER DELETE ON appeals BEGIN
    DELETE FROM appeal_list WHERE id = OLD.id;
END;

CREATE TRIGGER applicants_list_update
AFTER UPDATE OF surname, name, patronymic, iin, phone ON applicants BEGIN
    UPDATE appeal_list SET
        applicant_name = NEW.surname || ' ' || NEW.name
            || CASE WHEN NEW.patronymic <> '' THEN ' ' || NEW.patronymic ELSE '' END,
        iin = NEW.iin,
        phone = NEW.phone
    WHERE id IN (SELECT id FROM appeals WHERE applicant_id = NEW.id);
END;

INSERT INTO appeal_list
    SELECT a.id, a.reg_no, a.registered_on, a.channel,
           p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
           p.iin, p.phone, a.topic, a.status, a.national_reg_no
    FROM appeals a JOIN applicants p ON p.id = a.applicant_id ORDER BY a.id;
