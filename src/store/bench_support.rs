//! Queries the benchmark measures until the real ones land: a quarter's
//! aggregation (stand-in for the quarterly report of branch `control`), the
//! quarter's appeals for an export, and the plain `LIKE` scan that search was
//! before the index (the baseline the index is compared with).
use super::appeals::{list_row, AppealRow, ROW_COLS};
use super::{parse_date, Result, Store};
use crate::domain::fold::{digits, fold};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use std::collections::BTreeMap;

/// Counts of a period's appeals by channel, topic, settlement and outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuarterCounts {
    pub total: i64,
    pub by_channel: BTreeMap<String, i64>,
    pub by_topic: BTreeMap<String, i64>,
    pub by_settlement: BTreeMap<String, i64>,
    /// Outcome code, or "" while none is recorded.
    pub by_outcome: BTreeMap<String, i64>,
    /// Appeals that have at least one instruction still on control.
    pub on_control: i64,
}

/// One row of a period's export.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRow {
    pub reg_no: String,
    pub registered_on: NaiveDate,
    pub channel: String,
    pub applicant_name: String,
    pub topic: String,
    pub settlement: String,
    pub status: String,
    pub outcome: String,
    pub essence: String,
}

impl Store {
    /// Aggregates the appeals registered from `from` to `to` (inclusive) in one
    /// pass over the `appeals_period` covering index.
    pub fn quarter_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<QuarterCounts> {
        let mut c = QuarterCounts::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT channel, topic, settlement, COALESCE(outcome, ''), count(*)
             FROM appeals WHERE registered_on BETWEEN ?1 AND ?2
             GROUP BY channel, topic, settlement, outcome",
        )?;
        let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
        while let Some(r) = rows.next()? {
            let n: i64 = r.get(4)?;
            c.total += n;
            for (i, map) in [
                &mut c.by_channel,
                &mut c.by_topic,
                &mut c.by_settlement,
                &mut c.by_outcome,
            ]
            .into_iter()
            .enumerate()
            {
                *map.entry(r.get::<_, String>(i)?).or_default() += n;
            }
        }
        c.on_control = self.conn.prepare_cached(
            "SELECT count(DISTINCT i.appeal_id) FROM instructions i JOIN appeals a ON a.id = i.appeal_id
             WHERE i.status = 'on_control' AND a.registered_on BETWEEN ?1 AND ?2",
        )?
        .query_row(params![from.to_string(), to.to_string()], |r| r.get(0))?;
        Ok(c)
    }

    /// Calls `each` for every appeal registered from `from` to `to`, oldest first,
    /// without holding them all in memory.
    pub fn for_each_appeal_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        each: &mut dyn FnMut(&ExportRow) -> std::result::Result<(), String>,
    ) -> Result<u64> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.reg_no, a.registered_on, a.channel,
               p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
               a.topic, a.settlement, a.status, COALESCE(a.outcome, ''), a.essence
             FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.registered_on BETWEEN ?1 AND ?2 ORDER BY a.registered_on, a.id",
        )?;
        let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let row = ExportRow {
                reg_no: r.get(0)?,
                registered_on: parse_date(&r.get::<_, String>(1)?),
                channel: r.get(2)?,
                applicant_name: r.get(3)?,
                topic: r.get(4)?,
                settlement: r.get(5)?,
                status: r.get(6)?,
                outcome: r.get(7)?,
                essence: r.get(8)?,
            };
            each(&row).map_err(super::StoreError::Invalid)?;
            n += 1;
        }
        Ok(n)
    }

    /// The search as it was before the index: `LIKE '%...%'` over every appeal
    /// (same matches on names, IIN, phone, registration number). Only for the
    /// benchmark's comparison.
    pub fn search_appeals_like_scan(&self, query: &str, limit: usize) -> Result<Vec<AppealRow>> {
        let q = query.trim();
        let d = digits(q);
        let only_digits =
            !d.is_empty() && q.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE (?1 <> '' AND (p.iin LIKE ?1 || '%'
                    OR replace(replace(p.phone, ' ', ''), '+', '') LIKE '%' || ?1 || '%'))
                OR (' ' || p.name_fold) LIKE '% ' || ?2 || '%'
                OR a.reg_no LIKE '%' || ?3 || '%'
             ORDER BY a.id DESC LIMIT ?4"
        ))?;
        let folded = if only_digits {
            String::from("\u{1}")
        } else {
            fold(q)
        };
        let digits_q = if only_digits { d } else { String::new() };
        let v = stmt
            .query_map(
                params![digits_q, folded, q.to_uppercase(), limit as i64],
                list_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }
}

impl Store {
    /// The floor an import is measured against: the same journal rows inserted by
    /// plain prepared statements in ONE transaction into the same tables (same
    /// indexes and triggers, the search index written at the end as the import
    /// does), with two hash-chained audit rows a row, and no checks at all.
    pub fn import_floor(&mut self, rows: &[super::synth::JournalRow], at: &str) -> Result<()> {
        self.write(|tx| -> Result<()> {
            let deferred = tx.defer_search_index()?;
            let c = tx.conn();
            let mut applicant = c.prepare(
                "INSERT INTO applicants (uid, kind, surname, name, patronymic, iin, phone,
                 language, name_fold, created_at, updated_at)
                 VALUES (?1, 'individual', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?;
            let mut appeal = c.prepare(
                "INSERT INTO appeals (uid, reg_no, registered_on, registered_at, channel,
                 applicant_id, essence, topic, settlement, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'walk_in', ?5, ?6, ?7, ?8, 'registered', ?4, ?4)",
            )?;
            let mut audit = c.prepare(
                "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after,
                 prev_hash, hash) VALUES (?1, 'floor', 'create', ?2, ?3, NULL, ?4, ?5, ?6)",
            )?;
            let mut prev: String = c
                .query_row(
                    "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_else(|| super::audit::GENESIS.to_string());
            let mut chain = |entity: &str, id: i64, after: String| -> Result<()> {
                let hash =
                    super::audit::chain_hash(&prev, at, "floor", "create", entity, id, &after);
                audit.execute(params![at, entity, id, after, prev, hash])?;
                prev = hash;
                Ok(())
            };
            for (i, r) in rows.iter().enumerate() {
                applicant.execute(params![
                    uuid::Uuid::now_v7().to_string(),
                    r.surname,
                    r.name,
                    r.patronymic,
                    r.iin,
                    r.phone,
                    r.language,
                    fold(&format!("{} {} {}", r.surname, r.name, r.patronymic)),
                    at
                ])?;
                let applicant_id = c.last_insert_rowid();
                chain(
                    "applicant",
                    applicant_id,
                    format!("{{\"surname\":{:?}}}", r.surname),
                )?;
                appeal.execute(params![
                    uuid::Uuid::now_v7().to_string(),
                    format!("FLR-{}-{:06}", r.registered_on.format("%Y"), i + 1),
                    r.registered_on.to_string(),
                    at,
                    applicant_id,
                    r.essence,
                    r.topic,
                    r.settlement
                ])?;
                let appeal_id = c.last_insert_rowid();
                chain("appeal", appeal_id, format!("{{\"topic\":{:?}}}", r.topic))?;
            }
            tx.finish_search_index(deferred)?;
            Ok(())
        })
    }
}
