//! Reception days: officials' schedules, the appointment book's slots, absences
//! (001 §7-9, §13-16, §26-29; 000 §7-8, §16, §23-25; 004 §6(3)-(4)).
//!
//! Pure rules: nothing here reads the clock or the database. The store keeps the
//! sessions and bookings and asks these functions what is allowed.
use super::calendar::Calendar;
use super::deadlines;
use super::model::OfficialCategory;
use super::profile::Profile;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// How a reception is held (001 §13-14; 004 §6(3)-(4)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum SessionFormat {
    InPerson,
    /// By video conference, with the applicant's consent.
    Video,
    /// A field (көшпелі / выездной) reception in a settlement.
    Field,
}

impl SessionFormat {
    pub const ALL: &'static [SessionFormat] = &[
        SessionFormat::InPerson,
        SessionFormat::Video,
        SessionFormat::Field,
    ];
    pub fn code(self) -> &'static str {
        match self {
            SessionFormat::InPerson => "in_person",
            SessionFormat::Video => "video",
            SessionFormat::Field => "field",
        }
    }
    pub fn from_code(s: &str) -> Option<SessionFormat> {
        SessionFormat::ALL.iter().copied().find(|f| f.code() == s)
    }
}

/// Why a session exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SessionOrigin {
    /// The approved schedule (a recurring rule or a dated line of it).
    Schedule,
    /// Outside the schedule by the akim's instruction naming the date (001 §9).
    Instruction,
    /// The akim's reception after a meeting with the population (001 §7).
    AfterMeeting,
}

impl SessionOrigin {
    pub const ALL: &'static [SessionOrigin] = &[
        SessionOrigin::Schedule,
        SessionOrigin::Instruction,
        SessionOrigin::AfterMeeting,
    ];
    pub fn code(self) -> &'static str {
        match self {
            SessionOrigin::Schedule => "schedule",
            SessionOrigin::Instruction => "instruction",
            SessionOrigin::AfterMeeting => "after_meeting",
        }
    }
    pub fn from_code(s: &str) -> Option<SessionOrigin> {
        SessionOrigin::ALL.iter().copied().find(|f| f.code() == s)
    }
}

/// How a rule repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recurrence {
    /// Every such weekday.
    Weekly(Weekday),
    /// The `nth` such weekday of each month (1..=5); -1 is the last one
    /// ("the second Tuesday" = `Monthly(Tue, 2)`).
    Monthly(Weekday, i8),
}

/// A recurring line of an official's schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: i64,
    pub official_id: i64,
    pub recurrence: Recurrence,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub place: String,
    pub format: SessionFormat,
    pub slot_minutes: u32,
}

/// A session to be created (by hand, or generated from a rule).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDraft {
    pub official_id: i64,
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub place: String,
    pub format: SessionFormat,
    pub slot_minutes: u32,
    pub origin: SessionOrigin,
    pub rule_id: Option<i64>,
    /// The akim's instruction (001 §9): number and date; required for `Instruction`.
    pub instruction_no: String,
    pub instruction_date: Option<NaiveDate>,
}

/// A stored session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub official_id: i64,
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub place: String,
    pub format: SessionFormat,
    pub slot_minutes: u32,
    pub origin: SessionOrigin,
    pub rule_id: Option<i64>,
    pub instruction_no: String,
    pub instruction_date: Option<NaiveDate>,
    pub cancelled: bool,
}

