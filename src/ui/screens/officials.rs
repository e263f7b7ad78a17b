//! The directory of officials who receive: list, add, edit, retire.
use crate::domain::permissions::Permission;
use crate::domain::text::{self, display, limits};
use crate::domain::validate;
use crate::domain::{Lang, Official, OfficialCategory};
use crate::i18n::ui::{official_category, Msg};
use crate::services::ServiceError;
use crate::store::{Store, StoreError};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{move_delta, Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crate::ui::widgets::table;
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};
use ratatui::Frame;

/// The list of officials.
#[derive(Default)]
pub struct OfficialsView {
    pub list: Vec<Official>,
    /// The room of each official (same order as `list`).
    pub rooms: Vec<String>,
    pub state: TableState,
}

/// The fields of the official form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfficialField {
    Surname,
    Name,
    Patronymic,
    PositionKk,
    PositionRu,
    Category,
    Room,
    Active,
}

/// The form of one official (new or edited).
#[derive(Default)]
pub struct OfficialForm {
    pub form: Form<OfficialField>,
    /// The room as stored when the form opened.
    pub room: String,
    /// The official being edited; `None` means a new one.
    pub editing: Option<i64>,
}

impl OfficialsView {
    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        self.list = store.officials(false)?;
        self.rooms = self
            .list
            .iter()
            .map(|o| store.official_room(o.id))
            .collect::<Result<_, _>>()?;
        table::clamp(&mut self.state, self.list.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&Official> {
        self.state.selected().and_then(|i| self.list.get(i))
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.list.len(), delta);
    }
}

impl OfficialForm {
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
            Field::text(OfficialField::Surname, Msg::FieldSurname),
            Field::text(OfficialField::Name, Msg::FieldName),
            Field::text(OfficialField::Patronymic, Msg::FieldPatronymic),
            Field::text(OfficialField::PositionKk, Msg::FieldPositionKk),
            Field::text(OfficialField::PositionRu, Msg::FieldPositionRu),
            Field::choice(OfficialField::Category, Msg::FieldOfficialCategory, cats),
            Field::text(OfficialField::Room, Msg::FieldRoom),
            Field::check(OfficialField::Active, Msg::FieldActive, true),
        ]);
        if let Some(o) = o {
            f.set_text(OfficialField::Surname, &o.surname);
            f.set_text(OfficialField::Name, &o.name);
            f.set_text(OfficialField::Patronymic, &o.patronymic);
            f.set_text(OfficialField::PositionKk, &o.position_kk);
            f.set_text(OfficialField::PositionRu, &o.position_ru);
            f.set_choice(
                OfficialField::Category,
                o.category.map(|c| c.code()).unwrap_or("other"),
            );
            f.set_check(OfficialField::Active, o.active);
            f.set_text(OfficialField::Room, &self.room);
        } else {
            f.set_choice(OfficialField::Category, "unit_head");
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
            category: OfficialCategory::from_code(&f.choice(OfficialField::Category)),
            active: f.check(OfficialField::Active),
            ..Default::default()
        };
        for (id, required, is_name) in [
            (OfficialField::Surname, true, true),
            (OfficialField::Name, true, true),
            (OfficialField::Patronymic, false, true),
            (OfficialField::PositionKk, true, false),
            (OfficialField::PositionRu, true, false),
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
                OfficialField::Surname => out.surname = v,
                OfficialField::Name => out.name = v,
                OfficialField::Patronymic => out.patronymic = v,
                OfficialField::PositionKk => out.position_kk = v,
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

fn draw_list(v: &mut OfficialsView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    if v.list.is_empty() {
        f.render_widget(
            Paragraph::new(Msg::OfficialsEmpty.text(lang))
                .block(Block::default().borders(Borders::ALL)),
            area,
        );
        return;
    }
    let widths = [
        Constraint::Min(20),
        Constraint::Min(16),
        Constraint::Length(16),
        Constraint::Length(8),
        Constraint::Length(8),
    ];
    // A cell cut at its column's display width ends with "…".
    let cols = crate::ui::widgets::table::column_widths(&widths, area.width.saturating_sub(2));
    let fit = |cells: Vec<String>| crate::ui::widgets::table::cut_cells(&cells, &cols);
    let rows = v.list.iter().zip(&v.rooms).map(|(o, room)| {
        let style = if o.active {
            Style::default()
        } else {
            Style::default().fg(Color::DarkGray)
        };
        Row::new(fit(vec![
            display(&o.full_name()).into_owned(),
            display(o.position(lang)).into_owned(),
            o.category
                .map(|c| official_category(lang, c))
                .unwrap_or("")
                .to_string(),
            display(room).into_owned(),
            if o.active {
                Msg::Yes.text(lang)
            } else {
                Msg::No.text(lang)
            }
            .to_string(),
        ]))
        .style(style)
    });
    let t = Table::new(rows, widths)
        .header(crate::ui::widgets::table::header_row(
            &[
                Msg::ColOfficialName.text(lang),
                Msg::ColPosition.text(lang),
                Msg::ColCategory.text(lang),
                Msg::ColRoom.text(lang),
                Msg::ColActive.text(lang),
            ],
            &cols,
        ))
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::ScreenOfficials.text(lang)),
        );
    f.render_stateful_widget(t, area, &mut v.state);
}

