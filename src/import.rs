//! Import of appeals from a CSV (UTF-8, comma or semicolon) or XLSX file.
//!
//! Every row is checked exactly like the registration form
//! (`domain::register::check_appeal`) plus the registration date. Good rows are
//! registered through the register service (`services::register::register_many`)
//! in ONE transaction: all or nothing, each with the status, next due action and
//! due date of an appeal typed in at the desk.
use crate::assets;
use crate::domain::fold::fold;
use crate::domain::profile::{Labelled, Profile};
use crate::domain::register::{check_appeal, Field, Problem};
use crate::domain::{AppealDraft, Applicant, Channel, Lang};
use crate::services::{register, Office, ServiceError};
use crate::store::{Actor, Registered, Store, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

/// The columns an import file may have (canonical English names).
pub const COLUMNS: &[&str] = &[
    "registered_on",
    "channel",
    "surname",
    "name",
    "patronymic",
    "iin",
    "phone",
    "language",
    "category",
    "settlement",
    "topic",
    "essence",
];

/// Columns that must be present in the header.
pub const REQUIRED: &[&str] = &["surname", "name", "essence", "registered_on", "channel"];

/// Accepted header spellings (after folding: lower case, Latin transliteration)
/// for each canonical column, in Kazakh and Russian.
pub const ALIASES: &[(&str, &[&str])] = &[
    (
        "registered_on",
        &[
            "registered_on",
            "date",
            "дата",
            "дата регистрации",
            "дата_регистрации",
            "тіркелген күні",
            "тіркелу күні",
            "күні",
        ],
    ),
    (
        "channel",
        &[
            "channel",
            "канал",
            "арна",
            "форма обращения",
            "өтініш нысаны",
        ],
    ),
    ("surname", &["surname", "фамилия", "тегі"]),
    ("name", &["name", "имя", "аты"]),
    (
        "patronymic",
        &["patronymic", "отчество", "әкесінің аты", "әкесінің_аты"],
    ),
    ("iin", &["iin", "иин", "жсн"]),
    ("phone", &["phone", "телефон"]),
    ("language", &["language", "язык", "тіл"]),
    ("category", &["category", "категория", "санат"]),
    (
        "settlement",
        &[
            "settlement",
            "населенный пункт",
            "населённый пункт",
            "елді мекен",
        ],
    ),
    ("topic", &["topic", "тема", "тақырып"]),
    (
        "essence",
        &[
            "essence",
            "суть",
            "мәні",
            "суть обращения",
            "өтініш мәні",
            "содержание",
            "мазмұны",
        ],
    ),
];

/// One rejected row: its number in the file (the header is row 1) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub reason: String,
}

/// The result of an import (or of a dry run).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Rows imported (dry run: rows that would be imported).
    pub imported: usize,
    pub rejected: Vec<RowError>,
    pub dry_run: bool,
    /// What was registered (empty on a dry run).
    pub registered: Vec<Registered>,
    /// Which column was used for what (`crate::journal::headings::describe_columns`).
    pub columns: Vec<String>,
    /// Values no classifier entry matched, each once with its rows.
    pub unmatched: Vec<crate::journal::Unmatched>,
    /// Rows held back only because of unmatched values (counted as rejected).
    pub held: usize,
    /// Good rows not imported: imported before (or repeated in the file), or
    /// their IIN belongs to an applicant of another name.
    pub skipped: Vec<RowError>,
    /// A journal's rows dated before this day are brought in as finished.
    pub closed_before: Option<chrono::NaiveDate>,
    /// Of the imported rows, those brought in as finished (answered, closed).
    pub closed: usize,
}

impl ImportReport {
    /// The lines the command prints: one per rejected row, each unmatched value
    /// with its rows, then the totals.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .rejected
            .iter()
            .chain(self.skipped.iter())
            .map(|e| crate::domain::text::terminal_safe(&format!("row {}: {}", e.row, e.reason)))
            .collect();
        out.extend(
            self.unmatched
                .iter()
                .map(|u| crate::domain::text::terminal_safe(&u.line())),
        );
        if !self.unmatched.is_empty() {
            out.push(crate::journal::MAPPING_HINT.to_string());
        }
        if let Some(day) = self.closed_before {
            out.push(format!(
                "open: {}, closed: {} (dated before {day}: answered and closed, nothing due)",
                self.imported - self.closed,
                self.closed
            ));
        }
        out.push(format!(
            "imported: {}, rejected: {}",
            self.imported,
            self.rejected.len() + self.held
        ));
        if !self.skipped.is_empty() {
            out.push(format!("skipped: {}", self.skipped.len()));
        }
        out
    }
}

