//! The reception figures of a report (issue 15; 001 §7-8, 004 §7) as lines of
//! text for the F7 screen: per official, by format, refusals/returns/redirects
//! and the topic x settlement table, laid out for the width given (the screen
//! scrolls them).
use super::form::cut;
use crate::domain::text::display;
use crate::domain::Lang;
use crate::i18n::ui::Msg;
use crate::store::ReceptionFigures;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// Width of a number column (a space, then the number right-aligned).
const NUM: usize = 11;
/// Width of a settlement column of the topic x settlement table.
const SETTLEMENT: usize = 10;

/// `s` cut to `w` columns and padded to exactly `w`.
fn pad(s: &str, w: usize) -> String {
    let c = cut(s, w);
    let fill = w.saturating_sub(UnicodeWidthStr::width(c.as_str()));
    format!("{c}{}", " ".repeat(fill))
}

/// `s` cut to `w - 1` columns and right-aligned in `w` (a space before it).
fn right(s: &str, w: usize) -> String {
    let c = cut(s, w.saturating_sub(1));
    let fill = w.saturating_sub(UnicodeWidthStr::width(c.as_str()));
    format!("{}{c}", " ".repeat(fill))
}

fn title(m: Msg, lang: Lang) -> Line<'static> {
    Line::styled(
        m.text(lang).to_string(),
        Style::default().add_modifier(Modifier::BOLD),
    )
}

fn header(s: String) -> Line<'static> {
    Line::styled(s, Style::default().add_modifier(Modifier::UNDERLINED))
}

/// The lines of the reception figures for a view `width` columns wide.
pub fn lines(f: &ReceptionFigures, lang: Lang, width: u16) -> Vec<Line<'static>> {
    let width = (width as usize).max(40);
    let mut out = Vec::new();
    per_official(f, lang, width, &mut out);
    out.push(Line::from(""));
    by_format(f, lang, width, &mut out);
    out.push(Line::from(""));
    for (m, n) in [
        (Msg::RcpRefused, f.refused),
        (Msg::RcpReturned, f.returned),
        (Msg::RcpRedirected, f.redirected),
        (Msg::RcpParticipationRefusals, f.participation_refusals),
    ] {
        out.push(Line::from(format!(
            "{}{}",
            pad(m.text(lang), width - NUM),
            right(&n.to_string(), NUM)
        )));
    }
    out.push(Line::from(""));
    topic_settlement(f, lang, width, &mut out);
    out
}

fn per_official(f: &ReceptionFigures, lang: Lang, width: usize, out: &mut Vec<Line<'static>>) {
    out.push(title(Msg::RcpPerOfficial, lang));
    let months_w = 17;
    let name_w = width.saturating_sub(3 * NUM + months_w + 1).max(10);
    out.push(header(format!(
        "{}{}{}{} {}",
        pad(Msg::FieldOfficial.text(lang), name_w),
        right(Msg::RcpHeld.text(lang), NUM),
        right(Msg::RcpReceived.text(lang), NUM),
        right(Msg::RcpNoShows.text(lang), NUM),
        pad(Msg::RcpMonthsWithout.text(lang), months_w)
    )));
    if f.per_official.is_empty() {
        out.push(Line::from(Msg::RcpNone.text(lang).to_string()));
    }
    for o in &f.per_official {
        let months = o
            .months_without
            .iter()
            .map(|(y, m)| format!("{m:02}.{y}"))
            .collect::<Vec<_>>()
            .join(", ");
        let line = format!(
            "{}{}{}{} {}",
            pad(&display(&o.name), name_w),
            right(&o.sessions_held.to_string(), NUM),
            right(&o.received.to_string(), NUM),
            right(&o.no_shows.to_string(), NUM),
            if months.is_empty() {
                "—".into()
            } else {
                months
            }
        );
        // An official who must receive and did not in a month stands out.
        out.push(if o.months_without.is_empty() {
            Line::from(line)
        } else {
            Line::styled(line, Style::default().fg(ratatui::style::Color::Yellow))
        });
    }
}

