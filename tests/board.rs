//! The waiting-room board (`qabyldau board`) in a real terminal (tmux) next to
//! writers on the same database: a call shows within a second; two writer
//! processes and the board never meet "database is locked".
mod common;
use common::*;
use qabyldau::domain::{Official, QueueStatus};
use qabyldau::store::{Actor, Store};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

#[path = "support/tmux.rs"]
mod tmux;
use tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_qabyldau");

/// The database of a writer process (set: the test runs as [`writer_process`]).
const WRITER_DB: &str = "QABYLDAU_BOARD_WRITER_DB";
/// Appeals each writer process registers.
const WRITES: u32 = 300;

/// A writer process of [`two_writer_processes_and_the_board_never_see_locked`]
/// (that test run again with `WRITER_DB` set): registers appeals on 2026-03-16,
/// every third one queued for today, each in its own transaction, as a desk does.
fn writer_process(path: &std::ffi::OsStr) {
    let today = day(2026, 3, 16);
    let mut store = Store::open(Path::new(path)).unwrap();
    let actor = Actor::cli("writer");
    for i in 0..WRITES {
        let mut d = draft("Қасымов", "Ерлан", "Жер телімі");
        d.receive_today = i % 3 == 0;
        store
            .register_appeal(&actor, at(today, 10, i % 60), today, "TST", &d)
            .unwrap();
    }
}

/// The big ticket number on the screen, read back from its block characters.
fn big_number(screen: &str) -> Option<String> {
    let rows: Vec<String> = screen
        .lines()
        .filter(|l| l.contains('█'))
        .map(String::from)
        .collect();
    qabyldau::board::read_big(&rows)
}

fn official(store: &mut Store, now: chrono::NaiveDateTime) -> i64 {
    store
        .add_official(
            &Actor::system(),
            now,
            &Official {
                id: 0,
                surname: "Сейтқали".into(),
                name: "Әлия".into(),
                patronymic: "Бекқызы".into(),
                position_kk: "Әкімнің орынбасары".into(),
                position_ru: "Заместитель акима".into(),
                category: None,
                active: true,
            },
        )
        .unwrap()
}

/// Registers `n` walk-ins on `today` and queues them to the official; their queue ids.
fn queue(store: &mut Store, today: chrono::NaiveDate, official: i64, n: u32) -> Vec<i64> {
    let actor = Actor::cli("test");
    (0..n)
        .map(|i| {
            let now = at(today, 9, i);
            let r = store
                .register_appeal(&actor, now, today, "KHR", &draft("Иванов", "Петр", "Жер"))
                .unwrap();
            store
                .enqueue_appeal(&actor, now, r.appeal_id, None, Some(official))
                .unwrap();
            store
                .queue_of(today)
                .unwrap()
                .into_iter()
                .find(|e| e.appeal_id == r.appeal_id)
                .unwrap()
                .id
        })
        .collect()
}

fn board_env(db: &Path, today: chrono::NaiveDate) -> Vec<(&'static str, String)> {
    vec![
        ("QABYLDAU_DB", db.display().to_string()),
        ("QABYLDAU_NOW", format!("{today}T09:30:00")),
        (
            "QABYLDAU_CONFIG",
            db.with_extension("config").display().to_string(),
        ),
    ]
}

