//! The office's decisions for journal values that match no classifier entry:
//! a TOML file (`--map FILE`, drafted by `--dry-run --write-map FILE`), also
//! remembered in the database for the next journal of the same shape.
//!
//! ```toml
//! [topic]
//! "Әлеуметтік көмек" = "social"        # an entry of the classifier (code or label)
//! "Разное" = "other"                    # "other", the original text kept with the appeal
//! "Газификация" = "add"                 # a new classifier entry named as written
//! "Ветхое жильё" = { add = "old_housing", kk = "Апатты үй", ru = "Ветхое жильё" }
//! "Непонятно" = ""                      # not decided yet: its rows wait
//!
//! [defaults]
//! channel = "walk_in"                   # for a journal without a channel column
//! ```
use super::headings::Use;
use crate::domain::fold::fold;
use crate::domain::profile::{Labelled, Profile};
use crate::domain::{Channel, Lang};
use std::collections::BTreeMap;

/// A journal column whose values are matched to a classifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ValueField {
    Channel,
    Language,
    Category,
    Topic,
}

impl ValueField {
    pub const ALL: [ValueField; 4] = [
        ValueField::Topic,
        ValueField::Category,
        ValueField::Channel,
        ValueField::Language,
    ];
    /// The column name and the TOML table name.
    pub fn key(self) -> &'static str {
        match self {
            ValueField::Channel => "channel",
            ValueField::Language => "language",
            ValueField::Category => "category",
            ValueField::Topic => "topic",
        }
    }
    pub fn from_key(s: &str) -> Option<ValueField> {
        ValueField::ALL.into_iter().find(|f| f.key() == s)
    }
}

/// What the office decided for one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Not decided yet ("" in the file): the rows wait.
    Undecided,
    /// The classifier entry it means (a code or a label).
    To(String),
    /// Keep it as "other", the original text stored with the appeal.
    Other,
    /// Add a new classifier entry (topics only).
    Add {
        code: String,
        kk: String,
        ru: String,
    },
}

/// Decisions per field and value, with defaults for missing columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Per field: value as written -> decision (looked up after folding).
    pub values: BTreeMap<ValueField, BTreeMap<String, Decision>>,
    /// Channel of rows whose journal has no channel (column or cell).
    pub default_channel: Option<Channel>,
    /// What some columns are used for, by heading (compared after folding),
    /// over what the headings say.
    pub columns: Vec<(String, Use)>,
}

impl Mapping {
    /// The decision for a value, compared after folding.
    pub fn decision(&self, field: ValueField, value: &str) -> Option<&Decision> {
        let f = fold(value);
        self.values
            .get(&field)?
            .iter()
            .find(|(k, _)| fold(k) == f)
            .map(|(_, d)| d)
    }

    /// Sets (or replaces, compared after folding) the decision for a value.
    pub fn set(&mut self, field: ValueField, value: &str, d: Decision) {
        let m = self.values.entry(field).or_default();
        let f = fold(value);
        m.retain(|k, _| fold(k) != f);
        m.insert(value.trim().to_string(), d);
    }

    /// Sets what the column headed `heading` is used for.
    pub fn set_column(&mut self, heading: &str, u: Use) {
        let f = fold(heading);
        self.columns.retain(|(h, _)| fold(h) != f);
        self.columns.push((heading.trim().to_string(), u));
    }

    /// `other` on top of `self`: its decided values and defaults win.
    pub fn overlay(&mut self, other: &Mapping) {
        for (h, u) in &other.columns {
            self.set_column(h, *u);
        }
        for (field, m) in &other.values {
            for (v, d) in m {
                if *d != Decision::Undecided || self.decision(*field, v).is_none() {
                    self.set(*field, v, d.clone());
                }
            }
        }
        if other.default_channel.is_some() {
            self.default_channel = other.default_channel;
        }
    }

