//! The working-day calendar with fixed dates across the holidays of Kazakhstan,
//! the calendar commands, and properties of adding working days.
use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use qabyldau::cli::calendar::run_with;
use qabyldau::domain::calendar::Calendar;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn cal() -> Calendar {
    qabyldau::assets::shipped_calendar()
}

#[test]
fn working_days_across_holidays() {
    let c = cal();
    // (date, is a working day, why)
    let table = [
        ("2025-12-31", true, "year end, Wednesday"),
        ("2026-01-01", false, "New Year"),
        ("2026-01-02", false, "New Year"),
        ("2026-01-05", true, "first working day of 2026"),
        ("2026-01-07", false, "Orthodox Christmas"),
        (
            "2025-01-03",
            false,
            "2025 decree: day off moved from Sunday 5 January",
        ),
        ("2025-01-05", true, "2025 decree: working Sunday"),
        ("2026-03-06", true, "Friday before 8 March"),
        (
            "2026-03-09",
            false,
            "8 March is a Sunday: carried to Monday",
        ),
        (
            "2025-03-08",
            false,
            "8 March 2025 is a Saturday: a day off anyway",
        ),
        (
            "2025-03-10",
            false,
            "8 March 2025 on Saturday: carried to Monday 10 March",
        ),
        ("2026-03-23", false, "Nauryz"),
        ("2026-03-24", false, "Nauryz 21 March (Saturday) carried"),
        ("2026-03-25", false, "Nauryz 22 March (Sunday) carried"),
        ("2026-03-26", true, "after Nauryz"),
        ("2024-03-21", false, "Nauryz 2024"),
        ("2024-03-22", false, "Nauryz 2024"),
        (
            "2024-03-25",
            false,
            "Nauryz 23 March 2024 (Saturday) carried",
        ),
        ("2026-05-01", false, "Unity Day"),
        ("2026-05-07", false, "Defender of the Fatherland Day"),
        ("2026-05-08", true, "between the May holidays"),
        ("2026-05-11", false, "Victory Day (Saturday) carried"),
        ("2024-05-04", true, "2024 decree: working Saturday"),
        (
            "2024-05-08",
            false,
            "2024 decree: day off moved to Wednesday",
        ),
        ("2026-05-27", false, "Kurban ait"),
        ("2024-06-16", false, "Kurban ait 2024 on Sunday"),
        ("2024-06-17", true, "Kurban ait is religious: no carry-over"),
        ("2026-07-06", false, "Capital Day"),
        ("2024-07-08", false, "Capital Day 2024 (Saturday) carried"),
        ("2023-07-01", true, "2023 decree: working Saturday"),
        ("2023-07-07", false, "2023 decree: day off moved to Friday"),
        (
            "2025-08-29",
            true,
            "Friday before Constitution Day 2025 (Saturday 30 August)",
        ),
        ("2025-09-01", false, "Constitution Day 2025 carried"),
        ("2026-08-31", true, "2026: no Constitution Day off"),
        ("2027-08-30", true, "2027: Constitution Day is 15 March"),
        ("2027-03-15", false, "Constitution Day from 2027"),
        (
            "2021-10-25",
            true,
            "Republic Day was not a holiday before 2022",
        ),
        (
            "2022-10-24",
            false,
            "2022 decree: day off moved from Saturday 22 October",
        ),
        ("2022-10-25", false, "Republic Day 2022"),
        ("2022-10-22", true, "2022 decree: working Saturday"),
        ("2025-10-27", false, "Republic Day 2025 (Saturday) carried"),
        ("2026-10-26", false, "Republic Day 2026 (Sunday) carried"),
        ("2026-12-16", false, "Independence Day"),
        ("2026-12-17", true, "17 December is worked from 2022"),
        ("2021-12-17", false, "17 December was off until 2021"),
        ("2021-12-01", false, "Day of the First President until 2021"),
        ("2022-12-01", true, "abolished from 2022"),
        ("2026-12-31", true, "year end"),
        ("2027-01-01", false, "New Year 2027"),
    ];
    for (date, working, why) in table {
        assert_eq!(c.is_working_day(d(date)), working, "{date}: {why}");
    }
}

#[test]
fn adding_working_days_across_holidays() {
    let c = cal();
    let table = [
        ("2026-03-16", 5, "2026-03-26", "Nauryz with carry-over"),
        ("2026-03-20", 1, "2026-03-26", "Friday before Nauryz"),
        ("2026-03-20", 0, "2026-03-20", "zero days: the date itself"),
        ("2026-04-30", 3, "2026-05-06", "Unity Day"),
        (
            "2026-05-06",
            2,
            "2026-05-12",
            "7 May and the carried Victory Day",
        ),
        ("2026-12-15", 2, "2026-12-18", "Independence Day"),
        (
            "2025-12-30",
            3,
            "2026-01-06",
            "over New Year: 31.12, then 5 and 6 January",
        ),
        (
            "2026-12-30",
            2,
            "2027-01-05",
            "2 January 2027 is a Saturday: carried to Monday 4 January",
        ),
        (
            "2026-03-02",
            15,
            "2026-03-27",
            "15 working days: 9 March and Nauryz off",
        ),
        ("2026-07-03", 1, "2026-07-07", "Capital Day on Monday"),
        ("2026-03-21", 1, "2026-03-26", "from a day off"),
    ];
    for (from, n, to, why) in table {
        assert_eq!(c.add_working_days(d(from), n), d(to), "{from} + {n}: {why}");
    }
}

