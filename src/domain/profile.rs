//! The regulation profile: the rules that differ between offices and years
//! (deadlines, out-of-turn categories, screening grounds, outcomes, topics),
//! as data in `assets/profiles/`.
use super::model::Lang;
use serde::Deserialize;

/// A code with its Kazakh and Russian labels.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Labelled {
    pub code: String,
    pub kk: String,
    pub ru: String,
}

impl Labelled {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
        }
    }
}

/// The unit a deadline is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    WorkingDays,
    CalendarDays,
    Months,
}

/// One deadline of the regulation.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Deadline {
    pub code: String,
    pub amount: u32,
    pub unit: Unit,
    pub kk: String,
    pub ru: String,
    /// Where the rule comes from, e.g. "001 §18".
    #[serde(default)]
    pub source: String,
}

/// A regulation profile.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Profile {
    pub id: String,
    pub name_kk: String,
    pub name_ru: String,
    pub deadlines: Vec<Deadline>,
    pub categories: Vec<Labelled>,
    #[serde(default)]
    pub screening_grounds: Vec<Labelled>,
    pub outcomes: Vec<Labelled>,
    pub topics: Vec<Labelled>,
}

/// Why a profile file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ProfileError {
    pub line: usize,
    pub reason: String,
}

impl Profile {
    /// Parses a profile from its TOML text.
    pub fn parse(text: &str) -> Result<Profile, ProfileError> {
        toml::from_str::<Profile>(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            ProfileError {
                line,
                reason: e.message().to_string(),
            }
        })
    }

    pub fn deadline(&self, code: &str) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| d.code == code)
    }

    pub fn category(&self, code: &str) -> Option<&Labelled> {
        self.categories.iter().find(|c| c.code == code)
    }

    pub fn topic(&self, code: &str) -> Option<&Labelled> {
        self.topics.iter().find(|c| c.code == code)
    }

    pub fn outcome(&self, code: &str) -> Option<&Labelled> {
        self.outcomes.iter().find(|c| c.code == code)
    }
}
