//! Terminal set-up and restore (also on panic), and the event loop that sleeps
//! when nothing happens.
use super::app::App;
use crossterm::event::{self, Event};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::ExecutableCommand;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{stdout, Stdout};
use std::time::Duration;

/// Restores the terminal when dropped, whatever happened.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = stdout().execute(LeaveAlternateScreen);
    let _ = stdout().execute(crossterm::cursor::Show);
}

impl TerminalGuard {
    pub fn new() -> std::io::Result<TerminalGuard> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            crate::log::log(crate::log::Level::Error, &format!("panic: {info}"));
            // A background thread (daily backup, quick check) ends alone: the desk
            // goes on, so its terminal is left as it is and nothing is printed over it.
            if std::thread::current().name() != Some("main") {
                return;
            }
            restore();
            hook(info);
        }));
        enable_raw_mode()?;
        stdout().execute(EnterAlternateScreen)?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Runs the desk until the user quits. Redraws on input, on a slow tick (the
/// clock and waiting minutes) and when another desk (or the command line) has
/// committed to the database, never in a busy loop: every
/// [`crate::board::CHECK_EVERY`] it asks SQLite's `PRAGMA data_version`, which
/// reads no page, and refreshes only when it moved.
pub fn run(app: &mut App) -> std::io::Result<()> {
    let mut guard = TerminalGuard::new()?;
    let tick = Duration::from_secs(20);
    let mut last_tick = std::time::Instant::now();
    let mut seen = app.ctx.store.data_version().ok();
    let mut dirty = true;
    let mut first_frame = true;
    loop {
        if dirty {
            guard.terminal.draw(|f| super::draw::draw(f, app))?;
            dirty = false;
        }
        if first_frame {
            // After the first frame: the check never delays the desk's opening.
            first_frame = false;
            app.start_quick_check();
        }
        // The background quick check's verdict, as soon as it comes.
        if app.poll_quick_check() {
            dirty = true;
        }
        // Background work of the desk (export, backup, import): its progress and end.
        if super::task::poll(app) {
            dirty = true;
        }
        if app.quit {
            break;
        }
        if last_tick.elapsed() >= tick {
            app.tick();
            last_tick = std::time::Instant::now();
            dirty = true;
        }
        if !event::poll(crate::board::CHECK_EVERY)? {
            let now = app.ctx.store.data_version().ok();
            if now != seen {
                seen = now;
                app.on_data_changed();
                dirty = true;
            }
            continue;
        }
        dirty = true;
        {
            match event::read()? {
                Event::Key(k) => app.on_key(k),
                Event::Resize(_, _) => {}
                _ => continue,
            }
            // Drain keys already waiting (fast typing, pastes) before redrawing.
            while event::poll(Duration::from_millis(0))? {
                if let Event::Key(k) = event::read()? {
                    app.on_key(k);
                }
                if app.quit {
                    break;
                }
            }
        }
    }
    Ok(())
}
