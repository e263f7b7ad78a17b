//! The report of the reception room (001 §40; 004 §5-7) as a bilingual document:
//! `store::Report` -> `document::Document`, printed by `document::html`/`xlsx`
//! and `pdf`.
use super::document::{Bi, Cell, Document, Table};
use crate::domain::profile::Profile;
use crate::domain::{Channel, Lang};
use crate::store::{
    change_percent, sort_free_lines, Line, ReceptionFigures, Report, Store, StoreError,
};
use chrono::NaiveDate;

/// "Not stated" (a settlement, a topic left empty).
const NOT_STATED: (&str, &str) = ("көрсетілмеген", "не указано");
/// No official held or was requested for the reception.
const NOT_ASSIGNED: (&str, &str) = ("тағайындалмаған", "не назначено");

fn set(l: &mut Line, (kk, ru): (&str, &str)) {
    l.kk = kk.to_string();
    l.ru = ru.to_string();
}

/// Words the labels the store leaves empty (it returns data, not words): channels,
/// applicant kinds, "not stated" and "not assigned"; then sorts the free lines again
/// by their labels.
pub fn label(r: &mut Report) {
    for l in &mut r.by_channel {
        if let Some(c) = Channel::from_code(&l.code) {
            l.kk = crate::i18n::ui::channel(Lang::Kk, c).to_string();
            l.ru = crate::i18n::ui::channel(Lang::Ru, c).to_string();
        }
    }
    for l in &mut r.by_applicant_kind {
        match l.code.as_str() {
            "individual" => set(l, ("Жеке тұлғалар", "Физические лица")),
            "legal" => set(l, ("Заңды тұлғалар", "Юридические лица")),
            _ => {}
        }
    }
    for lines in [
        &mut r.by_topic,
        &mut r.by_outcome,
        &mut r.by_category,
        &mut r.by_settlement,
        &mut r.by_channel,
        &mut r.by_applicant_kind,
    ] {
        for l in lines.iter_mut().filter(|l| l.code.is_empty()) {
            set(l, NOT_STATED);
        }
    }
    for l in r.by_official.iter_mut().filter(|l| l.code.is_empty()) {
        set(l, NOT_ASSIGNED);
    }
    for row in r
        .reception
        .topic_settlement
        .rows
        .iter_mut()
        .filter(|row| row.0.is_empty())
    {
        row.1 = NOT_STATED.0.to_string();
        row.2 = NOT_STATED.1.to_string();
    }
    sort_free_lines(&mut r.by_settlement);
    sort_free_lines(&mut r.by_official);
}

/// The report of a period, every line labelled in both languages.
pub fn build(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
    profile: &Profile,
) -> Result<Report, StoreError> {
    let mut r = store.report_figures(from, to, as_of, profile)?;
    label(&mut r);
    Ok(r)
}

impl Store {
    /// The labelled report of a period ([`build`]): the figures from the store,
    /// the words from here.
    pub fn report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        as_of: NaiveDate,
        profile: &Profile,
    ) -> Result<Report, StoreError> {
        build(self, from, to, as_of, profile)
    }
}