fn draw_form(v: &OfficialForm, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Msg::ScreenOfficials.text(lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    v.form.draw(f, inner, lang);
}

impl Screen for OfficialsView {
    fn id(&self) -> ScreenId {
        ScreenId::Officials
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(d) = move_delta(&action) {
            self.step(d);
            return Ok(Outcome::Stay);
        }
        Ok(match action {
            // A copy of the database in the background (Esc cancels it).
            Action::BackupNow => {
                Outcome::Popup(crate::ui::popup::Popup::Task(crate::ui::task::backup(ctx)?))
            }
            Action::OpenSelected => match self.selected() {
                Some(o) => Outcome::Open(Open::OfficialForm(Some(o.clone()))),
                None => Outcome::Stay,
            },
            Action::AddNew => Outcome::Open(Open::OfficialForm(None)),
            Action::OfficialSchedule => {
                Outcome::Open(Open::Schedule(self.selected().map(|o| o.id)))
            }
            other => Outcome::Pass(other),
        })
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_list(self, f, area, ctx)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        if *action == Action::BackupNow {
            return Some(Permission::ManageDatabase);
        }
        matches!(action, Action::OpenSelected | Action::AddNew).then_some(Permission::ManageProfile)
    }

    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        self.refresh(&ctx.store)?;
        Ok(true)
    }
}

impl OfficialForm {
    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(o) = self.checked(ctx.lang()) else {
            ctx.error(ctx.t(Msg::FormHasErrors));
            return Ok(Outcome::Stay);
        };
        let room =
            match text::clean_line(&self.form.text(OfficialField::Room), crate::store::ROOM_MAX) {
                Ok(r) => r,
                Err(e) => {
                    let lang = ctx.lang();
                    self.form.set_error(
                        OfficialField::Room,
                        crate::i18n::ui::problem(lang, crate::domain::register::Problem::Text(e)),
                    );
                    self.form.focus_first_error();
                    ctx.error(ctx.t(Msg::FormHasErrors));
                    return Ok(Outcome::Stay);
                }
            };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let mut o = o;
        if self.editing.is_none() {
            o.id = 0;
        }
        crate::services::schedule::save_official(&mut ctx.store, &actor, now, &o, &room)?;
        self.form.dirty = false;
        ctx.changes.officials = true;
        ctx.info(ctx.t(Msg::Saved));
        Ok(Outcome::Go(ScreenId::Officials))
    }
}

impl Screen for OfficialForm {
    fn id(&self) -> ScreenId {
        ScreenId::OfficialForm
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

    fn has_unsaved(&self) -> bool {
        self.form.dirty
    }

    fn discard(&mut self, _ctx: &Ctx) {
        self.form.dirty = false;
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Officials)
    }

    fn open(&mut self, what: Open, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::OfficialForm(o) = what else {
            return Ok(false);
        };
        self.room = match &o {
            Some(o) => ctx.store.official_room(o.id)?,
            None => String::new(),
        };
        self.open_form(o.as_ref());
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