impl Session {
    /// The slot start times, `start` then every `slot_minutes` while a whole slot fits.
    pub fn slots(&self) -> Vec<NaiveTime> {
        slot_times(self.start, self.end, self.slot_minutes)
    }
    pub fn capacity(&self) -> usize {
        self.slots().len()
    }
    /// Whether `t` is inside the session (start inclusive, end exclusive).
    pub fn contains(&self, t: NaiveTime) -> bool {
        t >= self.start && t < self.end
    }
    /// Whether the slot starting at `slot` is over at `now` (a slot under way
    /// still takes a booking: the applicant may be at the door).
    pub fn slot_passed(&self, slot: NaiveTime, now: chrono::NaiveDateTime) -> bool {
        let (end, wrapped) =
            slot.overflowing_add_signed(chrono::Duration::minutes(self.slot_minutes as i64));
        self.day < now.date() || (self.day == now.date() && wrapped == 0 && end <= now.time())
    }
    /// The slots still to come at `now` that no booking in `held` holds, in order.
    pub fn open_slots(&self, held: &[NaiveTime], now: chrono::NaiveDateTime) -> Vec<NaiveTime> {
        self.slots()
            .into_iter()
            .filter(|t| !held.contains(t) && !self.slot_passed(*t, now))
            .collect()
    }
}

fn slot_times(start: NaiveTime, end: NaiveTime, minutes: u32) -> Vec<NaiveTime> {
    let mut v = Vec::new();
    if minutes == 0 {
        return v;
    }
    let step = Duration::minutes(minutes as i64);
    let mut t = start;
    while t < end && end.signed_duration_since(t) >= step {
        v.push(t);
        t += step;
    }
    v
}

/// Why a schedule, booking or absence is refused (the user sees it in kk/ru through
/// `i18n::schedule`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum ScheduleError {
    #[error("the session ends before it starts")]
    EndBeforeStart,
    #[error("a slot of {minutes} minutes does not fit the session")]
    SlotDoesNotFit { minutes: u32 },
    #[error("{0} is not a working day")]
    DayOff(NaiveDate),
    #[error("the official already receives {day} {start}-{end}")]
    Overlap {
        day: NaiveDate,
        start: NaiveTime,
        end: NaiveTime,
    },
    #[error("a session outside the schedule needs the akim's instruction (number and date)")]
    InstructionMissing,
    #[error("{0} is outside every session of the official that day")]
    OutsideSession(NaiveTime),
    #[error("{0} is not the start of a slot")]
    NotASlot(NaiveTime),
    #[error("the slot {0} is taken")]
    SlotTaken(NaiveTime),
    #[error("the session is full")]
    SessionFull,
    #[error("the session was cancelled")]
    SessionCancelled,
    #[error("the session is in the past")]
    SessionInPast,
    #[error("the slot {0} is over")]
    SlotPassed(NaiveTime),
    #[error("the official is absent on {0}")]
    OfficialAbsent(NaiveDate),
    #[error("a video reception needs the applicant's consent")]
    VideoConsentMissing,
    #[error("the appeal is already booked")]
    AlreadyBooked,
    #[error("the absence ends before it starts")]
    AbsenceEndsBeforeStart,
    #[error("the desk cannot have been told after the absence was recorded")]
    ToldInFuture,
    #[error("the booking is not active")]
    BookingNotActive,
    #[error("the rule's nth weekday must be 1..5 or -1 (last)")]
    BadNth,
    #[error("a same-day reception by a unit head needs the applicant's consent")]
    SameDayConsentMissing,
    #[error("the invited body is not named")]
    ParticipantBodyMissing,
    #[error("the booking is for {0}, not today")]
    NotSessionDay(NaiveDate),
}

/// Something the desk should look at; not a refusal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Warning {
    /// A rule's day fell on a day off and was skipped.
    SkippedDayOff { official_id: i64, day: NaiveDate },
    /// An official who must receive has no session in the month (001 §7-8).
    NoSessionInMonth {
        official_id: i64,
        year: i32,
        month: u32,
    },
    /// A stored session lies on a day off (the calendar changed after it was made).
    SessionOnDayOff { session_id: i64, day: NaiveDate },
    /// Two sessions of one official overlap.
    Overlap { first: i64, second: i64 },
}

/// Officials of these categories receive at least once a month (001 §2, §7-8).
pub fn must_receive(category: Option<OfficialCategory>, active: bool) -> bool {
    active && category.is_some()
}

/// The first and last day of a month.
pub fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next - Duration::days(1)))
}

