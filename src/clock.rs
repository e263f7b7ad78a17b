//! Where "now" comes from, for the desk and the command line alike. The domain and
//! the store never read the clock: they are handed `now` from here.
use chrono::NaiveDateTime;

/// The system clock, or a fixed start that then runs on (tests and demonstrations).
#[derive(Clone, Debug)]
pub enum Clock {
    System,
    Fixed(NaiveDateTime),
    Running {
        start: NaiveDateTime,
        since: std::time::Instant,
    },
}

impl Clock {
    pub fn now(&self) -> NaiveDateTime {
        match self {
            Clock::System => chrono::Local::now().naive_local(),
            Clock::Fixed(t) => *t,
            Clock::Running { start, since } => {
                *start + chrono::Duration::from_std(since.elapsed()).unwrap_or_default()
            }
        }
    }

    /// Whether this clock was started at a fixed moment by `QABYLDAU_NOW` (a
    /// running clock): the desk marks its title bar. `Fixed` is the tests' clock.
    pub fn started_fixed(&self) -> bool {
        matches!(self, Clock::Running { .. })
    }
}

/// The variable that starts a running clock at a fixed moment.
pub const NOW_VAR: &str = "QABYLDAU_NOW";

/// A running clock started at `value` (YYYY-MM-DDTHH:MM:SS), if it parses.
pub fn clock_from(value: Option<&str>) -> Clock {
    value
        .and_then(|s| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S").ok())
        .map(|start| Clock::Running {
            start,
            since: std::time::Instant::now(),
        })
        .unwrap_or(Clock::System)
}

/// The clock of the desk and the command line: `QABYLDAU_NOW` (YYYY-MM-DDTHH:MM:SS)
/// starts a running clock at a fixed moment, for demonstrations and end-to-end tests.
pub fn clock_from_env() -> Clock {
    clock_from(std::env::var(NOW_VAR).ok().as_deref())
}

/// The same variable under the name the data-safety code uses.
pub const ENV: &str = NOW_VAR;

/// The moment `QABYLDAU_NOW` fixes, if it is set and valid.
pub fn fixed_start() -> Option<NaiveDateTime> {
    std::env::var(NOW_VAR)
        .ok()
        .and_then(|s| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S").ok())
}

/// Whether the clock is fixed by `QABYLDAU_NOW`: shown in the desk's title bar
/// ([`title_mark`]), recorded in every audit row written under it
/// ([`AUDIT_MARK`]); `purge` refuses to run under it.
pub fn is_fixed() -> bool {
    fixed_start().is_some()
}

/// What audit rows written under a fixed clock carry after the actor's name.
pub const AUDIT_MARK: &str = " [fixed clock]";

/// The mark for the desk's title bar when the clock is fixed, e.g.
/// "Сағат бекітілген: 15.04.2026 09:00" (None with the real clock).
pub fn title_mark(lang: crate::domain::Lang) -> Option<String> {
    fixed_start().map(|t| {
        format!(
            "{}: {}",
            crate::i18n::ui::Msg::FixedClock.text(lang),
            t.format("%d.%m.%Y %H:%M")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_start_runs_on_and_bad_values_fall_back_to_the_system() {
        let c = clock_from(Some("2026-03-02T09:30:00"));
        let t = c.now();
        assert!(matches!(c, Clock::Running { .. }));
        assert_eq!(t.date().to_string(), "2026-03-02");
        assert!(matches!(clock_from(Some("2.3.2026")), Clock::System));
        assert!(matches!(clock_from(None), Clock::System));
    }
}
