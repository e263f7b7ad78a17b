//! `qabyldau bench [--rows N] [--json]`: measures the desk on a synthetic database
//! of N appeals (default 1,000,000, about ten years of a large district).
//!
//! Figures: open + first frame, search-as-you-type per keystroke (and the same
//! searches as a plain `LIKE` scan), today's queue on a 1k and the big database,
//! one registration committed with synchronous=FULL, a quarter's report and xlsx
//! export, peak memory. With `--json` the last line is one JSON object.
//!
//! Stand-ins the lead swaps for the real code when it lands:
//! [`render_first_frame`] (the App's first draw), [`quarter_report`] (the
//! quarterly report of branch `control`), [`export_quarter_xlsx`] (its export).
use super::{CliError, Global};
use crate::domain::{AppealDraft, Applicant, Channel, Lang};
use crate::store::search::SearchTable;
use crate::store::{Actor, QuarterCounts, Store, SynthOptions};
use anyhow::{anyhow, Context};
use chrono::{Datelike, Duration, NaiveDate};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The synthetic "today" of a bench database (kept in its settings on reuse).
pub const BENCH_TODAY: (i32, u32, u32) = (2026, 3, 16);
const TODAY_KEY: &str = "bench.today";
const PREFIX: &str = "KHR";
/// Screen of the measured frames.
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// Rows read per keystroke: the search list's page.
const SEARCH_LIMIT: usize = crate::ui::screens::appeals::PAGE;

/// What to run.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    pub rows: u64,
    /// Keep (or reuse) the database here; otherwise a temporary file.
    pub db: Option<PathBuf>,
    /// Progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Repetitions of the timed steps that are taken as a median.
    pub runs: usize,
    /// Keystrokes also timed as a `LIKE` scan (spread over all of them).
    pub like_samples: usize,
    /// Appeals per working day of a built database (400: 1M is ten years).
    pub per_day: u32,
    /// Rows of the journal imported beside the floor (20,000 by default).
    pub import_rows: usize,
    /// Days of the simulated month of use and registrations a day.
    pub month_days: usize,
    pub month_per_day: usize,
    /// Years of weekly sessions behind the schedule figures (10 by default).
    pub schedule_years: usize,
    /// Also time the first frame and a search pass with the database file
    /// dropped from the OS page cache (the PC's first start of the day).
    pub cold: bool,
}

impl Default for BenchOptions {
    fn default() -> Self {
        BenchOptions {
            rows: 1_000_000,
            db: None,
            progress: true,
            runs: 7,
            like_samples: 120,
            per_day: 400,
            import_rows: 20_000,
            month_days: 30,
            month_per_day: 60,
            schedule_years: 10,
            cold: false,
        }
    }
}

/// The measured figures; times in milliseconds. The JSON keys are the field names.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Figures {
    pub rows: u64,
    /// CPUs this process may run on (1 under `taskset -c 0`).
    pub cpus: usize,
    /// Whether the database was built by this run (false: reused).
    pub built: bool,
    pub build_s: f64,
    pub db_mb: f64,
    pub first_frame_ms: f64,
    pub search_keystrokes: usize,
    pub search_p50_ms: f64,
    pub search_p99_ms: f64,
    pub search_max_ms: f64,
    /// The same keystrokes the first time after opening (cold pages).
    pub search_first_pass_p50_ms: f64,
    pub search_first_pass_p99_ms: f64,
    pub like_scan_samples: usize,
    pub like_scan_p50_ms: f64,
    pub like_scan_p90_ms: f64,
    /// Indexed p50 over the same keystrokes as the LIKE sample.
    pub search_sample_p50_ms: f64,
    /// LIKE p50 / indexed p50 (same keystrokes).
    pub search_speedup: f64,
    pub queue_entries: usize,
    pub queue_small_ms: f64,
    pub queue_large_ms: f64,
    pub queue_ratio: f64,
    pub register_ms: f64,
    pub register_max_ms: f64,
    pub quarter_rows: i64,
    pub quarter_report_ms: f64,
    pub xlsx_export_ms: f64,
    pub peak_rss_mb: f64,
    /// Peak memory before the import step: what the desk's own work (open, first
    /// frame, search, queue, registration) needed; the 20,000-row import holds
    /// its rows in memory and raises `peak_rss_mb` after it.
    pub peak_rss_before_import_mb: f64,
    /// A journal of `import_rows` rows through the import, and the same rows as a
    /// plain bulk insert (the floor); `import_vs_floor` = import time / floor time.
    pub import_rows: usize,
    pub import_rows_per_s: f64,
    pub import_floor_rows_per_s: f64,
    pub import_vs_floor: f64,
    /// Of the import: reading and checking the file alone (nothing written).
    pub import_check_ms: f64,
    /// Sessions of ten years of weekly receptions, a month's view (sessions and
    /// warnings) and a booking into the next free slot.
    pub schedule_sessions: i64,
    pub schedule_month_ms: f64,
    pub booking_ms: f64,
    /// Today's queues, one per official (store): on a 1k database, at this size.
    pub official_queues_small_ms: f64,
    pub official_queues_ms: f64,
    /// Entries (arrived + expected) in those queues on each database: a reused
    /// database keeps the walk-ins earlier runs registered today.
    pub official_queue_entries_small: usize,
    pub official_queue_entries: usize,
    /// Time per entry at this size / time per entry at 1k (the budget's ratio:
    /// equal to the plain ratio when both databases hold as many entries).
    pub official_queues_ratio: f64,
    /// The board's work after a call (load + draw) and its check between calls.
    pub board_refresh_ms: f64,
    pub board_idle_check_us: f64,
    /// A keystroke into a 4,000-character essence, handled and drawn.
    pub essence_key_ms: f64,
    pub essence_key_max_ms: f64,
    /// The daily index tidy over a simulated month of use (median, worst day).
    pub tidy_day_p50_ms: f64,
    pub tidy_day_max_ms: f64,
    /// Segments in both search indexes after that month.
    pub search_segments_after_month: usize,
    /// Search after that month (same keystrokes).
    pub month_search_p50_ms: f64,
    pub month_search_p99_ms: f64,
    /// `--cold`: whether the file was dropped from the page cache, and if not why.
    pub cold_cache: bool,
    pub cold_cache_note: String,
    /// Open + first frame, then the search keystrokes, on a cold page cache.
    pub cold_first_frame_ms: f64,
    pub cold_search_p50_ms: f64,
    pub cold_search_p99_ms: f64,
    pub cold_search_max_ms: f64,
}

