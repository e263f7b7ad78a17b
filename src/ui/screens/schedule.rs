//! The reception schedule (issue 15): a month of sessions with its warnings, the
//! officials' rules, generating the month, adding and cancelling sessions, marking
//! an official absent, the poster; Enter opens the applicants booked into a
//! session (move a booking, record the call, check in on arrival).
use crate::domain::dates::{format_date, parse_date};
use crate::domain::permissions::Permission;
use crate::domain::schedule::{
    parse_hhmm, weekday_from_number, Recurrence, Rule, SessionDraft, SessionFormat, SessionOrigin,
};
use crate::domain::text::display;
use crate::domain::Lang;
use crate::i18n::schedule as i18s;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::{BookingRow, SessionRow};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::keymap;
use crate::ui::popup::Popup;
use crate::ui::screen::{move_delta, Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form, Value};
use crate::ui::widgets::table;
use chrono::{Datelike, Duration, NaiveDate};
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

/// The fields of the schedule's forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SF {
    Official,
    Day,
    Start,
    End,
    Place,
    Format,
    Slot,
    Origin,
    InstrNo,
    InstrDate,
    Kind,
    Weekday,
    Nth,
    From,
    To,
    Reason,
    ToldOn,
    Target,
    Time,
    Video,
    Reached,
    Note,
    Body,
    Person,
    Whole,
    InvitedOn,
    RefusedOn,
}

/// Which form is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    AddSession,
    AddRule,
    Absent,
    Move(i64),
    Call(i64),
    Invite,
    Refused(i64),
}

/// The schedule screen: the month, or one session's applicants; a form over either.
#[derive(Default)]
pub struct ScheduleView {
    pub year: i32,
    pub month: u32,
    /// Only this official's sessions (from F8 `g`).
    pub official: Option<i64>,
    pub rows: Vec<SessionRow>,
    pub warnings: Vec<String>,
    /// What the last action reported (generation, absence, cancellation).
    pub notes: Vec<String>,
    pub state: TableState,
    /// The rules list instead of the sessions.
    pub show_rules: bool,
    pub rules: Vec<Rule>,
    /// The open session's applicants (Enter on a session).
    pub session: Option<SessionRow>,
    pub bookings: Vec<BookingRow>,
    pub bstate: TableState,
    /// The open session's invited bodies; Tab moves the selection to them.
    pub participants: Vec<crate::store::Participant>,
    pub pstate: TableState,
    pub on_participants: bool,
    pub form: Option<(FormKind, Form<SF>)>,
}

fn official_options(ctx: &Ctx) -> Vec<(String, String, String)> {
    ctx.officials
        .iter()
        .map(|o| {
            let n = o.full_name();
            (o.id.to_string(), n.clone(), n)
        })
        .collect()
}

fn format_options() -> Vec<(String, String, String)> {
    [
        SessionFormat::InPerson,
        SessionFormat::Video,
        SessionFormat::Field,
    ]
    .iter()
    .map(|f| {
        (
            f.code().to_string(),
            i18s::format_label(Lang::Kk, *f).to_string(),
            i18s::format_label(Lang::Ru, *f).to_string(),
        )
    })
    .collect()
}

fn text_field(id: SF, label: Msg, v: &str) -> Field<SF> {
    let mut f = Field::text(id, label);
    f.value = Value::Text {
        value: v.to_string(),
        cursor: v.chars().count(),
    };
    f
}

fn session_text(lang: Lang, r: &SessionRow) -> String {
    format!(
        "{} {}-{} {} ({})",
        i18s::day_label(lang, r.session.day),
        r.session.start.format("%H:%M"),
        r.session.end.format("%H:%M"),
        display(&r.official_name),
        r.booked
    )
}

impl ScheduleView {
    fn shown_month(&mut self, ctx: &Ctx) {
        if self.year == 0 {
            let t = ctx.today();
            self.year = t.year();
            self.month = t.month();
        }
    }

