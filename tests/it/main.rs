//! The in-process integration tests in one binary (the suite links once).
//! Tests that spawn their own processes or change process-wide state (the
//! terminal end-to-end test, the crash test, two copies, the board in tmux,
//! printing with a fake PATH, the working directory, the screens' snapshots)
//! stay binaries of their own beside this one.
#[path = "../common/mod.rs"]
mod common;

mod backup_check;
mod bench;
mod cancel;
mod cli;
mod control;
mod export;
mod glyphs;
mod hostile;
mod import;
mod import_bulk;
mod journal;
mod layering;
mod letters;
mod reports;
mod rules_calendar;
mod rules_lifecycle;
mod rules_profiles;
mod rules_services;
mod rules_store;
mod safety3;
mod schedule;
mod search;
mod security;
mod services;
mod store;
mod theme;
mod upgrade;