#[test]
fn a_call_at_the_desk_shows_on_the_board_within_a_second() {
    let (_dir, db) = temp_db();
    let today = day(2026, 3, 16);
    let mut store = Store::open(&db).unwrap();
    let off = official(&mut store, at(today, 8, 0));
    store
        .set_official_room(&Actor::cli("test"), at(today, 8, 0), off, "12")
        .unwrap();
    let ids = queue(&mut store, today, off, 3);
    let board = Tmux::start_env(
        "board",
        "call",
        (100, 30),
        &board_env(&db, today),
        &[BIN, "board"],
    );
    // Nobody called yet: the board asks to wait and lists the next tickets.
    board.wait_for("the waiting board", Duration::from_secs(15), |s| {
        s.contains("Пожалуйста, ожидайте") && s.contains("1   2   3")
    });
    let actor = Actor::cli("desk");
    for (k, id) in ids.iter().enumerate().take(2) {
        let ticket = (k + 1).to_string();
        store
            .move_queue_entry(
                &actor,
                at(today, 9, 31 + k as u32),
                *id,
                QueueStatus::Called,
                None,
            )
            .unwrap();
        let took = board.wait_for(&format!("ticket {ticket}"), Duration::from_secs(5), |s| {
            big_number(s).as_deref() == Some(ticket.as_str())
        });
        eprintln!("ticket {ticket} on the board after {took:?}");
        assert!(
            took < Duration::from_secs(1),
            "ticket {ticket} showed after {took:?}"
        );
        // The rest of the screen (a capture may fall between two writes of a frame).
        let next = if k == 0 {
            "Следующие: 2   3"
        } else {
            "Следующие: 3"
        };
        board.wait_for("the whole call", Duration::from_secs(2), |s| {
            s.contains(&format!("ШАҚЫРЫЛАДЫ / ВЫЗЫВАЕТСЯ  Талон {ticket}"))
                && s.contains("Сейтқали Әлия Бекқызы  -  12 кабинет / кабинет 12")
                && s.contains(next)
                && s.matches("Сейтқали").count() == 1
        });
        assert!(
            !board.screen().contains("Иванов"),
            "no applicant names on the board"
        );
    }
    // Ticket 1 is still called: listed small with its room.
    board.wait_for("ticket 1 among the called", Duration::from_secs(2), |s| {
        s.contains("Шақырылғандар / Вызваны: 1 -> 12")
    });
    // A "call again" of ticket 1 brings it back big.
    store
        .recall_queue_entry(&actor, at(today, 9, 40), ids[0])
        .unwrap();
    let took = board.wait_for("the recalled ticket 1", Duration::from_secs(5), |s| {
        big_number(s).as_deref() == Some("1")
    });
    assert!(
        took < Duration::from_secs(1),
        "recall showed after {took:?}"
    );
    // The desk closing and another copy opening does not disturb the board.
    drop(store);
    let mut again = Store::open(&db).unwrap();
    again
        .move_queue_entry(&actor, at(today, 9, 45), ids[2], QueueStatus::Called, None)
        .unwrap();
    board.wait_for(
        "ticket 3 after a desk restart",
        Duration::from_secs(2),
        |s| big_number(s).as_deref() == Some("3"),
    );
    board.key("Escape");
    board.wait_for("the board quitting", Duration::from_secs(5), |s| {
        !s.contains("ВЫЗЫВАЕТСЯ")
    });
}

#[test]
fn two_writer_processes_and_the_board_never_see_locked() {
    // Started again by itself as one of the writers.
    if let Some(path) = std::env::var_os(WRITER_DB) {
        return writer_process(&path);
    }
    let (_dir, db) = temp_db();
    let today = day(2026, 3, 16);
    let mut store = Store::open(&db).unwrap();
    let off = official(&mut store, at(today, 8, 0));
    let ids = queue(&mut store, today, off, 4);
    let log = qabyldau::paths::log_file(&db);
    let board = Tmux::start_env(
        "board",
        "writers",
        (80, 24),
        &board_env(&db, today),
        &[BIN, "board"],
    );
    board.wait_for("the board", Duration::from_secs(15), |s| {
        s.contains("Пожалуйста, ожидайте")
    });
    // Two writer processes registering (every third one queued) on the same day.
    let writers: Vec<_> = (0..2)
        .map(|_| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "two_writer_processes_and_the_board_never_see_locked",
                    "--exact",
                    "--nocapture",
                ])
                .env(WRITER_DB, &db)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Meanwhile the desk in this process calls tickets; each shows on the board.
    let actor = Actor::cli("desk");
    for (k, id) in ids.iter().enumerate() {
        store
            .move_queue_entry(
                &actor,
                at(today, 9, 31 + k as u32),
                *id,
                QueueStatus::Called,
                None,
            )
            .unwrap();
        let ticket = (k + 1).to_string();
        let took = board.wait_for(&format!("ticket {ticket}"), Duration::from_secs(5), |s| {
            big_number(s).as_deref() == Some(ticket.as_str())
        });
        eprintln!("with two writers: ticket {ticket} on the board after {took:?}");
        assert!(took < Duration::from_secs(1), "{ticket}: {took:?}");
    }
    for w in writers {
        let out = w.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "writer failed: {err}");
        assert!(!err.contains("locked"), "{err}");
    }
    assert_eq!(store.appeal_count().unwrap(), 4 + 2 * WRITES as i64);
    let s = board.screen();
    assert!(
        !s.contains("Нет связи"),
        "the board lost the database:\n{s}"
    );
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!logged.contains("locked"), "{logged}");
    assert!(
        !logged.contains("board:"),
        "the board logged an error: {logged}"
    );
}

