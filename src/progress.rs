//! Progress of long command-line work on stderr, only when stderr is a terminal
//! (a script's log gets no carriage-return noise): one line redrawn at most ten
//! times a second, `label [#####....]  42% done/total unit`.
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    label: String,
    unit: &'static str,
    shown: bool,
    last: Option<Instant>,
    drew: bool,
}

impl Progress {
    /// A progress line for `label`, counting `unit`s; silent unless stderr is a
    /// terminal.
    pub fn new(label: &str, unit: &'static str) -> Progress {
        Progress::with_output(label, unit, std::io::stderr().is_terminal())
    }

    /// As [`Progress::new`] with the choice made by the caller.
    pub fn with_output(label: &str, unit: &'static str, shown: bool) -> Progress {
        Progress {
            label: label.to_string(),
            unit,
            shown,
            last: None,
            drew: false,
        }
    }

    /// The line for `done` of `total` (`total` 0: unknown, only the count).
    pub fn line(&self, done: u64, total: u64) -> String {
        if total == 0 {
            return format!("{} {done} {}", self.label, self.unit);
        }
        let done = done.min(total);
        let pct = done * 100 / total;
        let filled = (pct / 4) as usize;
        format!(
            "{} [{}{}] {pct:3}% {done}/{total} {}",
            self.label,
            "#".repeat(filled),
            ".".repeat(25 - filled),
            self.unit
        )
    }

    /// Shows `done` of `total`, at most every 100 ms (and always at the end).
    pub fn update(&mut self, done: u64, total: u64) {
        if !self.shown {
            return;
        }
        let due = self
            .last
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
        let at_end = total > 0 && done >= total;
        if !(due || at_end) {
            return;
        }
        self.last = Some(Instant::now());
        self.drew = true;
        let mut err = std::io::stderr();
        let _ = write!(err, "\r{}\x1b[K", self.line(done, total));
        let _ = err.flush();
    }

    /// Ends the line (if one was drawn).
    pub fn finish(&mut self) {
        if self.shown && self.drew {
            let _ = writeln!(std::io::stderr());
            self.drew = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let p = Progress::with_output("backup", "pages", false);
        assert_eq!(
            p.line(50, 200),
            "backup [######...................]  25% 50/200 pages"
        );
        assert_eq!(p.line(7, 0), "backup 7 pages");
        assert!(p.line(300, 200).contains("100% 200/200"));
    }
}
