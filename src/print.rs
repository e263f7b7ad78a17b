//! Printing: a written document (talon, protocol, notice, poster; HTML or PDF)
//! either opens ready to print in the system's viewer, or goes straight to a
//! printer named in the settings; a talon can also go as plain text to a narrow
//! receipt printer. Every print is recorded in the audit trail
//! ([`print_logged`]).
//!
//! | system  | viewer                    | named printer                                   |
//! |---------|---------------------------|-------------------------------------------------|
//! | Windows | `cmd /C start "" FILE`    | PowerShell `Start-Process FILE -Verb PrintTo`   |
//! | Linux   | `xdg-open FILE`           | `lp -d NAME FILE`                               |
//! | macOS   | `open FILE`               | `lp -d NAME FILE`                               |
//!
//! The receipt printer gets the talon as plain text ([`crate::docs::talon::text`]):
//! `lp -d NAME -o document-format=text/plain` on Linux/macOS, PowerShell
//! `Out-Printer -Name NAME` on Windows. The commands are planned by a pure function ([`plan`]) and tested for
//! every system; [`print_document`] only runs the plan.
use crate::store::{Access, Actor, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Settings keys (the office's settings table).
pub const KEY_PRINTER: &str = "print_printer";
pub const KEY_RECEIPT_PRINTER: &str = "print_receipt_printer";
pub const KEY_RECEIPT_WIDTH: &str = "print_receipt_width";

/// How documents are printed at this office.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrintSettings {
    /// A printer to send documents to directly; `None`: open in the viewer.
    pub printer: Option<String>,
    /// A narrow receipt printer for talons as plain text; `None`: talons print like
    /// any document.
    pub receipt_printer: Option<String>,
    /// Columns of the receipt paper (32 for 58 mm, 42-48 for 80 mm).
    pub receipt_width: usize,
}

impl PrintSettings {
    /// Reads the settings from the store (missing or blank values: defaults).
    pub fn from_store(store: &Store) -> PrintSettings {
        let get = |k: &str| {
            store
                .setting(k)
                .ok()
                .flatten()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        PrintSettings {
            printer: get(KEY_PRINTER),
            receipt_printer: get(KEY_RECEIPT_PRINTER),
            receipt_width: get(KEY_RECEIPT_WIDTH)
                .and_then(|w| w.parse().ok())
                .filter(|w| (16..=80).contains(w))
                .unwrap_or(42),
        }
    }
}

/// The operating system a plan is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Os {
    Windows,
    Linux,
    MacOs,
}

impl Os {
    pub fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else {
            Os::Linux
        }
    }
}

/// Where a print goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The system's viewer (the user prints from there).
    Viewer,
    /// A named printer, directly.
    Printer(String),
    /// A receipt printer, the file being plain text.
    Receipt(String),
}

/// A command to run: program, arguments, and whether to wait for it (a printer
/// command reports errors; a viewer stays open and is not waited for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub program: String,
    pub args: Vec<String>,
    pub wait: bool,
}

/// Quotes a string for PowerShell (single quotes, doubled inside).
fn ps_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The command that sends `file` to `target` on `os` (pure).
pub fn plan(file: &Path, target: &Target, os: Os) -> Plan {
    let f = file.display().to_string();
    let p = |program: &str, args: Vec<String>, wait: bool| Plan {
        program: program.into(),
        args,
        wait,
    };
    let powershell = |script: String| {
        p(
            "powershell",
            vec![
                "-NoProfile".into(),
                "-NonInteractive".into(),
                "-Command".into(),
                script,
            ],
            true,
        )
    };
    match (os, target) {
        (Os::Windows, Target::Viewer) => p(
            "cmd",
            vec!["/C".into(), "start".into(), "\"\"".into(), f],
            false,
        ),
        (Os::Windows, Target::Printer(name)) => powershell(format!(
            "Start-Process -FilePath {} -Verb PrintTo -ArgumentList {} -WindowStyle Hidden",
            ps_quote(&f),
            ps_quote(&format!("\"{name}\""))
        )),
        (Os::Windows, Target::Receipt(name)) => powershell(format!(
            "Get-Content -LiteralPath {} -Encoding UTF8 | Out-Printer -Name {}",
            ps_quote(&f),
            ps_quote(name)
        )),
        (Os::Linux, Target::Viewer) => p("xdg-open", vec![f], false),
        (Os::MacOs, Target::Viewer) => p("open", vec![f], false),
        (Os::Linux | Os::MacOs, Target::Printer(name)) => {
            p("lp", vec!["-d".into(), name.clone(), f], true)
        }
        (Os::Linux | Os::MacOs, Target::Receipt(name)) => p(
            "lp",
            vec![
                "-d".into(),
                name.clone(),
                "-o".into(),
                "document-format=text/plain".into(),
                f,
            ],
            true,
        ),
    }
}

