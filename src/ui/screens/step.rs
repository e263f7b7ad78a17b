//! A lifecycle step of an appeal: the facts it needs (dates, ground, official),
//! checked by `domain::lifecycle` before anything is stored.
use crate::domain::calendar::Calendar;
use crate::domain::deadlines;
use crate::domain::lifecycle::{Facts, Step, Transition};
use crate::domain::profile::Profile;
use crate::domain::{Appeal, Lang, Official};
use crate::i18n::ui::Msg;
use crate::services::ServiceError;

use crate::domain::dates::parse_date;
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use chrono::{NaiveDate, NaiveTime};
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// The fields of a step form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepField {
    Date,
    Ground,
    Time,
    Official,
    /// The applicant agreed to a video reception (001 §13).
    Video,
    NewDue,
    Notified,
    /// Where a redirected appeal was sent.
    To,
}

/// The Schedule step's fields: the reception date (the proposed one when still
/// ahead), the time and the official.
fn schedule_fields(
    fields: &mut Vec<Field<StepField>>,
    facts: &Facts,
    today: NaiveDate,
    officials: &[Official],
) {
    fields.push(date_field(
        StepField::Date,
        Msg::FieldReceptionDate,
        facts.reception.filter(|d| *d >= today).unwrap_or(today),
    ));
    // Empty: the next free slot of the official's session that day (the hint
    // under the form lists them); a time is typed only to choose one.
    fields.push(Field::text(StepField::Time, Msg::FieldTime));
    fields.push(Field::choice(
        StepField::Official,
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
    fields.push(Field::check(
        StepField::Video,
        Msg::FieldVideoConsent,
        false,
    ));
}

#[derive(Default)]
pub struct StepForm {
    pub step: Option<Step>,
    pub appeal: Option<Appeal>,
    pub form: Form<StepField>,
}

fn date_field(id: StepField, label: Msg, value: NaiveDate) -> Field<StepField> {
    let mut f = Field::text(id, label);
    let v = crate::domain::dates::format_date(value);
    f.value = crate::ui::widgets::form::Value::Text {
        cursor: v.chars().count(),
        value: v,
    };
    f
}

impl StepForm {
    /// The form for `step`, with proposed dates from the profile and calendar.
    #[allow(clippy::too_many_arguments)]
    pub fn fill(
        &mut self,
        step: Step,
        appeal: Appeal,
        facts: &Facts,
        today: NaiveDate,
        profile: &Profile,
        calendar: &Calendar,
        officials: &[Official],
    ) {
        // Proposed by the profile's deadline (the domain's one rule); today when the
        // profile has none, for the clerk to type.
        let wd = |code: &str| deadlines::due(profile, code, today, calendar).unwrap_or(today);
        let mut fields = Vec::new();
        match step {
            Step::RequestFix => fields.push(date_field(
                StepField::Date,
                Msg::FieldFixBy,
                wd("fix_period"),
            )),
            Step::ScreenOut => {
                fields.push(Field::choice(
                    StepField::Ground,
                    Msg::FieldGround,
                    profile
                        .screening_grounds
                        .iter()
                        .map(|g| (g.code.clone(), g.kk.clone(), g.ru.clone()))
                        .collect(),
                ));
                fields.push(date_field(StepField::Date, Msg::FieldHearingSent, today));
            }
            Step::Refuse => fields.push(date_field(StepField::Date, Msg::FieldDecidedOn, today)),
            Step::ProposeDate => fields.push(date_field(
                StepField::Date,
                Msg::FieldReceptionDate,
                wd("reference_note_before"),
            )),
            Step::Schedule => schedule_fields(&mut fields, facts, today, officials),
            Step::Notify => fields.push(date_field(StepField::Date, Msg::FieldNotifiedOn, today)),
            Step::Answer => fields.push(date_field(StepField::Date, Msg::FieldAnsweredOn, today)),
            Step::Redirect => {
                fields.push(date_field(StepField::Date, Msg::FieldSentOn, today));
                fields.push(Field::text(StepField::To, Msg::FieldRedirectTo));
            }
            Step::NotifyInclusion => {
                fields.push(date_field(StepField::Date, Msg::FieldNotifiedOn, today))
            }
            Step::Extend => {
                fields.push(date_field(StepField::Date, Msg::FieldLetterOn, today));
                let max = profile
                    .deadline("extension_complex")
                    .map(|d| deadlines::due_date(d, appeal.registered_on, calendar))
                    .unwrap_or(today);
                fields.push(date_field(StepField::NewDue, Msg::FieldNewDue, max));
            }
            Step::ExtendFurther => {
                fields.push(date_field(StepField::Date, Msg::FieldDecidedOn, today));
                let from = facts.extended_to.unwrap_or(today);
                let max = profile
                    .deadline("extension_further")
                    .map(|d| deadlines::due_date(d, from, calendar))
                    .unwrap_or(from);
                fields.push(date_field(StepField::NewDue, Msg::FieldNewDue, max));
                fields.push(date_field(StepField::Notified, Msg::FieldNotifiedOn, today));
            }
            _ => {}
        }
        if let Some(id) = appeal.requested_official {
            let mut f = Form::new(fields);
            f.set_choice(StepField::Official, &id.to_string());
            self.form = f;
        } else {
            self.form = Form::new(fields);
        }
        self.step = Some(step);
        self.appeal = Some(appeal);
    }

    /// The step as typed; `Err` lists fields that are not valid dates or times.
    pub fn transition(&self) -> Result<Transition, Vec<StepField>> {
        let f = &self.form;
        let mut bad = Vec::new();
        let mut date = |id: StepField| {
            let v = parse_date(&f.text(id));
            if v.is_none() {
                bad.push(id);
            }
            v.unwrap_or_default()
        };
        let step = self.step.unwrap_or(Step::Close);
        let t = match step {
            Step::RequestFix => Transition::RequestFix {
                fix_by: date(StepField::Date),
            },
            Step::Fixed => Transition::Fixed,
            Step::Return => Transition::Return,
            Step::StartReview => Transition::StartReview,
            Step::ScreenOut => Transition::ScreenOut {
                ground: f.choice(StepField::Ground),
                hearing_sent_on: date(StepField::Date),
            },
            Step::Refuse => Transition::Refuse {
                decided_on: date(StepField::Date),
            },
            Step::ProposeDate => Transition::ProposeDate {
                date: date(StepField::Date),
            },
            Step::Schedule => {
                let d = date(StepField::Date);
                let time = NaiveTime::parse_from_str(f.text(StepField::Time).trim(), "%H:%M");
                if time.is_err() {
                    bad.push(StepField::Time);
                }
                let official_id = f.choice(StepField::Official).parse().unwrap_or(0);
                if official_id == 0 {
                    bad.push(StepField::Official);
                }
                Transition::Schedule {
                    date: d,
                    time: time.unwrap_or_default(),
                    official_id,
                }
            }
            Step::Notify => Transition::Notify {
                on: date(StepField::Date),
            },
            Step::Receive => Transition::Receive,
            Step::PutOnControl => Transition::PutOnControl,
            Step::Answer => Transition::Answer {
                on: date(StepField::Date),
            },
            Step::Close => Transition::Close,
            Step::Extend => Transition::Extend {
                letter_on: date(StepField::Date),
                new_due: date(StepField::NewDue),
            },
            Step::ExtendFurther => Transition::ExtendFurther {
                decided_on: date(StepField::Date),
                new_due: date(StepField::NewDue),
                notified_on: date(StepField::Notified),
            },
            Step::Redirect => Transition::Redirect {
                sent_on: date(StepField::Date),
                to: f.text(StepField::To),
            },
            Step::NotifyInclusion => Transition::NotifyInclusion {
                on: date(StepField::Date),
            },
            Step::Withdraw => Transition::Withdraw,
        };
        if bad.is_empty() {
            Ok(t)
        } else {
            Err(bad)
        }
    }
}

fn draw(s: &StepForm, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang: Lang = ctx.lang();
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
    // Redirect by competence: the regulation's deadline for it.
    let due = match (s.step, s.appeal.as_ref()) {
        (Some(Step::Redirect), Some(a)) => crate::domain::deadlines::due(
            &ctx.office.profile,
            "redirect_competence",
            a.registered_on,
            &ctx.office.calendar,
        )
        .map(|d| {
            format!(
                "  {} {}",
                Msg::RedirectDueBy.text(lang),
                crate::domain::dates::format_date(d)
            )
        })
        .unwrap_or_default(),
        _ => String::new(),
    };
    f.render_widget(
        Paragraph::new(format!("{reg}: {title}{due}"))
            .style(Style::default().add_modifier(Modifier::BOLD))
            .block(Block::default().borders(Borders::ALL)),
        head,
    );
    if s.step == Some(Step::Schedule) {
        let [form, hint] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(body);
        s.form.draw(f, form, lang);
        f.render_widget(
            Paragraph::new(sessions_hint(s, ctx))
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP)),
            hint,
        );
    } else {
        s.form.draw(f, body, lang);
    }
}

