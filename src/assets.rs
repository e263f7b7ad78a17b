//! Shipped data files (`assets/`) and the office's overrides in the configuration
//! folder. This is the I/O edge for the domain's data; the domain only parses.
use crate::domain::calendar::{Calendar, CalendarData};
use crate::domain::profile::Profile;
use std::path::Path;

pub const PROFILE_MODEL_2023: &str = include_str!("../assets/profiles/model-2023.toml");
pub const PROFILE_MODEL_2020: &str = include_str!("../assets/profiles/model-2020.toml");
pub const PROFILE_OBLAST_2025: &str = include_str!("../assets/profiles/oblast-2025.toml");
pub const CALENDAR_KZ: &str = include_str!("../assets/calendar/kz.toml");

/// The shipped letter templates: (kind, language, HTML).
pub const LETTERS: &[(&str, &str, &str)] = &[
    (
        "reception_date",
        "kk",
        include_str!("../assets/letters/reception_date.kk.html"),
    ),
    (
        "reception_date",
        "ru",
        include_str!("../assets/letters/reception_date.ru.html"),
    ),
    (
        "extension",
        "kk",
        include_str!("../assets/letters/extension.kk.html"),
    ),
    (
        "extension",
        "ru",
        include_str!("../assets/letters/extension.ru.html"),
    ),
    (
        "draft_refusal",
        "kk",
        include_str!("../assets/letters/draft_refusal.kk.html"),
    ),
    (
        "draft_refusal",
        "ru",
        include_str!("../assets/letters/draft_refusal.ru.html"),
    ),
    (
        "not_considered",
        "kk",
        include_str!("../assets/letters/not_considered.kk.html"),
    ),
    (
        "not_considered",
        "ru",
        include_str!("../assets/letters/not_considered.ru.html"),
    ),
    (
        "fix_defects",
        "kk",
        include_str!("../assets/letters/fix_defects.kk.html"),
    ),
    (
        "fix_defects",
        "ru",
        include_str!("../assets/letters/fix_defects.ru.html"),
    ),
    (
        "redirect",
        "kk",
        include_str!("../assets/letters/redirect.kk.html"),
    ),
    (
        "redirect",
        "ru",
        include_str!("../assets/letters/redirect.ru.html"),
    ),
];

/// The folder of the office's own letter templates, next to the database:
/// `<data dir>/letters/<kind>.<lang>.html` takes precedence over the shipped one.
pub const LETTERS_OVERRIDE_DIR: &str = "letters";

/// The shipped template of a letter.
pub fn shipped_letter(
    kind: crate::docs::letters::LetterKind,
    lang: crate::domain::Lang,
) -> &'static str {
    LETTERS
        .iter()
        .find(|(k, l, _)| *k == kind.code() && *l == lang.code())
        .map(|(_, _, t)| *t)
        .unwrap_or("")
}

/// The template of a letter: the office's file `<data_dir>/letters/<kind>.<lang>.html`
/// when present and valid, else the shipped one. A file that cannot be read or has a
/// bad placeholder gives a warning (file, line, reason) and the shipped one is used.
pub fn letter_template(
    data_dir: Option<&Path>,
    kind: crate::docs::letters::LetterKind,
    lang: crate::domain::Lang,
) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    if let Some(path) = data_dir
        .map(|d| {
            d.join(LETTERS_OVERRIDE_DIR)
                .join(format!("{}.{}.html", kind.code(), lang.code()))
        })
        .filter(|p| p.exists())
    {
        match std::fs::read_to_string(&path) {
            Ok(text) => match crate::docs::letters::check_template(kind, &text) {
                Ok(_) => return (text, warnings),
                Err(e) => {
                    warnings.push(format!("{}: line {}: {}", path.display(), e.line, e.reason))
                }
            },
            Err(e) => warnings.push(format!("{}: {e}", path.display())),
        }
    }
    (shipped_letter(kind, lang).to_string(), warnings)
}

/// The office's calendar file in the configuration folder.
pub const CALENDAR_OVERRIDE: &str = "calendar.toml";
/// The office's own regulation profile in the configuration folder.
pub const PROFILE_OVERRIDE: &str = "profile.toml";

/// The shipped profiles: (id, text).
pub const PROFILES: &[(&str, &str)] = &[
    ("model-2023", PROFILE_MODEL_2023),
    ("model-2020", PROFILE_MODEL_2020),
    ("oblast-2025", PROFILE_OBLAST_2025),
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
                Ok(p) => {
                    // Used as it is; rules that do not name their paragraph are pointed out.
                    let uncited = p.uncited();
                    if !uncited.is_empty() {
                        warnings.push(format!(
                            "{}: no citation (e.g. \"001 §29\") for: {}",
                            path.display(),
                            uncited.join(", ")
                        ));
                    }
                    let dangling = p.dangling_after();
                    if !dangling.is_empty() {
                        warnings.push(format!(
                            "{}: \"after\" names a deadline the profile lacks: {}",
                            path.display(),
                            dangling.join(", ")
                        ));
                    }
                    return (p, warnings);
                }
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
    fn shipped_letters_are_valid_in_both_languages() {
        use crate::docs::letters::{check_template, LetterKind};
        use crate::domain::Lang;
        assert_eq!(super::LETTERS.len(), LetterKind::ALL.len() * 2);
        for kind in LetterKind::ALL {
            for lang in [Lang::Kk, Lang::Ru] {
                let t = super::shipped_letter(*kind, lang);
                let vars = check_template(*kind, t).unwrap();
                for must in ["applicant", "reg_no", "registered_on", "out_no", "out_date"] {
                    assert!(
                        vars.iter().any(|(_, v)| v == must),
                        "{kind:?} {lang:?} {must}"
                    );
                }
                for own in kind.vars() {
                    assert!(
                        vars.iter().any(|(_, v)| v == own),
                        "{kind:?} {lang:?} {own}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_office_profile_without_citations_is_used_and_pointed_out() {
        let dir = tempfile::tempdir().unwrap();
        let text = super::PROFILE_MODEL_2023
            .replace("source = \"001 §26\"", "source = \"\"")
            .replace("id = \"model-2023\"", "id = \"office\"");
        std::fs::write(dir.path().join("profile.toml"), text).unwrap();
        let (p, w) = super::load_profile(Some(dir.path()), None);
        assert_eq!(p.id, "office");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].ends_with("no citation (e.g. \"001 §29\") for: reference_note_before"));
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