    /// Reads the month (and the open session) again.
    pub fn refresh(&mut self, ctx: &Ctx) -> Result<(), ServiceError> {
        self.shown_month(ctx);
        let mut rows = ctx.store.sessions_of_month(self.year, self.month)?;
        if let Some(o) = self.official {
            rows.retain(|r| r.session.official_id == o);
        }
        self.rows = rows;
        table::clamp(&mut self.state, self.rows.len());
        let lang = ctx.lang();
        let name = |id: i64| {
            ctx.officials
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.full_name())
                .unwrap_or_else(|| id.to_string())
        };
        self.warnings = ctx
            .store
            .schedule_warnings(self.year, self.month, &ctx.office.calendar)?
            .iter()
            .map(|w| i18s::warning(lang, w, &name))
            .collect();
        self.rules = ctx.store.rules(self.official)?;
        if let Some(s) = &self.session {
            let id = s.session.id;
            let day = s.session.day;
            self.session = ctx
                .store
                .sessions_between(day, day)?
                .into_iter()
                .find(|r| r.session.id == id);
            self.bookings = ctx.store.session_bookings(id)?;
            table::clamp(&mut self.bstate, self.bookings.len());
            self.participants = ctx.store.participants_of(id)?;
            table::clamp(&mut self.pstate, self.participants.len());
        }
        Ok(())
    }

    fn selected(&self) -> Option<&SessionRow> {
        self.state.selected().and_then(|i| self.rows.get(i))
    }

    fn selected_booking(&self) -> Option<&BookingRow> {
        self.bstate.selected().and_then(|i| self.bookings.get(i))
    }

    fn shift_month(&mut self, delta: i32, ctx: &Ctx) -> Result<(), ServiceError> {
        let m = self.year * 12 + self.month as i32 - 1 + delta;
        self.year = m.div_euclid(12);
        self.month = m.rem_euclid(12) as u32 + 1;
        self.notes.clear();
        self.refresh(ctx)
    }

    fn default_official(&self, ctx: &Ctx) -> String {
        self.official
            .or_else(|| self.selected().map(|r| r.session.official_id))
            .or_else(|| ctx.officials.first().map(|o| o.id))
            .map(|id| id.to_string())
            .unwrap_or_default()
    }

    fn open_form(&mut self, kind: FormKind, ctx: &Ctx) {
        let today = format_date(ctx.today());
        let mut official = Field::choice(SF::Official, Msg::FieldOfficial, official_options(ctx));
        if let Value::Choice { options, selected } = &mut official.value {
            let id = self.default_official(ctx);
            *selected = options.iter().position(|o| o.0 == id).unwrap_or(0);
        }
        let fields = match kind {
            FormKind::AddSession => session_fields(official, &today),
            FormKind::AddRule => rule_fields(official),
            FormKind::Absent => vec![
                official,
                text_field(SF::From, Msg::FieldFrom, &today),
                text_field(SF::To, Msg::FieldTo, &today),
                text_field(SF::Reason, Msg::FieldAbsenceReason, ""),
                text_field(SF::ToldOn, Msg::FieldToldOn, &today),
            ],
            FormKind::Move(_) => vec![
                Field::choice(SF::Target, Msg::FieldTargetSession, self.targets(ctx)),
                text_field(SF::Time, Msg::FieldSlotOptional, ""),
                Field::check(SF::Video, Msg::FieldVideoConsent, false),
            ],
            FormKind::Call(_) => vec![
                Field::check(SF::Reached, Msg::FieldReached, true),
                text_field(SF::Note, Msg::FieldCallNote, ""),
            ],
            FormKind::Invite => vec![
                text_field(SF::Body, Msg::FieldBody, ""),
                text_field(SF::Person, Msg::FieldPerson, ""),
                Field::check(SF::Whole, Msg::FieldWholeSession, false),
                text_field(SF::InvitedOn, Msg::FieldInvitedOn, &today),
            ],
            FormKind::Refused(_) => vec![
                text_field(SF::RefusedOn, Msg::FieldRefusedOn, &today),
                text_field(SF::Reason, Msg::FieldAbsenceReason, ""),
            ],
        };
        self.form = Some((kind, Form::new(fields)));
    }

    /// Sessions a booking can move to: from the open session's day for 30 days, any
    /// official (a substitute), not the open session itself.
    fn targets(&self, ctx: &Ctx) -> Vec<(String, String, String)> {
        let Some(s) = &self.session else {
            return Vec::new();
        };
        let from = s.session.day.max(ctx.today());
        ctx.store
            .sessions_between(from, from + Duration::days(30))
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.session.id != s.session.id && !r.session.cancelled)
            .filter(|r| {
                // Not to an official who is away that day.
                ctx.store
                    .absences(Some(r.session.official_id), r.session.day, r.session.day)
                    .map(|a| a.is_empty())
                    .unwrap_or(true)
            })
            .map(|r| {
                (
                    r.session.id.to_string(),
                    session_text(Lang::Kk, &r),
                    session_text(Lang::Ru, &r),
                )
            })
            .collect()
    }
}

/// The fields of a new session.
fn session_fields(official: Field<SF>, today: &str) -> Vec<Field<SF>> {
    let origins = [
        SessionOrigin::Schedule,
        SessionOrigin::Instruction,
        SessionOrigin::AfterMeeting,
    ]
    .iter()
    .map(|o| {
        (
            o.code().to_string(),
            i18s::origin_label(Lang::Kk, *o).to_string(),
            i18s::origin_label(Lang::Ru, *o).to_string(),
        )
    })
    .collect();
    vec![
        official,
        text_field(SF::Day, Msg::FieldDay, today),
        text_field(SF::Start, Msg::FieldStart, "15:00"),
        text_field(SF::End, Msg::FieldEnd, "18:00"),
        text_field(SF::Place, Msg::FieldPlace, ""),
        Field::choice(SF::Format, Msg::FieldFormat, format_options()),
        text_field(SF::Slot, Msg::FieldSlotMinutes, "15"),
        Field::choice(SF::Origin, Msg::FieldOrigin, origins),
        text_field(SF::InstrNo, Msg::FieldInstructionNo, ""),
        text_field(SF::InstrDate, Msg::FieldInstructionDate, ""),
    ]
}

