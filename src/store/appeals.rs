//! Appeals and their applicants: registration, reading, editing, search.
use super::{audit, parse_date, parse_ts, ts, Actor, Result, Store, StoreError};
use crate::domain::fold::fold;
use crate::domain::lifecycle::NextAction;
use crate::domain::{Appeal, AppealDraft, Applicant, ApplicantKind, Channel, Lang};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

/// What registration hands back: enough for the talon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registered {
    pub appeal_id: i64,
    pub reg_no: String,
    pub registered_on: NaiveDate,
    pub registered_at: NaiveDateTime,
    /// Ticket number in today's queue, when the applicant was queued.
    pub ticket: Option<u32>,
}

/// One line of the appeals list.
#[derive(Clone, Debug, PartialEq)]
pub struct AppealRow {
    pub id: i64,
    pub reg_no: String,
    pub registered_on: NaiveDate,
    pub channel: Channel,
    pub applicant_name: String,
    pub iin: String,
    pub phone: String,
    pub topic: String,
    pub status: String,
    pub national_reg_no: String,
}

/// One lifecycle step of an appeal: when, from which status, to which, and its data (JSON).
pub type AppealEvent = (NaiveDateTime, Option<String>, String, String);

/// A search result (same as a list row).
pub type SearchHit = AppealRow;

pub(crate) const ROW_COLS: &str = "a.id, a.reg_no, a.registered_on, a.channel,
    p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
    p.iin, p.phone, a.topic, a.status, a.national_reg_no";

pub(crate) fn list_row(r: &rusqlite::Row) -> rusqlite::Result<AppealRow> {
    Ok(AppealRow {
        id: r.get(0)?,
        reg_no: r.get(1)?,
        registered_on: parse_date(&r.get::<_, String>(2)?),
        channel: Channel::from_code(&r.get::<_, String>(3)?).unwrap_or(Channel::WalkIn),
        applicant_name: r.get(4)?,
        iin: r.get(5)?,
        phone: r.get(6)?,
        topic: r.get(7)?,
        status: r.get(8)?,
        national_reg_no: r.get(9)?,
    })
}

pub(crate) fn applicant_json(a: &Applicant) -> serde_json::Value {
    serde_json::to_value(a).unwrap_or_default()
}

/// The newest applicant with this IIN, if any.
fn applicant_by_iin(conn: &Connection, iin: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM applicants WHERE iin = ?1 AND iin <> '' ORDER BY id DESC LIMIT 1",
        )?
        .query_row([iin], |r| r.get(0))
        .optional()?)
}

/// Whether two applicants carry the same name (case, Kazakh/Russian spelling
/// variants and spaces aside).
fn same_name(a: &Applicant, b: &Applicant) -> bool {
    let key = |x: &Applicant| {
        [&x.surname, &x.name, &x.patronymic]
            .map(|s| fold(s).split_whitespace().collect::<Vec<_>>().join(" "))
    };
    key(a) == key(b)
}

/// When `a`'s IIN is already in the database under another name: that
/// applicant's id and name (the desk shows it and asks).
pub(crate) fn iin_conflict(conn: &Connection, a: &Applicant) -> Result<Option<(i64, String)>> {
    if a.iin.is_empty() {
        return Ok(None);
    }
    let Some(id) = applicant_by_iin(conn, &a.iin)? else {
        return Ok(None);
    };
    let earlier = read_applicant(conn, id)?;
    Ok((!same_name(&earlier, a)).then(|| (id, earlier.full_name())))
}

