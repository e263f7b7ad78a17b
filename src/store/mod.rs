//! Storage over SQLite: the only module that knows SQL.
//!
//! Every write is one transaction and writes its audit row in the same
//! transaction. Timestamps are passed in (`now`), never read here, so the store
//! is testable with fixed dates.
mod appeals;
mod audit;
mod bench_support;
mod board;
mod control;
mod export;
mod integrity;
mod journal;
mod lifecycle;
mod maintenance;
mod officials;
mod operators;
mod protocols;
mod queue;
mod reports;
mod rules;
mod schedule;
pub mod search;
mod security;
mod settings;
mod survey;
mod synth;
mod tx;

pub use appeals::{AppealEvent, AppealRow, Registered, SearchHit};
pub use audit::{verify_chain, AuditEntry, ChainReport};
pub use bench_support::{ExportRow, QuarterCounts};
pub use control::{Answered, ControlError, REPEAT_STATUSES};
pub use export::ExportAppeal;
pub use lifecycle::DueRow;
pub use rules::{
    AppealDetails, OralJournalRow, Round, RulesError, StaffKind, StaffMember, StepRecord,
};

pub use integrity::{check_connection, check_file, CheckReport, BACKUP_STEP_PAGES};
pub use journal::{Addition, ImportRow};
pub use maintenance::Health;
pub use protocols::ControlRow;
pub use reports::{
    change_percent, sort_free_lines, ControlFigures, DeadlineFigures, FormatFigures, Line,
    Line as ReportLine, OfficialReception, QueueFigures, ReceptionFigures, Report, SurveyFigures,
    TopicSettlement,
};
pub use schedule::{
    Absence, BookingRequest, BookingRow, BookingStatus, Generated, OfficialQueue, Participant,
    ScheduleDue, ScheduleDueKind, SessionRow,
};
pub use search::{index_words, phone_digits, phone_query, phone_words, words_query};
pub use settings::OfficeSettings;
pub use survey::{Survey, SurveyCall, SurveyError};
pub use synth::{journal_rows, JournalRow, SynthOptions, SynthReport};
pub use tx::{DeferredIndex, Tx};

pub use security::{initials, Access, Account, LoginState, PurgeItem, CLOSED_STATUSES, LAST_ADMIN};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A migration's file under `src/store/migrations/` and its SQL.
macro_rules! migration {
    ($name:literal) => {
        ($name, include_str!(concat!("migrations/", $name)))
    };
}

/// Numbered migrations, applied in order; `PRAGMA user_version` holds the last one.
/// The file of schema version N is `000N_<what>.sql` (a test checks it).
const MIGRATIONS: &[(&str, &str)] = &[
    migration!("0001_init.sql"),
    migration!("0002_search.sql"),
    migration!("0003_lifecycle.sql"),
    migration!("0004_survey.sql"),
    migration!("0005_security.sql"),
    migration!("0006_search_speed.sql"),
    migration!("0007_audit_personal.sql"),
    migration!("0008_schedule.sql"),
    migration!("0009_import_map.sql"),
    migration!("0010_rules.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "the database was made by a newer Qabyldau (schema {found}, this program knows {known})"
    )]
    SchemaTooNew { found: i64, known: i64 },
    #[error("the record was changed by someone else meanwhile")]
    Conflict,
    #[error("record not found")]
    NotFound,
    #[error("{0}")]
    Invalid(String),
    /// A schedule, booking or absence broke a rule (`i18n::schedule::error` says it
    /// in the user's language).
    #[error("{0}")]
    Schedule(#[from] crate::domain::schedule::ScheduleError),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// The database path is on a network share ([`crate::netpath`]); SQLite's
    /// locking is unreliable there. The message is the bilingual advice.
    #[error("{where_}: {}\n{}", crate::i18n::ui::Msg::DbOnNetwork.text(crate::domain::Lang::Kk), crate::i18n::ui::Msg::DbOnNetwork.text(crate::domain::Lang::Ru))]
    OnNetwork { where_: String },
    /// The work was cancelled (Ctrl+C); whatever it had begun was undone.
    #[error("cancelled; nothing was written")]
    Cancelled,
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Who does a write: an operator of the desk, or a command line run by an OS user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub operator_id: Option<i64>,
    /// `op:<login>` or `cli:<os user>`; what the audit trail shows.
    pub name: String,
}

impl Actor {
    pub fn operator(id: i64, login: &str) -> Actor {
        Actor {
            operator_id: Some(id),
            name: format!("op:{login}"),
        }
    }
    /// A command-line subcommand run by the OS user.
    pub fn cli(command: &str) -> Actor {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown".into());
        Actor {
            operator_id: None,
            name: format!("cli:{user}:{command}"),
        }
    }
    /// The program itself (demo data, first-run set-up).
    pub fn system() -> Actor {
        Actor {
            operator_id: None,
            name: "system".into(),
        }
    }
}

/// The open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The file did not exist before this open.
    pub created: bool,
}

/// SQLite stores dates as ISO text.
pub(crate) fn ts(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}
pub(crate) fn parse_ts(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap_or_default()
}
pub(crate) fn parse_date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

/// Registers the Rust functions every connection needs: a Unicode `lower`
/// (SQLite's is ASCII-only), the search `fold`, and a Kazakh alphabet collation.
pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("ulower", 1, flags, |ctx| {
        Ok(ctx.get::<Option<String>>(0)?.map(|s| s.to_lowercase()))
    })?;
    conn.create_scalar_function("fold", 1, flags, |ctx| {
        Ok(ctx
            .get::<Option<String>>(0)?
            .map(|s| crate::domain::fold::fold(&s)))
    })?;
    conn.create_collation("KK", kk_collate)?;
    search::register_functions(conn)?;
    Ok(())
}

