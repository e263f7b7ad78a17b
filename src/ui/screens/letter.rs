//! A letter to the applicant from the appeal card: the kind (reception date,
//! extension, draft refusal, not considered, fix defects, redirect), its language,
//! the defects to fix (that letter only), who signs, and the outgoing number and
//! date. F5 writes the letter as HTML and PDF into the documents folder (printing
//! is logged) and, with an outgoing number, records it on the step it is about.
use crate::docs::letters::{LetterInput, LetterKind};
use crate::domain::permissions::Permission;
use crate::domain::Lang;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The fields of the letter form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterField {
    Kind,
    Lang,
    Defects,
    Signer,
    OutNo,
    OutDate,
}

/// The letter form of one appeal.
#[derive(Default)]
pub struct LetterForm {
    pub form: Form<LetterField>,
    /// The appeal (id, registration number) the letter is for.
    pub appeal: Option<(i64, String)>,
}

fn build(lang: Lang, today: chrono::NaiveDate) -> Form<LetterField> {
    let kinds = LetterKind::ALL
        .iter()
        .map(|k| {
            (
                k.code().to_string(),
                crate::i18n::rules::letter_kind(Lang::Kk, *k),
                crate::i18n::rules::letter_kind(Lang::Ru, *k),
            )
        })
        .collect();
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
    let mut f = Form::new(vec![
        Field::choice(LetterField::Kind, Msg::FieldLetterKind, kinds),
        Field::choice(LetterField::Lang, Msg::FieldLetterLang, langs),
        Field::text(LetterField::Defects, Msg::FieldDefects),
        Field::text(LetterField::Signer, Msg::FieldSigner),
        Field::text(LetterField::OutNo, Msg::FieldOutNo),
        Field::text(LetterField::OutDate, Msg::FieldOutDate),
    ]);
    f.set_choice(LetterField::Lang, lang.code());
    f.set_text(
        LetterField::OutDate,
        &crate::domain::dates::format_date(today),
    );
    f.dirty = false;
    f
}

impl LetterForm {
    /// Makes, writes and records the letter; back to the card when done.
    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some((id, reg_no)) = self.appeal.clone() else {
            return Ok(Outcome::Stay);
        };
        self.form.clear_errors();
        let f = &self.form;
        let Some(kind) = LetterKind::from_code(&f.choice(LetterField::Kind)) else {
            return Ok(Outcome::Stay);
        };
        let lang = Lang::from_code(&f.choice(LetterField::Lang)).unwrap_or_default();
        let out_no = f.text(LetterField::OutNo).trim().to_string();
        let out_date = crate::domain::dates::parse_date(&f.text(LetterField::OutDate));
        if !out_no.is_empty() && out_date.is_none() {
            self.form
                .set_error(LetterField::OutDate, ctx.t(Msg::ErrDate).to_string());
            ctx.error(ctx.t(Msg::FormHasErrors));
            return Ok(Outcome::Stay);
        }
        let names = ctx.office_names();
        let input = LetterInput {
            office: match lang {
                Lang::Kk => names.kk.clone(),
                Lang::Ru => names.ru.clone(),
            },
            signer: f.text(LetterField::Signer).trim().to_string(),
            defects: f.text(LetterField::Defects).trim().to_string(),
        };
        let data_dir = ctx.store.path().parent().map(|p| p.to_path_buf());
        let made = crate::services::letters::make(
            &ctx.store,
            &ctx.office,
            data_dir.as_deref(),
            id,
            kind,
            lang,
            &input,
        );
        let printed = match made {
            Ok(p) => p,
            Err(e @ (ServiceError::Storage(_) | ServiceError::SchemaTooNew { .. })) => {
                return Err(e)
            }
            Err(e) => {
                let msg = crate::i18n::services::service_error(ctx.lang(), &e);
                let field = match e {
                    ServiceError::Letter(crate::docs::letters::LetterError::NoStep) => {
                        LetterField::Kind
                    }
                    _ => LetterField::Defects,
                };
                self.form.set_error(field, msg.clone());
                ctx.error(msg);
                return Ok(Outcome::Stay);
            }
        };
        let base = format!("letter-{}-{}-{}", kind.code(), reg_no, lang.code());
        let title = crate::i18n::rules::letter_kind(lang, kind);
        if let Ok(pdf) = crate::docs::letters::pdf(&printed.html, &title) {
            ctx.write_document(&format!("{base}.pdf"), pdf);
        }
        let Some(path) = ctx.write_document(&format!("{base}.html"), &printed.html) else {
            return Ok(Outcome::Stay);
        };
        ctx.log_print(crate::store::Access::Print, "appeal", Some(id));
        if let (false, Some(day)) = (out_no.is_empty(), out_date) {
            let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
            crate::services::letters::record_outgoing(
                &mut ctx.store,
                &actor,
                now,
                id,
                printed.letter.event_id,
                &out_no,
                day,
            )?;
        }
        self.form.dirty = false;
        ctx.info(format!(
            "{} {} (+ .pdf)",
            ctx.t(Msg::TalonSavedTo),
            path.display()
        ));
        Ok(Outcome::Open(Open::Card(id)))
    }
}

impl Screen for LetterForm {
    fn id(&self) -> ScreenId {
        ScreenId::LetterForm
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
        let lang = ctx.lang();
        let [head, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
        let reg_no = self.appeal.as_ref().map(|a| a.1.as_str()).unwrap_or("");
        f.render_widget(
            Paragraph::new(format!("{}  {reg_no}", Msg::LetterTitle.text(lang)))
                .style(Style::default().add_modifier(Modifier::BOLD)),
            head,
        );
        self.form.draw(f, body, lang);
    }

    fn has_unsaved(&self) -> bool {
        self.form.dirty
    }

    fn discard(&mut self, _ctx: &Ctx) {
        self.form.dirty = false;
    }

    fn back(&self) -> Outcome {
        Outcome::Show(ScreenId::Card)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        matches!(action, Action::Save).then_some(Permission::RegisterAppeal)
    }

    fn open(&mut self, what: Open, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::Letter(id) = what else {
            return Ok(false);
        };
        let appeal = ctx.store.appeal(id)?;
        self.form = build(appeal.applicant.language, ctx.today());
        self.appeal = Some((id, appeal.reg_no));
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
