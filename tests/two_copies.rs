//! Two copies of the program on one database file (two desks on a shared
//! folder, or the desk and a command): concurrent writers wait for each other
//! instead of failing with "database is locked".
mod common;
use common::*;
use qabyldau::store::{Actor, Store};
use std::sync::{Arc, Barrier};

#[test]
fn two_handles_writing_at_once_never_see_locked() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap()); // create and migrate once
    let barrier = Arc::new(Barrier::new(2));
    let today = day(2026, 3, 16);
    let handles: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                let actor = Actor::cli(&format!("copy{w}"));
                barrier.wait();
                let mut errors = Vec::new();
                for i in 0..200u32 {
                    let mut d = draft(
                        if w == 0 {
                            "Сейткали"
                        } else {
                            "Иванов"
                        },
                        "Ерлан",
                        "Өтініш",
                    );
                    d.receive_today = i % 4 == 0;
                    // With an IIN the write starts by reading (is the applicant known?):
                    // the case where a deferred transaction cannot wait for the lock.
                    if i % 2 == 0 {
                        d.applicant.iin = iin(&format!("9{w}0{}01{}", 1 + i % 9, i % 10));
                    }
                    if let Err(e) =
                        s.register_appeal(&actor, at(today, 9, i % 60), today, "KHR", &d)
                    {
                        errors.push(e.to_string());
                    }
                    if i % 10 == 0 {
                        // Reads between writes, as a desk does.
                        s.recent_appeals(5).unwrap();
                    }
                }
                errors
            })
        })
        .collect();
    let errors: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    let s = Store::open(&path).unwrap();
    assert_eq!(s.appeal_count().unwrap(), 400);
    assert_eq!(s.check().unwrap().verdict(), Ok(()));
    let distinct: i64 = s
        .conn()
        .query_row("SELECT count(DISTINCT reg_no) FROM appeals", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(distinct, 400);
}

#[test]
fn two_handles_editing_settings_and_officials_at_once() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let now = at(day(2026, 3, 16), 9, 0);
    let handles: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                let mut errors = Vec::new();
                for i in 0..100 {
                    if let Err(e) =
                        s.set_setting(&Actor::system(), now, &format!("k{w}"), &i.to_string())
                    {
                        errors.push(e.to_string());
                    }
                }
                errors
            })
        })
        .collect();
    let errors: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    let s = Store::open(&path).unwrap();
    assert_eq!(s.setting("k0").unwrap().as_deref(), Some("99"));
    assert_eq!(s.setting("k1").unwrap().as_deref(), Some("99"));
    assert_eq!(s.check().unwrap().verdict(), Ok(()));
}