/// Kazakh alphabetical order: А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я.
pub fn kk_collate(a: &str, b: &str) -> std::cmp::Ordering {
    const ORDER: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
    let key = |c: char| -> (u32, u32) {
        let l = c.to_lowercase().next().unwrap_or(c);
        match ORDER.chars().position(|x| x == l) {
            Some(p) => (1, p as u32),
            None => (if c.is_alphabetic() { 2 } else { 0 }, l as u32),
        }
    };
    let ka = a.chars().map(key);
    let kb = b.chars().map(key);
    ka.cmp(kb).then_with(|| a.cmp(b))
}

/// The schema version of an existing database file, read without changing it;
/// `None` when there is no file yet. Lets the desk say that an upgrade (which can
/// take a minute on a large database) is coming before [`Store::open`] runs it.
pub fn file_schema_version(path: &Path) -> Result<Option<i64>> {
    if !path.is_file() {
        return Ok(None);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    Ok(Some(conn.pragma_query_value(
        None,
        "user_version",
        |r| r.get(0),
    )?))
}

impl Store {
    /// Opens (or creates) the database file, sets the pragmas and runs migrations.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_at_schema(path, SCHEMA_VERSION)
    }

    /// Opens like [`Store::open`] but migrates no further than `version`.
    /// For making old-schema test fixtures only.
    #[doc(hidden)]
    pub fn open_at_schema(path: &Path, version: i64) -> Result<Store> {
        if let Some(where_) = crate::netpath::network_location(path) {
            return Err(StoreError::OnNetwork { where_ });
        }
        let created = !path.exists();
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // Every transaction of this connection is IMMEDIATE: it takes the write lock
        // when it begins, so a writer waits (busy_timeout) for another writer instead
        // of failing with SQLITE_BUSY when a DEFERRED read turns into a write in WAL.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        // A newer program's database is refused before anything is written to it
        // (even the switch to WAL changes the file header).
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                found,
                known: SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 8 MB of page cache (SQLite's default is 2 MB): the desk runs all day, and
        // the pages of the search index, the search list and today's queue stay in
        // the process even when a 4 GB office PC's file cache cannot hold the
        // database. On a million appeals with a cold file cache: search p50 0.14 ->
        // 0.11 ms; peak memory +6.5 MB.
        conn.pragma_update(None, "cache_size", -8192)?;
        conn.set_prepared_statement_cache_capacity(64);
        register_functions(&conn)?;
        #[cfg(unix)]
        if created {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        // Windows: the default data folder is under the user's profile, whose
        // inherited ACL already limits the file to that user and administrators.
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            created,
        };
        store.migrate(version)?;
        Ok(store)
    }

    fn migrate(&mut self, upto: i64) -> Result<()> {
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                found,
                known: SCHEMA_VERSION,
            });
        }
        for (i, (_, sql)) in MIGRATIONS.iter().enumerate().take(upto as usize) {
            // IMMEDIATE, and the version read again inside: two copies opening a
            // new database at once must not both run the same migration.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if now > i as i64 {
                continue;
            }
            tx.execute_batch(sql).map_err(|e| {
                // SQLite's message without the migration's whole text.
                let reason = match &e {
                    rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
                    other => other.to_string(),
                };
                StoreError::Invalid(format!(
                    "upgrading the database to schema {} failed: {reason}",
                    i + 1
                ))
            })?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The raw connection, for the modules of this crate that report or export.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Whether the database holds no appeals and no operators (first run).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM appeals) + (SELECT count(*) FROM officials)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_collation_order() {
        let mut v = vec!["Қасым", "Іскак", "Яков", "Кәрім", "Ғали", "Абай", "Әлия"];
        v.sort_by(|a, b| kk_collate(a, b));
        assert_eq!(
            v,
            vec!["Абай", "Әлия", "Ғали", "Кәрім", "Қасым", "Іскак", "Яков"]
        );
    }
}

#[cfg(test)]
mod migration_files {
    use super::*;

    /// The files are named by their schema version, 0001..N in the order they
    /// run, and every file in the folder is in the list.
    #[test]
    fn named_0001_to_n_in_order() {
        for (i, (name, _)) in MIGRATIONS.iter().enumerate() {
            let prefix = format!("{:04}_", i + 1);
            assert!(
                name.starts_with(&prefix) && name.ends_with(".sql"),
                "schema {} is {name}",
                i + 1
            );
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let listed: Vec<String> = MIGRATIONS.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, listed);
    }

    /// On an empty database they run one by one, 1..N, each leaving
    /// `user_version` at its number.
    #[test]
    fn run_1_to_n_on_an_empty_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.sqlite");
        for v in 0..=SCHEMA_VERSION {
            let s = Store::open_at_schema(&path, v).unwrap();
            let found: i64 = s
                .conn()
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(found, v);
        }
        assert_eq!(SCHEMA_VERSION, MIGRATIONS.len() as i64);
        let fresh = dir.path().join("fresh.sqlite");
        assert_eq!(file_schema_version(&fresh).unwrap(), None);
        drop(Store::open(&fresh).unwrap());
        assert_eq!(file_schema_version(&fresh).unwrap(), Some(SCHEMA_VERSION));
    }
}
