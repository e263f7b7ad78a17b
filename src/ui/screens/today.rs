//! Today's queue in the regulation's order, with what is due on control.
use crate::domain::permissions::Permission;
use crate::domain::text::display;
use crate::domain::{queue, QueueEntry, QueueStatus};
use crate::i18n::ui::{queue_status, Msg};
use crate::services::ServiceError;
use crate::store::{ControlRow, Store, StoreError};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::popup::Popup;
use crate::ui::screen::{move_delta, Open, Outcome, Screen};
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
    /// The day's queue of each official (issue 15); `official` picks one.
    pub queues: Vec<crate::store::OfficialQueue>,
    /// The shown official's queue (index into `queues`); `None`: everybody.
    pub official: Option<usize>,
    /// Booked applicants of the shown official not yet arrived (after `entries`).
    pub expected: Vec<crate::store::BookingRow>,
    /// The appointment book's deadlines (notices, moves, reference notes).
    pub schedule_due: Vec<crate::store::ScheduleDue>,
    /// Appeals to redirect by competence, earliest due first.
    pub to_redirect: Vec<crate::store::DueRow>,
    /// Appeals still without a national-register number after the profile's days.
    pub no_national_no: Vec<crate::store::AppealRow>,
    /// The selected line of the appointment book's deadlines (`schedule_due`):
    /// Down past the queue moves here; Enter opens that session's list.
    pub due_focus: Option<usize>,
    /// The day's queue entries with the applicant's same-day consent (001 §3).
    pub consented: Vec<i64>,
}

impl TodayView {
    pub fn new(day: NaiveDate) -> TodayView {
        TodayView {
            day,
            entries: Vec::new(),
            state: TableState::default(),
            due: Vec::new(),
            due_appeals: Vec::new(),
            queues: Vec::new(),
            official: None,
            expected: Vec::new(),
            schedule_due: Vec::new(),
            to_redirect: Vec::new(),
            no_national_no: Vec::new(),
            due_focus: None,
            consented: Vec::new(),
        }
    }

    /// Reads the lines of the rules: appeals to redirect by competence, and those
    /// without a national-register number once the profile's working days passed.
    pub fn refresh_lines(
        &mut self,
        store: &Store,
        office: &crate::services::Office,
        day: NaiveDate,
    ) -> Result<(), StoreError> {
        use crate::domain::lifecycle::NextAction;
        self.to_redirect = store.due_by_action(NextAction::Redirect, 50)?;
        let cutoff = crate::domain::deadlines::national_register_cutoff(
            &office.profile,
            day,
            &office.calendar,
        );
        self.no_national_no = store.missing_national_no(cutoff, 50)?;
        Ok(())
    }

    pub fn refresh(&mut self, store: &Store, day: NaiveDate) -> Result<(), StoreError> {
        let keep = self.selected().map(|e| e.id);
        self.day = day;
        self.entries = store.queue_of(day)?;
        self.queues = store.official_queues(day)?;
        self.consented = store.same_day_consents(day)?;
        self.official = self.official.filter(|i| *i < self.queues.len());
        self.expected.clear();
        if let Some(q) = self.official.and_then(|i| self.queues.get(i)) {
            self.entries.retain(|e| e.official_id == q.official_id);
            self.expected = q.expected.clone();
        }
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
        table::clamp(&mut self.state, self.entries.len() + self.expected.len());
        if self.due_focus.is_some() {
            self.state.select(None);
        }
        Ok(())
    }

    /// The appointment book's deadlines (needs the office's profile and calendar).
    pub fn refresh_schedule(&mut self, ctx: &Ctx) -> Result<(), ServiceError> {
        self.schedule_due = crate::services::schedule::today_due(
            &ctx.store,
            &ctx.office,
            self.day,
            crate::domain::control::DUE_SOON_DAYS as u32,
        )?;
        if let Some(j) = self.due_focus {
            self.due_focus = match self.schedule_due.len() {
                0 => None,
                n => Some(j.min(n - 1)),
            };
            if self.due_focus.is_none() {
                table::clamp(&mut self.state, self.entries.len() + self.expected.len());
            }
        }
        Ok(())
    }

    /// The selected deadline line of the appointment book, if the focus is there.
    pub fn selected_due(&self) -> Option<&crate::store::ScheduleDue> {
        self.due_focus.and_then(|j| self.schedule_due.get(j))
    }

