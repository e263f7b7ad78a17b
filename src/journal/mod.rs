//! Bringing an office's own journal in (issue 16): an Excel or CSV journal as
//! offices keep it, with their headings, full names in one cell, dates as they
//! write them and classifier values in their own words.
//!
//! - [`read`] finds the heading row (title rows above it are skipped, a row of
//!   column numbers below it too);
//! - [`check`] says which column is used for what, turns each row into a checked
//!   draft (the registration form's check), and lists the values no classifier
//!   entry matched, each once with its rows, for the office to decide
//!   ([`mapping::Mapping`]);
//! - [`store`] writes the good rows, the classifier entries the office added and
//!   the mapping to remember, in one transaction.
//!
//! Nothing here reads the clock: `today` and `now` are passed in.
pub mod headings;
pub mod mapping;
pub mod values;

use crate::domain::fold::fold;
use crate::domain::profile::{Labelled, Profile};
use crate::domain::register::{check_appeal, Field};
use crate::domain::{AppealDraft, Applicant, Channel, Lang};
use crate::import::{column_of, problem_text, ImportError, ImportReport, RowError};
use crate::services::Office;
use crate::store::{Actor, Addition, ImportRow, Store};
use chrono::{NaiveDate, NaiveDateTime};
use headings::{Column, Use};
use mapping::{Decision, Mapping, ValueField};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A journal read from its file: the heading row and the data rows below it,
/// each with its row number in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Journal {
    /// Row number of the heading when title rows were skipped above it.
    pub heading_row: Option<usize>,
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// The folded headings in order: journals of one shape share a mapping.
    pub shape: String,
}

/// Builds a journal from the rows of a table (the first non-blank row as
/// `header`, its number unknown). Pure.
pub fn from_table(
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
) -> Result<Journal, ImportError> {
    let mut all = Vec::with_capacity(rows.len() + 1);
    all.push((0usize, header));
    all.extend(rows);
    let at = headings::find_heading_row(&all).ok_or(ImportError::Empty)?;
    let mut rest = all.split_off(at + 1);
    let (n, mut header) = all.pop().ok_or(ImportError::Empty)?;
    if rest.first().is_some_and(|r| headings::is_sub_heading(&r.1)) {
        header = headings::merge_heading(&header, &rest.remove(0).1);
    }
    if rest
        .first()
        .is_some_and(|r| headings::is_numbering_row(&r.1))
    {
        rest.remove(0);
    }
    if rest.iter().all(|r| r.1.iter().all(|c| c.trim().is_empty())) {
        return Err(ImportError::NoRows);
    }
    // Empty cells at the end of the heading (a sheet formatted wider) do not
    // change the shape.
    let mut folded: Vec<String> = header.iter().map(|h| fold(h)).collect();
    while folded.last().is_some_and(|h| h.is_empty()) {
        folded.pop();
    }
    let shape = folded.join("|");
    Ok(Journal {
        heading_row: (n > 0).then_some(n),
        header,
        rows: rest,
        shape,
    })
}

/// Reads a CSV or XLSX journal (no database involved).
pub fn read(path: &Path) -> Result<Journal, ImportError> {
    let t = crate::import::read_table(path)?;
    from_table(t.header, t.rows)
}

/// What the check needs to know about the office.
#[derive(Clone, Debug)]
pub struct Context {
    /// The regulation profile in use, with the office's added entries.
    pub profile: Profile,
    /// Settlements as already written in the database.
    pub settlements: Vec<String>,
}

impl Context {
    /// The shipped default profile and no settlements (tests, no database).
    pub fn shipped() -> Context {
        Context {
            profile: crate::assets::default_profile(),
            settlements: Vec::new(),
        }
    }

    /// The office's profile extended with its own entries, and the settlements
    /// of its database.
    pub fn of(store: &Store, office: &Office) -> Result<Context, ImportError> {
        let mut profile = office.profile.clone();
        store.extend_profile(&mut profile)?;
        Ok(Context {
            profile,
            settlements: store.known_settlements()?,
        })
    }
}

/// A value no classifier entry matched (and no decision covers), with the
/// rows it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmatched {
    pub field: ValueField,
    pub value: String,
    pub rows: Vec<usize>,
}

impl Unmatched {
    /// `topic 'Әлеуметтік көмек': not matched, 3 rows (4, 7, 9)`.
    pub fn line(&self) -> String {
        const SHOWN: usize = 8;
        let mut nums: Vec<String> = self
            .rows
            .iter()
            .take(SHOWN)
            .map(|r| r.to_string())
            .collect();
        if self.rows.len() > SHOWN {
            nums.push("...".into());
        }
        format!(
            "{} '{}': not matched, {} row{} ({})",
            self.field.key(),
            self.value,
            self.rows.len(),
            if self.rows.len() == 1 { "" } else { "s" },
            nums.join(", ")
        )
    }
}

/// The advice printed under the unmatched values.
pub const MAPPING_HINT: &str = "decide each value once: qabyldau import FILE --dry-run --write-map MAP.toml, edit MAP.toml, then qabyldau import FILE --map MAP.toml";

