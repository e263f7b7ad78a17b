//! Qabyldau: desk, queue and protocol tool for the public reception room of an akimat.
//!
//! Layers (ARCHITECTURE.md at the root of the repository: domain -> store ->
//! services -> (docs, import) -> ui, cli -> main):
//! - [`domain`]: pure rules, no I/O, "today" is always passed in;
//! - [`store`]: the only module that knows SQL;
//! - [`docs`]: printable documents (talon, protocol, schedule, reports);
//! - [`ui`]: screens that turn keys into actions and draw view models;
//! - [`cli`]: the command line (one `clap` definition) and its subcommands;
//! - [`i18n`]: every user-facing string in Kazakh and Russian.
pub mod assets;
pub mod auth;
pub mod backup;
pub mod board;
pub mod cancel;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod docs;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod import_limits;
pub mod journal;
pub mod log;
pub mod netpath;
pub mod paths;
pub mod print;
pub mod progress;
pub mod safe_file;
pub mod services;
pub mod store;
pub mod ui;
