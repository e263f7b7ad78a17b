//! The append-only, hash-chained audit trail. Each row carries the hash of the
//! previous one, so editing or deleting history breaks the chain (and triggers
//! refuse UPDATE and DELETE on the table outright).
use super::{parse_ts, ts, Actor, Result, Store};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One row of the audit trail.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn row_hash(
    prev: &str,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        at,
        actor,
        action,
        entity,
        &entity_id.map(|i| i.to_string()).unwrap_or_default(),
        before.unwrap_or("\u{0}"),
        after.unwrap_or("\u{0}"),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Keys of an applicant's snapshot that hold personal data (Law 94-V): kept in
/// `audit_personal`, outside the chained row, so that purge can remove them.
pub const PERSONAL_KEYS: &[&str] = &[
    "surname",
    "name",
    "patronymic",
    "iin",
    "phone",
    "address",
    "authority_doc",
];

/// The snapshot to chain: for an applicant (the value) or an appeal (its
/// `applicant` member), the personal values go into `audit_personal` under the
/// applicant's id and `"personal": <row id>` takes their place. Other entities
/// as they are.
fn redact(conn: &Connection, entity: &str, entity_id: Option<i64>, v: &Value) -> Result<Value> {
    let mut v = v.clone();
    let target = match entity {
        "applicant" => Some(&mut v),
        "appeal" => v.get_mut("applicant"),
        _ => None,
    };
    let Some(obj) = target.and_then(Value::as_object_mut) else {
        return Ok(v);
    };
    let own_id = obj.get("id").and_then(Value::as_i64);
    let applicant_id = if entity == "applicant" {
        entity_id.or(own_id)
    } else {
        own_id
    };
    let Some(applicant_id) = applicant_id else {
        return Ok(v);
    };
    let mut personal = serde_json::Map::new();
    for k in PERSONAL_KEYS {
        if let Some(x) = obj.remove(*k) {
            personal.insert((*k).to_string(), x);
        }
    }
    if personal.is_empty() {
        return Ok(v);
    }
    let data = Value::Object(personal).to_string();
    conn.prepare_cached("INSERT INTO audit_personal (applicant_id, data) VALUES (?1, ?2)")?
        .execute(params![applicant_id, data])?;
    obj.insert("personal".into(), Value::from(conn.last_insert_rowid()));
    // The chained row carries the hash of the values kept outside it, so an
    // edited `audit_personal` row is noticed by `check` (schema 8 on).
    obj.insert("personal_sha256".into(), Value::from(sha256_hex(&data)));
    Ok(v)
}

fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A snapshot as read back: the personal values put back from `audit_personal`,
/// or `"personal": "removed"` once purge deleted them.
fn restore_personal(conn: &Connection, entity: &str, text: &str) -> Result<String> {
    let Ok(mut v) = serde_json::from_str::<Value>(text) else {
        return Ok(text.to_string());
    };
    let target = match entity {
        "applicant" => Some(&mut v),
        "appeal" => v.get_mut("applicant"),
        _ => None,
    };
    let Some(obj) = target.and_then(Value::as_object_mut) else {
        return Ok(text.to_string());
    };
    let Some(id) = obj.get("personal").and_then(Value::as_i64) else {
        return Ok(text.to_string());
    };
    let data: Option<String> = conn
        .prepare_cached("SELECT data FROM audit_personal WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match data.and_then(|d| serde_json::from_str::<Value>(&d).ok()) {
        Some(Value::Object(m)) => {
            obj.remove("personal");
            obj.remove("personal_sha256");
            obj.extend(m);
        }
        _ => {
            obj.insert("personal".into(), Value::from("removed"));
        }
    }
    Ok(v.to_string())
}

/// Puts the personal values back into an entry read from `audit_log`.
pub(crate) fn restore_entry(conn: &Connection, e: &mut AuditEntry) -> Result<()> {
    for side in [&mut e.before, &mut e.after] {
        if let Some(t) = side.as_deref() {
            *side = Some(restore_personal(conn, &e.entity, t)?);
        }
    }
    Ok(())
}

/// Appends one audit row. Call inside the transaction of the write it records.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    let last: Option<(String, String)> = conn
        .prepare_cached("SELECT hash, at FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let at = ts(now);
    let prev = last.map(|l| l.0).unwrap_or_else(|| GENESIS.to_string());
    // Rows written under a fixed clock (QABYLDAU_NOW) say so.
    let actor_name = if crate::clock::is_fixed() {
        format!("{}{}", actor.name, crate::clock::AUDIT_MARK)
    } else {
        actor.name.clone()
    };
    let actor = &Actor {
        operator_id: actor.operator_id,
        name: actor_name,
    };
    let before = before
        .map(|v| redact(conn, entity, entity_id, v))
        .transpose()?
        .map(|v| v.to_string());
    let after = after
        .map(|v| redact(conn, entity, entity_id, v))
        .transpose()?
        .map(|v| v.to_string());
    let hash = row_hash(
        &prev,
        &at,
        &actor.name,
        action,
        entity,
        entity_id,
        before.as_deref(),
        after.as_deref(),
    );
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        at, actor.name, action, entity, entity_id, before, after, prev, hash
    ])?;
    Ok(())
}

