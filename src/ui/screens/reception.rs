//! The protocol of a reception: decision, outcome, and instructions with executors
//! and due dates (proposed from the regulation profile in working days, editable).
use crate::domain::calendar::Calendar;
use crate::domain::profile::Profile;
use crate::domain::register::{Field as DField, FieldError};
use crate::domain::text::display;
use crate::domain::{Appeal, InstructionDraft, Lang, Official, ProtocolDraft, QueueStatus};
use crate::i18n::ui::{problem, Msg};
use crate::services::ServiceError;
use crate::store::StoreError;
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

/// The fields of the protocol form; instruction rows by their index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtocolField {
    Official,
    Outcome,
    Decision,
    Instruction(usize),
    Executor(usize),
    DueOn(usize),
}

/// How many instruction rows the form has.
const ROWS: usize = 6;

/// The (text, executor, due) fields of instruction row `i`.
fn row(i: usize) -> [ProtocolField; 3] {
    use ProtocolField as P;
    [P::Instruction(i), P::Executor(i), P::DueOn(i)]
}

#[derive(Default)]
pub struct ReceptionForm {
    pub appeal: Option<Appeal>,
    pub form: Form<ProtocolField>,
    pub held_on: Option<NaiveDate>,
    rows: usize,
    default_due: Option<NaiveDate>,
    /// Where "back" goes: the screen the protocol was opened from.
    back_to: Option<ScreenId>,
}

/// The due date the profile proposes for an instruction given on `day` (the
/// domain's deadline rule); `None` when the profile has no such deadline.
pub fn proposed_due(calendar: &Calendar, profile: &Profile, day: NaiveDate) -> Option<NaiveDate> {
    crate::domain::deadlines::instruction_due(profile, day, calendar)
}

impl ReceptionForm {
    pub fn new(_profile: &Profile, _officials: &[Official]) -> ReceptionForm {
        ReceptionForm::default()
    }

    fn build(profile: &Profile, officials: &[Official]) -> Form<ProtocolField> {
        let mut offs = vec![(
            String::new(),
            Msg::None_.text(Lang::Kk).into(),
            Msg::None_.text(Lang::Ru).into(),
        )];
        offs.extend(officials.iter().map(|o| {
            (
                o.id.to_string(),
                format!("{} — {}", o.full_name(), o.position_kk),
                format!("{} — {}", o.full_name(), o.position_ru),
            )
        }));
        let outcomes = profile
            .outcomes
            .iter()
            .map(|o| (o.code.clone(), o.kk.clone(), o.ru.clone()))
            .collect();
        let mut fields = vec![
            Field::choice(ProtocolField::Official, Msg::FieldOfficial, offs),
            Field::choice(ProtocolField::Outcome, Msg::FieldOutcome, outcomes),
            Field::text(ProtocolField::Decision, Msg::FieldDecision),
        ];
        for r in (0..ROWS).map(row) {
            let mut t = Field::text(r[0], Msg::FieldInstruction);
            let mut e = Field::text(r[1], Msg::FieldExecutor);
            let mut d = Field::text(r[2], Msg::FieldDueOn);
            t.hidden = true;
            e.hidden = true;
            d.hidden = true;
            fields.extend([t, e, d]);
        }
        Form::new(fields)
    }

    /// Opens the form for an appeal being received today.
    pub fn start(
        &mut self,
        appeal: Appeal,
        official: Option<i64>,
        today: NaiveDate,
        profile: &Profile,
        officials: &[Official],
        calendar: &Calendar,
    ) {
        if self.appeal.as_ref().map(|a| a.id) == Some(appeal.id) && self.form.dirty {
            return; // Keep what was typed.
        }
        self.form = Self::build(profile, officials);
        let off = official.or(appeal.requested_official);
        if let Some(id) = off {
            self.form
                .set_choice(ProtocolField::Official, &id.to_string());
        }
        self.form.set_choice(ProtocolField::Outcome, "explained");
        self.held_on = Some(today);
        self.default_due = proposed_due(calendar, profile, today);
        self.rows = 0;
        self.appeal = Some(appeal);
        // Three rows ready; empty rows are not instructions.
        for _ in 0..3 {
            self.add_instruction(calendar, profile, today);
        }
        self.form.dirty = false;
        self.form.focus_on(if off.is_some() {
            ProtocolField::Decision
        } else {
            ProtocolField::Official
        });
    }

