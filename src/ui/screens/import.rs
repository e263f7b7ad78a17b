//! Import of appeals from a journal file: a check first (nothing written) that
//! shows which column is used for what; values no classifier entry matched are
//! listed once each with their count, and the clerk maps each to an entry, adds
//! it (topics) or keeps it as "other" (Left/Right), then F5 checks again with
//! those decisions and the preview popup's Y imports.
use crate::domain::permissions::Permission;
use crate::i18n::ui::Msg;
use crate::journal::mapping::{Decision, Mapping, ValueField};
use crate::services::ServiceError;

use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::popup::Popup;
use crate::ui::screen::{Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;
use std::path::{Path, PathBuf};

/// The fields of the import form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportField {
    Path,
}

/// One unmatched value of the journal and what the clerk chose for it.
#[derive(Clone, Debug)]
pub struct MapRow {
    pub field: ValueField,
    pub value: String,
    /// Rows of the journal with this value.
    pub count: usize,
    /// What it can become, with the kk and ru labels of each choice.
    pub options: Vec<(Decision, String, String)>,
    /// The index into `options` chosen.
    pub chosen: usize,
}

impl MapRow {
    pub fn decision(&self) -> &Decision {
        &self.options[self.chosen.min(self.options.len() - 1)].0
    }

    /// Chooses the option whose decision is `d` (tests, and keeping a choice).
    pub fn choose(&mut self, d: &Decision) -> bool {
        match self.options.iter().position(|(o, _, _)| o == d) {
            Some(i) => {
                self.chosen = i;
                true
            }
            None => false,
        }
    }
}

#[derive(Default)]
pub struct ImportScreen {
    pub form: Form<ImportField>,
    /// The file checked last (the mapping list is for it).
    pub checked: Option<PathBuf>,
    /// Which column is used for what, as the last check found.
    pub columns: Vec<(String, String)>,
    /// The unmatched values of the last check.
    pub map: Vec<MapRow>,
    pub state: TableState,
}

/// The choices of a value of `field`: undecided, "other" (topics and categories),
/// each classifier entry, and a new entry (topics).
fn options(
    field: ValueField,
    profile: &crate::domain::profile::Profile,
) -> Vec<(Decision, String, String)> {
    let mut v = vec![(
        Decision::Undecided,
        Msg::MapUndecided.text(crate::domain::Lang::Kk).to_string(),
        Msg::MapUndecided.text(crate::domain::Lang::Ru).to_string(),
    )];
    if matches!(field, ValueField::Topic | ValueField::Category) {
        v.push((
            Decision::Other,
            Msg::MapOther.text(crate::domain::Lang::Kk).to_string(),
            Msg::MapOther.text(crate::domain::Lang::Ru).to_string(),
        ));
    }
    if field == ValueField::Topic {
        v.push((
            Decision::Add {
                code: String::new(),
                kk: String::new(),
                ru: String::new(),
            },
            Msg::MapAdd.text(crate::domain::Lang::Kk).to_string(),
            Msg::MapAdd.text(crate::domain::Lang::Ru).to_string(),
        ));
    }
    v.extend(
        crate::journal::mapping::choices(field, profile)
            .into_iter()
            .map(|l| (Decision::To(l.code), l.kk, l.ru)),
    );
    v
}

/// What a column is used for, in the clerk's language (its key when unknown).
fn column_use(lang: crate::domain::Lang, key: &str) -> String {
    let m = match key {
        "registered_on" => Msg::ColDate,
        "channel" => Msg::FieldChannel,
        "surname" => Msg::FieldSurname,
        "name" => Msg::FieldName,
        "patronymic" => Msg::FieldPatronymic,
        "full_name" => Msg::ImportFullName,
        "iin" => Msg::FieldIin,
        "phone" => Msg::FieldPhone,
        "language" => Msg::FieldLanguage,
        "category" => Msg::FieldCategory,
        "topic" => Msg::FieldTopic,
        "settlement" => Msg::FieldSettlement,
        "essence" => Msg::FieldEssence,
        "not used" | "not_used" => Msg::ImportNotUsed,
        other => return other.to_string(),
    };
    m.text(lang).to_string()
}

fn field_label(field: ValueField) -> Msg {
    match field {
        ValueField::Topic => Msg::FieldTopic,
        ValueField::Category => Msg::FieldCategory,
        ValueField::Channel => Msg::FieldChannel,
        ValueField::Language => Msg::FieldLanguage,
    }
}

