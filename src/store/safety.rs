//! Store side of data safety: forced password changes, the one-time recovery
//! code, resealing and backups in the audit trail.
use super::{audit, seal, Actor, Result, Store, StoreError};
use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde_json::json;

/// The setting that holds the hash of the one-time recovery code.
const RECOVERY_KEY: &str = "recovery_code_hash";

/// Why [`Store::add_first_admin`] refused: the database has an operator already
/// (another desk created the first administrator meanwhile).
pub const HAS_OPERATORS: &str = "the database has operators already";

/// Stores the hash of the recovery code with its audit row inside `tx`.
fn store_recovery_hash(
    tx: &rusqlite::Transaction,
    actor: &Actor,
    now: NaiveDateTime,
    hash: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![RECOVERY_KEY, hash],
    )?;
    audit::record(
        tx,
        actor,
        now,
        "recovery_code",
        "settings",
        None,
        None,
        None,
    )?;
    Ok(())
}

impl Store {
    /// Whether the operator's password was set by someone else and must be
    /// changed at the next login.
    pub fn must_change_password(&self, operator_id: i64) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT must_change_password FROM operators WHERE id = ?1",
                [operator_id],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?
            != 0)
    }

    /// Stores the hash of a new one-time recovery code (replacing any earlier
    /// one). The code itself is shown once, by the caller, and never stored.
    pub fn set_recovery_code_hash(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        hash: &str,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        store_recovery_hash(&tx, actor, now, hash)?;
        tx.commit()?;
        Ok(())
    }

    /// The first administrator of a database without operators and the hash of
    /// the one-time recovery code, in ONE transaction with their audit rows:
    /// there is never an administrator without a way back in. Refused
    /// ([`HAS_OPERATORS`]) when an operator exists by then.
    pub fn add_first_admin(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        op: &crate::domain::Operator,
        password_hash: &str,
        recovery_hash: &str,
    ) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: i64 = tx.query_row("SELECT COUNT(*) FROM operators", [], |r| r.get(0))?;
        if existing > 0 {
            return Err(StoreError::Invalid(HAS_OPERATORS.into()));
        }
        let id = super::operators::insert_operator(&tx, actor, now, op, password_hash)?;
        store_recovery_hash(&tx, actor, now, recovery_hash)?;
        tx.commit()?;
        Ok(id)
    }

    /// The stored hash of the recovery code, if one is unused.
    pub fn recovery_code_hash(&self) -> Result<Option<String>> {
        self.setting(RECOVERY_KEY)
    }

    /// Uses up the recovery code (after the caller verified it): it works once.
    pub fn consume_recovery_code(&mut self, actor: &Actor, now: NaiveDateTime) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM settings WHERE key = ?1", [RECOVERY_KEY])?;
        audit::record(
            &tx,
            actor,
            now,
            "recovery_code_used",
            "settings",
            None,
            None,
            None,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records a backup copy (where it went) in the audit trail.
    pub fn record_backup(&mut self, actor: &Actor, now: NaiveDateTime, file: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit::record(
            &tx,
            actor,
            now,
            "backup",
            "database",
            None,
            None,
            Some(&json!({ "file": file })),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Seals the current head after an audit row that names the seal it
    /// replaces (an administrator's decision after `check` reported a mismatch).
    pub fn reseal_audited(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        old: Option<&seal::Seal>,
    ) -> Result<seal::Seal> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit::record(
            &tx,
            actor,
            now,
            "reseal",
            "database",
            None,
            old.map(|s| json!({ "rows": s.rows, "last_id": s.last_id, "last_hash": s.last_hash }))
                .as_ref(),
            None,
        )?;
        tx.commit()?;
        self.reseal()
    }
}
