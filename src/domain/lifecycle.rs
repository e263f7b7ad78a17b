//! The appeal lifecycle as an explicit state machine (DOMAIN.md; 001 §5-6, §15,
//! §25-33; APPC art. 63, 73, 76). Every step is checked here; the store records
//! it with time and operator, and the appeal's history is read back from there.
use super::calendar::Calendar;
use super::deadlines;
use super::profile::{Profile, Unit};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

macro_rules! statuses {
    ($($var:ident = $code:literal),+ $(,)?) => {
        /// Where an appeal stands.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Status { $($var),+ }
        impl Status {
            pub const ALL: &'static [Status] = &[$(Status::$var),+];
            pub fn code(self) -> &'static str { match self { $(Status::$var => $code),+ } }
            pub fn from_code(s: &str) -> Option<Status> {
                match s.trim() { $($code => Some(Status::$var),)+ _ => None }
            }
        }
    };
}

statuses! {
    Registered = "registered",
    NeedsFixing = "needs_fixing",
    Returned = "returned",
    ScreenedOut = "screened_out",
    Refused = "refused",
    PreliminaryReview = "preliminary_review",
    DateProposed = "date_proposed",
    Scheduled = "scheduled",
    Notified = "notified",
    Received = "received",
    OnControl = "on_control",
    Answered = "answered",
    Closed = "closed",
    Extended = "extended",
    Withdrawn = "withdrawn",
    // A paper or electronic appeal without the essence of the question: registered,
    // not considered, the applicant told why (001 §5-6).
    NotConsidered = "not_considered",
}

impl Status {
    /// No further step is possible.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Returned
                | Status::Refused
                | Status::Closed
                | Status::Withdrawn
                | Status::NotConsidered
        )
    }
}

/// A step of the lifecycle with the facts it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Transition {
    /// The appeal does not meet APPC art. 63: the applicant is told what to fix by `fix_by`.
    RequestFix {
        fix_by: NaiveDate,
    },
    /// The applicant fixed it in time.
    Fixed,
    /// Not fixed in time: returned (001 §6).
    Return,
    /// Sent for preliminary review (001 §25).
    StartReview,
    /// An intended refusal on a ground of 001 §15: the draft is sent for a hearing.
    ScreenOut {
        ground: String,
        hearing_sent_on: NaiveDate,
    },
    /// The refusal decision, at least 3 working days after the hearing draft (APPC art. 73).
    Refuse {
        decided_on: NaiveDate,
    },
    /// The reference note proposes a reception date, at least 5 working days ahead (001 §26).
    ProposeDate {
        date: NaiveDate,
    },
    /// Date, time and official of the reception.
    Schedule {
        date: NaiveDate,
        time: NaiveTime,
        official_id: i64,
    },
    /// The applicant was told the date and time.
    Notify {
        on: NaiveDate,
    },
    /// The reception took place (the protocol is recorded).
    Receive,
    /// The protocol's instructions go on control.
    PutOnControl,
    /// The final reasoned answer was given.
    Answer {
        on: NaiveDate,
    },
    Close,
    /// A complex question: the term is extended up to 30 calendar days from registration (001 §29).
    Extend {
        letter_on: NaiveDate,
        new_due: NaiveDate,
    },
    /// A further extension by the akim's or deputy's reasoned decision, up to 2 months,
    /// the applicant told within 3 working days (001 §30).
    ExtendFurther {
        decided_on: NaiveDate,
        new_due: NaiveDate,
        notified_on: NaiveDate,
    },
    /// Outside the office's competence: sent to the competent body (APPC art. 76).
    Redirect {
        sent_on: NaiveDate,
        /// The competent body it was sent to (empty only in histories written before
        /// the body was recorded).
        #[serde(default)]
        to: String,
    },
    /// The applicant was told of the inclusion in the list of persons to be received
    /// (the first stage of 000 §25; only in profiles with a `notify_inclusion` deadline).
    NotifyInclusion {
        on: NaiveDate,
    },
    /// The applicant withdrew the appeal.
    Withdraw,
}

/// The kinds of step, for menus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    RequestFix,
    Fixed,
    Return,
    StartReview,
    ScreenOut,
    Refuse,
    ProposeDate,
    Schedule,
    Notify,
    Receive,
    PutOnControl,
    Answer,
    Close,
    Extend,
    ExtendFurther,
    Redirect,
    Withdraw,
    NotifyInclusion,
}

