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
mod import;
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
mod safety;
pub use safety::HAS_OPERATORS;
mod schedule;
pub mod seal;
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
pub use import::{import_row_hash, ImportedRow};
pub use lifecycle::DueRow;
pub use rules::{
    AppealDetails, OralJournalRow, Round, RulesError, StaffKind, StaffMember, StepRecord,
};

pub use integrity::{
    check_connection, check_file, identify_file, quick_check, quick_check_in_background,
    CheckReport, BACKUP_STEP_PAGES,
};
pub use journal::{Addition, ImportRow};
pub use maintenance::Health;
pub use protocols::ControlRow;
pub use reports::{
    change_percent, sort_free_lines, ControlFigures, DeadlineFigures, FormatFigures, Line,
    Line as ReportLine, OfficialReception, QueueFigures, ReceptionFigures, Report, SurveyFigures,
    TopicSettlement,
};
pub use schedule::ROOM_MAX;
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
    migration!("0011_safety.sql"),
    migration!("0012_today_indexes.sql"),
];

/// The schema from which every database has an audit seal beside it.
pub const SEAL_SCHEMA: i64 = 11;

/// `PRAGMA application_id` of every Qabyldau database ('QBLD').
pub const APPLICATION_ID: i64 = 0x5142_4C44;

/// Tables every Qabyldau database has; a file without them is not one. (A
/// missing `audit_log` is tampering, which `check` reports as such.)
pub const EXPECTED_TABLES: &[&str] = &[
    "appeals",
    "applicants",
    "operators",
    "officials",
    "settings",
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
    /// A zero-byte file where the database should be: reported, never silently
    /// made into a new empty database.
    #[error(
        "{0} is an empty (zero-byte) file, not a database: restore a backup or move the file away"
    )]
    EmptyFile(String),
    /// Registration with an IIN that is stored under another name: the desk shows
    /// whose it is and asks (same person with a new name, or a typing error in
    /// the IIN). The name is in the field, not in the message (messages may be logged).
    #[error("this IIN is already registered under another name")]
    IinBelongsTo { applicant_id: i64, name: Personal },
    /// The clock is earlier than the newest audit record: nothing is written.
    #[error(
        "the computer's clock ({now}) is earlier than the newest record ({newest}): \
         set the date and time right; nothing was saved"
    )]
    ClockBehind {
        now: NaiveDateTime,
        newest: NaiveDateTime,
    },
    /// A SQLite file of another program (or no database at all).
    #[error("{0} is not a Qabyldau database")]
    NotOurs(String),
    /// The database path is on a network share ([`crate::netpath`]); SQLite's
    /// locking is unreliable there. The message is the bilingual advice.
    #[error("{where_}: {}\n{}", crate::i18n::ui::Msg::DbOnNetwork.text(crate::domain::Lang::Kk), crate::i18n::ui::Msg::DbOnNetwork.text(crate::domain::Lang::Ru))]
    OnNetwork { where_: String },
    /// The work was cancelled (Ctrl+C); whatever it had begun was undone.
    #[error("cancelled; nothing was written")]
    Cancelled,
}

