//! Bulk import of appeals: all rows in one transaction, all or nothing.
use super::appeals::{insert_appeal, Registered};
use super::{Actor, Result, Store};
use crate::domain::AppealDraft;
use chrono::{NaiveDate, NaiveDateTime};

impl Store {
    /// Registers every `(registered_on, draft)` row in ONE transaction: either all
    /// rows are stored or (on any error) none. Drafts must already be checked by
    /// `domain::register::check_appeal`.
    pub fn import_appeals(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        prefix: &str,
        rows: &[(NaiveDate, AppealDraft)],
    ) -> Result<Vec<Registered>> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(rows.len());
        for (on, draft) in rows {
            out.push(insert_appeal(&tx, actor, now, *on, prefix, draft)?);
        }
        tx.commit()?;
        Ok(out)
    }
}