/// The days of a month a rule falls on (days off included; see [`generate_month`]).
pub fn rule_days(r: &Recurrence, year: i32, month: u32) -> Vec<NaiveDate> {
    let Some((first, last)) = month_bounds(year, month) else {
        return vec![];
    };
    let wd = match r {
        Recurrence::Weekly(w) | Recurrence::Monthly(w, _) => *w,
    };
    let all: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| d.weekday() == wd)
        .collect();
    match r {
        Recurrence::Weekly(_) => all,
        Recurrence::Monthly(_, n) if *n == -1 => all.last().copied().into_iter().collect(),
        Recurrence::Monthly(_, n) if (1..=5).contains(n) => {
            all.get(*n as usize - 1).copied().into_iter().collect()
        }
        Recurrence::Monthly(..) => vec![],
    }
}

/// Checks a rule's own values (times, slot, nth).
pub fn validate_rule(r: &Rule) -> Result<(), ScheduleError> {
    if let Recurrence::Monthly(_, n) = r.recurrence {
        if !(n == -1 || (1..=5).contains(&n)) {
            return Err(ScheduleError::BadNth);
        }
    }
    check_times(r.start, r.end, r.slot_minutes)
}

fn check_times(start: NaiveTime, end: NaiveTime, slot: u32) -> Result<(), ScheduleError> {
    if end <= start {
        return Err(ScheduleError::EndBeforeStart);
    }
    if slot == 0 || slot_times(start, end, slot).is_empty() {
        return Err(ScheduleError::SlotDoesNotFit { minutes: slot });
    }
    Ok(())
}

/// The sessions a rule gives in a month: its days, days off skipped with a warning.
pub fn generate_month(
    rule: &Rule,
    year: i32,
    month: u32,
    cal: &Calendar,
) -> (Vec<SessionDraft>, Vec<Warning>) {
    let mut drafts = Vec::new();
    let mut warnings = Vec::new();
    for day in rule_days(&rule.recurrence, year, month) {
        if !cal.is_working_day(day) {
            warnings.push(Warning::SkippedDayOff {
                official_id: rule.official_id,
                day,
            });
            continue;
        }
        drafts.push(SessionDraft {
            official_id: rule.official_id,
            day,
            start: rule.start,
            end: rule.end,
            place: rule.place.clone(),
            format: rule.format,
            slot_minutes: rule.slot_minutes,
            origin: SessionOrigin::Schedule,
            rule_id: Some(rule.id),
            instruction_no: String::new(),
            instruction_date: None,
        });
    }
    (drafts, warnings)
}

/// Checks a new session against the calendar and the official's other sessions
/// (`others`: the official's sessions, cancelled ones ignored).
pub fn validate_session(
    d: &SessionDraft,
    cal: &Calendar,
    others: &[Session],
) -> Result<(), ScheduleError> {
    check_times(d.start, d.end, d.slot_minutes)?;
    if !cal.is_working_day(d.day) {
        return Err(ScheduleError::DayOff(d.day));
    }
    if d.origin == SessionOrigin::Instruction
        && (d.instruction_no.trim().is_empty() || d.instruction_date.is_none())
    {
        return Err(ScheduleError::InstructionMissing);
    }
    if let Some(o) = others.iter().find(|o| {
        !o.cancelled
            && o.official_id == d.official_id
            && o.day == d.day
            && o.start < d.end
            && d.start < o.end
    }) {
        return Err(ScheduleError::Overlap {
            day: o.day,
            start: o.start,
            end: o.end,
        });
    }
    Ok(())
}

/// Warnings on stored sessions: days off and overlaps of one official.
pub fn session_warnings(sessions: &[Session], cal: &Calendar) -> Vec<Warning> {
    let live: Vec<&Session> = sessions.iter().filter(|s| !s.cancelled).collect();
    let mut w = Vec::new();
    for s in &live {
        if !cal.is_working_day(s.day) {
            w.push(Warning::SessionOnDayOff {
                session_id: s.id,
                day: s.day,
            });
        }
    }
    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            if a.official_id == b.official_id
                && a.day == b.day
                && a.start < b.end
                && b.start < a.end
            {
                w.push(Warning::Overlap {
                    first: a.id.min(b.id),
                    second: a.id.max(b.id),
                });
            }
        }
    }
    w
}

