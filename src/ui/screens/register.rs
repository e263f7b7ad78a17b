//! The registration form (and the same form to edit a registered appeal), with
//! inline validation by `domain::register::check_appeal`.
use crate::docs::talon::Talon;
use crate::domain::profile::Profile;
use crate::domain::register::{check_appeal, Field as DField, FieldError};
use crate::domain::text::limits;
use crate::domain::{Appeal, AppealDraft, Applicant, ApplicantKind, Channel, Lang, Official};
use crate::i18n::ui::{channel, problem, Msg};
use crate::services::ServiceError;

use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::popup::Popup;
use crate::ui::screen::{Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::collections::HashSet;

pub struct RegisterForm {
    pub form: Form<RegField>,
    /// The appeal being edited; `None` for a new registration.
    pub editing: Option<Appeal>,
    /// Fields the clerk has left at least once: only these show errors while typing.
    touched: HashSet<RegField>,
    /// Earlier appeals of this applicant (IIN) on this topic that were received or
    /// answered: the new one is a repeat appeal.
    pub repeat: Vec<crate::store::AppealRow>,
    /// The repeat list was found by the folded name (no valid IIN typed): a
    /// possible repeat, namesakes included.
    pub repeat_by_name: bool,
    /// What the repeat list was looked up for.
    repeat_key: crate::domain::register::RepeatQuery,
    /// The reception details checked at the last save (recorded after it).
    pending_details: crate::store::AppealDetails,
    /// Where "back" goes: the screen the form was opened from.
    pub back_to: ScreenId,
    /// The applicant's answer to a same-day reception by the requested unit
    /// head (001 §3), asked at the save; `None`: not asked yet (or the form
    /// changed since).
    pub same_day: Option<bool>,
}

fn opts<T>(
    items: &[T],
    f: impl Fn(&T) -> (String, String, String),
) -> Vec<(String, String, String)> {
    items.iter().map(f).collect()
}

fn none_opt() -> (String, String, String) {
    (
        String::new(),
        Msg::None_.text(Lang::Kk).into(),
        Msg::None_.text(Lang::Ru).into(),
    )
}

/// The fields of the registration form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegField {
    Channel,
    Kind,
    Surname,
    Name,
    Patronymic,
    Iin,
    Bin,
    Org,
    Authority,
    Phone,
    Address,
    Language,
    Category,
    Interpreter,
    Topic,
    Settlement,
    Official,
    Essence,
    NationalNo,
    Consent,
    ReceiveToday,
    FromReception,
    Citizenship,
    InterpreterLanguage,
    IdentityShown,
    Signatories,
}

/// The last field a walk-in needs: Enter on it saves the form. A digit typed in
/// the patronymic goes on to the IIN (a walk-in without one skips it unasked).
pub const LAST_NEEDED: RegField = RegField::Category;

/// Maps a domain field to this form's field.
fn field_id(f: DField) -> Option<RegField> {
    Some(match f {
        DField::Kind => RegField::Kind,
        DField::Surname => RegField::Surname,
        DField::Name => RegField::Name,
        DField::Patronymic => RegField::Patronymic,
        DField::Iin => RegField::Iin,
        DField::Bin => RegField::Bin,
        DField::OrgName => RegField::Org,
        DField::AuthorityDoc => RegField::Authority,
        DField::Phone => RegField::Phone,
        DField::Address => RegField::Address,
        DField::Category => RegField::Category,
        DField::Channel => RegField::Channel,
        DField::Topic => RegField::Topic,
        DField::Settlement => RegField::Settlement,
        DField::Essence => RegField::Essence,
        DField::NationalRegNo => RegField::NationalNo,
        DField::Official => RegField::Official,
        _ => return None,
    })
}