/// Why a row is rejected, as data: the desk words it in the clerk's language
/// (`i18n::import`); the command line prints [`RowError::reason`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// More cells than the heading has columns.
    TooManyCells {
        cells: usize,
        header: usize,
    },
    /// No date of the appeal.
    DateMissing,
    /// The date cell is not a date (its text).
    NotADate(String),
    DateInFuture(NaiveDate),
    /// The journal's answer date is after today.
    AnswerInFuture(NaiveDate),
    /// The journal's answer date is before the appeal's date.
    AnswerBeforeAppeal(NaiveDate),
    /// The registration form's check of a field, with the value it saw.
    Field(Field, crate::domain::register::Problem, String),
    /// Nothing usable in the row.
    Unreadable,
}

/// A checked journal, nothing written yet.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub columns: Vec<Column>,
    pub good: Vec<ImportRow>,
    /// Rows with a problem other than an unmatched value.
    pub rejected: Vec<RowError>,
    /// Why each rejected row is (same order as `rejected`), for wording in the
    /// clerk's language.
    pub problems: Vec<Vec<RowProblem>>,
    /// Rows held back only because of unmatched values.
    pub held: usize,
    pub unmatched: Vec<Unmatched>,
    /// Classifier entries the mapping adds.
    pub additions: Vec<Addition>,
    /// The mapping used (decided values), to remember after the import.
    pub mapping: Mapping,
    pub shape: String,
    /// Rows dated before this day are brought in as finished (answered and
    /// closed, nothing due); `None`: every row open.
    pub closed_before: Option<NaiveDate>,
}

impl Outcome {
    /// Brings rows dated before `day` in as finished (`None`: every row open).
    pub fn close_before(&mut self, day: Option<NaiveDate>) {
        self.closed_before = day;
        for r in &mut self.good {
            r.closed = day.is_some_and(|d| r.registered_on < d);
        }
    }

    /// Open rows whose first due action (`lifecycle::on_registration`) is already
    /// past on `today`: they would be overdue on Today from the first day.
    pub fn overdue_open(&self, office: &Office, today: NaiveDate) -> usize {
        self.good
            .iter()
            .filter(|r| !r.closed)
            .filter(|r| {
                crate::domain::lifecycle::on_registration(
                    false,
                    today,
                    r.registered_on,
                    &office.calendar,
                    &office.profile,
                )
                .1
                .is_some_and(|(_, due)| due < today)
            })
            .count()
    }

    /// Good rows left open although the journal gives their answer (a date or a
    /// result): a later "closed before" day would bring them in finished.
    pub fn answered_open(&self) -> usize {
        self.good
            .iter()
            .filter(|r| !r.closed)
            .filter(|r| r.answered_on.is_some() || r.originals.iter().any(|(f, _)| f == "outcome"))
            .count()
    }

    /// Good rows that will be open and closed.
    pub fn open_closed(&self) -> (usize, usize) {
        let closed = self.good.iter().filter(|r| r.closed).count();
        (self.good.len() - closed, closed)
    }

    /// A draft mapping file: the decisions used plus every unmatched value
    /// undecided, with the rows of each value and the classifier's codes.
    pub fn draft_mapping(&self, profile: &Profile) -> String {
        let mut m = self.mapping.clone();
        let mut counts = BTreeMap::new();
        for u in &self.unmatched {
            m.set(u.field, &u.value, Decision::Undecided);
            counts.insert((u.field, u.value.trim().to_string()), u.rows.len());
        }
        let mut text = m.to_toml(Some(profile), &counts);
        if m.columns.is_empty() {
            text.push_str(
                "\n# What each column is used for; to correct it, uncomment [columns] and the\n\
                 # heading's line and write a column name, \"full_name\", \"answered_on\",\n\
                 # \"outcome\" or \"not used\":\n\
                 # [columns]\n",
            );
            for c in self.columns.iter().filter(|c| !c.heading.is_empty()) {
                text.push_str(&format!(
                    "# {} = {}\n",
                    toml::Value::String(c.heading.clone()),
                    toml::Value::String(c.used_for.key().into())
                ));
            }
        }
        text
    }
}

/// A decision made concrete against the profile.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Resolved {
    Code(String),
    /// Topic "other" / no category, the original wording kept.
    Other,
    Channel(Channel),
    Lang(Lang),
}

/// Matches already made in this file: journals repeat their values a lot.
#[derive(Default)]
struct Memo {
    channel: HashMap<String, Option<Channel>>,
    language: HashMap<String, Option<Lang>>,
    category: HashMap<String, Option<String>>,
    topic: HashMap<String, Option<String>>,
    /// Settlements of the database, then as first written in this file.
    settlements: Vec<String>,
    settlement: HashMap<String, String>,
}

