//! Popups over a screen: their state, their keys (own keymap contexts) and
//! their drawing. A popup answers with what follows; the app carries it out.
use super::action::Action;
use super::keymap;
use crate::docs::talon::Talon;
use crate::domain::text::display;
use crate::domain::Lang;
use crate::i18n::ui::Msg;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;
use std::path::PathBuf;

/// A secret shown once (the recovery code): kept only while its popup is open;
/// its `Debug` never prints it, so no log or error message can carry it.
#[derive(Clone, PartialEq, Eq)]
pub struct OneTimeCode(pub String);

impl std::fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OneTimeCode(..)")
    }
}

/// What a popup asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Popup {
    Help,
    /// The talon of a registration (`appeal`: the appeal it is for, when known).
    Talon {
        talon: Talon,
        saved_to: Option<PathBuf>,
        appeal: Option<i64>,
    },
    Confirm {
        text: Msg,
        yes: Action,
    },
    /// The reason to call `entry` out of order.
    Reason {
        entry: i64,
        value: String,
        cursor: usize,
        error: bool,
    },
    Conflict,
    /// The dry run of an import: its lines; Y imports `path` for real.
    ImportPreview {
        lines: Vec<String>,
        path: PathBuf,
    },
    /// The lifecycle steps possible now; `selected` indexes them.
    Steps {
        steps: Vec<crate::domain::lifecycle::Step>,
        selected: usize,
    },
    Message(String),
    /// Registration found the IIN under another name (`name`): Y = the same
    /// person with a new name, N/Esc = back to the IIN field.
    IinBelongsTo {
        name: String,
    },
    /// Long work running in the background: its progress; Esc cancels it (the
    /// popup closes when the work has ended, see `ui::task`).
    Task(super::task::Task),
    /// The one-time recovery code, shown once after the first administrator
    /// was created; only its own key (Y/Д/И: "written down") closes it, and
    /// then the desk opens.
    RecoveryCode(OneTimeCode),
    /// A walk-in queued today for `official` (a unit head or another authorised
    /// official): the applicant's consent to be received today (001 §3).
    /// Y = yes, N/Enter = no (registered, not queued), Esc = back.
    SameDay {
        official: String,
    },
}

/// What follows a key pressed in a popup.
#[derive(Clone, Debug, PartialEq)]
pub enum PopupOutcome {
    Stay,
    Close,
    /// Close the popup, then carry out the action.
    CloseThen(Action),
    /// Carry out the action with the popup still open (printing the talon).
    Then(Action),
}

