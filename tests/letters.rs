//! Every letter to the applicant in Kazakh and Russian, filled from a real appeal and
//! its step, as HTML and as PDF whose text (extracted with poppler's pdftotext, as in
//! tests/reports.rs) holds the applicant's name, the dates and the Kazakh letters.
mod common;
use chrono::NaiveTime;
use common::*;
use qabyldau::assets::{letter_template, shipped_letter};
use qabyldau::docs::letters::{self, LetterError, LetterInput, LetterKind};
use qabyldau::domain::lifecycle::Transition;
use qabyldau::domain::schedule::{SessionDraft, SessionFormat, SessionOrigin};
use qabyldau::domain::{Channel, Lang, Official};
use qabyldau::store::{Actor, Store};

struct Case {
    kind: LetterKind,
    /// Dates the letter must show (besides the registration date).
    dates: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        kind: LetterKind::ReceptionDate,
        dates: &["17.03.2026", "10:30"],
    },
    Case {
        kind: LetterKind::Extension,
        dates: &["31.03.2026", "10.03.2026"],
    },
    Case {
        kind: LetterKind::DraftRefusal,
        // Hearing draft sent 10 March: the decision not before 13 March (APPC art. 73).
        dates: &["10.03.2026", "13.03.2026"],
    },
    Case {
        kind: LetterKind::NotConsidered,
        dates: &[],
    },
    Case {
        kind: LetterKind::FixDefects,
        dates: &["16.03.2026"],
    },
    Case {
        kind: LetterKind::Redirect,
        dates: &["04.03.2026"],
    },
];

/// An appeal registered on 2 March 2026 with the step of `kind` and its outgoing number.
fn appeal_with_step(s: &mut Store, kind: LetterKind) -> (i64, i64) {
    let a = Actor::system();
    let d1 = day(2026, 3, 2);
    let mut d = draft("Өмірбекова", "Айгүл", "Жер телімін беру туралы");
    d.applicant.address = "Хромтау қ., Абай к-сі, 12".into();
    let step = match kind {
        LetterKind::ReceptionDate => Some(Transition::Schedule {
            date: day(2026, 3, 17),
            time: NaiveTime::from_hms_opt(10, 30, 0).unwrap(),
            official_id: 1,
        }),
        LetterKind::Extension => Some(Transition::Extend {
            letter_on: day(2026, 3, 10),
            new_due: day(2026, 3, 31),
        }),
        LetterKind::DraftRefusal => Some(Transition::ScreenOut {
            ground: "court_act_exists".into(),
            hearing_sent_on: day(2026, 3, 10),
        }),
        LetterKind::NotConsidered => {
            d.channel = Some(Channel::Paper);
            d.essence = String::new();
            None
        }
        LetterKind::FixDefects => Some(Transition::RequestFix {
            fix_by: day(2026, 3, 16),
        }),
        LetterKind::Redirect => Some(Transition::Redirect {
            sent_on: day(2026, 3, 4),
            to: "Ақтөбе облысының көші-қон департаменті".into(),
        }),
    };
    let r = s.register_appeal(&a, at(d1, 9, 0), d1, "KHR", &d).unwrap();
    if kind == LetterKind::ReceptionDate {
        // The official receives on 17 March from 10:00 (a session of the schedule).
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        s.add_session(
            &a,
            at(d1, 8, 0),
            &SessionDraft {
                official_id: 1,
                day: day(2026, 3, 17),
                start: t(10, 0),
                end: t(12, 0),
                place: "каб. 210".into(),
                format: SessionFormat::InPerson,
                slot_minutes: 30,
                origin: SessionOrigin::Schedule,
                rule_id: None,
                instruction_no: String::new(),
                instruction_date: None,
            },
            &qabyldau::assets::shipped_calendar(),
        )
        .unwrap();
    }
    if let Some(t) = step {
        s.record_step(&a, at(d1, 11, 0), r.appeal_id, "registered", &t, None)
            .unwrap();
    }
    let ev = s
        .step_records(r.appeal_id)
        .unwrap()
        .last()
        .unwrap()
        .event_id;
    s.set_step_letter(
        &a,
        at(d1, 11, 5),
        r.appeal_id,
        ev,
        "01-15/123",
        day(2026, 3, 3),
    )
    .unwrap();
    (r.appeal_id, ev)
}

