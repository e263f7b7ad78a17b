//! The appeal lifecycle as an explicit state machine (DOMAIN.md; 001 §5-6, §15,
//! §25-33; APPC art. 63, 73, 76). Every step is checked here; the store records
//! it with time and operator, and the appeal's history is read back from there.
use super::calendar::Calendar;
use super::deadlines;
use super::profile::Profile;
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
            let n = ctx
                .profile
                .deadline("hearing_before_refusal")
                .map(|d| d.amount)
                .unwrap_or(3);
            let sent = ctx.facts.hearing_sent_on.unwrap_or(today);
            let earliest = cal.add_working_days(sent, n);
            if *decided_on < earliest {
                return Err(TransitionError::HearingTooShort { earliest });
            }
            Status::Refused
        }
        Transition::ProposeDate { date } => {
            let n = ctx
                .profile
                .deadline("reference_note_before")
                .map(|d| d.amount)
                .unwrap_or(5);
            let earliest = cal.add_working_days(today, n);
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
            let max = ctx
                .profile
                .deadline("extension_complex")
                .map(|d| deadlines::due_date(d, ctx.registered_on, cal))
                .unwrap_or(ctx.registered_on + chrono::Duration::days(30));
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
            let max = ctx
                .profile
                .deadline("extension_further")
                .map(|d| deadlines::due_date(d, current, cal))
                .unwrap_or(current);
            if *new_due > max {
                return Err(TransitionError::ExtensionTooLong { max });
            }
            let n = ctx
                .profile
                .deadline("notify_extension")
                .map(|d| d.amount)
                .unwrap_or(3);
            let latest = cal.add_working_days(*decided_on, n);
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
        Status::ScreenedOut => {
            let n = ctx
                .profile
                .deadline("hearing_before_refusal")
                .map(|d| d.amount)
                .unwrap_or(3);
            ctx.facts
                .hearing_sent_on
                .map(|s| (NextAction::DecideRefusal, cal.add_working_days(s, n)))
        }
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
    use super::Status;

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
}
