//! Instructions on control: executor, due date, days left or overdue, appeal,
//! official. Register the final reasoned answer (takes it off control) or give the
//! instruction to another executor (under the conflict rule).
use crate::domain::control::{classify, Urgency};
use crate::domain::permissions::Permission;
use crate::domain::text::display;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::{ControlRow, Store, StoreError};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{move_delta, Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crate::ui::widgets::table;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};
use ratatui::Frame;

/// What the form under the list does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormMode {
    #[default]
    Answer,
    Reassign,
}

/// The list of instructions on control.
#[derive(Default)]
pub struct ControlView {
    pub rows: Vec<ControlRow>,
    pub state: TableState,
}

/// The fields of the control form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlField {
    Date,
    Summary,
    DocNo,
    Executor,
}

/// The answer or reassignment form of one instruction.
#[derive(Default)]
pub struct ControlForm {
    pub form: Form<ControlField>,
    pub mode: FormMode,
    /// The instruction the form is for.
    pub row: Option<ControlRow>,
}

impl ControlView {
    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        self.rows = store.on_control(None, 1000)?;
        table::clamp(&mut self.state, self.rows.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&ControlRow> {
        self.state.selected().and_then(|i| self.rows.get(i))
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.rows.len(), delta);
    }

    /// Opens the form of the selected instruction.
    fn open_form(&self, mode: FormMode) -> Outcome {
        match self.selected() {
            Some(r) => Outcome::Open(Open::ControlForm(mode, Box::new(r.clone()))),
            None => Outcome::Stay,
        }
    }
}

impl ControlForm {
    /// The answer form (answered today unless changed) or the reassignment form.
    pub fn fill(&mut self, mode: FormMode, row: ControlRow, today: NaiveDate) {
        let mut f = match mode {
            FormMode::Answer => {
                let mut f = Form::new(vec![
                    Field::text(ControlField::Date, Msg::FieldAnsweredOn),
                    Field::text(ControlField::Summary, Msg::FieldAnswerSummary),
                    Field::text(ControlField::DocNo, Msg::FieldAnswerDocNo),
                ]);
                f.set_text(
                    ControlField::Date,
                    &crate::domain::dates::format_date(today),
                );
                f.focus_on(ControlField::Summary);
                f
            }
            FormMode::Reassign => Form::new(vec![Field::text(
                ControlField::Executor,
                Msg::FieldExecutor,
            )]),
        };
        f.dirty = false;
        self.form = f;
        self.mode = mode;
        self.row = Some(row);
    }
}

fn urgency_style(u: Urgency) -> Style {
    match u {
        Urgency::Overdue => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        Urgency::DueToday => Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        Urgency::DueSoon => Style::default().fg(Color::Yellow),
        _ => Style::default(),
    }
}

fn draw_list(v: &mut ControlView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let today = ctx.now().date();
    let cal = &ctx.office.calendar;
    let overdue = v
        .rows
        .iter()
        .filter(|r| classify(r.instruction.status, r.instruction.due_on, today) == Urgency::Overdue)
        .count();
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    f.render_widget(
        Paragraph::new(format!(
            "{}: {}   {}: {overdue}",
            Msg::ControlTitle.text(lang),
            v.rows.len(),
            Msg::Overdue.text(lang)
        ))
        .style(Style::default().add_modifier(Modifier::BOLD)),
        head,
    );
    if v.rows.is_empty() {
        f.render_widget(
            Paragraph::new(Msg::NothingOnControl.text(lang))
                .block(Block::default().borders(Borders::ALL)),
            list,
        );
        return;
    }
    // Lay out by the width: the official and the instruction's text where they fit.
    let wide = list.width >= 110;
    let rows = v.rows.iter().map(|r| {
        let i = &r.instruction;
        let u = classify(i.status, i.due_on, today);
        let left = crate::domain::control::working_days_left(cal, i.due_on, today);
        let left_text = match (left, lang) {
            (0, _) => Msg::DueToday.text(lang).to_string(),
            (n, _) if n < 0 => crate::i18n::ui::days_overdue(lang, -n),
            (n, _) => format!("{n}"),
        };
        let mut cells = vec![
            crate::domain::dates::format_date(i.due_on),
            left_text,
            display(&i.executor).into_owned(),
            r.reg_no.clone(),
            display(&r.applicant_name).into_owned(),
        ];
        if wide {
            cells.push(display(&r.official_name).into_owned());
            cells.push(display(&i.text).into_owned());
        }
        Row::new(cells).style(urgency_style(u))
    });
    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Min(14),
        Constraint::Length(15),
        Constraint::Min(14),
    ];
    let mut header = vec![
        Msg::ColDue.text(lang),
        Msg::ColDaysLeft.text(lang),
        Msg::ColExecutor.text(lang),
        Msg::ColRegNo.text(lang),
        Msg::ColName.text(lang),
    ];
    if wide {
        widths.extend([Constraint::Length(18), Constraint::Min(20)]);
        header.extend([
            Msg::FieldOfficial.text(lang),
            Msg::ColInstruction.text(lang),
        ]);
    }
    let t = Table::new(rows, widths)
        .header(Row::new(header).style(Style::default().add_modifier(Modifier::UNDERLINED)))
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
        .block(Block::default().borders(Borders::ALL));
    f.render_stateful_widget(t, list, &mut v.state);
}

