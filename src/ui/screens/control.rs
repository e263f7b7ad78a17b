//! Instructions on control: executor, due date, days left or overdue, appeal,
//! official. Register the final reasoned answer (takes it off control), give the
//! instruction to another executor (under the conflict rule), extend its deadline
//! with a reason, or (in the list of answered instructions) return the answer for
//! rework with a reason and a new due date. Every form shows the instruction's
//! history of rounds.
use crate::domain::control::{classify, Urgency};
use crate::domain::permissions::Permission;
use crate::domain::text::display;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::{ControlRow, Round, Store, StoreError};
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
    /// Return the answer for rework: reason and new due date.
    Rework,
    /// Extend the deadline: reason and new due date.
    Extend,
}

/// The list of instructions on control.
#[derive(Default)]
pub struct ControlView {
    pub rows: Vec<ControlRow>,
    pub state: TableState,
    /// Showing answered instructions (of appeals not closed) instead of those on control.
    pub answered: bool,
}

/// The fields of the control form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlField {
    Date,
    Summary,
    DocNo,
    /// The executor chosen from the office's list of employees and units.
    ExecutorPick,
    /// A new executor typed as free text (becomes an entry of the list).
    Executor,
    Reason,
    NewDue,
}

/// The answer or reassignment form of one instruction.
#[derive(Default)]
pub struct ControlForm {
    pub form: Form<ControlField>,
    pub mode: FormMode,
    /// The instruction the form is for.
    pub row: Option<ControlRow>,
    /// Its rounds of control, oldest first.
    pub rounds: Vec<Round>,
}

impl ControlView {
    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        self.rows = if self.answered {
            store.answered_open(1000)?
        } else {
            store.on_control(None, 1000)?
        };
        table::clamp(&mut self.state, self.rows.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&ControlRow> {
        self.state.selected().and_then(|i| self.rows.get(i))
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.rows.len(), delta);
    }

    /// Opens the form of the selected instruction; a rework needs an answered
    /// instruction, the other forms one on control (the refusal is said at once).
    fn open_form(&self, mode: FormMode, ctx: &mut Ctx) -> Outcome {
        use crate::domain::control::RoundProblem;
        let Some(r) = self.selected() else {
            return Outcome::Stay;
        };
        let answered = r.instruction.status == crate::domain::InstructionStatus::Answered;
        let refused = match mode {
            FormMode::Rework if !answered => Some(RoundProblem::NotAnswered),
            FormMode::Answer | FormMode::Reassign | FormMode::Extend if answered => {
                Some(RoundProblem::NotOnControl)
            }
            _ => None,
        };
        if let Some(p) = refused {
            ctx.error(crate::i18n::control::round_problem(ctx.lang(), p));
            return Outcome::Stay;
        }
        Outcome::Open(Open::ControlForm(mode, Box::new(r.clone())))
    }
}

impl ControlForm {
    /// The answer form (answered today unless changed) or the reassignment form
    /// (an entry of `staff`, or a new one typed).
    pub fn fill(
        &mut self,
        mode: FormMode,
        row: ControlRow,
        today: NaiveDate,
        staff: &[crate::store::StaffMember],
    ) {
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
            FormMode::Reassign => {
                let mut options = vec![(
                    String::new(),
                    Msg::ExecutorNewBelow
                        .text(crate::domain::Lang::Kk)
                        .to_string(),
                    Msg::ExecutorNewBelow
                        .text(crate::domain::Lang::Ru)
                        .to_string(),
                )];
                options.extend(
                    staff
                        .iter()
                        .filter(|s| s.active)
                        .map(|s| (s.id.to_string(), s.name.clone(), s.name.clone())),
                );
                Form::new(vec![
                    Field::choice(ControlField::ExecutorPick, Msg::FieldExecutorPick, options),
                    Field::text(ControlField::Executor, Msg::FieldExecutorNew),
                ])
            }
            FormMode::Rework | FormMode::Extend => Form::new(vec![
                Field::text(ControlField::Reason, Msg::FieldRoundReason),
                Field::text(ControlField::NewDue, Msg::FieldNewDue),
            ]),
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
        Paragraph::new(crate::ui::widgets::form::cut(
            &format!(
                "{}: {}   {}: {overdue}",
                if v.answered {
                    Msg::ControlAnsweredTitle
                } else {
                    Msg::ControlTitle
                }
                .text(lang),
                v.rows.len(),
                Msg::Overdue.text(lang)
            ),
            head.width as usize,
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
    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Min(14),
        Constraint::Length(15),
        Constraint::Min(14),
    ];
    if wide {
        widths.extend([Constraint::Length(18), Constraint::Min(20)]);
    }
    // Every cell cut at its column's display width ends with "…".
    let cols = crate::ui::widgets::table::column_widths(&widths, list.width.saturating_sub(2));
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
        Row::new(crate::ui::widgets::table::cut_cells(&cells, &cols)).style(urgency_style(u))
    });
    let mut header = vec![
        Msg::ColDue.text(lang),
        Msg::ColDaysLeft.text(lang),
        Msg::ColExecutor.text(lang),
        Msg::ColRegNo.text(lang),
        Msg::ColName.text(lang),
    ];
    if wide {
        header.extend([
            Msg::FieldOfficial.text(lang),
            Msg::ColInstruction.text(lang),
        ]);
    }
    let header = crate::ui::widgets::table::cut_cells(&header, &cols);
    let t = Table::new(rows, widths)
        .header(Row::new(header).style(Style::default().add_modifier(Modifier::UNDERLINED)))
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
        .block(Block::default().borders(Borders::ALL));
    f.render_stateful_widget(t, list, &mut v.state);
}