/// Writes journal rows as an import file with the canonical headings.
pub fn write_journal_csv(path: &Path, rows: &[crate::store::JournalRow]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(crate::import::COLUMNS)?;
    for r in rows {
        let on = r.registered_on.to_string();
        w.write_record([
            on.as_str(),
            "walk_in",
            &r.surname,
            &r.name,
            &r.patronymic,
            &r.iin,
            &r.phone,
            r.language,
            "",
            r.settlement,
            r.topic,
            &r.essence,
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// The value at quantile `q` (0..=1) of the samples (nearest rank).
pub fn quantile(samples: &[f64], q: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let mut v = samples.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn median(samples: &[f64]) -> f64 {
    quantile(samples, 0.5)
}

/// Peak resident memory of this process in MB (Linux VmHWM; 0 where unknown: on
/// Windows reading it would need unsafe FFI, which the crate forbids).
pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// The real desk (`ui::App`) opened on `store` at 10:00 of `today`.
fn desk(store: Store, today: NaiveDate) -> anyhow::Result<crate::ui::app::App> {
    let operator = crate::domain::Operator {
        id: 0,
        login: "bench".into(),
        full_name: "bench".into(),
        position_kk: String::new(),
        position_ru: String::new(),
        role: crate::domain::Role::Clerk,
    };
    let now = today.and_hms_opt(10, 0, 0).unwrap_or_default();
    crate::ui::app::App::new(
        store,
        operator,
        crate::domain::Lang::Kk,
        crate::clock::Clock::Fixed(now),
        crate::assets::default_profile(),
        crate::assets::shipped_calendar(),
    )
}

fn draw_desk(app: &mut crate::ui::app::App) -> anyhow::Result<Buffer> {
    let mut t = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    t.draw(|f| crate::ui::draw::draw(f, app))?;
    Ok(t.backend().buffer().clone())
}

/// The day's queue built from the store and drawn by the real desk on a 120x40
/// screen; hands the store back for the next measurement.
pub fn render_queue(store: Store, today: NaiveDate) -> anyhow::Result<(usize, Buffer, Store)> {
    let mut app = desk(store, today)?;
    let n = app.screens.today.entries.len();
    let buf = draw_desk(&mut app)?;
    Ok((n, buf, app.ctx.store))
}

/// The desk's first screen (today's queue, what is due on control), 120x40, drawn
/// by the real `App`.
pub fn render_first_frame(store: Store, today: NaiveDate) -> anyhow::Result<Buffer> {
    let mut app = desk(store, today)?;
    draw_desk(&mut app)
}

/// The last full quarter before `today`: (first day, last day).
pub fn previous_quarter(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let q = (today.month0() / 3) as i32; // 0..=3, the current quarter
    let (y, pq) = if q == 0 {
        (today.year() - 1, 3)
    } else {
        (today.year(), q - 1)
    };
    let from = NaiveDate::from_ymd_opt(y, (pq * 3 + 1) as u32, 1).unwrap_or(today);
    let next = if pq == 3 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, (pq * 3 + 4) as u32, 1)
    }
    .unwrap_or(today);
    (from, next - Duration::days(1))
}

/// The quarterly report. Stand-in for the real report of branch `control`.
pub fn quarter_report(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<QuarterCounts> {
    Ok(store.quarter_counts(from, to)?)
}

/// Writes a period's appeals to an xlsx file; returns the number of rows.
/// Stand-in for the real export of branch `control`.
pub fn export_quarter_xlsx(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    path: &Path,
) -> anyhow::Result<u64> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    // Rows go to a temporary file as they are written: memory stays flat.
    let ws = wb.add_worksheet_with_constant_memory();
    let head = [
        "Reg. no",
        "Date",
        "Channel",
        "Applicant",
        "Topic",
        "Settlement",
        "Status",
        "Outcome",
        "Essence",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    let mut row: u32 = 0;
    let n = store.for_each_appeal_between(from, to, &mut |r| {
        row += 1;
        let cells = [
            r.reg_no.as_str(),
            &r.registered_on.format("%d.%m.%Y").to_string(),
            r.channel.as_str(),
            r.applicant_name.as_str(),
            r.topic.as_str(),
            r.settlement.as_str(),
            r.status.as_str(),
            r.outcome.as_str(),
            r.essence.as_str(),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(row, c as u16, *v)
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    })?;
    wb.save(path)?;
    Ok(n)
}

/// Lower-case Kazakh letters typed with the Russian keyboard's nearest letter.
fn russian_letters(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ә' => 'а',
            'Ә' => 'А',
            'ғ' => 'г',
            'Ғ' => 'Г',
            'қ' => 'к',
            'Қ' => 'К',
            'ң' => 'н',
            'Ң' => 'Н',
            'ө' => 'о',
            'Ө' => 'О',
            'ұ' | 'ү' => 'у',
            'Ұ' | 'Ү' => 'У',
            'һ' => 'х',
            'Һ' => 'Х',
            'і' => 'и',
            'І' => 'И',
            c => c,
        })
        .collect()
}

/// A simple Latin transliteration ("Қайратов" -> "Qairatov").
fn latin(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let t = match lower {
            'а' | 'ә' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'і' | 'ы' => "i",
            'к' => "k",
            'қ' => "q",
            'л' => "l",
            'м' => "m",
            'н' | 'ң' => "n",
            'о' | 'ө' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ұ' | 'ү' => "u",
            'ф' => "f",
            'х' | 'һ' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' | 'щ' => "sh",
            'ю' => "iu",
            'я' => "ia",
            'ъ' | 'ь' => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        if c.is_uppercase() && out.is_empty() {
            let mut it = t.chars();
            if let Some(f) = it.next() {
                out.extend(f.to_uppercase());
                out.push_str(it.as_str());
            }
        } else {
            out.push_str(t);
        }
    }
    out
}

/// Realistic queries typed at the desk, from applicants of the database: surnames
/// as written, in capitals, with Russian letters for Kazakh ones and in Latin;
/// surname and name; IINs; phone fragments; registration numbers (whole and the
/// sequence). Each query is typed key by key: every prefix is one search.
fn keystrokes(store: &Store) -> anyhow::Result<Vec<String>> {
    let max_id: i64 = store.appeal_count()?;
    let mut queries: Vec<String> = [
        "Иванов",
        "Ким",
        "Қайрат",
        "ҚАЙРАТ",
        "Qairat",
        "Кайрат",
        "Омирбекова",
        "Өмірбекова",
        "Сергеева",
        "Нурлан",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let samples = 8;
    // Rounded to the third digit of the count, so that the appeals the bench
    // itself registers on a reused database do not change the queries.
    let grain = 10i64.pow((max_id.max(1).ilog10()).saturating_sub(2));
    for k in 1..=samples {
        let id = (max_id * k / (samples + 1) / grain * grain).max(1);
        let Ok(a) = store.appeal(id) else { continue };
        let p = &a.applicant;
        match k % 4 {
            0 => queries.push(p.surname.to_uppercase()),
            1 => queries.push(russian_letters(&p.surname).to_lowercase()),
            2 => queries.push(latin(&p.surname)),
            _ => queries.push(format!("{} {}", p.surname, p.name)),
        }
        if !p.iin.is_empty() {
            queries.push(p.iin.clone());
        }
        let d = crate::domain::fold::digits(&p.phone);
        if d.len() == 11 {
            // "234 56 78" as read out by the applicant.
            queries.push(format!("{} {} {}", &d[4..7], &d[7..9], &d[9..11]));
        }
        if k % 2 == 0 {
            queries.push(a.reg_no.clone());
        } else if let Some(seq) = a.reg_no.rsplit('-').next() {
            queries.push(seq.trim_start_matches('0').to_string());
        }
    }
    let mut keys = Vec::new();
    for q in queries {
        let chars: Vec<char> = q.chars().collect();
        for n in 1..=chars.len() {
            let prefix: String = chars[..n].iter().collect();
            if !prefix.trim().is_empty() && !prefix.ends_with(' ') {
                keys.push(prefix);
            }
        }
    }
    Ok(keys)
}

fn today_of(store: &Store) -> anyhow::Result<NaiveDate> {
    let default = NaiveDate::from_ymd_opt(BENCH_TODAY.0, BENCH_TODAY.1, BENCH_TODAY.2)
        .ok_or_else(|| anyhow!("bench date"))?;
    Ok(store
        .setting(TODAY_KEY)?
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or(default))
}

/// Draws "building [#####.....] 42%" on stderr when it is a terminal.
fn progress_bar(enabled: bool) -> impl FnMut(u64, u64) {
    let tty = enabled && std::io::stderr().is_terminal();
    let start = Instant::now();
    move |done, total| {
        if !tty || total == 0 {
            return;
        }
        let pct = done * 100 / total;
        let filled = (pct / 4) as usize;
        let mut err = std::io::stderr();
        let _ = write!(
            err,
            "\rbuilding [{}{}] {pct:3}% {done}/{total} appeals, {:.0} s",
            "#".repeat(filled),
            ".".repeat(25 - filled),
            start.elapsed().as_secs_f64()
        );
        if done >= total {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    }
}

/// Opens the database at `path`, building `rows` synthetic appeals when it holds
/// none. Returns the store, whether it was built, and the build time in seconds.
fn open_or_build(
    path: &Path,
    rows: u64,
    per_day: u32,
    progress: bool,
) -> anyhow::Result<(Store, bool, f64)> {
    let mut today = None;
    if path.exists() {
        let store = Store::open(path).with_context(|| format!("open {}", path.display()))?;
        if store.appeal_count()? > 0 {
            return Ok((store, false, 0.0));
        }
        today = Some(today_of(&store)?);
    }
    // Built under a temporary name and renamed when complete: a cancelled or
    // failed build (Ctrl+C) leaves no half-filled database for the next run to
    // reuse as if it were whole. (`TempDb` removes the file and its WAL files.)
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".building");
    let tmp = TempDb(PathBuf::from(tmp));
    tmp.remove();
    let t = Instant::now();
    let mut bar = progress_bar(progress);
    {
        let mut building =
            Store::open(&tmp.0).with_context(|| format!("open {}", tmp.0.display()))?;
        let today = match today {
            Some(d) => d,
            None => today_of(&building)?,
        };
        let opt = SynthOptions {
            per_day,
            cancel: crate::cancel::ctrl_c(),
            ..SynthOptions::new(rows, today)
        };
        building.synthesize(&opt, &mut bar)?;
        building.set_setting(
            &Actor::system(),
            today.and_hms_opt(8, 0, 0).unwrap_or_default(),
            TODAY_KEY,
            &today.to_string(),
        )?;
        building.close_exclusive()?;
    }
    let secs = t.elapsed().as_secs_f64();
    // The empty database that was there (if any) gives way to the built one.
    TempDb(path.to_path_buf()).remove();
    std::fs::rename(&tmp.0, path)
        .with_context(|| format!("rename {} -> {}", tmp.0.display(), path.display()))?;
    // The audit seal goes with the database it seals.
    let _ = std::fs::rename(
        crate::store::seal::seal_path(&tmp.0),
        crate::store::seal::seal_path(path),
    );
    let store = Store::open(path).with_context(|| format!("open {}", path.display()))?;
    Ok((store, true, secs))
}

/// Fails the bench once Ctrl+C was pressed: every line the bench writes between
/// its steps goes through here, so a cancel stops it at the next step and the
/// temporary database is removed on the way out.
struct CancelWriter<'a> {
    inner: &'a mut dyn Write,
    cancel: crate::cancel::Cancel,
}

impl Write for CancelWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.cancel.is_cancelled() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::Interrupted,
                "cancelled",
            ));
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Removes a database and its WAL files when dropped (temporary bench databases).
struct TempDb(PathBuf);
impl TempDb {
    fn remove(&self) {
        for suffix in ["", "-wal", "-shm", "-journal", ".seal"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}
impl Drop for TempDb {
    fn drop(&mut self) {
        self.remove();
    }
}

fn temp_path(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "qabyldau-bench-{}-{tag}.sqlite",
        std::process::id()
    ))
}

/// Drops `path` (and its WAL) from the OS page cache: the file is synced so its
/// pages are clean, then the kernel is asked to drop clean pages. Linux only,
/// and only for root; elsewhere the reason is returned.
fn evict_page_cache(path: &Path) -> Result<(), String> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    for p in [path.to_path_buf(), PathBuf::from(wal)] {
        if let Ok(f) = std::fs::File::open(&p) {
            f.sync_all()
                .map_err(|e| format!("sync {}: {e}", p.display()))?;
        }
    }
    if cfg!(target_os = "linux") {
        std::fs::write("/proc/sys/vm/drop_caches", "1")
            .map_err(|e| format!("/proc/sys/vm/drop_caches: {e} (needs root)"))
    } else {
        Err("dropping the page cache is only done on Linux".into())
    }
}

