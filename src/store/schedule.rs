//! Reception days in the database: schedule rules, sessions, the appointment book,
//! check-in and the queue of each official, absences and substitutes, others
//! invited to a reception. The rules are in `domain::schedule`; every write here is
//! one IMMEDIATE transaction with its audit row.
use super::{audit, parse_date, parse_ts, queue, ts, Actor, Result, Store, StoreError};
use crate::domain::calendar::Calendar;
use crate::domain::lifecycle::{NextAction, Transition};
use crate::domain::profile::Profile;
use crate::domain::schedule::{
    self as rules, Recurrence, Rule, ScheduleError, Session, SessionDraft, SessionFormat,
    SessionOrigin, SlotHolder, Warning,
};
use crate::domain::{queue as queue_rules, OfficialCategory, QueueEntry, QueueStatus};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use serde_json::json;

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}
fn parse_hhmm(s: &str) -> NaiveTime {
    rules::parse_hhmm(s).unwrap_or_default()
}

/// A session with its official's name and how full it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SessionRow {
    pub session: Session,
    pub official_name: String,
    pub position_kk: String,
    pub position_ru: String,
    pub booked: usize,
    pub slots: usize,
}

/// Where a booking stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BookingStatus {
    Booked,
    /// Moved to another session (the new booking has `moved_from` = this one).
    Moved,
    Cancelled,
}

impl BookingStatus {
    fn from_code(s: &str) -> BookingStatus {
        match s {
            "moved" => BookingStatus::Moved,
            "cancelled" => BookingStatus::Cancelled,
            _ => BookingStatus::Booked,
        }
    }
}

/// One line of the appointment book.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BookingRow {
    pub id: i64,
    pub session_id: i64,
    pub official_id: i64,
    pub day: NaiveDate,
    pub appeal_id: i64,
    pub reg_no: String,
    pub applicant_name: String,
    /// Out-of-turn category code of the applicant, if any.
    pub category: Option<String>,
    pub slot_time: NaiveTime,
    pub pinned: bool,
    pub status: BookingStatus,
    pub video_consent: bool,
    /// The reference note (001 §26) was made on this day.
    pub note_on: Option<NaiveDate>,
    /// The applicant was told the date and time (001 §29).
    pub told_at: Option<NaiveDateTime>,
    pub moved_from: Option<i64>,
    /// Checked in on arrival: the queue entry of the day.
    pub queue_entry_id: Option<i64>,
    pub registered_on: NaiveDate,
}

/// An official's absence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Absence {
    pub id: i64,
    pub official_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
    pub told_on: NaiveDate,
    /// Told later than the profile allows (001 §16).
    pub late: bool,
}

/// A representative of another body invited to a reception.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub id: i64,
    pub session_id: i64,
    pub appeal_id: Option<i64>,
    pub body: String,
    pub person: String,
    pub invited_on: NaiveDate,
    pub applicant_told_on: Option<NaiveDate>,
    pub refused_on: Option<NaiveDate>,
    pub refusal_reason: String,
    pub refusal_reported_on: Option<NaiveDate>,
}

/// The queue of one official on a day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfficialQueue {
    /// None: entries not assigned to an official.
    pub official_id: Option<i64>,
    pub official_name: String,
    /// The official's sessions that day.
    pub sessions: Vec<Session>,
    /// Arrived applicants in the regulation's order (out of turn first).
    pub entries: Vec<QueueEntry>,
    /// Booked applicants not yet checked in, by slot time.
    pub expected: Vec<BookingRow>,
}

/// What a schedule deadline is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ScheduleDueKind {
    /// The reference note before the reception (001 §26).
    ReferenceNote,
    /// Tell the applicant the date and time (001 §29).
    DateTimeNotice,
    /// The booking was moved (absence): the applicant is not yet told.
    MovedNotTold,
    /// The session was cancelled or the official is absent that day: move the
    /// booking to a substitute or another session.
    ToMove,
    /// Tell the applicant other bodies take part (000 §17, 001 §18-19).
    ParticipationNotice,
    /// Report a body's refusal to take part (001 §20).
    RefusalReport,
}

/// One tracked deadline of the appointment book, for the Today panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScheduleDue {
    pub kind: ScheduleDueKind,
    pub due_on: NaiveDate,
    pub appeal_id: Option<i64>,
    pub reg_no: String,
    pub applicant_name: String,
    pub booking_id: Option<i64>,
    pub participant_id: Option<i64>,
    pub session_day: NaiveDate,
    pub session_start: NaiveTime,
    pub official_name: String,
}

/// What generating a month did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Generated {
    pub created: Vec<i64>,
    /// Days already in the book for the rule (generation is repeatable).
    pub existing: usize,
    pub warnings: Vec<Warning>,
    /// Drafts that broke a rule (e.g. overlapping a hand-made session), not saved.
    pub refused: Vec<(SessionDraft, ScheduleError)>,
}

/// A booking to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingRequest {
    pub appeal_id: i64,
    pub session_id: i64,
    /// A chosen slot; None = the next free one (out-of-turn applicants first).
    pub time: Option<NaiveTime>,
    /// The applicant agreed to a video reception (001 §13).
    pub video_consent: bool,
}

const SESSION_COLS: &str =
    "s.id, s.official_id, s.day, s.start_time, s.end_time, s.place, s.format,
    s.slot_minutes, s.origin, s.rule_id, s.instruction_no, s.instruction_date, s.cancelled";

fn session_row(r: &rusqlite::Row) -> rusqlite::Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        official_id: r.get(1)?,
        day: parse_date(&r.get::<_, String>(2)?),
        start: parse_hhmm(&r.get::<_, String>(3)?),
        end: parse_hhmm(&r.get::<_, String>(4)?),
        place: r.get(5)?,
        format: SessionFormat::from_code(&r.get::<_, String>(6)?)
            .unwrap_or(SessionFormat::InPerson),
        slot_minutes: r.get::<_, i64>(7)?.max(0) as u32,
        origin: SessionOrigin::from_code(&r.get::<_, String>(8)?)
            .unwrap_or(SessionOrigin::Schedule),
        rule_id: r.get(9)?,
        instruction_no: r.get(10)?,
        instruction_date: r.get::<_, Option<String>>(11)?.map(|s| parse_date(&s)),
        cancelled: r.get::<_, i64>(12)? != 0,
    })
}

const BOOKING_COLS: &str = "b.id, b.session_id, s.official_id, s.day, b.appeal_id, a.reg_no,
    p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
    p.category, b.slot_time, b.pinned, b.status, b.video_consent_at, b.note_on, b.told_at,
    b.moved_from, b.queue_entry_id, a.registered_on";

const BOOKING_FROM: &str = "FROM bookings b JOIN reception_sessions s ON s.id = b.session_id
    JOIN appeals a ON a.id = b.appeal_id JOIN applicants p ON p.id = a.applicant_id";

