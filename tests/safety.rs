//! Data safety (issue 10): each test tries what a careless user, a hostile file
//! or a curious colleague would, and asserts both the trusted behaviour and that
//! the data is unchanged. Hostile files are generated here, never committed.
mod common;
use common::*;
use qabyldau::store::{Actor, Store};
use std::path::Path;

fn bin(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_qabyldau"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QABYLDAU_NOW", "2026-04-15T09:00:00")
        .env_remove("QABYLDAU_PASSWORD")
        .output()
        .unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A database with two appeals, one with formula-like text.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let d = day(2026, 3, 16);
    let mut a = draft("Өмірбекова", "Айгүл", "=HYPERLINK(\"http://x\",\"y\")");
    a.applicant.iin = iin("9005154");
    s.register_appeal(&Actor::system(), at(d, 9, 0), d, "KHR", &a)
        .unwrap();
    let b = draft("@SUM(A1)", "-1+1", "+1+1\tзапрос");
    s.register_appeal(&Actor::system(), at(d, 9, 5), d, "KHR", &b)
        .unwrap();
    (dir, path)
}

fn count(db: &Path) -> i64 {
    Store::open(db).unwrap().appeal_count().unwrap()
}

fn audit_rows(db: &Path, action: &str) -> i64 {
    Store::open(db)
        .unwrap()
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = ?1",
            [action],
            |r| r.get(0),
        )
        .unwrap()
}

const EXPORT: &[&str] = &[
    "export",
    "appeals",
    "--from",
    "2026-03-01",
    "--to",
    "2026-03-31",
    "--format",
    "csv",
    "--out",
];