impl Transition {
    pub fn step(&self) -> Step {
        match self {
            Transition::RequestFix { .. } => Step::RequestFix,
            Transition::Fixed => Step::Fixed,
            Transition::Return => Step::Return,
            Transition::StartReview => Step::StartReview,
            Transition::ScreenOut { .. } => Step::ScreenOut,
            Transition::Refuse { .. } => Step::Refuse,
            Transition::ProposeDate { .. } => Step::ProposeDate,
            Transition::Schedule { .. } => Step::Schedule,
            Transition::Notify { .. } => Step::Notify,
            Transition::Receive => Step::Receive,
            Transition::PutOnControl => Step::PutOnControl,
            Transition::Answer { .. } => Step::Answer,
            Transition::Close => Step::Close,
            Transition::Extend { .. } => Step::Extend,
            Transition::ExtendFurther { .. } => Step::ExtendFurther,
            Transition::Redirect { .. } => Step::Redirect,
            Transition::Withdraw => Step::Withdraw,
            Transition::NotifyInclusion { .. } => Step::NotifyInclusion,
        }
    }
}

impl Step {
    /// The transition of a step that needs no facts typed in (a confirmation is
    /// enough); `None` for the steps that need a form (dates, an official, a ground).
    pub fn without_facts(self) -> Option<Transition> {
        Some(match self {
            Step::Fixed => Transition::Fixed,
            Step::Return => Transition::Return,
            Step::StartReview => Transition::StartReview,
            Step::Receive => Transition::Receive,
            Step::PutOnControl => Transition::PutOnControl,
            Step::Close => Transition::Close,
            Step::Withdraw => Transition::Withdraw,
            Step::RequestFix
            | Step::ScreenOut
            | Step::Refuse
            | Step::ProposeDate
            | Step::Schedule
            | Step::Notify
            | Step::Answer
            | Step::Extend
            | Step::ExtendFurther
            | Step::Redirect
            | Step::NotifyInclusion => return None,
        })
    }

    /// Whether the step needs facts typed in (a form) before it can be applied.
    pub fn needs_facts(self) -> bool {
        self.without_facts().is_none()
    }
}

/// What the rules need to know besides the current status.
#[derive(Clone, Debug)]
pub struct Ctx<'a> {
    pub today: NaiveDate,
    pub registered_on: NaiveDate,
    pub calendar: &'a Calendar,
    pub profile: &'a Profile,
    /// Facts from the appeal's earlier steps.
    pub facts: Facts,
}

/// The screening ground of 001 §15(1): outside the competence (redirect, APPC art. 76).
pub const OUTSIDE_COMPETENCE: &str = "outside_competence";

/// Facts gathered from the appeal's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub fix_by: Option<NaiveDate>,
    pub hearing_sent_on: Option<NaiveDate>,
    /// The due date set by the last extension.
    pub extended_to: Option<NaiveDate>,
    pub extensions: u32,
    pub reception: Option<NaiveDate>,
    pub notified: bool,
    /// The day the applicant was told of the inclusion in the list (000 §25).
    pub inclusion_on: Option<NaiveDate>,
    /// The last intended refusal was on the ground "outside competence": the appeal
    /// is to be redirected (APPC art. 76) rather than refused.
    pub outside_competence: bool,
    /// Where and when the appeal was redirected.
    pub redirected: Option<(String, NaiveDate)>,
}

impl Facts {
    /// Folds the steps taken so far, oldest first.
    pub fn from_steps<'a>(steps: impl IntoIterator<Item = &'a Transition>) -> Facts {
        let mut f = Facts::default();
        for t in steps {
            match t {
                Transition::RequestFix { fix_by } => f.fix_by = Some(*fix_by),
                Transition::ScreenOut {
                    hearing_sent_on,
                    ground,
                } => {
                    f.hearing_sent_on = Some(*hearing_sent_on);
                    f.outside_competence = ground == OUTSIDE_COMPETENCE;
                }
                Transition::StartReview => f.outside_competence = false,
                Transition::NotifyInclusion { on } => f.inclusion_on = Some(*on),
                Transition::Redirect { sent_on, to } => f.redirected = Some((to.clone(), *sent_on)),
                Transition::Extend { new_due, .. } | Transition::ExtendFurther { new_due, .. } => {
                    f.extended_to = Some(*new_due);
                    f.extensions += 1;
                }
                Transition::Schedule { date, .. } => {
                    f.reception = Some(*date);
                    f.notified = false;
                }
                Transition::Notify { .. } => f.notified = true,
                _ => {}
            }
        }
        f
    }
}