fn build(profile: &Profile, officials: &[Official]) -> Form<RegField> {
    let channels = opts(Channel::ALL, |c| {
        (
            c.code().into(),
            channel(Lang::Kk, *c).into(),
            channel(Lang::Ru, *c).into(),
        )
    });
    let kinds = vec![
        (
            "individual".into(),
            Msg::KindIndividual.text(Lang::Kk).into(),
            Msg::KindIndividual.text(Lang::Ru).into(),
        ),
        (
            "legal".into(),
            Msg::KindLegal.text(Lang::Kk).into(),
            Msg::KindLegal.text(Lang::Ru).into(),
        ),
    ];
    let langs = vec![
        (
            "kk".into(),
            Msg::LangKazakh.text(Lang::Kk).into(),
            Msg::LangKazakh.text(Lang::Ru).into(),
        ),
        (
            "ru".into(),
            Msg::LangRussian.text(Lang::Kk).into(),
            Msg::LangRussian.text(Lang::Ru).into(),
        ),
    ];
    let mut cats = vec![none_opt()];
    cats.extend(opts(&profile.categories, |c| {
        (c.code.clone(), c.kk.clone(), c.ru.clone())
    }));
    let mut topics = vec![none_opt()];
    topics.extend(opts(&profile.topics, |c| {
        (c.code.clone(), c.kk.clone(), c.ru.clone())
    }));
    let mut offs = vec![none_opt()];
    offs.extend(opts(officials, |o| {
        (
            o.id.to_string(),
            format!("{} — {}", o.full_name(), o.position_kk),
            format!("{} — {}", o.full_name(), o.position_ru),
        )
    }));
    // What a walk-in needs comes first (name, IIN, essence, category); Enter on
    // the last of them (LAST_NEEDED) saves. The rest follows for those who need it.
    Form::new(vec![
        Field::text(RegField::Surname, Msg::FieldSurname).with_max(limits::NAME),
        Field::text(RegField::Name, Msg::FieldName).with_max(limits::NAME),
        Field::text(RegField::Patronymic, Msg::FieldPatronymic).with_max(limits::NAME),
        Field::text(RegField::Iin, Msg::FieldIin),
        Field::text(RegField::Essence, Msg::FieldEssence).with_max(limits::ESSENCE),
        Field::choice(RegField::Category, Msg::FieldCategory, cats),
        Field::choice(RegField::Channel, Msg::FieldChannel, channels),
        Field::choice(RegField::Kind, Msg::FieldKind, kinds),
        Field::text(RegField::Bin, Msg::FieldBin),
        Field::text(RegField::Org, Msg::FieldOrgName).with_max(limits::ORG_NAME),
        Field::text(RegField::Authority, Msg::FieldAuthorityDoc).with_max(limits::SHORT),
        Field::text(RegField::Phone, Msg::FieldPhone),
        Field::text(RegField::Address, Msg::FieldAddress).with_max(limits::ADDRESS),
        Field::choice(RegField::Language, Msg::FieldLanguage, langs),
        Field::check(RegField::Interpreter, Msg::FieldInterpreter, false),
        Field::choice(RegField::Topic, Msg::FieldTopic, topics),
        Field::text(RegField::Settlement, Msg::FieldSettlement).with_max(limits::SHORT),
        Field::choice(RegField::Official, Msg::FieldOfficial, offs),
        Field::text(RegField::NationalNo, Msg::FieldNationalRegNo).with_max(limits::SHORT),
        Field::check(RegField::Consent, Msg::FieldConsent, true),
        Field::check(RegField::ReceiveToday, Msg::FieldReceiveToday, true),
        Field::check(RegField::FromReception, Msg::FieldFromReception, false),
        Field::text(RegField::Citizenship, Msg::FieldCitizenship),
        Field::text(RegField::InterpreterLanguage, Msg::FieldInterpreterLanguage),
        Field::check(RegField::IdentityShown, Msg::FieldIdentityShown, false),
        Field::text(RegField::Signatories, Msg::FieldSignatories),
    ])
}

impl RegisterForm {
    pub fn new(profile: &Profile, officials: &[Official], lang: Lang) -> RegisterForm {
        let mut r = RegisterForm {
            form: build(profile, officials),
            editing: None,
            touched: HashSet::new(),
            repeat: Vec::new(),
            repeat_by_name: false,
            repeat_key: Default::default(),
            back_to: ScreenId::Today,
            pending_details: Default::default(),
            same_day: None,
        };
        r.reset(profile, officials, lang);
        r
    }

    /// An empty form for the next applicant.
    pub fn reset(&mut self, profile: &Profile, officials: &[Official], lang: Lang) {
        self.form = build(profile, officials);
        self.form.set_lang(lang);
        self.form.set_choice(RegField::Language, lang.code());
        self.editing = None;
        self.touched.clear();
        self.repeat.clear();
        self.repeat_by_name = false;
        self.repeat_key = Default::default();
        self.same_day = None;
        self.sync_kind();
        self.form.set_text(RegField::Signatories, "1");
        self.form.dirty = false;
        self.form.focus_on(RegField::Surname);
    }

