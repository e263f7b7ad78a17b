//! The satisfaction survey (001 §38): draw a random sample of applicants who got a
//! consultation or declined to register in the shown quarter, call them from the
//! list and record each result.
use crate::domain::survey::{CallResult, SampleSize};
use crate::domain::text::display;
use crate::i18n::ui::Msg;
use crate::store::{Store, StoreError, Survey, SurveyCall};
use crate::ui::app::App;
use crate::ui::widgets::form::{Field, Form};
use crate::ui::widgets::table;
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};
use ratatui::Frame;

/// What the form under the list does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormMode {
    #[default]
    Draw,
    Call,
}

#[derive(Default)]
pub struct SurveyView {
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub survey: Option<Survey>,
    pub calls: Vec<SurveyCall>,
    pub state: TableState,
    pub form: Form,
    pub mode: FormMode,
    pub call: Option<i64>,
}

/// Parses "10", "10%" into a sample size.
pub fn parse_size(s: &str) -> Option<SampleSize> {
    let s = s.trim();
    if let Some(p) = s.strip_suffix('%') {
        return p
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|p| (1..=100).contains(p))
            .map(SampleSize::Percent);
    }
    s.parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .map(SampleSize::Count)
}

impl SurveyView {
    /// The latest survey of the period and its call list.
    pub fn refresh(
        &mut self,
        store: &Store,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(), StoreError> {
        self.period = Some((from, to));
        self.survey = store
            .surveys()?
            .into_iter()
            .filter(|s| s.period_from == from && s.period_to == to)
            .max_by_key(|s| s.id);
        self.calls = match &self.survey {
            Some(s) => store.survey_calls(s.id)?,
            None => Vec::new(),
        };
        table::clamp(&mut self.state, self.calls.len());
        Ok(())
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.calls.len(), delta);
    }

    pub fn open_draw(&mut self) {
        let mut f = Form::new(vec![Field::text("size", Msg::FieldSampleSize)]);
        f.set_text("size", "10%");
        f.dirty = false;
        self.form = f;
        self.mode = FormMode::Draw;
    }

    /// Opens the result form of the selected call; false when there is none.
    pub fn open_call(&mut self) -> bool {
        let Some(c) = self.state.selected().and_then(|i| self.calls.get(i)) else {
            return false;
        };
        let scores = std::iter::once((String::new(), "—".to_string(), "—".to_string()))
            .chain((1..=5).map(|n| (n.to_string(), n.to_string(), n.to_string())))
            .collect();
        let mut f = Form::new(vec![
            Field::check("reached", Msg::FieldReached, true),
            Field::choice("score", Msg::FieldScore, scores),
            Field::text("comment", Msg::FieldComment),
        ]);
        if let Some(r) = &c.result {
            f.set_check("reached", r.reached);
            f.set_choice("score", &r.score.map(|s| s.to_string()).unwrap_or_default());
            f.set_text("comment", &r.comment);
        }
        f.dirty = false;
        self.call = Some(c.id);
        self.form = f;
        self.mode = FormMode::Call;
        true
    }

    /// The call result as typed.
    pub fn result(&self) -> CallResult {
        CallResult {
            reached: self.form.check("reached"),
            score: self.form.choice("score").parse().ok(),
            comment: self.form.text("comment"),
        }
    }
}

pub fn draw_list(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let v = &mut app.survey;
    let [head, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
    let (from, to) = v.period.unwrap_or_default();
    let info = match &v.survey {
        Some(s) => format!(
            "{} {} — {}: {} / {} ({}: {})",
            Msg::ScreenSurvey.text(lang),
            from.format("%d.%m.%Y"),
            to.format("%d.%m.%Y"),
            s.done,
            s.calls,
            Msg::Eligible.text(lang),
            s.eligible
        ),
        None => format!(
            "{} {} — {}: {}",
            Msg::ScreenSurvey.text(lang),
            from.format("%d.%m.%Y"),
            to.format("%d.%m.%Y"),
            Msg::NoSurvey.text(lang)
        ),
    };
    f.render_widget(
        Paragraph::new(info).style(Style::default().add_modifier(Modifier::BOLD)),
        head,
    );
    let rows = v.calls.iter().map(|c| {
        let result = match &c.result {
            Some(r) if r.reached => format!(
                "{} {}",
                Msg::Yes.text(lang),
                r.score.map(|s| s.to_string()).unwrap_or_default()
            ),
            Some(_) => Msg::No.text(lang).to_string(),
            None => String::new(),
        };
        Row::new(vec![
            c.position.to_string(),
            display(&c.applicant_name).into_owned(),
            c.phone.clone(),
            c.reg_no.clone(),
            result,
        ])
    });
    let t = Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Min(18),
            Constraint::Length(17),
            Constraint::Length(16),
            Constraint::Length(8),
        ],
    )
    .header(
        Row::new(vec![
            Msg::ColTicket.text(lang),
            Msg::ColName.text(lang),
            Msg::ColPhone.text(lang),
            Msg::ColRegNo.text(lang),
            Msg::FieldReached.text(lang),
        ])
        .style(Style::default().add_modifier(Modifier::UNDERLINED)),
    )
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
    .block(Block::default().borders(Borders::ALL));
    f.render_stateful_widget(t, list, &mut v.state);
}

pub fn draw_form(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let title = match app.survey.mode {
        FormMode::Draw => Msg::SurveyDrawTitle,
        FormMode::Call => Msg::SurveyCallTitle,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title.text(lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    app.survey.form.draw(f, inner, lang);
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        use super::*;
        assert_eq!(parse_size("10%"), Some(SampleSize::Percent(10)));
        assert_eq!(parse_size(" 25 "), Some(SampleSize::Count(25)));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("150%"), None);
        assert_eq!(parse_size("many"), None);
    }
}
