//! Storage for bringing an office's journal in: remembered value mappings,
//! classifier entries added during an import, the original wording of values
//! kept as "other", and the import itself (one IMMEDIATE transaction).
use super::appeals::{insert_appeal, Registered};
use super::{audit, ts, Actor, Result, Store};
use crate::domain::profile::{Labelled, Profile};
use crate::domain::AppealDraft;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

/// One journal row ready to store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportRow {
    pub registered_on: NaiveDate,
    /// Checked by `domain::register::check_appeal`.
    pub draft: AppealDraft,
    /// (field, the journal's wording) of values kept as "other".
    pub originals: Vec<(String, String)>,
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

    /// Stores a journal in ONE IMMEDIATE transaction: the classifier entries it
    /// adds, every row (with the original wording of values kept as "other"),
    /// and the mapping to remember for its shape, each with its audit row.
    /// All or nothing. Rows must already be checked.
    pub fn import_journal(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        prefix: &str,
        rows: &[ImportRow],
        additions: &[Addition],
        remember: Option<(&str, &str)>,
    ) -> Result<Vec<Registered>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for a in additions {
            let added = tx.execute(
                "INSERT OR IGNORE INTO classifier_additions (kind, code, kk, ru, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![a.kind, a.entry.code, a.entry.kk, a.entry.ru, ts(now)],
            )?;
            if added > 0 {
                audit::record(
                    &tx,
                    actor,
                    now,
                    "create",
                    &format!("classifier:{}", a.kind),
                    None,
                    None,
                    Some(&json!({"code": a.entry.code, "kk": a.entry.kk, "ru": a.entry.ru})),
                )?;
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let reg = insert_appeal(&tx, actor, now, row.registered_on, prefix, &row.draft)?;
            for (field, original) in &row.originals {
                tx.prepare_cached(
                    "INSERT INTO appeal_original_values (appeal_id, field, original)
                     VALUES (?1, ?2, ?3)",
                )?
                .execute(params![reg.appeal_id, field, original])?;
                // A category says something about the person: its wording stays
                // out of the append-only audit chain.
                let after = if field == "category" {
                    json!({"field": field})
                } else {
                    json!({"field": field, "original": original})
                };
                audit::record(
                    &tx,
                    actor,
                    now,
                    "create",
                    "appeal_original",
                    Some(reg.appeal_id),
                    None,
                    Some(&after),
                )?;
            }
            out.push(reg);
        }
        if let Some((shape, mapping)) = remember {
            let before: Option<String> = tx
                .query_row(
                    "SELECT mapping FROM import_maps WHERE shape = ?1",
                    [shape],
                    |r| r.get(0),
                )
                .optional()?;
            if before.as_deref() != Some(mapping) {
                tx.execute(
                    "INSERT INTO import_maps (shape, mapping, saved_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(shape) DO UPDATE SET mapping = excluded.mapping,
                     saved_at = excluded.saved_at",
                    params![shape, mapping, ts(now)],
                )?;
                audit::record(
                    &tx,
                    actor,
                    now,
                    "update",
                    "import_map",
                    None,
                    before
                        .map(|b| json!({"shape": shape, "mapping": b}))
                        .as_ref(),
                    Some(&json!({"shape": shape, "mapping": mapping})),
                )?;
            }
        }
        tx.commit()?;
        Ok(out)
    }
}