fn draw_form(v: &ControlForm, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let [head, body] = Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(area);
    let (title, what) = match (v.mode, v.row.as_ref()) {
        (FormMode::Answer, Some(r)) => (Msg::ControlAnswerTitle, r),
        (FormMode::Reassign, Some(r)) => (Msg::ControlReassignTitle, r),
        _ => return,
    };
    f.render_widget(
        Paragraph::new(format!(
            "{}  {}  {}\n{}",
            what.reg_no,
            display(&what.instruction.executor),
            crate::domain::dates::format_date(what.instruction.due_on),
            display(&what.instruction.text)
        ))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(title.text(lang)),
        ),
        head,
    );
    v.form.draw(f, body, lang);
}

impl Screen for ControlView {
    fn id(&self) -> ScreenId {
        ScreenId::Control
    }

    fn handle(&mut self, action: Action, _ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(d) = move_delta(&action) {
            self.step(d);
            return Ok(Outcome::Stay);
        }
        Ok(match action {
            Action::AnswerInstruction => self.open_form(FormMode::Answer),
            Action::ReassignExecutor => self.open_form(FormMode::Reassign),
            Action::OpenSelected => match self.selected() {
                Some(r) => Outcome::Open(Open::Card(r.instruction.appeal_id)),
                None => Outcome::Stay,
            },
            other => Outcome::Pass(other),
        })
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_list(self, f, area, ctx)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        matches!(action, Action::AnswerInstruction | Action::ReassignExecutor)
            .then_some(Permission::ManageControl)
    }

    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        self.refresh(&ctx.store)?;
        Ok(true)
    }
}

impl ControlForm {
    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        use crate::services::control;
        let Some(id) = self.row.as_ref().map(|r| r.instruction.id) else {
            return Ok(Outcome::Stay);
        };
        let (actor, now) = (ctx.actor(), ctx.now());
        let result = match self.mode {
            FormMode::Answer => {
                let Ok(answered_on) =
                    crate::domain::dates::parse_optional_date(&self.form.text(ControlField::Date))
                else {
                    self.form
                        .set_error(ControlField::Date, ctx.t(Msg::ErrDate).to_string());
                    ctx.error(ctx.t(Msg::FormHasErrors));
                    return Ok(Outcome::Stay);
                };
                let draft = crate::domain::control::AnswerDraft {
                    answered_on,
                    summary: self.form.text(ControlField::Summary),
                    doc_no: self.form.text(ControlField::DocNo),
                };
                control::answer(&mut ctx.store, &actor, now, id, &draft).map(|_| Msg::AnswerSaved)
            }
            FormMode::Reassign => {
                let who = self.form.text(ControlField::Executor);
                control::reassign(&mut ctx.store, &actor, now, id, &who)
                    .map(|_| Msg::ExecutorChanged)
            }
        };
        let e = match result {
            Ok(m) => {
                self.form.dirty = false;
                ctx.changes.today = true;
                ctx.info(ctx.t(m));
                return Ok(Outcome::Go(ScreenId::Control));
            }
            Err(e @ (ServiceError::Storage(_) | ServiceError::SchemaTooNew { .. })) => {
                return Err(e)
            }
            Err(e) => e,
        };
        let field = match (self.mode, &e) {
            (FormMode::Reassign, _) => ControlField::Executor,
            (_, ServiceError::Answer(ps))
                if ps
                    .iter()
                    .any(|p| matches!(p, crate::domain::control::CloseProblem::SummaryMissing)) =>
            {
                ControlField::Summary
            }
            _ => ControlField::Date,
        };
        let msg = crate::i18n::control::control_error(ctx.lang(), e);
        self.form.set_error(field, msg.clone());
        ctx.error(msg);
        Ok(Outcome::Stay)
    }
}

impl Screen for ControlForm {
    fn id(&self) -> ScreenId {
        ScreenId::ControlForm
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        match action {
            Action::Save => return self.save(ctx),
            Action::NextField => self.form.next(),
            Action::PrevField => self.form.prev(),
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn input(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Result<(), ServiceError> {
        self.form.input(key);
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_form(self, f, area, ctx)
    }

    fn has_unsaved(&self) -> bool {
        self.form.dirty
    }

    fn discard(&mut self, _ctx: &Ctx) {
        self.form.dirty = false;
    }

    fn back(&self) -> Outcome {
        Outcome::Show(ScreenId::Control)
    }

    fn open(&mut self, what: Open, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::ControlForm(mode, row) = what else {
            return Ok(false);
        };
        self.fill(mode, *row, ctx.today());
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