impl Memo {
    fn channel(&mut self, v: &str) -> Option<Channel> {
        *self
            .channel
            .entry(v.to_string())
            .or_insert_with(|| values::match_channel(v))
    }
    fn language(&mut self, v: &str) -> Option<Lang> {
        *self
            .language
            .entry(v.to_string())
            .or_insert_with(|| values::match_language(v))
    }
    fn category(&mut self, p: &Profile, v: &str) -> Option<String> {
        self.category
            .entry(v.to_string())
            .or_insert_with(|| values::match_labelled(&p.categories, v))
            .clone()
    }
    fn topic(&mut self, p: &Profile, v: &str) -> Option<String> {
        self.topic
            .entry(v.to_string())
            .or_insert_with(|| values::match_labelled(&p.topics, v))
            .clone()
    }
    fn settlement(&mut self, v: &str) -> String {
        if let Some(s) = self.settlement.get(v) {
            return s.clone();
        }
        let s = values::match_settlement(&self.settlements, v);
        self.settlement.insert(v.to_string(), s.clone());
        s
    }
    /// A settlement first written in this file becomes the spelling to match.
    fn saw_settlement(&mut self, s: &str) {
        if !s.is_empty() && !self.settlements.iter().any(|k| k == s) {
            self.settlements.push(s.to_string());
            self.settlement.clear();
        }
    }
}

/// Decisions made concrete, by field and folded value.
type Decisions = HashMap<(ValueField, String), Resolved>;

/// A code for a new entry from its wording: folded words joined by `_`.
fn new_code(value: &str, taken: &[Labelled]) -> String {
    let base: String = fold(value)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let base = base.trim_matches('_').to_string();
    let base = if base.is_empty() {
        "topic".into()
    } else {
        base
    };
    let mut code = base.clone();
    let mut n = 2;
    while taken.iter().any(|l| l.code == code) {
        code = format!("{base}_{n}");
        n += 1;
    }
    code
}

/// Makes the mapping's decisions concrete: codes checked against the profile,
/// new topics added to `profile` (and listed). Errors name the value.
fn resolve(
    mapping: &Mapping,
    profile: &mut Profile,
) -> Result<(Decisions, Vec<Addition>), ImportError> {
    let mut out = HashMap::new();
    let mut additions = Vec::new();
    let bad = |f: ValueField, v: &str, why: &str| {
        ImportError::Map(format!("[{}] '{}': {why}", f.key(), v))
    };
    for (field, m) in &mapping.values {
        for (value, d) in m {
            let r = match (field, d) {
                (_, Decision::Undecided) => continue,
                (ValueField::Topic, Decision::To(c)) => Resolved::Code(
                    values::match_labelled(&profile.topics, c)
                        .ok_or_else(|| bad(*field, value, &format!("'{c}' is not a topic code")))?,
                ),
                (ValueField::Category, Decision::To(c)) => {
                    Resolved::Code(values::match_labelled(&profile.categories, c).ok_or_else(
                        || bad(*field, value, &format!("'{c}' is not a category code")),
                    )?)
                }
                (ValueField::Channel, Decision::To(c)) => {
                    Resolved::Channel(values::match_channel(c).ok_or_else(|| {
                        bad(
                            *field,
                            value,
                            &format!("'{c}' is not one of walk_in, phone, paper, electronic"),
                        )
                    })?)
                }
                (ValueField::Language, Decision::To(c)) => Resolved::Lang(
                    values::match_language(c)
                        .ok_or_else(|| bad(*field, value, &format!("'{c}' is not kk or ru")))?,
                ),
                (ValueField::Topic, Decision::Other) => {
                    if profile.topic("other").is_none() {
                        return Err(bad(*field, value, "the profile has no topic 'other'"));
                    }
                    Resolved::Other
                }
                (ValueField::Category, Decision::Other) => Resolved::Other,
                (ValueField::Topic, Decision::Add { code, kk, ru }) => {
                    let label = |s: &str| {
                        if s.trim().is_empty() {
                            value.trim().to_string()
                        } else {
                            s.trim().to_string()
                        }
                    };
                    // Added before (a remembered mapping): the entry is there.
                    let known = values::match_labelled(&profile.topics, value);
                    let code = if let (true, Some(c)) = (code.trim().is_empty(), known) {
                        c
                    } else if code.trim().is_empty() {
                        new_code(value, &profile.topics)
                    } else {
                        code.trim().to_string()
                    };
                    if !code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    {
                        return Err(bad(
                            *field,
                            value,
                            &format!("new code '{code}': use a-z, 0-9 and _"),
                        ));
                    }
                    if profile.topic(&code).is_none() {
                        let entry = Labelled {
                            code: code.clone(),
                            kk: label(kk),
                            ru: label(ru),
                        };
                        profile.topics.push(entry.clone());
                        additions.push(Addition {
                            kind: "topic".into(),
                            entry,
                        });
                    }
                    Resolved::Code(code)
                }
                (_, Decision::Other) | (_, Decision::Add { .. }) => {
                    return Err(bad(
                        *field,
                        value,
                        match field {
                            ValueField::Category => {
                                "categories come from the regulation: map it to one or to \"other\""
                            }
                            _ => "map it to one of the codes",
                        },
                    ))
                }
            };
            out.insert((*field, fold(value)), r);
        }
    }
    Ok((out, additions))
}