/// The first frame and the search keystrokes on a cold page cache, each after
/// its own eviction, on a fresh connection (the desk's first start of the day).
fn cold_pass(
    path: &Path,
    today: NaiveDate,
    fig: &mut Figures,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let keys = keystrokes(&Store::open(path)?)?;
    if let Err(why) = evict_page_cache(path) {
        fig.cold_cache_note = why;
        writeln!(out, "cold cache: not measured: {}", fig.cold_cache_note)?;
        return Ok(());
    }
    let t = Instant::now();
    render_first_frame(Store::open(path)?, today)?;
    fig.cold_first_frame_ms = ms(t);
    evict_page_cache(path).map_err(|e| anyhow!(e))?;
    let store = Store::open(path)?;
    let mut times = Vec::with_capacity(keys.len());
    for k in &keys {
        let t = Instant::now();
        std::hint::black_box(store.search_appeals(k, SEARCH_LIMIT)?);
        times.push(ms(t));
    }
    fig.cold_cache = true;
    fig.cold_cache_note = "page cache dropped before each pass".into();
    fig.cold_search_p50_ms = quantile(&times, 0.5);
    fig.cold_search_p99_ms = quantile(&times, 0.99);
    fig.cold_search_max_ms = quantile(&times, 1.0);
    writeln!(
        out,
        "cold cache: open + first frame {:.1} ms; search ({} keystrokes) p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        fig.cold_first_frame_ms,
        keys.len(),
        fig.cold_search_p50_ms,
        fig.cold_search_p99_ms,
        fig.cold_search_max_ms
    )?;
    Ok(())
}