/// Inserts the applicant, or updates the one with the same IIN, and returns the id.
///
/// An IIN already stored under another name is refused with
/// [`StoreError::IinBelongsTo`] unless `new_name` says the clerk confirmed it is
/// the same person with a new name: then a new applicant record carries the new
/// name (earlier appeals keep the name they were filed under) and the change is
/// in the history of the earlier record ("renamed").
fn upsert_applicant(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    a: &Applicant,
    new_name: bool,
) -> Result<i64> {
    let mut existing: Option<i64> = if a.iin.is_empty() {
        a.id
    } else {
        applicant_by_iin(conn, &a.iin)?
    };
    let mut renamed_from: Option<Applicant> = None;
    if let (Some(id), false) = (existing, a.iin.is_empty()) {
        let earlier = read_applicant(conn, id)?;
        if !same_name(&earlier, a) {
            if !new_name {
                return Err(StoreError::IinBelongsTo {
                    applicant_id: id,
                    name: super::Personal(earlier.full_name()),
                });
            }
            renamed_from = Some(earlier);
            existing = None;
        }
    }
    let name_fold = fold(&a.full_name());
    let now_s = ts(now);
    match existing {
        Some(id) => {
            let before = read_applicant(conn, id)?;
            conn.prepare_cached(
                "UPDATE applicants SET kind=?2, surname=?3, name=?4, patronymic=?5, iin=?6, bin=?7,
                 org_name=?8, authority_doc=?9, phone=?10, address=?11, language=?12, category=?13,
                 needs_interpreter=?14,
                 consent_at=CASE WHEN consent_withdrawn_at IS NOT NULL THEN ?15
                                 ELSE COALESCE(consent_at, ?15) END,
                 consent_withdrawn_at=CASE WHEN ?15 IS NOT NULL THEN NULL
                                           ELSE consent_withdrawn_at END,
                 name_fold=?16,
                 updated_at=?17, version=version+1 WHERE id=?1",
            )?
            .execute(params![
                id,
                a.kind().code(),
                a.surname,
                a.name,
                a.patronymic,
                a.iin,
                a.bin,
                a.org_name,
                a.authority_doc,
                a.phone,
                a.address,
                a.language.code(),
                a.category,
                a.needs_interpreter as i64,
                a.consent.then(|| now_s.clone()),
                name_fold,
                now_s
            ])?;
            let mut after = a.clone();
            after.id = Some(id);
            if before != after {
                audit::record(
                    conn,
                    actor,
                    now,
                    "update",
                    "applicant",
                    Some(id),
                    Some(&applicant_json(&before)),
                    Some(&applicant_json(&after)),
                )?;
            }
            Ok(id)
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO applicants (uid, kind, surname, name, patronymic, iin, bin, org_name,
                 authority_doc, phone, address, language, category, needs_interpreter, consent_at,
                 name_fold, created_at, updated_at)
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?17)",
            )?
            .execute(params![
                uuid::Uuid::now_v7().to_string(),
                a.kind().code(),
                a.surname,
                a.name,
                a.patronymic,
                a.iin,
                a.bin,
                a.org_name,
                a.authority_doc,
                a.phone,
                a.address,
                a.language.code(),
                a.category,
                a.needs_interpreter as i64,
                a.consent.then(|| now_s.clone()),
                name_fold,
                now_s
            ])?;
            let id = conn.last_insert_rowid();
            let mut after = a.clone();
            after.id = Some(id);
            audit::record(
                conn,
                actor,
                now,
                "create",
                "applicant",
                Some(id),
                None,
                Some(&applicant_json(&after)),
            )?;
            if let Some(earlier) = renamed_from {
                // In the earlier record's history: who it became, under which name.
                let mut to = after.clone();
                to.id = Some(id);
                audit::record(
                    conn,
                    actor,
                    now,
                    "renamed",
                    "applicant",
                    earlier.id,
                    Some(&applicant_json(&earlier)),
                    Some(&applicant_json(&to)),
                )?;
            }
            Ok(id)
        }
    }
}

pub(crate) fn read_applicant(conn: &Connection, id: i64) -> Result<Applicant> {
    conn.prepare_cached(
        "SELECT id, kind, surname, name, patronymic, iin, bin, org_name, authority_doc, phone,
         address, language, category, needs_interpreter, consent_at IS NOT NULL AND consent_withdrawn_at IS NULL
         FROM applicants WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Applicant {
            id: Some(r.get(0)?),
            kind: ApplicantKind::from_code(&r.get::<_, String>(1)?),
            surname: r.get(2)?,
            name: r.get(3)?,
            patronymic: r.get(4)?,
            iin: r.get(5)?,
            bin: r.get(6)?,
            org_name: r.get(7)?,
            authority_doc: r.get(8)?,
            phone: r.get(9)?,
            address: r.get(10)?,
            language: Lang::from_code(&r.get::<_, String>(11)?).unwrap_or_default(),
            category: r.get(12)?,
            needs_interpreter: r.get::<_, i64>(13)? != 0,
            consent: r.get::<_, i64>(14)? != 0,
        })
    })
    .optional()?
    .ok_or(StoreError::NotFound)
}

