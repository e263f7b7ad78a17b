//! The directory of officials who receive: list, add, edit, retire.
use crate::domain::text::{self, display, limits};
use crate::domain::validate;
use crate::domain::{Lang, Official, OfficialCategory};
use crate::i18n::ui::{official_category, Msg};
use crate::store::{Store, StoreError};
use crate::ui::app::App;
use crate::ui::widgets::form::{Field, Form};
use crate::ui::widgets::table;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};
use ratatui::Frame;

#[derive(Default)]
pub struct OfficialsView {
    pub list: Vec<Official>,
    pub state: TableState,
    pub form: Form,
    /// The official being edited; `None` with an open form means a new one.
    pub editing: Option<i64>,
}

impl OfficialsView {
    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        self.list = store.officials(false)?;
        table::clamp(&mut self.state, self.list.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&Official> {
        self.state.selected().and_then(|i| self.list.get(i))
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.list.len(), delta);
    }

    /// Opens the form, filled from `o` or empty.
    pub fn open_form(&mut self, o: Option<&Official>) {
        let cats = OfficialCategory::ALL
            .iter()
            .map(|c| {
                (
                    c.code().to_string(),
                    official_category(Lang::Kk, *c).to_string(),
                    official_category(Lang::Ru, *c).to_string(),
                )
            })
            .collect();
        let mut f = Form::new(vec![
            Field::text("surname", Msg::FieldSurname),
            Field::text("name", Msg::FieldName),
            Field::text("patronymic", Msg::FieldPatronymic),
            Field::text("position_kk", Msg::FieldPositionKk),
            Field::text("position_ru", Msg::FieldPositionRu),
            Field::choice("category", Msg::FieldOfficialCategory, cats),
            Field::check("active", Msg::FieldActive, true),
        ]);
        if let Some(o) = o {
            f.set_text("surname", &o.surname);
            f.set_text("name", &o.name);
            f.set_text("patronymic", &o.patronymic);
            f.set_text("position_kk", &o.position_kk);
            f.set_text("position_ru", &o.position_ru);
            f.set_choice("category", o.category.map(|c| c.code()).unwrap_or("other"));
            f.set_check("active", o.active);
        } else {
            f.set_choice("category", "unit_head");
        }
        f.dirty = false;
        self.editing = o.map(|o| o.id);
        self.form = f;
    }

    /// The official as typed, checked; errors are put next to the fields.
    pub fn checked(&mut self, lang: Lang) -> Option<Official> {
        let f = &mut self.form;
        f.clear_errors();
        let mut ok = true;
        let mut out = Official {
            id: self.editing.unwrap_or(0),
            category: OfficialCategory::from_code(&f.choice("category")),
            active: f.check("active"),
            ..Default::default()
        };
        for (id, required, is_name) in [
            ("surname", true, true),
            ("name", true, true),
            ("patronymic", false, true),
            ("position_kk", true, false),
            ("position_ru", true, false),
        ] {
            let raw = f.text(id);
            let max = if is_name { limits::NAME } else { limits::SHORT };
            let v = match text::clean_line(&raw, max) {
                Ok(v) => v,
                Err(e) => {
                    f.set_error(
                        id,
                        crate::i18n::ui::problem(lang, crate::domain::register::Problem::Text(e)),
                    );
                    ok = false;
                    continue;
                }
            };
            if v.is_empty() && required {
                f.set_error(id, Msg::ErrRequired.text(lang).into());
                ok = false;
            } else if is_name && !v.is_empty() {
                if let Err(e) = validate::name(&v) {
                    f.set_error(
                        id,
                        crate::i18n::ui::problem(lang, crate::domain::register::Problem::Name(e)),
                    );
                    ok = false;
                }
            }
            match id {
                "surname" => out.surname = v,
                "name" => out.name = v,
                "patronymic" => out.patronymic = v,
                "position_kk" => out.position_kk = v,
                _ => out.position_ru = v,
            }
        }
        if !ok {
            f.focus_first_error();
            return None;
        }
        Some(out)
    }
}

pub fn draw_list(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let v = &mut app.officials_view;
    if v.list.is_empty() {
        f.render_widget(
            Paragraph::new(Msg::OfficialsEmpty.text(lang))
                .block(Block::default().borders(Borders::ALL)),
            area,
        );
        return;
    }
    let rows = v.list.iter().map(|o| {
        let style = if o.active {
            Style::default()
        } else {
            Style::default().fg(Color::DarkGray)
        };
        Row::new(vec![
            display(&o.full_name()).into_owned(),
            display(o.position(lang)).into_owned(),
            o.category
                .map(|c| official_category(lang, c))
                .unwrap_or("")
                .to_string(),
            if o.active {
                Msg::Yes.text(lang)
            } else {
                Msg::No.text(lang)
            }
            .to_string(),
        ])
        .style(style)
    });
    let t = Table::new(
        rows,
        [
            Constraint::Min(20),
            Constraint::Min(20),
            Constraint::Length(18),
            Constraint::Length(6),
        ],
    )
    .header(
        Row::new(vec![
            Msg::ColName.text(lang),
            Msg::FieldPositionKk.text(lang),
            Msg::FieldOfficialCategory.text(lang),
            Msg::FieldActive.text(lang),
        ])
        .style(Style::default().add_modifier(Modifier::UNDERLINED)),
    )
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(Msg::ScreenOfficials.text(lang)),
    );
    f.render_stateful_widget(t, area, &mut v.state);
}

pub fn draw_form(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Msg::ScreenOfficials.text(lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    app.officials_view.form.draw(f, inner, lang);
}
