//! Working-day calendar of Kazakhstan: weekends, public holidays with their
//! carry-over, and the Government's yearly transfers of days off.
//!
//! The data lives in `assets/calendar/kz.toml` (and an office's `calendar.toml`);
//! this module parses it and counts. No I/O here.
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// A recurring public holiday (same month and day every year).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub month: u32,
    pub day: u32,
    pub name: String,
    /// First and last year the holiday applies (inclusive).
    #[serde(default)]
    pub from: Option<i32>,
    #[serde(default)]
    pub to: Option<i32>,
    /// Religious days off do not carry over to a working day.
    #[serde(default)]
    pub religious: bool,
}

/// One dated exception: a holiday of that year only (e.g. Kurban ait) or a
/// transfer by Government decree.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedDay {
    pub date: NaiveDate,
    pub kind: DayKindCode,
    pub name: String,
    #[serde(default)]
    pub religious: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayKindCode {
    Off,
    Work,
}

/// The calendar file: the years it covers, the recurring holidays and the dated days.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarData {
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    #[serde(default)]
    pub holiday: Vec<Holiday>,
    #[serde(default)]
    pub day: Vec<DatedDay>,
}

/// Why a calendar file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct CalendarError {
    pub line: usize,
    pub reason: String,
}

impl CalendarData {
    /// Parses a calendar file (TOML) and checks its dates.
    pub fn parse(text: &str) -> Result<CalendarData, CalendarError> {
        let data = toml::from_str::<CalendarData>(text).map_err(|e| CalendarError {
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0),
            reason: e.message().to_string(),
        })?;
        for h in &data.holiday {
            if NaiveDate::from_ymd_opt(2024, h.month, h.day).is_none() {
                let line = text
                    .lines()
                    .position(|l| l.contains(&h.name))
                    .map(|i| i + 1)
                    .unwrap_or(0);
                return Err(CalendarError {
                    line,
                    reason: format!("no such day: month {} day {}", h.month, h.day),
                });
            }
        }
        if let (Some(a), Some(b)) = (data.first_year, data.last_year) {
            if a > b {
                return Err(CalendarError {
                    line: 0,
                    reason: format!("first_year {a} is after last_year {b}"),
                });
            }
        }
        Ok(data)
    }

    /// Adds an office's file to this one: its holidays are added, its dated days
    /// replace ours on the same date, its year range widens ours.
    pub fn merge(&mut self, other: CalendarData) {
        self.first_year = match (self.first_year, other.first_year) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last_year = match (self.last_year, other.last_year) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.holiday.extend(other.holiday);
        for d in other.day {
            self.day.retain(|x| x.date != d.date);
            self.day.push(d);
        }
    }

    /// Works out every exception of the covered years: holidays, their carry-over
    /// to the next working day (not for religious days), then the decree transfers.
    /// `carried_over` is added to the name of a day off that a holiday carried over to.
    pub fn compile(&self, carried_over: &str) -> Calendar {
        let mut cal = Calendar::default();
        let years: Vec<i32> = self.day.iter().map(|d| d.date.year()).collect();
        let first = self
            .first_year
            .or(years.iter().min().copied())
            .unwrap_or(2020);
        let last = self
            .last_year
            .or(years.iter().max().copied())
            .unwrap_or(first);
        for year in first..=last {
            // (date, name, religious)
            let mut holidays: Vec<(NaiveDate, String, bool)> = self
                .holiday
                .iter()
                .filter(|h| h.from.is_none_or(|f| year >= f) && h.to.is_none_or(|t| year <= t))
                .filter_map(|h| {
                    NaiveDate::from_ymd_opt(year, h.month, h.day)
                        .map(|d| (d, h.name.clone(), h.religious))
                })
                .collect();
            holidays.extend(
                self.day
                    .iter()
                    .filter(|d| d.date.year() == year && d.kind == DayKindCode::Off && d.religious)
                    .map(|d| (d.date, d.name.clone(), true)),
            );
            holidays.sort();
            let mut off: BTreeSet<NaiveDate> = holidays.iter().map(|h| h.0).collect();
            for (d, name, _) in &holidays {
                cal.set(*d, DayKind::Off, name.clone());
            }
            for (d, name, religious) in &holidays {
                if *religious || !is_weekend(*d) {
                    continue;
                }
                let mut c = *d + Duration::days(1);
                while is_weekend(c) || off.contains(&c) {
                    c += Duration::days(1);
                }
                off.insert(c);
                cal.set(c, DayKind::Off, format!("{name} {carried_over}"));
            }
        }
        for d in self.day.iter().filter(|d| !d.religious) {
            let kind = match d.kind {
                DayKindCode::Off => DayKind::Off,
                DayKindCode::Work => DayKind::Work,
            };
            cal.set(d.date, kind, d.name.clone());
        }
        cal
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

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
            None => !is_weekend(d),
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
            .filter(|(d, (k, _))| (*k == DayKind::Off) != is_weekend(**d))
            .map(|(d, (k, n))| (*d, *k, n.as_str()))
            .collect()
    }
}
