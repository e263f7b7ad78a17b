//! The report of the reception room (001 §40; 004 §5-7) as a bilingual document:
//! `store::Report` -> `document::Document`, printed by `document::html`/`xlsx`
//! and `pdf`.
use super::document::{Bi, Cell, Document, Table};
use crate::store::{change_percent, Line, Report};
use chrono::NaiveDate;

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn period(from: NaiveDate, to: NaiveDate) -> String {
    format!("{} – {}", dmy(from), dmy(to))
}

fn change(cur: i64, prev: i64) -> Cell {
    change_percent(cur, prev)
        .map(Cell::Percent)
        .unwrap_or(Cell::Empty)
}

/// Column heads: the periods themselves are in the header lines, so the heads stay
/// short and the printed label column keeps its room.
fn columns(first: Bi) -> Vec<Bi> {
    vec![
        first,
        Bi::new("Кезең", "Период"),
        Bi::new("Салыстыру", "Сравнение"),
        Bi::new("Өзгерісі", "Изменение"),
    ]
}

fn breakdown(title: Bi, lines: &[Line]) -> Table {
    let rows = lines
        .iter()
        .map(|l| {
            vec![
                Cell::Label(Bi::new(l.kk.clone(), l.ru.clone())),
                Cell::Int(l.count),
                Cell::Int(l.prev),
                change(l.count, l.prev),
            ]
        })
        .collect();
    Table {
        title,
        columns: columns(Bi::new("Атауы", "Наименование")),
        rows,
    }
}

fn opt(x: Option<f64>) -> Cell {
    x.map(Cell::Num).unwrap_or(Cell::Empty)
}

/// Builds the document of a report. `office` is the office's name (kk, ru).
pub fn document(r: &Report, office: &Bi) -> Document {
    let compared = |kk: &str, ru: &str, cur: i64, prev: i64| {
        vec![
            Cell::Label(Bi::new(kk, ru)),
            Cell::Int(cur),
            Cell::Int(prev),
            change(cur, prev),
        ]
    };
    let single = |kk: &str, ru: &str, v: Cell| {
        vec![Cell::Label(Bi::new(kk, ru)), v, Cell::Empty, Cell::Empty]
    };
    let as_of = dmy(r.as_of);
    let summary = Table {
        title: Bi::new("Жалпы көрсеткіштер", "Общие показатели"),
        columns: columns(Bi::new("Көрсеткіш", "Показатель")),
        rows: vec![
            compared(
                "Тіркелген өтініштер",
                "Зарегистрировано обращений",
                r.total,
                r.total_prev,
            ),
            compared(
                "Қайталама өтініштер",
                "Повторные обращения",
                r.repeat_appeals,
                r.repeat_appeals_prev,
            ),
            single(
                "Мерзімі осы кезеңде аяқталған тапсырмалар",
                "Поручений со сроком в периоде",
                Cell::Int(r.deadlines.due),
            ),
            single(
                "Оның ішінде мерзімінде орындалғаны",
                "Из них исполнено в срок",
                Cell::Int(r.deadlines.met),
            ),
            single(
                "Мерзімінде орындалу, %",
                "Исполнено в срок, %",
                opt(r.deadlines.percent),
            ),
            single(
                "Кезекте шақырылғандар",
                "Вызвано из очереди",
                Cell::Int(r.queue.called),
            ),
            single(
                "Кезекте орташа күту, мин",
                "Среднее ожидание в очереди, мин",
                opt(r.queue.avg_wait_minutes),
            ),
            single(
                "Сауалнама: қоңыраулар",
                "Опрос: звонков",
                Cell::Int(r.survey.calls),
            ),
            single(
                "Сауалнама: байланысқа шыққандар",
                "Опрос: дозвонились",
                Cell::Int(r.survey.reached),
            ),
            single(
                "Сауалнама: орташа баға (1-5)",
                "Опрос: средняя оценка (1-5)",
                opt(r.survey.avg_score),
            ),
            single(
                &format!("Бақылаудағы тапсырмалар ({as_of} жағдайы бойынша)"),
                &format!("Поручений на контроле (на {as_of})"),
                Cell::Int(r.control.on_control),
            ),
            single(
                &format!("Оның ішінде мерзімі өткен ({as_of})"),
                &format!("Из них просрочено (на {as_of})"),
                Cell::Int(r.control.overdue),
            ),
        ],
    };
    Document {
        title: Bi::new(
            "Қоғамдық қабылдау бөлмесінің жұмысы туралы есеп",
            "Отчет о работе общественной приемной",
        ),
        header: vec![
            office.clone(),
            Bi::new(
                format!("Кезең: {}", period(r.from, r.to)),
                format!("Период: {}", period(r.from, r.to)),
            ),
            Bi::new(
                format!("Салыстыру: {}", period(r.prev_from, r.prev_to)),
                format!("Сравнение: {}", period(r.prev_from, r.prev_to)),
            ),
        ],
        tables: vec![
            summary,
            breakdown(Bi::new("Түсу арналары", "Каналы поступления"), &r.by_channel),
            breakdown(Bi::new("Тақырыптар", "Тематика"), &r.by_topic),
            breakdown(Bi::new("Лауазымды адамдар", "Должностные лица"), &r.by_official),
            breakdown(Bi::new("Қарау нәтижелері", "Результаты рассмотрения"), &r.by_outcome),
            breakdown(Bi::new("Елді мекендер", "Населенные пункты"), &r.by_settlement),
            breakdown(
                Bi::new("Кезектен тыс санаттар", "Внеочередные категории"),
                &r.by_category,
            ),
            breakdown(
                Bi::new("Арыз берушілер", "Заявители"),
                &r.by_applicant_kind,
            ),
        ],
        note: Some(Bi::new(
            "Өзгерісі өткен жылдың сол кезеңімен салыстырғанда. Қайталама: сол ЖСН бойынша сол тақырыпқа бұрын қабылданған немесе жауап берілген өтініш бар.",
            "Изменение к тому же периоду прошлого года. Повторное: по тому же ИИН и теме ранее было принятое или отвеченное обращение.",
        )),
    }
}

/// Prints the audit seal (rows, last row, first 16 hex digits of its hash) on
/// the report, so the filed paper can later show whether the trail was cut or
/// rewritten after the report was made.
pub fn add_seal(doc: &mut Document, seal: &crate::store::seal::Seal) {
    let s = seal.short();
    doc.header.push(Bi::new(
        format!("Аудит мөрі (жазба / соңғы / хэш): {s}"),
        format!("Печать аудита (записей / последняя / хэш): {s}"),
    ));
}
