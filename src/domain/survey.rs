//! Satisfaction survey by phone (001 §38): a random sample of the applicants who
//! got a consultation or declined to register for reception in a period.
//!
//! Who is eligible (decided here, computed by the store):
//! - **consultation**: an appeal of the period whose outcome is `explained`;
//! - **declined**: an appeal of the period with status `withdrawn` (the applicant
//!   withdrew it) or `returned` (the applicant did not complete it and it was
//!   returned) - in both the applicant ended up not registered for reception.
//!   A queue entry `left` is not counted: the applicant stays registered.
//! - and the applicant has a phone number and has not withdrawn consent.
//!
//! Each applicant is in a sample at most once. The draw is pure: the same
//! eligible list and seed always give the same call list.
use super::text::{self, limits, TextError};
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde::Serialize;

/// Why an applicant may be called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyReason {
    Consultation,
    Declined,
}

impl SurveyReason {
    pub fn code(self) -> &'static str {
        match self {
            SurveyReason::Consultation => "consultation",
            SurveyReason::Declined => "declined",
        }
    }
    pub fn from_code(s: &str) -> Option<SurveyReason> {
        match s {
            "consultation" => Some(SurveyReason::Consultation),
            "declined" => Some(SurveyReason::Declined),
            _ => None,
        }
    }
}

/// One eligible applicant with the appeal that makes them eligible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Eligible {
    pub applicant_id: i64,
    pub appeal_id: i64,
    pub reason: SurveyReason,
}

/// How many to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SampleSize {
    /// At most this many applicants.
    Count(usize),
    /// This per cent of the eligible applicants, rounded up (1..=100).
    Percent(u8),
}

impl SampleSize {
    /// "size:N" or "percent:P", as stored with the survey.
    pub fn code(self) -> String {
        match self {
            SampleSize::Count(n) => format!("size:{n}"),
            SampleSize::Percent(p) => format!("percent:{p}"),
        }
    }

    /// The number of applicants to draw out of `eligible`.
    pub fn of(self, eligible: usize) -> usize {
        match self {
            SampleSize::Count(n) => n.min(eligible),
            SampleSize::Percent(p) => {
                let p = p.min(100) as usize;
                (eligible * p).div_ceil(100)
            }
        }
    }
}

/// Keeps the first entry of each applicant (the caller lists the newest appeal of
/// an applicant first), in order of applicant id.
pub fn distinct_applicants(eligible: &[Eligible]) -> Vec<Eligible> {
    let mut v: Vec<Eligible> = Vec::with_capacity(eligible.len());
    let mut sorted: Vec<(usize, &Eligible)> = eligible.iter().enumerate().collect();
    sorted.sort_by_key(|(i, e)| (e.applicant_id, *i));
    for (_, e) in sorted {
        if v.last().map(|l| l.applicant_id) != Some(e.applicant_id) {
            v.push(*e);
        }
    }
    v
}

/// Draws the call list: distinct applicants, `size` of them, in random call order
/// given by `seed` (rand's `StdRng`, so a test can fix it).
pub fn draw_sample(eligible: &[Eligible], size: SampleSize, seed: u64) -> Vec<Eligible> {
    let pool = distinct_applicants(eligible);
    let k = size.of(pool.len());
    let mut rng = StdRng::seed_from_u64(seed);
    rand::seq::index::sample(&mut rng, pool.len(), k)
        .into_iter()
        .map(|i| pool[i])
        .collect()
}

/// The result of one call as the operator types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CallResult {
    /// The applicant answered the phone.
    pub reached: bool,
    /// Satisfaction 1 (very unsatisfied) ..= 5 (fully satisfied); none when not
    /// reached or when the applicant would not rate.
    pub score: Option<u8>,
    pub comment: String,
}

/// What is wrong with a call result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallProblem {
    /// A score outside 1..=5.
    ScoreOutOfRange,
    /// A score for an applicant who was not reached.
    ScoreWithoutReach,
    Comment(TextError),
}

/// Checks and cleans a call result.
pub fn check_call(r: &CallResult) -> Result<CallResult, Vec<CallProblem>> {
    let mut problems = Vec::new();
    let mut out = r.clone();
    match r.score {
        Some(s) if !(1..=5).contains(&s) => problems.push(CallProblem::ScoreOutOfRange),
        Some(_) if !r.reached => problems.push(CallProblem::ScoreWithoutReach),
        _ => {}
    }
    match text::clean_text(&r.comment, limits::REASON) {
        Ok(c) => out.comment = c,
        Err(e) => problems.push(CallProblem::Comment(e)),
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(n: i64) -> Vec<Eligible> {
        (1..=n)
            .map(|i| Eligible {
                applicant_id: i,
                appeal_id: 100 + i,
                reason: if i % 3 == 0 {
                    SurveyReason::Declined
                } else {
                    SurveyReason::Consultation
                },
            })
            .collect()
    }

    #[test]
    fn sizes() {
        assert_eq!(SampleSize::Count(5).of(3), 3);
        assert_eq!(SampleSize::Count(5).of(30), 5);
        assert_eq!(SampleSize::Percent(10).of(30), 3);
        assert_eq!(SampleSize::Percent(10).of(31), 4);
        assert_eq!(SampleSize::Percent(100).of(7), 7);
        assert_eq!(SampleSize::Percent(0).of(7), 0);
        assert_eq!(SampleSize::Percent(50).code(), "percent:50");
    }

    #[test]
    fn same_seed_same_list_other_seed_other_list() {
        let p = pool(40);
        let a = draw_sample(&p, SampleSize::Count(10), 7);
        let b = draw_sample(&p, SampleSize::Count(10), 7);
        let c = draw_sample(&p, SampleSize::Count(10), 8);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 10);
        // Only eligible applicants, each once.
        let mut ids: Vec<i64> = a.iter().map(|e| e.applicant_id).collect();
        assert!(a.iter().all(|e| p.contains(e)));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 10);
        // Not simply the first ten.
        assert_ne!(
            a.iter().map(|e| e.applicant_id).collect::<Vec<_>>(),
            (1..=10).collect::<Vec<_>>()
        );
    }

    #[test]
    fn an_applicant_with_several_appeals_is_drawn_once() {
        let mut p = pool(3);
        // Applicant 2 again, with an older appeal listed after the newer one.
        p.push(Eligible {
            applicant_id: 2,
            appeal_id: 99,
            reason: SurveyReason::Declined,
        });
        let all = draw_sample(&p, SampleSize::Percent(100), 1);
        assert_eq!(all.len(), 3);
        let two = all.iter().find(|e| e.applicant_id == 2).unwrap();
        assert_eq!(two.appeal_id, 102);
        assert!(draw_sample(&[], SampleSize::Count(3), 1).is_empty());
    }

    #[test]
    fn call_results() {
        let ok = CallResult {
            reached: true,
            score: Some(5),
            comment: " Рақмет ".into(),
        };
        assert_eq!(check_call(&ok).unwrap().comment, "Рақмет");
        let not_reached = CallResult::default();
        assert!(check_call(&not_reached).is_ok());
        let bad = CallResult {
            reached: true,
            score: Some(6),
            ..Default::default()
        };
        assert_eq!(
            check_call(&bad).unwrap_err(),
            vec![CallProblem::ScoreOutOfRange]
        );
        let unreached_score = CallResult {
            reached: false,
            score: Some(3),
            ..Default::default()
        };
        assert_eq!(
            check_call(&unreached_score).unwrap_err(),
            vec![CallProblem::ScoreWithoutReach]
        );
    }
}
