//! Every lifecycle step, allowed and refused, with fixed dates.
use chrono::{NaiveDate, NaiveTime};
use qabyldau::domain::calendar::Calendar;
use qabyldau::domain::lifecycle::*;
use qabyldau::domain::profile::Profile;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct World {
    cal: Calendar,
    profile: Profile,
}

impl World {
    fn new() -> World {
        World {
            cal: qabyldau::assets::shipped_calendar(),
            profile: qabyldau::assets::default_profile(),
        }
    }
    fn ctx(&self, today: &str, facts: Facts) -> Ctx<'_> {
        Ctx {
            today: d(today),
            registered_on: d("2026-03-02"),
            calendar: &self.cal,
            profile: &self.profile,
            facts,
        }
    }
}

/// One example of every step, valid on 2026-03-16 with no special facts.
fn example(step: Step) -> Transition {
    match step {
        Step::RequestFix => Transition::RequestFix {
            fix_by: d("2026-03-20"),
        },
        Step::Fixed => Transition::Fixed,
        Step::Return => Transition::Return,
        Step::StartReview => Transition::StartReview,
        Step::ScreenOut => Transition::ScreenOut {
            ground: "outside_competence".into(),
            hearing_sent_on: d("2026-03-16"),
        },
        Step::Refuse => Transition::Refuse {
            decided_on: d("2026-03-16"),
        },
        Step::ProposeDate => Transition::ProposeDate {
            date: d("2026-04-01"),
        },
        Step::Schedule => Transition::Schedule {
            date: d("2026-03-17"),
            time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            official_id: 1,
        },
        Step::Notify => Transition::Notify {
            on: d("2026-03-16"),
        },
        Step::Receive => Transition::Receive,
        Step::PutOnControl => Transition::PutOnControl,
        Step::Answer => Transition::Answer {
            on: d("2026-03-16"),
        },
        Step::Close => Transition::Close,
        Step::Extend => Transition::Extend {
            letter_on: d("2026-03-16"),
            new_due: d("2026-03-27"),
        },
        Step::ExtendFurther => Transition::ExtendFurther {
            decided_on: d("2026-03-16"),
            new_due: d("2026-04-30"),
            notified_on: d("2026-03-18"),
        },
        Step::Redirect => Transition::Redirect {
            sent_on: d("2026-03-16"),
            to: "Облыстық жер қатынастары басқармасы".into(),
        },
        Step::Withdraw => Transition::Withdraw,
        Step::NotifyInclusion => Transition::NotifyInclusion {
            on: d("2026-03-16"),
        },
    }
}

const STEPS: &[Step] = &[
    Step::RequestFix,
    Step::Fixed,
    Step::Return,
    Step::StartReview,
    Step::ScreenOut,
    Step::Refuse,
    Step::ProposeDate,
    Step::Schedule,
    Step::Notify,
    Step::Receive,
    Step::PutOnControl,
    Step::Answer,
    Step::Close,
    Step::Extend,
    Step::ExtendFurther,
    Step::Redirect,
    Step::Withdraw,
    // Only in profiles with the two-stage answer of 000 §25: refused under model-2023.
    Step::NotifyInclusion,
];

#[test]
fn every_step_from_every_status() {
    use Status::*;
    let w = World::new();
    let facts = Facts {
        fix_by: Some(d("2026-03-13")),
        hearing_sent_on: Some(d("2026-03-10")),
        extended_to: Some(d("2026-03-27")),
        extensions: 1,
        reception: Some(d("2026-03-17")),
        notified: false,
        ..Default::default()
    };
    // (from, step, expected status or None for refused)
    let expected = |from: Status, step: Step| -> Option<Status> {
        let to = match (from, step) {
            (Registered, Step::RequestFix) => NeedsFixing,
            (NeedsFixing, Step::Fixed) => Registered,
            (NeedsFixing, Step::Return) => Returned,
            (Registered | ScreenedOut, Step::StartReview) => PreliminaryReview,
            (Registered | PreliminaryReview | DateProposed | Extended, Step::ScreenOut) => {
                ScreenedOut
            }
            (ScreenedOut, Step::Refuse) => Refused,
            (Registered | PreliminaryReview | Extended, Step::ProposeDate) => DateProposed,
            (
                Registered | PreliminaryReview | DateProposed | Scheduled | Notified | Extended,
                Step::Schedule,
            ) => Scheduled,
            (Scheduled, Step::Notify) => Notified,
            (Scheduled | Notified, Step::Receive) => Received,
            (Received, Step::PutOnControl) => OnControl,
            (OnControl, Step::Answer) => Answered,
            (Received | Answered, Step::Close) => Closed,
            (Registered | PreliminaryReview | DateProposed, Step::Extend) => Extended,
            (Extended, Step::ExtendFurther) => Extended,
            (Registered | PreliminaryReview | ScreenedOut, Step::Redirect) => Closed,
            (
                Registered | NeedsFixing | ScreenedOut | PreliminaryReview | DateProposed
                | Scheduled | Notified | Extended,
                Step::Withdraw,
            ) => Withdrawn,
            _ => return None,
        };
        Some(to)
    };
    let mut allowed = 0;
    for from in Status::ALL {
        for step in STEPS {
            let got = apply(*from, &example(*step), &w.ctx("2026-03-16", facts.clone()));
            match expected(*from, *step) {
                Some(to) => {
                    assert_eq!(got, Ok(to), "{from:?} --{step:?}-->");
                    allowed += 1;
                }
                None => assert_eq!(
                    got,
                    Err(TransitionError::NotAllowed {
                        from: *from,
                        step: *step
                    }),
                    "{from:?} --{step:?}--> must be refused"
                ),
            }
        }
    }
    assert_eq!(allowed, 41);
    for s in [Returned, Refused, Closed, Withdrawn, NotConsidered] {
        assert!(s.is_final() && steps_from(s).is_empty());
    }
}

