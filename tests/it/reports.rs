//! The report, the survey and the documents on one fixed data set whose every
//! figure is counted by hand in the comments of `fixture`.
use crate::common;
use chrono::NaiveDate;
use common::*;
use qabyldau::domain::control::AnswerDraft;
use qabyldau::domain::survey::{CallResult, SampleSize, SurveyReason};
use qabyldau::domain::{
    AppealDraft, ApplicantKind, Channel, InstructionDraft, Official, ProtocolDraft, QueueStatus,
};
use qabyldau::store::{Actor, Report, Store};

pub struct Fixture {
    pub o1: i64,
    pub o2: i64,
    /// Appeals of Q1 2026: A1..A6.
    pub a: Vec<i64>,
    /// Applicant ids of P1, P2, P4 (the eligible ones for the survey).
    pub eligible_applicants: Vec<i64>,
}

fn person(surname: &str, name: &str, iin_prefix: Option<&str>, phone: &str) -> AppealDraft {
    let mut d = draft(surname, name, "Мәселе");
    if let Some(p) = iin_prefix {
        d.applicant.iin = iin(p);
    }
    d.applicant.phone = phone.into();
    d
}

fn official(s: &mut Store, surname: &str, name: &str) -> i64 {
    s.add_official(
        &Actor::system(),
        at(day(2024, 1, 9), 8, 0),
        &Official {
            surname: surname.into(),
            name: name.into(),
            active: true,
            ..Default::default()
        },
    )
    .unwrap()
}

fn protocol(
    s: &mut Store,
    appeal: i64,
    official: i64,
    held: NaiveDate,
    outcome: &str,
    dues: &[NaiveDate],
) -> Vec<i64> {
    s.save_protocol(
        &Actor::system(),
        at(held, 12, 0),
        &ProtocolDraft {
            appeal_id: appeal,
            official_id: Some(official),
            held_on: Some(held),
            decision: "Шешім".into(),
            outcome: Some(outcome.into()),
            instructions: dues
                .iter()
                .enumerate()
                .map(|(i, d)| InstructionDraft {
                    text: format!("Тапсырма {i}"),
                    executor: format!("Орындаушы{i} Б."),
                    due_on: Some(*d),
                })
                .collect(),
        },
    )
    .unwrap();
    s.instructions_of(appeal)
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect()
}

fn answer(s: &mut Store, ins: i64, on: NaiveDate) {
    s.answer_instruction(
        &Actor::system(),
        at(on, 17, 0),
        ins,
        &AnswerDraft {
            answered_on: Some(on),
            summary: "Жауап жіберілді".into(),
            doc_no: "01-12".into(),
        },
    )
    .unwrap();
}

fn register(s: &mut Store, on: NaiveDate, h: u32, m: u32, d: &AppealDraft) -> i64 {
    s.register_appeal(&Actor::system(), at(on, h, m), on, "KHR", d)
        .unwrap()
        .appeal_id
}

