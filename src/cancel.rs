//! Cancelling long command-line work (import, export, report, backup, bench) with
//! Ctrl+C, leaving nothing half written: the work checks a [`Cancel`] flag between
//! steps and undoes itself (transaction rolled back, temporary file removed).
//!
//! The first Ctrl+C only sets the flag; a second one ends the process at once (for
//! a step that takes long to reach its next check). Unix: `signal-hook` (already
//! built for crossterm); Windows: `ctrlc` (the console control handler). Both keep
//! the FFI behind safe APIs: this crate forbids `unsafe`.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// A cancel flag shared between the work and whoever may cancel it.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag nobody has set (also: work that cannot be cancelled).
    pub fn new() -> Cancel {
        Cancel::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

static CTRL_C: OnceLock<Cancel> = OnceLock::new();

/// The process-wide flag that Ctrl+C sets (the handler is installed on first use).
pub fn ctrl_c() -> Cancel {
    CTRL_C
        .get_or_init(|| {
            let c = Cancel::new();
            platform::install(&c.0);
            c
        })
        .clone()
}

#[cfg(unix)]
mod platform {
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;

    pub fn install(flag: &Arc<AtomicBool>) {
        use signal_hook::consts::{SIGINT, SIGTERM};
        for sig in [SIGINT, SIGTERM] {
            // Registered first, so it sees the flag before this signal sets it:
            // the second signal exits (130 = interrupted).
            let _ = signal_hook::flag::register_conditional_shutdown(sig, 130, flag.clone());
            let _ = signal_hook::flag::register(sig, flag.clone());
        }
    }
}

#[cfg(windows)]
mod platform {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    pub fn install(flag: &Arc<AtomicBool>) {
        let f = flag.clone();
        // ctrlc registers the console control handler (Ctrl+C and Ctrl+Break)
        // behind a safe API; the handler runs on its own thread.
        let _ = ctrlc::set_handler(move || {
            if f.swap(true, Ordering::SeqCst) {
                // The second Ctrl+C ends the program at once, as Windows' own
                // handler would have done at the first.
                #[allow(clippy::exit)]
                std::process::exit(130);
            }
        });
    }
}

#[cfg(not(any(unix, windows)))]
mod platform {
    pub fn install(_flag: &std::sync::Arc<std::sync::atomic::AtomicBool>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_is_shared_by_its_clones() {
        let c = Cancel::new();
        let d = c.clone();
        assert!(!d.is_cancelled());
        c.cancel();
        assert!(d.is_cancelled());
        assert!(!Cancel::new().is_cancelled());
    }
}