fn booking_row(r: &rusqlite::Row) -> rusqlite::Result<BookingRow> {
    Ok(BookingRow {
        id: r.get(0)?,
        session_id: r.get(1)?,
        official_id: r.get(2)?,
        day: parse_date(&r.get::<_, String>(3)?),
        appeal_id: r.get(4)?,
        reg_no: r.get(5)?,
        applicant_name: r.get(6)?,
        category: r.get(7)?,
        slot_time: parse_hhmm(&r.get::<_, String>(8)?),
        pinned: r.get::<_, i64>(9)? != 0,
        status: BookingStatus::from_code(&r.get::<_, String>(10)?),
        video_consent: r.get::<_, Option<String>>(11)?.is_some(),
        note_on: r.get::<_, Option<String>>(12)?.map(|s| parse_date(&s)),
        told_at: r.get::<_, Option<String>>(13)?.map(|s| parse_ts(&s)),
        moved_from: r.get(14)?,
        queue_entry_id: r.get(15)?,
        registered_on: parse_date(&r.get::<_, String>(16)?),
    })
}

pub(crate) fn session_in(conn: &Connection, id: i64) -> Result<Session> {
    conn.prepare_cached(&format!(
        "SELECT {SESSION_COLS} FROM reception_sessions s WHERE s.id = ?1"
    ))?
    .query_row([id], session_row)
    .optional()?
    .ok_or(StoreError::NotFound)
}

fn sessions_of_official_on(
    conn: &Connection,
    official_id: i64,
    day: NaiveDate,
) -> Result<Vec<Session>> {
    let v = conn
        .prepare_cached(&format!(
            "SELECT {SESSION_COLS} FROM reception_sessions s
             WHERE s.official_id = ?1 AND s.day = ?2 ORDER BY s.start_time"
        ))?
        .query_map(params![official_id, day.to_string()], session_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

fn booking_in(conn: &Connection, id: i64) -> Result<BookingRow> {
    conn.prepare_cached(&format!(
        "SELECT {BOOKING_COLS} {BOOKING_FROM} WHERE b.id = ?1"
    ))?
    .query_row([id], booking_row)
    .optional()?
    .ok_or(StoreError::NotFound)
}

fn live_bookings_in(conn: &Connection, session_id: i64) -> Result<Vec<BookingRow>> {
    let v = conn
        .prepare_cached(&format!(
            "SELECT {BOOKING_COLS} {BOOKING_FROM} WHERE b.session_id = ?1 AND b.status = 'booked'
             ORDER BY b.id"
        ))?
        .query_map([session_id], booking_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

fn absent_on(conn: &Connection, official_id: i64, day: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM absences WHERE official_id = ?1 AND from_day <= ?2 AND to_day >= ?2)",
        )?
        .query_row(params![official_id, day.to_string()], |r| r.get::<_, i64>(0))?
        != 0)
}

fn insert_session(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    d: &SessionDraft,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO reception_sessions (uid, official_id, day, start_time, end_time, place, format,
           slot_minutes, origin, rule_id, instruction_no, instruction_date, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        uuid::Uuid::now_v7().to_string(),
        d.official_id,
        d.day.to_string(),
        hhmm(d.start),
        hhmm(d.end),
        d.place,
        d.format.code(),
        d.slot_minutes,
        d.origin.code(),
        d.rule_id,
        d.instruction_no,
        d.instruction_date.map(|x| x.to_string()),
        ts(now)
    ])?;
    let id = conn.last_insert_rowid();
    audit::record(
        conn,
        actor,
        now,
        "create",
        "reception_session",
        Some(id),
        None,
        Some(&serde_json::to_value(d).unwrap_or_default()),
    )?;
    Ok(id)
}

/// Lays out a session's bookings (`domain::schedule::plan_slots`) and writes every
/// time. Two passes, so the partial unique index on (session, slot) never sees a
/// transient duplicate: first each booking is parked on a unique placeholder.
fn write_plan(conn: &Connection, session: &Session, holders: &[SlotHolder]) -> Result<()> {
    let plan = rules::plan_slots(&session.slots(), holders)?;
    for (id, _) in &plan {
        conn.prepare_cached("UPDATE bookings SET slot_time = ?2 WHERE id = ?1")?
            .execute(params![id, format!("~{id}")])?;
    }
    for (id, t) in &plan {
        conn.prepare_cached("UPDATE bookings SET slot_time = ?2 WHERE id = ?1")?
            .execute(params![id, hhmm(*t)])?;
    }
    Ok(())
}

/// The id of the day's queue entry with `ticket` (the audit row is the last insert).
fn entry_id(conn: &Connection, now: NaiveDateTime, ticket: u32) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT id FROM queue_entries WHERE day = ?1 AND ticket = ?2")?
        .query_row(params![now.date().to_string(), ticket], |r| r.get(0))?)
}

fn holders_of(rows: &[BookingRow]) -> Vec<SlotHolder> {
    rows.iter()
        .map(|b| SlotHolder {
            booking_id: b.id,
            out_of_turn: b.category.is_some(),
            pinned: b.pinned,
            time: b.slot_time,
        })
        .collect()
}