/// A running desk shows a call made elsewhere (another desk, here this process's
/// store) within a second, without a key being pressed.
#[test]
fn a_running_desk_shows_a_call_made_at_another_desk_within_a_second() {
    let (_dir, db) = temp_db();
    let now = "2026-03-16T10:00:00";
    let env = vec![
        ("QABYLDAU_NOW", now.to_string()),
        (
            "QABYLDAU_CONFIG",
            db.with_extension("config").display().to_string(),
        ),
    ];
    let desk = Tmux::start_env(
        "board",
        "desk",
        (120, 40),
        &env,
        &[BIN, "--db", db.to_str().unwrap(), "--demo", "--lang", "ru"],
    );
    desk.wait_for("the queue", Duration::from_secs(30), |s| {
        s.contains("Очередь дня") && s.contains("ожидает")
    });
    let today = day(2026, 3, 16);
    let mut store = Store::open(&db).unwrap();
    let waiting: Vec<_> = store
        .queue_of(today)
        .unwrap()
        .into_iter()
        .filter(|e| e.status == QueueStatus::Waiting && !e.on_hold)
        .collect();
    let e = waiting.last().expect("the demo queue has someone waiting");
    let surname = e.applicant_name.split(' ').next().unwrap().to_string();
    let row_called = |s: &str| {
        s.lines()
            .any(|l| l.contains(&surname) && l.contains("вызван"))
    };
    assert!(!row_called(&desk.screen()), "{}", desk.screen());
    store
        .move_queue_entry(
            &Actor::cli("desk-2"),
            at(today, 10, 1),
            e.id,
            QueueStatus::Called,
            Some("test"),
        )
        .unwrap();
    let took = desk.wait_for(
        "the call on the running desk",
        Duration::from_secs(5),
        row_called,
    );
    eprintln!("a call at another desk showed after {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
    desk.key("F10");
}

/// `board room`: an official's room (the schedule's) and the default room.
#[test]
fn board_room_sets_the_officials_room_and_the_default() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let off = official(&mut store, at(day(2026, 3, 16), 8, 0));
    drop(store);
    let run = |args: &[&str]| {
        Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&["board", "room", &off.to_string(), "14"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("14 кабинет / кабинет 14"), "{out}");
    let o = run(&["board", "room", "default", "Мәжіліс залы"]);
    assert!(o.status.success());
    let store = Store::open(&db).unwrap();
    assert_eq!(store.official_room(off).unwrap(), "14");
    assert_eq!(
        store
            .setting(qabyldau::board::DEFAULT_ROOM_KEY)
            .unwrap()
            .as_deref(),
        Some("Мәжіліс залы")
    );
    assert_eq!(run(&["board", "room", "999", "1"]).status.code(), Some(2));
    assert_eq!(run(&["board", "room", "x", "1"]).status.code(), Some(2));
}
