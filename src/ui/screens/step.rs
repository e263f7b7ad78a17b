//! A lifecycle step of an appeal: the facts it needs (dates, ground, official),
//! checked by `domain::lifecycle` before anything is stored.
use crate::domain::calendar::Calendar;
use crate::domain::deadlines;
use crate::domain::lifecycle::{Facts, Step, Transition};
use crate::domain::profile::Profile;
use crate::domain::{Appeal, Lang, Official};
use crate::i18n::ui::Msg;
use crate::ui::app::App;
use crate::ui::screens::reception::parse_date;
use crate::ui::widgets::form::{Field, FieldId, Form};
use chrono::{NaiveDate, NaiveTime};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

#[derive(Default)]
pub struct StepForm {
    pub step: Option<Step>,
    pub appeal: Option<Appeal>,
    pub form: Form,
}

fn date_field(id: FieldId, label: Msg, value: NaiveDate) -> Field {
    let mut f = Field::text(id, label);
    let v = value.format("%d.%m.%Y").to_string();
    f.value = crate::ui::widgets::form::Value::Text {
        cursor: v.chars().count(),
        value: v,
    };
    f
}

impl StepForm {
    /// Whether a step needs facts typed in (otherwise a confirmation is enough).
    pub fn needs_form(step: Step) -> bool {
        !matches!(
            step,
            Step::Fixed
                | Step::Return
                | Step::StartReview
                | Step::Receive
                | Step::PutOnControl
                | Step::Close
                | Step::Withdraw
        )
    }

