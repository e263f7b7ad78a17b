//! Backups: a copy on demand, and a daily copy on the first start of each day into
//! `paths::backup_dir(db)` named `qabyldau-YYYY-MM-DD.sqlite`, rotated so that the
//! last 30 daily copies and 12 monthly ones (the first copy of each month) stay.
use crate::store::{Result, Store};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub const KEEP_DAILY: usize = 30;
pub const KEEP_MONTHLY: usize = 12;
const PREFIX: &str = "qabyldau-";
const SUFFIX: &str = ".sqlite";

/// A consistent copy of the open database into `dest`. Written under a temporary
/// name and renamed, so an interrupted copy never carries the final name.
pub fn backup_to(store: &Store, dest: &Path) -> Result<()> {
    let tmp = dest.with_extension("sqlite-partial");
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let result = store.backup_to(&tmp);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, dest)?;
    Ok(())
}

/// The file name of the daily backup of `day`.
pub fn daily_name(day: NaiveDate) -> String {
    format!("{PREFIX}{}{SUFFIX}", day.format("%Y-%m-%d"))
}

/// The day of a daily backup file name; `None` for any other file.
pub fn parse_daily_name(name: &str) -> Option<NaiveDate> {
    let d = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// Which of the backups (by day) to delete: everything except the newest
/// [`KEEP_DAILY`] ones and the first backup of each of the newest [`KEEP_MONTHLY`]
/// months. Pure, so the rotation is tested with fixed dates.
pub fn to_delete(days: &[NaiveDate]) -> Vec<NaiveDate> {
    let all: BTreeSet<NaiveDate> = days.iter().copied().collect();
    let mut keep: BTreeSet<NaiveDate> = all.iter().rev().take(KEEP_DAILY).copied().collect();
    let mut firsts: Vec<NaiveDate> = Vec::new();
    for d in &all {
        if firsts
            .last()
            .is_none_or(|l| (l.year(), l.month()) != (d.year(), d.month()))
        {
            firsts.push(*d);
        }
    }
    keep.extend(firsts.iter().rev().take(KEEP_MONTHLY));
    all.into_iter().filter(|d| !keep.contains(d)).collect()
}

/// What the daily backup did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Daily {
    /// The copy made now; `None` when today's copy already existed.
    pub made: Option<PathBuf>,
    /// Old copies removed by the rotation.
    pub removed: Vec<PathBuf>,
}

/// The daily backup, to call when the desk starts: on the first start of `now`'s
/// day copies the database into `dir` and rotates the old copies.
pub fn daily_into(store: &Store, dir: &Path, now: NaiveDateTime) -> Result<Daily> {
    let today = now.date();
    let dest = dir.join(daily_name(today));
    let made = if dest.exists() {
        None
    } else {
        backup_to(store, &dest)?;
        Some(dest)
    };
    let mut days = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(d) = entry.file_name().to_str().and_then(parse_daily_name) {
            days.push(d);
        }
    }
    let mut removed = Vec::new();
    for d in to_delete(&days) {
        let p = dir.join(daily_name(d));
        std::fs::remove_file(&p)?;
        removed.push(p);
    }
    Ok(Daily { made, removed })
}

/// [`daily_into`] the standard folder next to the database.
pub fn daily(store: &Store, now: NaiveDateTime) -> Result<Daily> {
    daily_into(store, &crate::paths::backup_dir(store.path()), now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn names_round_trip() {
        assert_eq!(daily_name(d(2026, 3, 5)), "qabyldau-2026-03-05.sqlite");
        assert_eq!(
            parse_daily_name("qabyldau-2026-03-05.sqlite"),
            Some(d(2026, 3, 5))
        );
        assert_eq!(parse_daily_name("qabyldau-2026-13-05.sqlite"), None);
        assert_eq!(parse_daily_name("other.sqlite"), None);
        assert_eq!(parse_daily_name("qabyldau-2026-03-05.sqlite-partial"), None);
    }

    #[test]
    fn few_backups_are_all_kept() {
        let days: Vec<_> = (1..=30).map(|i| d(2026, 1, i)).collect();
        assert!(to_delete(&days).is_empty());
    }

    #[test]
    fn rotation_keeps_30_daily_and_12_monthly() {
        // Every day from 2024-01-01 to 2026-03-31.
        let mut days = Vec::new();
        let mut x = d(2024, 1, 1);
        while x <= d(2026, 3, 31) {
            days.push(x);
            x = x.succ_opt().unwrap();
        }
        let del: BTreeSet<_> = to_delete(&days).into_iter().collect();
        let kept: Vec<_> = days.iter().filter(|x| !del.contains(x)).copied().collect();
        // The last 30 days: 2026-03-02 .. 2026-03-31 ...
        let daily: Vec<_> = kept.iter().filter(|x| **x >= d(2026, 3, 2)).collect();
        assert_eq!(daily.len(), 30);
        // ... and the first of each of the last 12 months: 2025-04 .. 2026-03
        // (2026-03-01 is a monthly copy outside the 30 daily ones).
        let monthly: Vec<_> = kept
            .iter()
            .filter(|x| **x < d(2026, 3, 2))
            .copied()
            .collect();
        let mut expect = Vec::new();
        for (y, m) in [
            (2025, 4),
            (2025, 5),
            (2025, 6),
            (2025, 7),
            (2025, 8),
            (2025, 9),
            (2025, 10),
            (2025, 11),
            (2025, 12),
            (2026, 1),
            (2026, 2),
            (2026, 3),
        ] {
            expect.push(d(y, m, 1));
        }
        assert_eq!(monthly, expect);
        assert_eq!(kept.len(), 30 + 12);
    }

    #[test]
    fn monthly_copy_is_the_first_backup_of_the_month_even_if_not_the_1st() {
        // Gaps: the office was closed; the first copy of May is on the 4th.
        let mut days = vec![d(2025, 4, 2), d(2025, 5, 4), d(2025, 5, 20)];
        days.extend((1..=31).map(|i| d(2025, 7, i)));
        let del = to_delete(&days);
        // 31 July copies: 2025-07-01 falls out of the daily 30 but is July's monthly.
        assert_eq!(del, vec![d(2025, 5, 20)]);
    }
}
