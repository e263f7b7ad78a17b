//! Desk operators (accounts). Password hashing lives with the login code; the
//! store keeps the hash only.
use super::{audit, Actor, Result, Store, StoreError};
use crate::domain::{Operator, Role};
use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};

fn row(r: &rusqlite::Row) -> rusqlite::Result<Operator> {
    Ok(Operator {
        id: r.get(0)?,
        login: r.get(1)?,
        full_name: r.get(2)?,
        position_kk: r.get(3)?,
        position_ru: r.get(4)?,
        role: Role::from_code(&r.get::<_, String>(5)?).unwrap_or(Role::Viewer),
    })
}

const COLS: &str = "id, login, full_name, position_kk, position_ru, role";

impl Store {
    pub fn operators(&self) -> Result<Vec<Operator>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM operators WHERE active = 1 ORDER BY login"
        ))?;
        let v = stmt
            .query_map([], row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    pub fn operator(&self, id: i64) -> Result<Operator> {
        self.conn
            .prepare_cached(&format!("SELECT {COLS} FROM operators WHERE id = ?1"))?
            .query_row([id], row)
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    pub fn operator_by_login(&self, login: &str) -> Result<Option<Operator>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLS} FROM operators WHERE login = ?1 AND active = 1"
            ))?
            .query_row([login], row)
            .optional()?)
    }

    /// The stored password hash of a login.
    pub fn password_hash(&self, login: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT password_hash FROM operators WHERE login = ?1 AND active = 1")?
            .query_row([login], |r| r.get(0))
            .optional()?)
    }

    /// Creates an operator and returns the id.
    pub fn add_operator(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        op: &Operator,
        password_hash: &str,
    ) -> Result<i64> {
        self.write(|tx| tx.add_operator(actor, now, op, password_hash))
    }
}

/// Inserts an operator with its audit row in the caller's transaction; the id.
pub(crate) fn insert_operator(
    tx: &rusqlite::Connection,
    actor: &Actor,
    now: NaiveDateTime,
    op: &Operator,
    password_hash: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO operators (uid, login, full_name, position_kk, position_ru, role, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            uuid::Uuid::now_v7().to_string(),
            op.login,
            op.full_name,
            op.position_kk,
            op.position_ru,
            op.role.code(),
            password_hash,
            super::ts(now)
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut stored = op.clone();
    stored.id = id;
    audit::record(
        tx,
        actor,
        now,
        "create",
        "operator",
        Some(id),
        None,
        Some(&serde_json::to_value(&stored).unwrap_or_default()),
    )?;
    Ok(id)
}
