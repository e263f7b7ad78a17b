//! The protocol of a reception: decision, outcome, and instructions with executors
//! and due dates (proposed from the regulation profile in working days, editable).
use crate::domain::calendar::Calendar;
use crate::domain::profile::{Profile, Unit};
use crate::domain::register::{Field as DField, FieldError};
use crate::domain::text::display;
use crate::domain::{Appeal, InstructionDraft, Lang, Official, ProtocolDraft};
use crate::i18n::ui::{problem, Msg};
use crate::ui::app::App;
use crate::ui::widgets::form::{Field, FieldId, Form};
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

/// Instruction rows of the form: (text, executor, due) field ids.
const ROWS: [[FieldId; 3]; 6] = [
    ["ins0", "exe0", "due0"],
    ["ins1", "exe1", "due1"],
    ["ins2", "exe2", "due2"],
    ["ins3", "exe3", "due3"],
    ["ins4", "exe4", "due4"],
    ["ins5", "exe5", "due5"],
];

#[derive(Default)]
pub struct ReceptionForm {
    pub appeal: Option<Appeal>,
    pub form: Form,
    pub held_on: Option<NaiveDate>,
    rows: usize,
    default_due: Option<NaiveDate>,
}

/// Parses a date typed as DD.MM.YYYY (or YYYY-MM-DD).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// The due date the profile proposes for an instruction given on `day`.
pub fn proposed_due(calendar: &Calendar, profile: &Profile, day: NaiveDate) -> NaiveDate {
    match profile.deadline("instruction_default") {
        Some(d) => match d.unit {
            Unit::WorkingDays => calendar.add_working_days(day, d.amount),
            Unit::CalendarDays => day + chrono::Duration::days(d.amount as i64),
            Unit::Months => day
                .checked_add_months(chrono::Months::new(d.amount))
                .unwrap_or(day),
        },
        None => calendar.add_working_days(day, 15),
    }
}

impl ReceptionForm {
    pub fn new(_profile: &Profile, _officials: &[Official]) -> ReceptionForm {
        ReceptionForm::default()
    }

    fn build(profile: &Profile, officials: &[Official]) -> Form {
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
            Field::choice("official", Msg::FieldOfficial, offs),
            Field::choice("outcome", Msg::FieldOutcome, outcomes),
            Field::text("decision", Msg::FieldDecision),
        ];
        for r in ROWS {
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
            self.form.set_choice("official", &id.to_string());
        }
        self.form.set_choice("outcome", "explained");
        self.held_on = Some(today);
        self.default_due = Some(proposed_due(calendar, profile, today));
        self.rows = 0;
        self.appeal = Some(appeal);
        // Three rows ready; empty rows are not instructions.
        for _ in 0..3 {
            self.add_instruction(calendar, profile, today);
        }
        self.form.dirty = false;
        self.form.focus_on(if off.is_some() {
            "decision"
        } else {
            "official"
        });
    }

    pub fn clear(&mut self) {
        *self = ReceptionForm::default();
    }

    pub fn add_instruction(&mut self, calendar: &Calendar, profile: &Profile, today: NaiveDate) {
        if self.appeal.is_none() || self.rows >= ROWS.len() {
            return;
        }
        let due = self
            .default_due
            .unwrap_or_else(|| proposed_due(calendar, profile, today));
        let r = ROWS[self.rows];
        for id in r {
            self.form.set_hidden(id, false);
        }
        self.form
            .set_text(r[2], &due.format("%d.%m.%Y").to_string());
        self.rows += 1;
        self.form.focus_on(r[0]);
    }

    pub fn remove_instruction(&mut self) {
        if self.rows == 0 {
            return;
        }
        self.rows -= 1;
        let r = ROWS[self.rows];
        for id in r {
            self.form.set_text(id, "");
            self.form.set_hidden(id, true);
        }
        self.form.dirty = true;
        self.form.focus_on("decision");
    }

    /// The protocol as typed; `Err` lists due-date fields that are not dates.
    pub fn draft(&self, appeal_id: i64) -> Result<ProtocolDraft, Vec<FieldId>> {
        let f = &self.form;
        let mut bad = Vec::new();
        let mut instructions = Vec::new();
        for r in ROWS.iter().take(self.rows) {
            let due_text = f.text(r[2]);
            let due = parse_date(&due_text);
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
        let outcome = f.choice("outcome");
        Ok(ProtocolDraft {
            appeal_id,
            official_id: f.choice("official").parse().ok(),
            held_on: self.held_on,
            decision: f.text("decision"),
            outcome: (!outcome.is_empty()).then_some(outcome),
            instructions,
        })
    }

    /// Puts a message next to the executor of instruction row `i`.
    pub fn set_executor_error(&mut self, i: usize, msg: String) {
        if let Some(r) = ROWS.get(i) {
            self.form.set_error(r[1], msg);
        }
    }

    pub fn show_errors(&mut self, errors: &[FieldError], lang: Lang) {
        self.form.clear_errors();
        for e in errors {
            let id = match e.field {
                DField::Official => "official",
                DField::Decision => "decision",
                DField::Outcome => "outcome",
                DField::InstructionText(i) => ROWS[i.min(ROWS.len() - 1)][0],
                DField::Executor(i) => ROWS[i.min(ROWS.len() - 1)][1],
                DField::DueOn(i) => ROWS[i.min(ROWS.len() - 1)][2],
                _ => continue,
            };
            self.form.set_error(id, problem(lang, e.problem));
        }
        self.form.focus_first_error();
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let r = &mut app.reception;
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
                    .map(|d| d.format("%d.%m.%Y").to_string())
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
