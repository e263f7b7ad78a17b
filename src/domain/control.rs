//! Control of protocol instructions (001 §22-24, §34-37): how much time an
//! instruction has left, how urgent it is, when it may be taken off control, and
//! who may not be its executor.
//!
//! Pure: "today" is always a parameter.
use super::calendar::Calendar;
use super::fold::fold;
use super::model::InstructionStatus;
use super::text::{self, limits, TextError};
use chrono::NaiveDate;
use serde::Serialize;

/// An instruction due within this many calendar days (and not today) is "due soon".
pub const DUE_SOON_DAYS: i64 = 3;

/// How urgent an instruction on control is, as of a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// The due date has passed and no final answer is registered.
    Overdue,
    /// Due today.
    DueToday,
    /// Due within [`DUE_SOON_DAYS`] calendar days.
    DueSoon,
    /// More time left.
    Ok,
    /// Taken off control (a final answer is registered).
    Answered,
}

impl Urgency {
    pub const ALL: &'static [Urgency] = &[
        Urgency::Overdue,
        Urgency::DueToday,
        Urgency::DueSoon,
        Urgency::Ok,
        Urgency::Answered,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Urgency::Overdue => "overdue",
            Urgency::DueToday => "due_today",
            Urgency::DueSoon => "due_soon",
            Urgency::Ok => "ok",
            Urgency::Answered => "answered",
        }
    }
}

/// Calendar days from `today` to `due`: positive = days left, 0 = due today,
/// negative = days overdue.
pub fn days_left(due: NaiveDate, today: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// Working days from `today` to `due` (same sign convention as [`days_left`]),
/// counted with the office calendar (weekends, holidays, transfers).
pub fn working_days_left(calendar: &Calendar, due: NaiveDate, today: NaiveDate) -> i64 {
    calendar.working_days_between(today, due)
}

/// Classifies an instruction as of `today`.
pub fn classify(status: InstructionStatus, due: NaiveDate, today: NaiveDate) -> Urgency {
    if status == InstructionStatus::Answered {
        return Urgency::Answered;
    }
    match days_left(due, today) {
        d if d < 0 => Urgency::Overdue,
        0 => Urgency::DueToday,
        d if d <= DUE_SOON_DAYS => Urgency::DueSoon,
        _ => Urgency::Ok,
    }
}

/// What the control officer types when the applicant got the final reasoned answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AnswerDraft {
    /// Date of the answer letter.
    pub answered_on: Option<NaiveDate>,
    /// Summary of the answer (required).
    pub summary: String,
    /// Outgoing document number of the answer (optional).
    pub doc_no: String,
}

/// A checked answer, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub answered_on: NaiveDate,
    pub summary: String,
    pub doc_no: String,
}

/// Why an answer cannot close an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseProblem {
    /// The instruction is already off control; it cannot be answered twice.
    AlreadyAnswered,
    /// No answer date.
    DateMissing,
    /// The answer is dated before the reception (protocol) date.
    BeforeProtocol,
    /// The answer is dated after today.
    InFuture,
    /// No summary of the answer.
    SummaryMissing,
    /// Summary too long or with control characters.
    SummaryText(TextError),
    /// Document number too long or with control characters.
    DocNoText(TextError),
}

/// The closing rules: a final answer takes an instruction off control when it is
/// dated, not before the protocol date and not after today, has a summary, and
/// the instruction is still on control. Returns the cleaned answer.
pub fn check_answer(
    status: InstructionStatus,
    protocol_date: NaiveDate,
    today: NaiveDate,
    draft: &AnswerDraft,
) -> Result<Answer, Vec<CloseProblem>> {
    let mut problems = Vec::new();
    if status == InstructionStatus::Answered {
        problems.push(CloseProblem::AlreadyAnswered);
    }
    match draft.answered_on {
        None => problems.push(CloseProblem::DateMissing),
        Some(d) if d < protocol_date => problems.push(CloseProblem::BeforeProtocol),
        Some(d) if d > today => problems.push(CloseProblem::InFuture),
        Some(_) => {}
    }
    let summary = match text::clean_text(&draft.summary, limits::INSTRUCTION) {
        Ok(s) if s.is_empty() => {
            problems.push(CloseProblem::SummaryMissing);
            s
        }
        Ok(s) => s,
        Err(e) => {
            problems.push(CloseProblem::SummaryText(e));
            String::new()
        }
    };
    let doc_no = match text::clean_line(&draft.doc_no, limits::SHORT) {
        Ok(s) => s,
        Err(e) => {
            problems.push(CloseProblem::DocNoText(e));
            String::new()
        }
    };
    match (problems.is_empty(), draft.answered_on) {
        (true, Some(answered_on)) => Ok(Answer {
            answered_on,
            summary,
            doc_no,
        }),
        _ => Err(problems),
    }
}