    /// Fills the reception details of the appeal being edited from the store.
    pub fn load_details(&mut self, store: &crate::store::Store) -> Result<(), ServiceError> {
        let Some(id) = self.editing.as_ref().map(|a| a.id) else {
            return Ok(());
        };
        let d = store.appeal_details(id)?;
        let f = &mut self.form;
        f.set_text(RegField::Citizenship, &d.citizenship);
        f.set_text(RegField::InterpreterLanguage, &d.interpreter_language);
        f.set_check(RegField::IdentityShown, d.identity_shown);
        f.set_text(RegField::Signatories, &d.signatories.max(1).to_string());
        f.dirty = false;
        Ok(())
    }

    /// The reception details as typed; the number of signatories must be a whole
    /// number from 1 (the error is put next to its field).
    pub fn details(&mut self, lang: Lang) -> Option<crate::store::AppealDetails> {
        let f = &self.form;
        let raw = f.text(RegField::Signatories);
        let signatories = match raw.trim() {
            "" => Some(1),
            s => s.parse::<u32>().ok().filter(|n| *n >= 1),
        };
        let Some(signatories) = signatories else {
            self.form
                .set_error(RegField::Signatories, Msg::ErrSignatories.text(lang).into());
            return None;
        };
        Some(crate::store::AppealDetails {
            citizenship: f.text(RegField::Citizenship).trim().to_string(),
            interpreter_language: f.text(RegField::InterpreterLanguage).trim().to_string(),
            identity_shown: f.check(RegField::IdentityShown),
            signatories,
        })
    }

    /// The reception details to store with a new appeal: none when the clerk
    /// left them as the form starts them.
    fn new_details(details: &crate::store::AppealDetails) -> Option<&crate::store::AppealDetails> {
        let blank = crate::store::AppealDetails {
            signatories: 1,
            ..Default::default()
        };
        (*details != blank).then_some(details)
    }

    /// Fills the form from a stored appeal to edit it.
    pub fn load(&mut self, a: &Appeal, profile: &Profile, officials: &[Official], lang: Lang) {
        self.reset(profile, officials, lang);
        let f = &mut self.form;
        let p = &a.applicant;
        f.set_choice(RegField::Channel, a.channel.code());
        f.set_choice(RegField::Kind, p.kind().code());
        f.set_text(RegField::Surname, &p.surname);
        f.set_text(RegField::Name, &p.name);
        f.set_text(RegField::Patronymic, &p.patronymic);
        f.set_text(RegField::Iin, &p.iin);
        f.set_text(RegField::Bin, &p.bin);
        f.set_text(RegField::Org, &p.org_name);
        f.set_text(RegField::Authority, &p.authority_doc);
        f.set_text(RegField::Phone, &p.phone);
        f.set_text(RegField::Address, &p.address);
        f.set_choice(RegField::Language, p.language.code());
        f.set_choice(RegField::Category, p.category.as_deref().unwrap_or(""));
        f.set_check(RegField::Interpreter, p.needs_interpreter);
        f.set_choice(RegField::Topic, &a.topic);
        f.set_text(RegField::Settlement, &a.settlement);
        f.set_choice(
            RegField::Official,
            &a.requested_official
                .map(|i| i.to_string())
                .unwrap_or_default(),
        );
        f.set_text(RegField::Essence, &a.essence);
        f.set_text(RegField::NationalNo, &a.national_reg_no);
        f.set_check(RegField::Consent, p.consent);
        f.set_check(RegField::ReceiveToday, false);
        f.set_hidden(RegField::ReceiveToday, true);
        f.set_check(RegField::FromReception, a.from_personal_reception);
        f.dirty = false;
        self.editing = Some(a.clone());
        self.sync_kind();
    }

    fn sync_kind(&mut self) {
        let legal = self.form.choice(RegField::Kind) == "legal";
        for id in [RegField::Bin, RegField::Org, RegField::Authority] {
            self.form.set_hidden(id, !legal);
        }
    }