    /// The session's list of the selected deadline line, with its booking (or
    /// invited body) selected, so the clerk can act on it.
    fn open_due(&self) -> Option<Outcome> {
        self.selected_due().map(|d| {
            Outcome::Open(Open::Session {
                day: d.session_day,
                session: d.session_id,
                booking: d.booking_id,
                participant: d.participant_id,
            })
        })
    }

    /// The booked applicant selected below the arrived ones, if any.
    pub fn selected_expected(&self) -> Option<&crate::store::BookingRow> {
        self.state
            .selected()
            .and_then(|i| i.checked_sub(self.entries.len()))
            .and_then(|i| self.expected.get(i))
    }

    /// Tab / Shift+Tab: the next or previous official's queue (then everybody).
    fn switch_official(&mut self, delta: isize, ctx: &Ctx) -> Result<(), StoreError> {
        let n = self.queues.len() as isize + 1;
        let cur = self.official.map(|i| i as isize + 1).unwrap_or(0);
        let next = (cur + delta).rem_euclid(n);
        self.official = (next > 0).then(|| next as usize - 1);
        self.state.select(None);
        self.refresh(&ctx.store, self.day)
    }

    pub fn selected(&self) -> Option<&QueueEntry> {
        self.state.selected().and_then(|i| self.entries.get(i))
    }

    pub fn select_id(&mut self, id: i64) {
        if let Some(i) = self.entries.iter().position(|e| e.id == id) {
            self.state.select(Some(i));
        }
    }

    /// Moves the selection over the queue, then on down over the appointment
    /// book's deadline lines of the due panel.
    pub fn step(&mut self, delta: isize) {
        let n = self.entries.len() + self.expected.len();
        let total = n + self.schedule_due.len();
        if total == 0 {
            return;
        }
        // Nothing selected (an empty queue): the first Down takes the first line.
        let cur = match (self.due_focus, self.state.selected()) {
            (Some(j), _) => (n + j) as isize,
            (None, Some(i)) => i as isize,
            (None, None) => -1,
        };
        let next = (cur + delta).clamp(0, total as isize - 1) as usize;
        if next >= n {
            self.due_focus = Some(next - n);
            self.state.select(None);
        } else {
            self.due_focus = None;
            self.state.select(Some(next));
        }
    }
}

fn draw(v: &mut TodayView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
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
    let n_due =
        v.due.len() + v.due_appeals.len() + v.schedule_due.len() + rule_lines(v, lang).len();
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
        Paragraph::new(crate::ui::widgets::form::cut(
            &format!(
                "{}  {}: {waiting}  {}: {received}{}",
                crate::domain::dates::format_date(v.day),
                Msg::QueueSummary.text(lang),
                Msg::QueueReceived.text(lang),
                official_head(v)
            ),
            head.width as usize,
        ))
        .style(Style::default().add_modifier(Modifier::BOLD)),
        head,
    );
    draw_queue(v, f, list, ctx);
    draw_due(v, f, due, lang);
}

/// The shown official and the hours of their sessions, for the header.
fn official_head(v: &TodayView) -> String {
    let Some(q) = v.official.and_then(|i| v.queues.get(i)) else {
        return String::new();
    };
    let hours: Vec<String> = q
        .sessions
        .iter()
        .map(|s| format!("{}-{}", s.start.format("%H:%M"), s.end.format("%H:%M")))
        .collect();
    format!("  | {} {}", display(&q.official_name), hours.join(", "))
}

/// The appointment book's deadlines as lines of the due panel (the selected
/// one in reverse video).
fn schedule_lines(v: &TodayView, lang: crate::domain::Lang) -> Vec<Line<'static>> {
    v.schedule_due
        .iter()
        .enumerate()
        .map(|(j, d)| {
            let color = if d.due_on < v.day {
                Color::Red
            } else {
                Color::Yellow
            };
            let style = if v.due_focus == Some(j) {
                Style::default().fg(color).add_modifier(Modifier::REVERSED)
            } else {
                Style::default().fg(color)
            };
            Line::styled(
                format!(
                    "{} {}  {}  {}  {} {}  {}",
                    crate::domain::dates::format_date(d.due_on),
                    crate::i18n::schedule::due_kind(lang, d.kind),
                    d.reg_no,
                    display(&d.applicant_name),
                    crate::domain::dates::format_date(d.session_day),
                    d.session_start.format("%H:%M"),
                    display(&d.official_name)
                ),
                style,
            )
        })
        .collect()
}