/// Builds the data set.
///
/// Q1 2026 (2026-01-01..2026-03-31):
/// - A1 2026-01-15 walk_in, P1 (IIN, phone), land, Хромтау; O1 received 01-20,
///   supported, I1 due 02-10 answered 02-05 (in time) -> appeal answered.
/// - A2 2026-02-10 phone, P1 again, land, Хромтау; O1 received 02-12, explained,
///   no instructions. Repeat of A1.
/// - A3 2026-02-11 paper, P2 (IIN, phone, disability), housing, Абай; requested
///   O2; withdrawn (declined). Repeat of C1.
/// - A4 2026-03-02 electronic, P3 legal rep (no phone), utilities, no settlement;
///   queued 09:00, called 09:30; O2 received 03-02, not_supported; I2 due 03-20
///   answered 03-25 (late), I3 due 04-10 open.
/// - A5 2026-03-16 walk_in, P4 (no IIN, phone, WWII veteran), land, Хромтау;
///   queued 10:00, called 10:50; O1 received 03-16, explained; I4 due 03-27 open.
/// - A6 2026-03-20 walk_in, P5 (IIN, no phone), no topic, Абай; returned.
///
/// Outside the period: C1 2025-12-20 P2 housing received by O2 (supported).
/// Q1 2025: B1 2025-02-03 walk_in P6 land Хромтау; B2 2025-03-05 phone P6 housing Абай.
pub fn fixture(s: &mut Store) -> Fixture {
    let o1 = official(s, "Бекет", "Асқар");
    let o2 = official(s, "Нұрланов", "Ерлан");
    let mut p6 = person("Ким", "Ольга", Some("6001014"), "");
    p6.topic = "land".into();
    register(s, day(2025, 2, 3), 9, 0, &p6);
    p6.channel = Some(Channel::Phone);
    p6.topic = "housing".into();
    p6.settlement = "Абай".into();
    p6.applicant.phone = "+7 701 000 00 06".into();
    register(s, day(2025, 3, 5), 9, 0, &p6);

    let mut p2 = person("Сейітова", "Гүлнар", Some("7502024"), "+7 701 000 00 02");
    p2.topic = "housing".into();
    p2.settlement = "Абай".into();
    let c1 = register(s, day(2025, 12, 20), 9, 0, &p2);
    protocol(s, c1, o2, day(2025, 12, 22), "supported", &[]);

    let mut a = Vec::new();
    let p1 = person("Өмірбекова", "Айгүл", Some("9005154"), "+7 701 000 00 01");
    let a1 = register(s, day(2026, 1, 15), 9, 0, &p1);
    let i1 = protocol(
        s,
        a1,
        o1,
        day(2026, 1, 20),
        "supported",
        &[day(2026, 2, 10)],
    );
    answer(s, i1[0], day(2026, 2, 5));
    a.push(a1);

    let mut p1b = p1.clone();
    p1b.channel = Some(Channel::Phone);
    let a2 = register(s, day(2026, 2, 10), 9, 0, &p1b);
    protocol(s, a2, o1, day(2026, 2, 12), "explained", &[]);
    a.push(a2);

    let mut p2b = p2.clone();
    p2b.channel = Some(Channel::Paper);
    p2b.applicant.category = Some("disability".into());
    p2b.requested_official = Some(o2);
    let a3 = register(s, day(2026, 2, 11), 9, 0, &p2b);
    s.set_appeal_status(
        &Actor::system(),
        at(day(2026, 2, 20), 9, 0),
        a3,
        "withdrawn",
        serde_json::json!({}),
    )
    .unwrap();
    a.push(a3);

    let mut p3 = person("Ахметов", "Берік", Some("8001015"), "");
    p3.applicant.kind = Some(ApplicantKind::LegalRep);
    p3.applicant.bin = "".into();
    p3.applicant.org_name = "ЖШС Су".into();
    p3.applicant.authority_doc = "Сенімхат 1".into();
    p3.channel = Some(Channel::Electronic);
    p3.topic = "utilities".into();
    p3.settlement = "".into();
    p3.receive_today = true;
    let a4 = register(s, day(2026, 3, 2), 9, 0, &p3);
    call_queue(s, day(2026, 3, 2), a4, 9, 30);
    let i = protocol(
        s,
        a4,
        o2,
        day(2026, 3, 2),
        "not_supported",
        &[day(2026, 3, 20), day(2026, 4, 10)],
    );
    answer(s, i[0], day(2026, 3, 25));
    a.push(a4);

    let mut p4 = person("Иванов", "Пётр", None, "+7 701 000 00 04");
    p4.applicant.category = Some("wwii_veteran".into());
    p4.receive_today = true;
    let a5 = register(s, day(2026, 3, 16), 10, 0, &p4);
    call_queue(s, day(2026, 3, 16), a5, 10, 50);
    protocol(
        s,
        a5,
        o1,
        day(2026, 3, 16),
        "explained",
        &[day(2026, 3, 27)],
    );
    a.push(a5);

    let mut p5 = person("Жұмабаев", "Нұрлан", Some("9907073"), "");
    p5.topic = "".into();
    p5.settlement = "Абай".into();
    let a6 = register(s, day(2026, 3, 20), 9, 0, &p5);
    s.set_appeal_status(
        &Actor::system(),
        at(day(2026, 3, 27), 9, 0),
        a6,
        "returned",
        serde_json::json!({}),
    )
    .unwrap();
    a.push(a6);

    let applicant = |s: &Store, id: i64| s.appeal(id).unwrap().applicant.id.unwrap();
    let eligible_applicants = vec![applicant(s, a2), applicant(s, a3), applicant(s, a5)];
    Fixture {
        o1,
        o2,
        a,
        eligible_applicants,
    }
}

fn call_queue(s: &mut Store, d: NaiveDate, appeal: i64, h: u32, m: u32) {
    let e = s
        .queue_of(d)
        .unwrap()
        .into_iter()
        .find(|e| e.appeal_id == appeal)
        .unwrap();
    s.move_queue_entry(
        &Actor::system(),
        at(d, h, m),
        e.id,
        QueueStatus::Called,
        None,
    )
    .unwrap();
}