/// Why a step is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("step {step:?} is not possible from {from:?}")]
    NotAllowed { from: Status, step: Step },
    #[error("the period to fix the appeal runs until {fix_by}")]
    FixPeriodNotOver { fix_by: NaiveDate },
    #[error("the refusal may be decided on {earliest} at the earliest (hearing)")]
    HearingTooShort { earliest: NaiveDate },
    #[error("the new term may not be later than {max}")]
    ExtensionTooLong { max: NaiveDate },
    #[error("the applicant must be told by {latest}")]
    NoticeTooLate { latest: NaiveDate },
    #[error("the reception date may be {earliest} at the earliest (reference note)")]
    TooSoonForNote { earliest: NaiveDate },
    #[error("the date is in the past")]
    DateInPast,
    #[error("the date is in the future")]
    DateInFuture,
    #[error("{0} is not a working day")]
    NotAWorkingDay(NaiveDate),
    #[error("unknown screening ground")]
    UnknownGround,
    #[error("the first extension must come before a further one")]
    NoFirstExtension,
    #[error("the new term must be later than the current one")]
    NotLater,
    #[error("the competent body the appeal is sent to is missing")]
    RedirectToMissing,
}

/// The steps that may be taken from a status (for the menu; `apply` still checks the facts).
pub fn steps_from(from: Status) -> Vec<Step> {
    use Status as S;
    use Step::*;
    let mut v = match from {
        S::Registered => vec![
            RequestFix,
            StartReview,
            ScreenOut,
            ProposeDate,
            Schedule,
            Extend,
            Redirect,
        ],
        S::NeedsFixing => vec![Fixed, Return],
        S::PreliminaryReview => vec![ScreenOut, ProposeDate, Schedule, Extend, Redirect],
        S::ScreenedOut => vec![Refuse, StartReview, Redirect],
        S::DateProposed => vec![Schedule, ScreenOut, Extend],
        S::Scheduled => vec![Notify, Receive, Schedule],
        S::Notified => vec![Receive, Schedule],
        S::Received => vec![PutOnControl, Close],
        S::OnControl => vec![Answer],
        S::Answered => vec![Close],
        S::Extended => vec![ProposeDate, Schedule, ExtendFurther, ScreenOut],
        S::Returned | S::Refused | S::Closed | S::Withdrawn | S::NotConsidered => vec![],
    };
    if !from.is_final() && !matches!(from, S::Received | S::OnControl | S::Answered) {
        v.push(Withdraw);
    }
    v
}

/// The steps possible from a status under a profile: [`steps_from`], plus the notice
/// of inclusion in the list where the profile has that stage (000 §25) and it has not
/// been sent yet.
pub fn steps_for(from: Status, profile: &Profile, facts: &Facts) -> Vec<Step> {
    let mut v = steps_from(from);
    if profile.deadline(NOTIFY_INCLUSION).is_some()
        && facts.inclusion_on.is_none()
        && matches!(
            from,
            Status::Registered
                | Status::PreliminaryReview
                | Status::DateProposed
                | Status::Extended
        )
    {
        v.insert(0, Step::NotifyInclusion);
    }
    v
}

/// The deadline code of the first stage of 000 §25.
pub const NOTIFY_INCLUSION: &str = "notify_inclusion";