/// The fields of a new rule.
fn rule_fields(official: Field<SF>) -> Vec<Field<SF>> {
    let kinds = vec![
        (
            "weekly".to_string(),
            Msg::RecurrenceWeekly.text(Lang::Kk).to_string(),
            Msg::RecurrenceWeekly.text(Lang::Ru).to_string(),
        ),
        (
            "monthly".to_string(),
            Msg::RecurrenceMonthly.text(Lang::Kk).to_string(),
            Msg::RecurrenceMonthly.text(Lang::Ru).to_string(),
        ),
    ];
    let days = (1..=7)
        .filter_map(|n| weekday_from_number(n).map(|w| (n, w)))
        .map(|(n, w)| {
            (
                n.to_string(),
                i18s::weekday(Lang::Kk, w).to_string(),
                i18s::weekday(Lang::Ru, w).to_string(),
            )
        })
        .collect();
    vec![
        official,
        Field::choice(SF::Kind, Msg::FieldRecurrence, kinds),
        Field::choice(SF::Weekday, Msg::FieldWeekday, days),
        text_field(SF::Nth, Msg::FieldNth, "1"),
        text_field(SF::Start, Msg::FieldStart, "15:00"),
        text_field(SF::End, Msg::FieldEnd, "18:00"),
        text_field(SF::Place, Msg::FieldPlace, ""),
        Field::choice(SF::Format, Msg::FieldFormat, format_options()),
        text_field(SF::Slot, Msg::FieldSlotMinutes, "15"),
    ]
}

/// Reads the typed fields of the open form; errors go next to the fields.
struct Reader<'a> {
    form: &'a mut Form<SF>,
    lang: Lang,
    ok: bool,
}

impl Reader<'_> {
    fn bad(&mut self, id: SF, m: Msg) {
        self.form.set_error(id, m.text(self.lang).to_string());
        self.ok = false;
    }
    fn date(&mut self, id: SF) -> NaiveDate {
        match parse_date(self.form.text(id).trim()) {
            Some(d) => d,
            None => {
                self.bad(id, Msg::ErrDate);
                NaiveDate::default()
            }
        }
    }
    fn time(&mut self, id: SF) -> chrono::NaiveTime {
        match parse_hhmm(self.form.text(id).trim()) {
            Some(t) => t,
            None => {
                self.bad(id, Msg::ErrTime);
                chrono::NaiveTime::default()
            }
        }
    }
    fn number(&mut self, id: SF) -> i64 {
        match self.form.text(id).trim().parse() {
            Ok(n) => n,
            Err(_) => {
                self.bad(id, Msg::ErrNumber);
                0
            }
        }
    }
    fn id(&mut self, id: SF) -> i64 {
        match self.form.choice(id).parse() {
            Ok(n) => n,
            Err(_) => {
                self.bad(id, Msg::ErrRequired);
                0
            }
        }
    }
    fn text(&mut self, id: SF, required: bool) -> String {
        match crate::domain::text::clean_line(&self.form.text(id), 200) {
            Ok(v) if v.is_empty() && required => {
                self.bad(id, Msg::ErrRequired);
                v
            }
            Ok(v) => v,
            Err(_) => {
                self.bad(id, Msg::ErrRequired);
                String::new()
            }
        }
    }
}

impl ScheduleView {
    /// Saves the open form; the input stays on a refusal (shown beside the form).
    fn save_form(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some((kind, mut form)) = self.form.take() else {
            return Ok(Outcome::Stay);
        };
        form.clear_errors();
        let result = self.apply_form(kind, &mut form, ctx);
        match result {
            Ok(true) => {
                ctx.changes.today = true;
                self.refresh(ctx)?;
            }
            Ok(false) => {
                form.focus_first_error();
                if ctx.status.as_ref().is_none_or(|s| !s.1) {
                    ctx.error(ctx.t(Msg::FormHasErrors));
                }
                self.form = Some((kind, form));
            }
            Err(e @ (ServiceError::Schedule(_) | ServiceError::Step(_))) => {
                ctx.service_error(&e);
                self.form = Some((kind, form));
            }
            Err(e) => {
                self.form = Some((kind, form));
                return Err(e);
            }
        }
        Ok(Outcome::Stay)
    }

    fn apply_form(
        &mut self,
        kind: FormKind,
        form: &mut Form<SF>,
        ctx: &mut Ctx,
    ) -> Result<bool, ServiceError> {
        let lang = ctx.lang();
        let mut r = Reader {
            form,
            lang,
            ok: true,
        };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        match kind {
            FormKind::AddSession => {
                let d = session_draft(&mut r);
                if !r.ok {
                    return Ok(false);
                }
                crate::services::schedule::add_session(
                    &mut ctx.store,
                    &ctx.office,
                    &actor,
                    now,
                    &d,
                )?;
                ctx.info(ctx.t(Msg::Saved));
            }
            FormKind::AddRule => {
                let rule = rule_typed(&mut r);
                if !r.ok {
                    return Ok(false);
                }
                crate::domain::schedule::validate_rule(&rule).map_err(ServiceError::Schedule)?;
                ctx.store.add_rule(&actor, now, &rule)?;
                ctx.info(ctx.t(Msg::Saved));
            }
            FormKind::Absent => return self.save_absence(&mut r, ctx),
            FormKind::Invite => return self.save_invite(&mut r, ctx),
            FormKind::Refused(id) => {
                let on = r.date(SF::RefusedOn);
                let reason = r.text(SF::Reason, true);
                if !r.ok {
                    return Ok(false);
                }
                ctx.store
                    .participant_refused(&actor, now, id, on, &reason)?;
                ctx.info(ctx.t(Msg::Saved));
            }
            FormKind::Move(booking) => {
                let to = r.id(SF::Target);
                let typed = r.form.text(SF::Time);
                let time = if typed.trim().is_empty() {
                    None
                } else {
                    Some(r.time(SF::Time))
                };
                let video = r.form.check(SF::Video);
                if !r.ok {
                    return Ok(false);
                }
                ctx.store
                    .move_booking(&actor, now, booking, to, time, video)?;
                ctx.info(ctx.t(Msg::BookingMoved));
            }
            FormKind::Call(booking) => {
                let reached = r.form.check(SF::Reached);
                let note = r.text(SF::Note, false);
                if !r.ok {
                    return Ok(false);
                }
                ctx.store
                    .record_booking_call(&actor, now, booking, reached, &note)?;
                ctx.info(ctx.t(Msg::Saved));
            }
        }
        Ok(true)
    }

