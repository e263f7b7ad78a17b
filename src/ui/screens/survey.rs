//! The satisfaction survey (001 §38): draw a random sample of applicants who got a
//! consultation or declined to register in the shown quarter, call them from the
//! list and record each result.
use crate::domain::permissions::Permission;
use crate::domain::survey::{CallResult, SampleSize};
use crate::domain::text::display;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::{Store, StoreError, Survey, SurveyCall};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{move_delta, Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crate::ui::widgets::table;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
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

/// The survey of a period and its call list.
#[derive(Default)]
pub struct SurveyView {
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub survey: Option<Survey>,
    pub calls: Vec<SurveyCall>,
    pub state: TableState,
}

/// What the survey form is opened for.
#[derive(Clone, Debug, PartialEq)]
pub enum FormRequest {
    /// Draw a sample of the period.
    Draw(NaiveDate, NaiveDate),
    /// Record the result of a call of the period.
    Call(Box<SurveyCall>, NaiveDate, NaiveDate),
}

/// The fields of the survey form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurveyField {
    Size,
    Reached,
    Score,
    Comment,
}

/// The form to draw a sample or record a call.
#[derive(Default)]
pub struct SurveyForm {
    pub form: Form<SurveyField>,
    pub mode: FormMode,
    pub call: Option<i64>,
    pub period: Option<(NaiveDate, NaiveDate)>,
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

    /// Opens the result form of the selected call.
    fn open_call(&self) -> Outcome {
        let call = self.state.selected().and_then(|i| self.calls.get(i));
        match (call, self.period) {
            (Some(c), Some((from, to))) => Outcome::Open(Open::SurveyForm(FormRequest::Call(
                Box::new(c.clone()),
                from,
                to,
            ))),
            _ => Outcome::Stay,
        }
    }
}

impl SurveyForm {
    pub fn fill(&mut self, req: FormRequest) {
        match req {
            FormRequest::Draw(from, to) => {
                let mut f = Form::new(vec![Field::text(SurveyField::Size, Msg::FieldSampleSize)]);
                f.set_text(SurveyField::Size, "10%");
                f.dirty = false;
                self.form = f;
                self.mode = FormMode::Draw;
                self.period = Some((from, to));
            }
            FormRequest::Call(c, from, to) => self.fill_call(&c, from, to),
        }
    }

    fn fill_call(&mut self, c: &SurveyCall, from: NaiveDate, to: NaiveDate) {
        let scores = std::iter::once((String::new(), "—".to_string(), "—".to_string()))
            .chain((1..=5).map(|n| (n.to_string(), n.to_string(), n.to_string())))
            .collect();
        let mut f = Form::new(vec![
            Field::check(SurveyField::Reached, Msg::FieldReached, true),
            Field::choice(SurveyField::Score, Msg::FieldScore, scores),
            Field::text(SurveyField::Comment, Msg::FieldComment),
        ]);
        if let Some(r) = &c.result {
            f.set_check(SurveyField::Reached, r.reached);
            f.set_choice(
                SurveyField::Score,
                &r.score.map(|s| s.to_string()).unwrap_or_default(),
            );
            f.set_text(SurveyField::Comment, &r.comment);
        }
        f.dirty = false;
        self.call = Some(c.id);
        self.form = f;
        self.mode = FormMode::Call;
        self.period = Some((from, to));
    }

    /// The call result as typed.
    pub fn result(&self) -> CallResult {
        CallResult {
            reached: self.form.check(SurveyField::Reached),
            score: self.form.choice(SurveyField::Score).parse().ok(),
            comment: self.form.text(SurveyField::Comment),
        }
    }
}

fn draw_list(v: &mut SurveyView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let [head, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
    let (from, to) = v.period.unwrap_or_default();
    let info = match &v.survey {
        Some(s) => format!(
            "{} {} — {}: {} / {} ({}: {})",
            Msg::ScreenSurvey.text(lang),
            crate::domain::dates::format_date(from),
            crate::domain::dates::format_date(to),
            s.done,
            s.calls,
            Msg::Eligible.text(lang),
            s.eligible
        ),
        None => format!(
            "{} {} — {}: {}",
            Msg::ScreenSurvey.text(lang),
            crate::domain::dates::format_date(from),
            crate::domain::dates::format_date(to),
            Msg::NoSurvey.text(lang)
        ),
    };
    f.render_widget(
        Paragraph::new(info).style(Style::default().add_modifier(Modifier::BOLD)),
        head,
    );
    let widths = [
        Constraint::Length(4),
        Constraint::Min(18),
        Constraint::Length(17),
        Constraint::Length(16),
        Constraint::Length(8),
    ];
    // A cell cut at its column's display width ends with "…".
    let cols = crate::ui::widgets::table::column_widths(&widths, list.width.saturating_sub(2));
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
        Row::new(crate::ui::widgets::table::cut_cells(
            &[
                c.position.to_string(),
                display(&c.applicant_name).into_owned(),
                c.phone.clone(),
                c.reg_no.clone(),
                result,
            ],
            &cols,
        ))
    });
    let t = Table::new(rows, widths)
        .header(crate::ui::widgets::table::header_row(
            &[
                Msg::ColTicket.text(lang),
                Msg::ColName.text(lang),
                Msg::ColPhone.text(lang),
                Msg::ColRegNo.text(lang),
                Msg::FieldReached.text(lang),
            ],
            &cols,
        ))
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
        .block(Block::default().borders(Borders::ALL));
    f.render_stateful_widget(t, list, &mut v.state);
}

