//! The registration form (and the same form to edit a registered appeal), with
//! inline validation by `domain::register::check_appeal`.
use crate::domain::profile::Profile;
use crate::domain::register::{check_appeal, Field as DField, FieldError};
use crate::domain::{Appeal, AppealDraft, Applicant, ApplicantKind, Channel, Lang, Official};
use crate::i18n::ui::{channel, problem, Msg};
use crate::ui::app::App;
use crate::ui::widgets::form::{Field, FieldId, Form};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::collections::HashSet;

pub struct RegisterForm {
    pub form: Form,
    /// The appeal being edited; `None` for a new registration.
    pub editing: Option<Appeal>,
    /// Fields the clerk has left at least once: only these show errors while typing.
    touched: HashSet<FieldId>,
    /// Earlier appeals of this applicant (IIN) on this topic that were received or
    /// answered: the new one is a repeat appeal.
    pub repeat: Vec<crate::store::AppealRow>,
    /// The repeat list was found by the folded name (no valid IIN typed): a
    /// possible repeat, namesakes included.
    pub repeat_by_name: bool,
    /// The (IIN, folded name, topic) the repeat list was looked up for.
    repeat_key: (String, String, String),
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

/// Maps a domain field to this form's field id.
fn field_id(f: DField) -> FieldId {
    match f {
        DField::Kind => "kind",
        DField::Surname => "surname",
        DField::Name => "name",
        DField::Patronymic => "patronymic",
        DField::Iin => "iin",
        DField::Bin => "bin",
        DField::OrgName => "org",
        DField::AuthorityDoc => "authority",
        DField::Phone => "phone",
        DField::Address => "address",
        DField::Category => "category",
        DField::Channel => "channel",
        DField::Topic => "topic",
        DField::Settlement => "settlement",
        DField::Essence => "essence",
        DField::NationalRegNo => "national_no",
        DField::Official => "official",
        _ => "",
    }
}

fn build(profile: &Profile, officials: &[Official]) -> Form {
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
        ("kk".into(), "Қазақ тілі".into(), "Казахский".into()),
        ("ru".into(), "Орыс тілі".into(), "Русский".into()),
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
    Form::new(vec![
        Field::choice("channel", Msg::FieldChannel, channels),
        Field::choice("kind", Msg::FieldKind, kinds),
        Field::text("surname", Msg::FieldSurname),
        Field::text("name", Msg::FieldName),
        Field::text("patronymic", Msg::FieldPatronymic),
        Field::text("iin", Msg::FieldIin),
        Field::text("bin", Msg::FieldBin),
        Field::text("org", Msg::FieldOrgName),
        Field::text("authority", Msg::FieldAuthorityDoc),
        Field::text("phone", Msg::FieldPhone),
        Field::text("address", Msg::FieldAddress),
        Field::choice("language", Msg::FieldLanguage, langs),
        Field::choice("category", Msg::FieldCategory, cats),
        Field::check("interpreter", Msg::FieldInterpreter, false),
        Field::choice("topic", Msg::FieldTopic, topics),
        Field::text("settlement", Msg::FieldSettlement),
        Field::choice("official", Msg::FieldOfficial, offs),
        Field::text("essence", Msg::FieldEssence),
        Field::text("national_no", Msg::FieldNationalRegNo),
        Field::check("consent", Msg::FieldConsent, true),
        Field::check("receive_today", Msg::FieldReceiveToday, true),
        Field::check("from_reception", Msg::FieldFromReception, false),
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
        };
        r.reset(profile, officials, lang);
        r
    }

    /// An empty form for the next applicant.
    pub fn reset(&mut self, profile: &Profile, officials: &[Official], lang: Lang) {
        self.form = build(profile, officials);
        self.form.set_choice("language", lang.code());
        self.editing = None;
        self.touched.clear();
        self.repeat.clear();
        self.repeat_by_name = false;
        self.repeat_key = Default::default();
        self.sync_kind();
        self.form.focus_on("surname");
    }

    /// Fills the form from a stored appeal to edit it.
    pub fn load(&mut self, a: &Appeal, profile: &Profile, officials: &[Official], lang: Lang) {
        self.reset(profile, officials, lang);
        let f = &mut self.form;
        let p = &a.applicant;
        f.set_choice("channel", a.channel.code());
        f.set_choice("kind", p.kind().code());
        f.set_text("surname", &p.surname);
        f.set_text("name", &p.name);
        f.set_text("patronymic", &p.patronymic);
        f.set_text("iin", &p.iin);
        f.set_text("bin", &p.bin);
        f.set_text("org", &p.org_name);
        f.set_text("authority", &p.authority_doc);
        f.set_text("phone", &p.phone);
        f.set_text("address", &p.address);
        f.set_choice("language", p.language.code());
        f.set_choice("category", p.category.as_deref().unwrap_or(""));
        f.set_check("interpreter", p.needs_interpreter);
        f.set_choice("topic", &a.topic);
        f.set_text("settlement", &a.settlement);
        f.set_choice(
            "official",
            &a.requested_official
                .map(|i| i.to_string())
                .unwrap_or_default(),
        );
        f.set_text("essence", &a.essence);
        f.set_text("national_no", &a.national_reg_no);
        f.set_check("consent", p.consent);
        f.set_check("receive_today", false);
        f.set_hidden("receive_today", true);
        f.set_check("from_reception", a.from_personal_reception);
        f.dirty = false;
        self.editing = Some(a.clone());
        self.sync_kind();
    }

    fn sync_kind(&mut self) {
        let legal = self.form.choice("kind") == "legal";
        for id in ["bin", "org", "authority"] {
            self.form.set_hidden(id, !legal);
        }
    }

    /// The draft as typed (not yet checked).
    pub fn draft(&self, officials: &[Official]) -> AppealDraft {
        let f = &self.form;
        let cat = f.choice("category");
        let official = f
            .choice("official")
            .parse::<i64>()
            .ok()
            .filter(|id| officials.iter().any(|o| o.id == *id));
        AppealDraft {
            applicant: Applicant {
                id: None,
                kind: ApplicantKind::from_code(&f.choice("kind")),
                surname: f.text("surname"),
                name: f.text("name"),
                patronymic: f.text("patronymic"),
                iin: f.text("iin"),
                bin: f.text("bin"),
                org_name: f.text("org"),
                authority_doc: f.text("authority"),
                phone: f.text("phone"),
                address: f.text("address"),
                language: Lang::from_code(&f.choice("language")).unwrap_or_default(),
                category: (!cat.is_empty()).then_some(cat),
                needs_interpreter: f.check("interpreter"),
                consent: f.check("consent"),
            },
            channel: Channel::from_code(&f.choice("channel")),
            essence: f.text("essence"),
            topic: f.choice("topic"),
            settlement: f.text("settlement"),
            requested_official: official,
            national_reg_no: f.text("national_no"),
            receive_today: f.check("receive_today") && self.editing.is_none(),
            from_personal_reception: f.check("from_reception"),
        }
    }

    /// Looks up earlier appeals of the same applicant on the same topic when the IIN
    /// (valid), the name or the topic changed: one indexed query, and none while
    /// they stay the same. With a valid IIN by the IIN; without one by the name
    /// under the search folding (Омирбекова = Өмірбекова), as a possible repeat.
    pub fn check_repeat(&mut self, store: &crate::store::Store) {
        let iin: String = self
            .form
            .text("iin")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let (surname, name, patronymic) = (
            self.form.text("surname"),
            self.form.text("name"),
            self.form.text("patronymic"),
        );
        let folded = crate::domain::fold::fold(&format!("{surname} {name} {patronymic}"));
        let topic = self.form.choice("topic");
        let key = (iin.clone(), folded, topic.clone());
        if key == self.repeat_key {
            return;
        }
        self.repeat_key = key;
        let editing = self.editing.as_ref().map(|a| a.id);
        let iin_ok = crate::domain::validate::iin(&iin).is_ok();
        let found = if topic.is_empty() {
            Ok(Vec::new())
        } else if iin_ok {
            store.previous_appeals(&iin, &topic)
        } else {
            store.previous_appeals_by_name(&surname, &name, &patronymic, &topic)
        };
        self.repeat = found
            .unwrap_or_default()
            .into_iter()
            .filter(|r| Some(r.id) != editing)
            .collect();
        self.repeat_by_name = !iin_ok;
    }

    /// Marks the focused field as visited (its errors show from now on).
    pub fn leave_field(&mut self, profile: &Profile, lang: Lang) {
        self.touched.insert(self.form.focused_id());
        self.after_edit(profile, lang);
    }

    /// Inline validation of the visited fields after every change.
    pub fn after_edit(&mut self, profile: &Profile, lang: Lang) {
        self.sync_kind();
        let errors = check_appeal(&self.draft(&[]), profile)
            .err()
            .unwrap_or_default();
        for fld in &mut self.form.fields {
            if self.touched.contains(fld.id) {
                fld.error = errors
                    .iter()
                    .find(|e| field_id(e.field) == fld.id)
                    .map(|e| problem(lang, e.problem));
            }
        }
    }

    /// Shows every error after a refused save and moves to the first one.
    pub fn show_errors(&mut self, errors: &[FieldError], lang: Lang) {
        self.form.clear_errors();
        for e in errors {
            let id = field_id(e.field);
            self.touched.insert(id);
            self.form.set_error(id, problem(lang, e.problem));
        }
        self.form.focus_first_error();
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let title = match &app.register.editing {
        Some(a) => format!("{}: {}", Msg::ScreenEdit.text(lang), a.reg_no),
        None => Msg::ScreenRegister.text(lang).to_string(),
    };
    f.render_widget(
        Paragraph::new(title).style(Style::default().add_modifier(Modifier::BOLD)),
        head,
    );
    let body = if let Some(first) = app.register.repeat.first() {
        let [warn, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        let more = app.register.repeat.len() - 1;
        f.render_widget(
            Paragraph::new(format!(
                "{} {} {} ({}){}",
                if app.register.repeat_by_name {
                    Msg::RepeatByName.text(lang)
                } else {
                    Msg::RepeatAppeal.text(lang)
                },
                first.reg_no,
                first.registered_on.format("%d.%m.%Y"),
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
    app.register.form.draw(f, body, lang);
}