/// Checks a journal: which column is used for what, each row like the
/// registration form, and the values left for the office to decide.
/// `progress(done, total)` is called per row.
pub fn check(
    journal: &Journal,
    office: &Context,
    mapping: &Mapping,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome, ImportError> {
    let optional: &[&str] = if mapping.default_channel.is_some() {
        &["channel"]
    } else {
        &[]
    };
    let columns = headings::map_columns_with(&journal.header, optional, &mapping.columns)?;
    let mut profile = office.profile.clone();
    let (resolved, additions) = resolve(mapping, &mut profile)?;
    let mut out = Outcome {
        columns,
        additions,
        mapping: mapping.decided(),
        shape: journal.shape.clone(),
        ..Default::default()
    };
    let mut unmatched: BTreeMap<(ValueField, String), Unmatched> = BTreeMap::new();
    let mut memo = Memo {
        settlements: office.settlements.clone(),
        ..Default::default()
    };
    let total = journal.rows.len();
    for (i, (row, cells)) in journal.rows.iter().enumerate() {
        progress(i, total);
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut missing: Vec<(ValueField, String)> = Vec::new();
        match check_row(
            &out.columns,
            cells,
            today,
            &profile,
            &mut memo,
            mapping,
            &resolved,
            &mut missing,
        ) {
            Ok(r) if missing.is_empty() => {
                memo.saw_settlement(&r.draft.settlement);
                out.good.push(ImportRow { row: *row, ..r })
            }
            Ok(_) => out.held += 1,
            Err((reason, why)) => {
                out.rejected.push(RowError { row: *row, reason });
                out.problems.push(why);
            }
        }
        for (field, value) in missing {
            unmatched
                .entry((field, fold(&value)))
                .or_insert_with(|| Unmatched {
                    field,
                    value: value.trim().to_string(),
                    rows: Vec::new(),
                })
                .rows
                .push(*row);
        }
    }
    progress(total, total);
    out.unmatched = unmatched.into_values().collect();
    // "Вид обращения" often holds the kind of appeal, not how it came.
    let channel_values: Vec<&Unmatched> = out
        .unmatched
        .iter()
        .filter(|u| u.field == ValueField::Channel)
        .collect();
    if !channel_values.is_empty()
        && channel_values
            .iter()
            .all(|u| values::is_kind_word(&u.value))
    {
        if let Some(c) = out
            .columns
            .iter_mut()
            .find(|c| c.used_for == Use::Column("channel"))
        {
            c.note = Some(format!(
                "its values look like kinds of appeal, not channels: in the mapping, \"{}\" = \"not used\" under [columns] and a channel under [defaults]",
                c.heading
            ));
        }
    }
    // Most frequent first within each field, fields in the mapping's order.
    out.unmatched.sort_by(|a, b| {
        let order = |f: ValueField| ValueField::ALL.iter().position(|x| *x == f);
        order(a.field)
            .cmp(&order(b.field))
            .then(b.rows.len().cmp(&a.rows.len()))
            .then(a.value.cmp(&b.value))
    });
    Ok(out)
}

/// Looks a classifier value up: matched by the profile, by a decision, or
/// recorded in `missing`.
fn lookup<T>(
    field: ValueField,
    raw: &str,
    direct: Option<T>,
    resolved: &Decisions,
    missing: &mut Vec<(ValueField, String)>,
    from: impl Fn(&Resolved) -> Option<T>,
) -> Option<T> {
    if direct.is_some() {
        return direct;
    }
    match resolved.get(&(field, fold(raw))).and_then(from) {
        Some(v) => Some(v),
        None => {
            missing.push((field, raw.trim().to_string()));
            None
        }
    }
}

/// One row into a checked import row, or its reasons. Values that match
/// nothing go to `missing` (the row is then held back, not rejected, unless
/// it has other problems).
#[allow(clippy::too_many_arguments)]
fn check_row(
    cols: &[Column],
    cells: &[String],
    today: NaiveDate,
    profile: &Profile,
    memo: &mut Memo,
    mapping: &Mapping,
    resolved: &Decisions,
    missing: &mut Vec<(ValueField, String)>,
) -> Result<ImportRow, (String, Vec<RowProblem>)> {
    if cells.len() > cols.len() && cells[cols.len()..].iter().any(|c| !c.trim().is_empty()) {
        return Err((
            format!("has {} fields, the header has {}", cells.len(), cols.len()),
            vec![RowProblem::TooManyCells {
                cells: cells.len(),
                header: cols.len(),
            }],
        ));
    }
    let get = |u: Use| -> String {
        cols.iter()
            .find(|c| c.used_for == u)
            .and_then(|c| cells.get(c.index))
            .cloned()
            .unwrap_or_default()
    };
    let col = |name: &'static str| get(Use::Column(name));
    let mut reasons: Vec<(String, RowProblem)> = Vec::new();
    let mut originals: Vec<(String, String)> = Vec::new();

    let date_s = col("registered_on");
    let date = if date_s.trim().is_empty() {
        reasons.push(("registered_on: is required".into(), RowProblem::DateMissing));
        None
    } else {
        match values::parse_date(&date_s) {
            None => {
                reasons.push((
                    format!(
                        "registered_on: '{}' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
                        date_s.trim()
                    ),
                    RowProblem::NotADate(date_s.trim().to_string()),
                ));
                None
            }
            Some(d) if d > today => {
                reasons.push((
                    format!("registered_on: {d} is in the future"),
                    RowProblem::DateInFuture(d),
                ));
                None
            }
            Some(d) => Some(d),
        }
    };

    let ch_s = col("channel");
    let channel = if ch_s.trim().is_empty() {
        mapping.default_channel
    } else {
        lookup(
            ValueField::Channel,
            &ch_s,
            memo.channel(&ch_s),
            resolved,
            missing,
            |r| match r {
                Resolved::Channel(c) => Some(*c),
                _ => None,
            },
        )
    };

    let lang_s = col("language");
    let language = if lang_s.trim().is_empty() {
        Lang::Kk
    } else {
        lookup(
            ValueField::Language,
            &lang_s,
            memo.language(&lang_s),
            resolved,
            missing,
            |r| match r {
                Resolved::Lang(l) => Some(*l),
                _ => None,
            },
        )
        .unwrap_or(Lang::Kk)
    };

    let cat_s = col("category");
    let category = if values::is_none_word(&cat_s) {
        None
    } else {
        let direct = memo.category(profile, &cat_s).map(Some);
        lookup(
            ValueField::Category,
            &cat_s,
            direct,
            resolved,
            missing,
            |r| match r {
                Resolved::Code(c) => Some(Some(c.clone())),
                Resolved::Other => Some(None),
                _ => None,
            },
        )
        .flatten()
    };
    if category.is_none()
        && !values::is_none_word(&cat_s)
        && resolved.get(&(ValueField::Category, fold(&cat_s))) == Some(&Resolved::Other)
    {
        originals.push(("category".into(), cat_s.trim().to_string()));
    }

    let topic_s = col("topic");
    let topic = if topic_s.trim().is_empty() {
        String::new()
    } else {
        let direct = memo.topic(profile, &topic_s);
        let code = lookup(
            ValueField::Topic,
            &topic_s,
            direct.clone(),
            resolved,
            missing,
            |r| match r {
                Resolved::Code(c) => Some(c.clone()),
                Resolved::Other => Some("other".into()),
                _ => None,
            },
        )
        .unwrap_or_default();
        if direct.is_none() && code == "other" {
            originals.push(("topic".into(), topic_s.trim().to_string()));
        }
        code
    };

    let (surname, name, patronymic) = if cols.iter().any(|c| c.used_for == Use::FullName) {
        let p = values::split_full_name(&get(Use::FullName));
        (p.surname, p.name, p.patronymic)
    } else {
        (col("surname"), col("name"), col("patronymic"))
    };
    // Historical rows: when and how the journal says the appeal was answered.
    let answered_s = get(Use::AnsweredOn);
    let mut outcome_s = get(Use::Outcome).trim().to_string();
    let answered_on = values::find_date(&answered_s);
    if answered_on.is_none() && outcome_s.is_empty() {
        // "Исполнено: да", "Разъяснено" under an answer heading: its words.
        outcome_s = answered_s.trim().to_string();
    }
    if let Some(a) = answered_on {
        if a > today {
            reasons.push((
                format!("answered_on: {a} is in the future"),
                RowProblem::AnswerInFuture(a),
            ));
        } else if date.is_some_and(|d| a < d) {
            reasons.push((
                format!("answered_on: {a} is before the appeal's date"),
                RowProblem::AnswerBeforeAppeal(a),
            ));
        }
    }
    let outcome = values::match_outcome(&profile.outcomes, &outcome_s);
    if !outcome_s.is_empty() {
        originals.push(("outcome".into(), outcome_s));
    }

    let settlement_s = col("settlement");
    let draft = AppealDraft {
        applicant: Applicant {
            surname,
            name,
            patronymic,
            iin: values::clean_iin(&col("iin")),
            phone: values::clean_phone(&col("phone")),
            language,
            category,
            ..Default::default()
        },
        channel,
        essence: col("essence"),
        topic,
        settlement: if settlement_s.trim().is_empty() {
            String::new()
        } else {
            memo.settlement(&settlement_s)
        },
        ..Default::default()
    };
    let checked = check_appeal(&draft, profile);
    if let Err(errors) = &checked {
        for e in errors {
            // A channel value that matched nothing is listed with the unmatched.
            if e.field == Field::Channel && !ch_s.trim().is_empty() {
                continue;
            }
            let name = column_of(e.field);
            let value = match e.field {
                Field::Surname => draft.applicant.surname.clone(),
                Field::Name => draft.applicant.name.clone(),
                Field::Patronymic => draft.applicant.patronymic.clone(),
                Field::Iin => draft.applicant.iin.clone(),
                Field::Phone => draft.applicant.phone.clone(),
                Field::Category => cat_s.clone(),
                Field::Topic => topic_s.clone(),
                Field::Settlement => settlement_s.clone(),
                Field::Essence => draft.essence.clone(),
                _ => String::new(),
            };
            reasons.push((
                format!("{name}: {}", problem_text(e.problem, &value)),
                RowProblem::Field(e.field, e.problem, value.trim().to_string()),
            ));
        }
    }
    match (checked, date) {
        (Ok(d), Some(on)) if reasons.is_empty() => Ok(ImportRow {
            row: 0,
            registered_on: on,
            draft: d,
            originals,
            answered_on,
            outcome,
            closed: false,
        }),
        // Only unmatched values: the caller holds the row back.
        _ if reasons.is_empty() && !missing.is_empty() => Ok(ImportRow::default()),
        _ if reasons.is_empty() => Err(("cannot be read".into(), vec![RowProblem::Unreadable])),
        _ => {
            let (text, why): (Vec<String>, Vec<RowProblem>) = reasons.into_iter().unzip();
            Err((text.join("; "), why))
        }
    }
}

/// Registers a checked journal through the register service (one
/// transaction), or only counts it with `dry_run`. A real import remembers the
/// mapping for the journal's shape.
pub fn store(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    outcome: Outcome,
    dry_run: bool,
    now: NaiveDateTime,
) -> Result<ImportReport, ImportError> {
    store_with(
        store,
        office,
        actor,
        outcome,
        dry_run,
        now,
        &crate::cancel::Cancel::new(),
        &mut |_, _| {},
    )
}

/// [`store`] with progress (appeals stored, total) and cancel: a cancelled import
/// is rolled back whole (`ServiceError::Cancelled` inside [`ImportError::Service`]).
#[allow(clippy::too_many_arguments)]
pub fn store_with(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    outcome: Outcome,
    dry_run: bool,
    now: NaiveDateTime,
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let rows: Vec<usize> = outcome.good.iter().map(|r| r.row).collect();
    let closed_rows: Vec<bool> = outcome.good.iter().map(|r| r.closed).collect();
    let outcomes = if outcome.good.is_empty() {
        Vec::new()
    } else if dry_run {
        preview(store, &outcome)?
    } else {
        let remember = (!outcome.mapping.is_empty()).then(|| {
            (
                outcome.shape.clone(),
                outcome.mapping.to_toml(None, &BTreeMap::new()),
            )
        });
        crate::services::journal::import_journal_with(
            store,
            office,
            actor,
            now,
            &outcome.good,
            &outcome.additions,
            remember.as_ref().map(|(s, m)| (s.as_str(), m.as_str())),
            cancel,
            progress,
        )?
    };
    let mut report = ImportReport {
        rejected: outcome.rejected,
        dry_run,
        columns: headings::describe_columns(&outcome.columns),
        unmatched: outcome.unmatched,
        held: outcome.held,
        closed_before: outcome.closed_before,
        ..Default::default()
    };
    report.closed = outcomes
        .iter()
        .zip(&closed_rows)
        .filter(|(o, c)| **c && matches!(o, crate::store::ImportedRow::New(_)))
        .count();
    // Rows imported before, repeated, or with another person's IIN: skipped, said.
    crate::import::report_outcomes(&mut report, outcomes, &rows);
    Ok(report)
}

/// What storing the good rows would do, row by row (same order as
/// `outcome.good`), nothing written: new, imported before, repeated in the
/// file, or an IIN stored under another name.
pub fn preview(
    store: &Store,
    outcome: &Outcome,
) -> Result<Vec<crate::store::ImportedRow>, ImportError> {
    let good: Vec<_> = outcome
        .good
        .iter()
        .map(|r| (r.registered_on, r.draft.clone()))
        .collect();
    Ok(store.preview_import(&good)?)
}

/// The mapping remembered for a journal's shape, if any.
pub fn remembered(store: &Store, journal: &Journal) -> Result<Option<Mapping>, ImportError> {
    match store.import_map(&journal.shape)? {
        None => Ok(None),
        Some(text) => Mapping::parse(&text)
            .map(Some)
            .map_err(|e| ImportError::Map(format!("the remembered mapping: {e}"))),
    }
}

/// The mapping to use: the one remembered for the journal's shape with
/// `given` (a mapping file) on top.
pub fn effective_mapping(
    store: &Store,
    journal: &Journal,
    given: Option<&Mapping>,
) -> Result<Mapping, ImportError> {
    let mut m = remembered(store, journal)?.unwrap_or_default();
    if let Some(g) = given {
        m.overlay(g);
    }
    Ok(m)
}

/// Reads, checks and imports a journal (or only checks it with `dry_run`)
/// with the mapping remembered for its shape and `given` on top.
#[allow(clippy::too_many_arguments)]
pub fn import_path(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    path: &Path,
    given: Option<&Mapping>,
    dry_run: bool,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let journal = read(path)?;
    let context = Context::of(store, office)?;
    let mapping = effective_mapping(store, &journal, given)?;
    let outcome = check(&journal, &context, &mapping, now.date(), progress)?;
    self::store(store, office, actor, outcome, dry_run, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn journal(header: &[&str], rows: &[&[&str]]) -> Journal {
        from_table(
            cells(header),
            rows.iter()
                .enumerate()
                .map(|(i, r)| (i + 2, cells(r)))
                .collect(),
        )
        .unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()
    }

    fn run(j: &Journal, m: &Mapping) -> Result<Outcome, ImportError> {
        check(j, &Context::shipped(), m, today(), &mut |_, _| {})
    }

    #[test]
    fn title_rows_and_column_numbers_are_skipped() {
        let j = journal(
            &["Журнал приёма граждан", "", ""],
            &[
                &["", "", ""],
                &["Дата", "ФИО", "Суть"],
                &["1", "2", "3"],
                &["02.03.2026", "Иванов Иван", "Дорога"],
            ],
        );
        assert_eq!(j.heading_row, Some(3));
        assert_eq!(j.header, cells(&["Дата", "ФИО", "Суть"]));
        assert_eq!(
            j.rows,
            vec![(5, cells(&["02.03.2026", "Иванов Иван", "Дорога"]))]
        );
        assert_eq!(j.shape, "data|fio|sut");
        let wider = journal(
            &["ДАТА", "Фио", "Суть", "", ""],
            &[&["02.03.2026", "Иванов Иван", "Дорога"]],
        );
        assert_eq!(wider.shape, j.shape);
        let only_title = from_table(cells(&["Журнал"]), vec![(2, cells(&[""]))]);
        assert!(matches!(only_title, Err(ImportError::NoRows)));
    }

    #[test]
    fn a_two_row_heading_is_read_as_one() {
        let j = journal(
            &["Дата", "Заявитель", "", "", "Суть", "Форма"],
            &[
                &["", "Фамилия", "Имя", "Отчество", "", ""],
                &[
                    "02.03.2026",
                    "Иванов",
                    "Иван",
                    "Иванович",
                    "Дорога",
                    "устно",
                ],
            ],
        );
        assert_eq!(j.rows.len(), 1);
        let o = run(&j, &Mapping::default()).unwrap();
        assert_eq!(o.good.len(), 1);
        assert_eq!(
            o.good[0].draft.applicant.full_name(),
            "Иванов Иван Иванович"
        );
    }

    #[test]
    fn a_journal_without_a_channel_column_takes_the_default() {
        let j = journal(
            &["Дата", "ФИО", "Суть"],
            &[&["02.03.2026", "Иванов Иван Иванович", "Дорога"]],
        );
        assert!(matches!(
            run(&j, &Mapping::default()),
            Err(ImportError::MissingColumns(c)) if c == ["channel"]
        ));
        let m = Mapping::parse("[defaults]\nchannel = \"walk_in\"\n").unwrap();
        let o = run(&j, &m).unwrap();
        assert_eq!(o.good.len(), 1);
        assert_eq!(o.good[0].draft.channel, Some(Channel::WalkIn));
        assert_eq!(o.good[0].draft.applicant.patronymic, "Иванович");
    }

    #[test]
    fn unmatched_values_hold_rows_back_once_per_value() {
        let j = journal(
            &["Дата", "ФИО", "Суть", "Форма", "Тема", "Категория"],
            &[
                &[
                    "02.03.2026",
                    "Иванов Иван",
                    "Дорога",
                    "устно",
                    "Дороги",
                    "нет",
                ],
                &["02.03.2026", "Петров Пётр", "Дорога", "устно", "ДОРОГИ", ""],
                &["02.03.2026", "Сидоров", "Свет", "устно", "Дороги", ""],
                &[
                    "02.03.2026",
                    "Ким Анна",
                    "Пособие",
                    "голубем",
                    "Земельные отношения",
                    "инвалид",
                ],
            ],
        );
        let o = run(&j, &Mapping::default()).unwrap();
        assert_eq!(o.good.len(), 0);
        assert_eq!(o.held, 3);
        assert_eq!(
            o.rejected,
            vec![RowError {
                row: 4,
                reason: "name: is required".into()
            }]
        );
        let lines: Vec<String> = o.unmatched.iter().map(|u| u.line()).collect();
        assert_eq!(
            lines,
            vec![
                "topic 'Дороги': not matched, 3 rows (2, 3, 4)",
                "category 'инвалид': not matched, 1 row (5)",
                "channel 'голубем': not matched, 1 row (5)",
            ]
        );
        let draft = Mapping::parse(&o.draft_mapping(&Context::shipped().profile)).unwrap();
        assert_eq!(
            draft.decision(ValueField::Topic, "дороги"),
            Some(&Decision::Undecided)
        );

        let m = Mapping::parse(
            "[topic]\n\"Дороги\" = \"roads\"\n[category]\n\"инвалид\" = \"other\"\n[channel]\n\"голубем\" = \"paper\"\n",
        )
        .unwrap();
        let o = run(&j, &m).unwrap();
        assert_eq!((o.good.len(), o.held, o.rejected.len()), (3, 0, 1));
        assert!(o
            .good
            .iter()
            .all(|r| r.draft.topic == "roads" || r.draft.topic == "land"));
        let kim = &o.good[2];
        assert_eq!(kim.draft.applicant.category, None);
        assert_eq!(kim.draft.channel, Some(Channel::Paper));
        assert_eq!(
            kim.originals,
            vec![("category".to_string(), "инвалид".to_string())]
        );
        assert!(o.good[0].originals.is_empty());
    }

    #[test]
    fn a_kind_of_appeal_is_not_a_channel() {
        let j = journal(
            &["Дата", "ФИО", "Суть", "Вид обращения"],
            &[
                &["02.03.2026", "Иванов Иван", "Дорога", "Заявление"],
                &["02.03.2026", "Петров Пётр", "Дорога", "жалоба"],
            ],
        );
        let o = run(&j, &Mapping::default()).unwrap();
        assert_eq!(o.held, 2);
        let note = o.columns[3].note.clone().unwrap();
        assert!(note.contains("\"Вид обращения\" = \"not used\""), "{note}");
        let m = Mapping::parse(
            "[columns]\n\"Вид обращения\" = \"not used\"\n[defaults]\nchannel = \"walk_in\"\n",
        )
        .unwrap();
        assert_eq!(run(&j, &m).unwrap().good.len(), 2);
    }

    #[test]
    fn added_topics_and_bad_decisions() {
        let j = journal(
            &["Дата", "ФИО", "Суть", "Форма", "Тема"],
            &[&[
                "02.03.2026",
                "Иванов Иван",
                "Газ",
                "устно",
                "Газификация сёл",
            ]],
        );
        let m = Mapping::parse("[topic]\n\"Газификация сёл\" = \"add\"\n").unwrap();
        let o = run(&j, &m).unwrap();
        assert_eq!(o.good[0].draft.topic, "gazifikatsia_sel");
        assert_eq!(o.additions.len(), 1);
        assert_eq!(o.additions[0].entry.kk, "Газификация сёл");
        // The next file with the same mapping: the entry is in the office's profile.
        let mut office = Context::shipped();
        office.profile.topics.push(o.additions[0].entry.clone());
        let again = check(&j, &office, &m, today(), &mut |_, _| {}).unwrap();
        assert!(again.additions.is_empty());
        assert_eq!(again.good[0].draft.topic, "gazifikatsia_sel");
        for (text, err) in [
            (
                "[topic]\n\"x\" = \"weather\"\n",
                "[topic] 'x': 'weather' is not a topic code",
            ),
            (
                "[category]\n\"x\" = \"add\"\n",
                "[category] 'x': categories come from the regulation",
            ),
            (
                "[channel]\n\"x\" = \"other\"\n",
                "[channel] 'x': map it to one of the codes",
            ),
            (
                "[topic]\n\"x\" = { add = \"Bad Code\" }\n",
                "new code 'Bad Code'",
            ),
        ] {
            let e = run(&j, &Mapping::parse(text).unwrap())
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("mapping: ") && e.contains(err), "{e}");
        }
    }

    #[test]
    fn old_rows_are_closed_before_the_day_with_their_answer() {
        let j = journal(
            &["Дата", "ФИО", "Суть", "Форма", "Отметка", "Результат"],
            &[
                &[
                    "03.02.2025",
                    "Иванов Иван",
                    "Дорога",
                    "устно",
                    "исп. 20.02.2025",
                    "Поддержано",
                ],
                &["04.02.2025", "Петров Пётр", "Свет", "устно", "да", ""],
                &["16.03.2026", "Ким Анна", "Газ", "устно", "", ""],
            ],
        );
        // "Отметка" is not a heading the import knows: the mapping says what it is.
        let m = Mapping::parse("[columns]\n\"Отметка\" = \"answered_on\"\n").unwrap();
        let mut o = run(&j, &m).unwrap();
        assert_eq!(o.columns[4].used_for, Use::AnsweredOn);
        assert_eq!(o.good.len(), 3);
        assert_eq!(o.good[0].answered_on, NaiveDate::from_ymd_opt(2025, 2, 20));
        assert_eq!(o.good[0].outcome.as_deref(), Some("supported"));
        // No date under the answer heading: its words are the result.
        assert_eq!(o.good[1].answered_on, None);
        assert_eq!(
            o.good[1].originals,
            vec![("outcome".to_string(), "да".to_string())]
        );
        assert_eq!(
            o.open_closed(),
            (3, 0),
            "nothing closed until a day is given"
        );
        assert_eq!(
            o.answered_open(),
            2,
            "open although the journal answers them"
        );
        o.close_before(NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(o.open_closed(), (1, 2));
        assert_eq!(o.answered_open(), 0);
        assert!(o.good[0].closed && o.good[1].closed && !o.good[2].closed);
        o.close_before(None);
        assert_eq!(o.open_closed(), (3, 0));
    }
}
