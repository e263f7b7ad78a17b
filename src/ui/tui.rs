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

/// Runs the desk until the user quits. Redraws on input and on a slow tick (the
/// clock and waiting minutes), never in a busy loop.
pub fn run(app: &mut App) -> std::io::Result<()> {
    let mut guard = TerminalGuard::new()?;
    let tick = Duration::from_secs(20);
    let mut first_frame = true;
    loop {
        guard.terminal.draw(|f| super::draw::draw(f, app))?;
        if first_frame {
            // After the first frame: the check never delays the desk's opening.
            first_frame = false;
            app.start_quick_check();
        }
        if app.quit {
            break;
        }
        app.tick();
        // Short polls while the quick check runs, so its verdict shows promptly.
        let wait = if app.quick_check_running() {
            Duration::from_millis(500)
        } else {
            tick
        };
        if event::poll(wait)? {
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
