//! Printing through the system's commands (Linux): a fake `lp` and `xdg-open` on
//! PATH record what they were given; the audit trail records the print.
#![cfg(target_os = "linux")]
mod common;
use common::*;
use qabyldau::docs::talon::Talon;
use qabyldau::print::{print_logged, print_talon, PrintError, PrintSettings, Target};
use qabyldau::store::{Actor, Store};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// Puts executable scripts named `lp` and `xdg-open` into `bin`, each writing its
/// arguments (one a line) to `<bin>/<name>.args`; `lp` fails when `<bin>/lp.fail`
/// exists. Returns the PATH to use.
fn fake_commands(bin: &Path) -> String {
    for name in ["lp", "xdg-open"] {
        let script = format!(
            "#!/bin/sh\n\
             if [ -e '{dir}/{name}.fail' ]; then echo 'lp: The printer or class does not exist.' >&2; exit 1; fi\n\
             for a in \"$@\"; do echo \"$a\"; done > '{dir}/{name}.args'\n",
            dir = bin.display()
        );
        let p = bin.join(name);
        std::fs::write(&p, script).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn prints(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'print'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn wait_file(p: &Path) -> String {
    let end = Instant::now() + Duration::from_secs(5);
    while Instant::now() < end {
        if let Ok(s) = std::fs::read_to_string(p) {
            if !s.is_empty() {
                return s;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{} not written", p.display());
}

// One test: PATH is process-wide.
#[test]
fn documents_go_to_the_viewer_or_the_named_printer_and_are_audited() {
    let (dir, db) = temp_db();
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::env::set_var("PATH", fake_commands(&bin));
    let mut store = Store::open(&db).unwrap();
    let actor = Actor::cli("test");
    let now = at(day(2026, 3, 16), 9, 0);
    let doc = dir.path().join("talon KHR-1.html");
    std::fs::write(&doc, "<p>talon</p>").unwrap();
    let base = prints(&store);

    // No printer set: the viewer opens the file.
    let p = print_logged(
        &mut store,
        &actor,
        now,
        &doc,
        &PrintSettings::default(),
        "talon",
        Some(1),
    )
    .unwrap();
    assert_eq!(p.target, Target::Viewer);
    assert_eq!(
        wait_file(&bin.join("xdg-open.args")).trim(),
        doc.display().to_string()
    );
    assert_eq!(prints(&store), base + 1);

    // A printer named in the settings: lp -d NAME FILE.
    let settings = PrintSettings {
        printer: Some("HP_Office".into()),
        ..PrintSettings::default()
    };
    print_logged(&mut store, &actor, now, &doc, &settings, "talon", Some(1)).unwrap();
    let args = wait_file(&bin.join("lp.args"));
    assert_eq!(
        args.lines().collect::<Vec<_>>(),
        ["-d", "HP_Office", doc.to_str().unwrap()]
    );
    assert_eq!(prints(&store), base + 2);

    // A failing printer: the error says why, and nothing is recorded as printed.
    std::fs::write(bin.join("lp.fail"), "").unwrap();
    let e = print_logged(&mut store, &actor, now, &doc, &settings, "talon", Some(1)).unwrap_err();
    assert!(matches!(e, PrintError::Failed { .. }), "{e}");
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert_eq!(prints(&store), base + 2);
    std::fs::remove_file(bin.join("lp.fail")).unwrap();

    // A receipt printer gets the talon as plain text, 32 columns.
    let talon = Talon {
        reg_no: "KHR-2026-000001".into(),
        at: now,
        receiver_name: "Сейітова Г.".into(),
        receiver_position_kk: "бас маман".into(),
        receiver_position_ru: "главный специалист".into(),
        ticket: Some(7),
        applicant_short: "Өмірбекова А.".into(),
        office_kk: "Хромтау ауданы әкімінің аппараты".into(),
        office_ru: "Аппарат акима Хромтауского района".into(),
    };
    let receipt = PrintSettings {
        receipt_printer: Some("XP-58".into()),
        receipt_width: 32,
        ..settings
    };
    let _ = std::fs::remove_file(bin.join("lp.args"));
    let p = print_talon(&talon, &doc, &receipt).unwrap();
    assert_eq!(p.target, Target::Receipt("XP-58".into()));
    let args = wait_file(&bin.join("lp.args"));
    assert!(args.contains("XP-58") && args.contains("document-format=text/plain"));
    let text = std::fs::read_to_string(&p.file).unwrap();
    assert!(text.contains("Кезек / Очередь: 7"), "{text}");
}
