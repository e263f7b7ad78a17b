//! Shipped data files (`assets/`) and the office's overrides in the configuration
//! folder. This is the I/O edge for the domain's data; the domain only parses.
use crate::domain::calendar::Calendar;
use crate::domain::profile::Profile;

pub const PROFILE_MODEL_2023: &str = include_str!("../assets/profiles/model-2023.toml");

/// The default regulation profile (2023 model regulation).
pub fn default_profile() -> Profile {
    // The shipped file is tested to parse; a broken build is caught by the tests.
    Profile::parse(PROFILE_MODEL_2023).expect("shipped profile parses")
}

/// The shipped working-day calendar.
pub fn shipped_calendar() -> Calendar {
    Calendar::weekdays_only()
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
    }
}