/// Why a file cannot be imported at all (nothing is written).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("file is empty: no header row")]
    Empty,
    #[error("file has a header row but no data rows")]
    NoRows,
    #[error("file is not UTF-8 (looks like Windows-1251): save it as CSV UTF-8")]
    Windows1251,
    #[error("file is not UTF-8: save it as CSV UTF-8")]
    NotUtf8,
    #[error("not a readable CSV file: {0}")]
    Csv(String),
    #[error("not a readable XLSX file: {0}")]
    Xlsx(String),
    #[error("unknown column(s): {}; known: {}", .0.join(", "), COLUMNS.join(", "))]
    UnknownColumns(Vec<String>),
    #[error("column '{0}' appears twice")]
    DuplicateColumn(String),
    #[error("required column(s) missing: {}", .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("mapping: {0}")]
    Map(String),
    #[error("{0}")]
    Limit(#[from] crate::import_limits::LimitError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Service(#[from] ServiceError),
}

impl ImportError {
    /// True when the file itself is unusable (exit code 2), false for a database error.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, ImportError::Store(_) | ImportError::Service(_))
    }
}

/// The canonical column for a header cell, if any.
pub fn canonical_column(header: &str) -> Option<&'static str> {
    let h = normalise_header(header);
    ALIASES.iter().find_map(|(canon, aliases)| {
        aliases
            .iter()
            .any(|a| normalise_header(a) == h)
            .then_some(*canon)
    })
}

fn normalise_header(s: &str) -> String {
    let s = s.trim_start_matches('\u{feff}').trim().to_lowercase();
    let s: String = s
        .chars()
        .map(|c| match c {
            '_' | '-' | '.' => ' ',
            'ё' => 'е',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a registration date: `YYYY-MM-DD` or `DD.MM.YYYY`.
pub use crate::domain::dates::parse_date;

fn parse_channel(s: &str) -> Option<Channel> {
    let v = s.trim().to_lowercase();
    Channel::from_code(&v).or(match v.as_str() {
        "лично" | "жеке" | "walk-in" | "walk in" => Some(Channel::WalkIn),
        "телефон" => Some(Channel::Phone),
        "письменно" | "бумага" | "қағаз" | "жазбаша" => {
            Some(Channel::Paper)
        }
        "электронно" | "электронное" | "электронды" => {
            Some(Channel::Electronic)
        }
        _ => None,
    })
}

/// Maps a profile entry given by code or by its kk/ru label to its code.
fn profile_code(list: &[Labelled], v: &str) -> String {
    let t = v.trim();
    let f = fold(t);
    list.iter()
        .find(|l| l.code == t || fold(&l.kk) == f || fold(&l.ru) == f)
        .map(|l| l.code.clone())
        .unwrap_or_else(|| t.to_string())
}

pub(crate) fn column_of(field: Field) -> &'static str {
    match field {
        Field::Surname => "surname",
        Field::Name => "name",
        Field::Patronymic => "patronymic",
        Field::Iin => "iin",
        Field::Phone => "phone",
        Field::Category => "category",
        Field::Channel => "channel",
        Field::Topic => "topic",
        Field::Settlement => "settlement",
        Field::Essence => "essence",
        Field::Address => "address",
        Field::NationalRegNo => "national_reg_no",
        Field::Kind => "kind",
        Field::Bin => "bin",
        Field::OrgName => "org_name",
        Field::AuthorityDoc => "authority_doc",
        _ => "row",
    }
}

pub(crate) fn problem_text(p: Problem, value: &str) -> String {
    match p {
        Problem::Required => "is required".into(),
        Problem::EssenceMissing => "is required (the essence of the question)".into(),
        Problem::Text(e) => e.to_string(),
        Problem::Name(e) => e.to_string(),
        Problem::Id(e) => e.to_string(),
        Problem::Phone(e) => e.to_string(),
        Problem::Unknown => format!("'{}' is not in the regulation profile", value.trim()),
        Problem::DueInPast => "date is before the reception".into(),
    }
}

/// A table read from the file: header cells and data rows (all as text), each
/// row with its number in the file (line of a CSV, row of a sheet; header = 1
/// when it is the first line).
pub(crate) struct Table {
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<(usize, Vec<String>)>,
}

pub(crate) fn read_table(path: &Path) -> Result<Table, ImportError> {
    use crate::import_limits as limits;
    // A regular file within the size limit only (not /dev/zero, not a FIFO).
    let bytes = limits::read_regular(path).map_err(|e| match limits::into_limit(&e) {
        Some(l) => ImportError::Limit(l),
        None => ImportError::Read {
            path: path.display().to_string(),
            message: e.to_string(),
        },
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || ext == "xlsx" || ext == "xlsm" {
        // Real unpacked sizes, the sheet's extent and cell lengths, before reading.
        limits::check_xlsx(&bytes)?;
        read_xlsx(bytes)
    } else {
        read_csv(&limits::text_bytes(&bytes)?)
    }
}

fn looks_cp1251(bytes: &[u8]) -> bool {
    let (text, _, had_errors) = encoding_rs::WINDOWS_1251.decode(bytes);
    if had_errors {
        return false;
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let cyr = text
        .chars()
        .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
        .count();
    high > 0 && cyr * 10 >= high * 8
}

fn read_csv(bytes: &[u8]) -> Result<Table, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) if looks_cp1251(bytes) => return Err(ImportError::Windows1251),
        Err(_) => return Err(ImportError::NotUtf8),
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut all = Vec::new();
    let (mut seen_to, mut seen_lines) = (0usize, 0usize);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| ImportError::Csv(e.to_string()))?;
        // The reader's position is where it started looking (before skipped
        // blank lines): count the lines up to the record's first character.
        let tb = text.as_bytes();
        let mut b = rec.position().map(|p| p.byte() as usize).unwrap_or(0);
        while b < tb.len() && (tb[b] == b'\n' || tb[b] == b'\r') {
            b += 1;
        }
        seen_lines += tb[seen_to..b].iter().filter(|c| **c == b'\n').count();
        seen_to = b;
        let line = 1 + seen_lines;
        if rec
            .iter()
            .any(|c| c.chars().count() > crate::import_limits::MAX_CELL_CHARS)
        {
            return Err(crate::import_limits::LimitError::CellTooLong.into());
        }
        all.push((line, rec.iter().map(|s| s.to_string()).collect::<Vec<_>>()));
    }
    split_header(all)
}

fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel serial day: days since 1899-12-30.
        Data::DateTime(x) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_signed(chrono::Duration::days(x.as_f64() as i64)))
            .map(|x| x.to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        other => other.to_string(),
    }
}

