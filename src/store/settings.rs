//! Key-value settings of the office (language, office prefix, profile, ...).
use super::{Actor, Result, Store};
use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        key: &str,
        value: &str,
    ) -> Result<()> {
        let before = self.setting(key)?;
        if before.as_deref() == Some(value) {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        super::audit::record(
            &tx,
            actor,
            now,
            "update",
            &format!("setting:{key}"),
            None,
            before.map(serde_json::Value::String).as_ref(),
            Some(&serde_json::Value::String(value.to_string())),
        )?;
        tx.commit()?;
        Ok(())
    }
}
