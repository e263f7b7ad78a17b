-- Search index (issue 6): search-as-you-type under a frame on a million appeals.
-- Both tables are contentless (only the index, no copy of personal data) and keyed
-- by appeals.id, so the newest hits come straight from the index. The words are
-- computed by the Rust functions search_words()/search_phone() registered on every
-- connection (store/search.rs), the same code that folds the queries.

-- Folded name words, IIN/BIN, the sequence of the registration number; queried by
-- word prefixes. (Whole registration numbers: the B-tree indexes below.)
-- The prefix indexes make one- to three-letter prefixes (the first keystrokes) cheap.
CREATE VIRTUAL TABLE appeal_search USING fts5(
    words, content='', contentless_delete=1, prefix='1 2 3'
);
-- The phone's ten local digits; trigrams find any fragment of 3+ digits.
CREATE VIRTUAL TABLE appeal_phone USING fts5(
    digits, content='', contentless_delete=1, tokenize='trigram'
);

CREATE TRIGGER appeals_search_insert AFTER INSERT ON appeals BEGIN
    INSERT INTO appeal_search(rowid, words)
        SELECT NEW.id, search_words(p.surname, p.name, p.patronymic, p.org_name, p.iin, p.bin,
                                    NEW.reg_no)
        FROM applicants p WHERE p.id = NEW.applicant_id;
    INSERT INTO appeal_phone(rowid, digits)
        SELECT NEW.id, search_phone(p.phone)
        FROM applicants p WHERE p.id = NEW.applicant_id AND p.phone <> '';
END;

CREATE TRIGGER appeals_search_update AFTER UPDATE OF reg_no, applicant_id ON appeals
WHEN OLD.reg_no IS NOT NEW.reg_no OR OLD.applicant_id IS NOT NEW.applicant_id
BEGIN
    DELETE FROM appeal_search WHERE rowid = OLD.id;
    DELETE FROM appeal_phone WHERE rowid = OLD.id;
    INSERT INTO appeal_search(rowid, words)
        SELECT NEW.id, search_words(p.surname, p.name, p.patronymic, p.org_name, p.iin, p.bin,
                                    NEW.reg_no)
        FROM applicants p WHERE p.id = NEW.applicant_id;
    INSERT INTO appeal_phone(rowid, digits)
        SELECT NEW.id, search_phone(p.phone)
        FROM applicants p WHERE p.id = NEW.applicant_id AND p.phone <> '';
END;

CREATE TRIGGER appeals_search_delete AFTER DELETE ON appeals BEGIN
    DELETE FROM appeal_search WHERE rowid = OLD.id;
    DELETE FROM appeal_phone WHERE rowid = OLD.id;
END;

-- A change of the applicant's name or numbers re-indexes all of their appeals
-- (also depersonalisation: the old words leave the index).
CREATE TRIGGER applicants_search_update
AFTER UPDATE OF surname, name, patronymic, org_name, iin, bin, phone ON applicants
WHEN OLD.surname IS NOT NEW.surname OR OLD.name IS NOT NEW.name
  OR OLD.patronymic IS NOT NEW.patronymic OR OLD.org_name IS NOT NEW.org_name
  OR OLD.iin IS NOT NEW.iin OR OLD.bin IS NOT NEW.bin OR OLD.phone IS NOT NEW.phone
BEGIN
    DELETE FROM appeal_search WHERE rowid IN (SELECT id FROM appeals WHERE applicant_id = NEW.id);
    DELETE FROM appeal_phone WHERE rowid IN (SELECT id FROM appeals WHERE applicant_id = NEW.id);
    INSERT INTO appeal_search(rowid, words)
        SELECT a.id, search_words(NEW.surname, NEW.name, NEW.patronymic, NEW.org_name, NEW.iin,
                                  NEW.bin, a.reg_no)
        FROM appeals a WHERE a.applicant_id = NEW.id;
    INSERT INTO appeal_phone(rowid, digits)
        SELECT a.id, search_phone(NEW.phone)
        FROM appeals a WHERE a.applicant_id = NEW.id AND NEW.phone <> '';
END;

-- Existing appeals.
INSERT INTO appeal_search(rowid, words)
    SELECT a.id, search_words(p.surname, p.name, p.patronymic, p.org_name, p.iin, p.bin,
                              a.reg_no)
    FROM appeals a JOIN applicants p ON p.id = a.applicant_id;
INSERT INTO appeal_phone(rowid, digits)
    SELECT a.id, search_phone(p.phone)
    FROM appeals a JOIN applicants p ON p.id = a.applicant_id WHERE p.phone <> '';

-- Periodic reports (quarter counts by channel/topic/settlement/outcome) read only
-- this covering index, never the rows; it also serves every lookup by date, so the
-- index on registered_on alone is redundant. (The day's queue is served by the
-- UNIQUE (day, ticket) index of queue_entries.)
CREATE INDEX appeals_period ON appeals(registered_on, channel, topic, settlement, outcome);
DROP INDEX appeals_registered_on;

-- Prefix lookups of the national registration number (reg_no has its UNIQUE index).
CREATE INDEX appeals_national_reg_no ON appeals(national_reg_no) WHERE national_reg_no <> '';