fn walk_in_draft(i: usize) -> AppealDraft {
    AppealDraft {
        applicant: Applicant {
            surname: "Бенчмарков".into(),
            name: format!("Қайрат{}", i),
            language: Lang::Kk,
            phone: format!("+7 701 555 {:02} {:02}", i / 100 % 100, i % 100),
            consent: true,
            ..Default::default()
        },
        channel: Some(Channel::WalkIn),
        essence: "Жер телімін беру туралы".into(),
        topic: "land".into(),
        settlement: "Хромтау".into(),
        receive_today: true,
        ..Default::default()
    }
}

/// Runs the benchmark, writing readable lines to `out`; returns the figures.
pub fn bench(opts: &BenchOptions, out: &mut dyn Write) -> anyhow::Result<Figures> {
    let runs = opts.runs.max(1);
    let mut fig = Figures::default();
    let (path, _temp) = match &opts.db {
        Some(p) => (p.clone(), None),
        None => {
            let p = temp_path(&opts.rows.to_string());
            (p.clone(), Some(TempDb(p)))
        }
    };
    let (store, built, build_s) = open_or_build(&path, opts.rows, opts.per_day, opts.progress)?;
    fig.built = built;
    fig.build_s = build_s;
    fig.rows = store.appeal_count()? as u64;
    let today = today_of(&store)?;
    drop(store);
    fig.db_mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    writeln!(
        out,
        "database: {} appeals, {:.0} MB{}",
        fig.rows,
        fig.db_mb,
        if built {
            format!(
                ", built in {build_s:.1} s ({:.0} appeals/s)",
                fig.rows as f64 / build_s.max(1e-9)
            )
        } else {
            ", reused".into()
        }
    )?;

    fig.cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    writeln!(out, "CPUs available to this run: {}", fig.cpus)?;
    if opts.cold {
        cold_pass(&path, today, &mut fig, out)?;
    }

    // Open + first frame, a fresh open each run.
    let mut t_first = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let store = Store::open(&path)?;
        render_first_frame(store, today)?;
        t_first.push(ms(t));
    }
    fig.first_frame_ms = median(&t_first);
    writeln!(
        out,
        "open + first frame (120x40): {:.1} ms (median of {runs})",
        fig.first_frame_ms
    )?;

    let mut store = Store::open(&path)?;

    // The desk merges the search index once a day at its start (the appeals this
    // bench registers on a reused database left small segments).
    let t = Instant::now();
    let steps = store.tidy_search_index(100_000)?;
    writeln!(
        out,
        "search index tidied as at the desk's daily start: {steps} steps, {:.0} ms",
        ms(t)
    )?;

    // Search as you type: a first pass as the desk meets it after a start (pages
    // on disk or in the OS cache), then the measured pass, as a desk that has been
    // in use meets it. Both are printed; the budgets use the second.
    let keys = keystrokes(&store)?;
    let pass = || -> anyhow::Result<Vec<f64>> {
        let mut times = Vec::with_capacity(keys.len());
        for k in &keys {
            let t = Instant::now();
            let hits = store.search_appeals(k, SEARCH_LIMIT)?;
            times.push(ms(t));
            std::hint::black_box(hits);
        }
        Ok(times)
    };
    let t_first = pass()?;
    let t_keys = pass()?;
    fig.search_first_pass_p50_ms = quantile(&t_first, 0.5);
    fig.search_first_pass_p99_ms = quantile(&t_first, 0.99);
    writeln!(
        out,
        "search, first pass after the start ({} keystrokes): p50 {:.2} ms, p99 {:.2} ms",
        keys.len(),
        fig.search_first_pass_p50_ms,
        fig.search_first_pass_p99_ms
    )?;
    fig.search_keystrokes = keys.len();
    write_search_breakdown(out, &keys, &t_keys)?;
    fig.search_p50_ms = quantile(&t_keys, 0.5);
    fig.search_p99_ms = quantile(&t_keys, 0.99);
    fig.search_max_ms = quantile(&t_keys, 1.0);
    writeln!(
        out,
        "search per keystroke ({} keystrokes): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        keys.len(),
        fig.search_p50_ms,
        fig.search_p99_ms,
        fig.search_max_ms
    )?;
    // The same searches as a LIKE scan, on keystrokes spread over the set.
    let step = keys.len().div_ceil(opts.like_samples.max(1)).max(1);
    let mut t_like = Vec::new();
    let mut t_same = Vec::new();
    for (i, k) in keys.iter().enumerate().step_by(step) {
        let t = Instant::now();
        let hits = store.search_appeals_like_scan(k, SEARCH_LIMIT)?;
        t_like.push(ms(t));
        std::hint::black_box(hits);
        t_same.push(t_keys[i]);
    }
    fig.like_scan_samples = t_like.len();
    fig.like_scan_p50_ms = median(&t_like);
    fig.like_scan_p90_ms = quantile(&t_like, 0.9);
    fig.search_sample_p50_ms = median(&t_same);
    fig.search_speedup = fig.like_scan_p50_ms / fig.search_sample_p50_ms.max(1e-6);
    writeln!(
        out,
        "LIKE scan, same searches ({} keystrokes): p50 {:.1} ms (p90 {:.1} ms) vs indexed {:.2} ms: {:.0}x",
        fig.like_scan_samples,
        fig.like_scan_p50_ms,
        fig.like_scan_p90_ms,
        fig.search_sample_p50_ms,
        fig.search_speedup
    )?;

    // Today's queue on this database and on a 1k one.
    let mut t_queue = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let (n, _, back) = render_queue(store, today)?;
        store = back;
        t_queue.push(ms(t));
        fig.queue_entries = n;
    }
    fig.queue_large_ms = median(&t_queue);
    {
        let small_path = temp_path("1k");
        let _small_guard = TempDb(small_path.clone());
        let (mut small, _, _) = open_or_build(&small_path, 1_000, 400, false)?;
        let mut t_small = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            small = render_queue(small, today)?.2;
            t_small.push(ms(t));
        }
        fig.queue_small_ms = median(&t_small);
        let mut t_oq = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let q = std::hint::black_box(small.official_queues(today)?);
            t_oq.push(ms(t));
            fig.official_queue_entries_small = queue_entries(&q);
        }
        fig.official_queues_small_ms = median(&t_oq);
    }
    fig.queue_ratio = fig.queue_large_ms / fig.queue_small_ms.max(1e-6);
    writeln!(
        out,
        "today's queue ({} entries) built + drawn: 1k rows {:.2} ms, {} rows {:.2} ms ({:.2}x)",
        fig.queue_entries, fig.queue_small_ms, fig.rows, fig.queue_large_ms, fig.queue_ratio
    )?;

    // Registration, committed with synchronous=FULL (the store's setting).
    let mut t_reg = Vec::new();
    let base = today.and_hms_opt(17, 0, 0).unwrap_or_default();
    let actor = Actor::cli("bench");
    for i in 0..runs.max(5) {
        let d = walk_in_draft(i);
        let t = Instant::now();
        store.register_appeal(
            &actor,
            base + Duration::seconds(i as i64),
            today,
            PREFIX,
            &d,
        )?;
        t_reg.push(ms(t));
    }
    fig.register_ms = median(&t_reg);
    fig.register_max_ms = quantile(&t_reg, 1.0);
    writeln!(
        out,
        "registration (synchronous=FULL): {:.2} ms median, {:.2} ms max",
        fig.register_ms, fig.register_max_ms
    )?;

    fig.peak_rss_before_import_mb = peak_rss_mb();

    // Import of an office's journal: the same rows through the real import (every
    // check, repeat detection, audit chain, search index) and through the floor (a
    // plain bulk insert into the same tables in one transaction), each into a new
    // database, side by side.
    {
        let rows = crate::store::journal_rows(opts.import_rows.max(1), today);
        let csv_path = temp_path("journal").with_extension("csv");
        let _csv_guard = TempDb(csv_path.clone());
        write_journal_csv(&csv_path, &rows)?;
        let (import_db, floor_db) = (temp_path("import"), temp_path("floor"));
        let (_g1, _g2) = (TempDb(import_db.clone()), TempDb(floor_db.clone()));
        let mut s = Store::open(&import_db)?;
        let office = crate::services::Office::shipped();
        // The file read and checked alone (nothing written), to tell the two
        // halves of the import's time apart.
        {
            let t = Instant::now();
            let journal = crate::journal::read(&csv_path).map_err(|e| anyhow!("read: {e:?}"))?;
            let context =
                crate::journal::Context::of(&s, &office).map_err(|e| anyhow!("context: {e:?}"))?;
            let mapping = crate::journal::effective_mapping(&s, &journal, None)
                .map_err(|e| anyhow!("mapping: {e:?}"))?;
            let checked =
                crate::journal::check(&journal, &context, &mapping, base.date(), &mut |_, _| {})
                    .map_err(|e| anyhow!("check: {e:?}"))?;
            std::hint::black_box(checked);
            fig.import_check_ms = ms(t);
        }
        let t = Instant::now();
        let report = crate::import::import_file_as(
            &mut s,
            &office,
            &actor,
            &csv_path,
            false,
            base,
            &mut |_, _| {},
        )
        .map_err(|e| anyhow!("import: {e:?}"))?;
        let import_s = t.elapsed().as_secs_f64();
        let imported = s.appeal_count()? as usize;
        if imported != rows.len() {
            return Err(anyhow!(
                "import stored {imported} of {} rows: {:?}",
                rows.len(),
                report.lines().iter().take(3).collect::<Vec<_>>()
            ));
        }
        drop(s);
        let mut f = Store::open(&floor_db)?;
        let t = Instant::now();
        f.import_floor(&rows, &base.format("%Y-%m-%dT%H:%M:%S").to_string())?;
        let floor_s = t.elapsed().as_secs_f64();
        fig.import_rows = rows.len();
        fig.import_rows_per_s = rows.len() as f64 / import_s.max(1e-9);
        fig.import_floor_rows_per_s = rows.len() as f64 / floor_s.max(1e-9);
        fig.import_vs_floor = import_s / floor_s.max(1e-9);
        writeln!(
            out,
            "import of {} journal rows: {:.2} s ({:.0} rows/s; reading and checking the file {:.2} s); \
             plain bulk insert of the same rows: {:.2} s ({:.0} rows/s); import / floor {:.2}x",
            rows.len(),
            import_s,
            fig.import_rows_per_s,
            fig.import_check_ms / 1e3,
            floor_s,
            fig.import_floor_rows_per_s,
            fig.import_vs_floor
        )?;
    }

    // A month of daily use: each day a desk's registrations (each its own
    // transaction, so each leaves a small index segment), then the daily tidy the
    // desk runs at its start. Its cost must stay flat as the database grows
    // (size-tiered: the large segment is not rewritten), and search must stay fast.
    let mut t_tidy = Vec::new();
    let mut n = 0usize;
    for day in 0..opts.month_days {
        for _ in 0..opts.month_per_day {
            let d = walk_in_draft(1000 + n);
            store.register_appeal(
                &actor,
                base + Duration::minutes(day as i64 * 1440 + n as i64),
                today,
                PREFIX,
                &d,
            )?;
            n += 1;
        }
        let t = Instant::now();
        store.tidy_search_index(crate::store::search::TIDY_STEPS)?;
        t_tidy.push(ms(t));
    }
    fig.tidy_day_p50_ms = median(&t_tidy);
    fig.tidy_day_max_ms = quantile(&t_tidy, 1.0);
    fig.search_segments_after_month = [SearchTable::Words, SearchTable::Phone]
        .iter()
        .map(|t| {
            store
                .search_index_levels(*t)
                .map(|l| l.iter().map(Vec::len).sum::<usize>())
        })
        .sum::<Result<usize, _>>()?;
    let t_month = {
        let mut times = Vec::with_capacity(keys.len());
        for k in &keys {
            let t = Instant::now();
            std::hint::black_box(store.search_appeals(k, SEARCH_LIMIT)?);
            times.push(ms(t));
        }
        times
    };
    fig.month_search_p50_ms = quantile(&t_month, 0.5);
    fig.month_search_p99_ms = quantile(&t_month, 0.99);
    writeln!(
        out,
        "a month of use ({} days x {} registrations, tidy each day): \
         tidy p50 {:.1} ms, max {:.1} ms; {} index segments; search p50 {:.2} ms, p99 {:.2} ms",
        opts.month_days,
        opts.month_per_day,
        fig.tidy_day_p50_ms,
        fig.tidy_day_max_ms,
        fig.search_segments_after_month,
        fig.month_search_p50_ms,
        fig.month_search_p99_ms
    )?;

    new_work(
        &mut store,
        &actor,
        today,
        runs,
        opts.schedule_years,
        &mut fig,
        out,
    )?;
    let (p50, max, back) = essence_keystroke(store, today)?;
    store = back;
    fig.essence_key_ms = p50;
    fig.essence_key_max_ms = max;
    writeln!(
        out,
        "a keystroke into a 4,000-character essence (handled + drawn): {p50:.2} ms median, \
         {max:.2} ms max"
    )?;

    // Quarterly report and xlsx export of the last full quarter.
    let (from, to) = previous_quarter(today);
    let mut t_rep = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let c = quarter_report(&store, from, to)?;
        t_rep.push(ms(t));
        fig.quarter_rows = c.total;
    }
    fig.quarter_report_ms = median(&t_rep);
    let xlsx = temp_path("quarter").with_extension("xlsx");
    let t = Instant::now();
    let n = export_quarter_xlsx(&store, from, to, &xlsx);
    fig.xlsx_export_ms = ms(t);
    let _ = std::fs::remove_file(&xlsx);
    let n = n?;
    writeln!(
        out,
        "quarter {from}..{to} ({} appeals): report {:.1} ms, xlsx export {:.0} ms ({n} rows)",
        fig.quarter_rows, fig.quarter_report_ms, fig.xlsx_export_ms
    )?;

    fig.peak_rss_mb = peak_rss_mb();
    writeln!(
        out,
        "peak memory (VmHWM): {:.1} MB ({:.1} MB before the import step)",
        fig.peak_rss_mb, fig.peak_rss_before_import_mb
    )?;
    Ok(fig)
}

