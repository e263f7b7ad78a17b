//! Long work of the desk (an export, a report to files, a backup, an import) on a
//! worker thread with its own connection to the database, as the daily backup
//! and the quick check run: the desk keeps drawing (and following other desks),
//! a popup shows the progress, and Esc cancels. The work itself undoes a cancel
//! (the transaction rolled back, the temporary files removed): nothing is left
//! half written. The result reaches the status line in the operator's language.
use super::app::App;
use super::ctx::Ctx;
use super::popup::Popup;
use crate::cancel::Cancel;
use crate::i18n::ui::Msg;
use crate::store::{Store, StoreError};
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the work reports when it ends: the message for the status line (in the
/// operator's language), or why it did not happen.
pub type Outcome = Result<String, String>;

/// The work: given its own store, the cancel flag and a progress callback (done,
/// total; total 0 when unknown).
pub type Job = Box<dyn FnOnce(&mut Store, &Cancel, &mut dyn FnMut(u64, u64)) -> Outcome + Send>;

enum Event {
    Progress(u64, u64),
    Done(Outcome),
}

struct State {
    rx: Receiver<Event>,
    done: u64,
    total: u64,
}

/// A running piece of work, shown by [`Popup::Task`].
#[derive(Clone)]
pub struct Task {
    lang: crate::domain::Lang,
    /// What is being done, in the operator's language.
    pub label: String,
    /// What is counted ("rows", "pages"), in the operator's language.
    pub unit: &'static str,
    cancel: Cancel,
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for Task {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Task({})", self.label)
    }
}

impl PartialEq for Task {
    fn eq(&self, other: &Task) -> bool {
        Arc::ptr_eq(&self.state, &other.state)
    }
}

impl Task {
    /// Starts `job` on a worker thread with its own connection to the database at
    /// `db` (progress is sent at most every 50 ms, and at the end).
    pub fn start(
        lang: crate::domain::Lang,
        label: String,
        unit: &'static str,
        db: &Path,
        job: Job,
    ) -> Task {
        let (tx, rx) = channel();
        let cancel = Cancel::new();
        let flag = cancel.clone();
        let path = db.to_path_buf();
        let done_tx = tx.clone();
        let spawned = std::thread::Builder::new()
            .name("desk-task".into())
            .spawn(move || {
                let outcome = match Store::open(&path) {
                    Ok(mut store) => {
                        let mut last: Option<Instant> = None;
                        let mut progress = |d: u64, t: u64| {
                            let due = last.is_none_or(|l| l.elapsed() >= Duration::from_millis(50));
                            if due || (t > 0 && d >= t) {
                                last = Some(Instant::now());
                                let _ = tx.send(Event::Progress(d, t));
                            }
                        };
                        job(&mut store, &flag, &mut progress)
                    }
                    Err(e) => Err(failed(lang, false, e)),
                };
                let _ = done_tx.send(Event::Done(outcome));
            });
        let task = Task {
            lang,
            label,
            unit,
            cancel,
            state: Arc::new(Mutex::new(State {
                rx,
                done: 0,
                total: 0,
            })),
        };
        if let Err(e) = spawned {
            // No thread: the popup closes at the first poll with the reason.
            let (tx, rx) = channel();
            let _ = tx.send(Event::Done(Err(failed(lang, false, e))));
            if let Ok(mut s) = task.state.lock() {
                s.rx = rx;
            }
        }
        task
    }

    /// Asks the work to stop (it stops at its next check and undoes itself).
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    pub fn is_cancelling(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// The progress line (the command line's): `[#####....]  42% 420/1000 rows`,
    /// or the count alone while the total is unknown.
    pub fn line(&self) -> String {
        let (done, total) = self
            .state
            .lock()
            .map(|s| (s.done, s.total))
            .unwrap_or((0, 0));
        crate::progress::Progress::with_output("", self.unit, false)
            .line(done, total)
            .trim()
            .to_string()
    }

    /// Takes what the work sent; its outcome once it has ended (a worker that
    /// died says so).
    pub fn poll(&self) -> Option<Outcome> {
        let died = || Err(Msg::TaskDied.text(self.lang).to_string());
        let Ok(mut s) = self.state.lock() else {
            return Some(died());
        };
        loop {
            match s.rx.try_recv() {
                Ok(Event::Progress(d, t)) => {
                    s.done = d;
                    s.total = t;
                }
                Ok(Event::Done(o)) => return Some(o),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => return Some(died()),
            }
        }
    }

    /// Waits for the outcome (tests; the desk polls).
    pub fn wait(&self, limit: Duration) -> Option<Outcome> {
        let t0 = Instant::now();
        while t0.elapsed() < limit {
            if let Some(o) = self.poll() {
                return Some(o);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }
}

/// Follows the running task of the desk, if any: its progress, and once it has
/// ended its popup closes, the status line says how it went and the views read
/// the database again. Whether anything changed on screen.
pub fn poll(app: &mut App) -> bool {
    let Some(i) = app.popups.iter().position(|p| matches!(p, Popup::Task(_))) else {
        return false;
    };
    let Popup::Task(task) = &app.popups[i] else {
        return false;
    };
    let Some(outcome) = task.poll() else {
        // Work the clerk started counts as activity: the idle lock (which clears
        // the popups) waits until it has ended and its outcome has been shown.
        app.set_last_input(Instant::now());
        // The bar moves: draw again.
        return true;
    };
    app.popups.remove(i);
    finish(app, outcome);
    true
}

/// The outcome of a task on the status line, and the views read again.
pub fn finish(app: &mut App, outcome: Outcome) {
    match outcome {
        Ok(m) => {
            // The import screen's file and decisions are done with once stored
            // (after a cancel or a failure they stay, for another try).
            if app.screen == crate::ui::action::ScreenId::Import {
                use crate::ui::screen::Screen as _;
                app.screens.import.discard(&app.ctx);
            }
            app.info(m)
        }
        Err(e) => app.error(e),
    }
    // An import adds appeals and queue entries: the lists read the file again.
    let refreshed = app
        .refresh_today()
        .and_then(|_| app.screens.appeals.refresh(&app.ctx));
    if let Err(e) = refreshed {
        crate::log::log(crate::log::Level::Warn, &format!("after a task: {e}"));
    }
}

/// The words of a failed or cancelled piece of work.
fn failed(lang: crate::domain::Lang, cancelled: bool, e: impl std::fmt::Display) -> String {
    if cancelled {
        Msg::Cancelled.text(lang).to_string()
    } else {
        format!("{} {e}", Msg::SaveFailed.text(lang))
    }
}

/// The appeals registered from `from` to `to` (about `total` of them) to
/// `documents/appeals-FROM-TO.xlsx`, as `qabyldau export appeals` writes them: the
/// file appears only with its audit row; a cancel leaves neither.
pub fn export_appeals(
    ctx: &Ctx,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    total: u64,
) -> Result<Task, StoreError> {
    let lang = ctx.lang();
    // The clock checked as for every desk write (set back: refused, nothing started).
    let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
    let profile = ctx.office.profile.clone();
    let dir = ctx.docs_dir.clone();
    let out = dir.join(format!("appeals-{from}-{to}.xlsx"));
    let job: Job = Box::new(move |store, cancel, progress| {
        crate::safe_file::create_private_dir(&dir).map_err(|e| failed(lang, false, e))?;
        let n = crate::export::export_appeals_with(
            store,
            &actor,
            now,
            (from, to),
            crate::export::Layout::Full,
            "xlsx",
            &profile,
            &out,
            true,
            cancel,
            &mut |n| progress(n, total.max(n)),
        )
        .map_err(|e| {
            let cancelled = matches!(e, crate::export::ExportError::Cancelled);
            failed(lang, cancelled, e)
        })?;
        Ok(format!(
            "{} {n} {} -> {}",
            Msg::ExportedTo.text(lang),
            Msg::UnitAppeals.text(lang),
            out.display()
        ))
    });
    Ok(Task::start(
        lang,
        Msg::TaskExportAppeals.text(lang).into(),
        Msg::UnitAppeals.text(lang),
        ctx.store.path(),
        job,
    ))
}

/// A copy of the database into the backup folder (as `qabyldau backup` without
/// `--out`), recorded in the audit trail once it is complete; a cancel leaves no
/// file (neither the copy nor its temporary) and no audit row.
pub fn backup(ctx: &Ctx) -> Result<Task, StoreError> {
    let lang = ctx.lang();
    // The clock checked as for every desk write (set back: refused, nothing started).
    let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
    let db = ctx.store.path().to_path_buf();
    let out = crate::services::backup::default_path(&db, now);
    let job: Job = Box::new(move |store, cancel, progress| {
        if let Some(dir) = out.parent() {
            crate::safe_file::create_private_dir(dir).map_err(|e| failed(lang, false, e))?;
        }
        crate::services::backup::backup_to_with(store, &out, cancel, progress).map_err(|e| {
            let cancelled = matches!(e, crate::services::ServiceError::Cancelled);
            failed(lang, cancelled, e)
        })?;
        if let Err(e) = store.record_backup(&actor, now, &out.display().to_string()) {
            // A copy without its audit row is not kept.
            let _ = std::fs::remove_file(&out);
            return Err(failed(lang, false, e));
        }
        Ok(format!(
            "{} {}",
            Msg::BackupMadeTo.text(lang),
            out.display()
        ))
    });
    Ok(Task::start(
        lang,
        Msg::TaskBackup.text(lang).into(),
        Msg::UnitPages.text(lang),
        &db,
        job,
    ))
}

/// A tabular document as `<base>.pdf`, `.html` and `.xlsx` in the documents
/// folder: each rendered and written under a temporary name, all three renamed
/// once all are written (and the access recorded as `entity`, when given); a
/// cancel between them leaves none.
pub fn document_set(
    ctx: &Ctx,
    base: &str,
    doc: crate::docs::document::Document,
    entity: Option<&'static str>,
) -> Result<Task, StoreError> {
    let lang = ctx.lang();
    // The clock checked as for every desk write (set back: refused, nothing started).
    let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
    let dir = ctx.docs_dir.clone();
    let base = base.to_string();
    let job: Job = Box::new(move |store, cancel, progress| {
        use crate::docs::document as d;
        let fail = |e: String| failed(lang, false, e);
        crate::safe_file::create_private_dir(&dir).map_err(|e| fail(e.to_string()))?;
        let mut files = Vec::new();
        for (i, ext) in ["pdf", "html", "xlsx"].iter().enumerate() {
            if cancel.is_cancelled() {
                return Err(failed(lang, true, ""));
            }
            let bytes = match *ext {
                "pdf" => d::pdf(&doc).map_err(|e| fail(e.to_string()))?,
                "html" => d::html(&doc).into_bytes(),
                _ => d::xlsx(&doc).map_err(|e| fail(e.to_string()))?,
            };
            let path = dir.join(format!("{base}.{ext}"));
            let mut f = crate::safe_file::AtomicFile::create(&path, true)
                .map_err(|e| fail(e.to_string()))?;
            std::io::Write::write_all(&mut f, &bytes).map_err(|e| fail(e.to_string()))?;
            files.push(f);
            progress(i as u64 + 1, 3);
        }
        if cancel.is_cancelled() {
            return Err(failed(lang, true, ""));
        }
        if let Some(entity) = entity {
            store
                .log_access(&actor, now, crate::store::Access::Print, entity, None)
                .map_err(|e| fail(e.to_string()))?;
        }
        for f in files {
            f.commit().map_err(|e| fail(e.to_string()))?;
        }
        Ok(format!(
            "{} {} (+ .html, .pdf)",
            Msg::TalonSavedTo.text(lang),
            dir.join(format!("{base}.xlsx")).display()
        ))
    });
    Ok(Task::start(
        lang,
        Msg::TaskReportFiles.text(lang).into(),
        Msg::UnitFiles.text(lang),
        ctx.store.path(),
        job,
    ))
}

/// Stores a checked journal (the import screen's), as `qabyldau import` does:
/// one transaction, rolled back whole on a cancel.
pub fn import(ctx: &Ctx, outcome: crate::journal::Outcome) -> Result<Task, StoreError> {
    let lang = ctx.lang();
    // The clock checked as for every desk write (set back: refused, nothing started).
    let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
    let office = ctx.office.clone();
    let job: Job = Box::new(move |store, cancel, progress| {
        let r = crate::journal::store_with(
            store,
            &office,
            &actor,
            outcome,
            false,
            now,
            cancel,
            &mut |d, t| progress(d as u64, t as u64),
        )
        .map_err(|e| failed(lang, cancel.is_cancelled(), e))?;
        let mut said = format!("{} {}", Msg::ImportDone.text(lang), r.imported);
        if !r.skipped.is_empty() {
            said.push_str(&format!(
                ", {} {}",
                Msg::ImportSkipped.text(lang),
                r.skipped.len()
            ));
        }
        if r.closed_before.is_some() {
            said.push_str(&format!(
                " ({} {}, {} {})",
                Msg::ImportOpenCount.text(lang),
                r.imported - r.closed,
                Msg::ImportClosedCount.text(lang),
                r.closed
            ));
        }
        Ok(said)
    });
    Ok(Task::start(
        lang,
        Msg::TaskImport.text(lang).into(),
        Msg::UnitRows.text(lang),
        ctx.store.path(),
        job,
    ))
}

/// Waits (up to `limit`) until the desk's background work has ended and its
/// outcome is on the status line, as the event loop would see it (tests).
pub fn settle(app: &mut App, limit: Duration) {
    let t0 = Instant::now();
    while app.popups.iter().any(|p| matches!(p, Popup::Task(_))) && t0.elapsed() < limit {
        poll(app);
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    fn db() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.sqlite");
        drop(Store::open(&path).unwrap());
        (dir, path)
    }

    #[test]
    fn a_task_reports_progress_sees_its_cancel_and_says_when_its_worker_died() {
        let (_d, path) = db();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let t = Task::start(
            Lang::Ru,
            "x".into(),
            "строк",
            &path,
            Box::new(move |_store, cancel, progress| {
                progress(5, 10);
                let _ = go_rx.recv();
                if cancel.is_cancelled() {
                    return Err("cancelled".into());
                }
                Ok("done".into())
            }),
        );
        let t0 = Instant::now();
        while !t.line().contains("5/10") && t0.elapsed() < Duration::from_secs(10) {
            assert_eq!(t.poll(), None);
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(t.line().contains(" 50% 5/10 строк"), "{}", t.line());
        t.cancel();
        assert!(t.is_cancelling());
        go_tx.send(()).unwrap();
        assert_eq!(
            t.wait(Duration::from_secs(10)),
            Some(Err("cancelled".into()))
        );
        // A worker that panics: the desk is told, in its language.
        let t = Task::start(
            Lang::Kk,
            "x".into(),
            "",
            &path,
            Box::new(|_, _, _| panic!("a bug")),
        );
        assert_eq!(
            t.wait(Duration::from_secs(10)),
            Some(Err(Msg::TaskDied.text(Lang::Kk).to_string()))
        );
    }
}