    pub fn clear(&mut self) {
        *self = ReceptionForm::default();
    }

    pub fn add_instruction(&mut self, calendar: &Calendar, profile: &Profile, today: NaiveDate) {
        if self.appeal.is_none() || self.rows >= ROWS {
            return;
        }
        let due = self
            .default_due
            .or_else(|| proposed_due(calendar, profile, today));
        let r = row(self.rows);
        for id in r {
            self.form.set_hidden(id, false);
        }
        let due = due.map(crate::domain::dates::format_date);
        self.form.set_text(r[2], &due.unwrap_or_default());
        self.rows += 1;
        self.form.focus_on(r[0]);
    }

    pub fn remove_instruction(&mut self) {
        if self.rows == 0 {
            return;
        }
        self.rows -= 1;
        let r = row(self.rows);
        for id in r {
            self.form.set_text(id, "");
            self.form.set_hidden(id, true);
        }
        self.form.dirty = true;
        self.form.focus_on(ProtocolField::Decision);
    }

    /// The protocol as typed; `Err` lists due-date fields that are not dates.
    pub fn draft(&self, appeal_id: i64) -> Result<ProtocolDraft, Vec<ProtocolField>> {
        let f = &self.form;
        let mut bad = Vec::new();
        let mut instructions = Vec::new();
        for r in (0..self.rows).map(row) {
            let due_text = f.text(r[2]);
            let due = crate::domain::dates::parse_date(&due_text);
            let text = f.text(r[0]);
            let exec = f.text(r[1]);
            if due.is_none()
                && !(text.trim().is_empty() && exec.trim().is_empty() && due_text.trim().is_empty())
            {
                bad.push(r[2]);
            }
            instructions.push(InstructionDraft {
                text,
                executor: exec,
                due_on: due,
            });
        }
        if !bad.is_empty() {
            return Err(bad);
        }
        let outcome = f.choice(ProtocolField::Outcome);
        Ok(ProtocolDraft {
            appeal_id,
            official_id: f.choice(ProtocolField::Official).parse().ok(),
            held_on: self.held_on,
            decision: f.text(ProtocolField::Decision),
            outcome: (!outcome.is_empty()).then_some(outcome),
            instructions,
        })
    }

    /// Puts a message next to the executor of instruction row `i`.
    pub fn set_executor_error(&mut self, i: usize, msg: String) {
        if i < ROWS {
            self.form.set_error(ProtocolField::Executor(i), msg);
        }
    }

    pub fn show_errors(&mut self, errors: &[FieldError], lang: Lang) {
        self.form.clear_errors();
        for e in errors {
            let id = match e.field {
                DField::Official => ProtocolField::Official,
                DField::Decision => ProtocolField::Decision,
                DField::Outcome => ProtocolField::Outcome,
                DField::InstructionText(i) => ProtocolField::Instruction(i.min(ROWS - 1)),
                DField::Executor(i) => ProtocolField::Executor(i.min(ROWS - 1)),
                DField::DueOn(i) => ProtocolField::DueOn(i.min(ROWS - 1)),
                _ => continue,
            };
            self.form.set_error(id, problem(lang, e.problem));
        }
        self.form.focus_first_error();
    }
}

fn draw(r: &ReceptionForm, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let Some(a) = &r.appeal else {
        f.render_widget(Paragraph::new(Msg::ProtocolNoAppeal.text(lang)), area);
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(5), Constraint::Min(3)]).areas(area);
    let lines = vec![
        Line::styled(
            format!(
                "{}  {}  {}",
                a.reg_no,
                display(&a.applicant.full_name()),
                r.held_on
                    .map(crate::domain::dates::format_date)
                    .unwrap_or_default()
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::from(format!(
            "{}: {}",
            Msg::Essence.text(lang),
            display(&a.essence)
        )),
    ];
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::ScreenReception.text(lang)),
        ),
        head,
    );
    r.form.draw(f, body, lang);
}