/// Budgets of the work the reception days and the desk added (issue 12): the
/// per-official queues, a month's schedule with ten years of sessions and a
/// booking, the board's refresh after a call and its idle check, a keystroke into
/// a 4,000-character essence.
fn new_work(
    store: &mut Store,
    actor: &Actor,
    today: NaiveDate,
    runs: usize,
    years: usize,
    fig: &mut Figures,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use crate::domain::schedule::{Recurrence, Rule, SessionFormat};
    use chrono::{NaiveTime, Weekday};
    let now = today.and_hms_opt(9, 0, 0).unwrap_or_default();
    let cal = crate::assets::shipped_calendar();
    // Years of sessions (ten by default): each official receives every Tuesday (a reused
    // database keeps them; generating is repeatable).
    let officials = store.officials(true)?;
    if store.rules(None)?.is_empty() {
        for (i, o) in officials.iter().enumerate() {
            let start = NaiveTime::from_hms_opt(9 + (i as u32 % 6), 0, 0).unwrap_or_default();
            store.add_rule(
                actor,
                now,
                &Rule {
                    id: 0,
                    official_id: o.id,
                    recurrence: Recurrence::Weekly(Weekday::Tue),
                    start,
                    end: start + Duration::hours(2),
                    place: "101".into(),
                    format: SessionFormat::InPerson,
                    slot_minutes: 15,
                },
            )?;
        }
    }
    let t = Instant::now();
    let back = Duration::days(365 * years.max(1) as i64);
    let mut month = today - back;
    while month <= today + Duration::days(40) {
        store.generate_month(actor, now, month.year(), month.month(), &cal)?;
        month += Duration::days(28);
    }
    let gen_s = t.elapsed().as_secs_f64();
    let sessions: i64 = store
        .sessions_between(today - back, today + Duration::days(40))?
        .len() as i64;
    fig.schedule_sessions = sessions;
    let next = today + Duration::days(31);
    let mut t_month = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let rows = store.sessions_of_month(next.year(), next.month())?;
        let warnings = store.schedule_warnings(next.year(), next.month(), &cal)?;
        t_month.push(ms(t));
        std::hint::black_box((rows, warnings));
    }
    fig.schedule_month_ms = median(&t_month);
    // A booking: a new appeal into the next free slot of a session next month.
    let session = store
        .sessions_of_month(next.year(), next.month())?
        .into_iter()
        .find(|r| r.booked < r.slots)
        .map(|r| r.session.id);
    let mut t_book = Vec::new();
    if let Some(session_id) = session {
        for i in 0..runs.min(4) {
            let reg =
                store.register_appeal(actor, now, today, PREFIX, &walk_in_draft(90_000 + i))?;
            let t = Instant::now();
            store.book(
                actor,
                now,
                &crate::store::BookingRequest {
                    appeal_id: reg.appeal_id,
                    session_id,
                    time: None,
                    video_consent: false,
                },
            )?;
            t_book.push(ms(t));
        }
    }
    fig.booking_ms = median(&t_book);
    writeln!(
        out,
        "schedule: {sessions} sessions over {years} years (generated in {gen_s:.1} s); a month's \
         view with its warnings {:.2} ms; a booking {:.2} ms",
        fig.schedule_month_ms, fig.booking_ms
    )?;

    // One queue per official, today.
    let mut t_q = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let q = std::hint::black_box(store.official_queues(today)?);
        t_q.push(ms(t));
        fig.official_queue_entries = queue_entries(&q);
    }
    fig.official_queues_ms = median(&t_q);
    let per_entry = |ms: f64, n: usize| ms / n.max(1) as f64;
    fig.official_queues_ratio = per_entry(fig.official_queues_ms, fig.official_queue_entries)
        / per_entry(
            fig.official_queues_small_ms,
            fig.official_queue_entries_small,
        )
        .max(1e-9);

    // The board: what it does after a call (read the view, draw it), and what it
    // does between calls (one `PRAGMA data_version` every 250 ms).
    store.call_next_for(actor, now, None)?;
    let mut t_board = Vec::new();
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    for _ in 0..runs {
        let t = Instant::now();
        let view = crate::board::load(store, today)?;
        term.draw(|f| crate::board::draw(f, &view, &crate::board::Screen::default()))?;
        t_board.push(ms(t));
    }
    fig.board_refresh_ms = median(&t_board);
    let t = Instant::now();
    for _ in 0..1000 {
        std::hint::black_box(store.data_version()?);
    }
    fig.board_idle_check_us = t.elapsed().as_secs_f64() * 1e6 / 1000.0;
    writeln!(
        out,
        "per-official queues today: 1k rows {:.2} ms ({} entries), this size {:.2} ms ({} entries), \
         per entry {:.2}x; board after a call {:.2} ms (load + draw), idle check {:.1} us every 250 ms",
        fig.official_queues_small_ms,
        fig.official_queue_entries_small,
        fig.official_queues_ms,
        fig.official_queue_entries,
        fig.official_queues_ratio,
        fig.board_refresh_ms,
        fig.board_idle_check_us
    )?;
    Ok(())
}