impl Popup {
    /// The keymap contexts of this popup.
    pub fn keys(&self) -> &'static [keymap::Ctx] {
        use keymap::Ctx as K;
        match self {
            Popup::Help | Popup::Message(_) => &[K::PopupDismiss],
            Popup::Talon { .. } => &[K::PopupTalon],
            Popup::Confirm { .. } | Popup::IinBelongsTo { .. } => &[K::PopupConfirm],
            Popup::Reason { .. } => &[K::PopupReason],
            Popup::Conflict => &[K::PopupConflict],
            Popup::ImportPreview { .. } => &[K::PopupImport],
            Popup::Steps { .. } => &[K::PopupSteps],
            Popup::Task(_) => &[K::PopupTask],
            Popup::RecoveryCode(_) => &[K::PopupRecovery],
            Popup::SameDay { .. } => &[K::PopupSameDay],
        }
    }

    /// Handles a key pressed while this popup is on top.
    pub fn key(&mut self, key: &KeyEvent) -> PopupOutcome {
        let Some(action) = keymap::resolve_in(self.keys(), key) else {
            return self.unbound(key);
        };
        match (self, action) {
            // Esc asks the work to stop; it closes once it has undone itself.
            (Popup::Task(t), Action::ClosePopup) => {
                t.cancel();
                PopupOutcome::Stay
            }
            (_, Action::ClosePopup) => PopupOutcome::Close,
            (Popup::Confirm { yes, .. }, Action::Confirm) => PopupOutcome::CloseThen(yes.clone()),
            (Popup::IinBelongsTo { .. }, Action::Confirm) => {
                PopupOutcome::CloseThen(Action::RegisterNewName)
            }
            (Popup::ImportPreview { path, .. }, Action::Confirm) => {
                PopupOutcome::CloseThen(Action::ImportNow(path.clone()))
            }
            (Popup::Steps { steps, selected }, Action::Confirm) => match steps.get(*selected) {
                Some(s) => PopupOutcome::CloseThen(Action::ChooseStep(*s)),
                None => PopupOutcome::Close,
            },
            (Popup::Steps { selected, .. }, Action::Up) => {
                *selected = selected.saturating_sub(1);
                PopupOutcome::Stay
            }
            (Popup::Steps { steps, selected }, Action::Down) => {
                *selected = (*selected + 1).min(steps.len().saturating_sub(1));
                PopupOutcome::Stay
            }
            (
                Popup::Reason {
                    entry,
                    value,
                    error,
                    ..
                },
                Action::Confirm,
            ) => {
                match crate::domain::text::clean_line(value, crate::domain::text::limits::REASON) {
                    Ok(r) if !r.is_empty() => PopupOutcome::CloseThen(Action::CallOutOfOrder {
                        entry: *entry,
                        reason: r,
                    }),
                    _ => {
                        *error = true;
                        PopupOutcome::Stay
                    }
                }
            }
            (Popup::RecoveryCode(_), Action::Confirm) => {
                PopupOutcome::CloseThen(Action::Go(super::action::ScreenId::Today))
            }
            (Popup::SameDay { .. }, a @ Action::SameDayConsent(_)) => PopupOutcome::CloseThen(a),
            (Popup::Talon { .. }, a @ Action::PrintTalon) => PopupOutcome::Then(a),
            (Popup::Talon { .. }, a @ Action::Go(_)) => PopupOutcome::CloseThen(a),
            (Popup::Conflict, a @ (Action::ReloadAppeal | Action::OverwriteAppeal)) => {
                PopupOutcome::CloseThen(a)
            }
            _ => PopupOutcome::Stay,
        }
    }

    /// A key no binding of the popup took: text of the reason; any letter closes
    /// the help and messages.
    fn unbound(&mut self, key: &KeyEvent) -> PopupOutcome {
        match self {
            Popup::Reason { value, cursor, .. } => {
                super::widgets::form::edit_text(value, cursor, key);
                PopupOutcome::Stay
            }
            Popup::Help | Popup::Message(_) if matches!(key.code, KeyCode::Char(_)) => {
                PopupOutcome::Close
            }
            _ => PopupOutcome::Stay,
        }
    }
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

/// Draws a popup over the frame; the help lists `screen_keys` (the screen under it).
pub fn draw(f: &mut Frame, p: &Popup, lang: Lang, screen_keys: &'static [keymap::Ctx]) {
    let area = f.area();
    match p {
        Popup::Help => draw_help(f, lang, area, screen_keys),
        Popup::Talon {
            talon, saved_to, ..
        } => draw_talon(f, lang, area, talon, saved_to),
        Popup::Confirm { text, .. } => draw_confirm(f, lang, area, text),
        Popup::SameDay { official } => draw_same_day(f, lang, area, official),
        Popup::Reason { value, error, .. } => draw_reason(f, lang, area, value, *error),
        Popup::Steps { steps, selected } => draw_steps(f, lang, area, steps, *selected),
        Popup::ImportPreview { lines, .. } => draw_import(f, lang, area, lines),
        Popup::Conflict => draw_conflict(f, lang, area),
        Popup::Message(m) => draw_message(f, area, m),
        Popup::IinBelongsTo { name } => draw_iin(f, lang, area, name),
        Popup::Task(t) => draw_task(f, lang, area, t),
        Popup::RecoveryCode(code) => draw_recovery(f, lang, area, &code.0),
    }
}