impl ReceptionForm {
    /// Opens the protocol of an appeal received today.
    fn open_for(
        &mut self,
        ctx: &mut Ctx,
        appeal_id: i64,
        official: Option<i64>,
    ) -> Result<(), StoreError> {
        let appeal = ctx.store.appeal(appeal_id)?;
        let today = ctx.today();
        let o = &ctx.office;
        self.start(
            appeal,
            official,
            today,
            &o.profile,
            &ctx.officials,
            &o.calendar,
        );
        if ctx.officials.is_empty() {
            ctx.error(ctx.t(Msg::NoOfficials));
        }
        Ok(())
    }

    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(appeal) = self.appeal.clone() else {
            ctx.info(ctx.t(Msg::ProtocolNoAppeal));
            return Ok(Outcome::Stay);
        };
        let draft = match self.draft(appeal.id) {
            Ok(d) => d,
            Err(bad_dates) => {
                for id in bad_dates {
                    self.form.set_error(id, ctx.t(Msg::ErrDate).to_string());
                }
                self.form.focus_first_error();
                ctx.error(ctx.t(Msg::FormHasErrors));
                return Ok(Outcome::Stay);
            }
        };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        match crate::services::reception::save_protocol(
            &mut ctx.store,
            &ctx.office,
            &actor,
            now,
            &draft,
        ) {
            Ok(_) => {}
            Err(ServiceError::Fields(errors)) => {
                self.show_errors(&errors, ctx.lang());
                ctx.error(ctx.t(Msg::FormHasErrors));
                return Ok(Outcome::Stay);
            }
            Err(ServiceError::ExecutorConflict(conflicts)) => {
                self.show_executor_conflicts(ctx, &conflicts);
                return Ok(Outcome::Stay);
            }
            Err(e) => return Err(e),
        }
        let back = self.back_to.unwrap_or(ScreenId::Today);
        self.clear();
        ctx.changes.today = true;
        ctx.info(ctx.t(Msg::ProtocolSaved));
        Ok(if back == ScreenId::Card {
            Outcome::Open(Open::Card(appeal.id))
        } else {
            Outcome::Go(ScreenId::Today)
        })
    }

    /// The conflict rule (001 §24): an instruction to an employee who handled this
    /// appeal before is refused; said next to its executor.
    fn show_executor_conflicts(&mut self, ctx: &mut Ctx, conflicts: &[(Option<usize>, String)]) {
        let mut last = None;
        for (i, previous) in conflicts {
            let msg = crate::i18n::control::executor_conflict(ctx.lang(), previous);
            if let Some(i) = i {
                self.set_executor_error(*i, msg.clone());
            }
            last = Some(msg);
        }
        self.form.focus_first_error();
        if let Some(msg) = last {
            ctx.error(msg);
        }
    }
}

impl Screen for ReceptionForm {
    fn id(&self) -> ScreenId {
        ScreenId::Reception
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        match action {
            Action::Save => return self.save(ctx),
            Action::NextField => self.form.next(),
            Action::PrevField => self.form.prev(),
            Action::AddInstruction => {
                let today = ctx.today();
                self.add_instruction(&ctx.office.calendar, &ctx.office.profile, today)
            }
            Action::RemoveInstruction => self.remove_instruction(),
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn input(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Result<(), ServiceError> {
        self.form.input(key);
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw(self, f, area, ctx)
    }

    fn has_unsaved(&self) -> bool {
        self.form.dirty
    }

    fn discard(&mut self, _ctx: &Ctx) {
        self.form.dirty = false;
    }

    fn back(&self) -> Outcome {
        Outcome::Go(self.back_to.unwrap_or(ScreenId::Today))
    }

    /// Without an appeal, the protocol of the applicant being served today, if any.
    fn enter(&mut self, from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        if self.appeal.is_some() {
            return Ok(true);
        }
        let served = ctx
            .store
            .queue_of(ctx.today())?
            .into_iter()
            .find(|e| matches!(e.status, QueueStatus::InReception | QueueStatus::Called))
            .map(|e| (e.appeal_id, e.official_id));
        match served {
            Some((id, off)) => {
                self.back_to = Some(from);
                self.open_for(ctx, id, off)?;
                Ok(true)
            }
            None => {
                ctx.info(ctx.t(Msg::ProtocolNoAppeal));
                Ok(false)
            }
        }
    }

    fn open(&mut self, what: Open, from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::Reception { appeal, official } = what else {
            return Ok(false);
        };
        self.open_for(ctx, appeal, official)?;
        if from != ScreenId::Reception {
            self.back_to = Some(from);
        }
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