/// Arrived and expected applicants in a day's per-official queues.
fn queue_entries(q: &[crate::store::OfficialQueue]) -> usize {
    q.iter().map(|o| o.entries.len() + o.expected.len()).sum()
}

/// A keystroke typed into a 4,000-character essence on the registration form:
/// the key handled and the frame drawn by the real desk (120x40).
fn essence_keystroke(store: Store, today: NaiveDate) -> anyhow::Result<(f64, f64, Store)> {
    use crate::ui::screens::register::RegField;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = desk(store, today)?;
    app.on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    let long: String = "Жер телімі туралы өтініш, "
        .chars()
        .cycle()
        .take(4_000)
        .collect();
    app.screens.register.form.set_text(RegField::Essence, &long);
    app.screens.register.form.focus_on(RegField::Essence);
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    term.draw(|f| crate::ui::draw::draw(f, &mut app))?;
    let mut times = Vec::new();
    for c in "ауызша айтылды".chars().cycle().take(60) {
        let t = Instant::now();
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        term.draw(|f| crate::ui::draw::draw(f, &mut app))?;
        times.push(ms(t));
    }
    Ok((median(&times), quantile(&times, 1.0), app.ctx.store))
}

/// What a keystroke searches by, as the store decides (for the breakdown).
fn query_kind(q: &str) -> &'static str {
    use crate::store::search::{phone_query, reg_no_prefix};
    if reg_no_prefix(q).is_some() {
        "registration number"
    } else if phone_query(q).is_some() && q.trim().contains(' ') {
        "phone fragment"
    } else if q.trim().chars().all(|c| c.is_ascii_digit()) {
        "digits (IIN, sequence, phone)"
    } else {
        "name"
    }
}

