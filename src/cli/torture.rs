//! `qabyldau torture --db PATH --count N [--day YYYY-MM-DD]` (hidden, for the crash test): registers
//! appeals in a loop and prints each committed registration number at once, so a
//! test can kill the process at any moment and compare what was reported with
//! what the database holds.
use super::{CliError, Invocation};
use crate::domain::{AppealDraft, Applicant, Channel, Lang};
use crate::paths;
use crate::store::{Actor, Store};
use std::io::Write;

const SURNAMES: [&str; 6] = [
    "Сейткали",
    "Өмірбекова",
    "Иванов",
    "Қасымов",
    "Жұмабаева",
    "Ли",
];
const NAMES: [&str; 5] = ["Нұрлан", "Айгүл", "Сергей", "Әлия", "Ерлан"];

fn draft(i: u64) -> AppealDraft {
    AppealDraft {
        applicant: Applicant {
            surname: SURNAMES[(i % 6) as usize].into(),
            name: NAMES[(i % 5) as usize].into(),
            language: if i.is_multiple_of(2) {
                Lang::Kk
            } else {
                Lang::Ru
            },
            consent: true,
            ..Default::default()
        },
        channel: Some(Channel::WalkIn),
        essence: format!("Жер телімі туралы өтініш {i}"),
        topic: "land".into(),
        settlement: "Хромтау".into(),
        receive_today: i.is_multiple_of(3),
        ..Default::default()
    }
}

pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let mut count: u64 = 1000;
    let mut fixed_day: Option<chrono::NaiveDate> = None;
    let mut it = inv.args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--count" => {
                count = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| CliError::usage("torture: --count needs a number"))?;
            }
            "--day" => {
                fixed_day = Some(
                    it.next()
                        .and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
                        .ok_or_else(|| CliError::usage("torture: --day needs YYYY-MM-DD"))?,
                );
            }
            other => {
                return Err(CliError::usage(format!(
                    "torture: unexpected argument '{other}'"
                )))
            }
        }
    }
    let path = paths::database(inv.global.db.as_deref());
    let mut store = Store::open(&path).map_err(|e| CliError {
        message: e.to_string(),
        code: 1,
    })?;
    let actor = Actor::cli("torture");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for i in 0..count {
        let now = match fixed_day {
            Some(d) => {
                d.and_time(chrono::NaiveTime::MIN) + chrono::Duration::seconds((i % 86_400) as i64)
            }
            None => chrono::Local::now().naive_local(),
        };
        let r = store
            .register_appeal(&actor, now, now.date(), "TST", &draft(i))
            .map_err(|e| CliError {
                message: e.to_string(),
                code: 1,
            })?;
        writeln!(out, "{}", r.reg_no)
            .and_then(|()| out.flush())
            .map_err(|e| CliError {
                message: e.to_string(),
                code: 1,
            })?;
    }
    Ok(())
}