#[test]
fn export_and_report_refuse_the_database_and_existing_files() {
    let (dir, db) = setup();
    let before = std::fs::read(&db).unwrap().len();
    let wal = {
        let mut s = db.as_os_str().to_owned();
        s.push("-wal");
        s
    };
    let backup = dir
        .path()
        .join("backups")
        .join("qabyldau-2026-03-01.sqlite");
    for target in [
        db.to_str().unwrap().to_string(),
        wal.to_string_lossy().into_owned(),
        backup.to_str().unwrap().to_string(),
    ] {
        let mut args = EXPORT.to_vec();
        args.push(&target);
        args.push("--force");
        let o = bin(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{target}: {}", stderr(&o));
        assert!(stderr(&o).contains("refused"), "{}", stderr(&o));
        let r = bin(
            &db,
            &[
                "report",
                "--quarter",
                "2026Q1",
                "--format",
                "html",
                "--out",
                &target,
                "--force",
            ],
        );
        assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    }
    assert!(std::fs::read(&db).unwrap().len() >= before);
    assert_eq!(count(&db), 2);
    assert!(Store::open(&db).unwrap().check().unwrap().is_ok());
    assert!(!backup.exists());

    // An existing file is kept without --force, replaced with it.
    let out = dir.path().join("mine.csv");
    std::fs::write(&out, b"my own work").unwrap();
    let mut args = EXPORT.to_vec();
    let o_s = out.to_str().unwrap().to_string();
    args.push(&o_s);
    let o = bin(&db, &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"my own work");
    assert_eq!(audit_rows(&db, "export"), 0);
    args.push("--force");
    let o = bin(&db, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(audit_rows(&db, "export"), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // No temporary files are left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(".tmp") && !n.ends_with(".partial")),
        "{names:?}"
    );
}

#[test]
fn csv_export_neutralises_formulas() {
    let (dir, db) = setup();
    let out = dir.path().join("a.csv");
    let mut args = EXPORT.to_vec();
    let o_s = out.to_str().unwrap().to_string();
    args.push(&o_s);
    let o = bin(&db, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(&bytes[3..]);
    let cells: Vec<String> = r
        .records()
        .flat_map(|x| x.unwrap().iter().map(String::from).collect::<Vec<_>>())
        .collect();
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "formula-like cell left as is: {c:?}"
        );
    }
    assert!(cells.contains(&"'=HYPERLINK(\"http://x\",\"y\")".to_string()));
    assert!(cells.contains(&"'@SUM(A1)".to_string()));
    assert!(cells.contains(&"'+1+1\tзапрос".to_string()));
    // Dates such as 2026-03-16 are not touched (they do not start with a sign).
    assert!(cells.contains(&"2026-03-16".to_string()));
    // The database keeps the text as typed.
    let s = Store::open(&db).unwrap();
    let first = s.recent_appeals(10).unwrap();
    assert!(first
        .iter()
        .any(|r| s.appeal(r.id).unwrap().essence.starts_with("=HYPERLINK")));
}

// ---- item 2: import reading limits -------------------------------------------

const HEADER: &str = "registered_on;channel;surname;name;essence\n";

fn import(db: &Path, extra: &[&str], file: &Path) -> std::process::Output {
    let mut a = vec!["import", file.to_str().unwrap()];
    a.extend_from_slice(extra);
    bin(db, &a)
}

/// Writes a zip whose parts are given as (name, bytes), deflated.
fn zip_file(path: &Path, parts: &[(&str, &[u8])]) {
    use std::io::Write;
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        z.start_file(*name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

/// An XLSX made by rust_xlsxwriter with the import header and one row, plus
/// whatever `extra` writes into the sheet.
fn xlsx_with(path: &Path, extra: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["registered_on", "channel", "surname", "name", "essence"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["2026-03-16", "walk_in", "Абаев", "Абай", "Жол"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    extra(ws);
    wb.save(path).unwrap();
}

#[test]
fn hostile_import_files_are_refused_before_reading() {
    let (dir, db) = setup();
    let before = count(&db);
    let mut tried = 0;
    let mut refused = |file: &Path, expect: &str| {
        tried += 1;
        let t = std::time::Instant::now();
        let o = import(&db, &[], file);
        assert_eq!(o.status.code(), Some(2), "{file:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(expect),
            "{file:?}: expected '{expect}' in {}",
            stderr(&o)
        );
        assert!(
            t.elapsed().as_secs() < 30,
            "{file:?} took {:?}",
            t.elapsed()
        );
    };
    // A sheet claiming XFD1048576: the reader would allocate 17 billion cells.
    let far = dir.path().join("far.xlsx");
    xlsx_with(&far, |ws| {
        ws.write_string(1_048_575, 16_383, "x").unwrap();
    });
    assert!(std::fs::metadata(&far).unwrap().len() < 20_000);
    refused(&far, "reaches row 1048576 and column 16384");
    // One cell longer than Excel allows.
    let long = dir.path().join("long.xlsx");
    let sheet = format!(
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{}</t></is></c></row></sheetData></worksheet>",
        "ж".repeat(40_000)
    );
    zip_file(
        &long,
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
    );
    refused(&long, "longer than 32767 characters");
    // A zip bomb: a part that unpacks to 100 MB of spaces from about 100 kB.
    let bomb = dir.path().join("bomb.xlsx");
    let spaces = vec![b' '; 100 * 1024 * 1024];
    zip_file(
        &bomb,
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/sharedStrings.xml", &spaces),
        ],
    );
    drop(spaces);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1_000_000);
    refused(&bomb, "unpacks to more than");
    // A CSV with a 200 kB cell.
    let csv_long = dir.path().join("long.csv");
    std::fs::write(
        &csv_long,
        format!(
            "{HEADER}2026-03-16;walk_in;Абаев;Абай;{}\n",
            "я".repeat(100_000)
        ),
    )
    .unwrap();
    refused(&csv_long, "longer than 32767 characters");
    // A file over the size limit (sparse: no disk used).
    let huge = dir.path().join("huge.csv");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(qabyldau::import_limits::MAX_FILE_BYTES + 1)
        .unwrap();
    drop(f);
    refused(&huge, "too large");
    // Binary junk with zero bytes is not called Windows-1251.
    let junk = dir.path().join("junk.csv");
    std::fs::write(&junk, [0u8, 1, 2, 0, 0, 0, 0xff, 0x00, 0x10]).unwrap();
    refused(&junk, "not text");
    // A folder.
    refused(dir.path(), "not a regular file");
    #[cfg(unix)]
    {
        refused(Path::new("/dev/zero"), "not a regular file (a device)");
        // A FIFO: opening it would block forever.
        let fifo = dir.path().join("pipe.csv");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if ok {
            refused(&fifo, "not a regular file (a pipe)");
        }
    }
    assert!(tried >= 8);
    assert_eq!(count(&db), before);
    assert!(Store::open(&db).unwrap().check().unwrap().is_ok());
}

#[test]
fn utf16_import_files_are_read() {
    let (dir, db) = setup();
    let text = format!("{HEADER}2026-03-16;walk_in;Сейітов;Ерлан;Жол жөндеу\n");
    for (name, bom, le) in [
        ("le.csv", true, true),
        ("be.csv", true, false),
        ("bare.csv", false, true),
    ] {
        let mut bytes: Vec<u8> = Vec::new();
        if bom {
            bytes.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let o = bin(&db, &["import", p.to_str().unwrap(), "--dry-run"]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("imported: 1, rejected: 0"),
            "{name}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    assert_eq!(count(&db), 2);
}

// ---- item 12: no control characters from imported text on the terminal -----

#[test]
fn import_errors_never_echo_escape_sequences() {
    let (dir, db) = setup();
    let osc52 = "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}";
    let clear = "\u{1b}[2J\u{1b}[H";
    // In a column name (the whole file is refused) ...
    let p = dir.path().join("cols.csv");
    std::fs::write(
        &p,
        format!(
            "registered_on;channel;surname;name;essence;x{osc52}\n2026-03-16;walk_in;А;Б;В;1\n"
        ),
    )
    .unwrap();
    let o = import(&db, &["--dry-run"], &p);
    // (An unknown column is listed as not used.)
    let err = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(
        err.contains("x\u{FFFD}]52"),
        "the heading is shown, defused: {err}"
    );
    // ... and in a rejected row's value.
    let q = dir.path().join("rows.csv");
    std::fs::write(
        &q,
        format!("{HEADER}16{clear}.03.2026;walk_in;Абаев;Абай;Жол\n2026-03-16;fax{osc52};Абаев;Абай;Жол\n"),
    )
    .unwrap();
    let o2 = import(&db, &[], &q);
    let out = String::from_utf8_lossy(&o2.stdout).into_owned();
    assert!(out.contains("row 2:") && out.contains("row 3:"), "{out}");
    for text in [err, out, stderr(&o2)] {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "control character reached the terminal: {text:?}"
        );
    }
    assert_eq!(count(&db), 2);
}

// ---- items 9 and 10: restore identifies the file; a zero-byte file is reported

#[test]
fn restore_refuses_a_foreign_sqlite_file_and_new_files_carry_the_application_id() {
    let (dir, db) = setup();
    let id: i64 = Store::open(&db)
        .unwrap()
        .conn()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, qabyldau::store::APPLICATION_ID);
    // Another program's SQLite file with a plausible schema version.
    let foreign = dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE stuff (x); PRAGMA user_version = 7;")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let o = bin(&db, &["restore", foreign.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a Qabyldau database"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(count(&db), 2);
    // The same with our application id but none of our tables.
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.pragma_update(None, "application_id", qabyldau::store::APPLICATION_ID)
            .unwrap();
    }
    let o = bin(&db, &["restore", foreign.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing"), "{}", stderr(&o));
    // Opening such a file as the database is refused too, and it is not changed.
    let f_before = std::fs::read(&foreign).unwrap();
    assert!(matches!(
        Store::open(&foreign),
        Err(qabyldau::store::StoreError::NotOurs(_))
    ));
    assert_eq!(std::fs::read(&foreign).unwrap(), f_before);
    // A good backup restores, and the message says where the old file went.
    let copy = dir.path().join("copy.sqlite");
    let o = bin(&db, &["backup", "--out", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bin(&db, &["restore", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("kept as"));
    assert_eq!(count(&db), 2);
}

#[test]
fn a_zero_byte_database_is_reported_not_reused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite");
    std::fs::write(&db, b"").unwrap();
    let e = Store::open(&db)
        .err()
        .expect("a zero-byte file must be refused");
    assert!(
        matches!(e, qabyldau::store::StoreError::EmptyFile(_)),
        "{e}"
    );
    let o = bin(&db, &["operator", "list"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("zero-byte"), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
    assert!(!dir.path().join("q.sqlite-wal").exists());
}

// ---- item 4: import duplicates ------------------------------------------------

#[test]
fn reimporting_a_file_skips_every_row_and_says_as_what() {
    let (dir, db) = setup();
    let p = dir.path().join("batch.csv");
    let row = "2026-03-17;walk_in;Сейітов;Ерлан;Жол жөндеу\n";
    // Five identical rows (different spacing and case count as the same) and one other.
    std::fs::write(
        &p,
        format!(
            "{HEADER}{row}{row}2026-03-17;walk_in;СЕЙІТОВ;Ерлан;Жол   жөндеу\n{row}{row}2026-03-17;paper;Бекова;Дана;Су\n"
        ),
    )
    .unwrap();
    let dry = bin(&db, &["import", p.to_str().unwrap(), "--dry-run"]);
    let dry_out = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(dry_out.contains("imported: 2"), "{dry_out}");
    assert_eq!(count(&db), 2);
    let first = bin(&db, &["import", p.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&first.stdout).into_owned();
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(out.contains("imported: 2, rejected: 0"), "{out}");
    assert!(out.contains("skipped: 4"), "{out}");
    assert!(
        dry_out.contains("row 3: the same as row 2; skipped"),
        "{dry_out}"
    );
    let first_no = Store::open(&db).unwrap().recent_appeals(10).unwrap()[1]
        .reg_no
        .clone();
    for r in 3..=6 {
        assert!(
            out.contains(&format!("row {r}: already imported as {first_no}")),
            "row {r}: {out}"
        );
    }
    assert_eq!(count(&db), 4);
    // The same file again: every row reported with its registration number.
    let again = bin(&db, &["import", p.to_str().unwrap()]);
    let out2 = String::from_utf8_lossy(&again.stdout).into_owned();
    assert!(out2.contains("imported: 0, rejected: 0"), "{out2}");
    assert!(out2.contains("skipped: 6"), "{out2}");
    assert!(out2.contains("row 2: already imported as"), "{out2}");
    assert!(out2.contains("row 7: already imported as"), "{out2}");
    assert_eq!(count(&db), 4);
    assert!(Store::open(&db).unwrap().check().unwrap().is_ok());
}

// ---- item 5: an IIN under another name renames nobody -------------------------

#[test]
fn an_iin_under_another_name_is_refused_unless_the_clerk_confirms() {
    let (dir, db) = setup();
    let mut s = Store::open(&db).unwrap();
    let d = day(2026, 3, 18);
    let first = s.recent_appeals(10).unwrap();
    let earlier = first
        .iter()
        .find(|r| r.applicant_name.starts_with("Өмірбекова"))
        .unwrap()
        .clone();
    let mut other = draft("Сарсенов", "Ерік", "Басқа мәселе");
    other.applicant.iin = iin("9005154");
    let e = s
        .register_appeal(&Actor::system(), at(d, 10, 0), d, "KHR", &other)
        .unwrap_err();
    match &e {
        qabyldau::store::StoreError::IinBelongsTo { name, .. } => {
            assert!(name.as_str().starts_with("Өмірбекова Айгүл"));
            assert!(!format!("{e:?}").contains("Өмірбекова"), "no name in Debug");
        }
        other => panic!("{other}"),
    }
    assert!(
        !e.to_string().contains("Өмірбекова"),
        "no name in the message"
    );
    assert_eq!(s.appeal_count().unwrap(), 2);
    assert_eq!(
        s.appeal(earlier.id).unwrap().applicant.surname,
        "Өмірбекова"
    );
    // The same person, confirmed, with a new surname.
    let mut renamed = draft("Сарсенова", "Айгүл", "Жаңа өтініш");
    renamed.applicant.iin = iin("9005154");
    let (office, _) = qabyldau::services::Office::load(&s, None).unwrap();
    // Through the service, as the desk does: refused first, then confirmed.
    let e = qabyldau::services::register::register(
        &mut s,
        &office,
        &Actor::system(),
        at(d, 10, 5),
        &renamed,
    )
    .unwrap_err();
    assert!(e.to_string().contains("another name"), "{e}");
    let r = qabyldau::services::register::register_new_name(
        &mut s,
        &office,
        &Actor::system(),
        at(d, 10, 5),
        &renamed,
    )
    .unwrap();
    assert_eq!(
        s.appeal(r.appeal_id).unwrap().applicant.surname,
        "Сарсенова"
    );
    // The earlier appeal keeps the name it was filed under and is found by it.
    let old = s.appeal(earlier.id).unwrap();
    assert_eq!(old.applicant.surname, "Өмірбекова");
    let hist = s.audit_of("applicant", old.applicant.id.unwrap()).unwrap();
    assert!(hist
        .iter()
        .any(|e| e.action == "renamed" && e.after.as_deref().unwrap_or("").contains("Сарсенова")));
    // The same name (other case/spacing) updates as before, without asking.
    let mut same = draft("сарсенова", "АЙГҮЛ", "Тағы бір");
    same.applicant.iin = iin("9005154");
    s.register_appeal(&Actor::system(), at(d, 11, 0), d, "KHR", &same)
        .unwrap();
    assert!(s.check().unwrap().is_ok());
    drop(s);
    // An import with that IIN and another name reports the row, renames nobody.
    let p = dir.path().join("iin.csv");
    std::fs::write(
        &p,
        format!(
            "registered_on;channel;surname;name;iin;essence\n2026-03-18;walk_in;Жанов;Марат;{};Су\n",
            iin("9005154")
        ),
    )
    .unwrap();
    let o = import(&db, &[], &p);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("row 2: iin: already registered under another name"),
        "{out}"
    );
    assert!(out.contains("imported: 0"), "{out}");
    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.appeal(earlier.id).unwrap().applicant.surname,
        "Өмірбекова"
    );
    assert_eq!(s.appeal_count().unwrap(), 4);
}

// ---- item 6: the audit seal and what check proves -----------------------------

/// A copy of the setup database with its seal, in its own folder.
fn sealed_copy(src: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite");
    std::fs::copy(src, &db).unwrap();
    std::fs::copy(
        qabyldau::store::seal::seal_path(src),
        qabyldau::store::seal::seal_path(&db),
    )
    .unwrap();
    (dir, db)
}

fn raw(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).unwrap()
}

/// The chain's row hash, as the program computes it (length-prefixed parts).
#[allow(clippy::too_many_arguments)]
fn row_hash(
    prev: &str,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [
        prev,
        at,
        actor,
        action,
        entity,
        &entity_id.map(|i| i.to_string()).unwrap_or_default(),
        before.unwrap_or("\u{0}"),
        after.unwrap_or("\u{0}"),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Rewrites every hash of the chain so it verifies again (what a forger does).
fn recompute_chain(c: &rusqlite::Connection) {
    c.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = c
        .prepare("SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut prev = "0".repeat(64);
    for (id, at, actor, action, entity, eid, b, a) in rows {
        let h = row_hash(
            &prev,
            &at,
            &actor,
            &action,
            &entity,
            eid,
            b.as_deref(),
            a.as_deref(),
        );
        c.execute(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1",
            rusqlite::params![id, prev, h],
        )
        .unwrap();
        prev = h;
    }
    c.execute_batch(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )
    .unwrap();
}

fn check_fails(db: &Path, expect: &str) {
    let o = bin(db, &["check"]);
    let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("FAILED") && text.contains(expect),
        "expected '{expect}': {text}"
    );
}

#[test]
fn check_detects_every_kind_of_audit_tampering() {
    let (_d, src) = setup();
    assert!(qabyldau::store::seal::seal_path(&src).exists());
    let o = bin(&src, &["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let mut faults = 0;

    // 1. The newest rows deleted (triggers dropped and put back), chain still valid.
    let (_a, db) = sealed_copy(&src);
    let c = raw(&db);
    c.execute_batch(
        "DROP TRIGGER audit_log_no_delete;
         DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log);
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )
    .unwrap();
    drop(c);
    check_fails(&db, "rows were deleted");
    faults += 1;

    // 2. The triggers dropped.
    let (_b, db) = sealed_copy(&src);
    raw(&db)
        .execute_batch("DROP TRIGGER audit_log_no_update;")
        .unwrap();
    check_fails(&db, "audit trigger audit_log_no_update is missing");
    faults += 1;

    // 3. The whole table dropped.
    let (_c, db) = sealed_copy(&src);
    raw(&db).execute_batch("DROP TABLE audit_log;").unwrap();
    check_fails(&db, "audit_log table is missing");
    faults += 1;

    // 4. A row edited and the chain recomputed: the chain verifies, the seal does not.
    let (_e, db) = sealed_copy(&src);
    let c = raw(&db);
    c.execute_batch("DROP TRIGGER audit_log_no_update;")
        .unwrap();
    c.execute(
        "UPDATE audit_log SET actor = 'op:somebody' WHERE id = (SELECT min(id) FROM audit_log)",
        [],
    )
    .unwrap();
    c.execute_batch(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )
    .unwrap();
    recompute_chain(&c);
    drop(c);
    check_fails(&db, "the chain was rewritten");
    faults += 1;

    // 5. A forged row appended, dated before its predecessor, with a valid hash.
    let (_f, db) = sealed_copy(&src);
    let c = raw(&db);
    let prev: String = c
        .query_row(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let when = "2020-01-01 10:00:00";
    let h = row_hash(
        &prev, when, "op:admin", "export", "appeals", None, None, None,
    );
    c.execute(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, prev_hash, hash)
         VALUES (?1, 'op:admin', 'export', 'appeals', NULL, NULL, NULL, ?2, ?3)",
        rusqlite::params![when, prev, h],
    )
    .unwrap();
    drop(c);
    check_fails(&db, "dated before the row preceding it");
    faults += 1;

    // 6. A personal snapshot edited outside the chain ...
    let (_g, db) = sealed_copy(&src);
    raw(&db)
        .execute(
            "UPDATE audit_personal SET data = replace(data, 'Өмірбекова', 'Басқа')",
            [],
        )
        .unwrap();
    check_fails(&db, "audit_personal altered");
    faults += 1;
    // ... or deleted without purge.
    let (_h, db) = sealed_copy(&src);
    raw(&db).execute("DELETE FROM audit_personal", []).unwrap();
    check_fails(&db, "audit_personal altered or removed outside purge");
    faults += 1;

    // 7. The seal file deleted.
    let (_i, db) = sealed_copy(&src);
    std::fs::remove_file(qabyldau::store::seal::seal_path(&db)).unwrap();
    check_fails(&db, "is missing");
    faults += 1;
    assert_eq!(faults, 8);

    // A legitimate writer afterwards never seals over the evidence.
    let (_j, db) = sealed_copy(&src);
    let seal_before = std::fs::read(qabyldau::store::seal::seal_path(&db)).unwrap();
    let c = raw(&db);
    c.execute_batch(
        "DROP TRIGGER audit_log_no_delete;
         DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )
    .unwrap();
    drop(c);
    {
        let mut s = Store::open(&db).unwrap();
        let d = day(2026, 3, 20);
        for i in 0..3 {
            s.register_appeal(
                &Actor::system(),
                at(d, 9, i),
                d,
                "KHR",
                &draft("Ақанов", "Бек", "Су"),
            )
            .unwrap();
        }
    }
    assert_eq!(
        std::fs::read(qabyldau::store::seal::seal_path(&db)).unwrap(),
        seal_before
    );
    check_fails(&db, "the chain was rewritten");
    // The untouched original is still OK.
    assert!(bin(&src, &["check"]).status.success());
}

#[test]
fn the_seal_follows_writes_backups_and_the_quarterly_report() {
    let (dir, db) = setup();
    let seal = qabyldau::store::seal::read(&db).unwrap().unwrap();
    let s = Store::open(&db).unwrap();
    assert_eq!(s.audit_head().unwrap(), seal);
    drop(s);
    let copy = dir.path().join("copy.sqlite");
    let o = bin(&db, &["backup", "--out", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy_seal = qabyldau::store::seal::read(&copy).unwrap().unwrap();
    assert!(copy_seal.rows >= seal.rows);
    assert!(qabyldau::store::check_file(&copy).unwrap().is_ok());
    let out = dir.path().join("r.html");
    let o = bin(
        &db,
        &[
            "report",
            "--quarter",
            "2026Q1",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    let now = qabyldau::store::seal::read(&db).unwrap().unwrap();
    assert!(html.contains(&now.last_hash[..16]), "the seal is printed");
}

// ---- item 7: the clock ----------------------------------------------------------

fn bin_env(
    db: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    unset_now: bool,
) -> std::process::Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_qabyldau"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("QABYLDAU_PASSWORD");
    if unset_now {
        c.env_remove("QABYLDAU_NOW");
    } else {
        c.env("QABYLDAU_NOW", "2026-04-15T09:00:00");
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.stdin(std::process::Stdio::null()).output().unwrap()
}

/// A database with one finished appeal from 2015 (a purge candidate).
fn with_old_closed_appeal() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = setup();
    let mut s = Store::open(&db).unwrap();
    let d = day(2015, 3, 2);
    let mut old = draft("Ескі", "Адам", "Ескі мәселе");
    old.applicant.iin = iin("7001014");
    let r = s
        .register_appeal(&Actor::system(), at(d, 9, 0), d, "KHR", &old)
        .unwrap();
    s.conn()
        .execute(
            "UPDATE appeals SET status = 'closed' WHERE id = ?1",
            [r.appeal_id],
        )
        .unwrap();
    (dir, db)
}

#[test]
fn purge_refuses_a_fixed_clock_and_asks_or_needs_yes() {
    let (_dir, db) = with_old_closed_appeal();
    let iin_of_old = || -> i64 {
        Store::open(&db)
            .unwrap()
            .conn()
            .query_row("SELECT count(*) FROM applicants WHERE iin <> ''", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let before = iin_of_old();
    // QABYLDAU_NOW=2099-12-31 would depersonalise everything: refused.
    let o = bin_env(
        &db,
        &["purge"],
        &[("QABYLDAU_NOW", "2099-12-31T00:00:00")],
        false,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("clock is fixed"), "{}", stderr(&o));
    let o = bin_env(
        &db,
        &["purge", "--yes"],
        &[("QABYLDAU_NOW", "2099-12-31T00:00:00")],
        false,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(iin_of_old(), before);
    // The real clock, no terminal, no --yes: it says what it would do and stops.
    let o = bin_env(&db, &["purge"], &[], true);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 applicant(s)"));
    assert!(stderr(&o).contains("--yes"), "{}", stderr(&o));
    assert_eq!(iin_of_old(), before);
    // With --yes it runs.
    let o = bin_env(&db, &["purge", "--yes"], &[], true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(iin_of_old(), before - 1);
}

#[test]
fn a_clock_behind_the_newest_record_is_refused_and_a_fixed_clock_is_recorded() {
    let (dir, db) = setup();
    let out = dir.path().join("x.csv");
    let o = bin_env(
        &db,
        &[
            "export",
            "appeals",
            "--quarter",
            "2026Q1",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
        &[("QABYLDAU_NOW", "2020-01-01T10:00:00")],
        false,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("earlier than the newest record"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    assert_eq!(audit_rows(&db, "export"), 0);
    // A fixed clock that is not behind works, and says so in the audit row.
    let o = bin(
        &db,
        &[
            "export",
            "appeals",
            "--quarter",
            "2026Q1",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let actor: String = Store::open(&db)
        .unwrap()
        .conn()
        .query_row(
            "SELECT actor FROM audit_log WHERE action = 'export'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(actor.ends_with(qabyldau::clock::AUDIT_MARK), "{actor}");
    // The check of the store itself.
    let s = Store::open(&db).unwrap();
    assert!(matches!(
        s.check_clock(at(day(2020, 1, 1), 10, 0)),
        Err(qabyldau::store::StoreError::ClockBehind { .. })
    ));
    assert!(s.check_clock(at(day(2026, 4, 16), 10, 0)).is_ok());
}

// ---- item 8: command-line logins ------------------------------------------------

fn add_operator(db: &Path, login: &str, role: qabyldau::domain::Role, password: &str) -> i64 {
    let mut s = Store::open(db).unwrap();
    let op = qabyldau::domain::Operator {
        id: 0,
        login: login.into(),
        full_name: login.into(),
        position_kk: String::new(),
        position_ru: String::new(),
        role,
    };
    s.add_operator(
        &Actor::system(),
        at(day(2026, 3, 16), 12, 0),
        &op,
        &qabyldau::auth::hash_password(password),
    )
    .unwrap()
}

#[test]
fn once_there_are_operators_personal_data_commands_need_a_login() {
    use qabyldau::domain::Role;
    let (dir, db) = setup();
    add_operator(&db, "admin", Role::Admin, "әкімші-пароль");
    add_operator(&db, "viewer", Role::Viewer, "қарау-пароль");
    let out = dir.path().join("x.csv");
    let export = |extra: &[&str], env: &[(&str, &str)]| {
        let mut a = vec![
            "export",
            "appeals",
            "--quarter",
            "2026Q1",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
            "--force",
        ];
        a.extend_from_slice(extra);
        bin_env(&db, &a, env, false)
    };
    let o = export(&[], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--login"), "{}", stderr(&o));
    assert!(!out.exists());
    // A wrong password: refused, and the failure is audited (count towards lock-out).
    let o = export(
        &["--login", "admin"],
        &[("QABYLDAU_PASSWORD", "wrong-password")],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(audit_rows(&db, "login_failed"), 1);
    assert!(!out.exists());
    // No terminal and no QABYLDAU_PASSWORD: refused with the reason.
    let o = export(&["--login", "admin"], &[]);
    assert!(stderr(&o).contains("QABYLDAU_PASSWORD"), "{}", stderr(&o));
    // A viewer may not export personal data.
    let o = export(
        &["--login", "viewer"],
        &[("QABYLDAU_PASSWORD", "қарау-пароль")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not allow"), "{}", stderr(&o));
    assert!(!out.exists());
    // The administrator may; the audit row names the operator.
    let o = export(
        &["--login", "admin"],
        &[("QABYLDAU_PASSWORD", "әкімші-пароль")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let actor: String = Store::open(&db)
        .unwrap()
        .conn()
        .query_row(
            "SELECT actor FROM audit_log WHERE action = 'export'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(actor.starts_with("op:admin:cli:export"), "{actor}");
    // Import and backup need it too; check and calendar do not.
    let csv = dir.path().join("i.csv");
    std::fs::write(&csv, format!("{HEADER}2026-03-17;walk_in;Бек;Ару;Жол\n")).unwrap();
    assert_eq!(
        bin(&db, &["import", csv.to_str().unwrap()]).status.code(),
        Some(2)
    );
    let copy = dir.path().join("b.sqlite");
    assert_eq!(
        bin(&db, &["backup", "--out", copy.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert!(!copy.exists());
    let o = bin_env(
        &db,
        &[
            "--login",
            "admin",
            "backup",
            "--out",
            copy.to_str().unwrap(),
        ],
        &[("QABYLDAU_PASSWORD", "әкімші-пароль")],
        false,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(audit_rows(&db, "backup"), 1);
    assert!(bin(&db, &["check"]).status.success());
    assert!(bin(&db, &["calendar", "show", "2026"]).status.success());
    assert_eq!(count(&db), 2);
}

#[test]
fn operator_reset_needs_an_admin_or_the_one_time_recovery_code() {
    use qabyldau::domain::Role;
    let (_dir, db) = setup();
    let admin = add_operator(&db, "admin", Role::Admin, "әкімші-пароль");
    let clerk = add_operator(&db, "clerk", Role::Clerk, "қызметкер-пароль");
    // No login: refused, nothing changed.
    let hash_before = Store::open(&db).unwrap().password_hash("admin").unwrap();
    let o = bin(&db, &["operator", "reset", "admin"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        Store::open(&db).unwrap().password_hash("admin").unwrap(),
        hash_before
    );
    // The recovery code (shown once when the first admin was created) works once.
    let code = {
        let mut s = Store::open(&db).unwrap();
        qabyldau::auth::new_recovery_code(&mut s, &Actor::system(), at(day(2026, 3, 16), 12, 5))
            .unwrap()
    };
    let o = bin(
        &db,
        &[
            "operator",
            "reset",
            "admin",
            "--recovery-code",
            "WRONG-CODE",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = bin(
        &db,
        &[
            "operator",
            "reset",
            "admin",
            "--recovery-code",
            &code.to_lowercase(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let new_password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("new password of admin: "))
        .unwrap()
        .to_string();
    let o = bin(
        &db,
        &["operator", "reset", "admin", "--recovery-code", &code],
    );
    assert_eq!(o.status.code(), Some(2), "the code works once");
    // The reset password must be changed first: the command line refuses it.
    assert!(Store::open(&db)
        .unwrap()
        .must_change_password(admin)
        .unwrap());
    let o = bin_env(
        &db,
        &["--login", "admin", "operator", "list"],
        &[("QABYLDAU_PASSWORD", &new_password)],
        false,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("was reset"), "{}", stderr(&o));
    // Once the admin sets their own password, the flag is gone.
    {
        let mut s = Store::open(&db).unwrap();
        qabyldau::auth::set_password(
            &mut s,
            &Actor::operator(admin, "admin"),
            at(day(2026, 4, 15), 9, 0),
            admin,
            "жаңа-әкімші-пароль",
        )
        .unwrap();
    }
    let o = bin_env(
        &db,
        &["--login", "admin", "operator", "list"],
        &[("QABYLDAU_PASSWORD", "жаңа-әкімші-пароль")],
        false,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // An administrator's login resets another operator (the account's name and
    // the global --login are two arguments: one must not take the other's place).
    for (login, password, ok) in [
        ("clerk", "қызметкер-пароль", false),
        ("admin", "жаңа-әкімші-пароль", true),
    ] {
        let o = bin_env(
            &db,
            &["--login", login, "operator", "reset", "clerk"],
            &[("QABYLDAU_PASSWORD", password)],
            false,
        );
        assert_eq!(o.status.success(), ok, "{login}: {}", stderr(&o));
    }
    assert!(Store::open(&db)
        .unwrap()
        .must_change_password(clerk)
        .unwrap());
    assert_eq!(Store::open(&db).unwrap().check().unwrap().verdict(), Ok(()));
}

// ---- item 10: damaged files -----------------------------------------------------

/// Overwrites one page in the middle of the file with junk.
fn damage(db: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(db).unwrap().len();
    let page = 4096;
    let mid = (len / page / 2) * page;
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    f.seek(SeekFrom::Start(mid)).unwrap();
    f.write_all(&[0xA5; 4096]).unwrap();
}

#[test]
fn a_damaged_database_never_rotates_good_backups_away_and_the_desk_warns() {
    let (dir, db) = setup();
    {
        let mut s = Store::open(&db).unwrap();
        let d = day(2026, 3, 17);
        for i in 0..300 {
            let mut x = draft(
                "Көпбаев",
                "Ерлан",
                &format!("Мәселе нөмірі {i} ұзын мәтін ұзын мәтін ұзын мәтін"),
            );
            x.applicant.phone =
                format!("+7 701 {:03} {:02} {:02}", i % 1000, i % 100, (i * 7) % 100);
            s.register_appeal(&Actor::system(), at(d, 9, 0), d, "KHR", &x)
                .unwrap();
        }
    }
    // 40 old daily copies that rotation would thin out.
    let backups = qabyldau::paths::backup_dir(&db);
    std::fs::create_dir_all(&backups).unwrap();
    let mut x = day(2026, 1, 1);
    for _ in 0..40 {
        std::fs::write(backups.join(qabyldau::backup::daily_name(x)), b"old copy").unwrap();
        x = x.succ_opt().unwrap();
    }
    let n_before = std::fs::read_dir(&backups).unwrap().count();
    damage(&db);
    let s = Store::open(&db).unwrap();
    assert!(
        !qabyldau::store::quick_check(s.conn()).unwrap().is_empty(),
        "the damage shows"
    );
    let r = qabyldau::backup::daily_backup(&s, &db, day(2026, 4, 15));
    assert!(r.is_err(), "{r:?}");
    assert!(r.unwrap_err().to_string().contains("quick check"));
    // Every old copy is still there (plus today's, which is kept for inspection).
    let mut x = day(2026, 1, 1);
    for _ in 0..40 {
        assert!(
            backups.join(qabyldau::backup::daily_name(x)).exists(),
            "{x}"
        );
        x = x.succ_opt().unwrap();
    }
    assert!(std::fs::read_dir(&backups).unwrap().count() >= n_before);
    // The desk's background quick check reports it.
    let op = qabyldau::domain::Operator {
        id: 0,
        login: "admin".into(),
        full_name: "admin".into(),
        position_kk: String::new(),
        position_ru: String::new(),
        role: qabyldau::domain::Role::Admin,
    };
    let mut app = qabyldau::ui::app::App::new(
        s,
        op,
        qabyldau::domain::Lang::Ru,
        qabyldau::ui::app::Clock::Fixed(at(day(2026, 4, 15), 9, 0)),
        qabyldau::assets::default_profile(),
        qabyldau::assets::shipped_calendar(),
    )
    .unwrap();
    app.start_quick_check();
    let t = std::time::Instant::now();
    let mut warned = false;
    while t.elapsed().as_secs() < 30 && !warned {
        warned = app.poll_quick_check();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(warned, "no warning from the quick check");
    drop(dir);
}

// ---- item 13: masked digits, failed exports -------------------------------------

#[test]
fn a_viewer_cannot_recover_masked_digits_by_prefix_search() {
    let (_dir, db) = setup();
    let s = Store::open(&db).unwrap();
    let full = iin("9005154");
    // Someone who may see IINs finds by prefix ...
    assert_eq!(
        s.search_appeals_for(&full[..6], None, 10, true)
            .unwrap()
            .len(),
        1
    );
    // ... a viewer gets nothing for any prefix, so no digit can be guessed.
    for n in 1..=12 {
        assert!(
            s.search_appeals_for(&full[..n], None, 10, false)
                .unwrap()
                .is_empty(),
            "{n}"
        );
    }
    // Names and registration numbers still work for the viewer.
    assert_eq!(
        s.search_appeals_for("Өмірбекова", None, 10, false)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        s.search_appeals_for("KHR-2026", None, 10, false)
            .unwrap()
            .len(),
        2
    );
    assert!(
        s.search_appeals_for("Өмірбекова 900515", None, 10, false)
            .unwrap()
            .len()
            <= 1
    );
}

#[test]
fn an_export_that_fails_leaves_no_file_and_no_audit_row() {
    let (dir, db) = setup();
    // Fault: the audit row cannot be written (its table is gone).
    raw(&db).execute_batch("DROP TABLE audit_log;").unwrap();
    let out = dir.path().join("x.csv");
    let o = bin(
        &db,
        &[
            "export",
            "appeals",
            "--quarter",
            "2026Q1",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("audit_log"),
        "the failure is reported: {}",
        stderr(&o)
    );
    assert!(!out.exists(), "no file without its audit row");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Fault: the database is locked by another writer for longer than the wait.
    let (dir2, db2) = setup();
    let out2 = dir2.path().join("y.csv");
    let c = raw(&db2);
    c.busy_timeout(std::time::Duration::from_millis(1)).unwrap();
    c.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_qabyldau"));
    cmd.arg("--db")
        .arg(&db2)
        .args([
            "export",
            "appeals",
            "--quarter",
            "2026Q1",
            "--format",
            "csv",
            "--out",
            out2.to_str().unwrap(),
        ])
        .env("QABYLDAU_NOW", "2026-04-15T09:00:00");
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let o = child.wait_with_output().unwrap();
    c.execute_batch("ROLLBACK;").unwrap();
    assert_ne!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!out2.exists(), "a busy database leaves no file");
    assert_eq!(audit_rows(&db2, "export"), 0);
}

#[test]
fn demo_data_reads_in_time_order_and_passes_check() {
    for (h, m) in [(11, 0), (8, 30)] {
        let (_dir, db) = temp_db();
        let mut s = Store::open(&db).unwrap();
        let now = at(day(2026, 3, 16), h, m);
        qabyldau::demo::fill(&mut s, now, &qabyldau::assets::shipped_calendar()).unwrap();
        assert_eq!(s.check().unwrap().verdict(), Ok(()), "demo at {now}");
        assert!(s.check_clock(now).is_ok());
        assert!(s.newest_audit_at().unwrap().unwrap() <= now);
    }
}