/// Officials (id, must receive) without a live session in the month.
pub fn coverage_warnings(
    officials: &[(i64, bool)],
    sessions: &[Session],
    year: i32,
    month: u32,
) -> Vec<Warning> {
    officials
        .iter()
        .filter(|(_, must)| *must)
        .filter(|(id, _)| {
            !sessions.iter().any(|s| {
                !s.cancelled
                    && s.official_id == *id
                    && s.day.year() == year
                    && s.day.month() == month
            })
        })
        .map(|(id, _)| Warning::NoSessionInMonth {
            official_id: *id,
            year,
            month,
        })
        .collect()
}

/// A booking as the slot planner sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotHolder {
    pub booking_id: i64,
    /// The applicant is of an out-of-turn category (001 §3, §12).
    pub out_of_turn: bool,
    /// The time was chosen or already told: it does not move.
    pub pinned: bool,
    pub time: NaiveTime,
}

/// Lays out a session's bookings over its slots. Pinned bookings keep their time;
/// the others (in booking order as given) fill the remaining slots from the
/// earliest, out-of-turn applicants first. Returns (booking, time) in slot order,
/// or `SessionFull` when there are more bookings than slots.
pub fn plan_slots(
    slots: &[NaiveTime],
    holders: &[SlotHolder],
) -> Result<Vec<(i64, NaiveTime)>, ScheduleError> {
    let pinned: Vec<&SlotHolder> = holders.iter().filter(|h| h.pinned).collect();
    let mut free: Vec<NaiveTime> = slots
        .iter()
        .copied()
        .filter(|t| !pinned.iter().any(|p| p.time == *t))
        .collect();
    free.sort();
    let mut flexible: Vec<&SlotHolder> = holders.iter().filter(|h| !h.pinned).collect();
    // Stable: booking order kept within each group.
    flexible.sort_by_key(|h| !h.out_of_turn);
    if flexible.len() > free.len() {
        return Err(ScheduleError::SessionFull);
    }
    let mut out: Vec<(i64, NaiveTime)> = pinned.iter().map(|p| (p.booking_id, p.time)).collect();
    out.extend(flexible.iter().zip(free).map(|(h, t)| (h.booking_id, t)));
    out.sort_by_key(|(_, t)| *t);
    Ok(out)
}

/// Checks a chosen time in a session: inside it, on a slot, not held by a pinned
/// booking; and there must be room for everyone once it is added.
pub fn check_chosen_slot(
    session: &Session,
    time: NaiveTime,
    holders: &[SlotHolder],
) -> Result<(), ScheduleError> {
    if !session.contains(time) {
        return Err(ScheduleError::OutsideSession(time));
    }
    let slots = session.slots();
    if !slots.contains(&time) {
        return Err(ScheduleError::NotASlot(time));
    }
    if holders.iter().any(|h| h.pinned && h.time == time) {
        return Err(ScheduleError::SlotTaken(time));
    }
    if holders.len() >= slots.len() {
        return Err(ScheduleError::SessionFull);
    }
    Ok(())
}

/// Checks that a booking may go into `session` on `today`.
pub fn check_bookable(
    session: &Session,
    today: NaiveDate,
    absent: bool,
    video_consent: bool,
) -> Result<(), ScheduleError> {
    if session.cancelled {
        return Err(ScheduleError::SessionCancelled);
    }
    if session.day < today {
        return Err(ScheduleError::SessionInPast);
    }
    if absent {
        return Err(ScheduleError::OfficialAbsent(session.day));
    }
    if session.format == SessionFormat::Video && !video_consent {
        return Err(ScheduleError::VideoConsentMissing);
    }
    Ok(())
}