/// The lines of the rules: how many appeals to redirect (the first registration
/// numbers with their due dates) and how many still lack a national-register number.
fn rule_lines(v: &TodayView, lang: crate::domain::Lang) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !v.to_redirect.is_empty() {
        let first: Vec<String> = v
            .to_redirect
            .iter()
            .take(3)
            .map(|d| {
                format!(
                    "{} {}",
                    d.reg_no,
                    crate::domain::dates::format_date(d.due_on)
                )
            })
            .collect();
        let color = if v.to_redirect.iter().any(|d| d.due_on < v.day) {
            Color::Red
        } else {
            Color::Yellow
        };
        lines.push(Line::styled(
            format!(
                "{}: {}  {}",
                Msg::TodayToRedirect.text(lang),
                v.to_redirect.len(),
                first.join(", ")
            ),
            Style::default().fg(color),
        ));
    }
    if !v.no_national_no.is_empty() {
        let first: Vec<&str> = v
            .no_national_no
            .iter()
            .take(3)
            .map(|a| a.reg_no.as_str())
            .collect();
        lines.push(Line::styled(
            format!(
                "{}: {}  {}",
                Msg::TodayNoNationalNo.text(lang),
                v.no_national_no.len(),
                first.join(", ")
            ),
            Style::default().fg(Color::Yellow),
        ));
    }
    lines
}

/// What is due: appeals with a next action and instructions on control.
fn draw_due(v: &TodayView, f: &mut Frame, due: Rect, lang: crate::domain::Lang) {
    let today = v.day;
    let mut lines: Vec<Line> = rule_lines(v, lang);
    lines.extend(
        v.due_appeals
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
                        crate::domain::dates::format_date(d.due_on),
                        d.reg_no,
                        d.next_action
                            .map(|a| crate::i18n::rules::next_action(lang, a))
                            .unwrap_or_default(),
                        display(&d.applicant_name)
                    ),
                    Style::default().fg(color),
                )
            })
            .collect::<Vec<_>>(),
    );
    let nothing = lines.is_empty() && v.due.is_empty() && v.schedule_due.is_empty();
    lines.extend(if nothing {
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
                        crate::domain::dates::format_date(i.due_on),
                        c.reg_no,
                        display(&i.executor),
                        display(&i.text)
                    ),
                    Style::default().fg(color),
                )
            })
            .collect::<Vec<_>>()
    });
    // The selected deadline line stays in view.
    let first = lines.len();
    lines.extend(schedule_lines(v, lang));
    let inner = due.height.saturating_sub(2) as usize;
    let scroll = match v.due_focus {
        Some(j) if first + j >= inner => first + j + 1 - inner,
        _ => 0,
    };
    let lines = crate::ui::widgets::table::cut_lines(lines, due.width.saturating_sub(2));
    f.render_widget(
        Paragraph::new(lines).scroll((scroll as u16, 0)).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::ControlTitle.text(lang)),
        ),
        due,
    );
}

/// An official's surname for the queue's column.
fn official_short(ctx: &Ctx, id: Option<i64>) -> String {
    id.and_then(|id| ctx.officials.iter().find(|o| o.id == id))
        .map(|o| display(&o.surname).into_owned())
        .unwrap_or_default()
}

/// The queue of the day in the regulation's order.
/// What the queue says of an entry beside its status: on hold, interpreter, and
/// last (it is the longest) the out-of-turn category by name in the interface
/// language.
fn entry_flags<'a>(e: &'a QueueEntry, ctx: &'a Ctx, consented: &[i64]) -> Vec<&'a str> {
    let lang = ctx.lang();
    let mut flags = Vec::new();
    // A unit head's same-day walk-in: the applicant agreed (001 §3).
    if consented.contains(&e.id) {
        flags.push(Msg::SameDayConsentFlag.text(lang));
    }
    if e.on_hold {
        flags.push(Msg::OnHold.text(lang));
    }
    if e.needs_interpreter {
        flags.push(Msg::Interpreter.text(lang));
    }
    if let Some(code) = &e.category {
        let cat = ctx
            .office
            .profile
            .categories
            .iter()
            .find(|c| &c.code == code);
        flags.push(match (cat, lang) {
            (Some(c), crate::domain::Lang::Kk) => c.kk.as_str(),
            (Some(c), crate::domain::Lang::Ru) => c.ru.as_str(),
            (None, _) => Msg::OutOfTurn.text(lang),
        });
    }
    flags
}