fn dmy(d: NaiveDate) -> String {
    crate::domain::dates::format_date(d)
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

/// Most settlements shown as columns of the topic x settlement table; the rest
/// are summed in "others" (the page stays portrait with the topic column).
const SETTLEMENT_COLUMNS: usize = 4;

/// The reception tables (issue 15): per official, by format, refusals/returns/
/// redirects, topic x settlement (004 §7(1)-(2)).
fn reception_tables(f: &ReceptionFigures) -> Vec<Table> {
    let per_official = Table {
        title: Bi::new(
            "Лауазымды адамдардың қабылдауы",
            "Прием должностными лицами",
        ),
        columns: vec![
            Bi::new("Лауазымды адам", "Должностное лицо"),
            Bi::new("Өткен қабылдаулар", "Проведено приемов"),
            Bi::new("Қабылданғандар", "Принято"),
            Bi::new("Келмегендер", "Неявки"),
            Bi::new("Қабылдаусыз айлар", "Месяцы без приема"),
        ],
        rows: f
            .per_official
            .iter()
            .map(|o| {
                vec![
                    Cell::Text(o.name.clone()),
                    Cell::Int(o.sessions_held),
                    Cell::Int(o.received),
                    Cell::Int(o.no_shows),
                    if o.months_without.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(
                            o.months_without
                                .iter()
                                .map(|(y, m)| format!("{m:02}.{y}"))
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                    },
                ]
            })
            .collect(),
    };
    let by_format = Table {
        title: Bi::new("Қабылдау нысаны бойынша", "По формату приема"),
        columns: vec![
            Bi::new("Нысаны", "Формат"),
            Bi::new("Өткен қабылдаулар", "Проведено приемов"),
            Bi::new("Қабылданғандар", "Принято"),
        ],
        rows: f
            .by_format
            .iter()
            .map(|x| {
                vec![
                    Cell::Label(Bi::new(
                        crate::i18n::schedule::format_label(crate::domain::Lang::Kk, x.format),
                        crate::i18n::schedule::format_label(crate::domain::Lang::Ru, x.format),
                    )),
                    Cell::Int(x.sessions),
                    Cell::Int(x.received),
                ]
            })
            .collect(),
    };
    let line = |kk: &str, ru: &str, n: i64| vec![Cell::Label(Bi::new(kk, ru)), Cell::Int(n)];
    let refusals = Table {
        // Short: the PDF prints a title on one line.
        title: Bi::new(
            "Бас тарту, қайтару, жіберу",
            "Отказы, возвраты, перенаправления",
        ),
        columns: vec![
            Bi::new("Көрсеткіш", "Показатель"),
            Bi::new("Саны", "Кол-во"),
        ],
        rows: vec![
            line("Қабылдаудан бас тартылды", "Отказано в приеме", f.refused),
            line("Қайтарылды", "Возвращено", f.returned),
            line(
                "Құзыреті бойынша жіберілді",
                "Направлено по компетенции",
                f.redirected,
            ),
            line(
                "Басқа органдардың қатысудан бас тартуы",
                "Отказы других органов от участия",
                f.participation_refusals,
            ),
        ],
    };
    let ts = &f.topic_settlement;
    let shown = if ts.settlements.len() > SETTLEMENT_COLUMNS + 1 {
        SETTLEMENT_COLUMNS
    } else {
        ts.settlements.len()
    };
    let others = ts.settlements.len() > shown;
    let mut columns = vec![Bi::new("Тақырып", "Тема")];
    for st in &ts.settlements[..shown] {
        columns.push(if st.is_empty() {
            Bi::new(NOT_STATED.0, NOT_STATED.1)
        } else {
            Bi::new(st.clone(), st.clone())
        });
    }
    if others {
        columns.push(Bi::new("Басқалары", "Прочие"));
    }
    let topic_settlement = Table {
        title: Bi::new("Тақырыптар мен елді мекендер", "Темы по населенным пунктам"),
        columns,
        rows: ts
            .rows
            .iter()
            .map(|(_, kk, ru, counts)| {
                let mut row = vec![Cell::Label(Bi::new(kk.clone(), ru.clone()))];
                row.extend(counts[..shown].iter().map(|n| Cell::Int(*n)));
                if others {
                    row.push(Cell::Int(counts[shown..].iter().sum()));
                }
                row
            })
            .collect(),
    };
    vec![per_official, by_format, refusals, topic_settlement]
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
            single(
                "Пысықтауға қайтарылған жауаптар",
                "Ответов возвращено на доработку",
                Cell::Int(r.control.returned_for_rework),
            ),
            single(
                "Тапсырма мерзімін ұзарту",
                "Продлений сроков поручений",
                Cell::Int(r.control.extensions),
            ),
            single(
                "Ұжымдық өтініштер",
                "Коллективных обращений",
                Cell::Int(r.collective_appeals),
            ),
            single(
                "Ұжымдық өтініштерге қол қойғандар",
                "Подписавших коллективные обращения",
                Cell::Int(r.signatories),
            ),
            single(
                "Мәні жоқ, қаралмаған өтініштер",
                "Не рассмотрено (без сути вопроса)",
                Cell::Int(r.not_considered),
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
        ]
        .into_iter()
        .chain(reception_tables(&r.reception))
        .collect(),
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
