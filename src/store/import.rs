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
        self.import_appeals_with(
            actor,
            now,
            prefix,
            rows,
            &crate::cancel::Cancel::new(),
            &mut |_, _| {},
        )
    }

    /// [`Store::import_appeals`] calling `progress(done, total)` per row and
    /// stopping with [`StoreError::Cancelled`](super::StoreError::Cancelled) when
    /// `cancel` is set: the one transaction is then rolled back, nothing stays.
    pub fn import_appeals_with(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        prefix: &str,
        rows: &[(NaiveDate, AppealDraft)],
        cancel: &crate::cancel::Cancel,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<Registered>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(rows.len());
        for (i, (on, draft)) in rows.iter().enumerate() {
            if cancel.is_cancelled() {
                // Dropping `tx` rolls everything back.
                return Err(super::StoreError::Cancelled);
            }
            out.push(insert_appeal(&tx, actor, now, *on, prefix, draft)?);
            progress(i + 1, rows.len());
        }
        if cancel.is_cancelled() {
            return Err(super::StoreError::Cancelled);
        }
        tx.commit()?;
        Ok(out)
    }
}
