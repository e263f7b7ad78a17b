//! Service errors in the user's language. The store's errors reach here only after
//! the services mapped them to a kind (`services::ServiceError`).
use super::ui::Msg;
use super::Lang;
use crate::domain::survey::CallProblem;
use crate::services::ServiceError;

/// A service error for the user. Storage failures keep their technical text after
/// the "could not save" words.
pub fn service_error(lang: Lang, e: &ServiceError) -> String {
    match e {
        ServiceError::Fields(_) => Msg::FormHasErrors.text(lang).into(),
        ServiceError::BadDate(_) => Msg::ErrDate.text(lang).into(),
        ServiceError::Step(t) => super::rules::transition_error(lang, t),
        ServiceError::Conflict => Msg::ChangedMeanwhile.text(lang).into(),
        ServiceError::ExecutorConflict(v) => v
            .iter()
            .map(|(_, previous)| super::control::executor_conflict(lang, previous))
            .next()
            .unwrap_or_default(),
        ServiceError::HistoryConflict(v) => v
            .iter()
            .map(|(_, previous, reg_no)| {
                super::control::history_conflict(
                    lang,
                    &crate::domain::control::EarlierExecutor {
                        name: previous.clone(),
                        staff_id: None,
                        appeal: Some((0, reg_no.clone())),
                    },
                )
            })
            .next()
            .unwrap_or_default(),
        ServiceError::ExecutorInvalid => super::control::executor_invalid(lang).into(),
        ServiceError::Answer(ps) => ps
            .iter()
            .map(|p| super::control::close_problem(lang, *p))
            .collect::<Vec<_>>()
            .join("; "),
        ServiceError::Call(ps) => ps
            .iter()
            .map(|p| match p {
                CallProblem::ScoreWithoutReach => Msg::ErrScoreWithoutReach.text(lang).into(),
                CallProblem::ScoreOutOfRange | CallProblem::Comment(_) => {
                    Msg::FormHasErrors.text(lang).to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        ServiceError::NobodyEligible => Msg::ErrNobodyEligible.text(lang).into(),
        ServiceError::Round(ps) => ps
            .iter()
            .map(|p| super::control::round_problem(lang, *p))
            .collect::<Vec<_>>()
            .join("; "),
        ServiceError::Invalid(field) => match lang {
            Lang::Kk => format!("Мәтін толтырылмаған немесе дұрыс емес: {field}"),
            Lang::Ru => format!("Текст не заполнен или недопустим: {field}"),
        },
        ServiceError::Letter(e) => super::rules::letter_error(lang, *e),
        ServiceError::Schedule(e) => super::schedule::error(lang, e),
        ServiceError::NotFound => Msg::RecordGone.text(lang).into(),
        ServiceError::SchemaTooNew { .. } => Msg::DbNewer.text(lang).into(),
        ServiceError::Storage(technical) => format!("{} {technical}", Msg::SaveFailed.text(lang)),
        ServiceError::Cancelled => Msg::Cancelled.text(lang).into(),
        ServiceError::ClockBehind => Msg::ClockBehind.text(lang).into(),
        ServiceError::IinBelongsTo { name, .. } => format!(
            "{} {}. {}",
            Msg::IinBelongsTo.text(lang),
            name.as_str(),
            Msg::IinCheck.text(lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_worded_in_both_languages() {
        let all = [
            ServiceError::Fields(vec![]),
            ServiceError::BadDate("date"),
            ServiceError::Conflict,
            ServiceError::ExecutorConflict(vec![(Some(0), "Ахметов А.".into())]),
            ServiceError::ExecutorInvalid,
            ServiceError::Call(vec![CallProblem::ScoreWithoutReach]),
            ServiceError::NobodyEligible,
            ServiceError::NotFound,
            ServiceError::Schedule(crate::domain::schedule::ScheduleError::SessionFull),
            ServiceError::SchemaTooNew { found: 9, known: 7 },
            ServiceError::Storage("disk I/O error".into()),
            ServiceError::HistoryConflict(vec![(
                Some(0),
                "Ахметов А.".into(),
                "KHR-2026-000001".into(),
            )]),
            ServiceError::Round(vec![crate::domain::control::RoundProblem::ReasonMissing]),
            ServiceError::Invalid("out_no"),
            ServiceError::Letter(crate::docs::letters::LetterError::NoStep),
            ServiceError::Cancelled,
            ServiceError::ClockBehind,
            ServiceError::IinBelongsTo {
                applicant_id: 1,
                name: crate::store::Personal("Ахметов Асқар".into()),
            },
        ];
        for e in &all {
            let kk = service_error(Lang::Kk, e);
            let ru = service_error(Lang::Ru, e);
            assert!(!kk.is_empty() && !ru.is_empty() && kk != ru, "{e:?}");
        }
        assert!(service_error(Lang::Ru, &all[3]).contains("Ахметов А."));
        assert!(service_error(Lang::Kk, &all[10]).ends_with("disk I/O error"));
        assert!(service_error(Lang::Ru, &all[11]).contains("KHR-2026-000001"));
        assert!(service_error(Lang::Kk, &all[17]).contains("Ахметов Асқар"));
        assert!(!format!("{:?}", all[17]).contains("Ахметов"));
    }
}