    /// The form for `step`, with proposed dates from the profile and calendar.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        &mut self,
        step: Step,
        appeal: Appeal,
        facts: &Facts,
        today: NaiveDate,
        profile: &Profile,
        calendar: &Calendar,
        officials: &[Official],
    ) {
        let wd = |code: &str, n: u32| {
            calendar.add_working_days(today, profile.deadline(code).map(|d| d.amount).unwrap_or(n))
        };
        let mut fields = Vec::new();
        match step {
            Step::RequestFix => {
                fields.push(date_field("date", Msg::FieldFixBy, wd("fix_period", 5)))
            }
            Step::ScreenOut => {
                fields.push(Field::choice(
                    "ground",
                    Msg::FieldGround,
                    profile
                        .screening_grounds
                        .iter()
                        .map(|g| (g.code.clone(), g.kk.clone(), g.ru.clone()))
                        .collect(),
                ));
                fields.push(date_field("date", Msg::FieldHearingSent, today));
            }
            Step::Refuse => fields.push(date_field("date", Msg::FieldDecidedOn, today)),
            Step::ProposeDate => fields.push(date_field(
                "date",
                Msg::FieldReceptionDate,
                wd("reference_note_before", 5),
            )),
            Step::Schedule => {
                fields.push(date_field(
                    "date",
                    Msg::FieldReceptionDate,
                    facts.reception.filter(|d| *d >= today).unwrap_or(today),
                ));
                let mut t = Field::text("time", Msg::FieldTime);
                t.value = crate::ui::widgets::form::Value::Text {
                    value: "10:00".into(),
                    cursor: 5,
                };
                fields.push(t);
                fields.push(Field::choice(
                    "official",
                    Msg::FieldOfficial,
                    officials
                        .iter()
                        .map(|o| {
                            (
                                o.id.to_string(),
                                format!("{} — {}", o.full_name(), o.position_kk),
                                format!("{} — {}", o.full_name(), o.position_ru),
                            )
                        })
                        .collect(),
                ));
            }
            Step::Notify => fields.push(date_field("date", Msg::FieldNotifiedOn, today)),
            Step::Answer => fields.push(date_field("date", Msg::FieldAnsweredOn, today)),
            Step::Redirect => {
                fields.push(date_field("date", Msg::FieldSentOn, today));
                fields.push(Field::text("to", Msg::FieldRedirectTo));
            }
            Step::NotifyInclusion => fields.push(date_field("date", Msg::FieldNotifiedOn, today)),
            Step::Extend => {
                fields.push(date_field("date", Msg::FieldLetterOn, today));
                let max = profile
                    .deadline("extension_complex")
                    .map(|d| deadlines::due_date(d, appeal.registered_on, calendar))
                    .unwrap_or(today);
                fields.push(date_field("new_due", Msg::FieldNewDue, max));
            }
            Step::ExtendFurther => {
                fields.push(date_field("date", Msg::FieldDecidedOn, today));
                let from = facts.extended_to.unwrap_or(today);
                let max = profile
                    .deadline("extension_further")
                    .map(|d| deadlines::due_date(d, from, calendar))
                    .unwrap_or(from);
                fields.push(date_field("new_due", Msg::FieldNewDue, max));
                fields.push(date_field("notified", Msg::FieldNotifiedOn, today));
            }
            _ => {}
        }
        if let Some(id) = appeal.requested_official {
            let mut f = Form::new(fields);
            f.set_choice("official", &id.to_string());
            self.form = f;
        } else {
            self.form = Form::new(fields);
        }
        self.step = Some(step);
        self.appeal = Some(appeal);
    }

    /// The step as typed; `Err` lists fields that are not valid dates or times.
    pub fn transition(&self) -> Result<Transition, Vec<FieldId>> {
        let f = &self.form;
        let mut bad = Vec::new();
        let mut date = |id: FieldId| {
            let v = parse_date(&f.text(id));
            if v.is_none() {
                bad.push(id);
            }
            v.unwrap_or_default()
        };
        let step = self.step.unwrap_or(Step::Close);
        let t = match step {
            Step::RequestFix => Transition::RequestFix {
                fix_by: date("date"),
            },
            Step::Fixed => Transition::Fixed,
            Step::Return => Transition::Return,
            Step::StartReview => Transition::StartReview,
            Step::ScreenOut => Transition::ScreenOut {
                ground: f.choice("ground"),
                hearing_sent_on: date("date"),
            },
            Step::Refuse => Transition::Refuse {
                decided_on: date("date"),
            },
            Step::ProposeDate => Transition::ProposeDate { date: date("date") },
            Step::Schedule => {
                let d = date("date");
                let time = NaiveTime::parse_from_str(f.text("time").trim(), "%H:%M");
                if time.is_err() {
                    bad.push("time");
                }
                let official_id = f.choice("official").parse().unwrap_or(0);
                if official_id == 0 {
                    bad.push("official");
                }
                Transition::Schedule {
                    date: d,
                    time: time.unwrap_or_default(),
                    official_id,
                }
            }
            Step::Notify => Transition::Notify { on: date("date") },
            Step::Receive => Transition::Receive,
            Step::PutOnControl => Transition::PutOnControl,
            Step::Answer => Transition::Answer { on: date("date") },
            Step::Close => Transition::Close,
            Step::Extend => Transition::Extend {
                letter_on: date("date"),
                new_due: date("new_due"),
            },
            Step::ExtendFurther => Transition::ExtendFurther {
                decided_on: date("date"),
                new_due: date("new_due"),
                notified_on: date("notified"),
            },
            Step::Redirect => Transition::Redirect {
                sent_on: date("date"),
                to: f.text("to"),
            },
            Step::NotifyInclusion => Transition::NotifyInclusion { on: date("date") },
            Step::Withdraw => Transition::Withdraw,
        };
        if bad.is_empty() {
            Ok(t)
        } else {
            Err(bad)
        }
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &mut App) {
    let lang: Lang = app.lang;
    let s = &mut app.step_form;
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    let title = s
        .step
        .map(|st| crate::i18n::rules::step(lang, st))
        .unwrap_or_default();
    let reg = s
        .appeal
        .as_ref()
        .map(|a| a.reg_no.clone())
        .unwrap_or_default();
    f.render_widget(
        Paragraph::new(format!("{reg}: {title}"))
            .style(Style::default().add_modifier(Modifier::BOLD))
            .block(Block::default().borders(Borders::ALL)),
        head,
    );
    s.form.draw(f, body, lang);
}