/// Books an appeal into a session inside the caller's transaction; returns the
/// booking id and its slot time.
fn book_in(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    req: &BookingRequest,
    moved_from: Option<i64>,
) -> Result<(i64, NaiveTime)> {
    let session = session_in(conn, req.session_id)?;
    let absent = absent_on(conn, session.official_id, session.day)?;
    rules::check_bookable(&session, now.date(), absent, req.video_consent)?;
    let already: Option<i64> = conn
        .prepare_cached("SELECT id FROM bookings WHERE appeal_id = ?1 AND status = 'booked'")?
        .query_row([req.appeal_id], |r| r.get(0))
        .optional()?;
    if already.is_some() {
        return Err(ScheduleError::AlreadyBooked.into());
    }
    let category: Option<String> = conn
        .prepare_cached(
            "SELECT p.category FROM appeals a JOIN applicants p ON p.id = a.applicant_id WHERE a.id = ?1",
        )?
        .query_row([req.appeal_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let existing = live_bookings_in(conn, session.id)?;
    let mut holders = holders_of(&existing);
    let mut chosen = req.time;
    if let Some(t) = chosen {
        rules::check_chosen_slot(&session, t, &holders)?;
        if session.slot_passed(t, now) {
            return Err(ScheduleError::SlotPassed(t).into());
        }
    } else if holders.len() >= session.capacity() {
        return Err(ScheduleError::SessionFull.into());
    } else if session.day == now.date() {
        // On the session's own day the planner would hand out its first free
        // slot, which may be over: the next slot still to come is taken instead
        // (the others keep theirs: their applicants may have been told).
        let held: Vec<NaiveTime> = existing.iter().map(|b| b.slot_time).collect();
        let next = session.open_slots(&held, now).first().copied();
        chosen = Some(next.ok_or(ScheduleError::SessionFull)?);
    }
    let pinned = chosen.is_some();
    // Insert on a placeholder time, then let the planner place everyone.
    conn.prepare_cached(
        "INSERT INTO bookings (session_id, appeal_id, slot_time, out_of_turn, pinned,
           video_consent_at, moved_from, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        session.id,
        req.appeal_id,
        "~new",
        category.is_some() as i64,
        pinned as i64,
        req.video_consent.then(|| ts(now)),
        moved_from,
        ts(now)
    ])?;
    let id = conn.last_insert_rowid();
    holders.push(SlotHolder {
        booking_id: id,
        out_of_turn: category.is_some(),
        pinned,
        // A flexible one is placed by the planner; a pinned one keeps its choice
        // (a flexible booking on that time is moved by the planner).
        time: chosen.unwrap_or(NaiveTime::MIN),
    });
    write_plan(conn, &session, &holders)?;
    let time: String = conn
        .prepare_cached("SELECT slot_time FROM bookings WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let time = parse_hhmm(&time);
    audit::record(
        conn,
        actor,
        now,
        "create",
        "booking",
        Some(id),
        None,
        Some(&json!({
            "session_id": session.id, "appeal_id": req.appeal_id, "slot": hhmm(time),
            "pinned": pinned, "video_consent": req.video_consent, "moved_from": moved_from
        })),
    )?;
    Ok((id, time))
}

/// Books an appeal inside the caller's transaction, replacing its live booking
/// if it has one (marked moved; the new one records where it came from).
pub(crate) fn book_replacing(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    req: &BookingRequest,
) -> Result<(i64, NaiveTime)> {
    let previous: Option<i64> = conn
        .prepare_cached("SELECT id FROM bookings WHERE appeal_id = ?1 AND status = 'booked'")?
        .query_row([req.appeal_id], |r| r.get(0))
        .optional()?;
    if let Some(p) = previous {
        conn.execute("UPDATE bookings SET status = 'moved' WHERE id = ?1", [p])?;
        audit::record(
            conn,
            actor,
            now,
            "status",
            "booking",
            Some(p),
            Some(&json!({"status": "booked"})),
            Some(&json!({"status": "moved"})),
        )?;
    }
    book_in(conn, actor, now, req, previous)
}

/// Makes sure the appeal is booked at `time` in the official's session on `date`
/// (the `Schedule` step): nothing to do when it already is; otherwise the session
/// containing `time` takes it at exactly that slot, replacing an earlier booking.
/// Refused: no session of the official then, a taken slot, a full session, ...
#[allow(clippy::too_many_arguments)]
pub(crate) fn ensure_booking(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    date: NaiveDate,
    time: NaiveTime,
    official_id: i64,
    video_consent: bool,
) -> Result<i64> {
    let live: Option<BookingRow> = conn
        .prepare_cached(&format!(
            "SELECT {BOOKING_COLS} {BOOKING_FROM} WHERE b.appeal_id = ?1 AND b.status = 'booked'"
        ))?
        .query_row([appeal_id], booking_row)
        .optional()?;
    if let Some(b) = live {
        if b.official_id == official_id && b.day == date && b.slot_time == time {
            return Ok(b.id);
        }
    }
    let session = sessions_of_official_on(conn, official_id, date)?
        .into_iter()
        .filter(|s| !s.cancelled)
        .find(|s| s.contains(time))
        .ok_or(ScheduleError::OutsideSession(time))?;
    let (id, _) = book_replacing(
        conn,
        actor,
        now,
        &BookingRequest {
            appeal_id,
            session_id: session.id,
            time: Some(time),
            video_consent,
        },
    )?;
    Ok(id)
}

impl Store {
    /// Sets an official's room (shown on the schedule poster).
    pub fn set_official_room(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        official_id: i64,
        room: &str,
    ) -> Result<()> {
        self.write(|tx| tx.set_official_room(actor, now, official_id, room))
    }

    /// An official's room ("" when not set).
    pub fn official_room(&self, official_id: i64) -> Result<String> {
        self.conn
            .prepare_cached("SELECT room FROM officials WHERE id = ?1")?
            .query_row([official_id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// Adds a recurring rule to an official's schedule.
    pub fn add_rule(&mut self, actor: &Actor, now: NaiveDateTime, r: &Rule) -> Result<i64> {
        rules::validate_rule(r)?;
        let (kind, wd, nth) = match r.recurrence {
            Recurrence::Weekly(w) => ("weekly", w.number_from_monday(), 0),
            Recurrence::Monthly(w, n) => ("monthly", w.number_from_monday(), n as i64),
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO schedule_rules (official_id, kind, weekday, nth, start_time, end_time, place,
               format, slot_minutes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                r.official_id,
                kind,
                wd,
                nth,
                hhmm(r.start),
                hhmm(r.end),
                r.place,
                r.format.code(),
                r.slot_minutes,
                ts(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        let mut stored = r.clone();
        stored.id = id;
        audit::record(
            &tx,
            actor,
            now,
            "create",
            "schedule_rule",
            Some(id),
            None,
            Some(&serde_json::to_value(&stored).unwrap_or_default()),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Switches a rule off (its sessions stay; no new ones are generated).
    pub fn retire_rule(&mut self, actor: &Actor, now: NaiveDateTime, id: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.execute("UPDATE schedule_rules SET active = 0 WHERE id = ?1", [id])? == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &tx,
            actor,
            now,
            "update",
            "schedule_rule",
            Some(id),
            None,
            Some(&json!({"active": false})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Active rules, of one official or all.
    pub fn rules(&self, official_id: Option<i64>) -> Result<Vec<Rule>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, official_id, kind, weekday, nth, start_time, end_time, place, format, slot_minutes
             FROM schedule_rules WHERE active = 1 AND (?1 IS NULL OR official_id = ?1) ORDER BY official_id, id",
        )?;
        let v = stmt
            .query_map([official_id], |r| {
                let wd = rules::weekday_from_number(r.get::<_, i64>(3)? as u32)
                    .unwrap_or(chrono::Weekday::Mon);
                let recurrence = if r.get::<_, String>(2)? == "weekly" {
                    Recurrence::Weekly(wd)
                } else {
                    Recurrence::Monthly(wd, r.get::<_, i64>(4)? as i8)
                };
                Ok(Rule {
                    id: r.get(0)?,
                    official_id: r.get(1)?,
                    recurrence,
                    start: parse_hhmm(&r.get::<_, String>(5)?),
                    end: parse_hhmm(&r.get::<_, String>(6)?),
                    place: r.get(7)?,
                    format: SessionFormat::from_code(&r.get::<_, String>(8)?)
                        .unwrap_or(SessionFormat::InPerson),
                    slot_minutes: r.get::<_, i64>(9)?.max(0) as u32,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Generates a month of sessions from every active rule, in one transaction.
    /// Repeatable: a rule's day already in the book is not made twice. Days off are
    /// skipped with a warning; a day that would overlap another session of the
    /// official is not saved and is listed in `refused`.
    pub fn generate_month(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        year: i32,
        month: u32,
        cal: &Calendar,
    ) -> Result<Generated> {
        let all_rules = self.rules(None)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut g = Generated::default();
        for rule in &all_rules {
            let (drafts, warnings) = rules::generate_month(rule, year, month, cal);
            g.warnings.extend(warnings);
            for d in drafts {
                let exists: i64 = tx
                    .prepare_cached(
                        "SELECT count(*) FROM reception_sessions WHERE rule_id = ?1 AND day = ?2",
                    )?
                    .query_row(params![rule.id, d.day.to_string()], |r| r.get(0))?;
                if exists > 0 {
                    g.existing += 1;
                    continue;
                }
                let others = sessions_of_official_on(&tx, d.official_id, d.day)?;
                match rules::validate_session(&d, cal, &others) {
                    Ok(()) => g.created.push(insert_session(&tx, actor, now, &d)?),
                    Err(e) => g.refused.push((d, e)),
                }
            }
        }
        tx.commit()?;
        Ok(g)
    }

    /// Adds one session (a dated line of the schedule, by the akim's instruction, or
    /// after a meeting with the population), checked by `domain::schedule`.
    pub fn add_session(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        d: &SessionDraft,
        cal: &Calendar,
    ) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let others = sessions_of_official_on(&tx, d.official_id, d.day)?;
        rules::validate_session(d, cal, &others)?;
        let id = insert_session(&tx, actor, now, d)?;
        tx.commit()?;
        Ok(id)
    }

    /// Cancels a session; its live bookings are listed for moving (they stay booked
    /// until moved, and show in [`Store::schedule_due`]).
    pub fn cancel_session(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        id: i64,
    ) -> Result<Vec<BookingRow>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.execute(
            "UPDATE reception_sessions SET cancelled = 1 WHERE id = ?1",
            [id],
        )? == 0
        {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &tx,
            actor,
            now,
            "update",
            "reception_session",
            Some(id),
            None,
            Some(&json!({"cancelled": true})),
        )?;
        let left = live_bookings_in(&tx, id)?;
        tx.commit()?;
        Ok(left)
    }

    pub fn session(&self, id: i64) -> Result<Session> {
        session_in(&self.conn, id)
    }

    /// Live (not cancelled) sessions from `from` to `to`, by day, start and official.
    pub fn sessions_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<SessionRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SESSION_COLS},
               o.surname || ' ' || o.name || CASE WHEN o.patronymic <> '' THEN ' ' || o.patronymic ELSE '' END,
               o.position_kk, o.position_ru,
               (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.status = 'booked')
             FROM reception_sessions s JOIN officials o ON o.id = s.official_id
             WHERE s.day BETWEEN ?1 AND ?2 AND s.cancelled = 0
             ORDER BY s.day, s.start_time, o.surname COLLATE KK, o.name COLLATE KK"
        ))?;
        let v = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                let session = session_row(r)?;
                let slots = session.capacity();
                Ok(SessionRow {
                    session,
                    official_name: r.get(13)?,
                    position_kk: r.get(14)?,
                    position_ru: r.get(15)?,
                    booked: r.get::<_, i64>(16)? as usize,
                    slots,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Live sessions of a month.
    pub fn sessions_of_month(&self, year: i32, month: u32) -> Result<Vec<SessionRow>> {
        let Some((a, b)) = rules::month_bounds(year, month) else {
            return Ok(vec![]);
        };
        self.sessions_between(a, b)
    }

    /// The warnings of a month: officials who must receive without a session,
    /// sessions on days off, overlapping sessions.
    pub fn schedule_warnings(&self, year: i32, month: u32, cal: &Calendar) -> Result<Vec<Warning>> {
        let officials: Vec<(i64, bool)> = self
            .officials(true)?
            .iter()
            .map(|o| (o.id, rules::must_receive(o.category, o.active)))
            .collect();
        let sessions: Vec<Session> = self
            .sessions_of_month(year, month)?
            .into_iter()
            .map(|r| r.session)
            .collect();
        let mut w = rules::coverage_warnings(&officials, &sessions, year, month);
        w.extend(rules::session_warnings(&sessions, cal));
        Ok(w)
    }

    /// Books an appeal into a session: a chosen slot, or the next free one with
    /// out-of-turn applicants placed first. Refused (typed error, nothing saved):
    /// a cancelled or past session, an absent official, a video session without
    /// consent, a time outside the session or off a slot, a taken slot, a full
    /// session, an appeal already booked.
    pub fn book(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        req: &BookingRequest,
    ) -> Result<(i64, NaiveTime)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let r = book_in(&tx, actor, now, req, None)?;
        tx.commit()?;
        Ok(r)
    }

    /// The `Schedule` lifecycle step with its booking, in one transaction: the
    /// official's session that day containing `time` takes the booking at exactly
    /// that slot (a clash, a time outside every session, or a full session is
    /// refused); an earlier live booking of the appeal is marked moved. The step
    /// is then recorded like [`Store::record_step`].
    #[allow(clippy::too_many_arguments)]
    pub fn record_schedule_step(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        to: &str,
        step: &Transition,
        next: Option<(NextAction, NaiveDate)>,
        video_consent: bool,
    ) -> Result<i64> {
        let Transition::Schedule {
            date,
            time,
            official_id,
        } = step
        else {
            return Err(StoreError::Invalid("not a schedule step".into()));
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = ensure_booking(
            &tx,
            actor,
            now,
            appeal_id,
            *date,
            *time,
            *official_id,
            video_consent,
        )?;
        let from = super::lifecycle::appeal_status(&tx, appeal_id)?;
        super::lifecycle::record_step(&tx, actor, now, appeal_id, &from, to, step, next)?;
        tx.commit()?;
        Ok(id)
    }

    /// Books an appeal (a chosen slot, or the next free one with out-of-turn
    /// applicants first) and records the `Schedule` lifecycle step with the slot
    /// given, in one transaction. The caller checks the step first with
    /// `domain::lifecycle::apply` (any time of the session will do for that: only
    /// the date counts) and passes the new status and next due action. The step's
    /// recorded time is the slot at booking; a flexible slot can still move until
    /// the applicant is told (the booking holds the current time).
    pub fn book_with_step(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        req: &BookingRequest,
        to: &str,
        next: Option<(NextAction, NaiveDate)>,
    ) -> Result<(i64, NaiveTime)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (id, time) = book_replacing(&tx, actor, now, req)?;
        let session = session_in(&tx, req.session_id)?;
        let step = Transition::Schedule {
            date: session.day,
            time,
            official_id: session.official_id,
        };
        let from = super::lifecycle::appeal_status(&tx, req.appeal_id)?;
        super::lifecycle::record_step(&tx, actor, now, req.appeal_id, &from, to, &step, next)?;
        tx.commit()?;
        Ok((id, time))
    }

    /// The slots of a session no live booking holds (for the desk's form).
    /// The free slots of a session still to come at `now` (what the desk offers).
    pub fn open_slots(&self, session_id: i64, now: NaiveDateTime) -> Result<Vec<NaiveTime>> {
        let session = self.session(session_id)?;
        let held: Vec<NaiveTime> = live_bookings_in(&self.conn, session_id)?
            .iter()
            .map(|b| b.slot_time)
            .collect();
        Ok(session.open_slots(&held, now))
    }

    /// Every free slot of a session, past ones included.
    pub fn free_slots(&self, session_id: i64) -> Result<Vec<NaiveTime>> {
        let session = self.session(session_id)?;
        let held: Vec<NaiveTime> = live_bookings_in(&self.conn, session_id)?
            .iter()
            .map(|b| b.slot_time)
            .collect();
        Ok(session
            .slots()
            .into_iter()
            .filter(|t| !held.contains(t))
            .collect())
    }

    /// The live sessions of an official on a day (for the Schedule step's form).
    pub fn sessions_of_official_on(
        &self,
        official_id: i64,
        day: NaiveDate,
    ) -> Result<Vec<Session>> {
        Ok(sessions_of_official_on(&self.conn, official_id, day)?
            .into_iter()
            .filter(|s| !s.cancelled)
            .collect())
    }

    /// A session's live bookings in slot order (the session's list).
    pub fn session_bookings(&self, session_id: i64) -> Result<Vec<BookingRow>> {
        let mut v = live_bookings_in(&self.conn, session_id)?;
        v.sort_by_key(|b| b.slot_time);
        Ok(v)
    }

    pub fn booking(&self, id: i64) -> Result<BookingRow> {
        booking_in(&self.conn, id)
    }

    /// The live booking of an appeal, if any.
    pub fn booking_of_appeal(&self, appeal_id: i64) -> Result<Option<BookingRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {BOOKING_COLS} {BOOKING_FROM} WHERE b.appeal_id = ?1 AND b.status = 'booked'"
            ))?
            .query_row([appeal_id], booking_row)
            .optional()?)
    }

    /// Records that the reference note for a booking was made (001 §26).
    pub fn record_reference_note(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        booking_id: i64,
        on: NaiveDate,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.execute(
            "UPDATE bookings SET note_on = ?2 WHERE id = ?1",
            params![booking_id, on.to_string()],
        )? == 0
        {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &tx,
            actor,
            now,
            "update",
            "booking",
            Some(booking_id),
            None,
            Some(&json!({"note_on": on})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records a call to the applicant about the booking. Reached: the applicant now
    /// knows the date and time, and the slot no longer moves.
    pub fn record_booking_call(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        booking_id: i64,
        reached: bool,
        note: &str,
    ) -> Result<()> {
        let b = self.booking(booking_id)?;
        if b.status != BookingStatus::Booked {
            return Err(ScheduleError::BookingNotActive.into());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO booking_calls (booking_id, at, reached, note) VALUES (?1, ?2, ?3, ?4)",
            params![booking_id, ts(now), reached as i64, note],
        )?;
        if reached {
            tx.execute(
                "UPDATE bookings SET told_at = ?2, pinned = 1 WHERE id = ?1",
                params![booking_id, ts(now)],
            )?;
        }
        audit::record(
            &tx,
            actor,
            now,
            "call",
            "booking",
            Some(booking_id),
            None,
            Some(&json!({"reached": reached, "slot": hhmm(b.slot_time), "day": b.day})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Calls made about a booking: (at, reached, note), oldest first.
    pub fn booking_calls(&self, booking_id: i64) -> Result<Vec<(NaiveDateTime, bool, String)>> {
        let v = self
            .conn
            .prepare_cached(
                "SELECT at, reached, note FROM booking_calls WHERE booking_id = ?1 ORDER BY id",
            )?
            .query_map([booking_id], |r| {
                Ok((
                    parse_ts(&r.get::<_, String>(0)?),
                    r.get::<_, i64>(1)? != 0,
                    r.get(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Checks a booked applicant in on arrival: a queue entry of the day in the
    /// official's queue (out-of-turn category from the applicant). Returns the ticket.
    pub fn check_in(&mut self, actor: &Actor, now: NaiveDateTime, booking_id: i64) -> Result<u32> {
        let b = self.booking(booking_id)?;
        if b.status != BookingStatus::Booked || b.queue_entry_id.is_some() {
            return Err(ScheduleError::BookingNotActive.into());
        }
        if b.day != now.date() {
            return Err(ScheduleError::NotSessionDay(b.day).into());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ticket = queue::enqueue(
            &tx,
            actor,
            now,
            b.appeal_id,
            b.category.as_deref(),
            Some(b.official_id),
        )?;
        let qid = entry_id(&tx, now, ticket)?;
        tx.execute(
            "UPDATE queue_entries SET booking_id = ?2 WHERE id = ?1",
            params![qid, booking_id],
        )?;
        tx.execute(
            "UPDATE bookings SET queue_entry_id = ?2 WHERE id = ?1",
            params![booking_id, qid],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            "check_in",
            "booking",
            Some(booking_id),
            None,
            Some(&json!({"queue_entry": qid, "ticket": ticket})),
        )?;
        tx.commit()?;
        Ok(ticket)
    }

    /// A walk-in for an official the same day (001 §3): heads of structural units
    /// and other authorised staff receive on the day of the appeal if the applicant
    /// agrees, so their consent is required and recorded. Returns the ticket.
    pub fn walk_in_for(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        official_id: i64,
        consent: bool,
    ) -> Result<u32> {
        let o = self.official(official_id)?;
        let needs_consent = matches!(
            o.category,
            Some(OfficialCategory::UnitHead) | Some(OfficialCategory::Other)
        );
        if needs_consent && !consent {
            return Err(ScheduleError::SameDayConsentMissing.into());
        }
        let category: Option<String> = self
            .conn
            .query_row(
                "SELECT p.category FROM appeals a JOIN applicants p ON p.id = a.applicant_id WHERE a.id = ?1",
                [appeal_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ticket = queue::enqueue(
            &tx,
            actor,
            now,
            appeal_id,
            category.as_deref(),
            Some(official_id),
        )?;
        if consent {
            let qid = entry_id(&tx, now, ticket)?;
            tx.execute(
                "UPDATE queue_entries SET same_day_consent_at = ?2 WHERE id = ?1",
                params![qid, ts(now)],
            )?;
            audit::record(
                &tx,
                actor,
                now,
                "consent",
                "queue_entry",
                Some(qid),
                None,
                Some(&json!({"same_day": true, "official_id": official_id})),
            )?;
        }
        tx.commit()?;
        Ok(ticket)
    }

    /// Records a same-day walk-in's consent to be received by the official of its
    /// queue entry (001 §3), for an entry put into the queue by registration.
    pub fn record_same_day_consent(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        queue_entry_id: i64,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.execute(
            "UPDATE queue_entries SET same_day_consent_at = ?2 WHERE id = ?1",
            params![queue_entry_id, ts(now)],
        )? == 0
        {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &tx,
            actor,
            now,
            "consent",
            "queue_entry",
            Some(queue_entry_id),
            None,
            Some(&json!({"same_day": true})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Whether a queue entry carries the same-day consent (001 §3).
    pub fn same_day_consent(&self, queue_entry_id: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT same_day_consent_at IS NOT NULL FROM queue_entries WHERE id = ?1",
            )?
            .query_row([queue_entry_id], |r| r.get::<_, i64>(0))
            .optional()?
            .ok_or(StoreError::NotFound)?
            != 0)
    }

    /// The day's queues, one per official: those with a session that day or with
    /// entries, in the order of their first session (officials without a session
    /// after, then entries without an official). Each queue lists the arrived
    /// applicants in the regulation's order and the booked ones still expected.
    pub fn official_queues(&self, day: NaiveDate) -> Result<Vec<OfficialQueue>> {
        let entries = self.queue_of(day)?;
        let sessions = self.sessions_between(day, day)?;
        let mut out: Vec<OfficialQueue> = Vec::new();
        let name_of = |id: i64| -> Result<String> {
            Ok(self.official(id).map(|o| o.full_name()).unwrap_or_default())
        };
        for s in &sessions {
            match out
                .iter_mut()
                .find(|q| q.official_id == Some(s.session.official_id))
            {
                Some(q) => q.sessions.push(s.session.clone()),
                None => out.push(OfficialQueue {
                    official_id: Some(s.session.official_id),
                    official_name: s.official_name.clone(),
                    sessions: vec![s.session.clone()],
                    entries: vec![],
                    expected: vec![],
                }),
            }
        }
        for e in entries {
            match out.iter_mut().find(|q| q.official_id == e.official_id) {
                Some(q) => q.entries.push(e),
                None => {
                    let official_name = match e.official_id {
                        Some(id) => name_of(id)?,
                        None => String::new(),
                    };
                    out.push(OfficialQueue {
                        official_id: e.official_id,
                        official_name,
                        sessions: vec![],
                        entries: vec![e],
                        expected: vec![],
                    })
                }
            }
        }
        let expected = self
            .conn
            .prepare_cached(&format!(
                "SELECT {BOOKING_COLS} {BOOKING_FROM} WHERE s.day = ?1 AND s.cancelled = 0
                   AND b.status = 'booked' AND b.queue_entry_id IS NULL ORDER BY b.slot_time"
            ))?
            .query_map([day.to_string()], booking_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for b in expected {
            if let Some(q) = out
                .iter_mut()
                .find(|q| q.official_id == Some(b.official_id))
            {
                q.expected.push(b);
            }
        }
        // Unassigned entries last.
        out.sort_by_key(|q| q.official_id.is_none());
        for q in &mut out {
            queue_rules::order(&mut q.entries);
        }
        Ok(out)
    }

    /// Calls the next applicant of one official's queue (None: the unassigned
    /// queue): the first waiting entry not on hold, out-of-turn categories first.
    /// Other officials' queues are untouched. Returns the called entry, if any.
    pub fn call_next_for(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        official_id: Option<i64>,
    ) -> Result<Option<QueueEntry>> {
        let entries: Vec<QueueEntry> = self
            .queue_of(now.date())?
            .into_iter()
            .filter(|e| e.official_id == official_id)
            .collect();
        let Some(next) = queue_rules::next_to_call(&entries).cloned() else {
            return Ok(None);
        };
        self.move_queue_entry(actor, now, next.id, QueueStatus::Called, None)?;
        Ok(Some(self.queue_entry(next.id)?))
    }

    /// Marks an official absent from `from` to `to` (001 §16): the notice is
    /// flagged late when told later than the profile's `official_absence_notice`
    /// working days before (the first day itself is allowed). Returns the absence
    /// id, whether the notice was late, and the bookings to move.
    #[allow(clippy::too_many_arguments)]
    pub fn mark_absent(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        official_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        reason: &str,
        told_on: NaiveDate,
        profile: &Profile,
        cal: &Calendar,
    ) -> Result<(i64, bool, Vec<BookingRow>)> {
        let late = rules::check_absence(from, to, told_on, now.date(), profile, cal)?;
        self.official(official_id)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO absences (official_id, from_day, to_day, reason, told_on, late, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![official_id, from.to_string(), to.to_string(), reason.trim(), told_on.to_string(), late as i64, ts(now)],
        )?;
        let id = tx.last_insert_rowid();
        audit::record(
            &tx,
            actor,
            now,
            "create",
            "absence",
            Some(id),
            None,
            Some(
                &json!({"official_id": official_id, "from": from, "to": to, "told_on": told_on, "late": late}),
            ),
        )?;
        tx.commit()?;
        let affected = self.affected_bookings(id)?;
        Ok((id, late, affected))
    }

    /// Absences overlapping `from..=to` (of one official or all), by first day.
    pub fn absences(
        &self,
        official_id: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Absence>> {
        let v = self
            .conn
            .prepare_cached(
                "SELECT id, official_id, from_day, to_day, reason, told_on, late FROM absences
                 WHERE (?1 IS NULL OR official_id = ?1) AND from_day <= ?3 AND to_day >= ?2
                 ORDER BY from_day, id",
            )?
            .query_map(
                params![official_id, from.to_string(), to.to_string()],
                |r| {
                    Ok(Absence {
                        id: r.get(0)?,
                        official_id: r.get(1)?,
                        from: parse_date(&r.get::<_, String>(2)?),
                        to: parse_date(&r.get::<_, String>(3)?),
                        reason: r.get(4)?,
                        told_on: parse_date(&r.get::<_, String>(5)?),
                        late: r.get::<_, i64>(6)? != 0,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The live bookings in the official's sessions during an absence.
    pub fn affected_bookings(&self, absence_id: i64) -> Result<Vec<BookingRow>> {
        let v = self
            .conn
            .prepare_cached(&format!(
                "SELECT {BOOKING_COLS} {BOOKING_FROM} JOIN absences x ON x.id = ?1
                 WHERE s.official_id = x.official_id AND s.day BETWEEN x.from_day AND x.to_day
                   AND b.status = 'booked' ORDER BY s.day, b.slot_time"
            ))?
            .query_map([absence_id], booking_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Moves a booking to another session (a substitute official's, or another day
    /// of the same official): the old one is marked moved, the new one waits for
    /// the call to the applicant ([`Store::record_booking_call`]). Video consent
    /// carries over. Returns the new booking's id and time.
    pub fn move_booking(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        booking_id: i64,
        to_session: i64,
        time: Option<NaiveTime>,
        video_consent: bool,
    ) -> Result<(i64, NaiveTime)> {
        let old = self.booking(booking_id)?;
        if old.status != BookingStatus::Booked {
            return Err(ScheduleError::BookingNotActive.into());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE bookings SET status = 'moved' WHERE id = ?1",
            [booking_id],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            "status",
            "booking",
            Some(booking_id),
            Some(&json!({"status": "booked"})),
            Some(&json!({"status": "moved", "to_session": to_session})),
        )?;
        let r = book_in(
            &tx,
            actor,
            now,
            &BookingRequest {
                appeal_id: old.appeal_id,
                session_id: to_session,
                time,
                video_consent: video_consent || old.video_consent,
            },
            Some(booking_id),
        )?;
        tx.commit()?;
        Ok(r)
    }

    /// The appointment book's tracked deadlines due on or before `by`: reference
    /// notes (001 §26), date-and-time notices (001 §29), moved bookings whose
    /// applicant is not yet told, bookings to move (cancelled session, absent
    /// official; due today, replacing that booking's other lines), participation
    /// notices (000 §17) and refusal reports (001 §20). Earliest first.
    pub fn schedule_due(
        &self,
        today: NaiveDate,
        by: NaiveDate,
        profile: &Profile,
        cal: &Calendar,
    ) -> Result<Vec<ScheduleDue>> {
        let mut out = Vec::new();
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT {BOOKING_COLS}, s.start_time,
                   o.surname || ' ' || o.name || CASE WHEN o.patronymic <> '' THEN ' ' || o.patronymic ELSE '' END
                 {BOOKING_FROM} JOIN officials o ON o.id = s.official_id
                 WHERE b.status = 'booked' AND s.cancelled = 0 AND s.day >= ?1
                   AND (b.note_on IS NULL OR b.told_at IS NULL) ORDER BY s.day, b.slot_time"
            ))?
            .query_map([today.to_string()], |r| {
                Ok((booking_row(r)?, parse_hhmm(&r.get::<_, String>(17)?), r.get::<_, String>(18)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (b, start, official_name) in rows {
            let mk = |kind, due_on| ScheduleDue {
                kind,
                due_on,
                appeal_id: Some(b.appeal_id),
                reg_no: b.reg_no.clone(),
                applicant_name: b.applicant_name.clone(),
                booking_id: Some(b.id),
                participant_id: None,
                session_day: b.day,
                session_start: start,
                official_name: official_name.clone(),
            };
            if b.note_on.is_none() && b.moved_from.is_none() {
                let due = rules::reference_note_due(b.day, profile, cal);
                if due <= by {
                    out.push(mk(ScheduleDueKind::ReferenceNote, due));
                }
            }
            if b.told_at.is_none() {
                if b.moved_from.is_some() {
                    // Moved: tell at once (due today, or already overdue since the move).
                    out.push(mk(ScheduleDueKind::MovedNotTold, today.min(b.day)));
                } else {
                    let due = rules::datetime_notice_due(b.registered_on, b.day, profile, cal);
                    if due <= by {
                        out.push(mk(ScheduleDueKind::DateTimeNotice, due));
                    }
                }
            }
        }
        let to_move = self
            .conn
            .prepare_cached(&format!(
                "SELECT {BOOKING_COLS}, s.start_time,
                   o.surname || ' ' || o.name || CASE WHEN o.patronymic <> '' THEN ' ' || o.patronymic ELSE '' END
                 {BOOKING_FROM} JOIN officials o ON o.id = s.official_id
                 WHERE b.status = 'booked' AND s.day >= ?1
                   AND (s.cancelled = 1 OR EXISTS (SELECT 1 FROM absences x
                        WHERE x.official_id = s.official_id AND s.day BETWEEN x.from_day AND x.to_day))
                 ORDER BY s.day, b.slot_time"
            ))?
            .query_map([today.to_string()], |r| {
                Ok((
                    booking_row(r)?,
                    parse_hhmm(&r.get::<_, String>(17)?),
                    r.get::<_, String>(18)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (b, start, official_name) in to_move {
            out.retain(|x| x.booking_id != Some(b.id));
            out.push(ScheduleDue {
                kind: ScheduleDueKind::ToMove,
                due_on: today,
                appeal_id: Some(b.appeal_id),
                reg_no: b.reg_no.clone(),
                applicant_name: b.applicant_name.clone(),
                booking_id: Some(b.id),
                participant_id: None,
                session_day: b.day,
                session_start: start,
                official_name,
            });
        }
        let parts = self
            .conn
            .prepare_cached(
                "SELECT x.id, x.appeal_id, COALESCE(a.reg_no, ''),
                   COALESCE(p.surname || ' ' || p.name, ''), s.day, s.start_time,
                   o.surname || ' ' || o.name || CASE WHEN o.patronymic <> '' THEN ' ' || o.patronymic ELSE '' END,
                   x.invited_on, x.applicant_told_on, x.refused_on, x.refusal_reported_on
                 FROM participants x JOIN reception_sessions s ON s.id = x.session_id
                 JOIN officials o ON o.id = s.official_id
                 LEFT JOIN appeals a ON a.id = x.appeal_id LEFT JOIN applicants p ON p.id = a.applicant_id
                 WHERE (x.applicant_told_on IS NULL AND x.appeal_id IS NOT NULL)
                    OR (x.refused_on IS NOT NULL AND x.refusal_reported_on IS NULL)",
            )?
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    parse_date(&r.get::<_, String>(4)?),
                    parse_hhmm(&r.get::<_, String>(5)?),
                    r.get::<_, String>(6)?,
                    parse_date(&r.get::<_, String>(7)?),
                    r.get::<_, Option<String>>(8)?.is_some(),
                    r.get::<_, Option<String>>(9)?.map(|s| parse_date(&s)),
                    r.get::<_, Option<String>>(10)?.is_some(),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (
            id,
            appeal_id,
            reg_no,
            name,
            day,
            start,
            official_name,
            invited,
            told,
            refused,
            reported,
        ) in parts
        {
            let mk = |kind, due_on| ScheduleDue {
                kind,
                due_on,
                appeal_id,
                reg_no: reg_no.clone(),
                applicant_name: name.clone(),
                booking_id: None,
                participant_id: Some(id),
                session_day: day,
                session_start: start,
                official_name: official_name.clone(),
            };
            if appeal_id.is_some() && !told {
                let due = rules::participation_notice_due(invited, profile, cal);
                if due <= by {
                    out.push(mk(ScheduleDueKind::ParticipationNotice, due));
                }
            }
            if let (Some(r), false) = (refused, reported) {
                let due = rules::refusal_report_due(r, profile, cal);
                if due <= by {
                    out.push(mk(ScheduleDueKind::RefusalReport, due));
                }
            }
        }
        out.sort_by(|a, b| {
            a.due_on
                .cmp(&b.due_on)
                .then(a.session_day.cmp(&b.session_day))
        });
        Ok(out)
    }

    /// Applicants of moved bookings not yet told (the Today panel's list).
    pub fn moved_not_told(&self) -> Result<Vec<BookingRow>> {
        let v = self
            .conn
            .prepare_cached(&format!(
                "SELECT {BOOKING_COLS} {BOOKING_FROM} WHERE b.status = 'booked' AND b.moved_from IS NOT NULL
                   AND b.told_at IS NULL ORDER BY s.day, b.slot_time"
            ))?
            .query_map([], booking_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Invites a representative of another body to a session (for one appeal, or
    /// the whole session).
    #[allow(clippy::too_many_arguments)]
    pub fn invite_participant(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        session_id: i64,
        appeal_id: Option<i64>,
        body: &str,
        person: &str,
        invited_on: NaiveDate,
    ) -> Result<i64> {
        if body.trim().is_empty() {
            return Err(ScheduleError::ParticipantBodyMissing.into());
        }
        self.session(session_id)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO participants (session_id, appeal_id, body, person, invited_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                session_id,
                appeal_id,
                body.trim(),
                person.trim(),
                invited_on.to_string(),
                ts(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit::record(
            &tx,
            actor,
            now,
            "create",
            "participant",
            Some(id),
            None,
            Some(
                &json!({"session_id": session_id, "appeal_id": appeal_id, "body": body.trim(), "invited_on": invited_on}),
            ),
        )?;
        tx.commit()?;
        Ok(id)
    }

    fn participant_update(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        id: i64,
        sql: &str,
        values: &[&dyn rusqlite::ToSql],
        what: serde_json::Value,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.execute(sql, values)? == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &tx,
            actor,
            now,
            "update",
            "participant",
            Some(id),
            None,
            Some(&what),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The applicant was told other bodies take part (000 §17, 001 §18-19).
    pub fn participant_applicant_told(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        id: i64,
        on: NaiveDate,
    ) -> Result<()> {
        self.participant_update(
            actor,
            now,
            id,
            "UPDATE participants SET applicant_told_on = ?2 WHERE id = ?1",
            &[&id, &on.to_string()],
            json!({"applicant_told_on": on}),
        )
    }

    /// The body refused to take part (001 §20).
    pub fn participant_refused(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        id: i64,
        on: NaiveDate,
        reason: &str,
    ) -> Result<()> {
        self.participant_update(
            actor,
            now,
            id,
            "UPDATE participants SET refused_on = ?2, refusal_reason = ?3 WHERE id = ?1",
            &[&id, &on.to_string(), &reason.trim()],
            json!({"refused_on": on, "reason": reason.trim()}),
        )
    }

    /// The refusal was reported (001 §20).
    pub fn participant_refusal_reported(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        id: i64,
        on: NaiveDate,
    ) -> Result<()> {
        self.participant_update(actor, now, id, "UPDATE participants SET refusal_reported_on = ?2 WHERE id = ?1 AND refused_on IS NOT NULL", &[&id, &on.to_string()], json!({"refusal_reported_on": on}))
    }

    /// Participants of a session (for the session's list and the protocol).
    pub fn participants_of(&self, session_id: i64) -> Result<Vec<Participant>> {
        self.participants_where("x.session_id = ?1", &[&session_id])
    }

    /// Participants invited for one appeal, or for its whole session (the protocol).
    pub fn participants_for_appeal(&self, appeal_id: i64) -> Result<Vec<Participant>> {
        self.participants_where(
            "x.appeal_id = ?1 OR (x.appeal_id IS NULL AND x.session_id IN
               (SELECT session_id FROM bookings WHERE appeal_id = ?1 AND status = 'booked'))",
            &[&appeal_id],
        )
    }

    /// Refusals to take part in sessions from `from` to `to` (for reporting, 001 §20).
    pub fn participation_refusals(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Participant>> {
        self.participants_where(
            "x.refused_on IS NOT NULL AND x.refused_on BETWEEN ?1 AND ?2",
            &[&from.to_string(), &to.to_string()],
        )
    }

    fn participants_where(
        &self,
        cond: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Participant>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT x.id, x.session_id, x.appeal_id, x.body, x.person, x.invited_on, x.applicant_told_on,
               x.refused_on, x.refusal_reason, x.refusal_reported_on FROM participants x WHERE {cond} ORDER BY x.id"
        ))?;
        let v = stmt
            .query_map(values, |r| {
                let od = |s: Option<String>| s.map(|s| parse_date(&s));
                Ok(Participant {
                    id: r.get(0)?,
                    session_id: r.get(1)?,
                    appeal_id: r.get(2)?,
                    body: r.get(3)?,
                    person: r.get(4)?,
                    invited_on: parse_date(&r.get::<_, String>(5)?),
                    applicant_told_on: od(r.get(6)?),
                    refused_on: od(r.get(7)?),
                    refusal_reason: r.get(8)?,
                    refusal_reported_on: od(r.get(9)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The session an appeal's reception is booked into (for the protocol: format,
    /// place and time).
    pub fn session_of_appeal(&self, appeal_id: i64) -> Result<Option<Session>> {
        match self.booking_of_appeal(appeal_id)? {
            Some(b) => Ok(Some(self.session(b.session_id)?)),
            None => Ok(None),
        }
    }
}

/// The longest room name (characters) the board and the poster have place for.
pub const ROOM_MAX: usize = 40;

/// Sets an official's room in the caller's transaction, audited.
pub(crate) fn set_official_room(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    official_id: i64,
    room: &str,
) -> Result<()> {
    // The form says the same next to the field; a script gets it here.
    let room = crate::domain::text::clean_line(room, ROOM_MAX)
        .map_err(|_| StoreError::Invalid("room".into()))?;
    let room = room.as_str();
    let before: String = conn
        .query_row(
            "SELECT room FROM officials WHERE id = ?1",
            [official_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    conn.execute(
        "UPDATE officials SET room = ?2 WHERE id = ?1",
        params![official_id, room.trim()],
    )?;
    audit::record(
        conn,
        actor,
        now,
        "update",
        "official",
        Some(official_id),
        Some(&json!({ "room": before })),
        Some(&json!({ "room": room.trim() })),
    )?;
    Ok(())
}
