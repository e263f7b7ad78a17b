//! Shipped data files (`assets/`) and the office's overrides in the configuration
//! folder. This is the I/O edge for the domain's data; the domain only parses.
use crate::domain::calendar::{Calendar, CalendarData};
use crate::domain::profile::Profile;
use std::path::Path;

pub const PROFILE_MODEL_2023: &str = include_str!("../assets/profiles/model-2023.toml");
pub const PROFILE_MODEL_2020: &str = include_str!("../assets/profiles/model-2020.toml");
pub const CALENDAR_KZ: &str = include_str!("../assets/calendar/kz.toml");

/// The office's calendar file in the configuration folder.
pub const CALENDAR_OVERRIDE: &str = "calendar.toml";
/// The office's own regulation profile in the configuration folder.
pub const PROFILE_OVERRIDE: &str = "profile.toml";

/// The shipped profiles: (id, text).
pub const PROFILES: &[(&str, &str)] = &[
    ("model-2023", PROFILE_MODEL_2023),
    ("model-2020", PROFILE_MODEL_2020),
];

fn shipped_calendar_data() -> CalendarData {
    // The shipped file is tested to parse.
    CalendarData::parse(CALENDAR_KZ).unwrap_or_default()
}

/// The calendar: the shipped one, extended by `<config>/calendar.toml` when present.
/// A file that cannot be read or parsed gives a warning (file, line, reason) and the
/// shipped calendar is used; it never stops the program.
pub fn load_calendar(config_dir: Option<&Path>) -> (Calendar, Vec<String>) {
    let mut data = shipped_calendar_data();
    let mut warnings = Vec::new();
    if let Some(path) = config_dir
        .map(|d| d.join(CALENDAR_OVERRIDE))
        .filter(|p| p.exists())
    {
        match std::fs::read_to_string(&path) {
            Ok(text) => match CalendarData::parse(&text) {
                Ok(extra) => data.merge(extra),
                Err(e) => {
                    warnings.push(format!("{}: line {}: {}", path.display(), e.line, e.reason))
                }
            },
            Err(e) => warnings.push(format!("{}: {e}", path.display())),
        }
    }
    (data.compile(crate::i18n::CARRIED_OVER), warnings)
}

/// The regulation profile: `<config>/profile.toml` when present and valid, else the
/// shipped profile `id` (default `model-2023`).
pub fn load_profile(config_dir: Option<&Path>, id: Option<&str>) -> (Profile, Vec<String>) {
    let mut warnings = Vec::new();
    if let Some(path) = config_dir
        .map(|d| d.join(PROFILE_OVERRIDE))
        .filter(|p| p.exists())
    {
        match std::fs::read_to_string(&path) {
            Ok(text) => match Profile::parse(&text) {
                Ok(p) => return (p, warnings),
                Err(e) => {
                    warnings.push(format!("{}: line {}: {}", path.display(), e.line, e.reason))
                }
            },
            Err(e) => warnings.push(format!("{}: {e}", path.display())),
        }
    }
    let text = PROFILES
        .iter()
        .find(|(pid, _)| Some(*pid) == id)
        .map(|(_, t)| *t)
        .unwrap_or(PROFILE_MODEL_2023);
    match Profile::parse(text) {
        Ok(p) => (p, warnings),
        Err(_) => (default_profile(), warnings),
    }
}

/// The default regulation profile (2023 model regulation).
pub fn default_profile() -> Profile {
    // The shipped file is tested to parse; a broken build is caught by the tests.
    Profile::parse(PROFILE_MODEL_2023).expect("shipped profile parses")
}

/// The shipped working-day calendar.
pub fn shipped_calendar() -> Calendar {
    shipped_calendar_data().compile(crate::i18n::CARRIED_OVER)
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_profile_parses() {
        let p = super::default_profile();
        assert_eq!(
            p.deadline("answer_reception_date").map(|d| d.amount),
            Some(15)
        );
        assert_eq!(p.categories.len(), 9);
        assert_eq!(p.topics.len(), 12);
        for (id, text) in super::PROFILES {
            let p = super::Profile::parse(text).unwrap();
            assert_eq!(&p.id, id);
        }
    }

    #[test]
    fn shipped_calendar_parses() {
        super::CalendarData::parse(super::CALENDAR_KZ).unwrap();
    }

    #[test]
    fn broken_override_is_reported_and_shipped_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("calendar.toml"),
            "first_year = 2020\n[[day]]\ndate = \"2026-13-01\"\n",
        )
        .unwrap();
        let (cal, w) = super::load_calendar(Some(dir.path()));
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("calendar.toml: line 3"), "{w:?}");
        assert_eq!(cal, super::shipped_calendar());
        std::fs::write(dir.path().join("profile.toml"), "id = 1").unwrap();
        let (p, w) = super::load_profile(Some(dir.path()), None);
        assert_eq!(p.id, "model-2023");
        assert!(w[0].contains("profile.toml: line 1"), "{w:?}");
    }

    #[test]
    fn office_adds_next_year_decree() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("calendar.toml"),
            "last_year = 2028\n[[day]]\ndate = \"2028-01-08\"\nkind = \"work\"\nname = \"Рабочая суббота\"\nsource = \"decree\"\n",
        )
        .unwrap();
        let (cal, w) = super::load_calendar(Some(dir.path()));
        assert!(w.is_empty());
        let d = |m, dd| chrono::NaiveDate::from_ymd_opt(2028, m, dd).unwrap();
        assert!(cal.is_working_day(d(1, 8)), "the decree's working Saturday");
        assert!(
            !cal.is_working_day(d(3, 21)),
            "2028 holidays come from the recurring list"
        );
    }
}
