//! The regulation profiles as the seeds say (citations, each profile's distinct rules)
//! and the redirect by competence as the next action, with fixed dates.
use chrono::NaiveDate;
use qabyldau::assets::{load_profile, shipped_calendar, PROFILES};
use qabyldau::domain::deadlines::{due, registration_due};
use qabyldau::domain::lifecycle::*;
use qabyldau::domain::profile::{is_citation, Profile};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn profile(id: &str) -> Profile {
    let (p, w) = load_profile(None, Some(id));
    assert!(w.is_empty());
    assert_eq!(p.id, id);
    p
}

#[test]
fn every_rule_of_every_profile_carries_a_citation() {
    assert_eq!(PROFILES.len(), 3);
    for (id, text) in PROFILES {
        let p = Profile::parse(text).unwrap();
        assert_eq!(p.uncited(), Vec::<&str>::new(), "{id}");
        assert_eq!(p.dangling_after(), Vec::<&str>::new(), "{id}");
    }
    assert!(is_citation("001 §29"));
    assert!(is_citation("APPC art. 73; 001 §32"));
    assert!(!is_citation(""));
    assert!(!is_citation("regulation"));
    assert!(!is_citation("001 29"));
    // An office's own profile without a citation is found out.
    let broken = PROFILES[0]
        .1
        .replacen("source = \"001 §29\"", "source = \"\"", 1);
    assert_eq!(
        Profile::parse(&broken).unwrap().uncited(),
        vec!["answer_reception_date"]
    );
}

#[test]
fn model_2023_cites_the_paragraphs_of_001() {
    let p = profile("model-2023");
    for (code, source) in [
        ("answer_reception_date", "001 §29"),
        ("extension_complex", "001 §30"),
        ("notify_participation", "001 §19"),
        ("report_participation_refusal", "001 §20"),
        ("hearing_before_refusal", "APPC art. 73; 001 §32"),
        ("reference_note_before", "001 §26"),
        ("redirect_competence", "APPC art. 76"),
    ] {
        assert_eq!(p.deadline(code).unwrap().source, source, "{code}");
    }
    assert!(p
        .deadline("instruction_default")
        .unwrap()
        .source
        .starts_with("001 §23"));
}

#[test]
fn registration_deadline_by_profile() {
    let cal = shipped_calendar();
    let m2023 = profile("model-2023");
    let m2020 = profile("model-2020");
    let o2025 = profile("oblast-2025");
    // Arrived Friday 20 March 2026: the same day (001 §25, 000 §21) ...
    assert_eq!(
        registration_due(&m2023, d("2026-03-20"), &cal),
        d("2026-03-20")
    );
    assert_eq!(
        registration_due(&o2025, d("2026-03-20"), &cal),
        d("2026-03-20")
    );
    // ... or within 3 working days (002 §25): Nauryz 23-25 March off -> 26, 27, 30.
    assert_eq!(
        registration_due(&m2020, d("2026-03-20"), &cal),
        d("2026-03-30")
    );
    // Arrived on a day off: the next working day.
    assert_eq!(
        registration_due(&m2023, d("2026-03-21"), &cal),
        d("2026-03-26")
    );
    assert_eq!(
        registration_due(&m2020, d("2026-03-21"), &cal),
        d("2026-03-30")
    );
}

fn ctx<'a>(
    p: &'a Profile,
    cal: &'a qabyldau::domain::calendar::Calendar,
    today: &str,
    facts: Facts,
) -> Ctx<'a> {
    Ctx {
        today: d(today),
        registered_on: d("2026-03-02"),
        calendar: cal,
        profile: p,
        facts,
    }
}

#[test]
fn choosing_the_profile_changes_the_answer_deadline() {
    let cal = shipped_calendar();
    let next = |id: &str| {
        let p = profile(id);
        next_due(
            Status::Registered,
            &ctx(&p, &cal, "2026-03-03", Facts::default()),
        )
    };
    // Registered Monday 2 March 2026.
    // 001 §29: 15 working days (9 March and Nauryz off).
    assert_eq!(
        next("model-2023"),
        Some((NextAction::AnswerWithDate, d("2026-03-27")))
    );
    // 002 §29: 15 calendar days.
    assert_eq!(
        next("model-2020"),
        Some((NextAction::AnswerWithDate, d("2026-03-17")))
    );
    // 000 §25: first the notice of inclusion in the list, 15 working days.
    assert_eq!(
        next("oblast-2025"),
        Some((NextAction::NotifyInclusion, d("2026-03-27")))
    );
}