fn draw_form(v: &ControlForm, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let [head, body, rounds] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(7),
        Constraint::Min(3),
    ])
    .areas(area);
    let Some(what) = v.row.as_ref() else {
        return;
    };
    let title = match v.mode {
        FormMode::Answer => Msg::ControlAnswerTitle,
        FormMode::Reassign => Msg::ControlReassignTitle,
        FormMode::Rework => Msg::ControlReworkTitle,
        FormMode::Extend => Msg::ControlExtendTitle,
    };
    // Two lines inside the box: each cut at its width ends with "…".
    let room = head.width.saturating_sub(2) as usize;
    let cut = crate::ui::widgets::form::cut;
    f.render_widget(
        Paragraph::new(format!(
            "{}\n{}",
            cut(
                &format!(
                    "{}  {}  {}",
                    what.reg_no,
                    display(&what.instruction.executor),
                    crate::domain::dates::format_date(what.instruction.due_on),
                ),
                room
            ),
            cut(&display(&what.instruction.text), room)
        ))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(title.text(lang)),
        ),
        head,
    );
    v.form.draw(f, body, lang);
    draw_rounds(&v.rounds, f, rounds, ctx);
}

/// One line of a round: day, what happened, old and new due date, reason, and the
/// answer that was returned.
fn round_line(r: &Round, lang: crate::i18n::Lang) -> String {
    use crate::domain::control::RoundKind;
    use crate::domain::dates::format_date;
    let kind = match r.kind {
        RoundKind::Returned => Msg::RoundReturned,
        RoundKind::Extended => Msg::RoundExtended,
    };
    let mut line = format!(
        "{}  {}: {} -> {}  {}",
        format_date(r.on_day),
        kind.text(lang),
        format_date(r.old_due),
        format_date(r.new_due),
        display(&r.reason)
    );
    if let Some((on, summary, doc)) = &r.returned_answer {
        line.push_str(&format!(
            "  [{} {} {}]",
            format_date(*on),
            display(doc),
            display(summary)
        ));
    }
    line
}

fn draw_rounds(rounds: &[Round], f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let text = if rounds.is_empty() {
        Msg::NoRounds.text(lang).to_string()
    } else {
        rounds
            .iter()
            .map(|r| round_line(r, lang))
            .collect::<Vec<_>>()
            .join("\n")
    };
    f.render_widget(
        Paragraph::new(text)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Msg::ControlRounds.text(lang)),
            ),
        area,
    );
}

