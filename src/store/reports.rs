//! Figures of the quarterly (or any period's) report of the reception room.
use super::{parse_ts, Result, Store};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;

/// One line of a breakdown: a code (channel, topic, outcome, category), a
/// settlement or an official's name, and how many appeals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

/// Appeals registered in a period, broken down.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub appeals: i64,
    pub individuals: i64,
    pub legal_entities: i64,
    /// By channel code.
    pub by_channel: Vec<Count>,
    /// By topic code ("" = no topic).
    pub by_topic: Vec<Count>,
    /// By official: who received the applicant (latest protocol), else who was
    /// requested; "" = nobody yet.
    pub by_official: Vec<Count>,
    /// By outcome code; an appeal without an outcome counts as `pending`.
    pub by_outcome: Vec<Count>,
    /// By settlement ("" = not given).
    pub by_settlement: Vec<Count>,
    /// By out-of-turn category code (appeals of applicants with one only).
    pub by_category: Vec<Count>,
}

/// Difference between a period and the same period a year before.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Change {
    pub appeals: i64,
    pub individuals: i64,
    pub legal_entities: i64,
    /// Change of the number of appeals in per cent of last year's (None when 0).
    pub appeals_pct: Option<f64>,
}

/// The report of the reception room for a period.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub today: NaiveDate,
    pub current: Totals,
    pub previous_year: Totals,
    pub change: Change,
    /// Instructions whose due date falls in the period.
    pub instructions_due: i64,
    /// ... of which answered on or before the due date.
    pub instructions_met: i64,
    /// `instructions_met / instructions_due` in per cent (None when none was due).
    pub deadlines_met_pct: Option<f64>,
    /// Queue entries of the period that were called.
    pub waits_counted: i64,
    /// Average of `called_at - arrived_at` in minutes (None when nobody was called).
    pub average_wait_minutes: Option<f64>,
    /// Appeals of the period by an IIN that already had an appeal on the same topic.
    pub repeat_appeals: i64,
    /// Instructions on control as of `today` (any period).
    pub on_control: i64,
    /// ... of which past their due date.
    pub overdue: i64,
}

fn counts(conn: &Connection, sql: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare(sql)?;
    let mut v = stmt
        .query_map(params![from.to_string(), to.to_string()], |r| {
            Ok(Count {
                key: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                count: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    Ok(v)
}

const IN_PERIOD: &str = "a.registered_on BETWEEN ?1 AND ?2";

fn totals(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Totals> {
    let (appeals, individuals, legal): (i64, i64, i64) = conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(p.kind = 'individual'), 0), coalesce(sum(p.kind = 'legal'), 0)
             FROM appeals a JOIN applicants p ON p.id = a.applicant_id WHERE {IN_PERIOD}"
        ),
        params![from.to_string(), to.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let by = |expr: &str, extra: &str| {
        counts(
            conn,
            &format!(
                "SELECT {expr}, count(*) FROM appeals a JOIN applicants p ON p.id = a.applicant_id
                 WHERE {IN_PERIOD} {extra} GROUP BY 1"
            ),
            from,
            to,
        )
    };
    let official = "(SELECT o.surname || ' ' || o.name FROM officials o WHERE o.id = coalesce(
            (SELECT pr.official_id FROM protocols pr WHERE pr.appeal_id = a.id
             ORDER BY pr.held_on DESC, pr.id DESC LIMIT 1), a.requested_official))";
    Ok(Totals {
        from,
        to,
        appeals,
        individuals,
        legal_entities: legal,
        by_channel: by("a.channel", "")?,
        by_topic: by("a.topic", "")?,
        by_official: by(official, "")?,
        by_outcome: by("coalesce(a.outcome, 'pending')", "")?,
        by_settlement: by("a.settlement", "")?,
        by_category: by("p.category", "AND coalesce(p.category, '') <> ''")?,
    })
}

fn pct(part: i64, whole: i64) -> Option<f64> {
    (whole != 0).then(|| part as f64 * 100.0 / whole as f64)
}

fn year_before(d: NaiveDate) -> NaiveDate {
    d.checked_sub_months(Months::new(12)).unwrap_or(d)
}

impl Store {
    /// The report for appeals registered from `from` to `to` (inclusive); the
    /// control figures are as of `today`.
    pub fn report(&self, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Report> {
        let conn = &self.conn;
        let current = totals(conn, from, to)?;
        let previous_year = totals(conn, year_before(from), year_before(to))?;
        let change = Change {
            appeals: current.appeals - previous_year.appeals,
            individuals: current.individuals - previous_year.individuals,
            legal_entities: current.legal_entities - previous_year.legal_entities,
            appeals_pct: pct(
                current.appeals - previous_year.appeals,
                previous_year.appeals,
            ),
        };
        let (due, met): (i64, i64) = conn.query_row(
            "SELECT count(*), coalesce(sum(answered_on IS NOT NULL AND answered_on <= due_on), 0)
             FROM instructions WHERE due_on BETWEEN ?1 AND ?2",
            params![from.to_string(), to.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut stmt = conn.prepare(
            "SELECT arrived_at, called_at FROM queue_entries
             WHERE day BETWEEN ?1 AND ?2 AND called_at IS NOT NULL",
        )?;
        let waits: Vec<i64> = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(a, c)| (parse_ts(&c) - parse_ts(&a)).num_seconds())
            .collect();
        let average_wait_minutes = (!waits.is_empty())
            .then(|| waits.iter().sum::<i64>() as f64 / 60.0 / waits.len() as f64);
        let repeat_appeals: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM appeals a JOIN applicants p ON p.id = a.applicant_id
                 WHERE {IN_PERIOD} AND p.iin <> '' AND EXISTS (
                   SELECT 1 FROM appeals b JOIN applicants q ON q.id = b.applicant_id
                   WHERE q.iin = p.iin AND b.topic = a.topic AND b.id <> a.id
                     AND (b.registered_on < a.registered_on
                          OR (b.registered_on = a.registered_on AND b.id < a.id)))"
            ),
            params![from.to_string(), to.to_string()],
            |r| r.get(0),
        )?;
        let (on_control, overdue): (i64, i64) = conn.query_row(
            "SELECT count(*), coalesce(sum(due_on < ?1), 0) FROM instructions
             WHERE status = 'on_control'",
            [today.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Report {
            today,
            current,
            previous_year,
            change,
            instructions_due: due,
            instructions_met: met,
            deadlines_met_pct: pct(met, due),
            waits_counted: waits.len() as i64,
            average_wait_minutes,
            repeat_appeals,
            on_control,
            overdue,
        })
    }
}