/// The chosen official's sessions on the chosen day with their free slots.
fn sessions_hint(s: &StepForm, ctx: &Ctx) -> String {
    let f = &s.form;
    let (Some(day), Ok(official)) = (
        parse_date(f.text(StepField::Date).trim()),
        f.choice(StepField::Official).parse::<i64>(),
    ) else {
        return String::new();
    };
    let sessions = ctx
        .store
        .sessions_of_official_on(official, day)
        .unwrap_or_default();
    if sessions.is_empty() {
        return ctx.t(Msg::NoSessionThatDay).to_string();
    }
    let lang = ctx.lang();
    let parts: Vec<String> = sessions
        .iter()
        .map(|x| {
            let free: Vec<String> = ctx
                .store
                .open_slots(x.id, ctx.now())
                .unwrap_or_default()
                .iter()
                .map(|t| t.format("%H:%M").to_string())
                .collect();
            format!(
                "{}-{} {} ({}): {} {}",
                x.start.format("%H:%M"),
                x.end.format("%H:%M"),
                crate::domain::text::display(&x.place),
                crate::i18n::schedule::format_label(lang, x.format),
                ctx.t(Msg::FreeSlots),
                if free.is_empty() {
                    "—".to_string()
                } else {
                    free.join(" ")
                }
            )
        })
        .collect();
    format!("{} {}", ctx.t(Msg::SessionsThatDay), parts.join("; "))
}