    /// Only the decided values (what is worth remembering).
    pub fn decided(&self) -> Mapping {
        let mut out = Mapping {
            default_channel: self.default_channel,
            columns: self.columns.clone(),
            ..Default::default()
        };
        for (field, m) in &self.values {
            for (v, d) in m {
                if *d != Decision::Undecided {
                    out.set(*field, v, d.clone());
                }
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.default_channel.is_none()
            && self.columns.is_empty()
            && self.values.values().all(|m| m.is_empty())
    }

    /// Number of decided values.
    pub fn decided_count(&self) -> usize {
        self.values
            .values()
            .flat_map(|m| m.values())
            .filter(|d| **d != Decision::Undecided)
            .count()
    }

    /// Reads a mapping file. Errors name the table and value.
    pub fn parse(text: &str) -> Result<Mapping, String> {
        let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            format!("line {line}: {}", e.message())
        })?;
        let mut m = Mapping::default();
        for (table, v) in &doc {
            let toml::Value::Table(entries) = v else {
                return Err(format!("'{table}' must be a table ([{table}])"));
            };
            if table == "columns" {
                for (heading, v) in entries {
                    let u = match v {
                        toml::Value::String(s) => Use::from_key(s),
                        _ => None,
                    }
                    .ok_or_else(|| {
                        format!(
                            "[columns] '{heading}': write one of {}, full_name, answered_on, outcome, \"not used\"",
                            crate::import::COLUMNS.join(", ")
                        )
                    })?;
                    m.set_column(heading, u);
                }
                continue;
            }
            if table == "defaults" {
                for (k, v) in entries {
                    match (k.as_str(), v) {
                        ("channel", toml::Value::String(s)) if s.trim().is_empty() => {}
                        ("channel", toml::Value::String(s)) => {
                            m.default_channel =
                                Some(super::values::match_channel(s).ok_or_else(|| {
                                    format!(
                                        "defaults: channel '{s}' is not one of walk_in, phone, paper, electronic"
                                    )
                                })?)
                        }
                        _ => return Err(format!("defaults: unknown setting '{k}'")),
                    }
                }
                continue;
            }
            let field = ValueField::from_key(table).ok_or_else(|| {
                format!(
                    "unknown table [{table}]; known: topic, category, channel, language, defaults, columns"
                )
            })?;
            for (value, d) in entries {
                let d = match d {
                    toml::Value::String(s) => match s.trim() {
                        "" => Decision::Undecided,
                        "other" => Decision::Other,
                        "add" => Decision::Add {
                            code: String::new(),
                            kk: String::new(),
                            ru: String::new(),
                        },
                        s => Decision::To(s.to_string()),
                    },
                    toml::Value::Table(t) => {
                        let get = |k: &str| -> Result<String, String> {
                            match t.get(k) {
                                None => Ok(String::new()),
                                Some(toml::Value::String(s)) => Ok(s.trim().to_string()),
                                Some(_) => Err(format!("[{table}] '{value}': {k} must be text")),
                            }
                        };
                        if let Some(k) = t
                            .keys()
                            .find(|k| !["add", "kk", "ru"].contains(&k.as_str()))
                        {
                            return Err(format!(
                                "[{table}] '{value}': unknown key '{k}' (add, kk, ru)"
                            ));
                        }
                        if !t.contains_key("add") {
                            return Err(format!(
                                "[{table}] '{value}': a table needs add = \"code\""
                            ));
                        }
                        Decision::Add {
                            code: get("add")?,
                            kk: get("kk")?,
                            ru: get("ru")?,
                        }
                    }
                    _ => {
                        return Err(format!(
                            "[{table}] '{value}': write a code, \"other\", \"add\" or \"\""
                        ))
                    }
                };
                m.set(field, value, d);
            }
        }
        Ok(m)
    }

    /// The mapping as a TOML file. `counts` gives the rows of each value (as a
    /// comment); with `profile` the classifier's codes are listed as help.
    pub fn to_toml(
        &self,
        profile: Option<&Profile>,
        counts: &BTreeMap<(ValueField, String), usize>,
    ) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::new();
        out.push_str(
            "# Qabyldau: what the journal's values mean (qabyldau import FILE --map THIS_FILE).\n\
             # For each value write one of:\n\
             #   \"<code>\"   the classifier entry it means (codes below; a label works too)\n\
             #   \"other\"    keep it as \"other\", the original text stored with the appeal\n\
             #                (topic, category)\n\
             #   \"add\"      add it to the classifier as written (topic), or\n\
             #   { add = \"<new code>\", kk = \"...\", ru = \"...\" }\n\
             #   \"\"         not decided yet: the rows with it are not imported\n",
        );
        if let Some(c) = self.default_channel {
            out.push_str(&format!("\n[defaults]\nchannel = {}\n", q(c.code())));
        }
        if !self.columns.is_empty() {
            out.push_str("\n[columns]\n");
            for (h, u) in &self.columns {
                out.push_str(&format!("{} = {}\n", q(h), q(u.key())));
            }
        }
        for field in ValueField::ALL {
            let Some(m) = self.values.get(&field).filter(|m| !m.is_empty()) else {
                continue;
            };
            out.push_str(&format!("\n[{}]\n", field.key()));
            if let Some(p) = profile {
                for line in help(field, p) {
                    out.push_str(&format!("# {line}\n"));
                }
            }
            for (v, d) in m {
                let rhs = match d {
                    Decision::Undecided => q(""),
                    Decision::To(c) => q(c),
                    Decision::Other => q("other"),
                    Decision::Add { code, kk, ru }
                        if code.is_empty() && kk.is_empty() && ru.is_empty() =>
                    {
                        q("add")
                    }
                    Decision::Add { code, kk, ru } => {
                        format!("{{ add = {}, kk = {}, ru = {} }}", q(code), q(kk), q(ru))
                    }
                };
                out.push_str(&format!("{} = {rhs}", q(v)));
                if let Some(n) = counts.get(&(field, v.clone())) {
                    out.push_str(&format!("   # {n} row{}", if *n == 1 { "" } else { "s" }));
                }
                out.push('\n');
            }
        }
        out
    }
}