    /// The draft as typed (not yet checked).
    pub fn draft(&self, officials: &[Official]) -> AppealDraft {
        let f = &self.form;
        let cat = f.choice(RegField::Category);
        let official = f
            .choice(RegField::Official)
            .parse::<i64>()
            .ok()
            .filter(|id| officials.iter().any(|o| o.id == *id));
        AppealDraft {
            applicant: Applicant {
                id: None,
                kind: ApplicantKind::from_code(&f.choice(RegField::Kind)),
                surname: f.text(RegField::Surname),
                name: f.text(RegField::Name),
                patronymic: f.text(RegField::Patronymic),
                iin: f.text(RegField::Iin),
                bin: f.text(RegField::Bin),
                org_name: f.text(RegField::Org),
                authority_doc: f.text(RegField::Authority),
                phone: f.text(RegField::Phone),
                address: f.text(RegField::Address),
                language: Lang::from_code(&f.choice(RegField::Language)).unwrap_or_default(),
                category: (!cat.is_empty()).then_some(cat),
                needs_interpreter: f.check(RegField::Interpreter),
                consent: f.check(RegField::Consent),
            },
            channel: Channel::from_code(&f.choice(RegField::Channel)),
            essence: f.text(RegField::Essence),
            topic: f.choice(RegField::Topic),
            settlement: f.text(RegField::Settlement),
            requested_official: official,
            national_reg_no: f.text(RegField::NationalNo),
            receive_today: f.check(RegField::ReceiveToday) && self.editing.is_none(),
            from_personal_reception: f.check(RegField::FromReception),
        }
    }

    /// Looks up earlier appeals of the same applicant on the same topic when the IIN
    /// (valid), the name or the topic changed: one indexed query, and none while
    /// they stay the same. With a valid IIN by the IIN; without one by the name
    /// under the search folding (Омирбекова = Өмірбекова), as a possible repeat.
    pub fn check_repeat(&mut self, store: &crate::store::Store) -> Result<(), ServiceError> {
        let f = &self.form;
        let (surname, name, patronymic) = (
            f.text(RegField::Surname),
            f.text(RegField::Name),
            f.text(RegField::Patronymic),
        );
        let query = crate::domain::register::RepeatQuery::new(
            &f.text(RegField::Iin),
            &surname,
            &name,
            &patronymic,
            &f.choice(RegField::Topic),
        );
        if query == self.repeat_key {
            return Ok(());
        }
        self.repeat_key = query;
        let editing = self.editing.as_ref().map(|a| a.id);
        let found = crate::services::register::find_repeats(store, &self.repeat_key, editing);
        let found = found?;
        self.repeat = found.appeals;
        self.repeat_by_name = found.by_name;
        Ok(())
    }

    /// Marks the focused field as visited (its errors show from now on).
    pub fn leave_field(&mut self, profile: &Profile, lang: Lang) {
        if let Some(id) = self.form.focused_id() {
            self.touched.insert(id);
        }
        self.after_edit(profile, lang);
    }

    /// Inline validation of the visited fields after every change.
    pub fn after_edit(&mut self, profile: &Profile, lang: Lang) {
        self.sync_kind();
        let errors = check_appeal(&self.draft(&[]), profile)
            .err()
            .unwrap_or_default();
        for fld in &mut self.form.fields {
            if self.touched.contains(&fld.id) {
                fld.error = errors
                    .iter()
                    .find(|e| field_id(e.field) == Some(fld.id))
                    .map(|e| problem(lang, e.problem));
            }
        }
    }

    /// Shows every error after a refused save and moves to the first one.
    pub fn show_errors(&mut self, errors: &[FieldError], lang: Lang) {
        self.form.clear_errors();
        for e in errors {
            let Some(id) = field_id(e.field) else {
                continue;
            };
            self.touched.insert(id);
            self.form.set_error(id, problem(lang, e.problem));
        }
        self.form.focus_first_error();
    }
}