/// Whether two executor names denote the same employee: compared folded (any
/// script, any case), surname first; a given name written as an initial matches
/// the full name ("Ахметов А." = "Akhmetov Askar" = "АХМЕТОВ АСҚАР"), and a bare
/// surname matches any bearer of it (when in doubt, the rule refuses).
pub fn same_person(a: &str, b: &str) -> bool {
    let fa = fold(a);
    let fb = fold(b);
    let wa: Vec<&str> = fa.split_whitespace().collect();
    let wb: Vec<&str> = fb.split_whitespace().collect();
    match (wa.first(), wb.first()) {
        (Some(sa), Some(sb)) if sa == sb => wa
            .iter()
            .zip(wb.iter())
            .skip(1)
            .all(|(x, y)| x.starts_with(y) || y.starts_with(x)),
        _ => false,
    }
}

/// The conflict rule (001 §37; 000 §35): an appeal from a reception may not be assigned to
/// an employee who handled it before. `previous` are the executors the appeal's
/// instructions had so far. Returns the earlier name that matches `new_executor`.
pub fn executor_conflict<'a>(new_executor: &str, previous: &'a [String]) -> Option<&'a str> {
    previous
        .iter()
        .find(|p| same_person(new_executor, p))
        .map(String::as_str)
}

/// A round of control on an instruction (004 §5(4)-(5)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    /// The answer was found poor and returned to the executor for rework.
    Returned,
    /// The instruction's deadline was extended.
    Extended,
}

impl RoundKind {
    pub fn code(self) -> &'static str {
        match self {
            RoundKind::Returned => "returned",
            RoundKind::Extended => "extended",
        }
    }
    pub fn from_code(s: &str) -> Option<RoundKind> {
        match s {
            "returned" => Some(RoundKind::Returned),
            "extended" => Some(RoundKind::Extended),
            _ => None,
        }
    }
}

/// Why a rework or an extension is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundProblem {
    /// Only an answered instruction can be returned for rework.
    NotAnswered,
    /// Only an instruction still on control can be extended.
    NotOnControl,
    /// The appeal is closed: its answer was accepted.
    AppealClosed,
    ReasonMissing,
    ReasonText(TextError),
    /// The new due date must be after today.
    DueNotAfterToday,
    /// An extension must move the deadline later.
    DueNotLater,
}

/// Checks a return for rework (004 §5(4)-(5)): the instruction is answered, the appeal
/// not closed, a reason is given and the new due date is after today. Returns the
/// cleaned reason.
pub fn check_rework(
    status: InstructionStatus,
    appeal_closed: bool,
    today: NaiveDate,
    reason: &str,
    new_due: NaiveDate,
) -> Result<String, Vec<RoundProblem>> {
    let mut p = Vec::new();
    if status != InstructionStatus::Answered {
        p.push(RoundProblem::NotAnswered);
    }
    if appeal_closed {
        p.push(RoundProblem::AppealClosed);
    }
    let reason = clean_reason(reason, &mut p);
    if new_due <= today {
        p.push(RoundProblem::DueNotAfterToday);
    }
    if p.is_empty() {
        Ok(reason)
    } else {
        Err(p)
    }
}

/// Checks an extension of an instruction's deadline: still on control, a reason, and
/// a new due date later than the current one and after today.
pub fn check_extension(
    status: InstructionStatus,
    current_due: NaiveDate,
    today: NaiveDate,
    reason: &str,
    new_due: NaiveDate,
) -> Result<String, Vec<RoundProblem>> {
    let mut p = Vec::new();
    if status != InstructionStatus::OnControl {
        p.push(RoundProblem::NotOnControl);
    }
    let reason = clean_reason(reason, &mut p);
    if new_due <= current_due {
        p.push(RoundProblem::DueNotLater);
    } else if new_due <= today {
        p.push(RoundProblem::DueNotAfterToday);
    }
    if p.is_empty() {
        Ok(reason)
    } else {
        Err(p)
    }
}