/// p50/p99 per kind of query and the slowest keystrokes (synthetic names only).
fn write_search_breakdown(
    out: &mut dyn Write,
    keys: &[String],
    times: &[f64],
) -> anyhow::Result<()> {
    let mut kinds: Vec<(&str, Vec<f64>)> = Vec::new();
    for (k, t) in keys.iter().zip(times) {
        let kind = query_kind(k);
        match kinds.iter_mut().find(|(n, _)| *n == kind) {
            Some((_, v)) => v.push(*t),
            None => kinds.push((kind, vec![*t])),
        }
    }
    for (kind, v) in &kinds {
        writeln!(
            out,
            "  {kind}: {} keystrokes, p50 {:.2} ms, p99 {:.2} ms",
            v.len(),
            quantile(v, 0.5),
            quantile(v, 0.99)
        )?;
    }
    let mut slow: Vec<(f64, &String)> = times.iter().copied().zip(keys).collect();
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    let list: Vec<String> = slow
        .iter()
        .take(5)
        .map(|(t, k)| format!("\"{k}\" {t:.1} ms"))
        .collect();
    writeln!(out, "  slowest: {}", list.join(", "))?;
    Ok(())
}

/// `qabyldau bench [--rows N] [--json]` (global `--db PATH` keeps the database).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Synthetic appeals (1_000_000 is ten years of a large district); from 100_000 on the
    /// import takes 20,000 journal rows and the simulated month 30 days, below that fewer
    #[arg(long, value_name = "N", default_value = "1000000", value_parser = rows)]
    pub rows: u64,
    /// End the output with one JSON object of the figures
    #[arg(long)]
    pub json: bool,
    /// Also time the first frame and search with the database dropped from the OS page
    /// cache (Linux, as root: it drops the whole machine's clean cache)
    #[arg(long)]
    pub cold: bool,
}

