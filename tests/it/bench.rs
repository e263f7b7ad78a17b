//! A small run of `qabyldau bench` (the full one is run by hand in release).
use crate::common;
use qabyldau::cli::bench::{bench, render_first_frame, BenchOptions, BENCH_TODAY};
use qabyldau::store::{verify_chain, Actor, Store, SynthOptions};

#[test]
fn small_bench_reports_every_figure() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.sqlite");
    let opts = BenchOptions {
        rows: 2_000,
        db: Some(db.clone()),
        progress: false,
        runs: 2,
        like_samples: 5,
        // A few months of a small office, so that the last quarter has appeals.
        per_day: 20,
        import_rows: 300,
        month_days: 3,
        month_per_day: 5,
        schedule_years: 1,
        // Dropping the page cache is for a hand run (it drops the machine's).
        cold: false,
    };
    let mut out = Vec::new();
    let fig = bench(&opts, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("search per keystroke"), "{text}");
    assert!(fig.built);
    let json = serde_json::to_value(&fig).unwrap();
    for key in [
        "rows",
        "first_frame_ms",
        "search_p50_ms",
        "search_p99_ms",
        "like_scan_p50_ms",
        "search_speedup",
        "queue_small_ms",
        "queue_large_ms",
        "register_ms",
        "quarter_report_ms",
        "xlsx_export_ms",
        "peak_rss_mb",
        "peak_rss_before_import_mb",
        "import_check_ms",
        "cold_first_frame_ms",
        "import_rows_per_s",
        "import_floor_rows_per_s",
        "import_vs_floor",
        "tidy_day_p50_ms",
        "tidy_day_max_ms",
        "month_search_p50_ms",
        "schedule_month_ms",
        "booking_ms",
        "official_queues_ms",
        "official_queues_ratio",
        "board_refresh_ms",
        "board_idle_check_us",
        "essence_key_ms",
    ] {
        let v = json[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key}: {json}"));
        assert!(v.is_finite() && v >= 0.0, "{key} = {v}");
    }
    assert_eq!(fig.rows, 2_000);
    assert!(fig.cpus >= 1);
    assert!(fig.peak_rss_before_import_mb <= fig.peak_rss_mb);
    assert!(fig.official_queue_entries_small > 0 && fig.official_queue_entries > 0);
    assert!(
        !fig.cold_cache && fig.cold_first_frame_ms == 0.0,
        "not asked"
    );
    assert!(fig.first_frame_ms > 0.0 && fig.search_p50_ms > 0.0 && fig.register_ms > 0.0);
    assert!(fig.search_p99_ms >= fig.search_p50_ms);
    assert!(fig.search_keystrokes > 50);
    assert!(fig.queue_entries > 0, "today's queue is not empty");
    assert!(fig.quarter_rows > 0, "the previous quarter has appeals");
    assert_eq!(fig.import_rows, 300);
    assert!(fig.import_rows_per_s > 0.0 && fig.import_floor_rows_per_s > 0.0);
    assert!(
        fig.search_segments_after_month >= 2,
        "both indexes have a segment"
    );
    // Reuse: the database is kept and not rebuilt.
    let again = bench(&opts, &mut Vec::new()).unwrap();
    assert!(!again.built);
    assert!(
        again.rows > 2_000,
        "the registrations of the first run are kept"
    );
}

#[test]
fn synthetic_rows_are_read_by_the_real_code() {
    let (_dir, path) = common::temp_db();
    let mut s = Store::open(&path).unwrap();
    let today = common::day(BENCH_TODAY.0, BENCH_TODAY.1, BENCH_TODAY.2);
    let rep = s
        .synthesize(&SynthOptions::new(1_500, today), &mut |_, _| {})
        .unwrap();
    assert_eq!(rep.appeals, 1_500);
    assert_eq!(s.appeal_count().unwrap(), 1_500);
    assert!(rep.applicants > 1_000 && rep.applicants < 1_500);
    assert!(rep.protocols > 0 && rep.instructions > 0);
    // Today's queue in the regulation's order, partly served.
    let q = s.queue_of(today).unwrap();
    assert!(q.len() > 50, "{}", q.len());
    assert!(q.iter().any(|e| e.status.is_done()));
    assert!(q.iter().any(|e| !e.status.is_done()));
    // Appeals read back whole; names found by folded search; valid IINs.
    let recent = s.recent_appeals(5).unwrap();
    let a = s.appeal(recent[0].id).unwrap();
    assert_eq!(a.registered_on, today);
    assert!(qabyldau::domain::Channel::ALL.contains(&a.channel));
    assert!(qabyldau::assets::default_profile()
        .topic(&a.topic)
        .is_some());
    let hits = s.search_appeals(&a.applicant.surname, 50).unwrap();
    assert!(hits.iter().any(|h| h.id == a.id));
    let with_iin = (1..=50)
        .filter_map(|id| s.appeal(id).ok())
        .find(|x| !x.applicant.iin.is_empty())
        .unwrap();
    qabyldau::domain::validate::iin(&with_iin.applicant.iin).unwrap();
    assert!(!s.on_control(None, 10).unwrap().is_empty());
    // Registration numbers continue after the synthetic ones.
    let r = s
        .register_appeal(
            &Actor::system(),
            today.and_hms_opt(17, 0, 0).unwrap(),
            today,
            "KHR",
            &common::draft("Жаңа", "Адам", "x"),
        )
        .unwrap();
    assert!(r.reg_no.starts_with("KHR-2026-"));
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
    // A second fill is refused.
    assert!(s
        .synthesize(&SynthOptions::new(10, today), &mut |_, _| {})
        .is_err());
    // The real desk draws its first screen: today's queue in the regulation's order.
    let first = q
        .iter()
        .find(|e| !e.status.is_done())
        .unwrap()
        .applicant_name
        .clone();
    let buf = render_first_frame(s, today).unwrap();
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("Бүгінгі кезек"), "the queue screen is drawn");
    assert!(
        text.contains(&first),
        "the first waiting applicant is listed"
    );
}