    fn save_invite(&mut self, r: &mut Reader, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let body = r.text(SF::Body, true);
        let person = r.text(SF::Person, false);
        let whole = r.form.check(SF::Whole);
        let on = r.date(SF::InvitedOn);
        let session = self.session.as_ref().map(|s| s.session.id);
        let appeal = if whole {
            None
        } else {
            self.selected_booking().map(|b| b.appeal_id)
        };
        let (true, Some(session)) = (r.ok, session) else {
            return Ok(false);
        };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        ctx.store
            .invite_participant(&actor, now, session, appeal, &body, &person, on)?;
        ctx.info(ctx.t(Msg::Saved));
        Ok(true)
    }

    fn save_absence(&mut self, r: &mut Reader, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let official = r.id(SF::Official);
        let from = r.date(SF::From);
        let to = r.date(SF::To);
        let reason = r.text(SF::Reason, true);
        let told = r.date(SF::ToldOn);
        if !r.ok {
            return Ok(false);
        }
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let (_, late, affected) = crate::services::schedule::mark_absent(
            &mut ctx.store,
            &ctx.office,
            &actor,
            now,
            official,
            from,
            to,
            &reason,
            told,
        )?;
        let lang = ctx.lang();
        self.notes.clear();
        if late {
            self.notes.push(ctx.t(Msg::ToldLate).to_string());
        }
        self.affected(&affected, lang);
        if late {
            ctx.error(format!("{} {}", ctx.t(Msg::Saved), ctx.t(Msg::ToldLate)));
        } else {
            ctx.info(ctx.t(Msg::Saved));
        }
        Ok(true)
    }

    fn affected(&mut self, rows: &[BookingRow], lang: Lang) {
        if rows.is_empty() {
            return;
        }
        self.notes.push(Msg::ToMoveList.text(lang).to_string());
        for b in rows {
            self.notes.push(format!(
                "  {} {} {} {}",
                format_date(b.day),
                b.slot_time.format("%H:%M"),
                b.reg_no,
                display(&b.applicant_name)
            ));
        }
    }
}

fn session_draft(r: &mut Reader) -> SessionDraft {
    let origin =
        SessionOrigin::from_code(&r.form.choice(SF::Origin)).unwrap_or(SessionOrigin::Schedule);
    let instr_typed = r.form.text(SF::InstrDate);
    let instruction_date = if instr_typed.trim().is_empty() {
        None
    } else {
        Some(r.date(SF::InstrDate))
    };
    SessionDraft {
        official_id: r.id(SF::Official),
        day: r.date(SF::Day),
        start: r.time(SF::Start),
        end: r.time(SF::End),
        place: r.text(SF::Place, false),
        format: SessionFormat::from_code(&r.form.choice(SF::Format))
            .unwrap_or(SessionFormat::InPerson),
        slot_minutes: r.number(SF::Slot).clamp(0, 600) as u32,
        origin,
        rule_id: None,
        instruction_no: r.text(SF::InstrNo, false),
        instruction_date,
    }
}

fn rule_typed(r: &mut Reader) -> Rule {
    let weekday = r
        .form
        .choice(SF::Weekday)
        .parse()
        .ok()
        .and_then(weekday_from_number)
        .unwrap_or(chrono::Weekday::Mon);
    let recurrence = if r.form.choice(SF::Kind) == "monthly" {
        let n = r.number(SF::Nth);
        if !(n == -1 || (1..=5).contains(&n)) {
            r.bad(SF::Nth, Msg::ErrNumber);
        }
        Recurrence::Monthly(weekday, n.clamp(-1, 5) as i8)
    } else {
        Recurrence::Weekly(weekday)
    };
    Rule {
        id: 0,
        official_id: r.id(SF::Official),
        recurrence,
        start: r.time(SF::Start),
        end: r.time(SF::End),
        place: r.text(SF::Place, false),
        format: SessionFormat::from_code(&r.form.choice(SF::Format))
            .unwrap_or(SessionFormat::InPerson),
        slot_minutes: r.number(SF::Slot).clamp(0, 600) as u32,
    }
}

