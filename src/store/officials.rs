//! Officials who receive, and their record.
use super::{audit, Actor, Result, Store, StoreError};
use crate::domain::{Official, OfficialCategory};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

fn to_json(o: &Official) -> serde_json::Value {
    serde_json::to_value(o).unwrap_or_default()
}

const COLS: &str = "id, surname, name, patronymic, position_kk, position_ru, category, active";

fn official_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Official> {
    Ok(Official {
        id: r.get(0)?,
        surname: r.get(1)?,
        name: r.get(2)?,
        patronymic: r.get(3)?,
        position_kk: r.get(4)?,
        position_ru: r.get(5)?,
        category: r
            .get::<_, Option<String>>(6)?
            .and_then(|c| OfficialCategory::from_code(&c)),
        active: r.get::<_, i64>(7)? != 0,
    })
}

fn read_official(conn: &Connection, id: i64) -> Result<Official> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM officials WHERE id = ?1"))?
        .query_row([id], official_row)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Adds an official (id in `o` is ignored) in the caller's transaction; the new id.
pub(crate) fn add_official(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    o: &Official,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO officials (uid, surname, name, patronymic, position_kk, position_ru, category, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            uuid::Uuid::now_v7().to_string(),
            o.surname,
            o.name,
            o.patronymic,
            o.position_kk,
            o.position_ru,
            o.category.map(|c| c.code()),
            o.active as i64
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stored = o.clone();
    stored.id = id;
    audit::record(
        conn,
        actor,
        now,
        "create",
        "official",
        Some(id),
        None,
        Some(&to_json(&stored)),
    )?;
    Ok(id)
}

/// Updates an official's record in the caller's transaction.
pub(crate) fn update_official(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    o: &Official,
) -> Result<()> {
    let before = read_official(conn, o.id)?;
    conn.execute(
        "UPDATE officials SET surname=?2, name=?3, patronymic=?4, position_kk=?5, position_ru=?6,
         category=?7, active=?8 WHERE id=?1",
        params![
            o.id,
            o.surname,
            o.name,
            o.patronymic,
            o.position_kk,
            o.position_ru,
            o.category.map(|c| c.code()),
            o.active as i64
        ],
    )?;
    audit::record(
        conn,
        actor,
        now,
        "update",
        "official",
        Some(o.id),
        Some(&to_json(&before)),
        Some(&to_json(o)),
    )?;
    Ok(())
}

impl Store {
    /// Officials ordered by surname in the Kazakh alphabet; `active_only` hides retired ones.
    pub fn officials(&self, active_only: bool) -> Result<Vec<Official>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM officials WHERE active = 1 OR ?1 = 0
             ORDER BY surname COLLATE KK, name COLLATE KK"
        ))?;
        let rows = stmt
            .query_map([active_only as i64], official_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn official(&self, id: i64) -> Result<Official> {
        read_official(&self.conn, id)
    }

    /// Adds an official (id in `o` is ignored) and returns the new id.
    pub fn add_official(&mut self, actor: &Actor, now: NaiveDateTime, o: &Official) -> Result<i64> {
        self.write(|tx| tx.add_official(actor, now, o))
    }

    /// Updates an official's record.
    pub fn update_official(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        o: &Official,
    ) -> Result<()> {
        self.write(|tx| tx.update_official(actor, now, o))
    }
}