fn line(lines: &[qabyldau::store::Line], code: &str) -> (i64, i64) {
    let l = lines
        .iter()
        .find(|l| l.code == code)
        .unwrap_or_else(|| panic!("no line {code}"));
    (l.count, l.prev)
}

/// Fixture plus the survey calls of the fixed set: a 100% survey with three
/// calls, two on 2026-03-30 (scores 4 and 5), one on 2026-04-02 not reached.
pub fn fixture_with_calls(s: &mut Store) -> Fixture {
    let f = fixture(s);
    let id = s
        .create_survey(
            &Actor::system(),
            at(day(2026, 3, 28), 9, 0),
            day(2026, 1, 1),
            day(2026, 3, 31),
            SampleSize::Percent(100),
            7,
        )
        .unwrap();
    let calls = s.survey_calls(id).unwrap();
    assert_eq!(calls.len(), 3);
    let results = [
        (at(day(2026, 3, 30), 10, 0), true, Some(4)),
        (at(day(2026, 3, 30), 11, 0), true, Some(5)),
        (at(day(2026, 4, 2), 10, 0), false, None),
    ];
    for (c, (when, reached, score)) in calls.iter().zip(results) {
        s.record_call(
            &Actor::system(),
            when,
            c.id,
            &CallResult {
                reached,
                score,
                comment: "Жақсы".into(),
            },
        )
        .unwrap();
    }
    f
}

fn q1_report(s: &Store, as_of: NaiveDate) -> Report {
    s.report(
        day(2026, 1, 1),
        day(2026, 3, 31),
        as_of,
        &qabyldau::assets::default_profile(),
    )
    .unwrap()
}

#[test]
fn every_report_figure_on_the_fixed_set() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let f = fixture_with_calls(&mut s);
    let r = q1_report(&s, day(2026, 3, 31));
    assert_eq!(
        (r.prev_from, r.prev_to),
        (day(2025, 1, 1), day(2025, 3, 31))
    );
    assert_eq!((r.total, r.total_prev), (6, 2));

    assert_eq!(line(&r.by_channel, "walk_in"), (3, 1));
    assert_eq!(line(&r.by_channel, "phone"), (1, 1));
    assert_eq!(line(&r.by_channel, "paper"), (1, 0));
    assert_eq!(line(&r.by_channel, "electronic"), (1, 0));
    assert_eq!(r.by_channel.len(), 4);

    assert_eq!(line(&r.by_topic, "land"), (3, 1));
    assert_eq!(line(&r.by_topic, "housing"), (1, 1));
    assert_eq!(line(&r.by_topic, "utilities"), (1, 0));
    assert_eq!(line(&r.by_topic, "education"), (0, 0));
    assert_eq!(line(&r.by_topic, ""), (1, 0));
    assert_eq!(r.by_topic.len(), 13, "12 profile topics + not stated");
    assert_eq!(r.by_topic.last().unwrap().code, "");

    let officials: Vec<(String, i64, i64)> = r
        .by_official
        .iter()
        .map(|l| (l.code.clone(), l.count, l.prev))
        .collect();
    assert_eq!(
        officials,
        vec![
            (f.o1.to_string(), 3, 0),
            (f.o2.to_string(), 2, 0),
            (String::new(), 1, 2)
        ]
    );
    assert_eq!(r.by_official[0].ru, "Бекет Асқар");

    assert_eq!(line(&r.by_outcome, "supported"), (1, 0));
    assert_eq!(line(&r.by_outcome, "partly_supported"), (0, 0));
    assert_eq!(line(&r.by_outcome, "explained"), (2, 0));
    assert_eq!(line(&r.by_outcome, "not_supported"), (1, 0));
    assert_eq!(line(&r.by_outcome, "redirected"), (0, 0));
    assert_eq!(line(&r.by_outcome, "pending"), (2, 2));
    assert_eq!(r.by_outcome.len(), 6);

    let settlements: Vec<(&str, i64, i64)> = r
        .by_settlement
        .iter()
        .map(|l| (l.code.as_str(), l.count, l.prev))
        .collect();
    assert_eq!(
        settlements,
        vec![("Хромтау", 3, 1), ("Абай", 2, 1), ("", 1, 0)]
    );

    assert_eq!(line(&r.by_category, "disability"), (1, 0));
    assert_eq!(line(&r.by_category, "wwii_veteran"), (1, 0));
    assert_eq!(line(&r.by_category, "pregnant"), (0, 0));
    assert_eq!(r.by_category.len(), 9);

    assert_eq!(line(&r.by_applicant_kind, "individual"), (5, 2));
    assert_eq!(line(&r.by_applicant_kind, "legal"), (1, 0));

    assert_eq!((r.repeat_appeals, r.repeat_appeals_prev), (2, 0));

    // I1 met, I2 late, I4 open past due; I3 is due in April.
    assert_eq!((r.deadlines.due, r.deadlines.met), (3, 1));
    assert!((r.deadlines.percent.unwrap() - 100.0 / 3.0).abs() < 1e-9);

    // 30 and 50 minutes.
    assert_eq!(r.queue.called, 2);
    assert_eq!(r.queue.avg_wait_minutes, Some(40.0));

    // Two calls in March (4 and 5), the April one is outside.
    assert_eq!(
        (r.survey.calls, r.survey.reached, r.survey.scored),
        (2, 2, 2)
    );
    assert_eq!(r.survey.avg_score, Some(4.5));

    // On 31 March: I3 (due 04-10) and I4 (due 03-27, overdue) are open.
    assert_eq!((r.control.on_control, r.control.overdue), (2, 1));
    // On 22 March I2 (answered 03-25, due 03-20) was still open and overdue.
    let early = q1_report(&s, day(2026, 3, 22));
    assert_eq!((early.control.on_control, early.control.overdue), (3, 1));

    assert_eq!(qabyldau::store::change_percent(6, 2), Some(200.0));
    assert_eq!(qabyldau::store::change_percent(1, 0), None);
    assert_eq!(f.a.len(), 6);
}

