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
    let [top, body, msg, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
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
    let lang_mark = format!(" | {} ", lang.code().to_uppercase());
    let room = (top.width as usize).saturating_sub(lang_mark.len());
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
    let screen_keys = app.screens.get(app.screen).keys();
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
    f.render_widget(status_line(app, screen_keys, keys.width), keys);
    for p in &app.popups {
        popup::draw(f, p, lang, screen_keys);
    }
    // The colour theme (default, contrast, mono) recolours the finished frame.
    super::theme::current().apply(f.buffer_mut());
}

/// The keys that work right now, generated from the keymap.
fn status_line(app: &App, screen_keys: &'static [keymap::Ctx], width: u16) -> Paragraph<'static> {
    let lang = app.ctx.lang();
    let mut spans = Vec::new();
    let hints: Vec<(String, String)> = if app.popups.is_empty() {
        keymap::bindings_in(screen_keys)
            .into_iter()
            .filter(|b| b.in_status)
            .map(|b| (keymap::key_label(&b.keys[0]), b.hint.text(lang).to_string()))
            .collect()
    } else {
        vec![("Esc".into(), Msg::KeyBack.text(lang).to_string())]
    };
    for (k, h) in fit_keys(hints, width) {
        spans.push(Span::styled(
            k,
            Style::default().bg(Color::Gray).fg(Color::Black),
        ));
        spans.push(Span::raw(format!(" {h} ")));
    }
    Paragraph::new(Line::from(spans))
}

/// The width of a key line: each key, a space, its hint and a space.
fn line_width(items: &[(String, String)]) -> usize {
    items
        .iter()
        .map(|(k, h)| k.width() + h.width() + 2)
        .sum()
}

/// Whether a key is a function key (F1..F12): those never leave the key line.
fn is_fkey(k: &str) -> bool {
    k.len() > 1 && k.starts_with('F') && k[1..].chars().all(|c| c.is_ascii_digit())
}

/// Chooses what of the key line fits `width`: everything when it fits; else every
/// function key and, in order, the screen's own keys that still fit (the rest are
/// in the F1 help); else the function keys with their hints cut evenly (with an
/// ellipsis), down to the bare keys.
pub fn fit_keys(items: Vec<(String, String)>, width: u16) -> Vec<(String, String)> {
    let width = width as usize;
    if line_width(&items) <= width {
        return items;
    }
    let fkeys: Vec<(String, String)> = items.iter().filter(|i| is_fkey(&i.0)).cloned().collect();
    let mut used = line_width(&fkeys);
    if used <= width {
        let mut out = Vec::new();
        for item in items {
            if is_fkey(&item.0) {
                out.push(item);
            } else {
                let w = line_width(std::slice::from_ref(&item));
                if used + w <= width {
                    used += w;
                    out.push(item);
                }
            }
        }
        return out;
    }
    let longest = fkeys.iter().map(|(_, h)| h.width()).max().unwrap_or(0);
    for room in (0..longest).rev() {
        let cut_items: Vec<(String, String)> = fkeys
            .iter()
            .map(|(k, h)| (k.clone(), cut(h, room)))
            .collect();
        if line_width(&cut_items) <= width || room == 0 {
            return cut_items;
        }
    }
    fkeys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(k, h)| (k.to_string(), h.to_string())).collect()
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
        assert_eq!(fit_keys(all.clone(), 200), all);
        // Not all fit: the function keys stay, the screen's keys fill what is left.
        let some = fit_keys(all.clone(), 60);
        assert!(line_width(&some) <= 60);
        for f in ["F1", "F2", "F3", "F10"] {
            assert!(some.iter().any(|(k, _)| k == f), "{f}");
        }
        assert!(some.iter().any(|(k, _)| k == "n"));
        assert!(!some.iter().any(|(k, _)| k == "Enter"));
        // Very narrow: the hints are cut with an ellipsis, the keys stay.
        let narrow = fit_keys(all, 30);
        assert_eq!(narrow.len(), 4);
        assert!(line_width(&narrow) <= 30, "{narrow:?}");
        assert!(narrow.iter().any(|(_, h)| h.ends_with('…')));
    }
}
