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

/// A ground not to register an appeal for reception (001 §15), with the paragraph it
/// comes from; reads as its [`Labelled`] (code and labels).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Ground {
    #[serde(flatten)]
    pub label: Labelled,
    /// Where the ground comes from, e.g. "001 §15(1)".
    #[serde(default)]
    pub source: String,
}

impl std::ops::Deref for Ground {
    type Target = Labelled;
    fn deref(&self) -> &Labelled {
        &self.label
    }
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
    /// Counted from the date of another deadline's event instead of the registration:
    /// 000 §25 gives the date and time 2 working days after the notice of inclusion
    /// in the list (`after = "notify_inclusion"`).
    #[serde(default)]
    pub after: Option<String>,
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
    pub screening_grounds: Vec<Ground>,
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

/// Whether a source names a paragraph of a seed ("001 §29") or an article of the
/// Administrative Procedural Code ("APPC art. 76").
pub fn is_citation(source: &str) -> bool {
    let seed = source.split(';').any(|part| {
        let part = part.trim();
        let mut it = part.splitn(2, ' ');
        let (Some(num), Some(rest)) = (it.next(), it.next()) else {
            return false;
        };
        num.len() == 3
            && num.chars().all(|c| c.is_ascii_digit())
            && rest.starts_with('§')
            && rest[2..].starts_with(|c: char| c.is_ascii_digit())
    });
    let code = source.split(';').any(|part| {
        part.trim()
            .strip_prefix("APPC art. ")
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    });
    seed || code
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

    /// Rules that lack a citation: every deadline and every screening ground must
    /// name the paragraph it comes from (e.g. "001 §29", "APPC art. 76").
    pub fn uncited(&self) -> Vec<&str> {
        self.deadlines
            .iter()
            .filter(|d| !is_citation(&d.source))
            .map(|d| d.code.as_str())
            .chain(
                self.screening_grounds
                    .iter()
                    .filter(|g| !is_citation(&g.source))
                    .map(|g| g.code.as_str()),
            )
            .collect()
    }

    /// Deadlines whose `after` names a deadline the profile does not have.
    pub fn dangling_after(&self) -> Vec<&str> {
        self.deadlines
            .iter()
            .filter(|d| {
                d.after
                    .as_deref()
                    .is_some_and(|a| self.deadline(a).is_none())
            })
            .map(|d| d.code.as_str())
            .collect()
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