#[test]
fn survey_draws_only_eligible_applicants_deterministically() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let f = fixture(&mut s);
    let eligible = s
        .survey_eligible(day(2026, 1, 1), day(2026, 3, 31))
        .unwrap();
    let mut ids: Vec<i64> = eligible.iter().map(|e| e.applicant_id).collect();
    ids.dedup();
    let mut want = f.eligible_applicants.clone();
    want.sort();
    assert_eq!(ids, want);
    let reasons: Vec<SurveyReason> = eligible.iter().map(|e| e.reason).collect();
    assert_eq!(
        reasons,
        vec![
            SurveyReason::Declined,
            SurveyReason::Consultation,
            SurveyReason::Consultation
        ]
    );
    let draw = |s: &mut Store, seed| {
        let id = s
            .create_survey(
                &Actor::system(),
                at(day(2026, 4, 1), 9, 0),
                day(2026, 1, 1),
                day(2026, 3, 31),
                SampleSize::Count(2),
                seed,
            )
            .unwrap();
        s.survey_calls(id)
            .unwrap()
            .iter()
            .map(|c| c.applicant_id)
            .collect::<Vec<_>>()
    };
    let a = draw(&mut s, 11);
    let b = draw(&mut s, 11);
    assert_eq!(a, b);
    assert_eq!(a.len(), 2);
    assert!(a.iter().all(|x| f.eligible_applicants.contains(x)));
    assert_ne!(a[0], a[1]);
    // Percent of 3 eligible: 50% -> 2 (rounded up).
    let id = s
        .create_survey(
            &Actor::system(),
            at(day(2026, 4, 1), 9, 0),
            day(2026, 1, 1),
            day(2026, 3, 31),
            SampleSize::Percent(50),
            3,
        )
        .unwrap();
    let calls = s.survey_calls(id).unwrap();
    assert_eq!(calls.len(), 2);
    assert!(calls
        .iter()
        .all(|c| !c.phone.is_empty() && c.result.is_none()));
    assert_eq!(s.surveys().unwrap().len(), 3);
    assert_eq!(s.surveys().unwrap()[0].eligible, 3);
    // Nobody in 2024.
    assert!(s
        .create_survey(
            &Actor::system(),
            at(day(2026, 4, 1), 9, 0),
            day(2024, 1, 1),
            day(2024, 3, 31),
            SampleSize::Count(5),
            1,
        )
        .is_err());
    // A call result with a score out of range is refused.
    assert!(s
        .record_call(
            &Actor::system(),
            at(day(2026, 4, 1), 9, 0),
            calls[0].id,
            &CallResult {
                reached: true,
                score: Some(9),
                comment: String::new()
            }
        )
        .is_err());
    s.record_call(
        &Actor::system(),
        at(day(2026, 4, 1), 9, 0),
        calls[0].id,
        &CallResult {
            reached: true,
            score: Some(3),
            comment: "ок".into(),
        },
    )
    .unwrap();
    let c = &s.survey_calls(id).unwrap()[0];
    assert_eq!(c.result.as_ref().unwrap().score, Some(3));
    assert_eq!(
        qabyldau::store::verify_chain(s.conn()).unwrap().broken_at,
        None
    );
}