#[test]
fn oblast_2025_answers_in_two_stages() {
    let cal = shipped_calendar();
    let p = profile("oblast-2025");
    // Without the notice the date and time are due at worst 15 + 2 working days.
    assert_eq!(
        due(&p, "notify_inclusion", d("2026-03-02"), &cal),
        Some(d("2026-03-27"))
    );
    let c = ctx(&p, &cal, "2026-03-20", Facts::default());
    let step = Transition::NotifyInclusion {
        on: d("2026-03-20"),
    };
    assert!(steps_for(Status::Registered, &p, &Facts::default()).contains(&Step::NotifyInclusion));
    assert_eq!(apply(Status::Registered, &step, &c), Ok(Status::Registered));
    let facts = Facts::from_steps([&step]);
    assert_eq!(facts.inclusion_on, Some(d("2026-03-20")));
    // Told on Friday 20 March: the date and time within 2 more working days (26, 27 March).
    assert_eq!(
        next_due(
            Status::Registered,
            &ctx(&p, &cal, "2026-03-20", facts.clone())
        ),
        Some((NextAction::AnswerWithDate, d("2026-03-27")))
    );
    // Once told, the notice is not offered again; a future date is refused.
    assert!(!steps_for(Status::Registered, &p, &facts).contains(&Step::NotifyInclusion));
    assert_eq!(
        apply(
            Status::Registered,
            &Transition::NotifyInclusion {
                on: d("2026-03-23")
            },
            &c
        ),
        Err(TransitionError::DateInFuture)
    );
    // Other profiles have no such stage.
    let m = profile("model-2023");
    assert_eq!(
        apply(
            Status::Registered,
            &step,
            &ctx(&m, &cal, "2026-03-20", Facts::default())
        ),
        Err(TransitionError::NotAllowed {
            from: Status::Registered,
            step: Step::NotifyInclusion
        })
    );
    // 000 §15 has no "withdrawn" ground; 001 §15(5) has.
    let screen = Transition::ScreenOut {
        ground: "withdrawn".into(),
        hearing_sent_on: d("2026-03-20"),
    };
    assert_eq!(
        apply(Status::Registered, &screen, &c),
        Err(TransitionError::UnknownGround)
    );
    assert_eq!(
        apply(
            Status::Registered,
            &screen,
            &ctx(&m, &cal, "2026-03-20", Facts::default())
        ),
        Ok(Status::ScreenedOut)
    );
    // 000 names no participation deadlines (§17); 002 and 001 do (§19-20).
    assert!(p.deadline("notify_participation").is_none());
    assert_eq!(
        profile("model-2020")
            .deadline("notify_participation")
            .unwrap()
            .source,
        "002 §19"
    );
}

#[test]
fn outside_competence_is_redirected_within_3_working_days() {
    let cal = shipped_calendar();
    let p = profile("model-2023");
    let screen = Transition::ScreenOut {
        ground: OUTSIDE_COMPETENCE.into(),
        hearing_sent_on: d("2026-03-03"),
    };
    let facts = Facts::from_steps([&screen]);
    assert!(facts.outside_competence);
    // Registered Monday 2 March: 3, 4, 5 March (APPC art. 76).
    let c = ctx(&p, &cal, "2026-03-03", facts.clone());
    assert_eq!(redirect_by(&c), Some(d("2026-03-05")));
    assert_eq!(
        next_due(Status::ScreenedOut, &c),
        Some((NextAction::Redirect, d("2026-03-05")))
    );
    // Another ground: the refusal after the hearing.
    let other = Transition::ScreenOut {
        ground: "court_act_exists".into(),
        hearing_sent_on: d("2026-03-03"),
    };
    assert_eq!(
        next_due(
            Status::ScreenedOut,
            &ctx(&p, &cal, "2026-03-03", Facts::from_steps([&other]))
        ),
        Some((NextAction::DecideRefusal, d("2026-03-06")))
    );
    // The redirect records where and when; without the body it is refused.
    let to = "Ақтөбе облысы жер қатынастары басқармасы";
    let redirect = Transition::Redirect {
        sent_on: d("2026-03-04"),
        to: to.into(),
    };
    let c = ctx(&p, &cal, "2026-03-04", facts);
    assert_eq!(
        apply(Status::ScreenedOut, &redirect, &c),
        Ok(Status::Closed)
    );
    assert_eq!(
        apply(
            Status::ScreenedOut,
            &Transition::Redirect {
                sent_on: d("2026-03-04"),
                to: " ".into()
            },
            &c
        ),
        Err(TransitionError::RedirectToMissing)
    );
    let f = Facts::from_steps([&screen, &redirect]);
    assert_eq!(f.redirected, Some((to.to_string(), d("2026-03-04"))));
    // A history written before the body was recorded still reads.
    let old: Transition =
        serde_json::from_str(r#"{"step":"redirect","sent_on":"2026-03-04"}"#).unwrap();
    assert_eq!(
        old,
        Transition::Redirect {
            sent_on: d("2026-03-04"),
            to: String::new()
        }
    );
}

#[test]
fn the_office_setting_chooses_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = qabyldau::store::Store::open(&dir.path().join("q.sqlite")).unwrap();
    let now = d("2026-03-02").and_hms_opt(9, 0, 0).unwrap();
    let actor = qabyldau::store::Actor::system();
    let cal = shipped_calendar();
    for (id, shown) in [
        ("model-2020", (NextAction::AnswerWithDate, d("2026-03-17"))),
        (
            "oblast-2025",
            (NextAction::NotifyInclusion, d("2026-03-27")),
        ),
        ("model-2023", (NextAction::AnswerWithDate, d("2026-03-27"))),
    ] {
        s.set_setting(&actor, now, "profile_id", id).unwrap();
        let (p, _) = load_profile(None, s.setting("profile_id").unwrap().as_deref());
        assert_eq!(p.id, id);
        let c = ctx(&p, &cal, "2026-03-03", Facts::default());
        assert_eq!(next_due(Status::Registered, &c), Some(shown), "{id}");
    }
}
