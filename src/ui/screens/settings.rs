//! The office's settings: registration-number prefix and the office's name in
//! Kazakh and Russian (printed on talons and protocols).
use crate::domain::text::{clean_line, limits};
use crate::domain::Lang;
use crate::i18n::ui::Msg;
use crate::store::{Store, StoreError};
use crate::ui::app::App;
use crate::ui::widgets::form::{Field, Form};
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

pub fn form(store: &Store) -> Result<Form, StoreError> {
    let mut f = Form::new(vec![
        Field::text("prefix", Msg::FieldOfficePrefix),
        Field::text("name_kk", Msg::FieldOfficeNameKk),
        Field::text("name_ru", Msg::FieldOfficeNameRu),
        Field::choice(
            "profile",
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
    ]);
    f.set_choice(
        "profile",
        &store
            .setting("profile_id")?
            .unwrap_or_else(|| "model-2023".into()),
    );
    f.set_text(
        "prefix",
        &store
            .setting("office_prefix")?
            .unwrap_or_else(|| "QBL".into()),
    );
    f.set_text(
        "name_kk",
        &store.setting("office_name_kk")?.unwrap_or_default(),
    );
    f.set_text(
        "name_ru",
        &store.setting("office_name_ru")?.unwrap_or_default(),
    );
    f.dirty = false;
    Ok(f)
}

/// Checks the form; errors go next to the fields.
pub fn checked(f: &mut Form, lang: Lang) -> Option<OfficeSettings> {
    f.clear_errors();
    let prefix = f.text("prefix").trim().to_uppercase();
    let mut ok = true;
    if !valid_prefix(&prefix) {
        f.set_error("prefix", Msg::ErrPrefix.text(lang).into());
        ok = false;
    }
    let mut names = Vec::new();
    for id in ["name_kk", "name_ru"] {
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
        profile_id: f.choice("profile"),
        name_kk: names[0].clone(),
        name_ru: names[1].clone(),
    })
}

pub fn draw(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Msg::ScreenSettings.text(lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    app.settings_form.draw(f, inner, lang);
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