impl ScheduleView {
    fn generate(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let g = crate::services::schedule::generate_month(
            &mut ctx.store,
            &ctx.office,
            &actor,
            now,
            self.year,
            self.month,
        )?;
        let lang = ctx.lang();
        let name = |id: i64| {
            ctx.officials
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.full_name())
                .unwrap_or_else(|| id.to_string())
        };
        let mut notes = vec![format!(
            "{} {}, {} {}",
            ctx.t(Msg::GeneratedCreated),
            g.created.len(),
            ctx.t(Msg::GeneratedExisting),
            g.existing
        )];
        notes.extend(g.warnings.iter().map(|w| i18s::warning(lang, w, &name)));
        notes.extend(g.refused.iter().map(|(d, e)| {
            format!(
                "{} {}: {}",
                format_date(d.day),
                name(d.official_id),
                i18s::error(lang, e)
            )
        }));
        ctx.info(notes[0].clone());
        self.notes = notes;
        ctx.changes.today = true;
        self.refresh(ctx)?;
        Ok(Outcome::Stay)
    }

    fn cancel(&mut self, id: i64, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let moved = ctx.store.cancel_session(&actor, now, id)?;
        self.notes.clear();
        self.affected(&moved, ctx.lang());
        ctx.info(ctx.t(Msg::Saved));
        ctx.changes.today = true;
        self.refresh(ctx)?;
        Ok(Outcome::Stay)
    }

    fn poster(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let doc =
            crate::docs::schedule::poster(&self.rows, &ctx.office_names(), self.year, self.month);
        let base = format!("poster-{}-{:02}", self.year, self.month);
        if let Ok(pdf) = crate::docs::document::pdf(&doc) {
            ctx.write_document(&format!("{base}.pdf"), pdf);
        }
        if let Some(p) =
            ctx.write_document(&format!("{base}.html"), crate::docs::document::html(&doc))
        {
            let msg = format!("{} {} (+ .pdf)", ctx.t(Msg::TalonSavedTo), p.display());
            ctx.info(msg);
        }
        Ok(Outcome::Stay)
    }

    fn print_session(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(row) = self.session.clone() else {
            return Ok(Outcome::Stay);
        };
        let participants = ctx.store.participants_of(row.session.id)?;
        let doc = crate::docs::schedule::session_list(
            &row,
            &self.bookings,
            &participants,
            &ctx.office_names(),
        );
        let base = format!("session-{}", row.session.id);
        if let Ok(pdf) = crate::docs::document::pdf(&doc) {
            ctx.write_document(&format!("{base}.pdf"), pdf);
        }
        let html = crate::docs::document::html(&doc);
        if let Some(p) = ctx.write_document(&format!("{base}.html"), html) {
            ctx.log_print(crate::store::Access::Print, "session", Some(row.session.id));
            let msg = format!("{} {} (+ .pdf)", ctx.t(Msg::TalonSavedTo), p.display());
            ctx.info(msg);
        }
        Ok(Outcome::Stay)
    }

    fn check_in(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(b) = self.selected_booking().cloned() else {
            return Ok(Outcome::Stay);
        };
        if b.day != ctx.today() {
            ctx.error(ctx.t(Msg::NotSessionDay));
            return Ok(Outcome::Stay);
        }
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let ticket = ctx.store.check_in(&actor, now, b.id)?;
        ctx.info(format!("{}{ticket}", ctx.t(Msg::CheckedInTicket)));
        ctx.changes.today = true;
        self.refresh(ctx)?;
        Ok(Outcome::Stay)
    }

    fn handle_form(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some((_, form)) = self.form.as_mut() else {
            return Ok(Outcome::Pass(action));
        };
        match action {
            Action::Save => return self.save_form(ctx),
            Action::NextField => form.next(),
            Action::PrevField => form.prev(),
            Action::Back => self.form = None,
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    /// Keys on the session's participants (Tab moved the selection to them).
    fn handle_participant(
        &mut self,
        action: Action,
        ctx: &mut Ctx,
    ) -> Result<Option<Outcome>, ServiceError> {
        let p = self
            .pstate
            .selected()
            .and_then(|i| self.participants.get(i))
            .map(|p| p.id);
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        match (action, p) {
            (Action::InviteParticipant, _) => self.open_form(FormKind::Invite, ctx),
            (Action::ParticipantTold, Some(id)) => {
                ctx.store
                    .participant_applicant_told(&actor, now, id, now.date())?;
                ctx.info(ctx.t(Msg::Saved));
            }
            (Action::ParticipantRefused, Some(id)) => self.open_form(FormKind::Refused(id), ctx),
            (Action::RefusalReported, Some(id)) => {
                ctx.store
                    .participant_refusal_reported(&actor, now, id, now.date())?;
                ctx.info(ctx.t(Msg::Saved));
            }
            (
                Action::ParticipantTold | Action::ParticipantRefused | Action::RefusalReported,
                None,
            ) => {}
            _ => return Ok(None),
        }
        ctx.changes.today = true;
        self.refresh(ctx)?;
        Ok(Some(Outcome::Stay))
    }

    fn handle_session(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if action == Action::NextField {
            self.on_participants = !self.on_participants && !self.participants.is_empty();
            return Ok(Outcome::Stay);
        }
        if let (true, Some(d)) = (self.on_participants, move_delta(&action)) {
            table::step(&mut self.pstate, self.participants.len(), d);
            return Ok(Outcome::Stay);
        }
        if let Some(out) = self.handle_participant(action.clone(), ctx)? {
            return Ok(out);
        }
        if let Some(d) = move_delta(&action) {
            table::step(&mut self.bstate, self.bookings.len(), d);
            return Ok(Outcome::Stay);
        }
        let booking = self.selected_booking().map(|b| (b.id, b.appeal_id));
        Ok(match (action, booking) {
            (Action::Back, _) => {
                self.session = None;
                self.bookings.clear();
                self.participants.clear();
                self.on_participants = false;
                Outcome::Stay
            }
            (Action::MoveBooking, Some((id, _))) => {
                self.open_form(FormKind::Move(id), ctx);
                Outcome::Stay
            }
            (Action::RecordBookingCall, Some((id, _))) => {
                self.open_form(FormKind::Call(id), ctx);
                Outcome::Stay
            }
            (Action::CheckIn, Some(_)) => return self.check_in(ctx),
            (Action::ReferenceNote, Some((id, _))) => {
                let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
                ctx.store
                    .record_reference_note(&actor, now, id, now.date())?;
                ctx.info(ctx.t(Msg::Saved));
                ctx.changes.today = true;
                self.refresh(ctx)?;
                Outcome::Stay
            }
            (Action::PrintSessionList, _) => return self.print_session(ctx),
            (Action::OpenSelected, Some((_, appeal))) => Outcome::Open(Open::Card(appeal)),
            (
                Action::MoveBooking
                | Action::RecordBookingCall
                | Action::CheckIn
                | Action::ReferenceNote
                | Action::OpenSelected,
                None,
            ) => Outcome::Stay,
            (other, _) => Outcome::Pass(other),
        })
    }

    fn handle_month(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(d) = move_delta(&action) {
            let len = if self.show_rules {
                self.rules.len()
            } else {
                self.rows.len()
            };
            table::step(&mut self.state, len, d);
            return Ok(Outcome::Stay);
        }
        match action {
            Action::PrevDay => self.shift_month(-1, ctx)?,
            Action::NextDay => self.shift_month(1, ctx)?,
            Action::AddNew => self.open_form(FormKind::AddSession, ctx),
            Action::AddRule => self.open_form(FormKind::AddRule, ctx),
            Action::MarkAbsent => self.open_form(FormKind::Absent, ctx),
            Action::ShowRules => {
                self.show_rules = !self.show_rules;
                self.state = TableState::default();
                let len = if self.show_rules {
                    self.rules.len()
                } else {
                    self.rows.len()
                };
                table::clamp(&mut self.state, len);
            }
            Action::RetireRule => {
                let rule = self.state.selected().and_then(|i| self.rules.get(i));
                if let (true, Some(r)) = (self.show_rules, rule) {
                    return Ok(Outcome::Popup(Popup::Confirm {
                        text: Msg::ConfirmRetireRule,
                        yes: Action::RetireRuleNow(r.id),
                    }));
                }
            }
            Action::RetireRuleNow(id) => {
                let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
                ctx.store.retire_rule(&actor, now, id)?;
                ctx.info(ctx.t(Msg::Saved));
                self.refresh(ctx)?;
            }
            Action::GenerateMonth => return self.generate(ctx),
            Action::PrintPoster => return self.poster(ctx),
            Action::CancelSession => {
                if let (false, Some(r)) = (self.show_rules, self.selected()) {
                    return Ok(Outcome::Popup(Popup::Confirm {
                        text: Msg::ConfirmCancelSession,
                        yes: Action::CancelSessionNow(r.session.id),
                    }));
                }
            }
            Action::CancelSessionNow(id) => return self.cancel(id, ctx),
            Action::OpenSelected => {
                if let (false, Some(r)) = (self.show_rules, self.selected().cloned()) {
                    self.bookings = ctx.store.session_bookings(r.session.id)?;
                    self.participants = ctx.store.participants_of(r.session.id)?;
                    self.pstate = TableState::default();
                    table::clamp(&mut self.pstate, self.participants.len());
                    self.on_participants = false;
                    self.session = Some(r);
                    self.bstate = TableState::default();
                    table::clamp(&mut self.bstate, self.bookings.len());
                }
            }
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }
}

fn head(cells: Vec<&'static str>) -> Row<'static> {
    Row::new(cells).style(Style::default().add_modifier(Modifier::UNDERLINED))
}

fn month_title(v: &ScheduleView, ctx: &Ctx) -> String {
    let lang = ctx.lang();
    let mut t = format!(
        "{} — {} {}",
        ctx.t(Msg::ScreenSchedule),
        i18s::month(lang, v.month),
        v.year
    );
    if let Some(o) = v
        .official
        .and_then(|id| ctx.officials.iter().find(|o| o.id == id))
    {
        t.push_str(&format!(" — {}", o.full_name()));
    }
    t
}

fn draw_month(v: &mut ScheduleView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(month_title(v, ctx));
    if v.show_rules {
        draw_rules(v, f, area, ctx, block);
        return;
    }
    if v.rows.is_empty() {
        f.render_widget(
            Paragraph::new(ctx.t(Msg::ScheduleEmpty))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let rows = v.rows.iter().map(|r| {
        let s = &r.session;
        let style = if s.cancelled {
            Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT)
        } else {
            Style::default()
        };
        Row::new(vec![
            i18s::day_label(lang, s.day),
            format!("{}-{}", s.start.format("%H:%M"), s.end.format("%H:%M")),
            display(&r.official_name).into_owned(),
            i18s::format_label(lang, s.format).to_string(),
            display(&s.place).into_owned(),
            format!("{}/{}", r.booked, r.slots),
        ])
        .style(style)
    });
    let t = Table::new(
        rows,
        [
            Constraint::Length(23),
            Constraint::Length(11),
            Constraint::Min(14),
            Constraint::Length(12),
            Constraint::Min(8),
            Constraint::Length(5),
        ],
    )
    .header(head(vec![
        ctx.t(Msg::ColDay),
        ctx.t(Msg::ColHours),
        ctx.t(Msg::FieldOfficial),
        ctx.t(Msg::ColFormat),
        ctx.t(Msg::ColPlace),
        ctx.t(Msg::ColBooked),
    ]))
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
    .block(block);
    f.render_stateful_widget(t, area, &mut v.state);
}

fn rule_label(lang: Lang, r: &Recurrence) -> String {
    match r {
        Recurrence::Weekly(w) => format!(
            "{}: {}",
            Msg::RecurrenceWeekly.text(lang),
            i18s::weekday(lang, *w)
        ),
        Recurrence::Monthly(w, n) => format!(
            "{}: {} ({n})",
            Msg::RecurrenceMonthly.text(lang),
            i18s::weekday(lang, *w)
        ),
    }
}

fn draw_rules(v: &mut ScheduleView, f: &mut Frame, area: Rect, ctx: &Ctx, block: Block) {
    let lang = ctx.lang();
    if v.rules.is_empty() {
        f.render_widget(Paragraph::new(ctx.t(Msg::RulesEmpty)).block(block), area);
        return;
    }
    let name = |id: i64| {
        ctx.officials
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.full_name())
            .unwrap_or_default()
    };
    let rows = v.rules.iter().map(|r| {
        Row::new(vec![
            display(&name(r.official_id)).into_owned(),
            rule_label(lang, &r.recurrence),
            format!("{}-{}", r.start.format("%H:%M"), r.end.format("%H:%M")),
            i18s::format_label(lang, r.format).to_string(),
            display(&r.place).into_owned(),
        ])
    });
    let t = Table::new(
        rows,
        [
            Constraint::Min(14),
            Constraint::Min(18),
            Constraint::Length(11),
            Constraint::Length(9),
            Constraint::Min(8),
        ],
    )
    .header(head(vec![
        ctx.t(Msg::FieldOfficial),
        ctx.t(Msg::ColRule),
        ctx.t(Msg::ColHours),
        ctx.t(Msg::ColFormat),
        ctx.t(Msg::ColPlace),
    ]))
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
    .block(block);
    f.render_stateful_widget(t, area, &mut v.state);
}

fn yes_no(ctx: &Ctx, b: bool) -> &'static str {
    if b {
        ctx.t(Msg::Yes)
    } else {
        ""
    }
}

fn draw_session(v: &mut ScheduleView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let title = match &v.session {
        Some(s) => format!(
            "{} — {} — {} — {}",
            ctx.t(Msg::ScreenSessionList),
            session_text(lang, s),
            i18s::format_label(lang, s.session.format),
            display(&s.session.place)
        ),
        None => ctx.t(Msg::ScreenSessionList).to_string(),
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    if v.bookings.is_empty() {
        f.render_widget(Paragraph::new(ctx.t(Msg::SessionEmpty)).block(block), area);
        return;
    }
    let rows = v.bookings.iter().map(|b| {
        let mark = if b.category.is_some() { "!" } else { "" };
        let moved = if b.moved_from.is_some() { "<" } else { "" };
        Row::new(vec![
            format!("{}{moved}", b.slot_time.format("%H:%M")),
            b.reg_no.clone(),
            format!("{mark}{}", display(&b.applicant_name)),
            b.note_on.map(format_date).unwrap_or_default(),
            yes_no(ctx, b.told_at.is_some()).to_string(),
            yes_no(ctx, b.queue_entry_id.is_some()).to_string(),
        ])
    });
    let t = Table::new(
        rows,
        [
            Constraint::Length(6),
            Constraint::Length(15),
            Constraint::Min(12),
            Constraint::Length(10),
            Constraint::Length(10),
            Constraint::Length(6),
        ],
    )
    .header(head(vec![
        ctx.t(Msg::ColTime),
        ctx.t(Msg::ColRegNo),
        ctx.t(Msg::ColName),
        ctx.t(Msg::ColNote),
        ctx.t(Msg::ColTold),
        ctx.t(Msg::ColArrived),
    ]))
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
    .block(block);
    f.render_stateful_widget(t, area, &mut v.bstate);
}

fn draw_participants(v: &mut ScheduleView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let date = |d: Option<NaiveDate>| d.map(format_date).unwrap_or_default();
    let rows = v.participants.iter().map(|p| {
        let for_whom = p
            .appeal_id
            .and_then(|a| v.bookings.iter().find(|b| b.appeal_id == a))
            .map(|b| b.reg_no.clone())
            .unwrap_or_default();
        Row::new(vec![
            display(&p.body).into_owned(),
            display(&p.person).into_owned(),
            for_whom,
            date(p.applicant_told_on),
            date(p.refused_on),
            date(p.refusal_reported_on),
        ])
    });
    let t = Table::new(
        rows,
        [
            Constraint::Min(12),
            Constraint::Min(10),
            Constraint::Length(15),
            Constraint::Length(10),
            Constraint::Length(10),
            Constraint::Length(10),
        ],
    )
    .header(head(vec![
        ctx.t(Msg::FieldBody),
        ctx.t(Msg::FieldPerson),
        ctx.t(Msg::ColRegNo),
        ctx.t(Msg::ColTold),
        ctx.t(Msg::FieldRefusedOn),
        ctx.t(Msg::KeyRefusalReported),
    ]))
    .row_highlight_style(if v.on_participants {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    })
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(ctx.t(Msg::Participants)),
    );
    f.render_stateful_widget(t, area, &mut v.pstate);
}

fn draw_notes(v: &ScheduleView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lines: Vec<String> = v.notes.iter().chain(v.warnings.iter()).cloned().collect();
    f.render_widget(
        Paragraph::new(lines.join("\n"))
            .wrap(Wrap { trim: false })
            .style(Style::default().fg(Color::Yellow))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(ctx.t(Msg::Warnings)),
            ),
        area,
    );
}

impl Screen for ScheduleView {
    fn id(&self) -> ScreenId {
        ScreenId::Schedule
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if self.form.is_some() {
            return self.handle_form(action, ctx);
        }
        if self.session.is_some() {
            return self.handle_session(action, ctx);
        }
        self.handle_month(action, ctx)
    }

    fn input(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Result<(), ServiceError> {
        if let Some((_, form)) = self.form.as_mut() {
            form.input(key);
        }
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let notes = v_notes_height(self, area);
        let parts = Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Min(5), Constraint::Length(notes)])
            .split(area);
        if let Some((kind, form)) = &self.form {
            let title = match kind {
                FormKind::AddSession => ctx.t(Msg::KeyAddSession),
                FormKind::AddRule => ctx.t(Msg::KeyAddRule),
                FormKind::Absent => ctx.t(Msg::KeyAbsent),
                FormKind::Move(_) => ctx.t(Msg::KeyMoveBooking),
                FormKind::Call(_) => ctx.t(Msg::KeyRecordCallBooking),
                FormKind::Invite => ctx.t(Msg::KeyInvite),
                FormKind::Refused(_) => ctx.t(Msg::KeyParticipantRefused),
            };
            let block = Block::default().borders(Borders::ALL).title(title);
            let inner = block.inner(parts[0]);
            f.render_widget(block, parts[0]);
            form.draw(f, inner, ctx.lang());
        } else if self.session.is_some() {
            let h = (self.participants.len() as u16 + 3).min(parts[0].height / 2);
            let [list, people] =
                Layout::vertical([Constraint::Min(4), Constraint::Length(h)]).areas(parts[0]);
            draw_session(self, f, list, ctx);
            draw_participants(self, f, people, ctx);
        } else {
            draw_month(self, f, parts[0], ctx);
        }
        if notes > 0 {
            draw_notes(self, f, parts[1], ctx);
        }
    }

    fn has_unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|(_, f)| f.dirty)
    }

    fn discard(&mut self, _ctx: &Ctx) {
        self.form = None;
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        matches!(
            action,
            Action::AddRule
                | Action::RetireRule
                | Action::GenerateMonth
                | Action::CancelSession
                | Action::MarkAbsent
        )
        .then_some(Permission::ManageProfile)
    }

    fn enter(&mut self, from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        if from == ScreenId::Today {
            // From the queue: the whole month of every official.
            self.official = None;
            self.session = None;
            self.show_rules = false;
        }
        self.refresh(ctx)?;
        Ok(true)
    }

    fn open(&mut self, what: Open, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::Schedule(official) = what else {
            return Ok(false);
        };
        self.official = official;
        self.session = None;
        self.form = None;
        self.show_rules = false;
        self.notes.clear();
        self.refresh(ctx)?;
        Ok(true)
    }

    fn language_changed(&mut self, ctx: &Ctx) {
        if let Some((_, f)) = self.form.as_mut() {
            f.clear_errors();
        }
        self.notes.clear();
        let _ = self.refresh(ctx);
    }

    fn keys(&self) -> &'static [keymap::Ctx] {
        if self.form.is_some() {
            &[keymap::Ctx::Form, keymap::Ctx::Global]
        } else if self.session.is_some() {
            &[keymap::Ctx::SessionList, keymap::Ctx::Global]
        } else {
            &[keymap::Ctx::Schedule, keymap::Ctx::Global]
        }
    }
}

fn v_notes_height(v: &ScheduleView, area: Rect) -> u16 {
    let n = v.notes.len() + v.warnings.len();
    if n == 0 {
        0
    } else {
        (n as u16 + 2).min(area.height / 3).max(3)
    }
}