#[test]
fn walk_in_same_day_path() {
    let w = World::new();
    let ctx = w.ctx("2026-03-16", Facts::default());
    let mut s = Status::Registered;
    for t in [
        Transition::Schedule {
            date: d("2026-03-16"),
            time: NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
            official_id: 1,
        },
        Transition::Receive,
        Transition::PutOnControl,
        Transition::Answer {
            on: d("2026-03-16"),
        },
        Transition::Close,
    ] {
        s = apply(s, &t, &ctx).unwrap();
    }
    assert_eq!(s, Status::Closed);
    // Received without instructions closes directly.
    assert_eq!(
        apply(Status::Received, &Transition::Close, &ctx),
        Ok(Status::Closed)
    );
}

#[test]
fn refusal_needs_three_working_days_after_the_hearing_draft() {
    let w = World::new();
    // Draft sent Friday 20 March 2026; Nauryz 23-25 off: 26, 27, 30 March -> Monday 30 March.
    let facts = Facts {
        hearing_sent_on: Some(d("2026-03-20")),
        ..Default::default()
    };
    let early = apply(
        Status::ScreenedOut,
        &Transition::Refuse {
            decided_on: d("2026-03-26"),
        },
        &w.ctx("2026-03-26", facts.clone()),
    );
    assert_eq!(
        early,
        Err(TransitionError::HearingTooShort {
            earliest: d("2026-03-30")
        })
    );
    let ok = apply(
        Status::ScreenedOut,
        &Transition::Refuse {
            decided_on: d("2026-03-30"),
        },
        &w.ctx("2026-03-30", facts),
    );
    assert_eq!(ok, Ok(Status::Refused));
}

#[test]
fn unknown_screening_ground_is_refused() {
    let w = World::new();
    let t = Transition::ScreenOut {
        ground: "dislike".into(),
        hearing_sent_on: d("2026-03-16"),
    };
    assert_eq!(
        apply(
            Status::Registered,
            &t,
            &w.ctx("2026-03-16", Facts::default())
        ),
        Err(TransitionError::UnknownGround)
    );
}

#[test]
fn return_only_after_the_fix_period() {
    let w = World::new();
    let facts = Facts {
        fix_by: Some(d("2026-03-20")),
        ..Default::default()
    };
    assert_eq!(
        apply(
            Status::NeedsFixing,
            &Transition::Return,
            &w.ctx("2026-03-20", facts.clone())
        ),
        Err(TransitionError::FixPeriodNotOver {
            fix_by: d("2026-03-20")
        })
    );
    assert_eq!(
        apply(
            Status::NeedsFixing,
            &Transition::Return,
            &w.ctx("2026-03-26", facts)
        ),
        Ok(Status::Returned)
    );
    assert_eq!(
        apply(
            Status::Registered,
            &Transition::RequestFix {
                fix_by: d("2026-03-16")
            },
            &w.ctx("2026-03-16", Facts::default())
        ),
        Err(TransitionError::DateInPast)
    );
}