fn draw(r: &RegisterForm, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let title = match &r.editing {
        Some(a) => format!("{}: {}", Msg::ScreenEdit.text(lang), a.reg_no),
        None => Msg::ScreenRegister.text(lang).to_string(),
    };
    f.render_widget(
        Paragraph::new(title).style(Style::default().add_modifier(Modifier::BOLD)),
        head,
    );
    let body = if let Some(first) = r.repeat.first() {
        let [warn, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        let more = r.repeat.len() - 1;
        f.render_widget(
            Paragraph::new(format!(
                "{} {} {} ({}){}",
                if r.repeat_by_name {
                    Msg::RepeatByName.text(lang)
                } else {
                    Msg::RepeatAppeal.text(lang)
                },
                first.reg_no,
                crate::domain::dates::format_date(first.registered_on),
                crate::i18n::ui::appeal_status(lang, &first.status),
                if more > 0 {
                    format!(" +{more}")
                } else {
                    String::new()
                }
            ))
            .style(
                Style::default()
                    .fg(ratatui::style::Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            ),
            warn,
        );
        rest
    } else {
        body
    };
    r.form.draw(f, body, lang);
}

impl RegisterForm {
    /// An empty form built from the office's profile and officials.
    pub fn reset_in(&mut self, ctx: &Ctx) {
        self.reset(&ctx.office.profile, &ctx.officials, ctx.lang());
    }

    /// Saves the form; `force` overwrites a parallel edit, `new_name` registers an
    /// IIN stored under another name as the same person with a new name.
    fn save(
        &mut self,
        ctx: &mut Ctx,
        force: bool,
        new_name: bool,
    ) -> Result<Outcome, ServiceError> {
        let draft = self.draft(&ctx.officials);
        let Some(details) = self.details(ctx.lang()) else {
            self.form.focus_first_error();
            ctx.error(ctx.t(Msg::FormHasErrors));
            return Ok(Outcome::Stay);
        };
        self.pending_details = details;
        // A clock set back during the session (the desk checked it at start):
        // nothing is written with a time before the newest record.
        ctx.now_for_write()?;
        let result = match self.editing.clone() {
            Some(edit) => self.save_edit(ctx, edit, &draft, force),
            None => self.save_new(ctx, &draft, new_name),
        };
        match result {
            Err(ServiceError::Fields(errors)) => {
                self.show_errors(&errors, ctx.lang());
                ctx.error(ctx.t(Msg::FormHasErrors));
                Ok(Outcome::Stay)
            }
            // Whose the IIN is, and the question; "no" leaves the clerk on the
            // IIN field with the form as typed.
            Err(ServiceError::IinBelongsTo { name, .. }) => {
                self.form.focus_on(RegField::Iin);
                Ok(Outcome::Popup(Popup::IinBelongsTo { name: name.0 }))
            }
            other => other,
        }
    }

    /// Stores the edited appeal (the row version guards against a parallel edit).
    fn save_edit(
        &mut self,
        ctx: &mut Ctx,
        edit: Appeal,
        draft: &AppealDraft,
        force: bool,
    ) -> Result<Outcome, ServiceError> {
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let saved = crate::services::register::update_with(
            &mut ctx.store,
            &ctx.office,
            &actor,
            now,
            &edit,
            draft,
            Some(&self.pending_details),
            force,
        );
        match saved {
            Ok(id) => {
                self.reset_in(ctx);
                ctx.info(ctx.t(Msg::Saved));
                Ok(Outcome::Open(Open::Card(id)))
            }
            Err(ServiceError::Conflict) => Ok(Outcome::Popup(Popup::Conflict)),
            Err(e) => Err(e),
        }
    }

    /// The requested official of a walk-in queued today who receives it only
    /// with the applicant's consent (001 §3).
    fn same_day_official<'a>(ctx: &'a Ctx, draft: &AppealDraft) -> Option<&'a Official> {
        let id = draft.requested_official.filter(|_| draft.receive_today)?;
        ctx.officials
            .iter()
            .find(|o| o.id == id)
            .filter(|o| crate::domain::schedule::needs_same_day_consent(o.category))
    }

    /// Registers a new appeal and shows its talon. A walk-in for a unit head is
    /// first asked the applicant's consent to a reception today (001 §3); without
    /// it the appeal is registered and not queued.
    fn save_new(
        &mut self,
        ctx: &mut Ctx,
        draft: &AppealDraft,
        new_name: bool,
    ) -> Result<Outcome, ServiceError> {
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let asks = Self::same_day_official(ctx, draft).map(|o| o.full_name());
        let mut draft = draft.clone();
        if let Some(official) = &asks {
            // The form's own errors first, then the question.
            check_appeal(&draft, &ctx.office.profile).map_err(ServiceError::Fields)?;
            match self.same_day {
                None => {
                    return Ok(Outcome::Popup(Popup::SameDay {
                        official: official.clone(),
                    }))
                }
                Some(false) => draft.receive_today = false,
                Some(true) => {}
            }
        }
        let consent = asks.is_some() && self.same_day == Some(true);
        let r = crate::services::register::register_consented(
            &mut ctx.store,
            &ctx.office,
            &actor,
            now,
            &draft,
            Self::new_details(&self.pending_details),
            new_name,
            consent,
        )?;
        let draft = &draft;
        let op = &ctx.session.operator;
        let talon = Talon {
            reg_no: r.reg_no.clone(),
            at: now,
            receiver_name: op.full_name.clone(),
            receiver_position_kk: op.position_kk.clone(),
            receiver_position_ru: op.position_ru.clone(),
            ticket: r.ticket,
            // The name as stored: the draft as the service cleaned it.
            applicant_short: crate::domain::register::check_appeal(draft, &ctx.office.profile)
                .map(|c| c.applicant.short_name())
                .unwrap_or_else(|_| draft.applicant.short_name()),
            office_kk: ctx.office_name(Lang::Kk),
            office_ru: ctx.office_name(Lang::Ru),
        };
        self.reset_in(ctx);
        ctx.changes.today = true;
        ctx.changes.appeals = true;
        let mut msg = format!("{}: {}", ctx.t(Msg::Registered), r.reg_no);
        if r.registered_on != now.date() {
            msg = format!(
                "{msg}. {} {}",
                ctx.t(Msg::RegisteredOnNote),
                crate::domain::dates::format_date(r.registered_on)
            );
        }
        // A paper or electronic appeal without the essence: registered as not
        // considered (001 §5); the notice is printed from its card.
        if crate::domain::register::not_considered(draft) {
            msg = format!("{msg}. {}", ctx.t(Msg::NotConsideredNote));
        }
        if asks.is_some() {
            let note = if consent {
                Msg::SameDayConsentGiven
            } else {
                Msg::SameDayNotQueued
            };
            msg = format!("{msg}. {}", ctx.t(note));
        }
        ctx.info(msg);
        Ok(Outcome::Popup(Popup::Talon {
            talon,
            saved_to: None,
            appeal: Some(r.appeal_id),
        }))
    }
}

