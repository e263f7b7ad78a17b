//! Dates as people type and read them: DD.MM.YYYY on screens and in documents,
//! YYYY-MM-DD in files and on the command line. Both are accepted everywhere.
use chrono::{NaiveDate, NaiveDateTime};

/// Parses a date typed as DD.MM.YYYY or YYYY-MM-DD (surrounding spaces ignored).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// A date as shown to people: DD.MM.YYYY.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A moment as shown to people: DD.MM.YYYY HH:MM.
pub fn format_date_time(t: NaiveDateTime) -> String {
    t.format("%d.%m.%Y %H:%M").to_string()
}

/// An optional typed date: empty input is `Ok(None)`, input that is not a date is
/// `Err(())` (the form marks the field).
#[allow(clippy::result_unit_err)]
pub fn parse_optional_date(s: &str) -> Result<Option<NaiveDate>, ()> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(s).map(Some).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_parse_and_nonsense_does_not() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2);
        assert_eq!(parse_date(" 02.03.2026 "), d);
        assert_eq!(parse_date("2026-03-02"), d);
        assert_eq!(parse_date("2.3.2026"), d);
        assert_eq!(parse_date("30.02.2026"), None);
        assert_eq!(parse_date("3/2/2026"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(format_date(d.unwrap()), "02.03.2026");
        assert_eq!(
            format_date_time(d.unwrap().and_hms_opt(9, 5, 0).unwrap()),
            "02.03.2026 09:05"
        );
        assert_eq!(parse_optional_date("  "), Ok(None));
        assert_eq!(parse_optional_date("02.03.2026"), Ok(d));
        assert_eq!(parse_optional_date("02.13.2026"), Err(()));
    }
}
