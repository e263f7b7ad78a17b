//! The program under test in a detached tmux session of its own, for the
//! end-to-end tests that drive the real binary as a clerk would: keys in, the
//! screen out. Included with `#[path = "support/tmux.rs"] mod tmux;`.
#![allow(dead_code)]
use std::process::Command;
use std::time::{Duration, Instant};

/// Whether tmux is installed (a test that needs it says so and stops when not).
pub fn installed() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub struct Tmux {
    pub socket: String,
    /// The name it was started with (said when a wait fails).
    pub name: String,
}

impl Tmux {
    /// Runs `cmd` at `cols` x `rows` in a new tmux server named after `suite`,
    /// `name` and this process (so parallel tests never share one).
    pub fn start(suite: &str, name: &str, size: (u16, u16), cmd: &[&str]) -> Tmux {
        Tmux::start_env(suite, name, size, &[], cmd)
    }

    /// [`Tmux::start`] with environment variables for `cmd`.
    pub fn start_env(
        suite: &str,
        name: &str,
        (cols, rows): (u16, u16),
        env: &[(&str, String)],
        cmd: &[&str],
    ) -> Tmux {
        let socket = format!("qabyldau-{suite}-{name}-{}", std::process::id());
        let _ = Command::new("tmux")
            .args(["-L", &socket, "kill-server"])
            .output();
        let quote = |a: &str| format!("'{}'", a.replace('\'', "'\\''"));
        let env: Vec<String> = env
            .iter()
            .map(|(k, v)| format!("{k}={}", quote(v)))
            .collect();
        let line = cmd.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ");
        let (cols, rows) = (cols.to_string(), rows.to_string());
        let st = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-s", "main", "-x", &cols, "-y", &rows])
            .arg(format!(
                "env TERM=xterm-256color LANG=C.UTF-8 {} {line}; sleep 30",
                env.join(" ")
            ))
            .status()
            .expect("tmux must be installed (apt-get install tmux)");
        assert!(st.success());
        Tmux {
            socket,
            name: name.to_string(),
        }
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "main"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits (up to 15 s) until `text` is on the screen; the screen then.
    pub fn wait(&self, text: &str) -> String {
        let end = Instant::now() + Duration::from_secs(15);
        while Instant::now() < end {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("'{text}' did not appear; screen:\n{}", self.screen());
    }

    /// Sends each of `keys` (tmux key names: Enter, F2, C-s, ...), a pause after each.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", "main", k])
                .status()
                .unwrap();
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    /// Sends one key, a short pause after it.
    pub fn key(&self, k: &str) {
        Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "main", k])
            .status()
            .unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Waits (up to `limit`) until `pred` holds for the screen; the time it took.
    pub fn wait_for(&self, what: &str, limit: Duration, pred: impl Fn(&str) -> bool) -> Duration {
        let t0 = Instant::now();
        while t0.elapsed() < limit {
            if pred(&self.screen()) {
                return t0.elapsed();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{what} did not appear on {}; screen:\n{}",
            self.name,
            self.screen()
        );
    }

    /// Types `text` literally (UTF-8).
    pub fn typ(&self, text: &str) {
        Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "main", "-l", text])
            .status()
            .unwrap();
        std::thread::sleep(Duration::from_millis(200));
    }

    /// Presses `key` until `text` is on the screen (at most `limit` times).
    pub fn press_until(&self, key: &str, text: &str, limit: usize) {
        for _ in 0..limit {
            if self.screen().contains(text) {
                return;
            }
            self.keys(&[key]);
        }
        self.wait(text);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
