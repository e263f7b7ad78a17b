//! Terminal UI: an `Action` enum as the only way state changes, a keymap as data,
//! screens that own their state, handling and drawing (`screen::Screen`), and an
//! `App` that routes between them.
pub mod action;
pub mod app;
pub mod ctx;
pub mod draw;
pub mod keymap;
pub mod popup;
pub mod screen;
pub mod screens;
pub mod task;
pub mod theme;
pub mod tui;
pub mod widgets;

use crate::domain::{Lang, Operator, Role};
use crate::store::{Store, StoreError};
use app::App;

pub use crate::clock::clock_from_env;

/// The operator a demo desk opens as: the demo administrator (else the first
/// active operator).
pub fn desk_operator(
    store: &mut Store,
    _now: chrono::NaiveDateTime,
) -> Result<Operator, StoreError> {
    let ops = store.operators()?;
    ops.iter()
        .find(|o| o.role == Role::Admin)
        .or_else(|| ops.first())
        .cloned()
        .ok_or(StoreError::NotFound)
}

/// Nobody is logged in yet: the desk shows the login (or first-run) screen.
fn nobody() -> Operator {
    Operator {
        id: 0,
        login: String::new(),
        full_name: String::new(),
        position_kk: String::new(),
        position_ru: String::new(),
        role: Role::Viewer,
    }
}

fn cli_err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// The first start of each day makes the day's backup (rotated) and then merges
/// the search index back into one segment, on its own connection in a background
/// thread: a copy of a large database takes a while
/// (a million appeals: about 2 GB) and the desk opens at once. WAL lets the desk
/// write meanwhile; the copy is one consistent snapshot, written under a temporary
/// name and renamed when complete, so quitting during it leaves no half copy.
fn start_daily_backup(path: &std::path::Path, now: chrono::NaiveDateTime) {
    let today = now.date();
    let path = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || {
            let mut store = match Store::open(&path) {
                // Copying and merging stream through pages once: a small cache keeps
                // this connection from adding to the desk's memory.
                Ok(s) => {
                    let _ = s.use_small_cache();
                    s
                }
                Err(e) => {
                    crate::log::log(
                        crate::log::Level::Warn,
                        &format!("daily backup failed: {e}"),
                    );
                    return;
                }
            };
            match crate::services::backup::daily(&store, &path, today) {
                Ok(Some(p)) => {
                    crate::log::log(
                        crate::log::Level::Info,
                        &format!("daily backup {}", p.display()),
                    );
                    // Every copy of the personal data is in the audit trail.
                    if let Err(e) = store.record_backup(
                        &crate::store::Actor::system(),
                        now,
                        &p.display().to_string(),
                    ) {
                        crate::log::log(
                            crate::log::Level::Warn,
                            &format!("daily backup not audited: {e}"),
                        );
                    }
                    // Once a day too: the search index back to one segment.
                    match store.tidy_search_index(crate::store::search::TIDY_STEPS) {
                        Ok(n) => crate::log::log(
                            crate::log::Level::Info,
                            &format!("search index tidied in {n} steps"),
                        ),
                        Err(e) => crate::log::log(
                            crate::log::Level::Warn,
                            &format!("search index tidy failed: {e}"),
                        ),
                    }
                }
                Ok(None) => {}
                Err(e) => crate::log::log(
                    crate::log::Level::Warn,
                    &format!("daily backup failed: {e}"),
                ),
            }
        });
    if let Err(e) = spawned {
        crate::log::log(
            crate::log::Level::Warn,
            &format!("daily backup not started: {e}"),
        );
    }
}

/// Opens the desk on the database at `path`, in `lang` (else the remembered
/// choice, else Kazakh); `demo` fills an empty database with the demo data and
/// opens it as the demo administrator. The error is the message to show.
pub fn run(path: &std::path::Path, lang: Option<Lang>, demo: bool) -> Result<(), String> {
    // An upgrade rebuilds indexes: say so first, it can take a minute on a large file.
    if let Ok(Some(v)) = crate::store::file_schema_version(path) {
        if v > 0 && v < crate::store::SCHEMA_VERSION {
            eprintln!(
                "{}\n{}",
                crate::i18n::ui::Msg::Upgrading.text(Lang::Kk),
                crate::i18n::ui::Msg::Upgrading.text(Lang::Ru)
            );
        }
    }
    let mut store = match Store::open(path) {
        Ok(s) => s,
        Err(StoreError::SchemaTooNew { found, known }) => {
            return Err(format!(
                "{}\n{}\n({found} > {known}: {})",
                crate::i18n::ui::Msg::DbNewer.text(Lang::Kk),
                crate::i18n::ui::Msg::DbNewer.text(Lang::Ru),
                path.display()
            ))
        }
        Err(e) => return Err(cli_err(format!("{}: {e}", path.display()))),
    };
    // A clock set back would date every record before what it follows.
    if let Err(e @ StoreError::ClockBehind { .. }) = store.check_clock(clock_from_env().now()) {
        return Err(format!(
            "{}\n{}\n({e})",
            crate::i18n::ui::Msg::ClockBehind.text(Lang::Kk),
            crate::i18n::ui::Msg::ClockBehind.text(Lang::Ru),
        ));
    }
    crate::log::init(&crate::paths::log_file(path));
    crate::log::log(crate::log::Level::Info, "desk started");
    let chosen = store.setting(theme::KEY_THEME).ok().flatten();
    theme::init(theme::for_setting(chosen.as_deref()));
    let clock = clock_from_env();
    let now = clock.now();
    let config = crate::paths::config_dir();
    let (office, warnings) =
        crate::services::Office::load(&store, config.as_deref()).map_err(cli_err)?;
    for w in &warnings {
        crate::log::log(crate::log::Level::Warn, w);
    }
    let demo = demo && store.is_empty().map_err(cli_err)?;
    if demo {
        crate::demo::fill(&mut store, now, &office.calendar).map_err(cli_err)?;
    }
    start_daily_backup(path, now);
    let lang = lang
        .or_else(|| office.settings.ui_lang.as_deref().and_then(Lang::from_code))
        .unwrap_or(Lang::Kk);
    let first_run = crate::auth::needs_first_admin(&store).map_err(cli_err)?;
    let operator = if demo {
        desk_operator(&mut store, now).map_err(cli_err)?
    } else {
        nobody()
    };
    let created = store.created;
    let mut app = App::new(
        store,
        operator,
        lang,
        clock,
        office.profile,
        office.calendar,
    )
    .map_err(cli_err)?;
    if first_run {
        app.require_first_admin();
    } else if !demo {
        app.require_login();
    }
    if let Some(w) = warnings.first() {
        app.error(w.clone());
    } else if created {
        app.info(format!(
            "{} {}",
            crate::i18n::ui::Msg::NewDatabase.text(lang),
            path.display()
        ));
    }
    let r = tui::run(&mut app).map_err(cli_err);
    if let Err(e) = &r {
        crate::log::log(crate::log::Level::Error, &format!("terminal: {e}"));
    }
    r
}