/// Checks a step against the regulation and returns the new status.
pub fn apply(from: Status, t: &Transition, ctx: &Ctx) -> Result<Status, TransitionError> {
    let step = t.step();
    if !steps_for(from, ctx.profile, &ctx.facts).contains(&step) {
        return Err(TransitionError::NotAllowed { from, step });
    }
    let cal = ctx.calendar;
    let today = ctx.today;
    let not_future = |d: NaiveDate| {
        if d > today {
            Err(TransitionError::DateInFuture)
        } else {
            Ok(())
        }
    };
    Ok(match t {
        Transition::RequestFix { fix_by } => {
            if *fix_by <= today {
                return Err(TransitionError::DateInPast);
            }
            Status::NeedsFixing
        }
        Transition::Fixed => Status::Registered,
        Transition::Return => {
            if let Some(fix_by) = ctx.facts.fix_by {
                if today <= fix_by {
                    return Err(TransitionError::FixPeriodNotOver { fix_by });
                }
            }
            Status::Returned
        }
        Transition::StartReview => Status::PreliminaryReview,
        Transition::ScreenOut {
            ground,
            hearing_sent_on,
        } => {
            if !ctx
                .profile
                .screening_grounds
                .iter()
                .any(|g| &g.code == ground)
            {
                return Err(TransitionError::UnknownGround);
            }
            not_future(*hearing_sent_on)?;
            Status::ScreenedOut
        }
        Transition::Refuse { decided_on } => {
            not_future(*decided_on)?;
            let sent = ctx.facts.hearing_sent_on.unwrap_or(today);
            let earliest = deadlines::due_or(
                ctx.profile,
                "hearing_before_refusal",
                sent,
                cal,
                3,
                Unit::WorkingDays,
            );
            if *decided_on < earliest {
                return Err(TransitionError::HearingTooShort { earliest });
            }
            Status::Refused
        }
        Transition::ProposeDate { date } => {
            let earliest = deadlines::due_or(
                ctx.profile,
                "reference_note_before",
                today,
                cal,
                5,
                Unit::WorkingDays,
            );
            if *date < earliest {
                return Err(TransitionError::TooSoonForNote { earliest });
            }
            if !cal.is_working_day(*date) {
                return Err(TransitionError::NotAWorkingDay(*date));
            }
            Status::DateProposed
        }
        Transition::Schedule { date, .. } => {
            if *date < today {
                return Err(TransitionError::DateInPast);
            }
            if !cal.is_working_day(*date) {
                return Err(TransitionError::NotAWorkingDay(*date));
            }
            Status::Scheduled
        }
        Transition::Notify { on } => {
            not_future(*on)?;
            Status::Notified
        }
        Transition::Receive => Status::Received,
        Transition::PutOnControl => Status::OnControl,
        Transition::Answer { on } => {
            not_future(*on)?;
            Status::Answered
        }
        Transition::Close => Status::Closed,
        Transition::Extend { letter_on, new_due } => {
            not_future(*letter_on)?;
            let max = deadlines::due_or(
                ctx.profile,
                "extension_complex",
                ctx.registered_on,
                cal,
                30,
                Unit::CalendarDays,
            );
            if *new_due > max {
                return Err(TransitionError::ExtensionTooLong { max });
            }
            if *new_due < today {
                return Err(TransitionError::DateInPast);
            }
            Status::Extended
        }
        Transition::ExtendFurther {
            decided_on,
            new_due,
            notified_on,
        } => {
            let Some(current) = ctx.facts.extended_to else {
                return Err(TransitionError::NoFirstExtension);
            };
            not_future(*decided_on)?;
            if *new_due <= current {
                return Err(TransitionError::NotLater);
            }
            let max = deadlines::due_or(
                ctx.profile,
                "extension_further",
                current,
                cal,
                2,
                Unit::Months,
            );
            if *new_due > max {
                return Err(TransitionError::ExtensionTooLong { max });
            }
            let latest = deadlines::due_or(
                ctx.profile,
                "notify_extension",
                *decided_on,
                cal,
                3,
                Unit::WorkingDays,
            );
            if *notified_on > latest {
                return Err(TransitionError::NoticeTooLate { latest });
            }
            if *notified_on < *decided_on {
                return Err(TransitionError::DateInPast);
            }
            Status::Extended
        }
        Transition::Redirect { sent_on, to } => {
            not_future(*sent_on)?;
            if to.trim().is_empty() {
                return Err(TransitionError::RedirectToMissing);
            }
            Status::Closed
        }
        Transition::NotifyInclusion { on } => {
            not_future(*on)?;
            if *on < ctx.registered_on {
                return Err(TransitionError::DateInPast);
            }
            from
        }
        Transition::Withdraw => Status::Withdrawn,
    })
}