/// The entries a value of `field` can be mapped to, with their kk and ru
/// labels (languages: their codes), for the draft and for a mapping screen.
/// Topics and categories can also be "other"; topics can be added to.
pub fn choices(field: ValueField, p: &Profile) -> Vec<Labelled> {
    match field {
        ValueField::Topic => p.topics.clone(),
        ValueField::Category => p.categories.clone(),
        ValueField::Channel => Channel::ALL
            .iter()
            .map(|c| Labelled {
                code: c.code().into(),
                kk: crate::i18n::ui::channel(Lang::Kk, *c).into(),
                ru: crate::i18n::ui::channel(Lang::Ru, *c).into(),
            })
            .collect(),
        ValueField::Language => [Lang::Kk, Lang::Ru]
            .iter()
            .map(|l| Labelled {
                code: l.code().into(),
                kk: l.code().into(),
                ru: l.code().into(),
            })
            .collect(),
    }
}

/// The codes a field can be mapped to, as comment lines of the draft.
fn help(field: ValueField, p: &Profile) -> Vec<String> {
    match field {
        ValueField::Language => vec!["kk, ru".into()],
        _ => choices(field, p)
            .iter()
            .map(|e| format!("{} = {} / {}", e.code, e.kk, e.ru))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_write_back() {
        let text = r#"
[topic]
"Әлеуметтік көмек" = "social"
"Разное" = "other"
"Газификация" = "add"
"Ветхое жильё" = { add = "old_housing", kk = "Апатты үй", ru = "Ветхое жильё" }
"Непонятно" = ""

[channel]
"нарочно" = "paper"

[defaults]
channel = "устно"

[columns]
"Вид обращения" = "not used"
"Способ подачи" = "channel"
"#;
        let m = Mapping::parse(text).unwrap();
        assert_eq!(m.default_channel, Some(Channel::WalkIn));
        assert_eq!(
            m.columns,
            vec![
                ("Вид обращения".to_string(), Use::NotUsed),
                ("Способ подачи".to_string(), Use::Column("channel"))
            ]
        );
        // Looked up after folding: case and Kazakh letters typed as Russian.
        assert_eq!(
            m.decision(ValueField::Topic, "ӘЛЕУМЕТТІК КӨМЕК"),
            Some(&Decision::To("social".into()))
        );
        assert_eq!(
            m.decision(ValueField::Topic, "алеуметтик комек"),
            Some(&Decision::To("social".into()))
        );
        assert_eq!(
            m.decision(ValueField::Topic, "разное"),
            Some(&Decision::Other)
        );
        assert_eq!(
            m.decision(ValueField::Topic, "Непонятно"),
            Some(&Decision::Undecided)
        );
        assert_eq!(m.decision(ValueField::Category, "Разное"), None);
        assert_eq!(m.decided_count(), 5);
        let p = crate::assets::default_profile();
        assert_eq!(choices(ValueField::Topic, &p).len(), p.topics.len());
        let channels: Vec<String> = choices(ValueField::Channel, &p)
            .into_iter()
            .map(|l| l.code)
            .collect();
        assert_eq!(channels, ["walk_in", "phone", "paper", "electronic"]);
        let again =
            Mapping::parse(&m.to_toml(Some(&crate::assets::default_profile()), &BTreeMap::new()))
                .unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn bad_files_are_named() {
        assert!(Mapping::parse("[colour]\n\"a\" = \"b\"\n")
            .unwrap_err()
            .contains("unknown table [colour]"));
        assert!(Mapping::parse("[topic]\n\"a\" = 3\n")
            .unwrap_err()
            .contains("'a'"));
        assert!(Mapping::parse("[topic\n")
            .unwrap_err()
            .starts_with("line 1"));
        assert!(Mapping::parse("[columns]\n\"Дата\" = \"colour\"\n")
            .unwrap_err()
            .contains("[columns] 'Дата'"));
        assert!(Mapping::parse("[defaults]\nchannel = \"fax\"\n")
            .unwrap_err()
            .contains("fax"));
    }

    #[test]
    fn overlay_keeps_decisions() {
        let mut a = Mapping::default();
        a.set(ValueField::Topic, "X", Decision::To("land".into()));
        a.set(ValueField::Topic, "Y", Decision::Other);
        let mut b = Mapping::default();
        b.set(ValueField::Topic, "x", Decision::Undecided);
        b.set(ValueField::Topic, "Y", Decision::To("roads".into()));
        a.overlay(&b);
        assert_eq!(
            a.decision(ValueField::Topic, "X"),
            Some(&Decision::To("land".into()))
        );
        assert_eq!(
            a.decision(ValueField::Topic, "Y"),
            Some(&Decision::To("roads".into()))
        );
    }
}
