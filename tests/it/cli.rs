//! The command line of the built binary: per-command help, one-line errors with
//! exit code 2, the global options before or after a subcommand, `QABYLDAU_DB`,
//! and `--demo` with a subcommand.
use crate::common;
use common::*;
use qabyldau::store::Store;
use std::path::Path;
use std::process::{Command, Output};

/// The binary with a clean environment: no database or clock from the caller.
fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_qabyldau"));
    c.env_remove("QABYLDAU_DB")
        .env("QABYLDAU_CONFIG", "/nonexistent")
        .env("QABYLDAU_NOW", "2026-03-16T10:00:00");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every command and nested command a user can type.
const COMMANDS: &[&str] = &[
    "calendar",
    "calendar show",
    "calendar add-working-days",
    "bench",
    "report",
    "export",
    "export appeals",
    "import",
    "check",
    "purge",
    "operator",
    "operator list",
    "operator reset",
    "backup",
    "restore",
    "board",
    "board room",
];

#[test]
fn every_command_has_its_own_help() {
    let mut seen: Vec<(String, String)> = Vec::new();
    for cmd in COMMANDS {
        let mut args: Vec<&str> = cmd.split(' ').collect();
        args.push("--help");
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
        let text = stdout(&o);
        // One usage line, this command's: not the whole usage of the program.
        let usage: Vec<&str> = text.lines().filter(|l| l.contains("Usage:")).collect();
        assert_eq!(usage.len(), 1, "{cmd}: {text}");
        let rest = usage[0]
            .strip_prefix(&format!("Usage: qabyldau {cmd} "))
            .unwrap_or_else(|| panic!("{cmd}: {}", usage[0]));
        assert!(
            rest.starts_with('[') || rest.starts_with('<'),
            "{cmd}: {rest}"
        );
        // The global options are described in every help.
        assert!(
            text.contains("--db <PATH>") && text.contains("--lang"),
            "{cmd}"
        );
        for (c, t) in &seen {
            assert_ne!(t, &text, "{cmd} and {c} print the same help");
        }
        seen.push((cmd.to_string(), text));
    }
    let top = run(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    for cmd in COMMANDS.iter().filter(|c| !c.contains(' ')) {
        assert!(stdout(&top).contains(&format!("  {cmd} ")), "{cmd}");
    }
    // -h and the help command say the same as --help.
    assert_eq!(stdout(&run(&["import", "-h"])), seen[7].1);
    assert_eq!(stdout(&run(&["help", "import"])), seen[7].1);
}

#[test]
fn bad_arguments_exit_2_with_one_line() {
    let (_dir, path) = temp_db();
    let db = path.to_str().unwrap();
    for (args, says) in [
        (
            vec!["import", "--bogus"],
            "import: unexpected argument '--bogus'",
        ),
        (vec!["import"], "import: FILE required"),
        (vec!["nonsense"], "unknown command 'nonsense'"),
        (vec!["torture"], "unknown command 'torture'"),
        (
            vec!["--lang", "de", "check"],
            "check: --lang: 'de' is not kk or ru",
        ),
        (vec!["--lang", "de"], "--lang: 'de' is not kk or ru"),
        (vec!["check", "--db"], "check: --db: value missing"),
        (vec!["check", "extra"], "check: unexpected argument 'extra'"),
        (
            vec!["calendar", "show", "20x6"],
            "calendar show: YEAR: not a year",
        ),
        (
            vec!["calendar"],
            "calendar: a command is missing: show, add-working-days",
        ),
        (vec!["operator", "reset"], "operator reset: LOGIN required"),
        (
            vec!["bench", "--rows", "0"],
            "bench: --rows: '0' is not a positive number",
        ),
        (
            vec!["purge", "--before", "2026-02-30", "--db", db],
            "purge: --before: not a date",
        ),
        (
            vec!["report", "--quarter", "2026Q1"],
            "report: --out required",
        ),
        (
            vec!["report", "--quarter", "2026Q9", "--out", "x.html"],
            "report: --quarter: not a quarter",
        ),
        (
            vec![
                "export",
                "appeals",
                "--media",
                "--unregistered",
                "--out",
                "x.csv",
            ],
            "export appeals: --media cannot be used with --unregistered",
        ),
        (vec!["export", "people"], "export: unknown command 'people'"),
        (
            vec!["restore", "a", "b"],
            "restore: unexpected argument 'b'",
        ),
    ] {
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("qabyldau: {says}")),
            "{args:?}: {err}"
        );
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    // Nothing was created by a refused command line.
    assert!(!path.exists());
}