/// What must be done next for an appeal, and by when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NextAction {
    /// Answer the applicant with the date and time of reception (15 working days).
    AnswerWithDate,
    /// The applicant's fix is due.
    FixBy,
    /// The refusal may be decided (after the hearing).
    DecideRefusal,
    /// Tell the applicant the date and time.
    NotifyApplicant,
    /// The reception itself.
    Reception,
    /// Send to the competent body (3 working days).
    Redirect,
    /// Tell the applicant of the inclusion in the list (000 §25, 15 working days).
    NotifyInclusion,
}

impl NextAction {
    pub fn code(self) -> &'static str {
        match self {
            NextAction::AnswerWithDate => "answer_with_date",
            NextAction::FixBy => "fix_by",
            NextAction::DecideRefusal => "decide_refusal",
            NextAction::NotifyApplicant => "notify_applicant",
            NextAction::Reception => "reception",
            NextAction::Redirect => "redirect",
            NextAction::NotifyInclusion => "notify_inclusion",
        }
    }
    pub fn from_code(s: &str) -> Option<NextAction> {
        [
            NextAction::AnswerWithDate,
            NextAction::FixBy,
            NextAction::DecideRefusal,
            NextAction::NotifyApplicant,
            NextAction::Reception,
            NextAction::Redirect,
            NextAction::NotifyInclusion,
        ]
        .into_iter()
        .find(|a| a.code() == s)
    }
}

/// The appeal's next due action and date in `status`, from the profile and calendar.
/// Instructions on control carry their own due dates (see the control list).
pub fn next_due(status: Status, ctx: &Ctx) -> Option<(NextAction, NaiveDate)> {
    let cal = ctx.calendar;
    let done = |code: &str| match code {
        NOTIFY_INCLUSION => ctx.facts.inclusion_on,
        _ => None,
    };
    let answer_by = || {
        ctx.facts.extended_to.or_else(|| {
            deadlines::due_after(
                ctx.profile,
                "answer_reception_date",
                ctx.registered_on,
                &done,
                cal,
            )
        })
    };
    let inclusion_pending =
        ctx.profile.deadline(NOTIFY_INCLUSION).is_some() && ctx.facts.inclusion_on.is_none();
    match status {
        Status::Registered | Status::PreliminaryReview | Status::DateProposed
            if inclusion_pending =>
        {
            deadlines::due(ctx.profile, NOTIFY_INCLUSION, ctx.registered_on, cal)
                .map(|d| (NextAction::NotifyInclusion, d))
        }
        Status::Registered
        | Status::PreliminaryReview
        | Status::DateProposed
        | Status::Extended => answer_by().map(|d| (NextAction::AnswerWithDate, d)),
        Status::ScreenedOut if ctx.facts.outside_competence => {
            redirect_by(ctx).map(|d| (NextAction::Redirect, d))
        }
        Status::NeedsFixing => ctx.facts.fix_by.map(|d| (NextAction::FixBy, d)),
        Status::ScreenedOut => ctx.facts.hearing_sent_on.map(|s| {
            let by = deadlines::due_or(
                ctx.profile,
                "hearing_before_refusal",
                s,
                cal,
                3,
                Unit::WorkingDays,
            );
            (NextAction::DecideRefusal, by)
        }),
        Status::Scheduled if !ctx.facts.notified => {
            let reception = ctx.facts.reception?;
            let by = answer_by().map(|a| a.min(reception)).unwrap_or(reception);
            Some((NextAction::NotifyApplicant, by))
        }
        Status::Scheduled | Status::Notified => {
            ctx.facts.reception.map(|d| (NextAction::Reception, d))
        }
        _ => None,
    }
}

/// The status and next due action of an appeal just registered on `registered_on`
/// (`today` is the day it was typed in). An applicant queued for today's reception is
/// `Scheduled` for today and counts as told; otherwise the appeal is `Registered` and
/// the answer with the reception date is due (001 §18).
pub fn on_registration(
    queued_today: bool,
    today: NaiveDate,
    registered_on: NaiveDate,
    calendar: &Calendar,
    profile: &Profile,
) -> (Status, Option<(NextAction, NaiveDate)>) {
    let (status, facts) = if queued_today {
        (
            Status::Scheduled,
            Facts {
                reception: Some(today),
                notified: true,
                ..Default::default()
            },
        )
    } else {
        (Status::Registered, Facts::default())
    };
    let ctx = Ctx {
        today,
        registered_on,
        calendar,
        profile,
        facts,
    };
    (status, next_due(status, &ctx))
}