/// Checks an absence's dates and says whether the desk was told late: later than
/// the profile's `official_absence_notice` working days before the first day,
/// except on the first day itself (001 §16, 000 §16, 002 §15).
pub fn check_absence(
    from: NaiveDate,
    to: NaiveDate,
    told_on: NaiveDate,
    today: NaiveDate,
    profile: &Profile,
    cal: &Calendar,
) -> Result<bool, ScheduleError> {
    if to < from {
        return Err(ScheduleError::AbsenceEndsBeforeStart);
    }
    if told_on > today {
        return Err(ScheduleError::ToldInFuture);
    }
    Ok(absence_notice_late(from, told_on, profile, cal))
}

/// Whether an absence from `from` told on `told_on` was told late.
pub fn absence_notice_late(
    from: NaiveDate,
    told_on: NaiveDate,
    profile: &Profile,
    cal: &Calendar,
) -> bool {
    if told_on == from {
        return false;
    }
    let latest = profile
        .deadline("official_absence_notice")
        .map(|d| deadlines::latest_before(d, from, cal))
        .unwrap_or_else(|| cal.sub_working_days(from, 2));
    told_on > latest
}

/// The day the reference note proposing the date is due: `reference_note_before`
/// working days before the reception (001 §26).
pub fn reference_note_due(reception: NaiveDate, profile: &Profile, cal: &Calendar) -> NaiveDate {
    profile
        .deadline("reference_note_before")
        .map(|d| deadlines::latest_before(d, reception, cal))
        .unwrap_or_else(|| cal.sub_working_days(reception, 5))
}

/// The day the applicant must be told the date and time: the profile's
/// `answer_reception_date` from registration (001 §29), and never after the day
/// before the reception.
pub fn datetime_notice_due(
    registered_on: NaiveDate,
    reception: NaiveDate,
    profile: &Profile,
    cal: &Calendar,
) -> NaiveDate {
    let before = cal.sub_working_days(reception, 1).max(registered_on);
    deadlines::due(profile, "answer_reception_date", registered_on, cal)
        .map(|d| d.min(before))
        .unwrap_or(before)
}

/// The applicant is told of other bodies taking part within `notify_participation`
/// working days of the invitation (000 §17, 001 §18-19).
pub fn participation_notice_due(
    invited_on: NaiveDate,
    profile: &Profile,
    cal: &Calendar,
) -> NaiveDate {
    deadlines::due(profile, "notify_participation", invited_on, cal)
        .unwrap_or_else(|| cal.add_working_days(invited_on, 2))
}

/// A body's refusal to take part is reported within `report_participation_refusal`
/// working days (001 §20).
pub fn refusal_report_due(refused_on: NaiveDate, profile: &Profile, cal: &Calendar) -> NaiveDate {
    deadlines::due(profile, "report_participation_refusal", refused_on, cal)
        .unwrap_or_else(|| cal.add_working_days(refused_on, 2))
}

