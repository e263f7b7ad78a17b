//! Today's queue in the regulation's order, with what is due on control.
use crate::domain::text::display;
use crate::domain::{queue, QueueEntry, QueueStatus};
use crate::i18n::ui::{queue_status, Msg};
use crate::store::{ControlRow, Store, StoreError};
use crate::ui::app::App;
use crate::ui::widgets::table;
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};
use ratatui::Frame;

/// The queue of one day, as last read from the store.
#[derive(Clone, Debug)]
pub struct TodayView {
    pub day: NaiveDate,
    pub entries: Vec<QueueEntry>,
    pub state: TableState,
    /// Instructions on control due on or before the day.
    pub due: Vec<ControlRow>,
    /// Appeals with an action due on or before the day.
    pub due_appeals: Vec<crate::store::DueRow>,
}

impl TodayView {
    pub fn new(day: NaiveDate) -> TodayView {
        TodayView {
            day,
            entries: Vec::new(),
            state: TableState::default(),
            due: Vec::new(),
            due_appeals: Vec::new(),
        }
    }

    pub fn refresh(&mut self, store: &Store, day: NaiveDate) -> Result<(), StoreError> {
        let keep = self.selected().map(|e| e.id);
        self.day = day;
        self.entries = store.queue_of(day)?;
        // Overdue, due today and due soon (the control rule's window).
        let soon = day + chrono::Duration::days(crate::domain::control::DUE_SOON_DAYS);
        self.due = store.on_control(Some(soon), 50)?;
        self.due_appeals = store.due_appeals(day, 50)?;
        match keep {
            Some(id) if self.entries.iter().any(|e| e.id == id) => self.select_id(id),
            _ => {
                // Select the one being served, else the first waiting.
                let first = self
                    .entries
                    .iter()
                    .position(|e| !e.status.is_done())
                    .unwrap_or(0);
                self.state.select(if self.entries.is_empty() {
                    None
                } else {
                    Some(first)
                });
            }
        }
        table::clamp(&mut self.state, self.entries.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&QueueEntry> {
        self.state.selected().and_then(|i| self.entries.get(i))
    }

    pub fn select_id(&mut self, id: i64) {
        if let Some(i) = self.entries.iter().position(|e| e.id == id) {
            self.state.select(Some(i));
        }
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.entries.len(), delta);
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let now = app.now();
    let v = &mut app.today;
    let waiting = v
        .entries
        .iter()
        .filter(|e| e.status == QueueStatus::Waiting)
        .count();
    let received = v
        .entries
        .iter()
        .filter(|e| e.status == QueueStatus::Received)
        .count();
    let n_due = v.due.len() + v.due_appeals.len();
    let due_h = if n_due == 0 {
        3
    } else {
        (n_due as u16 + 2).min(8)
    };
    let [head, list, due] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(due_h),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(format!(
            "{}  {}: {waiting}  {}: {received}",
            v.day.format("%d.%m.%Y"),
            Msg::QueueSummary.text(lang),
            Msg::QueueReceived.text(lang)
        ))
        .style(Style::default().add_modifier(Modifier::BOLD)),
        head,
    );
    if v.entries.is_empty() {
        f.render_widget(
            Paragraph::new(Msg::QueueEmpty.text(lang))
                .block(Block::default().borders(Borders::ALL)),
            list,
        );
    } else {
        let rows = v.entries.iter().map(|e| {
            let mut flags = Vec::new();
            if e.category.is_some() {
                flags.push(Msg::OutOfTurn.text(lang));
            }
            if e.on_hold {
                flags.push(Msg::OnHold.text(lang));
            }
            if e.needs_interpreter {
                flags.push(Msg::Interpreter.text(lang));
            }
            let style = match e.status {
                QueueStatus::Called | QueueStatus::InReception => Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                s if s.is_done() => Style::default().fg(Color::DarkGray),
                _ if e.on_hold => Style::default().fg(Color::Magenta),
                _ if e.category.is_some() => Style::default().fg(Color::LightGreen),
                _ => Style::default(),
            };
            Row::new(vec![
                Cell::from(e.ticket.to_string()),
                Cell::from(e.arrived_at.format("%H:%M").to_string()),
                Cell::from(format!(
                    "{} {}",
                    queue::waiting_minutes(e, now),
                    Msg::Minutes.text(lang)
                )),
                Cell::from(display(&e.applicant_name).into_owned()),
                Cell::from(queue_status(lang, e.status)),
                Cell::from(flags.join(", ")),
            ])
            .style(style)
        });
        let t = Table::new(
            rows,
            [
                Constraint::Length(4),
                Constraint::Length(6),
                Constraint::Length(8),
                Constraint::Min(16),
                Constraint::Length(12),
                Constraint::Length(22),
            ],
        )
        .header(
            Row::new(vec![
                Msg::ColTicket.text(lang),
                Msg::ColArrived.text(lang),
                Msg::ColWaited.text(lang),
                Msg::ColName.text(lang),
                Msg::ColStatus.text(lang),
                Msg::ColCategory.text(lang),
            ])
            .style(Style::default().add_modifier(Modifier::UNDERLINED)),
        )
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::ScreenToday.text(lang)),
        );
        f.render_stateful_widget(t, list, &mut v.state);
    }
    let today = v.day;
    let mut lines: Vec<Line> = v
        .due_appeals
        .iter()
        .map(|d| {
            let (label, color) = if d.due_on < today {
                (Msg::Overdue, Color::Red)
            } else {
                (Msg::DueToday, Color::Yellow)
            };
            Line::styled(
                format!(
                    "{} {}  {}  {}  {}",
                    label.text(lang),
                    d.due_on.format("%d.%m.%Y"),
                    d.reg_no,
                    d.next_action
                        .map(|a| crate::i18n::rules::next_action(lang, a))
                        .unwrap_or_default(),
                    display(&d.applicant_name)
                ),
                Style::default().fg(color),
            )
        })
        .collect();
    lines.extend(if v.due.is_empty() && v.due_appeals.is_empty() {
        vec![Line::from(Msg::NothingDue.text(lang))]
    } else {
        v.due
            .iter()
            .map(|c| {
                let i = &c.instruction;
                let (label, color) = if i.due_on < today {
                    (Msg::Overdue, Color::Red)
                } else if i.due_on == today {
                    (Msg::DueToday, Color::Yellow)
                } else {
                    (Msg::DueSoon, Color::Cyan)
                };
                Line::styled(
                    format!(
                        "{} {}  {}  {}  {}",
                        label.text(lang),
                        i.due_on.format("%d.%m.%Y"),
                        c.reg_no,
                        display(&i.executor),
                        display(&i.text)
                    ),
                    Style::default().fg(color),
                )
            })
            .collect::<Vec<_>>()
    });
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::ControlTitle.text(lang)),
        ),
        due,
    );
}