/// Next value of a named counter (registration numbers per office and year).
pub(crate) fn next_counter(conn: &Connection, name: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO counters (name, value) VALUES (?1, 1)
         ON CONFLICT(name) DO UPDATE SET value = value + 1",
    )?
    .execute([name])?;
    Ok(conn
        .prepare_cached("SELECT value FROM counters WHERE name = ?1")?
        .query_row([name], |r| r.get(0))?)
}

/// Records a lifecycle status change in the appeal's history and the audit trail.
pub(crate) fn record_status(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    from: Option<&str>,
    to: &str,
    data: serde_json::Value,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO appeal_events (appeal_id, at, operator_id, from_status, to_status, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        appeal_id,
        ts(now),
        actor.operator_id,
        from,
        to,
        data.to_string()
    ])?;
    if from.is_some() {
        conn.prepare_cached(
            "UPDATE appeals SET status = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1",
        )?
        .execute(params![appeal_id, to, ts(now)])?;
        audit::record(
            conn,
            actor,
            now,
            "status",
            "appeal",
            Some(appeal_id),
            Some(&json!({ "status": from })),
            Some(&json!({ "status": to, "data": data })),
        )?;
    }
    Ok(())
}

/// Inserts one validated appeal (and its applicant) inside the caller's transaction:
/// the shared body of `register_appeal` and `import_appeals`. `new_name`: the
/// clerk confirmed that an IIN stored under another name is the same person.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_appeal(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    registered_on: NaiveDate,
    prefix: &str,
    draft: &AppealDraft,
    next: Option<(NextAction, NaiveDate)>,
    new_name: bool,
) -> Result<Registered> {
    let channel = draft
        .channel
        .ok_or_else(|| StoreError::Invalid("channel".into()))?;
    let not_considered = crate::domain::register::not_considered(draft);
    if draft.essence.trim().is_empty() && !not_considered {
        return Err(StoreError::Invalid("essence".into()));
    }
    // Not considered (001 §5): finished at registration, no next due action.
    let next = if not_considered { None } else { next };
    let essence = if not_considered {
        crate::domain::register::NO_ESSENCE_MARK
    } else {
        draft.essence.as_str()
    };
    let applicant_id = upsert_applicant(conn, actor, now, &draft.applicant, new_name)?;
    let year = registered_on.year();
    let n = next_counter(conn, &format!("reg:{prefix}:{year}"))?;
    let reg_no = format!("{prefix}-{year}-{n:06}");
    let uid = uuid::Uuid::now_v7().to_string();
    conn.prepare_cached(
        "INSERT INTO appeals (uid, reg_no, registered_on, registered_at, channel, applicant_id,
         essence, topic, settlement, requested_official, national_reg_no,
         from_personal_reception, status, registered_by, created_at, updated_at,
         next_action, due_on)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,'registered',?13,?4,?4,?14,?15)",
    )?
    .execute(params![
        uid,
        reg_no,
        registered_on.to_string(),
        ts(now),
        channel.code(),
        applicant_id,
        essence,
        draft.topic,
        draft.settlement,
        draft.requested_official,
        draft.national_reg_no,
        draft.from_personal_reception as i64,
        actor.operator_id,
        next.map(|n| n.0.code()),
        next.map(|n| n.1.to_string())
    ])?;
    let appeal_id = conn.last_insert_rowid();
    record_status(conn, actor, now, appeal_id, None, "registered", json!({}))?;
    audit::record(
        conn,
        actor,
        now,
        "create",
        "appeal",
        Some(appeal_id),
        None,
        Some(&json!({
            "reg_no": reg_no, "channel": channel.code(), "essence": essence,
            "topic": draft.topic, "settlement": draft.settlement,
            "applicant_id": applicant_id, "registered_on": registered_on.to_string(),
            "from_personal_reception": draft.from_personal_reception,
            "next_action": next.map(|n| n.0.code()),
            "due_on": next.map(|n| n.1.to_string()),
        })),
    )?;
    if not_considered {
        // 001 §5: registered, not considered, the applicant told why (the notice
        // letter "not_considered" is printed from this step).
        record_status(
            conn,
            actor,
            now,
            appeal_id,
            Some("registered"),
            "not_considered",
            json!({"reason": "no_essence"}),
        )?;
    }
    let ticket = if draft.receive_today && !not_considered {
        let t = super::queue::enqueue(
            conn,
            actor,
            now,
            appeal_id,
            draft.applicant.category.as_deref(),
            draft.requested_official,
        )?;
        record_status(
            conn,
            actor,
            now,
            appeal_id,
            Some("registered"),
            "scheduled",
            json!({"day": now.date().to_string(), "same_day": true}),
        )?;
        Some(t)
    } else {
        None
    };
    Ok(Registered {
        appeal_id,
        reg_no,
        registered_on,
        registered_at: now,
        ticket,
    })
}