/// Parses "HH:MM".
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// Weekday from 1 (Monday) .. 7 (Sunday).
pub fn weekday_from_number(n: u32) -> Option<Weekday> {
    match n {
        1 => Some(Weekday::Mon),
        2 => Some(Weekday::Tue),
        3 => Some(Weekday::Wed),
        4 => Some(Weekday::Thu),
        5 => Some(Weekday::Fri),
        6 => Some(Weekday::Sat),
        7 => Some(Weekday::Sun),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::DayKind;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn t(s: &str) -> NaiveTime {
        parse_hhmm(s).unwrap()
    }
    fn profile() -> Profile {
        Profile::parse(include_str!("../../assets/profiles/model-2023.toml")).unwrap()
    }
    fn session(id: i64, official: i64, day: &str, a: &str, b: &str, slot: u32) -> Session {
        Session {
            id,
            official_id: official,
            day: d(day),
            start: t(a),
            end: t(b),
            place: "каб. 101".into(),
            format: SessionFormat::InPerson,
            slot_minutes: slot,
            origin: SessionOrigin::Schedule,
            rule_id: None,
            instruction_no: String::new(),
            instruction_date: None,
            cancelled: false,
        }
    }
    fn rule(rec: Recurrence) -> Rule {
        Rule {
            id: 7,
            official_id: 3,
            recurrence: rec,
            start: t("15:00"),
            end: t("17:00"),
            place: "каб. 101".into(),
            format: SessionFormat::InPerson,
            slot_minutes: 20,
        }
    }

    #[test]
    fn second_tuesday_and_last_friday() {
        let r = Recurrence::Monthly(Weekday::Tue, 2);
        assert_eq!(rule_days(&r, 2026, 3), vec![d("2026-03-10")]);
        // Month starting on a Tuesday: the second Tuesday is the 8th.
        assert_eq!(rule_days(&r, 2026, 9), vec![d("2026-09-08")]);
        assert_eq!(
            rule_days(&Recurrence::Monthly(Weekday::Fri, -1), 2026, 2),
            vec![d("2026-02-27")]
        );
        // A fifth Monday only in months that have one.
        assert_eq!(
            rule_days(&Recurrence::Monthly(Weekday::Mon, 5), 2026, 3),
            vec![d("2026-03-30")]
        );
        assert!(rule_days(&Recurrence::Monthly(Weekday::Mon, 5), 2026, 4).is_empty());
    }

    #[test]
    fn weekly_rule_across_the_month_end_skips_holidays() {
        let mut cal = Calendar::weekdays_only();
        cal.set(d("2026-12-16"), DayKind::Off, "Independence Day");
        let r = rule(Recurrence::Weekly(Weekday::Wed));
        let (dec, w) = generate_month(&r, 2026, 12, &cal);
        let days: Vec<_> = dec.iter().map(|s| s.day).collect();
        assert_eq!(
            days,
            vec![
                d("2026-12-02"),
                d("2026-12-09"),
                d("2026-12-23"),
                d("2026-12-30")
            ]
        );
        assert_eq!(
            w,
            vec![Warning::SkippedDayOff {
                official_id: 3,
                day: d("2026-12-16")
            }]
        );
        // The next month is the next year's January: no December day leaks in.
        let (jan, _) = generate_month(&r, 2027, 1, &cal);
        assert_eq!(jan.first().map(|s| s.day), Some(d("2027-01-06")));
        assert!(jan
            .iter()
            .all(|s| s.day.year() == 2027 && s.day.month() == 1));
        assert!(dec
            .iter()
            .all(|s| s.rule_id == Some(7) && s.start == t("15:00")));
    }

    #[test]
    fn monthly_rule_on_a_holiday_is_skipped_with_a_warning() {
        let mut cal = Calendar::weekdays_only();
        // 2026-03-10 is the second Tuesday; make it a day off.
        cal.set(d("2026-03-10"), DayKind::Off, "moved day off");
        let (s, w) = generate_month(&rule(Recurrence::Monthly(Weekday::Tue, 2)), 2026, 3, &cal);
        assert!(s.is_empty());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn bad_sessions_are_refused() {
        let cal = Calendar::weekdays_only();
        let mut draft = SessionDraft {
            official_id: 3,
            day: d("2026-03-17"),
            start: t("15:00"),
            end: t("14:00"),
            place: String::new(),
            format: SessionFormat::InPerson,
            slot_minutes: 20,
            origin: SessionOrigin::Schedule,
            rule_id: None,
            instruction_no: String::new(),
            instruction_date: None,
        };
        assert_eq!(
            validate_session(&draft, &cal, &[]),
            Err(ScheduleError::EndBeforeStart)
        );
        draft.end = t("15:30");
        draft.slot_minutes = 45;
        assert_eq!(
            validate_session(&draft, &cal, &[]),
            Err(ScheduleError::SlotDoesNotFit { minutes: 45 })
        );
        draft.slot_minutes = 15;
        draft.day = d("2026-03-21");
        assert_eq!(
            validate_session(&draft, &cal, &[]),
            Err(ScheduleError::DayOff(d("2026-03-21")))
        );
        draft.day = d("2026-03-17");
        let other = session(1, 3, "2026-03-17", "15:15", "16:00", 15);
        assert!(matches!(
            validate_session(&draft, &cal, std::slice::from_ref(&other)),
            Err(ScheduleError::Overlap { .. })
        ));
        // Another official at the same time, or touching ends, is fine.
        let mut theirs = other.clone();
        theirs.official_id = 4;
        assert_eq!(validate_session(&draft, &cal, &[theirs]), Ok(()));
        let touching = session(2, 3, "2026-03-17", "15:30", "16:00", 15);
        assert_eq!(validate_session(&draft, &cal, &[touching]), Ok(()));
        draft.origin = SessionOrigin::Instruction;
        assert_eq!(
            validate_session(&draft, &cal, &[]),
            Err(ScheduleError::InstructionMissing)
        );
        draft.instruction_no = "12-р".into();
        draft.instruction_date = Some(d("2026-03-12"));
        assert_eq!(validate_session(&draft, &cal, &[]), Ok(()));
    }

    #[test]
    fn monthly_coverage_and_stored_session_warnings() {
        let s = vec![
            session(1, 1, "2026-03-10", "15:00", "17:00", 20),
            session(2, 1, "2026-03-10", "16:00", "18:00", 20),
            session(3, 2, "2026-04-01", "10:00", "12:00", 20),
            session(4, 5, "2026-03-08", "10:00", "12:00", 20),
        ];
        let officials = [(1, true), (2, true), (3, false), (5, true)];
        let w = coverage_warnings(&officials, &s, 2026, 3);
        assert_eq!(
            w,
            vec![Warning::NoSessionInMonth {
                official_id: 2,
                year: 2026,
                month: 3
            }]
        );
        // A cancelled session does not count.
        let mut s2 = s.clone();
        s2[0].cancelled = true;
        s2[1].cancelled = true;
        let w2 = coverage_warnings(&officials, &s2, 2026, 3);
        assert_eq!(w2.len(), 2);
        let cal = Calendar::weekdays_only();
        let sw = session_warnings(&s, &cal);
        assert!(sw.contains(&Warning::Overlap {
            first: 1,
            second: 2
        }));
        assert!(sw.contains(&Warning::SessionOnDayOff {
            session_id: 4,
            day: d("2026-03-08")
        }));
        assert_eq!(sw.len(), 2);
        assert!(must_receive(Some(OfficialCategory::UnitHead), true));
        assert!(!must_receive(Some(OfficialCategory::UnitHead), false));
        assert!(!must_receive(None, true));
    }

    #[test]
    fn slots_fill_out_of_turn_first_and_pinned_stay() {
        let s = session(1, 1, "2026-03-10", "15:00", "16:00", 15);
        let slots = s.slots();
        assert_eq!(slots, vec![t("15:00"), t("15:15"), t("15:30"), t("15:45")]);
        let h = |id, oot, pinned, tm: &str| SlotHolder {
            booking_id: id,
            out_of_turn: oot,
            pinned,
            time: t(tm),
        };
        // Booked in order 10, 11 (regular), 12 (pregnant, out of turn); 13 pinned at 15:00.
        let holders = [
            h(10, false, false, "15:15"),
            h(11, false, false, "15:30"),
            h(12, true, false, "15:45"),
            h(13, false, true, "15:00"),
        ];
        let plan = plan_slots(&slots, &holders).unwrap();
        assert_eq!(
            plan,
            vec![
                (13, t("15:00")),
                (12, t("15:15")),
                (10, t("15:30")),
                (11, t("15:45"))
            ]
        );
        let mut five = holders.to_vec();
        five.push(h(14, true, false, "15:00"));
        assert_eq!(plan_slots(&slots, &five), Err(ScheduleError::SessionFull));
        // A chosen time: outside, off-slot, taken by a pinned one, or no room.
        assert_eq!(
            check_chosen_slot(&s, t("16:00"), &[]),
            Err(ScheduleError::OutsideSession(t("16:00")))
        );
        assert_eq!(
            check_chosen_slot(&s, t("15:10"), &[]),
            Err(ScheduleError::NotASlot(t("15:10")))
        );
        assert_eq!(
            check_chosen_slot(&s, t("15:00"), &holders[3..]),
            Err(ScheduleError::SlotTaken(t("15:00")))
        );
        assert_eq!(
            check_chosen_slot(&s, t("15:15"), &holders),
            Err(ScheduleError::SessionFull)
        );
        assert_eq!(check_chosen_slot(&s, t("15:15"), &holders[..2]), Ok(()));
    }

    #[test]
    fn bookable_sessions() {
        let mut s = session(1, 1, "2026-03-10", "15:00", "16:00", 15);
        let today = d("2026-03-05");
        assert_eq!(check_bookable(&s, today, false, false), Ok(()));
        assert_eq!(
            check_bookable(&s, d("2026-03-11"), false, false),
            Err(ScheduleError::SessionInPast)
        );
        assert_eq!(
            check_bookable(&s, today, true, false),
            Err(ScheduleError::OfficialAbsent(d("2026-03-10")))
        );
        s.format = SessionFormat::Video;
        assert_eq!(
            check_bookable(&s, today, false, false),
            Err(ScheduleError::VideoConsentMissing)
        );
        assert_eq!(check_bookable(&s, today, false, true), Ok(()));
        s.cancelled = true;
        assert_eq!(
            check_bookable(&s, today, false, true),
            Err(ScheduleError::SessionCancelled)
        );
    }

    #[test]
    fn absence_notice_two_working_days_or_the_same_day() {
        let p = profile();
        let mut cal = Calendar::weekdays_only();
        cal.set(d("2026-03-23"), DayKind::Off, "Nauryz");
        // Absent from Wednesday 2026-03-18: told by Monday the 16th is in time.
        let from = d("2026-03-18");
        assert!(!absence_notice_late(from, d("2026-03-13"), &p, &cal));
        assert!(!absence_notice_late(from, d("2026-03-16"), &p, &cal));
        assert!(absence_notice_late(from, d("2026-03-17"), &p, &cal));
        // On the day itself: allowed (sudden illness).
        assert!(!absence_notice_late(from, from, &p, &cal));
        // Told after the first day: late.
        assert!(absence_notice_late(from, d("2026-03-19"), &p, &cal));
        // Over a holiday and a weekend: absent Tuesday the 24th (23rd off), latest
        // is Thursday the 19th.
        assert!(!absence_notice_late(
            d("2026-03-24"),
            d("2026-03-19"),
            &p,
            &cal
        ));
        assert!(absence_notice_late(
            d("2026-03-24"),
            d("2026-03-20"),
            &p,
            &cal
        ));
        assert_eq!(
            check_absence(
                from,
                d("2026-03-17"),
                d("2026-03-10"),
                d("2026-03-10"),
                &p,
                &cal
            ),
            Err(ScheduleError::AbsenceEndsBeforeStart)
        );
        assert_eq!(
            check_absence(from, from, d("2026-03-17"), d("2026-03-17"), &p, &cal),
            Ok(true)
        );
        assert_eq!(
            check_absence(from, from, d("2026-03-17"), d("2026-03-16"), &p, &cal),
            Err(ScheduleError::ToldInFuture)
        );
    }

    #[test]
    fn notice_deadlines() {
        let p = profile();
        let cal = Calendar::weekdays_only();
        // Reception Tuesday 2026-03-24: the note 5 working days before = Tuesday 17th.
        assert_eq!(
            reference_note_due(d("2026-03-24"), &p, &cal),
            d("2026-03-17")
        );
        // Registered 2 March, reception 6 April: told by 23 March (15 working days).
        assert_eq!(
            datetime_notice_due(d("2026-03-02"), d("2026-04-06"), &p, &cal),
            d("2026-03-23")
        );
        // A reception sooner than that: told by the working day before it.
        assert_eq!(
            datetime_notice_due(d("2026-03-02"), d("2026-03-09"), &p, &cal),
            d("2026-03-06")
        );
        assert_eq!(
            participation_notice_due(d("2026-03-12"), &p, &cal),
            d("2026-03-16")
        );
        assert_eq!(
            refusal_report_due(d("2026-03-12"), &p, &cal),
            d("2026-03-16")
        );
    }
}
