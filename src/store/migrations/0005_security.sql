-- Security and personal data (schema version 5).
-- When an applicant's personal data was reduced to initials after the retention
-- period (Law 94-V); such applicants are not depersonalised again.
ALTER TABLE applicants ADD COLUMN depersonalised_at TEXT;
-- The admin's journal and the login screen read the newest audit rows by action.
CREATE INDEX audit_log_action ON audit_log(action);