impl Screen for ControlView {
    fn id(&self) -> ScreenId {
        ScreenId::Control
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(d) = move_delta(&action) {
            self.step(d);
            return Ok(Outcome::Stay);
        }
        Ok(match action {
            Action::AnswerInstruction => self.open_form(FormMode::Answer, ctx),
            Action::ReassignExecutor => self.open_form(FormMode::Reassign, ctx),
            Action::ReturnForRework => self.open_form(FormMode::Rework, ctx),
            Action::ExtendDeadline => self.open_form(FormMode::Extend, ctx),
            Action::ToggleAnswered => {
                self.answered = !self.answered;
                self.state = TableState::default();
                self.refresh(&ctx.store)?;
                Outcome::Stay
            }
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
        matches!(
            action,
            Action::AnswerInstruction
                | Action::ReassignExecutor
                | Action::ReturnForRework
                | Action::ExtendDeadline
        )
        .then_some(Permission::ManageControl)
    }

    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        self.refresh(&ctx.store)?;
        Ok(true)
    }
}

impl ControlForm {
    /// Gives the instruction to the entry chosen from the list, or to the name
    /// typed: a name already in the list (employee or unit, any spelling under
    /// folding) is that entry, else it becomes a new employee. `None`: nothing
    /// chosen nor typed (said next to the field).
    fn reassign(
        &mut self,
        ctx: &mut Ctx,
        id: i64,
    ) -> Result<Option<Result<(), ServiceError>>, ServiceError> {
        use crate::services::control;
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let picked = self.form.choice(ControlField::ExecutorPick).parse::<i64>();
        let who = self.form.text(ControlField::Executor);
        let staff_id = match (picked, listed(&ctx.store, &who)?) {
            (Ok(staff_id), _) | (Err(_), Some(staff_id)) => staff_id,
            (Err(_), None) if who.trim().is_empty() => {
                self.form.set_error(
                    ControlField::Executor,
                    ctx.t(Msg::ErrExecutorMissing).to_string(),
                );
                ctx.error(ctx.t(Msg::FormHasErrors));
                return Ok(None);
            }
            (Err(_), None) => {
                return Ok(Some(control::assign_new_employee(
                    &mut ctx.store,
                    &actor,
                    now,
                    id,
                    &who,
                )))
            }
        };
        Ok(Some(control::assign(
            &mut ctx.store,
            &actor,
            now,
            id,
            staff_id,
        )))
    }

    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        use crate::services::control;
        let Some(id) = self.row.as_ref().map(|r| r.instruction.id) else {
            return Ok(Outcome::Stay);
        };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
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
            FormMode::Reassign => match self.reassign(ctx, id)? {
                Some(r) => r.map(|_| Msg::ExecutorChanged),
                None => return Ok(Outcome::Stay),
            },
            FormMode::Rework | FormMode::Extend => {
                let Some(new_due) =
                    crate::domain::dates::parse_date(&self.form.text(ControlField::NewDue))
                else {
                    self.form
                        .set_error(ControlField::NewDue, ctx.t(Msg::ErrDate).to_string());
                    ctx.error(ctx.t(Msg::FormHasErrors));
                    return Ok(Outcome::Stay);
                };
                let reason = self.form.text(ControlField::Reason);
                if self.mode == FormMode::Rework {
                    control::return_for_rework(&mut ctx.store, &actor, now, id, &reason, new_due)
                        .map(|_| Msg::ReworkSaved)
                } else {
                    control::extend(&mut ctx.store, &actor, now, id, &reason, new_due)
                        .map(|_| Msg::ExtensionSaved)
                }
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
            (FormMode::Reassign, _) if !self.form.choice(ControlField::ExecutorPick).is_empty() => {
                ControlField::ExecutorPick
            }
            (FormMode::Reassign, _) => ControlField::Executor,
            (FormMode::Rework | FormMode::Extend, e) => round_field(e),
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

/// The entry of the office's list (active or not) with this name under folding.
fn listed(store: &Store, name: &str) -> Result<Option<i64>, StoreError> {
    let key = crate::domain::fold::fold(name.trim());
    Ok(store
        .staff(true)?
        .into_iter()
        .find(|s| crate::domain::fold::fold(&s.name) == key)
        .map(|s| s.id))
}

/// The field a refused rework or extension points at.
fn round_field(e: &ServiceError) -> ControlField {
    use crate::domain::control::RoundProblem;
    match e {
        ServiceError::Round(ps)
            if ps.iter().all(|p| {
                matches!(p, RoundProblem::ReasonMissing | RoundProblem::ReasonText(_))
            }) =>
        {
            ControlField::Reason
        }
        ServiceError::Round(ps)
            if ps.iter().any(|p| {
                matches!(
                    p,
                    RoundProblem::DueNotAfterToday | RoundProblem::DueNotLater
                )
            }) =>
        {
            ControlField::NewDue
        }
        _ => ControlField::Reason,
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
        self.rounds = ctx.store.instruction_rounds(row.instruction.id)?;
        let staff = ctx.store.staff(false)?;
        self.fill(mode, *row, ctx.today(), &staff);
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