/// The hash of an audit row as [`record`] chains it (for the import benchmark's
/// floor, which writes its rows without the rest of `record`).
pub(crate) fn chain_hash(
    prev: &str,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: i64,
    after: &str,
) -> String {
    row_hash(
        prev,
        at,
        actor,
        action,
        entity,
        Some(entity_id),
        None,
        Some(after),
    )
}

/// The outcome of verifying the audit chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainReport {
    pub rows: u64,
    /// The id of the first row whose hash or link does not match, if any.
    pub broken_at: Option<i64>,
}

/// Recomputes every row's hash and link.
pub fn verify_chain(conn: &Connection) -> Result<ChainReport> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, before, after, prev_hash, hash
         FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut n = 0;
    while let Some(r) = rows.next()? {
        n += 1;
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let actor: String = r.get(2)?;
        let action: String = r.get(3)?;
        let entity: String = r.get(4)?;
        let entity_id: Option<i64> = r.get(5)?;
        let before: Option<String> = r.get(6)?;
        let after: Option<String> = r.get(7)?;
        let prev_hash: String = r.get(8)?;
        let hash: String = r.get(9)?;
        let expect = row_hash(
            &prev,
            &at,
            &actor,
            &action,
            &entity,
            entity_id,
            before.as_deref(),
            after.as_deref(),
        );
        if prev_hash != prev || hash != expect {
            return Ok(ChainReport {
                rows: n,
                broken_at: Some(id),
            });
        }
        prev = hash;
    }
    Ok(ChainReport {
        rows: n,
        broken_at: None,
    })
}

/// How far a record may be dated before the one it follows without counting as
/// a clock set back: writers that took their time before waiting for the lock
/// (two copies of the desk, a busy database) commit a little out of order.
pub const CLOCK_TOLERANCE_SECS: i64 = 3600;

/// The triggers that make `audit_log` append-only.
pub const TRIGGERS: &[&str] = &["audit_log_no_update", "audit_log_no_delete"];

