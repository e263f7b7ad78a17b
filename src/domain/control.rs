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

/// The conflict rule (001 §24): an appeal from a reception may not be assigned to
/// an employee who handled it before. `previous` are the executors the appeal's
/// instructions had so far. Returns the earlier name that matches `new_executor`.
pub fn executor_conflict<'a>(new_executor: &str, previous: &'a [String]) -> Option<&'a str> {
    previous
        .iter()
        .find(|p| same_person(new_executor, p))
        .map(String::as_str)
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