impl Screen for RegisterForm {
    fn id(&self) -> ScreenId {
        ScreenId::Register
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        match action {
            Action::Save => return self.save(ctx, false, false),
            Action::OverwriteAppeal => return self.save(ctx, true, false),
            Action::RegisterNewName => return self.save(ctx, false, true),
            Action::SameDayConsent(yes) => {
                self.same_day = Some(yes);
                return self.save(ctx, false, false);
            }
            Action::ReloadAppeal => {
                if let Some(edit) = &self.editing {
                    let fresh = ctx.store.appeal(edit.id)?;
                    let o = &ctx.office;
                    self.load(&fresh, &o.profile, &ctx.officials, ctx.session.lang);
                    self.load_details(&ctx.store)?;
                }
            }
            Action::EnterField if self.form.focused_id() == Some(LAST_NEEDED) => {
                return self.save(ctx, false, false)
            }
            Action::NextField | Action::EnterField => {
                self.leave_field(&ctx.office.profile, ctx.lang());
                self.form.next()
            }
            Action::PrevField => {
                self.leave_field(&ctx.office.profile, ctx.lang());
                self.form.prev()
            }
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn input(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Result<(), ServiceError> {
        // A patronymic has no digits: a digit typed there is the IIN's first, so a
        // walk-in without a patronymic needs no Tab over it.
        if self.form.focused_id() == Some(RegField::Patronymic)
            && matches!(key.code, crossterm::event::KeyCode::Char(c) if c.is_ascii_digit())
            && !key.modifiers.intersects(
                crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT,
            )
        {
            self.leave_field(&ctx.office.profile, ctx.lang());
            self.form.focus_on(RegField::Iin);
        }
        if self.form.input(key) {
            self.same_day = None;
            self.after_edit(&ctx.office.profile, ctx.lang());
            self.check_repeat(&ctx.store)?;
        }
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw(self, f, area, ctx)
    }

    fn has_unsaved(&self) -> bool {
        self.form.dirty
    }

    /// Another screen may be looked at while an applicant is registered.
    fn keeps_input(&self) -> bool {
        true
    }

    fn discard(&mut self, ctx: &Ctx) {
        self.reset_in(ctx);
    }

    fn back(&self) -> Outcome {
        Outcome::Go(self.back_to)
    }

    fn enter(&mut self, from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        if from != ScreenId::Register {
            if self.editing.is_some() {
                self.reset_in(ctx);
            }
            self.back_to = from;
        }
        Ok(true)
    }

    fn open(&mut self, what: Open, from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::EditAppeal(appeal) = what else {
            return Ok(false);
        };
        self.load(
            &appeal,
            &ctx.office.profile,
            &ctx.officials,
            ctx.session.lang,
        );
        self.load_details(&ctx.store)?;
        self.back_to = from;
        Ok(true)
    }

    fn language_changed(&mut self, ctx: &Ctx) {
        // A form not yet touched takes the reception language of the interface.
        if !self.form.dirty && self.editing.is_none() {
            self.form.set_choice(RegField::Language, ctx.lang().code());
        }
        self.form.set_lang(ctx.lang());
        self.after_edit(&ctx.office.profile, ctx.lang());
    }
}
