//! The program's clock as far as data safety is concerned: `QABYLDAU_NOW` fixes
//! the clock (demonstrations, end-to-end tests). A fixed clock is shown (the
//! desk's title bar: [`title_mark`]) and recorded in every audit row written
//! under it; `purge` refuses to run under it.
use crate::domain::Lang;
use chrono::NaiveDateTime;

/// The environment variable that fixes the clock (`YYYY-MM-DDTHH:MM:SS`).
pub const ENV: &str = "QABYLDAU_NOW";

/// The moment `QABYLDAU_NOW` fixes, if it is set and valid.
pub fn fixed_start() -> Option<NaiveDateTime> {
    std::env::var(ENV)
        .ok()
        .and_then(|s| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S").ok())
}

/// Whether the clock is fixed by `QABYLDAU_NOW`.
pub fn is_fixed() -> bool {
    fixed_start().is_some()
}

/// What audit rows written under a fixed clock carry after the actor's name.
pub const AUDIT_MARK: &str = " [fixed clock]";

/// The mark for the desk's title bar when the clock is fixed, e.g.
/// "Сағат бекітілген: 15.04.2026 09:00" (None with the real clock).
pub fn title_mark(lang: Lang) -> Option<String> {
    fixed_start().map(|t| {
        format!(
            "{}: {}",
            crate::i18n::ui::Msg::FixedClock.text(lang),
            t.format("%d.%m.%Y %H:%M")
        )
    })
}