fn appeals_in(path: &Path) -> i64 {
    Store::open(path).unwrap().appeal_count().unwrap()
}

/// A database with one appeal.
fn database_with_an_appeal(path: &Path) {
    let mut s = Store::open(path).unwrap();
    s.register_appeal(
        &qabyldau::store::Actor::system(),
        at(day(2026, 3, 16), 9, 0),
        day(2026, 3, 16),
        "TST",
        &draft("Сейітов", "Нұрлан", "Жол туралы"),
    )
    .unwrap();
}

#[test]
fn the_database_option_goes_before_or_after_the_command() {
    let (_dir, path) = temp_db();
    database_with_an_appeal(&path);
    let db = path.to_str().unwrap();
    for args in [
        vec!["--db", db, "check"],
        vec!["check", "--db", db],
        vec!["check", &format!("--db={db}")],
        vec!["operator", "--db", db, "list"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["check", "--db", db]);
    assert_eq!(stdout(&o).lines().last(), Some("OK"));
    assert!(stdout(&o).contains("schema version:"));
}

#[test]
fn qabyldau_db_names_the_database_and_db_overrides_it() {
    let (dir, path) = temp_db();
    database_with_an_appeal(&path);
    let o = bin()
        .env("QABYLDAU_DB", &path)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().last(), Some("OK"));
    // --db wins over the variable: this database does not exist.
    let other = dir.path().join("other.sqlite");
    let o = bin()
        .env("QABYLDAU_DB", &path)
        .args(["check", "--db"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("other.sqlite"), "{}", stderr(&o));
    assert!(!other.exists());
}

#[test]
fn demo_with_a_command_fills_only_an_empty_database() {
    let (dir, path) = temp_db();
    let db = path.to_str().unwrap();
    // `check` refuses a missing database; with --demo it is created and filled first.
    let o = run(&["check", "--db", db, "--demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().last(), Some("OK"));
    let filled = appeals_in(&path);
    assert!(filled > 0);
    // The demo has operators: listing them needs an administrator's login.
    let o = run(&["--demo", "--db", db, "operator", "list"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = bin()
        .args(["--demo", "--db", db, "--login", "admin", "operator", "list"])
        .env("QABYLDAU_PASSWORD", "admin-demo-2026")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).lines().any(|l| l.contains("\tadmin\t")),
        "{}",
        stdout(&o)
    );
    assert_eq!(appeals_in(&path), filled, "filled twice");
    // A database with data is left as it is.
    let other = dir.path().join("one.sqlite");
    database_with_an_appeal(&other);
    let o = bin()
        .args(["--demo", "check", "--db"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(appeals_in(&other), 1);
    // Commands that do not use the database refuse it.
    let o = run(&["--demo", "calendar", "show", "2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn subcommand_output_is_unchanged() {
    let o = run(&[
        "calendar",
        "add-working-days",
        "16.03.2026",
        "5",
        "--lang",
        "ru",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "2026-03-26\n");
    let o = run(&["calendar", "show", "2026"]);
    assert!(stdout(&o).contains("2026-03-23\toff\t"), "{}", stdout(&o));
    let v = run(&["--version"]);
    assert_eq!(
        stdout(&v).trim(),
        format!("qabyldau {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bench_never_writes_into_the_database_of_qabyldau_db() {
    let (dir, path) = temp_db();
    let o = bin()
        .env("QABYLDAU_DB", &path)
        .args(["bench", "--rows", "100"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("peak memory"), "{}", stdout(&o));
    // The synthetic appeals went to a temporary file, not the office's database.
    assert!(!path.exists());
    // A database named with --db (after the command too) is kept.
    let kept = dir.path().join("bench.sqlite");
    let o = bin()
        .env("QABYLDAU_DB", &path)
        .args(["bench", "--rows", "100", "--db"])
        .arg(&kept)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(kept.exists() && !path.exists());
}

/// Only `main` (and the command line itself) may know the command line: the desk is
/// opened with plain arguments, and no lower layer borrows from `cli`.
#[test]
fn nothing_but_main_depends_on_the_command_line() {
    fn visit(dir: &Path, found: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if !p.ends_with("cli") {
                    visit(&p, found);
                }
            } else if p.extension().is_some_and(|x| x == "rs")
                && !p.ends_with("main.rs")
                && !p.ends_with("lib.rs")
            {
                let text = std::fs::read_to_string(&p).unwrap();
                for (i, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    if code.contains("cli::") || code.contains("mod cli") {
                        found.push(format!("{}:{}: {}", p.display(), i + 1, line.trim()));
                    }
                }
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    visit(&src, &mut found);
    assert!(found.is_empty(), "{found:#?}");
}
