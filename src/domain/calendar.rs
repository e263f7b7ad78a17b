//! Working-day calendar of Kazakhstan: weekends, public holidays with their
//! carry-over, and the Government's yearly transfers of days off.
//!
//! The data lives in `assets/calendar/`; this module only counts.
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// Whether an exception day is worked or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    /// A weekday that is not worked (holiday, carry-over, transferred day off).
    Off,
    /// A weekend day that is worked (transferred working Saturday).
    Work,
}

/// The calendar: Monday-to-Friday with exceptions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Calendar {
    exceptions: BTreeMap<NaiveDate, (DayKind, String)>,
}

impl Calendar {
    /// A calendar with no exceptions (plain Monday-to-Friday).
    pub fn weekdays_only() -> Calendar {
        Calendar::default()
    }

    /// Adds or replaces one exception.
    pub fn set(&mut self, date: NaiveDate, kind: DayKind, name: impl Into<String>) {
        self.exceptions.insert(date, (kind, name.into()));
    }

    /// Adds every exception of `other`, replacing ours on the same dates.
    pub fn extend(&mut self, other: &Calendar) {
        for (d, v) in &other.exceptions {
            self.exceptions.insert(*d, v.clone());
        }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.exceptions.get(&d) {
            Some((DayKind::Off, _)) => false,
            Some((DayKind::Work, _)) => true,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// `d` itself if it is a working day, otherwise the next working day.
    pub fn working_day_on_or_after(&self, mut d: NaiveDate) -> NaiveDate {
        while !self.is_working_day(d) {
            d += Duration::days(1);
        }
        d
    }

    /// The date `n` working days after `d` (`d` itself not counted).
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut cur = d;
        let mut left = n;
        while left > 0 {
            cur += Duration::days(1);
            if self.is_working_day(cur) {
                left -= 1;
            }
        }
        cur
    }

    /// The date `n` working days before `d` (`d` itself not counted).
    pub fn sub_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut cur = d;
        let mut left = n;
        while left > 0 {
            cur -= Duration::days(1);
            if self.is_working_day(cur) {
                left -= 1;
            }
        }
        cur
    }

    /// Working days from `a` to `b`: positive when `b` is later (days after `a` up to
    /// and including `b`), negative when earlier, 0 for the same day.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if a == b {
            return 0;
        }
        let (lo, hi, sign) = if a < b { (a, b, 1) } else { (b, a, -1) };
        let mut n = 0;
        let mut cur = lo;
        while cur < hi {
            cur += Duration::days(1);
            if self.is_working_day(cur) {
                n += 1;
            }
        }
        n * sign
    }

    /// Every exception of one year, sorted by date.
    pub fn exceptions(&self, year: i32) -> Vec<(NaiveDate, DayKind, &str)> {
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        self.exceptions
            .range(from..=to)
            .filter(|(d, (k, _))| {
                let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
                (*k == DayKind::Off) != weekend
            })
            .map(|(d, (k, n))| (*d, *k, n.as_str()))
            .collect()
    }
}