#[test]
fn calendar_show_lists_exceptions_sorted() {
    let mut out = Vec::new();
    run_with(&["show".into(), "2025".into()], &cal(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&"2025-01-05\twork\tЖұмыс жексенбісі / Рабочее воскресенье (03.01 демалыс / выходной 03.01)"));
    assert!(lines.iter().any(|l| l.starts_with("2025-01-03\toff\t")));
    assert!(lines.iter().any(|l| l.starts_with("2025-03-10\toff\t")));
    // Weekend holidays are not exceptions (they are days off anyway).
    assert!(!lines.iter().any(|l| l.starts_with("2025-03-08")));
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    for l in &lines {
        let parts: Vec<&str> = l.split('\t').collect();
        assert_eq!(parts.len(), 3, "{l}");
        let day = d(parts[0]);
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        assert_eq!(parts[1] == "work", weekend, "{l}");
    }
}

#[test]
fn calendar_commands_refuse_bad_input_with_code_2() {
    for args in [
        vec!["show", "20x6"],
        vec!["show"],
        vec!["add-working-days", "2026-02-30", "3"],
        vec!["add-working-days", "2026-03-16", "-1"],
        vec!["add-working-days", "2026-03-16", "many"],
        vec!["nonsense"],
    ] {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let e = run_with(&args, &cal(), &mut Vec::new()).unwrap_err();
        assert_eq!(e.code, 2, "{args:?}");
        assert!(!e.message.contains('\n'), "one line: {}", e.message);
    }
    let mut out = Vec::new();
    run_with(
        &["add-working-days".into(), "16.03.2026".into(), "5".into()],
        &cal(),
        &mut out,
    )
    .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "2026-03-26\n");
}

#[test]
fn the_binary_prints_and_exits_2_on_bad_input() {
    let bin = env!("CARGO_BIN_EXE_qabyldau");
    let ok = std::process::Command::new(bin)
        .args(["calendar", "add-working-days", "2026-03-16", "5"])
        .env("QABYLDAU_CONFIG", "/nonexistent")
        .output()
        .unwrap();
    assert!(ok.status.success());
    assert_eq!(String::from_utf8_lossy(&ok.stdout), "2026-03-26\n");
    let bad = std::process::Command::new(bin)
        .args(["calendar", "show", "year"])
        .env("QABYLDAU_CONFIG", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1);
}

proptest! {
    #[test]
    fn adding_working_days_is_monotonic_and_lands_on_a_working_day(
        offset in 0i64..(8 * 366), n in 0u32..120, m in 0u32..120
    ) {
        let c = cal();
        let start = d("2020-01-01") + chrono::Duration::days(offset);
        let a = c.add_working_days(start, n);
        let b = c.add_working_days(start, n + m);
        prop_assert!(a <= b);
        if n > 0 {
            prop_assert!(c.is_working_day(a));
            prop_assert!(a > start);
            prop_assert_eq!(c.working_days_between(start, a), n as i64);
        } else {
            prop_assert_eq!(a, start);
        }
        if m > 0 {
            prop_assert!(a < b);
        }
    }

    #[test]
    fn subtracting_undoes_adding(offset in 0i64..(8 * 366), n in 1u32..60) {
        let c = cal();
        let start = c.working_day_on_or_after(d("2020-01-01") + chrono::Duration::days(offset));
        prop_assert_eq!(c.sub_working_days(c.add_working_days(start, n), n), start);
    }
}

/// The Government's transfer decrees 2020-2026, each with the days it made off and the
/// weekend days it made working. The shipped calendar must hold exactly these.
const DECREES: &[(&str, &[&str], &[&str])] = &[
    (
        "№ 820 от 2019",
        &["2020-01-03", "2020-05-08", "2020-12-18"],
        &["2020-01-05", "2020-05-11", "2020-12-20"],
    ),
    ("№ 930 от 2020", &["2021-07-05"], &["2021-07-03"]),
    (
        "№ 713 от 06.10.2021",
        &["2022-03-07", "2022-08-29"],
        &["2022-03-05", "2022-08-27"],
    ),
    ("№ 796 от 2022", &["2022-10-24"], &["2022-10-22"]),
    ("№ 326 от 2023", &["2023-07-07"], &["2023-07-01"]),
    ("№ 109 от 2024", &["2024-05-08"], &["2024-05-04"]),
    ("№ 436 от 2024", &["2025-01-03"], &["2025-01-05"]),
];