/// The progress of background work and the key that stops it.
fn draw_task(f: &mut Frame, lang: Lang, area: Rect, t: &super::task::Task) {
    let r = centered(area, 72, 5);
    let room = r.width.saturating_sub(2) as usize;
    let cut = super::widgets::form::cut;
    let last = if t.is_cancelling() {
        Msg::TaskStopping.text(lang).to_string()
    } else {
        format!(
            "{} {}",
            keymap::keys_of(keymap::Ctx::PopupTask, &Action::ClosePopup),
            Msg::KeyStopTask.text(lang)
        )
    };
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(cut(&t.line(), room)),
            Line::from(""),
            Line::styled(
                cut(&last, room),
                Style::default().add_modifier(Modifier::BOLD),
            ),
        ])
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(t.label.clone()),
        ),
        r,
    );
}

fn draw_help(f: &mut Frame, lang: Lang, area: Rect, screen_keys: &'static [keymap::Ctx]) {
    let mut lines = Vec::new();
    for b in keymap::bindings_in(screen_keys) {
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
    let [cols, note] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    if two {
        let right = lines.split_off(per_col);
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
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

fn draw_talon(f: &mut Frame, lang: Lang, area: Rect, talon: &Talon, saved_to: &Option<PathBuf>) {
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
            "{} {}   F2 {}   Esc/Enter {}",
            keymap::keys_of(keymap::Ctx::PopupTalon, &Action::PrintTalon),
            Msg::KeyPrint.text(lang),
            Msg::ScreenRegister.text(lang),
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

fn draw_confirm(f: &mut Frame, lang: Lang, area: Rect, text: &Msg) {
    let lines = vec![
        Line::from(text.text(lang)),
        Line::from(""),
        Line::styled(
            format!(
                "{} {}   {} {}",
                keymap::keys_of(keymap::Ctx::PopupConfirm, &Action::Confirm),
                Msg::KeyYes.text(lang),
                keymap::keys_of(keymap::Ctx::PopupConfirm, &Action::ClosePopup),
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

/// The same-day consent question (001 §3) with the official's name; the keys
/// under it (N/Enter: no, the safe default).
fn draw_same_day(f: &mut Frame, lang: Lang, area: Rect, official: &str) {
    let ctx = keymap::Ctx::PopupSameDay;
    let lines = vec![
        Line::styled(
            display(official),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::from(Msg::SameDayAsk.text(lang)),
        Line::from(""),
        Line::styled(
            format!(
                "{} {}   {} {}   {} {}",
                keymap::keys_of(ctx, &Action::SameDayConsent(true)),
                Msg::KeyYes.text(lang),
                keymap::keys_of(ctx, &Action::SameDayConsent(false)),
                Msg::KeyNo.text(lang),
                keymap::keys_of(ctx, &Action::ClosePopup),
                Msg::KeyBackToForm.text(lang)
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ),
    ];
    let r = centered(area, 64, 8);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::SameDayTitle.text(lang)),
        ),
        r,
    );
}

/// Whose the IIN is and the question (Y: same person, new name; N: typing error).
fn draw_iin(f: &mut Frame, lang: Lang, area: Rect, name: &str) {
    let lines = vec![
        Line::from(Msg::IinBelongsTo.text(lang)),
        Line::styled(display(name), Style::default().add_modifier(Modifier::BOLD)),
        Line::from(""),
        Line::from(Msg::IinSamePerson.text(lang)),
    ];
    let r = centered(area, 64, 8);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL)),
        r,
    );
}

/// The recovery code, what to do with it, and the key that closes it.
fn draw_recovery(f: &mut Frame, lang: Lang, area: Rect, code: &str) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let lines = vec![
        Line::from(Msg::RecoveryCode.text(lang)),
        Line::from(""),
        Line::styled(code.to_string(), bold.fg(Color::Yellow)).centered(),
        Line::from(""),
        Line::styled(
            format!(
                "{} {}",
                keymap::keys_of(keymap::Ctx::PopupRecovery, &Action::Confirm),
                Msg::RecoveryCodeWritten.text(lang)
            ),
            bold,
        ),
    ];
    let r = centered(area, 72, 11);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::RecoveryCodeTitle.text(lang)),
        ),
        r,
    );
}