fn clean_reason(reason: &str, p: &mut Vec<RoundProblem>) -> String {
    match text::clean_text(reason, limits::INSTRUCTION) {
        Ok(s) if s.is_empty() => {
            p.push(RoundProblem::ReasonMissing);
            s
        }
        Ok(s) => s,
        Err(e) => {
            p.push(RoundProblem::ReasonText(e));
            String::new()
        }
    }
}

/// An executor who handled something before: in this appeal, or in an earlier appeal
/// of the same applicant on the same topic (001 §37).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlierExecutor {
    pub name: String,
    /// The staff entry, when the executor was chosen from the list.
    pub staff_id: Option<i64>,
    /// The earlier appeal (id, registration number); `None` for this appeal itself.
    pub appeal: Option<(i64, String)>,
}

/// The conflict rule over the applicant's history (001 §37): the new executor may not
/// be anyone who handled this appeal or an earlier appeal of the same applicant on the
/// same topic. Entries of the staff list are compared by id; a name typed as free text
/// (or an old entry without an id) by [`same_person`]. Returns the first match, this
/// appeal's own executors first.
pub fn history_conflict<'a>(
    new_name: &str,
    new_staff_id: Option<i64>,
    earlier: &'a [EarlierExecutor],
) -> Option<&'a EarlierExecutor> {
    let hit = |e: &&EarlierExecutor| match (new_staff_id, e.staff_id) {
        (Some(a), Some(b)) => a == b,
        _ => same_person(new_name, &e.name),
    };
    earlier
        .iter()
        .filter(|e| e.appeal.is_none())
        .find(hit)
        .or_else(|| earlier.iter().filter(|e| e.appeal.is_some()).find(hit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::DayKind;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_left_and_classification() {
        let today = d(2026, 3, 16);
        let on = InstructionStatus::OnControl;
        let cases = [
            (d(2026, 3, 10), -6, Urgency::Overdue),
            (d(2026, 3, 15), -1, Urgency::Overdue),
            (d(2026, 3, 16), 0, Urgency::DueToday),
            (d(2026, 3, 17), 1, Urgency::DueSoon),
            (d(2026, 3, 19), 3, Urgency::DueSoon),
            (d(2026, 3, 20), 4, Urgency::Ok),
        ];
        for (due, left, u) in cases {
            assert_eq!(days_left(due, today), left, "{due}");
            assert_eq!(classify(on, due, today), u, "{due}");
        }
        assert_eq!(
            classify(InstructionStatus::Answered, d(2026, 1, 1), today),
            Urgency::Answered
        );
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let mut cal = Calendar::weekdays_only();
        // Friday 2026-03-20 .. Monday 2026-03-23; make Monday a day off.
        cal.set(d(2026, 3, 23), DayKind::Off, "Наурыз");
        let fri = d(2026, 3, 20);
        assert_eq!(working_days_left(&cal, d(2026, 3, 24), fri), 1);
        assert_eq!(working_days_left(&cal, fri, d(2026, 3, 24)), -1);
        assert_eq!(working_days_left(&cal, fri, fri), 0);
    }

    fn answer(on: Option<NaiveDate>, summary: &str) -> AnswerDraft {
        AnswerDraft {
            answered_on: on,
            summary: summary.into(),
            doc_no: " 01-12/345 ".into(),
        }
    }

    #[test]
    fn closing_rules() {
        let held = d(2026, 3, 2);
        let today = d(2026, 3, 16);
        let on = InstructionStatus::OnControl;
        let ok = check_answer(on, held, today, &answer(Some(held), " Жауап берілді ")).unwrap();
        assert_eq!(ok.summary, "Жауап берілді");
        assert_eq!(ok.doc_no, "01-12/345");
        assert!(check_answer(on, held, today, &answer(Some(today), "x")).is_ok());
        let e = |s, a: AnswerDraft| check_answer(s, held, today, &a).unwrap_err();
        assert_eq!(
            e(on, answer(Some(d(2026, 3, 1)), "x")),
            vec![CloseProblem::BeforeProtocol]
        );
        assert_eq!(
            e(on, answer(Some(d(2026, 3, 17)), "x")),
            vec![CloseProblem::InFuture]
        );
        assert_eq!(e(on, answer(None, "x")), vec![CloseProblem::DateMissing]);
        assert_eq!(
            e(on, answer(Some(today), " \n ")),
            vec![CloseProblem::SummaryMissing]
        );
        assert_eq!(
            e(InstructionStatus::Answered, answer(Some(today), "x")),
            vec![CloseProblem::AlreadyAnswered]
        );
        let long = "я".repeat(limits::INSTRUCTION + 1);
        assert!(matches!(
            e(on, answer(Some(today), &long))[..],
            [CloseProblem::SummaryText(TextError::TooLong { .. })]
        ));
    }

    #[test]
    fn rework_and_extension_rules() {
        let today = d(2026, 3, 16);
        let ans = InstructionStatus::Answered;
        let on = InstructionStatus::OnControl;
        assert_eq!(
            check_rework(ans, false, today, " Жауап толық емес ", d(2026, 3, 23)),
            Ok("Жауап толық емес".into())
        );
        assert_eq!(
            check_rework(on, true, today, "", today),
            Err(vec![
                RoundProblem::NotAnswered,
                RoundProblem::AppealClosed,
                RoundProblem::ReasonMissing,
                RoundProblem::DueNotAfterToday
            ])
        );
        assert_eq!(
            check_extension(on, d(2026, 3, 20), today, "Сұрау салынды", d(2026, 3, 27)),
            Ok("Сұрау салынды".into())
        );
        assert_eq!(
            check_extension(on, d(2026, 3, 20), today, "x", d(2026, 3, 20)),
            Err(vec![RoundProblem::DueNotLater])
        );
        assert_eq!(
            check_extension(on, d(2026, 3, 10), today, "x", d(2026, 3, 12)),
            Err(vec![RoundProblem::DueNotAfterToday])
        );
        assert_eq!(
            check_extension(ans, d(2026, 3, 20), today, " ", d(2026, 3, 27)),
            Err(vec![
                RoundProblem::NotOnControl,
                RoundProblem::ReasonMissing
            ])
        );
    }

    #[test]
    fn conflict_over_the_applicants_history() {
        let earlier = vec![
            EarlierExecutor {
                name: "Жер қатынастары бөлімі".into(),
                staff_id: Some(7),
                appeal: Some((3, "KHR-2026-000003".into())),
            },
            EarlierExecutor {
                name: "Ахметов Асқар".into(),
                staff_id: None,
                appeal: None,
            },
        ];
        // Chosen from the list: compared by id, whatever the spelling.
        let hit = history_conflict("Жер бөлімі", Some(7), &earlier).unwrap();
        assert_eq!(hit.appeal, Some((3, "KHR-2026-000003".into())));
        assert!(history_conflict("Жер қатынастары бөлімі", Some(8), &earlier).is_none());
        // Free text: compared by name.
        assert_eq!(
            history_conflict("АХМЕТОВ А.", None, &earlier).map(|e| e.appeal.clone()),
            Some(None)
        );
        assert!(history_conflict("Омаров Ерлан", None, &earlier).is_none());
    }

    #[test]
    fn conflict_rule_compares_folded_names() {
        let prev = vec!["Ахметов Асқар".to_string(), "Seitova Gulnar".to_string()];
        assert_eq!(
            executor_conflict("АХМЕТОВ АСКАР", &prev),
            Some("Ахметов Асқар")
        );
        assert_eq!(
            executor_conflict("Akhmetov A.", &prev),
            Some("Ахметов Асқар")
        );
        assert_eq!(
            executor_conflict("Ахметов А.", &prev),
            Some("Ахметов Асқар")
        );
        assert_eq!(
            executor_conflict("Сейітова Гүлнар", &prev),
            Some("Seitova Gulnar")
        );
        assert_eq!(executor_conflict("Ахметов Берік", &prev), None);
        assert_eq!(executor_conflict("Омаров", &prev), None);
        assert_eq!(executor_conflict("", &prev), None);
    }
}
