//! The desk's print keys (issue 13, item 5): P on the talon sends it to the
//! receipt printer set in the settings as plain text, or opens the HTML in the
//! system's viewer; each print is in the audit trail; a failed print says so in
//! the clerk's language and keeps the file. A fake `lp` and `xdg-open` on PATH
//! record what they were given (one test: PATH is process-wide).
#![cfg(target_os = "linux")]
mod common;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use qabyldau::domain::Lang;
use qabyldau::store::{Actor, Store};
use qabyldau::ui::app::{App, Clock, Popup};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

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

fn prints(store: &Store) -> i64 {
    store
        .audit_recent(200)
        .unwrap()
        .iter()
        .filter(|e| e.action == "print")
        .count() as i64
}

fn k(a: &mut App, c: KeyCode) {
    a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
}

fn register(a: &mut App, surname: &str) {
    k(a, KeyCode::F(2));
    for c in surname.chars() {
        k(a, KeyCode::Char(c));
    }
    k(a, KeyCode::Tab);
    for c in "Анна".chars() {
        k(a, KeyCode::Char(c));
    }
    a.screens
        .register
        .form
        .focus_on(qabyldau::ui::screens::register::RegField::Essence);
    for c in "Ремонт крыши".chars() {
        k(a, KeyCode::Char(c));
    }
    k(a, KeyCode::F(5));
    assert!(matches!(a.popups.last(), Some(Popup::Talon { .. })));
}

#[test]
fn the_talon_key_prints_on_the_receipt_printer_or_opens_the_viewer() {
    let now = at(day(2026, 3, 16), 11, 0);
    let (dir, path) = demo_db(now);
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::env::set_var("PATH", fake_commands(&bin));
    let mut store = Store::open(&path).unwrap();
    store
        .set_setting(
            &Actor::cli("test"),
            now,
            qabyldau::print::KEY_RECEIPT_PRINTER,
            "TM_T20",
        )
        .unwrap();
    let op = qabyldau::ui::desk_operator(&mut store, now).unwrap();
    let mut a = App::new(
        store,
        op,
        Lang::Ru,
        Clock::Fixed(now),
        qabyldau::assets::default_profile(),
        qabyldau::assets::shipped_calendar(),
    )
    .unwrap();
    a.ctx.printing = qabyldau::ui::ctx::Printing::System;
    a.ctx.docs_dir = dir.path().join("documents");
    let base = prints(&a.ctx.store);

    // The receipt printer: the talon as plain text, lp -o document-format=text/plain.
    register(&mut a, "Ли");
    k(&mut a, KeyCode::Char('з'));
    let args = wait_file(&bin.join("lp.args"));
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(
        args[..4],
        ["-d", "TM_T20", "-o", "document-format=text/plain"]
    );
    let txt = std::fs::read_to_string(args[4]).unwrap();
    assert!(txt.contains("KHR-2026-000019"), "{txt}");
    assert!(
        matches!(a.popups.last(), Some(Popup::Talon { .. })),
        "stays open"
    );
    let (msg, err) = a.ctx.status.clone().unwrap();
    assert!(
        !err && msg.contains("Отправлено на принтер: TM_T20"),
        "{msg}"
    );
    assert_eq!(prints(&a.ctx.store), base + 1);

    // A failing printer: said in the clerk's language, the file kept, no print
    // recorded.
    std::fs::write(bin.join("lp.fail"), "").unwrap();
    k(&mut a, KeyCode::Char('p'));
    let (msg, err) = a.ctx.status.clone().unwrap();
    assert!(err && msg.contains("Не удалось напечатать"), "{msg}");
    assert!(msg.contains("does not exist"), "{msg}");
    assert_eq!(prints(&a.ctx.store), base + 1);

    // No receipt printer: the HTML opens in the viewer.
    k(&mut a, KeyCode::Esc);
    a.ctx
        .store
        .set_setting(
            &Actor::cli("test"),
            now,
            qabyldau::print::KEY_RECEIPT_PRINTER,
            "",
        )
        .unwrap();
    register(&mut a, "Ким");
    k(&mut a, KeyCode::F(5));
    let opened = wait_file(&bin.join("xdg-open.args"));
    assert!(
        opened.trim().ends_with("talon-KHR-2026-000020.html"),
        "{opened}"
    );
    assert_eq!(prints(&a.ctx.store), base + 2);
}