fn draw_reason(f: &mut Frame, lang: Lang, area: Rect, value: &str, error: bool) {
    let mut lines = vec![
        Line::from(Msg::ReasonPrompt.text(lang)),
        Line::styled(
            format!("{}_", display(value)),
            Style::default().fg(Color::Cyan),
        ),
    ];
    if error {
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

fn draw_steps(
    f: &mut Frame,
    lang: Lang,
    area: Rect,
    steps: &[crate::domain::lifecycle::Step],
    selected: usize,
) {
    let lines: Vec<Line> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let text = format!(
                "{} {}",
                if i == selected { ">" } else { " " },
                crate::i18n::rules::step(lang, *s)
            );
            if i == selected {
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

fn draw_import(f: &mut Frame, lang: Lang, area: Rect, l: &[String]) {
    // The totals at the end (the lines after the last one about a row) always show;
    // rows that do not fit give way to "… +N".
    let inner = 76u16.min(area.width).saturating_sub(2).max(1) as usize;
    let height = |x: &String| x.chars().count().div_ceil(inner).max(1);
    let tail_from = l
        .iter()
        .rposition(|x| crate::i18n::import::is_row_line(x))
        .map_or(0, |i| i + 1);
    let (rows, tail) = l.split_at(tail_from);
    let budget = (area.height as usize).saturating_sub(4 + tail.iter().map(height).sum::<usize>());
    let mut shown = Vec::new();
    let mut used = 0;
    for (i, x) in rows.iter().enumerate() {
        let left = rows.len() - i;
        let h = height(x);
        // Room for this row and, when rows remain after it, for "… +N".
        if used + h + usize::from(left > 1) > budget {
            shown.push(format!("… +{left}"));
            break;
        }
        shown.push(x.clone());
        used += h;
    }
    let mut lines: Vec<Line> = shown
        .iter()
        .chain(tail)
        .map(|x| Line::from(display(x).into_owned()))
        .collect();
    lines.push(Line::styled(
        Msg::ImportPreview.text(lang),
        Style::default().add_modifier(Modifier::BOLD),
    ));
    let rows_h: usize = shown.iter().chain(tail).map(height).sum::<usize>() + 1;
    let r = centered(area, 76, rows_h as u16 + 2);
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

fn draw_conflict(f: &mut Frame, lang: Lang, area: Rect) {
    let r = centered(area, 64, 6);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(Msg::Conflict.text(lang))
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL)),
        r,
    );
}

fn draw_message(f: &mut Frame, area: Rect, m: &str) {
    // Each line of the message on its own line (an import check's rows and totals);
    // the box grows with them, at least 6 and at most the screen high.
    let lines: Vec<Line> = m
        .split('\n')
        .map(|l| Line::from(display(l).into_owned()))
        .collect();
    let inner = 64u16.min(area.width).saturating_sub(2).max(1) as usize;
    let rows: usize = m
        .split('\n')
        .map(|l| l.chars().count().div_ceil(inner).max(1))
        .sum();
    let r = centered(area, 64, (rows as u16 + 2).max(6));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL)),
        r,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn confirm() -> Popup {
        Popup::Confirm {
            text: Msg::ConfirmLeaveForm,
            yes: Action::QuitNow,
        }
    }

    #[test]
    fn confirm_answers_in_either_layout_and_case() {
        for c in ['y', 'Y', 'Д', 'и'] {
            assert_eq!(
                confirm().key(&key(KeyCode::Char(c))),
                PopupOutcome::CloseThen(Action::QuitNow),
                "{c}"
            );
        }
        // Enter takes the safe answer; so does "н" (нет, and the Y key in the
        // Russian layout).
        assert_eq!(confirm().key(&key(KeyCode::Enter)), PopupOutcome::Close);
        for c in ['n', 'Т', 'ж', 'н', 'Н'] {
            assert_eq!(confirm().key(&key(KeyCode::Char(c))), PopupOutcome::Close);
        }
        assert_eq!(confirm().key(&key(KeyCode::Esc)), PopupOutcome::Close);
        assert_eq!(confirm().key(&key(KeyCode::Char('q'))), PopupOutcome::Stay);
        // Ctrl+Y is not a "yes".
        let ctrl_y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert_eq!(confirm().key(&ctrl_y), PopupOutcome::Stay);
    }

    #[test]
    fn an_import_is_not_started_by_enter() {
        let mut p = Popup::ImportPreview {
            lines: vec![],
            path: PathBuf::from("a.csv"),
        };
        assert_eq!(p.key(&key(KeyCode::Enter)), PopupOutcome::Close);
        assert_eq!(
            p.key(&key(KeyCode::Char('д'))),
            PopupOutcome::CloseThen(Action::ImportNow(PathBuf::from("a.csv")))
        );
    }

    #[test]
    fn the_reason_is_typed_and_required() {
        let mut p = Popup::Reason {
            entry: 7,
            value: String::new(),
            cursor: 0,
            error: false,
        };
        assert_eq!(p.key(&key(KeyCode::Enter)), PopupOutcome::Stay);
        assert!(matches!(p, Popup::Reason { error: true, .. }));
        // Letters are text here, also those that answer a confirmation.
        for c in "Жедел".chars() {
            assert_eq!(p.key(&key(KeyCode::Char(c))), PopupOutcome::Stay);
        }
        assert_eq!(
            p.key(&key(KeyCode::Enter)),
            PopupOutcome::CloseThen(Action::CallOutOfOrder {
                entry: 7,
                reason: "Жедел".into()
            })
        );
    }

    #[test]
    fn steps_are_chosen_with_the_arrows() {
        use crate::domain::lifecycle::Step;
        let mut p = Popup::Steps {
            steps: vec![Step::RequestFix, Step::StartReview],
            selected: 0,
        };
        assert_eq!(p.key(&key(KeyCode::Up)), PopupOutcome::Stay);
        p.key(&key(KeyCode::Down));
        p.key(&key(KeyCode::Down));
        assert_eq!(
            p.key(&key(KeyCode::Enter)),
            PopupOutcome::CloseThen(Action::ChooseStep(Step::StartReview))
        );
    }

    #[test]
    fn the_talon_prints_and_stays_open() {
        let mut p = Popup::Talon {
            talon: Talon {
                reg_no: "KHR-2026-000001".into(),
                at: chrono::NaiveDate::from_ymd_opt(2026, 3, 16)
                    .and_then(|d| d.and_hms_opt(10, 0, 0))
                    .unwrap_or_default(),
                receiver_name: String::new(),
                receiver_position_kk: String::new(),
                receiver_position_ru: String::new(),
                ticket: None,
                applicant_short: String::new(),
                office_kk: String::new(),
                office_ru: String::new(),
            },
            saved_to: None,
            appeal: Some(1),
        };
        assert_eq!(
            p.key(&key(KeyCode::Char('з'))),
            PopupOutcome::Then(Action::PrintTalon)
        );
        assert_eq!(p.key(&key(KeyCode::Enter)), PopupOutcome::Close);
        assert_eq!(p.key(&key(KeyCode::Down)), PopupOutcome::Close);
        // F2 from the talon: the next registration; F3: the queue.
        assert_eq!(
            p.key(&key(KeyCode::F(2))),
            PopupOutcome::CloseThen(Action::Go(crate::ui::action::ScreenId::Register))
        );
        assert_eq!(
            p.key(&key(KeyCode::F(3))),
            PopupOutcome::CloseThen(Action::Go(crate::ui::action::ScreenId::Today))
        );
        // The keys a confirmation shows are the keys that work.
        assert_eq!(
            keymap::keys_of(keymap::Ctx::PopupConfirm, &Action::Confirm),
            "Y/Д/И"
        );
        assert!(keymap::keys_of(keymap::Ctx::PopupConfirm, &Action::ClosePopup).contains("Enter"));
        // Help and messages close on any letter.
        assert_eq!(
            Popup::Help.key(&key(KeyCode::Char('x'))),
            PopupOutcome::Close
        );
    }
}
