//! The applicant's talon (APPC art. 64(2)): unique number, date and time, the
//! receiver's name and position, the ticket number if queued. Printed in Kazakh
//! and Russian on one sheet.
use crate::domain::text::display;
use chrono::NaiveDateTime;

#[derive(Clone, Debug, PartialEq)]
pub struct Talon {
    pub reg_no: String,
    pub at: NaiveDateTime,
    pub receiver_name: String,
    pub receiver_position_kk: String,
    pub receiver_position_ru: String,
    pub ticket: Option<u32>,
    /// "Surname N. P." — the talon does not need more personal data.
    pub applicant_short: String,
    pub office_kk: String,
    pub office_ru: String,
}

/// The talon as plain lines for the screen: Kazakh block, then Russian block.
pub fn lines(t: &Talon) -> Vec<String> {
    let when = t.at.format("%d.%m.%Y %H:%M").to_string();
    let mut v = vec![
        format!("ТАЛОН  {}", t.reg_no),
        String::new(),
        format!("{}", display(&t.office_kk)),
        format!("Тіркеу нөмірі: {}", t.reg_no),
        format!("Күні мен уақыты: {when}"),
        format!("Арыз иесі: {}", display(&t.applicant_short)),
        format!(
            "Қабылдаған: {}, {}",
            display(&t.receiver_name),
            display(&t.receiver_position_kk)
        ),
    ];
    if let Some(n) = t.ticket {
        v.push(format!("Кезек нөмірі: {n}"));
    }
    v.push(String::new());
    v.push(format!("{}", display(&t.office_ru)));
    v.push(format!("Регистрационный номер: {}", t.reg_no));
    v.push(format!("Дата и время: {when}"));
    v.push(format!("Заявитель: {}", display(&t.applicant_short)));
    v.push(format!(
        "Принял: {}, {}",
        display(&t.receiver_name),
        display(&t.receiver_position_ru)
    ));
    if let Some(n) = t.ticket {
        v.push(format!("Номер в очереди: {n}"));
    }
    v.push(String::new());
    v.push("ӘРПК 64-бабы / ст. 64 АППК".into());
    v
}

/// Cuts `line` into pieces at most `width` display columns wide, at spaces where
/// possible (a word longer than the width is cut).
fn wrap(line: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(8);
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in line.split(' ') {
        let sep = usize::from(!cur.is_empty());
        if cur.width() + sep + word.width() <= width {
            if sep == 1 {
                cur.push(' ');
            }
            cur.push_str(word);
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        for ch in word.chars() {
            if cur.width() + unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0) > width {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(ch);
        }
    }
    out.push(cur);
    out
}

/// The talon as plain text for a narrow receipt printer, `width` columns wide
/// (32 for 58 mm paper, 42-48 for 80 mm): the same lines as [`lines`], wrapped,
/// the queue number centred and repeated large-spaced at the top, dashed rules
/// between the blocks, ending with a few blank lines to tear off.
pub fn text(t: &Talon, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(8);
    let centre = |s: &str| {
        let pad = width.saturating_sub(s.width()) / 2;
        format!("{}{s}", " ".repeat(pad))
    };
    let rule = "-".repeat(width);
    let mut out: Vec<String> = Vec::new();
    let all = lines(t);
    out.push(centre(&all[0]));
    if let Some(n) = t.ticket {
        out.push(centre(&format!("Кезек / Очередь: {n}")));
    }
    out.push(rule.clone());
    for l in &all[2..] {
        if l.is_empty() {
            out.push(rule.clone());
        } else {
            out.extend(wrap(l, width));
        }
    }
    out.extend(std::iter::repeat_n(String::new(), 4));
    out.join("\n")
}

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    display(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A printable, self-contained HTML page of the talon (open in a browser, print).
pub fn html(t: &Talon) -> String {
    let body: String = lines(t)
        .iter()
        .map(|l| {
            if l.is_empty() {
                "<hr>".to_string()
            } else {
                format!("<p>{}</p>", esc(l))
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "<!DOCTYPE html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font-family:'PT Sans','Liberation Sans',Arial,sans-serif;width:80mm;margin:8mm}}\
         p{{margin:2px 0}}hr{{border:0;border-top:1px dashed #888}}</style></head>\
         <body onload=\"window.print()\">\n{}\n</body></html>\n",
        esc(&t.reg_no),
        body
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn talon_has_both_languages_and_the_ticket() {
        let t = Talon {
            reg_no: "KHR-2026-000001".into(),
            at: chrono::NaiveDate::from_ymd_opt(2026, 3, 16)
                .unwrap()
                .and_hms_opt(9, 5, 0)
                .unwrap(),
            receiver_name: "Сейітова Г.".into(),
            receiver_position_kk: "бас маман".into(),
            receiver_position_ru: "главный специалист".into(),
            ticket: Some(3),
            applicant_short: "Өмірбекова А.".into(),
            office_kk: "Хромтау ауданы әкімінің аппараты".into(),
            office_ru: "Аппарат акима Хромтауского района".into(),
        };
        let l = lines(&t).join("\n");
        assert!(l.contains("Кезек нөмірі: 3") && l.contains("Номер в очереди: 3"));
        assert!(l.contains("16.03.2026 09:05"));
        let h = html(&Talon {
            applicant_short: "<script>".into(),
            ..t
        });
        assert!(h.contains("&lt;script&gt;") && !h.contains("<script>"));
    }

    #[test]
    fn receipt_text_fits_the_paper_and_keeps_every_line() {
        use unicode_width::UnicodeWidthStr;
        let t = Talon {
            reg_no: "KHR-2026-000001".into(),
            at: chrono::NaiveDate::from_ymd_opt(2026, 3, 16)
                .unwrap()
                .and_hms_opt(9, 5, 0)
                .unwrap(),
            receiver_name: "Сейітова Гүлназ Бекқызы".into(),
            receiver_position_kk: "ішкі саясат бөлімінің бас маманы".into(),
            receiver_position_ru: "главный специалист отдела внутренней политики".into(),
            ticket: Some(12),
            applicant_short: "Өмірбекова А. С.".into(),
            office_kk: "Хромтау ауданы әкімінің аппараты".into(),
            office_ru: "Аппарат акима Хромтауского района".into(),
        };
        for width in [32, 42, 48] {
            let s = text(&t, width);
            for l in s.lines() {
                assert!(l.width() <= width, "{width}: '{l}'");
            }
            let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("Кезек / Очередь: 12"), "{s}");
            assert!(flat.contains("Номер в очереди: 12"), "{s}");
            assert!(
                flat.contains("главный специалист отдела внутренней политики"),
                "{s}"
            );
            assert!(flat.contains("KHR-2026-000001"));
            assert!(s.ends_with("\n\n\n\n"));
        }
        assert!(!text(&Talon { ticket: None, ..t }, 32).contains("Очередь:"));
    }
}
