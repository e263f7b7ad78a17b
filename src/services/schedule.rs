//! Reception days (issue 15) as use cases for the desk and the command line: the
//! `Schedule` step that books into a session (the next free slot by default,
//! out-of-turn applicants first), an official's absence with the office's notice
//! rule, a month of sessions from the rules, and the tracked deadlines of the
//! appointment book. Each is one IMMEDIATE transaction.
use super::lifecycle::StepDone;
use super::{Office, ServiceError};
use crate::domain::lifecycle::{self as lc, Status, Transition};
use crate::domain::schedule::SessionDraft;
use crate::store::{Actor, BookingRequest, BookingRow, Generated, ScheduleDue, Store};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// What booking did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Booked {
    pub booking_id: i64,
    /// The slot given (a flexible one may still move until the applicant is told).
    pub time: NaiveTime,
    pub step: StepDone,
}

/// Books appeal `appeal_id` (as seen at `seen_version`) into `session_id`: at
/// `time`, or the next free slot; records the `Schedule` step checked by
/// `domain::lifecycle` (a past date, a day off, a status that cannot be scheduled
/// are refused) and replaces an earlier booking of the appeal. A video session
/// needs `video_consent` (001 §13).
#[allow(clippy::too_many_arguments)]
pub fn book(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    seen_version: i64,
    session_id: i64,
    time: Option<NaiveTime>,
    video_consent: bool,
) -> Result<Booked, ServiceError> {
    store.write(|tx| {
        let state = tx.appeal_state(appeal_id)?;
        if state.version != seen_version {
            return Err(ServiceError::Conflict);
        }
        let session = tx.session(session_id)?;
        let from = Status::from_code(&state.status).unwrap_or(Status::Registered);
        let steps = tx.steps_of(appeal_id)?;
        let mut ctx = lc::Ctx {
            today: now.date(),
            registered_on: state.registered_on,
            calendar: &office.calendar,
            profile: &office.profile,
            facts: lc::Facts::from_steps(&steps),
        };
        // Only the date counts for the lifecycle rule; the slot comes from the book.
        let probe = Transition::Schedule {
            date: session.day,
            time: time.unwrap_or(session.start),
            official_id: session.official_id,
        };
        let to = lc::apply(from, &probe, &ctx)?;
        let (booking_id, slot) = tx.book(
            actor,
            now,
            &BookingRequest {
                appeal_id,
                session_id,
                time,
                video_consent,
            },
        )?;
        let step = Transition::Schedule {
            date: session.day,
            time: slot,
            official_id: session.official_id,
        };
        ctx.facts = lc::Facts::from_steps(steps.iter().chain(std::iter::once(&step)));
        let next = lc::next_due(to, &ctx);
        tx.record_step(actor, now, appeal_id, &state.status, to.code(), &step, next)?;
        // Booked for a later day: not to be called today any more.
        if session.day > now.date() {
            tx.leave_queue_for_later_session(actor, now, appeal_id, now.date())?;
        }
        Ok(Booked {
            booking_id,
            time: slot,
            step: StepDone { from, to, next },
        })
    })
}

/// Marks an official absent (001 §16) with the office's notice rule; returns the
/// absence id, whether the desk was told late, and the bookings to move.
#[allow(clippy::too_many_arguments)]
pub fn mark_absent(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    official_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    reason: &str,
    told_on: NaiveDate,
) -> Result<(i64, bool, Vec<BookingRow>), ServiceError> {
    Ok(store.mark_absent(
        actor,
        now,
        official_id,
        from,
        to,
        reason,
        told_on,
        &office.profile,
        &office.calendar,
    )?)
}

/// Makes a month of sessions from the officials' rules (repeatable).
pub fn generate_month(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    year: i32,
    month: u32,
) -> Result<Generated, ServiceError> {
    Ok(store.generate_month(actor, now, year, month, &office.calendar)?)
}

/// Adds one session, checked against the calendar and the official's others.
pub fn add_session(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    draft: &SessionDraft,
) -> Result<i64, ServiceError> {
    Ok(store.add_session(actor, now, draft, &office.calendar)?)
}

/// The appointment book's deadlines for the Today panel: due up to `soon` working
/// days ahead (overdue ones included).
pub fn today_due(
    store: &Store,
    office: &Office,
    today: NaiveDate,
    soon: u32,
) -> Result<Vec<ScheduleDue>, ServiceError> {
    let by = office.calendar.add_working_days(today, soon);
    Ok(store.schedule_due(today, by, &office.profile, &office.calendar)?)
}

/// Saves an official's record and room from the officials' form: a new official
/// (`o.id` is 0) is added, an existing one updated, and the room set, in ONE
/// transaction. Returns the official's id.
pub fn save_official(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    o: &crate::domain::Official,
    room: &str,
) -> Result<i64, ServiceError> {
    Ok(store.write(|tx| {
        let id = if o.id == 0 {
            tx.add_official(actor, now, o)?
        } else {
            tx.update_official(actor, now, o)?;
            o.id
        };
        tx.set_official_room(actor, now, id, room)?;
        Ok::<_, crate::store::StoreError>(id)
    })?)
}