fn draw_queue(v: &mut TodayView, f: &mut Frame, list: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let now = ctx.now();
    if v.entries.is_empty() && v.expected.is_empty() {
        f.render_widget(
            Paragraph::new(Msg::QueueEmpty.text(lang))
                .block(Block::default().borders(Borders::ALL)),
            list,
        );
    } else {
        // The name column takes what the fixed columns (and their spacing) leave.
        let name_w = (list.width as usize).saturating_sub(2 + 59 + 6).max(12);
        let cut = crate::ui::widgets::form::cut;
        let rows = v.entries.iter().map(|e| {
            let flags = entry_flags(e, ctx, &v.consented);
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
                Cell::from(cut(&display(&e.applicant_name), name_w)),
                Cell::from(queue_status(lang, e.status)),
                Cell::from(cut(&official_short(ctx, e.official_id), 9)),
                Cell::from(cut(&flags.join(", "), 20)),
            ])
            .style(style)
        });
        let rows = rows.chain(v.expected.iter().map(|b| {
            Row::new(vec![
                Cell::from(""),
                Cell::from(b.slot_time.format("%H:%M").to_string()),
                Cell::from(""),
                Cell::from(cut(&display(&b.applicant_name), name_w)),
                Cell::from(Msg::Expected.text(lang)),
                Cell::from(official_short(ctx, Some(b.official_id))),
                Cell::from(if b.category.is_some() {
                    Msg::OutOfTurn.text(lang)
                } else {
                    ""
                }),
            ])
            .style(Style::default().fg(Color::DarkGray))
        }));
        let widths = [
            Constraint::Length(4),
            Constraint::Length(6),
            Constraint::Length(8),
            Constraint::Min(12),
            Constraint::Length(12),
            Constraint::Length(9),
            Constraint::Length(20),
        ];
        // A header cut at its column's width ends with "…".
        let cols = crate::ui::widgets::table::column_widths(&widths, list.width.saturating_sub(2));
        let t = Table::new(rows, widths)
            .header(crate::ui::widgets::table::header_row(
                &[
                    Msg::ColTicket.text(lang),
                    Msg::ColArrived.text(lang),
                    Msg::ColWaited.text(lang),
                    Msg::ColName.text(lang),
                    Msg::ColStatus.text(lang),
                    Msg::FieldOfficial.text(lang),
                    Msg::ColCategory.text(lang),
                ],
                &cols,
            ))
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Msg::ScreenToday.text(lang)),
            );
        f.render_stateful_widget(t, list, &mut v.state);
    }
}

impl TodayView {
    /// Reads the queue again if the day shown is not today.
    pub fn ensure_today(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let today = ctx.today();
        if self.day != today {
            self.refresh(&ctx.store, today)?;
        }
        Ok(())
    }

    /// Moves an entry to `status` and reads the queue again with it selected.
    fn move_entry(
        &mut self,
        ctx: &mut Ctx,
        id: i64,
        status: QueueStatus,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        ctx.store
            .move_queue_entry(&actor, now, id, status, reason)?;
        self.refresh(&ctx.store, ctx.today())?;
        self.select_id(id);
        Ok(())
    }

    /// Calls the next applicant of the queue as stored now. Another desk calling at
    /// the same moment may take the same one first (the store refuses the second
    /// move: a conflict, or a move from "called" once it has committed): the queue
    /// is read again and the next one called.
    fn call_next(&mut self, ctx: &mut Ctx) -> Result<(), StoreError> {
        let mut tries = 0;
        loop {
            self.refresh(&ctx.store, ctx.today())?;
            match self.call_next_once(ctx) {
                Err(StoreError::Conflict | StoreError::Invalid(_)) if tries < 5 => tries += 1,
                other => return other,
            }
        }
    }

