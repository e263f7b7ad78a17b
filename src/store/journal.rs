//! Storage for bringing an office's journal in: remembered value mappings,
//! classifier entries added during an import, the original wording of values
//! kept as "other" (written inside the import's transaction, `Tx`).
use super::{audit, ts, Actor, Result, Store};
use crate::domain::profile::{Labelled, Profile};
use crate::domain::AppealDraft;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

/// One journal row ready to store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportRow {
    /// Its number in the file (the header is row 1): for "row N: ..." reports.
    pub row: usize,
    pub registered_on: NaiveDate,
    /// Checked by `domain::register::check_appeal`.
    pub draft: AppealDraft,
    /// (field, the journal's wording) of values kept as "other", and the
    /// journal's outcome text ("outcome").
    pub originals: Vec<(String, String)>,
    /// The answer date the journal gives (issue 16, historical rows).
    pub answered_on: Option<NaiveDate>,
    /// The profile outcome the journal's outcome text matched.
    pub outcome: Option<String>,
    /// Brought in as finished: answered (when dated) and closed, nothing due.
    pub closed: bool,
}

/// A classifier entry added by an import (`kind` "topic").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addition {
    pub kind: String,
    pub entry: Labelled,
}

impl Store {
    /// The mapping (TOML text) remembered for journals of this shape.
    pub fn import_map(&self, shape: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT mapping FROM import_maps WHERE shape = ?1",
                [shape],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Classifier entries the office added during imports, oldest first.
    pub fn classifier_additions(&self) -> Result<Vec<Addition>> {
        let mut st = self.conn.prepare(
            "SELECT kind, code, kk, ru FROM classifier_additions ORDER BY added_at, code",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Addition {
                kind: r.get(0)?,
                entry: Labelled {
                    code: r.get(1)?,
                    kk: r.get(2)?,
                    ru: r.get(3)?,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Adds the office's own classifier entries to a profile (topics), so
    /// checks, cards and reports know them. Entries the profile has are kept.
    pub fn extend_profile(&self, profile: &mut Profile) -> Result<()> {
        for a in self.classifier_additions()? {
            if a.kind == "topic" && profile.topic(&a.entry.code).is_none() {
                profile.topics.push(a.entry);
            }
        }
        Ok(())
    }

    /// Settlements as already written in the database, most used first (an
    /// imported spelling that folds the same takes this one).
    pub fn known_settlements(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT settlement FROM appeals WHERE settlement <> ''
             GROUP BY settlement ORDER BY count(*) DESC, settlement",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// The journal's wording of an appeal's values kept as "other": (field, text).
    pub fn appeal_originals(&self, appeal_id: i64) -> Result<Vec<(String, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT field, original FROM appeal_original_values WHERE appeal_id = ?1 ORDER BY field",
        )?;
        let rows = st.query_map([appeal_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Adds a classifier entry the office made during an import (if new), audited.
pub(super) fn add_classifier_entry(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    a: &Addition,
) -> Result<()> {
    let added = conn.execute(
        "INSERT OR IGNORE INTO classifier_additions (kind, code, kk, ru, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.kind, a.entry.code, a.entry.kk, a.entry.ru, ts(now)],
    )?;
    if added > 0 {
        audit::record(
            conn,
            actor,
            now,
            "create",
            &format!("classifier:{}", a.kind),
            None,
            None,
            Some(&json!({"code": a.entry.code, "kk": a.entry.kk, "ru": a.entry.ru})),
        )?;
    }
    Ok(())
}

/// Keeps the journal's wording of a value of an appeal kept as "other", audited.
pub(super) fn record_original(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    field: &str,
    original: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO appeal_original_values (appeal_id, field, original) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![appeal_id, field, original])?;
    // A category says something about the person: its wording stays out of the
    // append-only audit chain.
    let after = if field == "category" {
        json!({"field": field})
    } else {
        json!({"field": field, "original": original})
    };
    audit::record(
        conn,
        actor,
        now,
        "create",
        "appeal_original",
        Some(appeal_id),
        None,
        Some(&after),
    )
}

/// Remembers the mapping (TOML text) for journals of `shape`, audited when it
/// changes.
pub(super) fn remember_import_map(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    shape: &str,
    mapping: &str,
) -> Result<()> {
    let before: Option<String> = conn
        .query_row(
            "SELECT mapping FROM import_maps WHERE shape = ?1",
            [shape],
            |r| r.get(0),
        )
        .optional()?;
    if before.as_deref() == Some(mapping) {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO import_maps (shape, mapping, saved_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(shape) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at",
        params![shape, mapping, ts(now)],
    )?;
    audit::record(
        conn,
        actor,
        now,
        "update",
        "import_map",
        None,
        before
            .map(|b| json!({"shape": shape, "mapping": b}))
            .as_ref(),
        Some(&json!({"shape": shape, "mapping": mapping})),
    )
}

/// Sets the outcome (a profile outcome code) of an appeal brought in from an
/// office's journal as finished, audited.
pub(super) fn set_journal_outcome(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    code: &str,
) -> Result<()> {
    conn.prepare_cached("UPDATE appeals SET outcome = ?2 WHERE id = ?1")?
        .execute(params![appeal_id, code])?;
    audit::record(
        conn,
        actor,
        now,
        "update",
        "appeal_outcome",
        Some(appeal_id),
        None,
        Some(&json!({"outcome": code, "from": "journal"})),
    )
}