#[test]
fn every_transfer_decree_is_in_the_calendar_as_decreed() {
    use qabyldau::domain::calendar::{CalendarData, DayKindCode};
    let data = CalendarData::parse(qabyldau::assets::CALENDAR_KZ).unwrap();
    let c = cal();
    let transfers: Vec<_> = data.day.iter().filter(|d| !d.religious).collect();
    for (decree, off, work) in DECREES {
        let mut want: Vec<(NaiveDate, DayKindCode)> = off
            .iter()
            .map(|s| (d(s), DayKindCode::Off))
            .chain(work.iter().map(|s| (d(s), DayKindCode::Work)))
            .collect();
        want.sort_by_key(|x| x.0);
        let mut got: Vec<(NaiveDate, DayKindCode)> = transfers
            .iter()
            .filter(|t| t.source.contains(decree))
            .map(|t| (t.date, t.kind))
            .collect();
        got.sort_by_key(|x| x.0);
        assert_eq!(got, want, "decree {decree}");
        for s in *off {
            assert!(!c.is_working_day(d(s)), "{decree}: {s} is a day off");
        }
        for s in *work {
            assert!(c.is_working_day(d(s)), "{decree}: {s} is worked");
        }
    }
    // No transfer without one of these decrees as its source.
    for t in &transfers {
        assert!(
            DECREES
                .iter()
                .any(|(decree, _, _)| t.source.contains(decree)),
            "{} has no known decree: {:?}",
            t.date,
            t.source
        );
    }
    // No transfer is decreed for 2026.
    assert!(!transfers.iter().any(|t| t.date.year() == 2026));
}

#[test]
fn decree_820_of_2019_moved_the_day_off_from_11_to_8_may_2020() {
    let c = cal();
    assert!(
        !c.is_working_day(d("2020-05-07")),
        "Defender of the Fatherland Day"
    );
    assert!(!c.is_working_day(d("2020-05-08")), "the moved day off");
    assert!(c.is_working_day(d("2020-05-11")), "Monday 11 May worked");
    assert!(c.is_working_day(d("2020-05-12")));
}

#[test]
fn deadlines_across_each_decree() {
    let c = cal();
    // (from, working days, due, decree)
    let table = [
        (
            "2019-12-31",
            1,
            "2020-01-05",
            "820: working Sunday 5 January 2020",
        ),
        (
            "2020-05-06",
            1,
            "2020-05-11",
            "820: 8 May off, 11 May worked",
        ),
        (
            "2020-05-06",
            3,
            "2020-05-13",
            "820: across the May holidays",
        ),
        (
            "2020-12-15",
            1,
            "2020-12-20",
            "820: working Sunday 20 December 2020",
        ),
        (
            "2021-07-02",
            1,
            "2021-07-03",
            "930: working Saturday 3 July 2021",
        ),
        (
            "2021-07-02",
            2,
            "2021-07-07",
            "930: 5 July off, 6 July Capital Day",
        ),
        (
            "2022-03-04",
            2,
            "2022-03-09",
            "713: 7 March off, 8 March holiday",
        ),
        (
            "2022-08-26",
            2,
            "2022-08-31",
            "713: 29 August off, 30 August holiday",
        ),
        (
            "2022-10-21",
            2,
            "2022-10-26",
            "796: 24 October off, 25 Republic Day",
        ),
        (
            "2023-06-30",
            2,
            "2023-07-03",
            "326: working Saturday 1 July 2023",
        ),
        (
            "2023-07-05",
            1,
            "2023-07-10",
            "326: 6 July Capital Day, 7 July off",
        ),
        (
            "2024-05-03",
            1,
            "2024-05-04",
            "109: working Saturday 4 May 2024",
        ),
        ("2024-05-06", 1, "2024-05-10", "109: 7, 8 and 9 May off"),
        (
            "2024-12-31",
            1,
            "2025-01-05",
            "436: working Sunday 5 January 2025",
        ),
        ("2024-12-31", 2, "2025-01-06", "436: then Monday 6 January"),
    ];
    for (from, n, to, why) in table {
        assert_eq!(c.add_working_days(d(from), n), d(to), "{from} + {n}: {why}");
    }
    // The 2023 answer deadline (15 working days) across the May 2020 holidays.
    let p = qabyldau::assets::default_profile();
    assert_eq!(
        qabyldau::domain::deadlines::due(&p, "answer_reception_date", d("2020-04-30"), &c),
        // 1 May off; 4-6 May (3), 7-8 off, 11-15 (8), 18-22 (13), 25-26 (15).
        Some(d("2020-05-26"))
    );
}
