//! Terminal UI: one `App` state, an `Action` enum as the only way it changes,
//! a keymap as data, screens that draw view models.
pub mod action;
pub mod app;
pub mod draw;
pub mod keymap;
pub mod screens;
pub mod tui;
pub mod widgets;

use crate::cli::{CliError, Invocation};
use crate::domain::{Lang, Operator, Role};
use crate::store::{Actor, Store, StoreError};
use app::{App, Clock};

/// The clock of the desk: `QABYLDAU_NOW` (YYYY-MM-DDTHH:MM:SS) starts a running
/// clock at a fixed moment, for demonstrations and end-to-end tests.
pub fn clock_from_env() -> Clock {
    std::env::var("QABYLDAU_NOW")
        .ok()
        .and_then(|s| chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S").ok())
        .map(|start| Clock::Running {
            start,
            since: std::time::Instant::now(),
        })
        .unwrap_or(Clock::System)
}

/// The operator at the desk: the first active operator, or a desk account made on
/// the first run.
pub fn desk_operator(
    store: &mut Store,
    now: chrono::NaiveDateTime,
) -> Result<Operator, StoreError> {
    if let Some(op) = store
        .operators()?
        .into_iter()
        .find(|o| o.role != Role::Viewer)
    {
        return Ok(op);
    }
    let op = Operator {
        id: 0,
        login: "desk".into(),
        full_name: "Қабылдау бөлмесі".into(),
        position_kk: "қабылдау бөлмесінің маманы".into(),
        position_ru: "специалист приемной".into(),
        role: Role::Admin,
    };
    let id = store.add_operator(&Actor::system(), now, &op, "")?;
    store.operator(id)
}

fn cli_err(e: impl std::fmt::Display) -> CliError {
    CliError {
        message: e.to_string(),
        code: 1,
    }
}

/// Opens the desk.
pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let path = crate::paths::database(inv.global.db.as_deref());
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(StoreError::SchemaTooNew { found, known }) => {
            return Err(CliError {
                message: format!(
                    "{}\n{}\n({found} > {known}: {})",
                    crate::i18n::ui::Msg::DbNewer.text(Lang::Kk),
                    crate::i18n::ui::Msg::DbNewer.text(Lang::Ru),
                    path.display()
                ),
                code: 1,
            })
        }
        Err(e) => return Err(cli_err(format!("{}: {e}", path.display()))),
    };
    crate::log::init(&crate::paths::log_file(&path));
    crate::log::log(crate::log::Level::Info, "desk started");
    let clock = clock_from_env();
    let now = clock.now();
    let config = crate::paths::config_dir();
    let (calendar, mut warnings) = crate::assets::load_calendar(config.as_deref());
    let profile_id = store.setting("profile_id").ok().flatten();
    let (profile, w) = crate::assets::load_profile(config.as_deref(), profile_id.as_deref());
    warnings.extend(w);
    for w in &warnings {
        crate::log::log(crate::log::Level::Warn, w);
    }
    if inv.global.demo && store.is_empty().map_err(cli_err)? {
        crate::demo::fill(&mut store, now, &calendar).map_err(cli_err)?;
    }
    let lang = inv
        .global
        .lang
        .or_else(|| {
            store
                .setting("ui_lang")
                .ok()
                .flatten()
                .and_then(|l| Lang::from_code(&l))
        })
        .unwrap_or(Lang::Kk);
    let operator = desk_operator(&mut store, now).map_err(cli_err)?;
    let created = store.created;
    let mut app = App::new(store, operator, lang, clock, profile, calendar).map_err(cli_err)?;
    if let Some(w) = warnings.first() {
        app.error(w.clone());
    } else if created {
        app.info(format!(
            "{} {}",
            if lang == Lang::Kk {
                "Жаңа дерекқор:"
            } else {
                "Новая база:"
            },
            path.display()
        ));
    }
    let r = tui::run(&mut app).map_err(cli_err);
    if let Err(e) = &r {
        crate::log::log(
            crate::log::Level::Error,
            &format!("terminal: {}", e.message),
        );
    }
    r
}