fn pdf_text(pdf: &[u8], dir: &std::path::Path, name: &str) -> Option<String> {
    let file = dir.join(name);
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success());
    // Lines may wrap anywhere: compare with the white space folded.
    Some(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[test]
fn every_letter_in_both_languages_as_html_and_pdf() {
    let (dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let official = s
        .add_official(
            &Actor::system(),
            at(day(2026, 3, 2), 8, 0),
            &Official {
                surname: "Бекет".into(),
                name: "Асқар".into(),
                position_kk: "аудан әкімінің орынбасары".into(),
                position_ru: "заместитель акима района".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(official, 1);
    let officials = s.officials(true).unwrap();
    let profile = qabyldau::assets::default_profile();
    let cal = qabyldau::assets::shipped_calendar();
    let mut extracted = 0;
    for case in CASES {
        let (appeal_id, event_id) = appeal_with_step(&mut s, case.kind);
        let appeal = s.appeal(appeal_id).unwrap();
        let steps = s.step_records(appeal_id).unwrap();
        for lang in [Lang::Kk, Lang::Ru] {
            let input = LetterInput {
                office: match lang {
                    Lang::Kk => "Хромтау ауданы әкімінің аппараты".into(),
                    Lang::Ru => "Аппарат акима Хромтауского района".into(),
                },
                signer: "Жауапты қызметкер / Ответственный работник".into(),
                defects: match lang {
                    Lang::Kk => "арыз иесінің қолы жоқ".into(),
                    Lang::Ru => "нет подписи заявителя".into(),
                },
            };
            let letter = letters::letter(
                case.kind, lang, &appeal, &steps, &profile, &cal, &officials, &input,
            )
            .unwrap();
            assert_eq!(letter.event_id, event_id);
            let (template, warnings) = letter_template(None, case.kind, lang);
            assert!(warnings.is_empty());
            let html = letters::html(&template, &letter);
            assert!(!html.contains("{{"), "{:?} {lang:?}: all filled", case.kind);
            let mut want: Vec<&str> = vec![
                "Өмірбекова Айгүл",
                "02.03.2026",
                "01-15/123",
                "03.03.2026",
                appeal.reg_no.as_str(),
            ];
            want.extend(case.dates);
            match case.kind {
                LetterKind::Redirect => want.push("Ақтөбе облысының көші-қон департаменті"),
                LetterKind::ReceptionDate => want.push("Бекет Асқар"),
                LetterKind::FixDefects => want.push(&input.defects),
                _ => {}
            }
            // The Kazakh letter is in Kazakh (its own letters), the Russian one in Russian.
            let marker = match lang {
                Lang::Kk => "Құрметті",
                Lang::Ru => "Уважаемый(ая)",
            };
            want.push(marker);
            for w in &want {
                assert!(html.contains(w), "{:?} {lang:?} HTML lacks {w}", case.kind);
            }
            let text = letters::paragraphs(&html).join(" ");
            let pdf = letters::pdf(&html, &letters::paragraphs(&html)[0]).unwrap();
            assert!(pdf.starts_with(b"%PDF"));
            assert!(pdf.windows(6).any(|w| w == b"DejaVu"), "font embedded");
            if let Some(pdf_text) = pdf_text(
                &pdf,
                dir.path(),
                &format!("{}.{}.pdf", case.kind.code(), lang.code()),
            ) {
                extracted += 1;
                for w in &want {
                    assert!(
                        pdf_text.contains(w),
                        "{:?} {lang:?} PDF lacks {w}:\n{pdf_text}",
                        case.kind
                    );
                }
                if lang == Lang::Kk {
                    for ch in ['ә', 'қ', 'ұ', 'ү', 'і', 'Ө'] {
                        assert!(pdf_text.contains(ch), "{:?}: Kazakh letter {ch}", case.kind);
                    }
                }
            }
            assert!(text.contains(marker));
        }
    }
    // CI installs poppler-utils; where it is missing the HTML checks above still ran.
    if extracted == 0 {
        eprintln!("pdftotext not found: PDF text not checked");
    }
}

#[test]
fn a_letter_needs_its_step_and_the_defects() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let (appeal_id, _) = appeal_with_step(&mut s, LetterKind::FixDefects);
    let appeal = s.appeal(appeal_id).unwrap();
    let steps = s.step_records(appeal_id).unwrap();
    let profile = qabyldau::assets::default_profile();
    let cal = qabyldau::assets::shipped_calendar();
    let make = |kind, defects: &str| {
        letters::letter(
            kind,
            Lang::Ru,
            &appeal,
            &steps,
            &profile,
            &cal,
            &[],
            &LetterInput {
                defects: defects.into(),
                ..Default::default()
            },
        )
    };
    assert_eq!(
        make(LetterKind::Redirect, "").unwrap_err(),
        LetterError::NoStep
    );
    assert_eq!(
        make(LetterKind::FixDefects, " ").unwrap_err(),
        LetterError::DefectsMissing
    );
    assert!(make(LetterKind::FixDefects, "нет подписи").is_ok());
}

#[test]
fn an_office_template_takes_precedence_and_a_broken_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let letters_dir = dir.path().join("letters");
    std::fs::create_dir_all(&letters_dir).unwrap();
    let own = "<html><body>\n<p>Біздің хат: {{applicant}}, {{sent_on}}, {{redirect_to}}</p>\n</body></html>\n";
    std::fs::write(letters_dir.join("redirect.kk.html"), own).unwrap();
    let (t, w) = letter_template(Some(dir.path()), LetterKind::Redirect, Lang::Kk);
    assert_eq!(t, own);
    assert!(w.is_empty());
    // The Russian one is not overridden.
    let (t, _) = letter_template(Some(dir.path()), LetterKind::Redirect, Lang::Ru);
    assert_eq!(t, shipped_letter(LetterKind::Redirect, Lang::Ru));
    // A broken template: reported with its file and line, the shipped one used.
    std::fs::write(
        letters_dir.join("extension.ru.html"),
        "<html><body>\n<p>{{applicant}}</p>\n<p>до {{new_duе}}</p>\n</body></html>\n",
    )
    .unwrap();
    let (t, w) = letter_template(Some(dir.path()), LetterKind::Extension, Lang::Ru);
    assert_eq!(t, shipped_letter(LetterKind::Extension, Lang::Ru));
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("extension.ru.html: line 3:"), "{}", w[0]);
    assert!(w[0].contains("new_duе"), "{}", w[0]);
}

#[test]
fn letter_and_journal_commands_write_their_files() {
    let (dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let (appeal_id, _) = appeal_with_step(&mut s, LetterKind::Redirect);
    let reg_no = s.appeal(appeal_id).unwrap().reg_no;
    let html = dir.path().join("r.html");
    let w = qabyldau::cli::letter::write_letter(
        &s,
        Some(dir.path()),
        &reg_no,
        "redirect",
        Lang::Ru,
        "",
        "Ответственный работник",
        &html,
    )
    .unwrap();
    assert!(w.is_empty());
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("Өмірбекова Айгүл") && text.contains("04.03.2026"));
    assert!(text.contains("Ответственный работник"));
    let pdf = dir.path().join("r.pdf");
    qabyldau::cli::letter::write_letter(&s, None, &reg_no, "redirect", Lang::Kk, "", "", &pdf)
        .unwrap();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    for (reg, kind, out, code) in [
        (reg_no.as_str(), "thanks", "x.html", 2),
        (reg_no.as_str(), "redirect", "x.doc", 2),
        ("KHR-1999-000001", "redirect", "x.html", 2),
        (reg_no.as_str(), "extension", "x.html", 2),
    ] {
        let e = qabyldau::cli::letter::write_letter(
            &s,
            None,
            reg,
            kind,
            Lang::Kk,
            "",
            "",
            &dir.path().join(out),
        )
        .unwrap_err();
        assert_eq!(e.code, code, "{kind} {out}: {}", e.message);
        assert!(!dir.path().join(out).exists());
    }
    let journal = dir.path().join("j.xlsx");
    let n = qabyldau::cli::journal::write_journal(&s, day(2026, 3, 1), day(2026, 3, 31), &journal)
        .unwrap();
    assert_eq!(n, 1);
    assert!(std::fs::metadata(&journal).unwrap().len() > 0);
    assert_eq!(
        qabyldau::cli::journal::write_journal(&s, day(2026, 3, 31), day(2026, 3, 1), &journal)
            .unwrap_err()
            .code,
        2
    );
}

#[test]
fn the_binary_prints_a_letter_and_the_journal() {
    let (dir, path) = temp_db();
    {
        let mut s = Store::open(&path).unwrap();
        appeal_with_step(&mut s, LetterKind::Redirect);
    }
    let bin = env!("CARGO_BIN_EXE_qabyldau");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .arg("--db")
            .arg(&path)
            .args(args)
            .env("QABYLDAU_CONFIG", dir.path().join("no-config"))
            .env("QABYLDAU_NOW", "2026-03-31T12:00:00")
            .output()
            .unwrap()
    };
    let out = dir.path().join("l.html");
    let o = run(&[
        "letter",
        "KHR-2026-000001",
        "redirect",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The applicant's language (kk) by default.
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Құрметті Өмірбекова Айгүл") && html.contains("04.03.2026"));
    let o = run(&[
        "letter",
        "KHR-2026-000001",
        "redirect",
        "--letter-lang",
        "ru",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Уважаемый(ая)"));
    let o = run(&[
        "letter",
        "KHR-2026-000001",
        "thanks",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let j = dir.path().join("j.pdf");
    let o = run(&[
        "journal",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        j.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&j).unwrap().starts_with(b"%PDF"));
}