#[test]
fn report_documents_html_and_xlsx_keep_cyrillic() {
    use calamine::{Data, Reader, Xlsx};
    use qabyldau::docs::document::{html, xlsx, Bi};
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    fixture_with_calls(&mut s);
    let r = q1_report(&s, day(2026, 3, 31));
    let doc = qabyldau::docs::report::document(
        &r,
        &Bi::new(
            "Хромтау ауданы әкімінің аппараты",
            "Аппарат акима Хромтауского района",
        ),
    );
    let h = html(&doc);
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains(
        "Қоғамдық қабылдау бөлмесінің жұмысы туралы есеп<br>Отчет о работе общественной приемной"
    ));
    assert!(h.contains("Жер қатынастары / Земельные отношения</td><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">+200.0%</td>"));
    assert!(h.contains(
        "Сауалнама: орташа баға (1-5) / Опрос: средняя оценка (1-5)</td><td class=\"n\">4.5</td>"
    ));
    assert!(!h.contains("<script") && !h.contains("http"));

    let bytes = xlsx(&doc).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = wb.worksheet_range("Report").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let text = |d: &Data| d.to_string();
    assert_eq!(
        text(&rows[0][0]),
        "Қоғамдық қабылдау бөлмесінің жұмысы туралы есеп"
    );
    assert_eq!(text(&rows[1][0]), "Отчет о работе общественной приемной");
    let find = |label: &str| {
        rows.iter()
            .find(|r| text(&r[0]) == label)
            .unwrap_or_else(|| panic!("{label}"))
    };
    let land = find("Жер қатынастары / Земельные отношения");
    assert_eq!(land[1], Data::Float(3.0));
    assert_eq!(land[2], Data::Float(1.0));
    assert_eq!(land[3], Data::Float(200.0));
    let wait = find("Кезекте орташа күту, мин / Среднее ожидание в очереди, мин");
    assert_eq!(wait[1], Data::Float(40.0));
    let hromtau = find("Хромтау");
    assert_eq!(hromtau[1], Data::Float(3.0));
    let pct = find("Мерзімінде орындалу, % / Исполнено в срок, %");
    match &pct[1] {
        Data::Float(x) => assert!((x - 100.0 / 3.0).abs() < 1e-9),
        other => panic!("{other:?}"),
    }

    // PDF with the Unicode font embedded; where poppler's pdftotext is installed
    // (CI installs it) the Kazakh and Russian text is read back.
    let pdf = qabyldau::docs::document::pdf(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.windows(6).any(|w| w == b"DejaVu"), "font embedded");
    let file = _dir.path().join("r.pdf");
    std::fs::write(&file, &pdf).unwrap();
    if let Ok(out) = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Қоғамдық қабылдау бөлмесінің жұмысы туралы есеп"),
            "{text}"
        );
        assert!(
            text.contains("Отчет о работе общественной приемной"),
            "{text}"
        );
        assert!(text.contains("Жер қатынастары"), "{text}");
    }
}

#[test]
fn report_command_writes_the_file() {
    let (dir, path) = temp_db();
    {
        let mut s = Store::open(&path).unwrap();
        fixture_with_calls(&mut s);
    }
    let out = dir.path().join("q1.html");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_qabyldau"))
            .args(args)
            .env("QABYLDAU_NOW", "2026-04-15T09:00:00")
            .output()
            .unwrap()
    };
    let db = path.to_str().unwrap();
    let o = run(&[
        "--db",
        db,
        "report",
        "--quarter",
        "2026Q1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let h = std::fs::read_to_string(&out).unwrap();
    assert!(h.contains("01.01.2026 – 31.03.2026"));
    let bad = run(&[
        "--db",
        db,
        "report",
        "--from",
        "2026-13-01",
        "--to",
        "2026-03-31",
        "--format",
        "html",
        "--out",
        "x.html",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a date"));
    let xl = dir.path().join("q1.xlsx");
    let o = run(&[
        "--db",
        db,
        "report",
        "--from",
        "01.01.2026",
        "--to",
        "31.03.2026",
        "--out",
        xl.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(std::fs::metadata(&xl).unwrap().len() > 1000);
}
