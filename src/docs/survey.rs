//! The call list of a satisfaction survey (004 §5: a random sample of applicants
//! called back) as a bilingual document, for the caller who works from paper:
//! the numbers to call, why each applicant is on the list, and the columns for
//! the result (printed when already recorded, blank to fill in by hand).
use super::document::{Bi, Cell, Document, Table};
use crate::domain::survey::SurveyReason;
use crate::domain::Lang;
use crate::store::{Survey, SurveyCall};

fn reason(r: SurveyReason) -> Bi {
    match r {
        SurveyReason::Consultation => Bi::new("кеңес алды", "получил консультацию"),
        SurveyReason::Declined => Bi::new("тіркелуден бас тартты", "отказался от записи"),
    }
}

fn language(l: Lang) -> Bi {
    match l {
        Lang::Kk => Bi::new("қазақ", "казахский"),
        Lang::Ru => Bi::new("орыс", "русский"),
    }
}

/// The requested size as printed: "10" or "10%".
fn requested(s: &str) -> String {
    match s.split_once(':') {
        Some(("percent", p)) => format!("{p}%"),
        Some((_, n)) => n.to_string(),
        None => s.to_string(),
    }
}

/// Builds the call list of `survey`. `office` is the office's name (kk, ru).
pub fn document(survey: &Survey, calls: &[SurveyCall], office: &Bi) -> Document {
    let period = format!(
        "{} – {}",
        survey.period_from.format("%d.%m.%Y"),
        survey.period_to.format("%d.%m.%Y")
    );
    let sample = format!(
        "{} / {} ({})",
        calls.len(),
        survey.eligible,
        requested(&survey.requested)
    );
    let rows = calls
        .iter()
        .map(|c| {
            let (reached, score, comment) = match &c.result {
                Some(r) => (
                    Cell::Label(if r.reached {
                        Bi::new("иә", "да")
                    } else {
                        Bi::new("жоқ", "нет")
                    }),
                    r.score
                        .map(|s| Cell::Int(i64::from(s)))
                        .unwrap_or(Cell::Text(String::new())),
                    Cell::Text(r.comment.clone()),
                ),
                None => (
                    Cell::Text(String::new()),
                    Cell::Text(String::new()),
                    Cell::Text(String::new()),
                ),
            };
            vec![
                Cell::Int(c.position),
                Cell::Text(c.applicant_name.clone()),
                Cell::Text(c.phone.clone()),
                Cell::Label(language(c.language)),
                Cell::Text(c.reg_no.clone()),
                Cell::Label(reason(c.reason)),
                reached,
                score,
                comment,
            ]
        })
        .collect();
    Document {
        title: Bi::new(
            "Қанағаттанушылық сауалнамасы: қоңыраулар тізімі",
            "Опрос удовлетворенности: список звонков",
        ),
        header: vec![
            office.clone(),
            Bi::new(format!("Кезең: {period}"), format!("Период: {period}")),
            Bi::new(
                format!("Іріктеме / лайықтылар: {sample}"),
                format!("Выборка / подходящих: {sample}"),
            ),
        ],
        tables: vec![Table {
            title: Bi::new("Қоңыраулар", "Звонки"),
            columns: vec![
                Bi::new("№", "№"),
                Bi::new("Арыз иесі", "Заявитель"),
                Bi::new("Телефон", "Телефон"),
                Bi::new("Тілі", "Язык"),
                Bi::new("Өтініш", "Обращение"),
                Bi::new("Себебі", "Основание"),
                Bi::new("Хабарласты", "Дозвонились"),
                Bi::new("Баға (1–5)", "Оценка (1–5)"),
                Bi::new("Түсініктеме", "Комментарий"),
            ],
            rows,
        }],
        note: Some(Bi::new(
            "Дербес деректер: тек сауалнама үшін; басып шығару журналға жазылды (94-V Заң).",
            "Персональные данные: только для опроса; печать записана в журнал (Закон 94-V).",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::CallResult;
    use chrono::NaiveDate;

    fn call(position: i64, result: Option<CallResult>) -> SurveyCall {
        SurveyCall {
            id: position,
            position,
            applicant_id: position,
            applicant_name: format!("Өмірбекова Айгүл {position}"),
            phone: "+7 701 234 56 78".into(),
            language: Lang::Kk,
            appeal_id: position,
            reg_no: format!("KHR-2026-00000{position}"),
            reason: SurveyReason::Consultation,
            called_at: None,
            result,
        }
    }

    #[test]
    fn call_list_prints_numbers_reasons_and_results_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let survey = Survey {
            id: 1,
            period_from: d,
            period_to: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            requested: "percent:10".into(),
            seed: 7,
            eligible: 20,
            calls: 2,
            done: 1,
            created_at: d.and_hms_opt(9, 0, 0).unwrap(),
        };
        let calls = vec![
            call(
                1,
                Some(CallResult {
                    reached: true,
                    score: Some(4),
                    comment: "Рахмет".into(),
                }),
            ),
            call(2, None),
        ];
        let doc = document(&survey, &calls, &Bi::new("Әкімдік", "Акимат"));
        let html = super::super::document::html(&doc);
        for s in [
            "Қанағаттанушылық сауалнамасы",
            "Опрос удовлетворенности",
            "01.01.2026 – 31.03.2026",
            "2 / 20 (10%)",
            "+7 701 234 56 78",
            "кеңес алды / получил консультацию",
            "иә / да",
            "Рахмет",
            "Өмірбекова Айгүл 2",
            "Закон 94-V",
        ] {
            assert!(html.contains(s), "{s}");
        }
        let t = &doc.tables[0];
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][7], Cell::Int(4));
        assert_eq!(t.rows[1][6], Cell::Text(String::new()));
    }
}