impl StoreError {
    /// Whether SQLite found the file damaged ("database disk image is malformed").
    pub fn is_corrupt(&self) -> bool {
        matches!(self, StoreError::Sqlite(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Personal data carried in an error for the screen: `Debug` (what logs and
/// panics print) shows no content.
#[derive(Clone, PartialEq, Eq)]
pub struct Personal(pub String);

impl Personal {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Personal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<personal data>")
    }
}

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
    /// The newest audit row id when opened: closing a store that wrote advances
    /// the seal (see [`seal`]).
    audit_head_at_open: i64,
    seal_on_close: bool,
    /// The file was created or upgraded to the sealing schema by this open: its
    /// first seal is written on close (a missing seal is otherwise left to `check`).
    seal_if_missing: bool,
}

/// The newest audit row id (0 when none or no table yet).
fn audit_head_id(conn: &Connection) -> i64 {
    conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
        r.get(0)
    })
    .unwrap_or(0)
}

impl Drop for Store {
    /// Advances the seal beside the database when this store wrote audit rows,
    /// and only when the chain still extends the existing seal (evidence of
    /// tampering is never sealed over; a missing seal is left for `check`).
    fn drop(&mut self) {
        if !self.seal_on_close
            || (audit_head_id(&self.conn) == self.audit_head_at_open && !self.seal_if_missing)
            || !self.path.is_file()
        {
            return;
        }
        let _ = self.advance_seal();
    }
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
        // A zero-byte file (and no write-ahead log holding its pages) is not a
        // database that lost nothing: say so instead of making a new one there.
        let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let wal = {
            let mut w = path.as_os_str().to_owned();
            w.push("-wal");
            PathBuf::from(w)
        };
        if !created && path.is_file() && len(path) == 0 && len(&wal) == 0 {
            return Err(StoreError::EmptyFile(path.display().to_string()));
        }
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                crate::safe_file::create_private_dir(dir).map_err(|e| match e {
                    crate::safe_file::SafeFileError::Io { source, .. } => StoreError::Io(source),
                    other => StoreError::Invalid(other.to_string()),
                })?;
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
        // Another program's database is refused before anything is written to it.
        let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let ours = if found > 0 {
            let present: i64 = conn.query_row(
                &format!(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({})",
                    EXPECTED_TABLES
                        .iter()
                        .map(|t| format!("'{t}'"))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                [],
                |r| r.get(0),
            )?;
            present == EXPECTED_TABLES.len() as i64
        } else {
            tables == 0
        };
        if (app_id != 0 && app_id != APPLICATION_ID) || !ours {
            return Err(StoreError::NotOurs(path.display().to_string()));
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
            audit_head_at_open: 0,
            seal_on_close: false,
            seal_if_missing: false,
        };
        let before = store.schema_version()?;
        store.migrate(version)?;
        let after = store.schema_version()?;
        store.audit_head_at_open = audit_head_id(&store.conn);
        // Sealing starts with schema 8: a new file, or one just upgraded to it.
        store.seal_on_close = after >= SEAL_SCHEMA;
        store.seal_if_missing = after >= SEAL_SCHEMA && before < SEAL_SCHEMA;
        // Written at once (an empty chain, or the chain as upgraded): a program
        // killed before it closes must not leave the file without a seal.
        if store.seal_if_missing && seal::read(path)?.is_none() {
            seal::write(path, &seal::head(&store.conn)?, true)?;
        }
        // Files made before schema 8 get their application id now.
        if store.schema_version()? > 0 {
            let id: i64 = store
                .conn
                .pragma_query_value(None, "application_id", |r| r.get(0))?;
            if id == 0 {
                store
                    .conn
                    .pragma_update(None, "application_id", APPLICATION_ID)?;
            }
        }
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

    /// The head of the audit chain now.
    pub fn audit_head(&self) -> Result<seal::Seal> {
        seal::head(&self.conn)
    }

    /// Writes the current head into the seal beside the database when the
    /// chain extends the seal there (else leaves it: `check` reports why).
    /// Returns whether the seal was written.
    pub fn advance_seal(&self) -> Result<bool> {
        let Some(old) = seal::read(&self.path)? else {
            if self.seal_if_missing {
                seal::write(&self.path, &seal::head(&self.conn)?, true)?;
                return Ok(true);
            }
            return Ok(false);
        };
        if seal::verify(&self.conn, &old)?.is_some() {
            return Ok(false);
        }
        seal::write(&self.path, &seal::head(&self.conn)?, false)?;
        Ok(true)
    }

    /// Seals the current head whatever the seal says (after a restore, or by an
    /// administrator after `check` found and the office dealt with a mismatch).
    pub fn reseal(&self) -> Result<seal::Seal> {
        let h = seal::head(&self.conn)?;
        seal::write(&self.path, &h, true)?;
        Ok(h)
    }

    /// What the seal beside the database says against the table: `None` when
    /// they agree, else the reason (also when the seal file is missing).
    pub fn verify_seal(&self) -> Result<Option<String>> {
        if self.schema_version()? < SEAL_SCHEMA {
            return Ok(None);
        }
        match seal::read(&self.path) {
            Ok(Some(s)) => seal::verify(&self.conn, &s),
            // Created or upgraded by this open: its first seal comes on close.
            Ok(None) if self.seal_if_missing => Ok(None),
            Ok(None) => Ok(Some(format!(
                "audit seal: {} is missing",
                seal::seal_path(&self.path).display()
            ))),
            Err(e) => Ok(Some(e.to_string())),
        }
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