fn read_xlsx(bytes: Vec<u8>) -> Result<Table, ImportError> {
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::Xlsx(e.to_string()))?;
    let Some(Ok(range)) = wb.worksheet_range_at(0) else {
        return Err(ImportError::Empty);
    };
    // Rows are numbered from the sheet's first row so `row N` matches Excel.
    let start = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let all = range
        .rows()
        .enumerate()
        .map(|(i, r)| (start + i + 1, r.iter().map(cell_text).collect()))
        .collect();
    split_header(all)
}

fn split_header(mut all: Vec<(usize, Vec<String>)>) -> Result<Table, ImportError> {
    let blank = |r: &(usize, Vec<String>)| r.1.iter().all(|c| c.trim().is_empty());
    let Some(h) = all.iter().position(|r| !blank(r)) else {
        return Err(ImportError::Empty);
    };
    let rows = all.split_off(h + 1);
    let header = all.pop().map(|r| r.1).unwrap_or_default();
    if rows.iter().all(blank) {
        return Err(ImportError::NoRows);
    }
    Ok(Table { header, rows })
}

/// Column index of each canonical column in the header.
fn map_header(header: &[String]) -> Result<Vec<Option<&'static str>>, ImportError> {
    let mut unknown = Vec::new();
    let mut cols = Vec::new();
    for h in header {
        if h.trim().is_empty() {
            cols.push(None);
            continue;
        }
        match canonical_column(h) {
            Some(c) => {
                if cols.contains(&Some(c)) {
                    return Err(ImportError::DuplicateColumn(c.into()));
                }
                cols.push(Some(c));
            }
            None => unknown.push(h.trim().trim_start_matches('\u{feff}').to_string()),
        }
    }
    if !unknown.is_empty() {
        return Err(ImportError::UnknownColumns(unknown));
    }
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|r| !cols.contains(&Some(**r)))
        .map(|r| r.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    Ok(cols)
}