/// The steps that bring in, as finished, an appeal of an office's earlier journal
/// that was answered before the office used Qabyldau (issue 16): the answer on the
/// journal's answer date when it has one, then the closing, each with the status it
/// leaves and the one it reaches. The appeal was just registered (`Registered`); the
/// answer may not be dated before the appeal nor after `today`. Only the journal
/// import takes this path: the card's steps are [`steps_for`].
pub fn closed_from_journal(
    registered_on: NaiveDate,
    answered_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Vec<(Status, Transition, Status)>, TransitionError> {
    let mut out = Vec::new();
    let mut from = Status::Registered;
    if let Some(on) = answered_on {
        if on > today {
            return Err(TransitionError::DateInFuture);
        }
        if on < registered_on {
            return Err(TransitionError::DateInPast);
        }
        out.push((from, Transition::Answer { on }, Status::Answered));
        from = Status::Answered;
    }
    out.push((from, Transition::Close, Status::Closed));
    Ok(out)
}

/// The date by which an appeal outside the competence must be sent on (APPC art. 76).
pub fn redirect_by(ctx: &Ctx) -> Option<NaiveDate> {
    deadlines::due(
        ctx.profile,
        "redirect_competence",
        ctx.registered_on,
        ctx.calendar,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The store keeps no next due action for these codes (`Store::set_next_due`).
    #[test]
    fn final_statuses_are_the_ones_the_store_lists() {
        let finals: Vec<&str> = Status::ALL
            .iter()
            .filter(|s| s.is_final())
            .map(|s| s.code())
            .collect();
        assert_eq!(
            finals,
            vec![
                "returned",
                "refused",
                "closed",
                "withdrawn",
                "not_considered"
            ]
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_step_without_facts_is_its_transition_and_the_others_need_a_form() {
        let all = [
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
            Step::NotifyInclusion,
        ];
        let mut plain = 0;
        for s in all {
            match s.without_facts() {
                Some(t) => {
                    assert_eq!(t.step(), s);
                    assert!(!s.needs_facts());
                    plain += 1;
                }
                None => assert!(s.needs_facts(), "{s:?}"),
            }
        }
        assert_eq!(plain, 7);
    }

    #[test]
    fn an_appeal_answered_before_qabyldau_is_answered_then_closed() {
        let steps =
            closed_from_journal(d("2025-02-03"), Some(d("2025-02-20")), d("2026-03-16")).unwrap();
        assert_eq!(
            steps,
            vec![
                (
                    Status::Registered,
                    Transition::Answer {
                        on: d("2025-02-20")
                    },
                    Status::Answered
                ),
                (Status::Answered, Transition::Close, Status::Closed),
            ]
        );
        let steps = closed_from_journal(d("2025-02-03"), None, d("2026-03-16")).unwrap();
        assert_eq!(
            steps,
            vec![(Status::Registered, Transition::Close, Status::Closed)]
        );
        assert_eq!(
            closed_from_journal(d("2025-02-03"), Some(d("2025-02-01")), d("2026-03-16")),
            Err(TransitionError::DateInPast)
        );
        assert_eq!(
            closed_from_journal(d("2025-02-03"), Some(d("2026-03-17")), d("2026-03-16")),
            Err(TransitionError::DateInFuture)
        );
    }

    #[test]
    fn a_new_appeal_is_registered_or_scheduled_for_today_with_its_due_action() {
        let cal = crate::assets::shipped_calendar();
        let p = crate::assets::default_profile();
        let (st, next) = on_registration(false, d("2026-03-21"), d("2026-03-26"), &cal, &p);
        assert_eq!(st, Status::Registered);
        assert_eq!(next, Some((NextAction::AnswerWithDate, d("2026-04-16"))));
        let (st, next) = on_registration(true, d("2026-03-02"), d("2026-03-02"), &cal, &p);
        assert_eq!(st, Status::Scheduled);
        assert_eq!(next, Some((NextAction::Reception, d("2026-03-02"))));
    }
}