/// Why a print failed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("{program} could not be started: {source}")]
    Start {
        program: String,
        source: std::io::Error,
    },
    #[error("{program} failed: {message}")]
    Failed { program: String, message: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Where a print went (for the status line and the audit trail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printed {
    pub target: Target,
    pub file: PathBuf,
}

/// Runs a plan.
fn run(plan: &Plan) -> Result<(), PrintError> {
    let mut cmd = Command::new(&plan.program);
    cmd.args(&plan.args).stdin(Stdio::null());
    if plan.wait {
        let out = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .map_err(|source| PrintError::Start {
                program: plan.program.clone(),
                source,
            })?;
        if !out.status.success() {
            return Err(PrintError::Failed {
                program: plan.program.clone(),
                message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok(())
    } else {
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| PrintError::Start {
                program: plan.program.clone(),
                source,
            })?;
        // The viewer may stay open for long: reap it in the background.
        let _ = std::thread::Builder::new()
            .name("viewer".into())
            .spawn(move || child.wait());
        Ok(())
    }
}

/// Opens `path` in the system viewer, or sends it to the printer named in
/// `settings`.
pub fn print_document(path: &Path, settings: &PrintSettings) -> Result<Printed, PrintError> {
    let target = match &settings.printer {
        Some(name) => Target::Printer(name.clone()),
        None => Target::Viewer,
    };
    run(&plan(path, &target, Os::current()))?;
    Ok(Printed {
        target,
        file: path.to_path_buf(),
    })
}

/// Prints a talon: as plain text on the receipt printer when one is set (the text
/// is written next to `html` as `.txt`), else like any document from its HTML.
pub fn print_talon(
    talon: &crate::docs::talon::Talon,
    html: &Path,
    settings: &PrintSettings,
) -> Result<Printed, PrintError> {
    match &settings.receipt_printer {
        Some(name) => {
            let txt = html.with_extension("txt");
            std::fs::write(
                &txt,
                crate::docs::talon::text(talon, settings.receipt_width),
            )?;
            let target = Target::Receipt(name.clone());
            run(&plan(&txt, &target, Os::current()))?;
            Ok(Printed { target, file: txt })
        }
        None => print_document(html, settings),
    }
}

/// Records a print in the audit trail (who printed what, and where it went: the
/// viewer or a printer's name; never the document's content).
pub fn log_print(
    store: &mut Store,
    actor: &Actor,
    now: chrono::NaiveDateTime,
    entity: &str,
    id: Option<i64>,
) -> crate::store::Result<()> {
    store.log_access(actor, now, Access::Print, entity, id)
}

/// [`print_document`] and, when it went through, the audit row.
pub fn print_logged(
    store: &mut Store,
    actor: &Actor,
    now: chrono::NaiveDateTime,
    path: &Path,
    settings: &PrintSettings,
    entity: &str,
    id: Option<i64>,
) -> Result<Printed, PrintError> {
    let printed = print_document(path, settings)?;
    log_print(store, actor, now, entity, id).map_err(|e| PrintError::Failed {
        program: "audit".into(),
        message: e.to_string(),
    })?;
    Ok(printed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_for_every_system() {
        let f = Path::new("docs/talon-KHR 1.html");
        let v = plan(f, &Target::Viewer, Os::Linux);
        assert_eq!((v.program.as_str(), v.wait), ("xdg-open", false));
        assert_eq!(v.args, ["docs/talon-KHR 1.html"]);
        assert_eq!(plan(f, &Target::Viewer, Os::MacOs).program, "open");
        let w = plan(f, &Target::Viewer, Os::Windows);
        assert_eq!(w.program, "cmd");
        assert_eq!(w.args[..3], ["/C", "start", "\"\""]);
        let lp = plan(f, &Target::Printer("HP_Office".into()), Os::Linux);
        assert_eq!(lp.program, "lp");
        assert_eq!(lp.args, ["-d", "HP_Office", "docs/talon-KHR 1.html"]);
        assert!(lp.wait);
        let r = plan(f, &Target::Receipt("XP-58".into()), Os::Linux);
        assert!(r.args.contains(&"document-format=text/plain".to_string()));
        let ps = plan(
            Path::new(r"C:\Users\o'neil\talon.html"),
            &Target::Printer("HP LaserJet".into()),
            Os::Windows,
        );
        assert_eq!(ps.program, "powershell");
        let script = ps.args.last().unwrap();
        assert!(
            script.contains(r"'C:\Users\o''neil\talon.html'"),
            "{script}"
        );
        assert!(script.contains("-Verb PrintTo"), "{script}");
        assert!(script.contains("'\"HP LaserJet\"'"), "{script}");
        let pr = plan(f, &Target::Receipt("XP-58".into()), Os::Windows);
        assert!(pr
            .args
            .last()
            .unwrap()
            .contains("Out-Printer -Name 'XP-58'"));
    }

    #[test]
    fn settings_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("q.sqlite")).unwrap();
        let s = PrintSettings::from_store(&store);
        assert_eq!(s.printer, None);
        assert_eq!(s.receipt_width, 42);
        let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 16)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let a = Actor::cli("test");
        store.set_setting(&a, now, KEY_PRINTER, " HP ").unwrap();
        store.set_setting(&a, now, KEY_RECEIPT_WIDTH, "32").unwrap();
        let s = PrintSettings::from_store(&store);
        assert_eq!(s.printer.as_deref(), Some("HP"));
        assert_eq!(s.receipt_width, 32);
        store
            .set_setting(&a, now, KEY_RECEIPT_WIDTH, "9000")
            .unwrap();
        assert_eq!(PrintSettings::from_store(&store).receipt_width, 42);
    }
}