impl Store {
    /// Registers a validated appeal (see `domain::register`). `registered_on` is the
    /// registration date (the next working day when it arrived on a day off);
    /// `prefix` is the office's registration-number prefix. With `receive_today`
    /// the applicant is put into the queue of `now`'s day.
    pub fn register_appeal(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        registered_on: NaiveDate,
        prefix: &str,
        draft: &AppealDraft,
    ) -> Result<Registered> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let r = insert_appeal(&tx, actor, now, registered_on, prefix, draft, None, false)?;
        tx.commit()?;
        Ok(r)
    }

    /// [`Store::register_appeal`] after the clerk confirmed that an IIN stored
    /// under another name ([`StoreError::IinBelongsTo`]) is the same person with
    /// a new name: the earlier appeals keep the earlier name, the new appeal
    /// carries the new one, the change is in the applicant's history. (Services:
    /// `services::register::register_new_name`.)
    pub fn register_appeal_new_name(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        registered_on: NaiveDate,
        prefix: &str,
        draft: &AppealDraft,
    ) -> Result<Registered> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let r = insert_appeal(&tx, actor, now, registered_on, prefix, draft, None, true)?;
        tx.commit()?;
        Ok(r)
    }

    /// One appeal with its applicant.
    pub fn appeal(&self, id: i64) -> Result<Appeal> {
        read_appeal(&self.conn, id)
    }

    /// Saves an edited appeal (and its applicant). Fails with `Conflict` when the
    /// stored version is no longer `edited.version` (another copy changed it);
    /// pass `force` to overwrite after the user chose so.
    pub fn update_appeal(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        edited: &Appeal,
        force: bool,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        update_appeal(&tx, actor, now, edited, force)?;
        tx.commit()?;
        Ok(())
    }

    /// The most recently registered appeals.
    pub fn recent_appeals(&self, limit: usize) -> Result<Vec<AppealRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             ORDER BY a.id DESC LIMIT ?1"
        ))?;
        let v = stmt
            .query_map([limit as i64], list_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The appeal's lifecycle history, oldest first: (time, from, to, data JSON).
    pub fn appeal_events(&self, appeal_id: i64) -> Result<Vec<AppealEvent>> {
        appeal_events(&self.conn, appeal_id)
    }

    /// Changes an appeal's lifecycle status (validated by the caller against
    /// `domain::lifecycle`), recording history and audit.
    pub fn set_appeal_status(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        to: &str,
        data: serde_json::Value,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let from: String = tx
            .query_row(
                "SELECT status FROM appeals WHERE id = ?1",
                [appeal_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        record_status(&tx, actor, now, appeal_id, Some(&from), to, data)?;
        tx.commit()?;
        Ok(())
    }

    /// Number of appeals stored.
    pub fn appeal_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM appeals", [], |r| r.get(0))?)
    }
}

/// The appeal's lifecycle history, oldest first (inside any transaction).
pub(crate) fn appeal_events(conn: &Connection, appeal_id: i64) -> Result<Vec<AppealEvent>> {
    let mut stmt = conn.prepare_cached(

        "SELECT at, from_status, to_status, data FROM appeal_events WHERE appeal_id = ?1 ORDER BY id",
    )?;
    let v = stmt
        .query_map([appeal_id], |r| {
            Ok((
                parse_ts(&r.get::<_, String>(0)?),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// One appeal with its applicant (inside any transaction).
pub(crate) fn read_appeal(conn: &Connection, id: i64) -> Result<Appeal> {
    let (mut appeal, applicant_id) = conn
        .prepare_cached(
            "SELECT id, uid, reg_no, registered_on, registered_at, channel, essence, topic,
             settlement, requested_official, national_reg_no, from_personal_reception, status,
             outcome, registered_by, version, applicant_id
             FROM appeals WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                Appeal {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    reg_no: r.get(2)?,
                    registered_on: parse_date(&r.get::<_, String>(3)?),
                    registered_at: parse_ts(&r.get::<_, String>(4)?),
                    channel: Channel::from_code(&r.get::<_, String>(5)?).unwrap_or(Channel::WalkIn),
                    applicant: Applicant::default(),
                    essence: r.get(6)?,
                    topic: r.get(7)?,
                    settlement: r.get(8)?,
                    requested_official: r.get(9)?,
                    national_reg_no: r.get(10)?,
                    from_personal_reception: r.get::<_, i64>(11)? != 0,
                    status: r.get(12)?,
                    outcome: r.get(13)?,
                    registered_by: r.get(14)?,
                    version: r.get(15)?,
                },
                r.get::<_, i64>(16)?,
            ))
        })
        .optional()?
        .ok_or(StoreError::NotFound)?;
    appeal.applicant = read_applicant(conn, applicant_id)?;
    Ok(appeal)
}

/// The body of [`Store::update_appeal`], inside the caller's transaction: the stored
/// version is read and compared inside it.
pub(crate) fn update_appeal(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    edited: &Appeal,
    force: bool,
) -> Result<()> {
    let before = read_appeal(conn, edited.id)?;
    if before.version != edited.version && !force {
        return Err(StoreError::Conflict);
    }
    if edited.essence.trim().is_empty() {
        return Err(StoreError::Invalid("essence".into()));
    }
    let applicant_id = before.applicant.id.ok_or(StoreError::NotFound)?;
    let mut applicant = edited.applicant.clone();
    applicant.id = Some(applicant_id);
    // Edit in place: no merge by IIN when the clerk corrects an IIN.
    let a = &applicant;
    conn.prepare_cached(
        "UPDATE applicants SET kind=?2, surname=?3, name=?4, patronymic=?5, iin=?6, bin=?7,
         org_name=?8, authority_doc=?9, phone=?10, address=?11, language=?12, category=?13,
         needs_interpreter=?14, name_fold=?15, updated_at=?16, version=version+1 WHERE id=?1",
    )?
    .execute(params![
        applicant_id,
        a.kind().code(),
        a.surname,
        a.name,
        a.patronymic,
        a.iin,
        a.bin,
        a.org_name,
        a.authority_doc,
        a.phone,
        a.address,
        a.language.code(),
        a.category,
        a.needs_interpreter as i64,
        fold(&a.full_name()),
        ts(now)
    ])?;
    conn.prepare_cached(
        "UPDATE appeals SET channel=?2, essence=?3, topic=?4, settlement=?5,
         requested_official=?6, national_reg_no=?7, from_personal_reception=?8,
         outcome=?9, updated_at=?10, version=version+1 WHERE id=?1",
    )?
    .execute(params![
        edited.id,
        edited.channel.code(),
        edited.essence,
        edited.topic,
        edited.settlement,
        edited.requested_official,
        edited.national_reg_no,
        edited.from_personal_reception as i64,
        edited.outcome,
        ts(now)
    ])?;
    let as_json = |x: &Appeal| serde_json::to_value(x).unwrap_or_default();
    let mut after = edited.clone();
    after.applicant.id = Some(applicant_id);
    after.version = before.version + 1;
    audit::record(
        conn,
        actor,
        now,
        "update",
        "appeal",
        Some(edited.id),
        Some(&as_json(&before)),
        Some(&as_json(&after)),
    )?;
    Ok(())
}
