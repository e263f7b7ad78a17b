//! Reporting periods: quarters and "the same period a year before".
use chrono::{Datelike, Months, NaiveDate};

/// First and last day of quarter `q` (1..=4) of `year`; none for another `q`.
pub fn quarter(year: i32, q: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let from = NaiveDate::from_ymd_opt(year, 3 * (q - 1) + 1, 1)?;
    let to = from.checked_add_months(Months::new(3))?.pred_opt()?;
    Some((from, to))
}

/// The quarter a day falls in: (year, 1..=4).
pub fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

/// The same dates a year before; 29 February becomes 28 February.
pub fn year_before(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
    (back(from), back(to))
}

/// Parses "2026Q1", "2026-Q1" or "Q1-2026" (any case).
pub fn parse_quarter(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let s = s.trim().to_uppercase().replace('-', "");
    let (y, q) = if let Some(rest) = s.strip_prefix('Q') {
        (rest.get(1..)?, rest.get(..1)?)
    } else {
        let (y, q) = s.split_once('Q')?;
        (y, q)
    };
    quarter(y.parse().ok()?, q.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarters() {
        assert_eq!(quarter(2026, 1), Some((d(2026, 1, 1), d(2026, 3, 31))));
        assert_eq!(quarter(2026, 2), Some((d(2026, 4, 1), d(2026, 6, 30))));
        assert_eq!(quarter(2026, 4), Some((d(2026, 10, 1), d(2026, 12, 31))));
        assert_eq!(quarter(2026, 5), None);
        assert_eq!(quarter_of(d(2026, 8, 15)), (2026, 3));
        assert_eq!(parse_quarter("2026q2"), quarter(2026, 2));
        assert_eq!(parse_quarter("Q3-2025"), quarter(2025, 3));
        assert_eq!(parse_quarter("2026Q7"), None);
        assert_eq!(parse_quarter("soon"), None);
    }

    #[test]
    fn a_year_before() {
        assert_eq!(
            year_before(d(2024, 2, 1), d(2024, 2, 29)),
            (d(2023, 2, 1), d(2023, 2, 28))
        );
        assert_eq!(
            year_before(d(2026, 1, 1), d(2026, 3, 31)),
            (d(2025, 1, 1), d(2025, 3, 31))
        );
    }
}
