//! Draws the whole frame: the title bar, the current screen, the message line,
//! the keys and the popups (no I/O while drawing).
use super::app::App;
use super::keymap;
use super::popup;
use crate::domain::text::display;
use crate::i18n::ui::Msg;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

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
        " Qabyldau | {} | {} | {} {} | {} ",
        app.screen.title().text(lang),
        now.format("%d.%m.%Y %H:%M"),
        Msg::Operator.text(lang),
        display(&app.ctx.session.operator.full_name),
        lang.code().to_uppercase()
    );
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
        f.render_widget(Paragraph::new(display(text).into_owned()).style(style), msg);
    }
    f.render_widget(status_line(app, screen_keys), keys);
    for p in &app.popups {
        popup::draw(f, p, lang, screen_keys);
    }
    // The colour theme (default, contrast, mono) recolours the finished frame.
    super::theme::current().apply(f.buffer_mut());
}

/// The keys that work right now, generated from the keymap.
fn status_line(app: &App, screen_keys: &'static [keymap::Ctx]) -> Paragraph<'static> {
    let lang = app.ctx.lang();
    let mut spans = Vec::new();
    let hints: Vec<(String, &str)> = if app.popups.is_empty() {
        keymap::bindings_in(screen_keys)
            .into_iter()
            .filter(|b| b.in_status)
            .map(|b| (keymap::key_label(&b.keys[0]), b.hint.text(lang)))
            .collect()
    } else {
        vec![("Esc".into(), Msg::KeyBack.text(lang))]
    };
    for (k, h) in hints {
        spans.push(Span::styled(
            k,
            Style::default().bg(Color::Gray).fg(Color::Black),
        ));
        spans.push(Span::raw(format!(" {h} ")));
    }
    Paragraph::new(Line::from(spans))
}