/// Turns one data row into a checked draft, or the reason it is rejected.
fn check_row(
    cols: &[Option<&'static str>],
    cells: &[String],
    today: NaiveDate,
    profile: &Profile,
) -> Result<(NaiveDate, AppealDraft), String> {
    if cells.len() > cols.len() && cells[cols.len()..].iter().any(|c| !c.trim().is_empty()) {
        return Err(format!(
            "has {} fields, the header has {}",
            cells.len(),
            cols.len()
        ));
    }
    let get = |name: &str| -> String {
        cols.iter()
            .position(|c| *c == Some(name))
            .and_then(|i| cells.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let mut reasons: Vec<String> = Vec::new();
    let date_s = get("registered_on");
    let date = if date_s.trim().is_empty() {
        reasons.push("registered_on: is required".into());
        None
    } else {
        match parse_date(&date_s) {
            None => {
                reasons.push(format!(
                    "registered_on: '{}' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
                    date_s.trim()
                ));
                None
            }
            Some(d) if d > today => {
                reasons.push(format!("registered_on: {d} is in the future"));
                None
            }
            Some(d) => Some(d),
        }
    };
    let ch_s = get("channel");
    let channel = if ch_s.trim().is_empty() {
        None
    } else {
        match parse_channel(&ch_s) {
            Some(c) => Some(c),
            None => {
                reasons.push(format!(
                    "channel: '{}' is not one of walk_in, phone, paper, electronic",
                    ch_s.trim()
                ));
                None
            }
        }
    };
    let lang_s = get("language");
    let language = match lang_s.trim().to_lowercase().as_str() {
        "" | "kk" | "қаз" | "каз" | "қазақ" | "казахский" => Lang::Kk,
        "ru" | "рус" | "орыс" | "русский" => Lang::Ru,
        other => {
            reasons.push(format!("language: '{other}' is not kk or ru"));
            Lang::Kk
        }
    };
    let cat_s = get("category");
    let category = if cat_s.trim().is_empty() {
        None
    } else {
        Some(profile_code(&profile.categories, &cat_s))
    };
    let topic_s = get("topic");
    let topic = if topic_s.trim().is_empty() {
        String::new()
    } else {
        profile_code(&profile.topics, &topic_s)
    };
    let draft = AppealDraft {
        applicant: Applicant {
            surname: get("surname"),
            name: get("name"),
            patronymic: get("patronymic"),
            iin: get("iin"),
            phone: get("phone"),
            language,
            category,
            ..Default::default()
        },
        channel,
        essence: get("essence"),
        topic,
        settlement: get("settlement"),
        ..Default::default()
    };
    let checked = check_appeal(&draft, profile);
    if let Err(errors) = &checked {
        for e in errors {
            let col = column_of(e.field);
            // A bad channel value was already named above.
            if e.field == Field::Channel && !ch_s.trim().is_empty() {
                continue;
            }
            let value = if col == "row" {
                String::new()
            } else {
                get(col)
            };
            reasons.push(format!("{col}: {}", problem_text(e.problem, &value)));
        }
    }
    match (checked, date) {
        (Ok(d), Some(on)) if reasons.is_empty() => Ok((on, d)),
        _ => Err(reasons.join("; ")),
    }
}

/// A file read and checked, nothing written yet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    /// Good rows: registration date and cleaned draft.
    pub good: Vec<(NaiveDate, AppealDraft)>,
    /// The row number in the file of each good row (same order as `good`).
    pub good_rows: Vec<usize>,
    pub rejected: Vec<RowError>,
}

/// Reads and checks `path` without touching any database. `today` bounds the
/// registration dates; `progress(done, total)` is called per row.
pub fn check_file(
    path: &Path,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Checked, ImportError> {
    let profile = assets::default_profile();
    let table = read_table(path)?;
    let cols = map_header(&table.header)?;
    let total = table.rows.len();
    let mut out = Checked::default();
    for (i, (row, cells)) in table.rows.iter().enumerate() {
        progress(i, total);
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = *row;
        match check_row(&cols, cells, today, &profile) {
            Ok(r) => {
                out.good.push(r);
                out.good_rows.push(row);
            }
            Err(reason) => out.rejected.push(RowError { row, reason }),
        }
    }
    progress(total, total);
    Ok(out)
}

/// Registers the good rows of a checked file through the register service (one
/// transaction; each appeal gets its status, next due action and due date as if it
/// were typed in at the desk), or only counts them with `dry_run`.
pub fn store_checked(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    checked: Checked,
    dry_run: bool,
    now: NaiveDateTime,
) -> Result<ImportReport, ImportError> {
    store_checked_with(
        store,
        office,
        actor,
        checked,
        dry_run,
        now,
        &crate::cancel::Cancel::new(),
        &mut |_, _| {},
    )
}

/// [`store_checked`] with progress (rows stored, total) and cancel: a cancelled
/// import is rolled back whole ([`ServiceError::Cancelled`]).
#[allow(clippy::too_many_arguments)]
pub fn store_checked_with(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    checked: Checked,
    dry_run: bool,
    now: NaiveDateTime,
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let outcomes = if checked.good.is_empty() {
        Vec::new()
    } else if dry_run {
        store.preview_import(&checked.good)?
    } else {
        register::register_import_with(store, office, actor, now, &checked.good, cancel, progress)?
    };
    let mut report = ImportReport {
        rejected: checked.rejected,
        dry_run,
        ..Default::default()
    };
    report_outcomes(&mut report, outcomes, &checked.good_rows);
    Ok(report)
}

/// Adds the per-row outcomes of an import (same order as the good rows, whose
/// numbers in the file are `rows`) to the report: registered rows count as
/// imported; rows imported before, repeated in the file, or whose IIN belongs to
/// an applicant of another name are reported "row N: ..." and skipped.
pub fn report_outcomes(
    report: &mut ImportReport,
    outcomes: Vec<crate::store::ImportedRow>,
    rows: &[usize],
) {
    use crate::store::ImportedRow;
    for (i, outcome) in outcomes.into_iter().enumerate() {
        let row = rows.get(i).copied().unwrap_or(0);
        match outcome {
            ImportedRow::New(r) => {
                report.imported += 1;
                if !report.dry_run {
                    report.registered.push(r);
                }
            }
            ImportedRow::AlreadyImported { reg_no } => report.skipped.push(RowError {
                row,
                reason: format!("already imported as {reg_no}; skipped"),
            }),
            ImportedRow::Repeats { earlier } => report.skipped.push(RowError {
                row,
                reason: format!(
                    "the same as row {}; skipped",
                    rows.get(earlier).copied().unwrap_or(0)
                ),
            }),
            ImportedRow::IinBelongsTo { .. } => report.skipped.push(RowError {
                row,
                reason: "iin: already registered under another name; skipped \
                         (register this appeal at the desk, which asks)"
                    .into(),
            }),
        }
    }
}

/// Imports `path` into `store` as `actor` (or only checks it with `dry_run`). `now`
/// is the registration time of the imported appeals. `progress(done, total)` is
/// called per row. Office journals are read as `crate::journal` reads them
/// (headings found, values as offices write them, the mapping remembered for the
/// file's shape).
#[allow(clippy::too_many_arguments)]
pub fn import_file_as(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    path: &Path,
    dry_run: bool,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    crate::journal::import_path(store, office, actor, path, None, dry_run, now, progress)
}

/// [`import_file_as`] for a caller without an [`Office`] at hand: the office is read
/// from the database and the configuration folder, with registration-number prefix
/// `prefix`, and the import is audited as the command line's.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    dry_run: bool,
    now: NaiveDateTime,
    prefix: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let (mut office, _) = Office::load(store, crate::paths::config_dir().as_deref())?;
    office.settings.prefix = prefix.to_string();
    let actor = Actor::cli("import");
    import_file_as(store, &office, &actor, path, dry_run, now, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_both_languages() {
        assert_eq!(canonical_column("Фамилия"), Some("surname"));
        assert_eq!(canonical_column(" ТЕГІ "), Some("surname"));
        assert_eq!(canonical_column("ЖСН"), Some("iin"));
        assert_eq!(canonical_column("Суть обращения"), Some("essence"));
        assert_eq!(
            canonical_column("\u{feff}registered_on"),
            Some("registered_on")
        );
        assert_eq!(canonical_column("Registered-On"), Some("registered_on"));
        assert_eq!(canonical_column("colour"), None);
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2);
        assert_eq!(parse_date("2026-03-02"), d);
        assert_eq!(parse_date("02.03.2026"), d);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("3/2/2026"), None);
    }

    #[test]
    fn cp1251_detection() {
        let (b, _, _) = encoding_rs::WINDOWS_1251.encode("фамилия;имя;суть");
        assert!(looks_cp1251(&b));
        assert!(!looks_cp1251(b"\xff\xfe\x00a"));
    }
}
