//! Operators' accounts from the administrator's form: a new operator, or an
//! edited one with (optionally) a new password, each in ONE IMMEDIATE
//! transaction with its audit rows.
use crate::domain::Operator;
use crate::store::{Actor, Store, StoreError};
use chrono::NaiveDateTime;

/// Saves the operator form: `op.id` 0 adds the operator with `password_hash`
/// (required then), otherwise updates name, positions and role and, when
/// `password_hash` is given, the password (to be changed at that operator's
/// next login when someone else set it) in the same transaction: a refused
/// role change ([`crate::store::LAST_ADMIN`]) stores no password either.
/// Returns the operator's id. The store's error is returned as is: the form
/// words the last-admin refusal next to the role.
pub fn save_operator(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    op: &Operator,
    password_hash: Option<&str>,
) -> Result<i64, StoreError> {
    store.write(|tx| {
        if op.id == 0 {
            let hash = password_hash.ok_or_else(|| StoreError::Invalid("password".into()))?;
            return tx.add_operator(actor, now, op, hash);
        }
        tx.update_operator(actor, now, op)?;
        if let Some(hash) = password_hash {
            tx.set_password_hash(actor, now, op.id, hash)?;
        }
        Ok(op.id)
    })
}
