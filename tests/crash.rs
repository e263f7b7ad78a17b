//! Crash safety: a process registering appeals is killed (SIGKILL on Unix,
//! TerminateProcess on Windows) at random moments; afterwards the database must
//! pass the full check and hold every registration number the process reported
//! as committed. Run with `--nocapture` to see the figures.
mod common;
use common::*;
use qabyldau::store::Store;
use rand::{Rng, SeedableRng};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn killed_writers_lose_nothing_committed() {
    let (_dir, path) = temp_db();
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x5eed_2026);
    let started = Instant::now();
    let mut reported: Vec<String> = Vec::new();
    let mut kills = 0;
    for _ in 0..25 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qabyldau"))
            .arg("--db")
            .arg(&path)
            .args(["torture", "--count", "1000000", "--day"])
            .arg(day(2026, 3, 16).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        });
        // Some kills land during open/migration, most amid writes.
        std::thread::sleep(Duration::from_millis(rng.random_range(5..400)));
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;
        reported.extend(reader.join().unwrap());
        if started.elapsed() > Duration::from_secs(25) {
            break;
        }
    }
    let store = Store::open(&path).unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.verdict(), Ok(()));
    let mut lost = Vec::new();
    for reg_no in &reported {
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM appeals WHERE reg_no = ?1",
                [reg_no],
                |r| r.get(0),
            )
            .unwrap();
        if n != 1 {
            lost.push(reg_no.clone());
        }
    }
    let stored = store.appeal_count().unwrap();
    eprintln!(
        "crash test: {kills} kills in {:.1} s, {} registrations reported committed, {stored} stored, lost = {}, audit rows {}",
        started.elapsed().as_secs_f64(),
        reported.len(),
        lost.len(),
        report.chain.rows
    );
    assert!(lost.is_empty(), "lost after kill: {lost:?}");
    // Registration numbers have no duplicates and no gaps (the counter commits with the row).
    assert!(stored >= reported.len() as i64);
    let max_seq: i64 = store
        .conn()
        .query_row(
            "SELECT max(CAST(substr(reg_no, -6) AS INTEGER)) FROM appeals",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(max_seq, stored);
    assert!(kills >= 10 && !reported.is_empty());
}