/// Checks beyond the hash chain (one line per problem, no personal data):
/// the table and its append-only triggers exist, every row is dated no
/// earlier than its predecessor, and every personal snapshot kept outside the
/// chain (`audit_personal`) still has the hash its chained row recorded, or
/// was removed by purge (its applicant is depersonalised).
pub fn verify_extras(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let exists = |kind: &str, name: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = ?1 AND name = ?2",
            params![kind, name],
            |r| r.get::<_, i64>(0),
        )? > 0)
    };
    if !exists("table", "audit_log")? {
        problems.push("audit_log table is missing".to_string());
        return Ok(problems);
    }
    for t in TRIGGERS {
        if !exists("trigger", t)? {
            problems.push(format!(
                "audit trigger {t} is missing: the trail is not append-only"
            ));
        }
    }
    let backwards: Option<i64> = conn
        .query_row(
            "SELECT id FROM (SELECT id, at, lag(at) OVER (ORDER BY id) AS prev FROM audit_log)
             WHERE prev IS NOT NULL
               AND (julianday(prev) - julianday(at)) * 86400 > ?1 ORDER BY id LIMIT 1",
            [CLOCK_TOLERANCE_SECS],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = backwards {
        problems.push(format!(
            "audit row {id} is dated before the row preceding it (by more than an hour)"
        ));
    }
    if exists("table", "audit_personal")? {
        let mut stmt = conn.prepare(
            "SELECT id, entity, before, after FROM audit_log
             WHERE before LIKE '%personal_sha256%' OR after LIKE '%personal_sha256%' ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut bad = 0u64;
        let mut first: Option<i64> = None;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let entity: String = r.get(1)?;
            for side in [
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ]
            .into_iter()
            .flatten()
            {
                let Ok(mut v) = serde_json::from_str::<Value>(&side) else {
                    continue;
                };
                let obj = match entity.as_str() {
                    "applicant" => Some(&mut v),
                    "appeal" => v.get_mut("applicant"),
                    _ => None,
                };
                let Some(obj) = obj.and_then(Value::as_object_mut) else {
                    continue;
                };
                let (Some(pid), Some(want)) = (
                    obj.get("personal").and_then(Value::as_i64),
                    obj.get("personal_sha256").and_then(Value::as_str),
                ) else {
                    continue;
                };
                let row: Option<(i64, String)> = conn
                    .prepare_cached("SELECT applicant_id, data FROM audit_personal WHERE id = ?1")?
                    .query_row([pid], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                let ok = match row {
                    Some((_, data)) => sha256_hex(&data) == want,
                    // Removed: only purge may do that, and it depersonalises the applicant.
                    None => {
                        let applicant = if entity == "applicant" {
                            conn.query_row(
                                "SELECT entity_id FROM audit_log WHERE id = ?1",
                                [id],
                                |r| r.get::<_, Option<i64>>(0),
                            )?
                        } else {
                            obj.get("id").and_then(Value::as_i64)
                        };
                        match applicant {
                            Some(a) => conn
                                .query_row(
                                    "SELECT depersonalised_at IS NOT NULL FROM applicants WHERE id = ?1",
                                    [a],
                                    |r| r.get::<_, bool>(0),
                                )
                                .optional()?
                                .unwrap_or(false),
                            None => false,
                        }
                    }
                };
                if !ok {
                    bad += 1;
                    first.get_or_insert(id);
                }
            }
        }
        if let Some(id) = first {
            problems.push(format!(
                "audit_personal altered or removed outside purge: {bad} snapshot(s), first in audit row {id}"
            ));
        }
    }
    Ok(problems)
}

/// Reads an audit row selected as `id, at, actor, action, entity, entity_id, before, after`.
pub(crate) fn entry_row(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: parse_ts(&r.get::<_, String>(1)?),
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
    })
}

impl Store {
    /// The time of the newest audit row, if any.
    pub fn newest_audit_at(&self) -> Result<Option<NaiveDateTime>> {
        Ok(self
            .conn
            .prepare_cached("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| r.get::<_, String>(0))
            .optional()?
            .map(|s| parse_ts(&s)))
    }

    /// Refuses a clock earlier than the newest audit row (by more than
    /// [`CLOCK_TOLERANCE_SECS`])
    /// ([`super::StoreError::ClockBehind`]): what the desk and every writing
    /// command check before they write with `now`. (The store itself accepts
    /// any time: tests and demo data write history in any order.)
    pub fn check_clock(&self, now: NaiveDateTime) -> Result<()> {
        match self.newest_audit_at()? {
            Some(newest) if (newest - now).num_seconds() > CLOCK_TOLERANCE_SECS => {
                Err(super::StoreError::ClockBehind { now, newest })
            }
            _ => Ok(()),
        }
    }

    /// The audit rows of one record, oldest first (an appeal's history screen).
    pub fn audit_of(&self, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, actor, action, entity, entity_id, before, after
             FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
        )?;
        let mut rows = stmt
            .query_map(params![entity, entity_id], entry_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for e in &mut rows {
            restore_entry(&self.conn, e)?;
        }
        Ok(rows)
    }
}