fn by_format(f: &ReceptionFigures, lang: Lang, width: usize, out: &mut Vec<Line<'static>>) {
    out.push(title(Msg::RcpByFormat, lang));
    let name_w = width.saturating_sub(2 * NUM).max(10);
    out.push(header(format!(
        "{}{}{}",
        pad(Msg::ColFormat.text(lang), name_w),
        right(Msg::RcpHeld.text(lang), NUM),
        right(Msg::RcpReceived.text(lang), NUM)
    )));
    for x in &f.by_format {
        out.push(Line::from(format!(
            "{}{}{}",
            pad(crate::i18n::schedule::format_label(lang, x.format), name_w),
            right(&x.sessions.to_string(), NUM),
            right(&x.received.to_string(), NUM)
        )));
    }
}

fn topic_settlement(f: &ReceptionFigures, lang: Lang, width: usize, out: &mut Vec<Line<'static>>) {
    out.push(title(Msg::RcpTopicSettlement, lang));
    let ts = &f.topic_settlement;
    if ts.rows.is_empty() {
        out.push(Line::from(Msg::RcpNone.text(lang).to_string()));
        return;
    }
    let topic_w = (width / 3).clamp(16, 30);
    let room = (width.saturating_sub(topic_w) / SETTLEMENT).max(1);
    // All settlements when they fit; else the first (largest) and "others".
    let shown = if ts.settlements.len() <= room {
        ts.settlements.len()
    } else {
        room - 1
    };
    let others = ts.settlements.len() > shown;
    let name = |s: &str| -> String {
        if s.is_empty() {
            Msg::RcpNotStated.text(lang).to_string()
        } else {
            display(s).into_owned()
        }
    };
    let mut head = pad(Msg::ColTopic.text(lang), topic_w);
    for s in &ts.settlements[..shown] {
        head.push_str(&right(&name(s), SETTLEMENT));
    }
    if others {
        head.push_str(&right(Msg::RcpOthers.text(lang), SETTLEMENT));
    }
    out.push(header(head));
    for (code, kk, ru, counts) in &ts.rows {
        let label = match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
        };
        let label = if code.is_empty() {
            Msg::RcpNotStated.text(lang).to_string()
        } else {
            display(label).into_owned()
        };
        let mut line = pad(&label, topic_w);
        for n in &counts[..shown] {
            line.push_str(&right(&n.to_string(), SETTLEMENT));
        }
        if others {
            let rest: i64 = counts[shown..].iter().sum();
            line.push_str(&right(&rest.to_string(), SETTLEMENT));
        }
        out.push(Line::from(line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{OfficialReception, TopicSettlement};

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn settlements_beyond_the_width_are_summed_in_others() {
        let f = ReceptionFigures {
            per_official: vec![OfficialReception {
                official_id: 1,
                name: "Бекет Асқар".into(),
                sessions_held: 2,
                received: 5,
                no_shows: 1,
                months_without: vec![(2026, 2)],
            }],
            topic_settlement: TopicSettlement {
                settlements: (1..=9).map(|i| format!("Ауыл{i}")).collect(),
                rows: vec![("land".into(), "Жер".into(), "Земля".into(), vec![1; 9])],
            },
            ..Default::default()
        };
        let t = text(&lines(&f, Lang::Ru, 78));
        assert!(
            t.iter().all(|l| UnicodeWidthStr::width(l.as_str()) <= 78),
            "{t:#?}"
        );
        let official = t.iter().find(|l| l.starts_with("Бекет")).unwrap();
        assert!(official.contains("02.2026"), "{official}");
        let row = t.iter().find(|l| l.starts_with("Земля")).unwrap();
        // 78 - 26 topic = 52: 5 columns, 4 settlements and "others" = 5.
        let nums: Vec<i64> = row
            .split_whitespace()
            .skip(1)
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(nums, vec![1, 1, 1, 1, 5]);
        assert!(t.iter().any(|l| l.contains("Прочие")), "{t:#?}");
    }
}