    fn call_next_once(&mut self, ctx: &mut Ctx) -> Result<(), StoreError> {
        if let Some(q) = self.official.and_then(|i| self.queues.get(i)) {
            let official = q.official_id;
            let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
            match ctx.store.call_next_for(&actor, now, official)? {
                Some(e) => {
                    self.refresh(&ctx.store, ctx.today())?;
                    self.select_id(e.id);
                    ctx.info(format!(
                        "{}: №{} {}",
                        ctx.t(Msg::Called),
                        e.ticket,
                        display(&e.applicant_name)
                    ));
                }
                None => ctx.info(ctx.t(Msg::NobodyWaiting)),
            }
            return Ok(());
        }
        match queue::next_to_call(&self.entries) {
            Some(e) => {
                let (id, ticket, name) = (e.id, e.ticket, e.applicant_name.clone());
                self.move_entry(ctx, id, QueueStatus::Called, None)?;
                ctx.info(format!(
                    "{}: №{ticket} {}",
                    ctx.t(Msg::Called),
                    display(&name)
                ));
            }
            None => ctx.info(ctx.t(Msg::NobodyWaiting)),
        }
        Ok(())
    }

    fn recall(&mut self, ctx: &mut Ctx) -> Result<(), StoreError> {
        if let Some(e) = self.selected().filter(|e| e.status == QueueStatus::Called) {
            let (id, ticket, name) = (e.id, e.ticket, e.applicant_name.clone());
            let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
            ctx.store.recall_queue_entry(&actor, now, id)?;
            ctx.info(format!(
                "{}: №{ticket} {}",
                ctx.t(Msg::CalledAgain),
                display(&name)
            ));
        }
        Ok(())
    }

    fn toggle_hold(&mut self, ctx: &mut Ctx) -> Result<(), StoreError> {
        if let Some(e) = self
            .selected()
            .filter(|e| matches!(e.status, QueueStatus::Waiting | QueueStatus::Called))
        {
            let (id, hold) = (e.id, !e.on_hold);
            let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
            ctx.store.hold_queue_entry(&actor, now, id, hold)?;
            self.refresh(&ctx.store, ctx.today())?;
            self.select_id(id);
        }
        Ok(())
    }

    /// Asks before marking the selected entry as not come or left.
    fn ask_mark(&self, status: QueueStatus) -> Outcome {
        match self.selected().filter(|e| !e.status.is_done()) {
            Some(e) => Outcome::Popup(Popup::Confirm {
                text: if status == QueueStatus::NoShow {
                    Msg::ConfirmNoShow
                } else {
                    Msg::ConfirmLeft
                },
                yes: Action::MarkNow {
                    entry: e.id,
                    status,
                },
            }),
            None => Outcome::Stay,
        }
    }

    /// A booked applicant arrived: into the queue of the day (the ticket is shown).
    fn check_in(&mut self, ctx: &mut Ctx) -> Result<(), ServiceError> {
        let Some(b) = self.selected_expected().cloned() else {
            return Ok(());
        };
        if b.day != ctx.today() {
            ctx.error(ctx.t(Msg::NotSessionDay));
            return Ok(());
        }
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let ticket = ctx.store.check_in(&actor, now, b.id)?;
        ctx.info(format!("{}{ticket}", ctx.t(Msg::CheckedInTicket)));
        self.refresh(&ctx.store, ctx.today())?;
        self.refresh_schedule(ctx)?;
        Ok(())
    }

    fn start_reception(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(open) = self.open_due() {
            return Ok(open);
        }
        if self.selected_expected().is_some() {
            self.check_in(ctx)?;
            return Ok(Outcome::Stay);
        }
        let Some(e) = self.selected().cloned() else {
            return Ok(Outcome::Stay);
        };
        let open = Outcome::Open(Open::Reception {
            appeal: e.appeal_id,
            official: e.official_id,
        });
        Ok(match e.status {
            QueueStatus::Called => {
                let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
                ctx.store
                    .move_queue_entry(&actor, now, e.id, QueueStatus::InReception, None)?;
                self.refresh(&ctx.store, ctx.today())?;
                open
            }
            QueueStatus::InReception => open,
            _ => {
                ctx.info(ctx.t(Msg::SelectCalled));
                Outcome::Stay
            }
        })
    }
}