#[test]
fn extensions_are_bounded() {
    let w = World::new();
    // Registered 2 March 2026: 30 calendar days = 1 April 2026.
    let too_long = Transition::Extend {
        letter_on: d("2026-03-16"),
        new_due: d("2026-04-02"),
    };
    assert_eq!(
        apply(
            Status::Registered,
            &too_long,
            &w.ctx("2026-03-16", Facts::default())
        ),
        Err(TransitionError::ExtensionTooLong {
            max: d("2026-04-01")
        })
    );
    let first = Transition::Extend {
        letter_on: d("2026-03-16"),
        new_due: d("2026-04-01"),
    };
    assert_eq!(
        apply(
            Status::Registered,
            &first,
            &w.ctx("2026-03-16", Facts::default())
        ),
        Ok(Status::Extended)
    );
    // A further extension needs the first one.
    let further = Transition::ExtendFurther {
        decided_on: d("2026-03-30"),
        new_due: d("2026-05-29"),
        notified_on: d("2026-04-01"),
    };
    assert_eq!(
        apply(
            Status::Extended,
            &further,
            &w.ctx("2026-03-30", Facts::default())
        ),
        Err(TransitionError::NoFirstExtension)
    );
    let facts = Facts::from_steps([&first]);
    assert_eq!(facts.extended_to, Some(d("2026-04-01")));
    // Up to 2 months from 1 April = 1 June 2026.
    assert_eq!(
        apply(
            Status::Extended,
            &further,
            &w.ctx("2026-03-30", facts.clone())
        ),
        Ok(Status::Extended)
    );
    let beyond = Transition::ExtendFurther {
        decided_on: d("2026-03-30"),
        new_due: d("2026-06-02"),
        notified_on: d("2026-03-31"),
    };
    assert_eq!(
        apply(
            Status::Extended,
            &beyond,
            &w.ctx("2026-03-30", facts.clone())
        ),
        Err(TransitionError::ExtensionTooLong {
            max: d("2026-06-01")
        })
    );
    // The applicant is told within 3 working days of the decision.
    let late = Transition::ExtendFurther {
        decided_on: d("2026-03-30"),
        new_due: d("2026-05-29"),
        notified_on: d("2026-04-03"),
    };
    assert_eq!(
        apply(Status::Extended, &late, &w.ctx("2026-03-30", facts)),
        Err(TransitionError::NoticeTooLate {
            latest: d("2026-04-02")
        })
    );
}

#[test]
fn reference_note_five_working_days_before_and_working_days_only() {
    let w = World::new();
    let ctx = w.ctx("2026-03-16", Facts::default());
    // 16 March + 5 working days (Nauryz 23-25 off) = 26 March.
    assert_eq!(
        apply(
            Status::Registered,
            &Transition::ProposeDate {
                date: d("2026-03-25")
            },
            &ctx
        ),
        Err(TransitionError::TooSoonForNote {
            earliest: d("2026-03-26")
        })
    );
    assert_eq!(
        apply(
            Status::Registered,
            &Transition::ProposeDate {
                date: d("2026-03-26")
            },
            &ctx
        ),
        Ok(Status::DateProposed)
    );
    let sched = |date| Transition::Schedule {
        date,
        time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        official_id: 1,
    };
    assert_eq!(
        apply(Status::DateProposed, &sched(d("2026-03-24")), &ctx),
        Err(TransitionError::NotAWorkingDay(d("2026-03-24")))
    );
    assert_eq!(
        apply(Status::DateProposed, &sched(d("2026-03-13")), &ctx),
        Err(TransitionError::DateInPast)
    );
    assert_eq!(
        apply(
            Status::Scheduled,
            &Transition::Notify {
                on: d("2026-03-17")
            },
            &ctx
        ),
        Err(TransitionError::DateInFuture)
    );
}

#[test]
fn next_due_actions() {
    let w = World::new();
    let ctx = w.ctx("2026-03-16", Facts::default());
    // Registered 2 March: answer with a date within 15 working days = 27 March.
    assert_eq!(
        next_due(Status::Registered, &ctx),
        Some((NextAction::AnswerWithDate, d("2026-03-27")))
    );
    let sched = Transition::Schedule {
        date: d("2026-04-06"),
        time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        official_id: 1,
    };
    let f = Facts::from_steps([&sched]);
    let ctx2 = w.ctx("2026-03-16", f);
    assert_eq!(
        next_due(Status::Scheduled, &ctx2),
        Some((NextAction::NotifyApplicant, d("2026-03-27")))
    );
    let notify = Transition::Notify {
        on: d("2026-03-16"),
    };
    let ctx3 = w.ctx("2026-03-16", Facts::from_steps([&sched, &notify]));
    assert_eq!(
        next_due(Status::Notified, &ctx3),
        Some((NextAction::Reception, d("2026-04-06")))
    );
    let ext = Transition::Extend {
        letter_on: d("2026-03-16"),
        new_due: d("2026-04-01"),
    };
    let ctx4 = w.ctx("2026-03-16", Facts::from_steps([&ext]));
    assert_eq!(
        next_due(Status::Extended, &ctx4),
        Some((NextAction::AnswerWithDate, d("2026-04-01")))
    );
    assert_eq!(next_due(Status::Closed, &ctx), None);
    assert_eq!(redirect_by(&ctx), Some(d("2026-03-05")));
}

#[test]
fn transitions_round_trip_as_json() {
    for step in STEPS {
        let t = example(*step);
        let back: Transition = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
    }
}
