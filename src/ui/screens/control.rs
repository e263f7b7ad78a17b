//! Instructions on control: executor, due date, days left or overdue, appeal,
//! official. Register the final reasoned answer (takes it off control) or give the
//! instruction to another executor (under the conflict rule).
use crate::domain::control::{classify, Urgency};
use crate::domain::text::display;
use crate::domain::Lang;
use crate::i18n::ui::Msg;
use crate::store::{ControlRow, Store, StoreError};
use crate::ui::app::App;
use crate::ui::widgets::form::{Field, Form};
use crate::ui::widgets::table;
use chrono::NaiveDate;
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

#[derive(Default)]
pub struct ControlView {
    pub rows: Vec<ControlRow>,
    pub state: TableState,
    pub form: Form,
    pub mode: FormMode,
    /// The instruction the form is for.
    pub instruction: Option<i64>,
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

    /// Opens the answer form for the selected instruction.
    pub fn open_answer(&mut self, today: NaiveDate) -> bool {
        let Some(id) = self.selected().map(|r| r.instruction.id) else {
            return false;
        };
        let mut f = Form::new(vec![
            Field::text("date", Msg::FieldAnsweredOn),
            Field::text("summary", Msg::FieldAnswerSummary),
            Field::text("doc_no", Msg::FieldAnswerDocNo),
        ]);
        f.set_text("date", &today.format("%d.%m.%Y").to_string());
        f.dirty = false;
        f.focus_on("summary");
        self.form = f;
        self.mode = FormMode::Answer;
        self.instruction = Some(id);
        true
    }

    /// Opens the reassignment form for the selected instruction.
    pub fn open_reassign(&mut self) -> bool {
        let Some(r) = self.selected() else {
            return false;
        };
        let id = r.instruction.id;
        let mut f = Form::new(vec![Field::text("executor", Msg::FieldExecutor)]);
        f.dirty = false;
        self.form = f;
        self.mode = FormMode::Reassign;
        self.instruction = Some(id);
        true
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

pub fn draw_list(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let today = app.now().date();
    let cal = &app.calendar;
    let v = &mut app.control;
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
            (n, Lang::Kk) if n < 0 => format!("{} күн өтті", -n),
            (n, Lang::Ru) if n < 0 => format!("просроч. {}", -n),
            (n, _) => format!("{n}"),
        };
        let mut cells = vec![
            i.due_on.format("%d.%m.%Y").to_string(),
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

pub fn draw_form(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let v = &mut app.control;
    let [head, body] = Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(area);
    let (title, what) = match (
        v.mode,
        v.rows
            .iter()
            .find(|r| Some(r.instruction.id) == v.instruction),
    ) {
        (FormMode::Answer, Some(r)) => (Msg::ControlAnswerTitle, r),
        (FormMode::Reassign, Some(r)) => (Msg::ControlReassignTitle, r),
        _ => return,
    };
    f.render_widget(
        Paragraph::new(format!(
            "{}  {}  {}\n{}",
            what.reg_no,
            display(&what.instruction.executor),
            what.instruction.due_on.format("%d.%m.%Y"),
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