impl Screen for TodayView {
    fn id(&self) -> ScreenId {
        ScreenId::Today
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(d) = move_delta(&action) {
            let was = self.due_focus.is_some();
            self.step(d);
            if !was && self.due_focus.is_some() {
                ctx.info(ctx.t(Msg::DueLineKeys));
            }
            return Ok(Outcome::Stay);
        }
        match action {
            Action::PrevDay | Action::NextDay => {
                let d = if action == Action::PrevDay { -1 } else { 1 };
                let day = self.day + chrono::Duration::days(d);
                self.refresh(&ctx.store, day)?;
            }
            Action::CallNext => self.call_next(ctx)?,
            Action::CallSelected => {
                if let Some(e) = self.selected().filter(|e| e.status == QueueStatus::Waiting) {
                    return Ok(Outcome::Popup(Popup::Reason {
                        entry: e.id,
                        value: String::new(),
                        cursor: 0,
                        error: false,
                    }));
                }
            }
            Action::CallOutOfOrder { entry, reason } => {
                self.move_entry(ctx, entry, QueueStatus::Called, Some(&reason))?;
                ctx.info(ctx.t(Msg::Called));
            }
            Action::Recall => self.recall(ctx)?,
            Action::ReturnToQueue => {
                if let Some(e) = self.selected().filter(|e| {
                    matches!(
                        e.status,
                        QueueStatus::Called | QueueStatus::NoShow | QueueStatus::Left
                    )
                }) {
                    let id = e.id;
                    self.move_entry(ctx, id, QueueStatus::Waiting, None)?;
                }
            }
            Action::ToggleHold => self.toggle_hold(ctx)?,
            Action::Mark(status) => return Ok(self.ask_mark(status)),
            Action::MarkNow { entry, status } => {
                let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
                ctx.store
                    .move_queue_entry(&actor, now, entry, status, None)?;
                self.refresh(&ctx.store, ctx.today())?;
            }
            Action::StartReception => return self.start_reception(ctx),
            Action::CheckIn => self.check_in(ctx)?,
            Action::NextField => self.switch_official(1, ctx)?,
            Action::PrevField => self.switch_official(-1, ctx)?,
            Action::OpenSelected => {
                if let Some(e) = self.selected() {
                    return Ok(Outcome::Open(Open::Card(e.appeal_id)));
                }
                if let Some(a) = self.selected_due().and_then(|d| d.appeal_id) {
                    return Ok(Outcome::Open(Open::Card(a)));
                }
            }
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw(self, f, area, ctx)
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Today)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        // Enter on a deadline line only opens the session's list.
        if *action == Action::StartReception && self.due_focus.is_some() {
            return None;
        }
        matches!(
            action,
            Action::CallNext
                | Action::CallSelected
                | Action::CallOutOfOrder { .. }
                | Action::Recall
                | Action::ReturnToQueue
                | Action::ToggleHold
                | Action::Mark(_)
                | Action::MarkNow { .. }
                | Action::StartReception
                | Action::CheckIn
        )
        .then_some(Permission::ManageQueue)
    }

    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        self.refresh(&ctx.store, ctx.today())?;
        self.refresh_schedule(ctx)?;
        self.refresh_lines(&ctx.store, &ctx.office, ctx.today())?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ScheduleDue, ScheduleDueKind};

    fn due(session_id: i64) -> ScheduleDue {
        let day = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap_or_default();
        ScheduleDue {
            kind: ScheduleDueKind::DateTimeNotice,
            due_on: day,
            appeal_id: Some(1),
            reg_no: "R-1".into(),
            applicant_name: "A".into(),
            booking_id: Some(session_id * 10),
            participant_id: None,
            session_day: day,
            session_start: chrono::NaiveTime::default(),
            official_name: "O".into(),
            session_id,
        }
    }

    #[test]
    fn an_empty_queue_steps_straight_onto_the_first_deadline_line() {
        let mut v = TodayView::new(NaiveDate::from_ymd_opt(2026, 3, 16).unwrap_or_default());
        v.schedule_due = vec![due(1), due(2)];
        v.step(1);
        assert_eq!(v.due_focus, Some(0));
        v.step(1);
        v.step(1);
        assert_eq!(v.due_focus, Some(1), "stays on the last line");
        assert_eq!(
            v.open_due(),
            Some(Outcome::Open(Open::Session {
                day: NaiveDate::from_ymd_opt(2026, 3, 17).unwrap_or_default(),
                session: 2,
                booking: Some(20),
                participant: None,
            }))
        );
        v.step(-5);
        assert_eq!(v.due_focus, Some(0), "no queue rows above");
    }
}
