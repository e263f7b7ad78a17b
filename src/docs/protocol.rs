//! The protocol of a personal reception (001 §22-24) as a printable bilingual page:
//! every label in Kazakh and Russian, the record's text as typed.
use super::talon::esc;
use crate::domain::profile::Profile;
use crate::domain::{Appeal, Official, Protocol};

/// Everything the page shows.
pub struct ProtocolDoc<'a> {
    pub office_kk: &'a str,
    pub office_ru: &'a str,
    pub appeal: &'a Appeal,
    pub protocol: &'a Protocol,
    pub official: Option<&'a Official>,
    pub profile: &'a Profile,
}

fn row(kk: &str, ru: &str, value: &str) -> String {
    format!(
        "<tr><th>{} / {}</th><td>{}</td></tr>\n",
        esc(kk),
        esc(ru),
        esc(value).replace('\n', "<br>")
    )
}

/// Where and how the reception was held and who else took part (issue 15): the
/// appeal's session (`Store::session_of_appeal`) and the invited bodies
/// (`Store::participants_for_appeal`).
#[derive(Clone, Debug, Default)]
pub struct Reception {
    pub session: Option<crate::domain::schedule::Session>,
    pub participants: Vec<crate::store::Participant>,
}

/// The page as self-contained HTML, without the reception's format, place and
/// participants (see [`html_with_reception`]).
pub fn html(d: &ProtocolDoc) -> String {
    html_with_reception(d, &Reception::default())
}

/// The page with the reception's format, place, time and participants.
pub fn html_with_reception(d: &ProtocolDoc, rec: &Reception) -> String {
    let a = d.appeal;
    let p = d.protocol;
    let official = d
        .official
        .map(|o| format!("{} ({} / {})", o.full_name(), o.position_kk, o.position_ru))
        .unwrap_or_default();
    let outcome = p
        .outcome
        .as_deref()
        .and_then(|o| d.profile.outcome(o))
        .map(|o| format!("{} / {}", o.kk, o.ru))
        .unwrap_or_default();
    let topic = d
        .profile
        .topic(&a.topic)
        .map(|t| format!("{} / {}", t.kk, t.ru))
        .unwrap_or_default();
    let mut body = String::new();
    body.push_str(&row("Тіркеу нөмірі", "Регистрационный номер", &a.reg_no));
    body.push_str(&row(
        "Қабылдау күні",
        "Дата приема",
        &p.held_on.format("%d.%m.%Y").to_string(),
    ));
    body.push_str(&row("Лауазымды адам", "Должностное лицо", &official));
    if let Some(s) = &rec.session {
        use crate::domain::Lang;
        use crate::i18n::schedule::format_label;
        body.push_str(&row(
            "Қабылдау нысаны",
            "Формат приема",
            &format!(
                "{} / {}",
                format_label(Lang::Kk, s.format),
                format_label(Lang::Ru, s.format)
            ),
        ));
        body.push_str(&row("Өтетін орны", "Место", &s.place));
        body.push_str(&row(
            "Уақыты",
            "Время",
            &format!(
                "{} {}–{}",
                s.day.format("%d.%m.%Y"),
                s.start.format("%H:%M"),
                s.end.format("%H:%M")
            ),
        ));
    }
    if !rec.participants.is_empty() {
        let list = rec
            .participants
            .iter()
            .map(|p| {
                let mut line = p.body.clone();
                if !p.person.is_empty() {
                    line.push_str(&format!(" ({})", p.person));
                }
                if let Some(r) = p.refused_on {
                    line.push_str(&format!(
                        " — қатысудан бас тартты / отказался от участия {}",
                        r.format("%d.%m.%Y")
                    ));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("; ");
        body.push_str(&row("Қатысушылар", "Участники", &list));
    }
    body.push_str(&row("Арыз иесі", "Заявитель", &a.applicant.full_name()));
    if !a.applicant.org_name.is_empty() {
        body.push_str(&row("Ұйым", "Организация", &a.applicant.org_name));
    }
    body.push_str(&row("Тақырып", "Тема", &topic));
    body.push_str(&row("Мәселенің мәні", "Суть вопроса", &a.essence));
    body.push_str(&row("Шешім", "Решение", &p.decision));
    body.push_str(&row("Нәтиже", "Результат", &outcome));
    let mut ins = String::new();
    for (i, x) in p.instructions.iter().enumerate() {
        ins.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            i + 1,
            esc(&x.text),
            esc(&x.executor),
            x.due_on.format("%d.%m.%Y")
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\"><title>{reg}</title>\
<style>body{{font-family:'PT Serif','Liberation Serif',serif;margin:20mm}}\
table{{border-collapse:collapse;width:100%;margin:8px 0}}th,td{{border:1px solid #444;padding:4px;vertical-align:top;text-align:left}}\
th{{width:35%;background:#eee}}h1,h2{{text-align:center;font-size:14pt}}</style></head><body>\n\
<h2>{okk}<br>{oru}</h2>\n<h1>ЖЕКЕ ҚАБЫЛДАУ ХАТТАМАСЫ<br>ПРОТОКОЛ ЛИЧНОГО ПРИЕМА</h1>\n\
<table>\n{body}</table>\n<h2>Хаттамалық тапсырмалар / Протокольные поручения</h2>\n\
<table><tr><th>№</th><th>Тапсырма / Поручение</th><th>Орындаушы / Исполнитель</th><th>Мерзімі / Срок</th></tr>\n{ins}</table>\n\
<p>Тапсырмалар арыз иесіне түпкілікті дәлелді жауап берілгенге дейін бақылауда болады. / \
Поручения находятся на контроле до получения заявителем окончательного мотивированного ответа.</p>\n\
</body></html>\n",
        reg = esc(&a.reg_no),
        okk = esc(d.office_kk),
        oru = esc(d.office_ru),
    )
}