impl ImportScreen {
    /// The clerk's decisions as a mapping (undecided values left out).
    pub fn decisions(&self) -> Mapping {
        let mut m = Mapping::default();
        for r in &self.map {
            if *r.decision() != Decision::Undecided {
                m.set(r.field, &r.value, r.decision().clone());
            }
        }
        m
    }

    /// Checks the file named in the form (nothing is written) with the decisions
    /// made on this screen: the columns used, the values left to decide, and the
    /// preview popup when every value is decided.
    fn check(&mut self, ctx: &mut Ctx) -> Outcome {
        let raw = self.form.text(ImportField::Path);
        let path = PathBuf::from(raw.trim());
        if self.checked.as_ref() != Some(&path) {
            self.map.clear();
        }
        let given = self.decisions();
        match check_journal(ctx, &path, &given) {
            Ok((outcome, profile)) => {
                self.checked = Some(path.clone());
                self.columns = outcome
                    .columns
                    .iter()
                    .filter(|c| !c.heading.is_empty())
                    .map(|c| (c.heading.clone(), c.used_for.key().to_string()))
                    .collect();
                // Decided values stay listed (they no longer come back unmatched)
                // so the clerk can still change them.
                let keep = std::mem::take(&mut self.map);
                self.map = keep
                    .iter()
                    .filter(|k| *k.decision() != Decision::Undecided)
                    .cloned()
                    .collect();
                for u in &outcome.unmatched {
                    if self
                        .map
                        .iter()
                        .any(|k| k.field == u.field && k.value == u.value)
                    {
                        continue;
                    }
                    let mut row = MapRow {
                        field: u.field,
                        value: u.value.clone(),
                        count: u.rows.len(),
                        options: options(u.field, &profile),
                        chosen: 0,
                    };
                    if let Some(k) = keep
                        .iter()
                        .find(|k| k.field == u.field && k.value == u.value)
                    {
                        row.choose(k.decision());
                    }
                    self.map.push(row);
                }
                self.state
                    .select((!self.map.is_empty()).then_some(self.state.selected().unwrap_or(0)));
                if self
                    .map
                    .iter()
                    .any(|r| *r.decision() == Decision::Undecided)
                {
                    ctx.error(ctx.t(Msg::MapDecideFirst));
                    return Outcome::Stay;
                }
                let report = crate::import::ImportReport {
                    imported: outcome.good.len(),
                    rejected: outcome.rejected.clone(),
                    dry_run: true,
                    registered: Vec::new(),
                    columns: Vec::new(),
                    unmatched: Vec::new(),
                    held: outcome.held,
                    // Rows imported before are found and reported when storing.
                    skipped: Vec::new(),
                };
                let lines = report.lines();
                Outcome::Popup(if report.imported > 0 {
                    Popup::ImportPreview { lines, path }
                } else {
                    Popup::Message(lines.join("\n"))
                })
            }
            Err(e) => {
                self.form.set_error(ImportField::Path, e.clone());
                ctx.error(e);
                Outcome::Stay
            }
        }
    }

    /// Stores the checked file in the background (its progress shown, Esc
    /// cancels and rolls it back whole).
    fn import(&mut self, ctx: &mut Ctx, path: &Path) -> Outcome {
        let given = self.decisions();
        match check_journal(ctx, path, &given) {
            // The decisions stay on screen: a cancelled import loses none of them
            // (a second run skips the rows stored by the first).
            Ok((outcome, _)) => match crate::ui::task::import(ctx, outcome) {
                Ok(task) => Outcome::Popup(Popup::Task(task)),
                Err(e) => {
                    ctx.service_error(&e.into());
                    Outcome::Stay
                }
            },
            Err(e) => {
                ctx.error(e);
                Outcome::Stay
            }
        }
    }

    /// Left/Right: the previous or next choice of the selected value.
    fn turn(&mut self, delta: isize) {
        if let Some(r) = self.state.selected().and_then(|i| self.map.get_mut(i)) {
            let n = r.options.len() as isize;
            r.chosen = (r.chosen as isize + delta).rem_euclid(n) as usize;
        }
    }
}

