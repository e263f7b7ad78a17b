//! The office's settings: registration-number prefix and the office's name in
//! Kazakh and Russian (printed on talons and protocols).
use crate::domain::text::{clean_line, limits};
use crate::domain::Lang;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::Store;
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

/// The office settings as typed and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficeSettings {
    pub prefix: String,
    /// Id of the shipped regulation profile the office follows.
    pub profile_id: String,
    pub name_kk: String,
    pub name_ru: String,
}

/// A registration-number prefix: 2 to 8 Latin capitals or digits, starting with a letter.
pub fn valid_prefix(p: &str) -> bool {
    (2..=8).contains(&p.len())
        && p.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && p.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The fields of the settings form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsField {
    Prefix,
    NameKk,
    NameRu,
    Profile,
    Theme,
    Printer,
    ReceiptPrinter,
    ReceiptWidth,
}

/// The settings screen: one form.
#[derive(Default)]
pub struct SettingsScreen {
    pub form: Form<SettingsField>,
}

pub fn form(store: &Store) -> Result<Form<SettingsField>, crate::store::StoreError> {
    let mut f = Form::new(vec![
        Field::text(SettingsField::Prefix, Msg::FieldOfficePrefix),
        Field::text(SettingsField::NameKk, Msg::FieldOfficeNameKk),
        Field::text(SettingsField::NameRu, Msg::FieldOfficeNameRu),
        Field::choice(
            SettingsField::Profile,
            Msg::FieldProfile,
            crate::assets::PROFILES
                .iter()
                .filter_map(|(id, text)| {
                    crate::domain::profile::Profile::parse(text)
                        .ok()
                        .map(|p| (id.to_string(), p.name_kk, p.name_ru))
                })
                .collect(),
        ),
        Field::choice(SettingsField::Theme, Msg::FieldTheme, theme_options()),
        Field::text(SettingsField::Printer, Msg::FieldPrinter),
        Field::text(SettingsField::ReceiptPrinter, Msg::FieldReceiptPrinter),
        Field::text(SettingsField::ReceiptWidth, Msg::FieldReceiptWidth),
    ]);
    let get = |k: &str| store.setting(k).map(Option::unwrap_or_default);
    f.set_choice(SettingsField::Theme, &get(crate::ui::theme::KEY_THEME)?);
    f.set_text(SettingsField::Printer, &get(crate::print::KEY_PRINTER)?);
    f.set_text(
        SettingsField::ReceiptPrinter,
        &get(crate::print::KEY_RECEIPT_PRINTER)?,
    );
    f.set_text(
        SettingsField::ReceiptWidth,
        &get(crate::print::KEY_RECEIPT_WIDTH)?,
    );
    let settings = store.office_settings()?;
    let default_profile = crate::assets::default_profile().id;
    f.set_choice(
        SettingsField::Profile,
        settings.profile_id.as_deref().unwrap_or(&default_profile),
    );
    f.set_text(SettingsField::Prefix, &settings.prefix);
    f.set_text(SettingsField::NameKk, &settings.name_kk);
    f.set_text(SettingsField::NameRu, &settings.name_ru);
    f.dirty = false;
    Ok(f)
}

/// The themes to choose from: automatic ("", by the terminal), then the three.
fn theme_options() -> Vec<(String, String, String)> {
    [
        ("", Msg::ThemeAuto),
        ("default", Msg::ThemeDefault),
        ("contrast", Msg::ThemeContrast),
        ("mono", Msg::ThemeMono),
    ]
    .iter()
    .map(|(code, m)| {
        (
            code.to_string(),
            m.text(Lang::Kk).to_string(),
            m.text(Lang::Ru).to_string(),
        )
    })
    .collect()
}

/// The desk's own settings of this form (theme and printers), checked: the
/// (key, value) pairs to store, or `None` with the error next to its field.
pub fn desk_settings(
    f: &mut Form<SettingsField>,
    lang: Lang,
) -> Option<Vec<(&'static str, String)>> {
    let width = f.text(SettingsField::ReceiptWidth).trim().to_string();
    if !width.is_empty() && !width.parse::<usize>().is_ok_and(|w| (16..=80).contains(&w)) {
        f.set_error(
            SettingsField::ReceiptWidth,
            Msg::ErrReceiptWidth.text(lang).into(),
        );
        f.focus_first_error();
        return None;
    }
    let mut out = vec![(crate::ui::theme::KEY_THEME, f.choice(SettingsField::Theme))];
    for (key, id) in [
        (crate::print::KEY_PRINTER, SettingsField::Printer),
        (
            crate::print::KEY_RECEIPT_PRINTER,
            SettingsField::ReceiptPrinter,
        ),
    ] {
        match clean_line(&f.text(id), limits::ORG_NAME) {
            Ok(v) => out.push((key, v)),
            Err(e) => {
                f.set_error(
                    id,
                    crate::i18n::ui::problem(lang, crate::domain::register::Problem::Text(e)),
                );
                f.focus_first_error();
                return None;
            }
        }
    }
    out.push((crate::print::KEY_RECEIPT_WIDTH, width));
    Some(out)
}

/// Checks the form; errors go next to the fields.
pub fn checked(f: &mut Form<SettingsField>, lang: Lang) -> Option<OfficeSettings> {
    f.clear_errors();
    let prefix = f.text(SettingsField::Prefix).trim().to_uppercase();
    let mut ok = true;
    if !valid_prefix(&prefix) {
        f.set_error(SettingsField::Prefix, Msg::ErrPrefix.text(lang).into());
        ok = false;
    }
    let mut names = Vec::new();
    for id in [SettingsField::NameKk, SettingsField::NameRu] {
        match clean_line(&f.text(id), limits::ORG_NAME) {
            Ok(v) if !v.is_empty() => names.push(v),
            Ok(_) => {
                f.set_error(id, Msg::ErrRequired.text(lang).into());
                ok = false;
            }
            Err(e) => {
                f.set_error(
                    id,
                    crate::i18n::ui::problem(lang, crate::domain::register::Problem::Text(e)),
                );
                ok = false;
            }
        }
    }
    if !ok {
        f.focus_first_error();
        return None;
    }
    Some(OfficeSettings {
        prefix,
        profile_id: f.choice(SettingsField::Profile),
        name_kk: names[0].clone(),
        name_ru: names[1].clone(),
    })
}

fn draw(v: &SettingsScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Msg::ScreenSettings.text(lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    v.form.draw(f, inner, lang);
}

impl SettingsScreen {
    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let checked = checked(&mut self.form, ctx.lang());
        let desk = checked
            .as_ref()
            .and_then(|_| desk_settings(&mut self.form, ctx.lang()));
        let (Some(s), Some(desk)) = (checked, desk) else {
            ctx.error(ctx.t(Msg::FormHasErrors));
            return Ok(Outcome::Stay);
        };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let theme_before = ctx
            .store
            .setting(crate::ui::theme::KEY_THEME)?
            .unwrap_or_default();
        for (key, value) in &desk {
            ctx.store.set_setting(&actor, now, key, value)?;
        }
        // A new theme shows at once.
        let theme = ctx
            .store
            .setting(crate::ui::theme::KEY_THEME)?
            .unwrap_or_default();
        if theme != theme_before {
            crate::ui::theme::set(crate::ui::theme::for_setting(Some(&theme)));
        }
        let mut settings = ctx.office.settings.clone();
        let new_profile = settings.profile_id.as_deref() != Some(s.profile_id.as_str());
        settings.prefix = s.prefix;
        settings.name_kk = s.name_kk;
        settings.name_ru = s.name_ru;
        settings.profile_id = Some(s.profile_id);
        ctx.store.save_office_settings(&actor, now, &settings)?;
        if new_profile {
            let (profile, _) = crate::assets::load_profile(
                crate::paths::config_dir().as_deref(),
                settings.profile_id.as_deref(),
            );
            ctx.office.profile = profile;
            ctx.changes.profile = true;
        }
        ctx.office.settings = settings;
        self.form.dirty = false;
        ctx.info(ctx.t(Msg::Saved));
        Ok(Outcome::Go(ScreenId::Officials))
    }
}

impl Screen for SettingsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Settings
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

    fn has_unsaved(&self) -> bool {
        self.form.dirty
    }

    fn discard(&mut self, _ctx: &Ctx) {
        self.form.dirty = false;
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Officials)
    }

    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        self.form = form(&ctx.store)?;
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn prefixes() {
        assert!(super::valid_prefix("KHR"));
        assert!(super::valid_prefix("ALM2"));
        assert!(!super::valid_prefix("K"));
        assert!(!super::valid_prefix("2KH"));
        assert!(!super::valid_prefix("ХРМ"));
    }
}
