//! Draws the whole frame from the App's view models (no I/O while drawing).
use super::action::Screen;
use super::app::{App, Popup};
use super::keymap;
use super::screens;
use crate::domain::text::display;
use crate::i18n::ui::Msg;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

fn screen_title(s: Screen) -> Msg {
    match s {
        Screen::Today => Msg::ScreenToday,
        Screen::Register => Msg::ScreenRegister,
        Screen::Appeals => Msg::ScreenAppeals,
        Screen::Card => Msg::ScreenCard,
        Screen::Reception => Msg::ScreenReception,
        Screen::Officials | Screen::OfficialForm => Msg::ScreenOfficials,
        Screen::Operators | Screen::OperatorForm => Msg::ScreenOperators,
        Screen::Settings => Msg::ScreenSettings,
        Screen::Step => Msg::KeyStep,
        Screen::Control | Screen::ControlForm => Msg::ScreenControl,
        Screen::Reports => Msg::ScreenReports,
        Screen::Import => Msg::ScreenImport,
        Screen::Login => Msg::LoginTitle,
        Screen::Survey | Screen::SurveyForm => Msg::ScreenSurvey,
    }
}

pub fn draw(f: &mut Frame, app: &mut App) {
    let lang = app.lang;
    let [top, body, msg, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    let now = app.now();
    let title = format!(
        " Qabyldau | {} | {} | {} {} | {} ",
        screen_title(app.screen).text(lang),
        now.format("%d.%m.%Y %H:%M"),
        Msg::Operator.text(lang),
        display(&app.operator.full_name),
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
    match app.screen {
        Screen::Today => screens::today::draw(f, body, app),
        Screen::Register => screens::register::draw(f, body, app),
        Screen::Appeals => screens::appeals::draw(f, body, app),
        Screen::Card => screens::card::draw(f, body, app),
        Screen::Reception => screens::reception::draw(f, body, app),
        Screen::Officials => screens::officials::draw_list(f, body, app),
        Screen::OfficialForm => screens::officials::draw_form(f, body, app),
        Screen::Operators => screens::operators::draw_list(f, body, app),
        Screen::OperatorForm => screens::operators::draw_form(f, body, app),
        Screen::Settings => screens::settings::draw(f, body, app),
        Screen::Step => screens::step::draw(f, body, app),
        Screen::Control => screens::control::draw_list(f, body, app),
        Screen::ControlForm => screens::control::draw_form(f, body, app),
        Screen::Reports => screens::reports::draw(f, body, app),
        Screen::Login => screens::login::draw(f, body, app),
        Screen::Survey => screens::survey::draw_list(f, body, app),
        Screen::SurveyForm => screens::survey::draw_form(f, body, app),
        Screen::Import => {
            let [hint, rest] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(body);
            f.render_widget(
                Paragraph::new(Msg::ImportHint.text(lang)).wrap(Wrap { trim: true }),
                hint,
            );
            app.import_form.draw(f, rest, lang);
        }
    }
    if let Some((text, is_err)) = &app.status {
        let style = if *is_err {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(Color::Green)
        };
        f.render_widget(Paragraph::new(display(text).into_owned()).style(style), msg);
    }
    f.render_widget(status_line(app), keys);
    let popups = app.popups.clone();
    for p in &popups {
        draw_popup(f, app, p);
    }
    // The colour theme (default, contrast, mono) recolours the finished frame.
    super::theme::current().apply(f.buffer_mut());
}

/// The keys that work right now, generated from the keymap.
fn status_line(app: &App) -> Paragraph<'static> {
    let lang = app.lang;
    let mut spans = Vec::new();
    let hints: Vec<(String, &str)> = if app.popups.is_empty() {
        keymap::bindings_for(app.screen)
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

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn draw_popup(f: &mut Frame, app: &App, p: &Popup) {
    let lang = app.lang;
    let area = f.area();
    match p {
        Popup::Help => {
            let mut lines = Vec::new();
            for b in keymap::bindings_for(app.screen) {
                let keys: Vec<String> = b.keys.iter().map(keymap::key_label).collect();
                // Keys in a column of 18; long lists without the spaces.
                let mut label = keys.join(" / ");
                if label.chars().count() > 18 {
                    label = keys.join("/");
                }
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{label:<18} "),
                        Style::default().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(b.hint.text(lang)),
                ]));
            }
            // Two columns when one does not fit the height.
            let room = area.height.saturating_sub(6) as usize;
            let two = lines.len() > room && area.width >= 60;
            let per_col = if two {
                lines.len().div_ceil(2)
            } else {
                lines.len()
            };
            let width = if two { area.width.min(120) } else { 76 };
            let r = centered(area, width, per_col as u16 + 5);
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .title(Msg::HelpTitle.text(lang));
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [cols, note] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
            if two {
                let right = lines.split_off(per_col);
                let [a, b] =
                    Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                        .areas(cols);
                f.render_widget(Paragraph::new(lines), a);
                f.render_widget(Paragraph::new(right), b);
            } else {
                f.render_widget(Paragraph::new(lines), cols);
            }
            f.render_widget(
                Paragraph::new(Msg::HelpLayoutNote.text(lang)).wrap(Wrap { trim: true }),
                note,
            );
        }
        Popup::Talon { talon, saved_to } => {
            let mut lines: Vec<Line> = crate::docs::talon::lines(talon)
                .into_iter()
                .map(Line::from)
                .collect();
            if let Some(p) = saved_to {
                lines.push(Line::from(format!(
                    "{} {}",
                    Msg::TalonSavedTo.text(lang),
                    p.display()
                )));
            }
            lines.push(Line::styled(
                format!(
                    "P {}   Esc {}",
                    Msg::KeyPrint.text(lang),
                    Msg::KeyBack.text(lang)
                ),
                Style::default().add_modifier(Modifier::BOLD),
            ));
            let r = centered(area, 70, lines.len() as u16 + 2);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                    Block::default()
                        .borders(Borders::ALL)
                        .title(Msg::TalonTitle.text(lang)),
                ),
                r,
            );
        }
        Popup::Confirm { text, .. } => {
            let lines = vec![
                Line::from(text.text(lang)),
                Line::from(""),
                Line::styled(
                    format!(
                        "Y/Д {}   N/Т {}",
                        Msg::KeyYes.text(lang),
                        Msg::KeyNo.text(lang)
                    ),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
            ];
            let r = centered(area, 60, 6);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: true })
                    .block(Block::default().borders(Borders::ALL)),
                r,
            );
        }
        Popup::Reason { value, error, .. } => {
            let mut lines = vec![
                Line::from(Msg::ReasonPrompt.text(lang)),
                Line::styled(
                    format!("{}_", display(value)),
                    Style::default().fg(Color::Cyan),
                ),
            ];
            if *error {
                lines.push(Line::styled(
                    Msg::ReasonRequired.text(lang),
                    Style::default().fg(Color::Red),
                ));
            }
            let r = centered(area, 64, 6);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: true }).block(
                    Block::default()
                        .borders(Borders::ALL)
                        .title(Msg::KeyCallSelected.text(lang)),
                ),
                r,
            );
        }
        Popup::Steps { steps, selected } => {
            let lines: Vec<Line> = steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let text = format!(
                        "{} {}",
                        if i == *selected { ">" } else { " " },
                        crate::i18n::rules::step(lang, *s)
                    );
                    if i == *selected {
                        Line::styled(text, Style::default().add_modifier(Modifier::REVERSED))
                    } else {
                        Line::from(text)
                    }
                })
                .collect();
            let r = centered(area, 70, lines.len() as u16 + 2);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(lines).block(
                    Block::default()
                        .borders(Borders::ALL)
                        .title(Msg::StepsTitle.text(lang)),
                ),
                r,
            );
        }
        Popup::ImportPreview { lines: l, .. } => {
            let mut lines: Vec<Line> = l
                .iter()
                .take(area.height.saturating_sub(6) as usize)
                .map(|x| Line::from(display(x).into_owned()))
                .collect();
            lines.push(Line::styled(
                Msg::ImportPreview.text(lang),
                Style::default().add_modifier(Modifier::BOLD),
            ));
            let r = centered(area, 76, lines.len() as u16 + 2);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                    Block::default()
                        .borders(Borders::ALL)
                        .title(Msg::ScreenImport.text(lang)),
                ),
                r,
            );
        }
        Popup::IinBelongsTo { name } => {
            let r = centered(area, 70, 8);
            f.render_widget(Clear, r);
            let text = format!(
                "{} {}\n\n{}",
                Msg::IinBelongsTo.text(lang),
                display(name),
                Msg::IinSamePerson.text(lang)
            );
            f.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .block(Block::default().borders(Borders::ALL)),
                r,
            );
        }
        Popup::Conflict => {
            let r = centered(area, 64, 6);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(Msg::Conflict.text(lang))
                    .wrap(Wrap { trim: true })
                    .block(Block::default().borders(Borders::ALL)),
                r,
            );
        }
        Popup::Message(m) => {
            let r = centered(area, 64, 6);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(display(m).into_owned())
                    .wrap(Wrap { trim: true })
                    .block(Block::default().borders(Borders::ALL)),
                r,
            );
        }
    }
}