/// Reads and checks a journal with the remembered mapping and `given` on top;
/// returns the outcome and the office's profile with its own entries.
fn check_journal(
    ctx: &Ctx,
    path: &Path,
    given: &Mapping,
) -> Result<(crate::journal::Outcome, crate::domain::profile::Profile), String> {
    let run = || -> Result<_, crate::import::ImportError> {
        let journal = crate::journal::read(path)?;
        let context = crate::journal::Context::of(&ctx.store, &ctx.office)?;
        let mapping = crate::journal::effective_mapping(&ctx.store, &journal, Some(given))?;
        let outcome =
            crate::journal::check(&journal, &context, &mapping, ctx.today(), &mut |_, _| {})?;
        Ok((outcome, context.profile))
    };
    run().map_err(|e| e.to_string())
}

fn draw_map(v: &mut ImportScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let rows = v.map.iter().map(|r| {
        let (_, kk, ru) = &r.options[r.chosen.min(r.options.len() - 1)];
        let chosen = match lang {
            crate::domain::Lang::Kk => kk,
            crate::domain::Lang::Ru => ru,
        };
        Row::new(vec![
            field_label(r.field).text(lang).to_string(),
            crate::domain::text::display(&r.value).into_owned(),
            r.count.to_string(),
            format!("< {chosen} >"),
        ])
    });
    let t = Table::new(
        rows,
        [
            Constraint::Length(12),
            Constraint::Min(16),
            Constraint::Length(5),
            Constraint::Min(20),
        ],
    )
    .header(
        Row::new(vec![
            Msg::MapColField.text(lang),
            Msg::MapColValue.text(lang),
            Msg::MapColCount.text(lang),
            Msg::MapColDecision.text(lang),
        ])
        .style(Style::default().add_modifier(Modifier::UNDERLINED)),
    )
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(Msg::MapTitle.text(lang)),
    );
    f.render_stateful_widget(t, area, &mut v.state);
}

impl Screen for ImportScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Import
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let n = self.map.len();
        match action {
            Action::Save => return Ok(self.check(ctx)),
            Action::ImportNow(path) => return Ok(self.import(ctx, &path)),
            Action::NextField if n > 0 => {
                self.state
                    .select(Some((self.state.selected().unwrap_or(0) + 1).min(n - 1)));
            }
            Action::PrevField if n > 0 => {
                self.state
                    .select(Some(self.state.selected().unwrap_or(0).saturating_sub(1)));
            }
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn input(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Result<(), ServiceError> {
        match (key.code, self.map.is_empty()) {
            (KeyCode::Left, false) => self.turn(-1),
            (KeyCode::Right, false) => self.turn(1),
            _ => {
                self.form.input(key);
            }
        }
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang();
        let cols_h = if self.columns.is_empty() {
            0
        } else {
            (self.columns.len() as u16).div_ceil(2) + 2
        };
        let [hint, path, cols, rest] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(2),
            Constraint::Length(cols_h.min(8)),
            Constraint::Min(1),
        ])
        .areas(area);
        let hint_text = if self.map.is_empty() {
            Msg::ImportHint
        } else {
            Msg::MapHint
        };
        f.render_widget(
            Paragraph::new(hint_text.text(lang)).wrap(Wrap { trim: true }),
            hint,
        );
        self.form.draw(f, path, lang);
        if !self.columns.is_empty() {
            let text: Vec<String> = self
                .columns
                .iter()
                .map(|(h, u)| {
                    format!(
                        "{} -> {}",
                        crate::domain::text::display(h),
                        column_use(lang, u)
                    )
                })
                .collect();
            f.render_widget(
                Paragraph::new(text.join("   "))
                    .wrap(Wrap { trim: true })
                    .block(
                        Block::default()
                            .borders(Borders::ALL)
                            .title(Msg::ImportColumns.text(lang)),
                    ),
                cols,
            );
        }
        if !self.map.is_empty() {
            draw_map(self, f, rest, ctx);
        }
    }

    fn has_unsaved(&self) -> bool {
        self.map.iter().any(|r| r.chosen != 0)
    }

    fn discard(&mut self, _ctx: &Ctx) {
        self.map.clear();
        self.columns.clear();
        self.checked = None;
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Officials)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        matches!(action, Action::ImportNow(_)).then_some(Permission::RegisterAppeal)
    }

    /// A fresh form that keeps the path typed last (and the decisions made for it).
    fn enter(&mut self, _from: ScreenId, _ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let keep = self.form.text(ImportField::Path);
        self.form = Form::new(vec![Field::text(ImportField::Path, Msg::FieldImportPath)]);
        self.form.set_text(ImportField::Path, &keep);
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
