-- The appeal's next due action (domain::lifecycle::next_due) next to its due date.
ALTER TABLE appeals ADD COLUMN next_action TEXT;
CREATE INDEX appeals_due ON appeals(due_on) WHERE due_on IS NOT NULL;
