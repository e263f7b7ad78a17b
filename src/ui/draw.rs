//! Draws the whole frame: the title bar, the current screen, the message line,
//! the keys and the popups (no I/O while drawing).
use super::app::App;
use super::keymap;
use super::popup;
use super::widgets::form::cut;
use crate::domain::text::display;
use crate::i18n::ui::Msg;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn draw(f: &mut Frame, app: &mut App) {
    let lang = app.ctx.lang();
    let screen_keys = app.screens.get(app.screen).keys();
    let key_lines = status_lines(app, screen_keys, f.area().width);
    let [top, body, msg, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(key_lines.len() as u16),
    ])
    .areas(f.area());
    let now = app.ctx.now();
    let title = format!(
        " Qabyldau | {} | {} | {} {}",
        app.screen.title().text(lang),
        now.format("%d.%m.%Y %H:%M"),
        Msg::Operator.text(lang),
        display(&app.ctx.session.operator.full_name),
    );
    // The language always shows at the right; the rest is cut with an ellipsis.
    // A clock started at a fixed moment (QABYLDAU_NOW) is always marked.
    let fixed = app.ctx.clock.started_fixed();
    let lang_mark = match fixed {
        true => format!(
            " | {} | {} ",
            Msg::FixedClock.text(lang),
            lang.code().to_uppercase()
        ),
        false => format!(" | {} ", lang.code().to_uppercase()),
    };
    let room = (top.width as usize).saturating_sub(lang_mark.chars().count());
    let title = format!("{}{lang_mark}", cut(&title, room));
    f.render_widget(
        Paragraph::new(title).style(
            Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
        ),
        top,
    );
    app.screens.get_mut(app.screen).draw(f, body, &app.ctx);
    if let Some((text, is_err)) = &app.ctx.status {
        let style = if *is_err {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(Color::Green)
        };
        let text = cut(&display(text), msg.width as usize);
        f.render_widget(Paragraph::new(text).style(style), msg);
    }
    f.render_widget(Paragraph::new(key_lines), keys);
    for p in &app.popups {
        popup::draw(f, p, lang, screen_keys);
    }
    // The colour theme (default, contrast, mono) recolours the finished frame.
    super::theme::current().apply(f.buffer_mut());
}

/// The keys that work right now, generated from the keymap: one line, or two
/// when one does not hold them (see `fit_keys`).
fn status_lines(app: &App, screen_keys: &'static [keymap::Ctx], width: u16) -> Vec<Line<'static>> {
    let lang = app.ctx.lang();
    let hints: Vec<(String, String)> = if app.popups.is_empty() {
        keymap::bindings_in(screen_keys)
            .into_iter()
            .filter(|b| b.in_status)
            .map(|b| (keymap::key_label(&b.keys[0]), b.hint.text(lang).to_string()))
            .collect()
    } else if let Some(super::popup::Popup::RecoveryCode(_)) = app.popups.last() {
        let keys = keymap::keys_of(
            keymap::Ctx::PopupRecovery,
            &crate::ui::action::Action::Confirm,
        );
        vec![(keys, Msg::RecoveryCodeWritten.text(lang).to_string())]
    } else {
        vec![("Esc".into(), Msg::KeyBack.text(lang).to_string())]
    };
    fit_keys(hints, width)
        .into_iter()
        .map(|items| {
            let mut spans = Vec::new();
            for (k, h) in items {
                spans.push(Span::styled(
                    k,
                    Style::default().bg(Color::Gray).fg(Color::Black),
                ));
                spans.push(Span::raw(format!(" {h} ")));
            }
            Line::from(spans)
        })
        .collect()
}

/// The width of a key line: each key, a space, its hint and a space.
fn line_width(items: &[(String, String)]) -> usize {
    items.iter().map(|(k, h)| k.width() + h.width() + 2).sum()
}

/// Whether a key is a function key (F1..F12): those never leave the key line.
fn is_fkey(k: &str) -> bool {
    k.len() > 1 && k.starts_with('F') && k[1..].chars().all(|c| c.is_ascii_digit())
}

/// Lays the key line out in `width`: one line when everything fits; else two:
/// the function keys on the last line (those that do not fit there start the
/// first line), then the screen's own keys in order, as many as fit (the rest
/// are in the F1 help). When even two lines do not hold the function keys, their
/// hints are cut evenly with an ellipsis, down to the bare keys.
pub fn fit_keys(items: Vec<(String, String)>, width: u16) -> Vec<Vec<(String, String)>> {
    let width = width as usize;
    if line_width(&items) <= width {
        return vec![items];
    }
    let (fkeys, own): (Vec<_>, Vec<_>) = items.into_iter().partition(|i| is_fkey(&i.0));
    // The last line takes the function keys from the end while they fit.
    let mut split = fkeys.len();
    while split > 0 && line_width(&fkeys[split - 1..]) <= width {
        split -= 1;
    }
    let (mut first, mut last) = (fkeys[..split].to_vec(), fkeys[split..].to_vec());
    if line_width(&first) > width {
        let longest = fkeys.iter().map(|(_, h)| h.width()).max().unwrap_or(0);
        for room in (0..=longest).rev() {
            last = fkeys
                .iter()
                .map(|(k, h)| (k.clone(), cut(h, room)))
                .collect();
            if line_width(&last) <= width {
                break;
            }
        }
        first = Vec::new();
    }
    let mut used = line_width(&first);
    for item in own {
        let w = line_width(std::slice::from_ref(&item));
        if used + w <= width {
            used += w;
            first.push(item);
        }
    }
    if first.is_empty() {
        vec![last]
    } else {
        vec![first, last]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, h)| (k.to_string(), h.to_string()))
            .collect()
    }

    #[test]
    fn the_key_line_keeps_its_function_keys() {
        let all = items(&[
            ("n", "Келесіні шақыру"),
            ("Enter", "Қабылдау"),
            ("F1", "Анықтама"),
            ("F2", "Тіркеу"),
            ("F3", "Бүгін"),
            ("F10", "Шығу"),
        ]);
        assert_eq!(fit_keys(all.clone(), 200), vec![all.clone()]);
        // Not all fit: the function keys on the last line, the screen's keys above.
        let two = fit_keys(all.clone(), 50);
        assert_eq!(two.len(), 2);
        assert_eq!(
            two[0],
            items(&[("n", "Келесіні шақыру"), ("Enter", "Қабылдау")])
        );
        assert_eq!(two[1].len(), 4);
        assert!(two.iter().all(|l| line_width(l) <= 50));
        // The function keys that do not fit the last line start the first one;
        // the screen's keys that no longer fit are left to the F1 help.
        let two = fit_keys(all.clone(), 30);
        assert!(two.iter().all(|l| line_width(l) <= 30), "{two:?}");
        assert_eq!(
            two[1],
            items(&[("F2", "Тіркеу"), ("F3", "Бүгін"), ("F10", "Шығу")])
        );
        assert_eq!(
            two[0],
            items(&[("F1", "Анықтама"), ("n", "Келесіні шақыру")])
        );
        // Very narrow: the hints are cut with an ellipsis, the keys stay.
        let long = items(&[
            ("F1", "Анықтама және пернелер тізімі"),
            ("F2", "Жаңа өтінішті тіркеу"),
            ("F3", "Бүгінгі кезек"),
        ]);
        let narrow = fit_keys(long, 30);
        assert_eq!(narrow.len(), 1);
        let last = &narrow[0];
        assert_eq!(last.len(), 3);
        assert!(line_width(last) <= 30, "{last:?}");
        assert!(last.iter().all(|(_, h)| h.ends_with('…')), "{last:?}");
    }
}