fn rows(v: &str) -> Result<u64, String> {
    v.replace(['_', ','], "")
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("'{v}' is not a positive number"))
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    // The import (20,000 rows) and the month of use are sized for an office's
    // database; a small trial run (`--rows 1000`) imports as many rows as it has
    // appeals and simulates a week.
    let large = args.rows >= 100_000;
    let opts = BenchOptions {
        rows: args.rows,
        import_rows: (args.rows as usize).clamp(100, 20_000),
        month_days: if large { 30 } else { 5 },
        month_per_day: if large { 60 } else { 20 },
        db: global
            .db
            .clone()
            .filter(|p| !global.db_from_env && !p.as_os_str().is_empty()),
        cold: args.cold,
        ..Default::default()
    };
    let json = args.json;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let cancel = crate::cancel::ctrl_c();
    let mut out = CancelWriter {
        inner: &mut lock,
        cancel: cancel.clone(),
    };
    let fig = bench(&opts, &mut out).map_err(|e| {
        if cancel.is_cancelled() {
            CliError::cancelled("bench")
        } else {
            CliError {
                message: format!("bench: {e:#}"),
                code: 1,
            }
        }
    })?;
    if json {
        let line = serde_json::to_string(&fig).map_err(|e| CliError {
            message: format!("bench: {e}"),
            code: 1,
        })?;
        let _ = writeln!(out, "{line}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile(&v, 0.5), 50.0);
        assert_eq!(quantile(&v, 0.99), 99.0);
        assert_eq!(quantile(&v, 1.0), 100.0);
        assert_eq!(quantile(&[3.0, 1.0, 2.0], 0.5), 2.0);
        assert_eq!(quantile(&[], 0.5), 0.0);
    }

    #[test]
    fn previous_quarter_of_a_day() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(
            previous_quarter(d(2026, 3, 16)),
            (d(2025, 10, 1), d(2025, 12, 31))
        );
        assert_eq!(
            previous_quarter(d(2026, 5, 2)),
            (d(2026, 1, 1), d(2026, 3, 31))
        );
        assert_eq!(
            previous_quarter(d(2026, 12, 31)),
            (d(2026, 7, 1), d(2026, 9, 30))
        );
    }

    #[test]
    fn typed_variants_fold_to_the_same_name() {
        use crate::domain::fold::fold;
        for s in ["Қайратова", "Өмірбеков", "Жұмабаев", "Шәріпов", "Әуезов"]
        {
            assert_eq!(fold(&latin(s)), fold(s), "{s} / {}", latin(s));
            assert_eq!(fold(&russian_letters(s)), fold(s), "{s}");
        }
        assert_eq!(latin("Қайратов"), "Qairatov");
    }
}