fn draw_form(v: &SurveyForm, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let title = match v.mode {
        FormMode::Draw => Msg::SurveyDrawTitle,
        FormMode::Call => Msg::SurveyCallTitle,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title.text(lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    v.form.draw(f, inner, lang);
}

impl SurveyView {
    /// Writes the call list as HTML, PDF and XLSX (printing is logged).
    fn print_call_list(&self, ctx: &mut Ctx) {
        let Some(survey) = self.survey.clone() else {
            ctx.info(ctx.t(Msg::NoSurvey));
            return;
        };
        let doc = crate::docs::survey::document(&survey, &self.calls, &ctx.office_names());
        let base = format!("survey-calls-{}-{}", survey.period_from, survey.period_to);
        if ctx.write_document_set(&base, &doc) {
            ctx.log_print(crate::store::Access::Print, "survey", Some(survey.id));
        }
    }
}

impl Screen for SurveyView {
    fn id(&self) -> ScreenId {
        ScreenId::Survey
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(d) = move_delta(&action) {
            self.step(d);
            return Ok(Outcome::Stay);
        }
        Ok(match action {
            Action::DrawSurvey => match self.period {
                Some((from, to)) => Outcome::Open(Open::SurveyForm(FormRequest::Draw(from, to))),
                None => Outcome::Stay,
            },
            Action::RecordCall => self.open_call(),
            Action::PrintCallList => {
                self.print_call_list(ctx);
                Outcome::Stay
            }
            other => Outcome::Pass(other),
        })
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_list(self, f, area, ctx)
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Reports)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        matches!(action, Action::DrawSurvey | Action::RecordCall)
            .then_some(Permission::ManageControl)
    }

    fn open(&mut self, what: Open, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::Survey(from, to) = what else {
            return Ok(false);
        };
        self.refresh(&ctx.store, from, to)?;
        Ok(true)
    }
}

impl SurveyForm {
    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        use crate::services::survey;
        let Some((from, to)) = self.period else {
            return Ok(Outcome::Stay);
        };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let result = match self.mode {
            FormMode::Draw => {
                let Some(size) = parse_size(&self.form.text(SurveyField::Size)) else {
                    self.form
                        .set_error(SurveyField::Size, ctx.t(Msg::ErrSampleSize).into());
                    ctx.error(ctx.t(Msg::FormHasErrors));
                    return Ok(Outcome::Stay);
                };
                survey::draw(&mut ctx.store, &actor, now, from, to, size).map(|_| ())
            }
            FormMode::Call => {
                let Some(id) = self.call else {
                    return Ok(Outcome::Stay);
                };
                survey::record_call(&mut ctx.store, &actor, now, id, &self.result())
            }
        };
        match result {
            Ok(()) => {
                self.form.dirty = false;
                ctx.info(ctx.t(Msg::Saved));
                return Ok(Outcome::Open(Open::Survey(from, to)));
            }
            Err(ServiceError::NobodyEligible) => ctx.error(ctx.t(Msg::ErrNobodyEligible)),
            Err(ServiceError::Call(_)) => {
                self.form
                    .set_error(SurveyField::Score, ctx.t(Msg::ErrScoreWithoutReach).into());
                ctx.error(ctx.t(Msg::FormHasErrors));
            }
            Err(e) => return Err(e),
        }
        Ok(Outcome::Stay)
    }
}

impl Screen for SurveyForm {
    fn id(&self) -> ScreenId {
        ScreenId::SurveyForm
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

    fn back(&self) -> Outcome {
        Outcome::Show(ScreenId::Survey)
    }

    fn open(&mut self, what: Open, _from: ScreenId, _ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::SurveyForm(req) = what else {
            return Ok(false);
        };
        self.fill(req);
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
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
