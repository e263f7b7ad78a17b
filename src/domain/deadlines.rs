//! Deadlines: due dates from the regulation profile and the working-day calendar,
//! and how close a due date is. The numbers live in the profile (`assets/profiles`);
//! only the counting is here.
use super::calendar::Calendar;
use super::profile::{Deadline, Profile, Unit};
use chrono::{Months, NaiveDate};

/// The date a deadline falls on, counted from `from` (the day itself not counted).
/// Working days skip weekends, holidays and moved days off; a deadline in calendar
/// days or months that ends on a day off moves to the next working day.
pub fn due_date(d: &Deadline, from: NaiveDate, cal: &Calendar) -> NaiveDate {
    match d.unit {
        Unit::WorkingDays => cal.add_working_days(from, d.amount),
        Unit::CalendarDays => {
            cal.working_day_on_or_after(from + chrono::Duration::days(d.amount as i64))
        }
        Unit::Months => cal.working_day_on_or_after(
            from.checked_add_months(Months::new(d.amount))
                .unwrap_or(from),
        ),
    }
}

/// The date by which something must be done `d` before `event` (e.g. the reference
/// note 5 working days before the reception).
pub fn latest_before(d: &Deadline, event: NaiveDate, cal: &Calendar) -> NaiveDate {
    match d.unit {
        Unit::WorkingDays => cal.sub_working_days(event, d.amount),
        Unit::CalendarDays => event - chrono::Duration::days(d.amount as i64),
        Unit::Months => event
            .checked_sub_months(Months::new(d.amount))
            .unwrap_or(event),
    }
}

/// A profile deadline by code, counted from `from`; `None` if the profile lacks it.
pub fn due(profile: &Profile, code: &str, from: NaiveDate, cal: &Calendar) -> Option<NaiveDate> {
    profile.deadline(code).map(|d| due_date(d, from, cal))
}

/// A profile deadline counted from the event it follows: from the registration, or,
/// when the deadline says `after = "<code>"`, from the day that earlier event took
/// place (`done(code)`), or while it has not, from that event's own due date. So in
/// 000 §25 the date and time are due 2 working days after the notice of inclusion,
/// and at worst 15 + 2 working days after the registration.
pub fn due_after(
    profile: &Profile,
    code: &str,
    registered_on: NaiveDate,
    done: &dyn Fn(&str) -> Option<NaiveDate>,
    cal: &Calendar,
) -> Option<NaiveDate> {
    fn go(
        profile: &Profile,
        code: &str,
        registered_on: NaiveDate,
        done: &dyn Fn(&str) -> Option<NaiveDate>,
        cal: &Calendar,
        depth: u8,
    ) -> Option<NaiveDate> {
        let d = profile.deadline(code)?;
        let from = match &d.after {
            Some(prev) if depth < 8 => done(prev)
                .or_else(|| go(profile, prev, registered_on, done, cal, depth + 1))
                .unwrap_or(registered_on),
            _ => registered_on,
        };
        Some(due_date(d, from, cal))
    }
    go(profile, code, registered_on, done, cal, 0)
}

/// The last day an appeal that arrived on `arrival` may be registered: the profile's
/// `registration` deadline (002 §25: within 3 working days), or with none or 0 days
/// the day it arrives, the next working day when that is a day off (001 §25).
pub fn registration_due(profile: &Profile, arrival: NaiveDate, cal: &Calendar) -> NaiveDate {
    match profile.deadline("registration") {
        Some(d) if d.amount > 0 => due_date(d, arrival, cal),
        _ => registration_date(arrival, cal),
    }
}

/// Appeals registered on or before the returned day and still without a number in
/// the national register are late on `today`: the profile's `national_register`
/// working days (1 by default) have passed since their registration.
pub fn national_register_cutoff(profile: &Profile, today: NaiveDate, cal: &Calendar) -> NaiveDate {
    let n = profile
        .deadline("national_register")
        .map(|d| d.amount)
        .unwrap_or(1);
    // On a day off no working day has passed since the last working one.
    let mut last = today;
    while !cal.is_working_day(last) {
        last -= chrono::Duration::days(1);
    }
    cal.sub_working_days(last, n)
}

/// A profile deadline by code, counted from `from`; when the profile lacks it, the
/// regulation's own term (`amount` in `unit`) counted the same way. The one place
/// where a missing profile entry falls back.
pub fn due_or(
    profile: &Profile,
    code: &str,
    from: NaiveDate,
    cal: &Calendar,
    amount: u32,
    unit: Unit,
) -> NaiveDate {
    match profile.deadline(code) {
        Some(d) => due_date(d, from, cal),
        None => due_date(
            &Deadline {
                code: code.to_string(),
                amount,
                unit,
                kk: String::new(),
                ru: String::new(),
                source: String::new(),
                after: None,
            },
            from,
            cal,
        ),
    }
}

/// The due date proposed for a protocol instruction given on `day` (the profile's
/// `instruction_default`); `None` when the profile has no such term, so the clerk
/// types one.
pub fn instruction_due(profile: &Profile, day: NaiveDate, cal: &Calendar) -> Option<NaiveDate> {
    due(profile, "instruction_default", day, cal)
}