/// Takes a step on the appeal as the card showed it (the lifecycle service checks it
/// against the regulation and the status stored at that moment); whether it was
/// taken (else the reason is on the status line).
pub fn apply_step(ctx: &mut Ctx, appeal: &Appeal, t: &Transition) -> Result<bool, ServiceError> {
    let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
    let done = crate::services::lifecycle::step(
        &mut ctx.store,
        &ctx.office,
        &actor,
        now,
        appeal.id,
        appeal.version,
        t,
    );
    match done {
        Ok(_) => {
            ctx.changes.today = true;
            let label = crate::i18n::rules::step(ctx.lang(), t.step());
            ctx.info(format!("{} {label}", ctx.t(Msg::StepDone)));
            Ok(true)
        }
        Err(e @ (ServiceError::Step(_) | ServiceError::Conflict)) => {
            ctx.service_error(&e);
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

impl StepForm {
    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(appeal) = self.appeal.clone() else {
            return Ok(Outcome::Stay);
        };
        if self.step == Some(Step::Schedule) {
            if let Some(out) = self.book_into_session(ctx, &appeal)? {
                return Ok(out);
            }
        }
        match self.transition() {
            Ok(t) => {
                if !apply_step(ctx, &appeal, &t)? {
                    return Ok(Outcome::Stay);
                }
                *self = StepForm::default();
                Ok(Outcome::Open(Open::Card(appeal.id)))
            }
            Err(bad) => {
                self.form.clear_errors();
                for id in bad {
                    let m = match id {
                        StepField::Time => Msg::ErrTime,
                        StepField::Official => Msg::ErrRequired,
                        _ => Msg::ErrDate,
                    };
                    self.form.set_error(id, ctx.t(m).to_string());
                }
                self.form.focus_first_error();
                ctx.error(ctx.t(Msg::FormHasErrors));
                Ok(Outcome::Stay)
            }
        }
    }
}

impl StepForm {
    /// The Schedule step when the official has reception sessions that day: books
    /// into the session holding the typed time, or the next free slot when the
    /// time is empty (a clash or a full session is refused, the input kept).
    /// `None`: no session that day, the plain step applies.
    fn book_into_session(
        &mut self,
        ctx: &mut Ctx,
        appeal: &Appeal,
    ) -> Result<Option<Outcome>, ServiceError> {
        let f = &self.form;
        let (Some(day), Ok(official)) = (
            parse_date(f.text(StepField::Date).trim()),
            f.choice(StepField::Official).parse::<i64>(),
        ) else {
            return Ok(None);
        };
        let typed = f.text(StepField::Time);
        let time = match typed.trim() {
            "" => None,
            t => match crate::domain::schedule::parse_hhmm(t) {
                Some(t) => Some(t),
                None => return Ok(None),
            },
        };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let sessions = ctx.store.sessions_of_official_on(official, day)?;
        // A typed time picks the session holding it; none picks the first session
        // with a slot still to come.
        let has_room = |s: &&crate::domain::schedule::Session| {
            ctx.store.open_slots(s.id, now).is_ok_and(|v| !v.is_empty())
        };
        let Some(session) = sessions
            .iter()
            .find(|s| match time {
                Some(t) => s.contains(t),
                None => has_room(s),
            })
            .or(sessions.first())
        else {
            return Ok(None);
        };
        let video = f.check(StepField::Video);
        let done = crate::services::schedule::book(
            &mut ctx.store,
            &ctx.office,
            &actor,
            now,
            appeal.id,
            appeal.version,
            session.id,
            time,
            video,
        );
        match done {
            Ok(b) => {
                ctx.changes.today = true;
                let label = crate::i18n::rules::step(ctx.lang(), Step::Schedule);
                let at = b.time.format("%H:%M");
                ctx.info(format!("{} {label} {at}", ctx.t(Msg::StepDone)));
                *self = StepForm::default();
                Ok(Some(Outcome::Open(Open::Card(appeal.id))))
            }
            Err(
                e @ (ServiceError::Schedule(_) | ServiceError::Step(_) | ServiceError::Conflict),
            ) => {
                ctx.service_error(&e);
                Ok(Some(Outcome::Stay))
            }
            Err(e) => Err(e),
        }
    }
}

impl Screen for StepForm {
    fn id(&self) -> ScreenId {
        ScreenId::Step
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
        draw(self, f, area, ctx)
    }

    fn back(&self) -> Outcome {
        Outcome::Show(ScreenId::Card)
    }

    fn open(&mut self, what: Open, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::Step(step, appeal) = what else {
            return Ok(false);
        };
        let facts = Facts::from_steps(&ctx.store.steps_of(appeal.id)?);
        let today = ctx.today();
        let o = &ctx.office;
        self.fill(
            step,
            *appeal,
            &facts,
            today,
            &o.profile,
            &o.calendar,
            &ctx.officials,
        );
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
