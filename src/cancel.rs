//! Cancelling long command-line work (import, export, report, backup, bench) with
//! Ctrl+C, leaving nothing half written: the work checks a [`Cancel`] flag between
//! steps and undoes itself (transaction rolled back, temporary file removed).
//!
//! The first Ctrl+C only sets the flag; a second one ends the process at once (for
//! a step that takes long to reach its next check). Unix: `signal-hook` (already
//! built for crossterm) instead of hand-written `sigaction`; Windows:
//! `SetConsoleCtrlHandler` from kernel32.
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
    use std::sync::{Arc, OnceLock};

    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    const CTRL_C_EVENT: u32 = 0;
    const CTRL_BREAK_EVENT: u32 = 1;

    type Handler = extern "system" fn(u32) -> i32;

    #[link(name = "kernel32")]
    extern "system" {
        fn SetConsoleCtrlHandler(handler: Option<Handler>, add: i32) -> i32;
    }

    /// Called by Windows on its own thread: the first Ctrl+C sets the flag and
    /// counts as handled; a second one is left to the default handler (exit).
    extern "system" fn on_ctrl(kind: u32) -> i32 {
        if kind != CTRL_C_EVENT && kind != CTRL_BREAK_EVENT {
            return 0;
        }
        match FLAG.get() {
            Some(f) if !f.swap(true, Ordering::SeqCst) => 1,
            _ => 0,
        }
    }

    pub fn install(flag: &Arc<AtomicBool>) {
        let _ = FLAG.set(flag.clone());
        // SAFETY: registers a plain function with the console; it only touches an
        // atomic in a static.
        unsafe {
            SetConsoleCtrlHandler(Some(on_ctrl), 1);
        }
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