/// The registration date of an appeal that arrived on `arrival`: that day, or the
/// next working day when it arrived on a day off (001 §25).
pub fn registration_date(arrival: NaiveDate, cal: &Calendar) -> NaiveDate {
    cal.working_day_on_or_after(arrival)
}

/// How a due date stands on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueState {
    /// Past due by this many working days.
    Overdue(i64),
    DueToday,
    /// Due within the "soon" window: this many working days left.
    DueSoon(i64),
    /// More working days left than the window.
    Ok(i64),
}

/// Classifies `due` against `today`; `soon` is the window in working days (2 by default).
pub fn due_state(due: NaiveDate, today: NaiveDate, cal: &Calendar, soon: i64) -> DueState {
    if due == today {
        return DueState::DueToday;
    }
    let n = cal.working_days_between(today, due);
    if due < today {
        DueState::Overdue((-n).max(1))
    } else if n <= soon {
        DueState::DueSoon(n)
    } else {
        DueState::Ok(n)
    }
}

/// The default "due soon" window in working days.
pub const SOON: i64 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn profile_deadlines_in_their_units() {
        let cal = crate::assets::shipped_calendar();
        let p2023 = crate::assets::default_profile();
        let (p2020, _) = crate::assets::load_profile(None, Some("model-2020"));
        // Registered Monday 2 March 2026: 15 working days (9 March and Nauryz off).
        assert_eq!(
            due(&p2023, "answer_reception_date", d("2026-03-02"), &cal),
            Some(d("2026-03-27"))
        );
        // The older regulation: 15 calendar days -> 17 March.
        assert_eq!(
            due(&p2020, "answer_reception_date", d("2026-03-02"), &cal),
            Some(d("2026-03-17"))
        );
        // 30 calendar days from 20 February 2026 = 22 March (Sunday, Nauryz): next working day.
        assert_eq!(
            due(&p2023, "extension_complex", d("2026-02-20"), &cal),
            Some(d("2026-03-26"))
        );
        // 2 months from 31 December 2025: 28 February 2026 (Saturday) -> 2 March.
        assert_eq!(
            due(&p2023, "extension_further", d("2025-12-31"), &cal),
            Some(d("2026-03-02"))
        );
        // The reference note 5 working days before a reception on 26 March 2026.
        let note = p2023.deadline("reference_note_before").unwrap();
        assert_eq!(latest_before(note, d("2026-03-26"), &cal), d("2026-03-16"));
    }

    #[test]
    fn instruction_terms_move_off_days_off_and_missing_terms_fall_back_once() {
        let cal = crate::assets::shipped_calendar();
        let mut p = crate::assets::default_profile();
        // 15 working days from Monday 2 March 2026 (9 March and Nauryz off).
        assert_eq!(
            instruction_due(&p, d("2026-03-02"), &cal),
            Some(d("2026-03-27"))
        );
        // A profile counting the term in calendar days: 20 calendar days from
        // 2 March is Sunday 22 March (Nauryz): the next working day.
        if let Some(x) = p
            .deadlines
            .iter_mut()
            .find(|x| x.code == "instruction_default")
        {
            x.unit = Unit::CalendarDays;
            x.amount = 20;
        }
        assert_eq!(
            instruction_due(&p, d("2026-03-02"), &cal),
            Some(d("2026-03-26"))
        );
        p.deadlines.retain(|x| x.code != "instruction_default");
        assert_eq!(instruction_due(&p, d("2026-03-02"), &cal), None);
        // A term the profile lacks: the regulation's own, counted the same way
        // (3 working days from Thursday 19 March: 20, 26, 27 March).
        p.deadlines.retain(|x| x.code != "hearing_before_refusal");
        assert_eq!(
            due_or(
                &p,
                "hearing_before_refusal",
                d("2026-03-19"),
                &cal,
                3,
                Unit::WorkingDays
            ),
            d("2026-03-27")
        );
    }

    #[test]
    fn registration_on_a_day_off() {
        let cal = crate::assets::shipped_calendar();
        assert_eq!(registration_date(d("2026-03-21"), &cal), d("2026-03-26"));
        assert_eq!(registration_date(d("2026-03-17"), &cal), d("2026-03-17"));
    }

    #[test]
    fn due_states() {
        let cal = crate::assets::shipped_calendar();
        let today = d("2026-03-20");
        assert_eq!(due_state(today, today, &cal, SOON), DueState::DueToday);
        assert_eq!(
            due_state(d("2026-03-19"), today, &cal, SOON),
            DueState::Overdue(1)
        );
        // Next working day after Friday 20 March is Thursday 26 March (Nauryz).
        assert_eq!(
            due_state(d("2026-03-26"), today, &cal, SOON),
            DueState::DueSoon(1)
        );
        assert_eq!(
            due_state(d("2026-03-27"), today, &cal, SOON),
            DueState::DueSoon(2)
        );
        assert_eq!(
            due_state(d("2026-03-30"), today, &cal, SOON),
            DueState::Ok(3)
        );
        // Due on a day off that has passed: still overdue by at least one day.
        assert_eq!(
            due_state(d("2026-03-22"), d("2026-03-23"), &cal, SOON),
            DueState::Overdue(1)
        );
    }
}
