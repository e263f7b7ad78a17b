//! End to end: the real release binary in a terminal (tmux), typed at as a clerk
//! would: register -> queue -> protocol -> restart -> the data is still there.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

#[path = "support/tmux.rs"]
mod tmux;
use tmux::Tmux;

/// The release binary: `QABYLDAU_E2E_BIN`, else target/release/qabyldau, built
/// here when missing (never skipped).
fn release_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("QABYLDAU_E2E_BIN") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("release").join("qabyldau");
    let st = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(st.success(), "cargo build --release failed");
    assert!(bin.exists(), "{} missing", bin.display());
    bin
}

#[test]
fn register_queue_protocol_restart_in_a_real_terminal() {
    let bin = release_binary();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite");
    let run = |name: &str| {
        Tmux::start(
            "e2e",
            name,
            (100, 30),
            &[
                "env",
                "QABYLDAU_NOW=2026-03-16T10:00:00",
                bin.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
                "--lang",
                "ru",
            ],
        )
    };
    {
        let t = run("a");
        // First run: the administrator is created before anything else.
        t.wait("Первый запуск");
        t.typ("Сейітова Гүлмира");
        t.keys(&["Tab"]);
        t.typ("бас маман");
        t.keys(&["Tab"]);
        t.typ("главный специалист");
        t.keys(&["Tab"]);
        t.typ("gulmira");
        t.keys(&["Tab"]);
        t.typ("e2e-password-1");
        t.keys(&["Tab"]);
        t.typ("e2e-password-1");
        t.keys(&["F5"]);
        // The one-time recovery code, closed only by Y ("written down").
        t.wait("Код восстановления");
        t.keys(&["Enter", "Escape"]);
        t.wait("Код восстановления");
        t.keys(&["y"]);
        t.wait("Очередь дня");
        // A new office: add the official who receives (F8, A).
        t.keys(&["F8"]);
        t.wait("Список должностных лиц пуст");
        t.keys(&["a"]);
        t.typ("Бекет");
        t.keys(&["Tab"]);
        t.typ("Асқар");
        t.keys(&["Tab", "Tab"]);
        t.typ("Аудан әкімі");
        t.keys(&["Tab"]);
        t.typ("Аким района");
        t.keys(&["F5"]);
        t.wait("Сохранено");
        t.keys(&["F2"]);
        t.wait("Регистрация");
        t.typ("Өмірбекова");
        t.keys(&["Tab"]);
        t.typ("Айгүл");
        // Surname -> essence is 12 fields down (name, patronymic, IIN, phone, ...).
        for _ in 0..11 {
            t.keys(&["Tab"]);
        }
        t.keys(&["F5"]);
        t.wait("Обращение без сути вопроса");
        t.typ("Жер телімі туралы");
        t.keys(&["F5"]);
        t.wait("ТАЛОН");
        t.wait("Номер в очереди: 1");
        t.keys(&["Escape"]);
        t.keys(&["F3"]);
        t.wait("Өмірбекова Айгүл");
        t.keys(&["n"]);
        t.wait("вызван");
        t.keys(&["Enter"]);
        t.wait("Протокол приема");
        // The official by type-ahead, then the outcome, then the decision.
        t.typ("Б");
        t.keys(&["Tab", "Tab"]);
        t.typ("Рассмотреть выделение участка");
        t.keys(&["Tab"]);
        t.typ("Проверить документы");
        t.keys(&["Tab"]);
        t.typ("Отдел земельных отношений");
        t.keys(&["F5"]);
        t.wait("Протокол сохранен");
        t.wait("принят");
        t.keys(&["F10"]);
        std::thread::sleep(Duration::from_millis(500));
    }
    // The day's backup was made in the background while the desk was in use.
    let copy = dir
        .path()
        .join("backups")
        .join("qabyldau-2026-03-16.sqlite");
    assert!(copy.is_file(), "no daily backup at {}", copy.display());
    assert!(qabyldau::store::check_file(&copy).unwrap().is_ok());
    let t = run("b");
    // The next start asks for the login.
    t.wait("Вход");
    t.typ("gulmira");
    t.keys(&["Tab"]);
    t.typ("e2e-password-1");
    t.keys(&["Enter"]);
    t.wait("Очередь дня");
    t.wait("Өмірбекова Айгүл");
    t.wait("принят");
    t.keys(&["F4"]);
    t.typ("omirbek");
    t.wait("QBL-2026-000001");
    t.keys(&["Enter"]);
    t.wait("на контроле");
    t.wait("Отдел земельных отношений");
    t.keys(&["F10"]);
}
