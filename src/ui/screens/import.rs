//! Import of appeals from a journal file: a check first (nothing written) that
//! shows which column is used for what; values no classifier entry matched are
//! listed once each with their count, and the clerk maps each to an entry, adds
//! it (topics) or keeps it as "other" (Left/Right), then F5 checks again with
//! those decisions and the preview popup's Y imports. Rows dated before the
//! "closed before" day (two months before the import unless the clerk changes or
//! clears it) come
//! in as finished: answered and closed, not on Today; the preview says how many.
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
    /// Rows dated before this day come in closed (empty: every row open).
    ClosedBefore,
    /// The channel of every row when the journal has no column for it (an
    /// office's journal of personal reception often has none).
    Channel,
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
    /// Up/Down and Left/Right work on the mapping list (after the form's last
    /// field, or right after a check that found values to decide).
    pub in_map: bool,
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
        "answered_on" => Msg::ImportAnswerDate,
        "outcome" => Msg::ImportOutcome,
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
        if !self.form.fields.is_empty() {
            m.default_channel =
                crate::domain::Channel::from_code(&self.form.choice(ImportField::Channel));
        }
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
        let Some(closed_before) = self.closed_before(ctx) else {
            return Outcome::Stay;
        };
        self.form.clear_errors();
        if self.checked.as_ref() != Some(&path) {
            self.map.clear();
        }
        let given = self.decisions();
        match check_journal(ctx, &path, &given, closed_before) {
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
                    self.in_map = true;
                    ctx.error(ctx.t(Msg::MapDecideFirst));
                    return Outcome::Stay;
                }
                ctx.status = None;
                // A dry run through the store: rows imported before (or repeated in
                // the file) and IINs under another name are found, nothing written.
                let stored = match crate::journal::preview(&ctx.store, &outcome) {
                    Ok(r) => r,
                    Err(e) => {
                        ctx.error(e.to_string());
                        return Outcome::Stay;
                    }
                };
                let (lines, coming) = preview_lines(ctx.lang(), &outcome, &stored);
                Outcome::Popup(if coming == 0 {
                    Popup::Message(lines.join("\n"))
                } else {
                    Popup::ImportPreview { lines, path }
                })
            }
            Err(e) => {
                self.form.set_error(ImportField::Path, e.clone());
                ctx.error(e);
                Outcome::Stay
            }
        }
    }

    /// The "closed before" day typed (`Some(None)`: empty, every row open);
    /// `None` after marking the field when it is not a date.
    fn closed_before(&mut self, ctx: &mut Ctx) -> Option<Option<chrono::NaiveDate>> {
        let typed = self.form.text(ImportField::ClosedBefore);
        match crate::domain::dates::parse_optional_date(&typed) {
            Ok(d) => Some(d),
            Err(()) => {
                let m = ctx.t(Msg::ErrDate).to_string();
                self.form.set_error(ImportField::ClosedBefore, m.clone());
                self.form.focus_on(ImportField::ClosedBefore);
                self.in_map = false;
                ctx.error(m);
                None
            }
        }
    }

    /// Stores the checked file in the background (its progress shown, Esc
    /// cancels and rolls it back whole).
    fn import(&mut self, ctx: &mut Ctx, path: &Path) -> Outcome {
        let given = self.decisions();
        let Some(closed_before) = self.closed_before(ctx) else {
            return Outcome::Stay;
        };
        match check_journal(ctx, path, &given, closed_before) {
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

    /// A letter typed on the list: the next choice of the selected value whose
    /// label (in the clerk's language) begins with it, Kazakh letters typed with
    /// Russian ones too; again the same letter for the one after.
    fn jump(&mut self, c: char, lang: crate::domain::Lang) {
        use crate::domain::fold::fold;
        let typed = fold(&c.to_string());
        if typed.is_empty() {
            return;
        }
        if let Some(r) = self.state.selected().and_then(|i| self.map.get_mut(i)) {
            let n = r.options.len();
            let found = (1..=n).map(|k| (r.chosen + k) % n).find(|&i| {
                let (_, kk, ru) = &r.options[i];
                let label = match lang {
                    crate::domain::Lang::Kk => kk,
                    crate::domain::Lang::Ru => ru,
                };
                fold(label).starts_with(&typed)
            });
            if let Some(i) = found {
                r.chosen = i;
            }
        }
    }
}

/// Reads and checks a journal with the remembered mapping and `given` on top;
/// returns the outcome and the office's profile with its own entries.
fn check_journal(
    ctx: &Ctx,
    path: &Path,
    given: &Mapping,
    closed_before: Option<chrono::NaiveDate>,
) -> Result<(crate::journal::Outcome, crate::domain::profile::Profile), String> {
    let run = || -> Result<_, crate::import::ImportError> {
        let journal = crate::journal::read(path)?;
        let context = crate::journal::Context::of(&ctx.store, &ctx.office)?;
        let mapping = crate::journal::effective_mapping(&ctx.store, &journal, Some(given))?;
        let mut outcome =
            crate::journal::check(&journal, &context, &mapping, ctx.today(), &mut |_, _| {})?;
        outcome.close_before(closed_before);
        Ok((outcome, context.profile))
    };
    run().map_err(|e| crate::i18n::import::file_error(ctx.lang(), &e))
}

/// The preview of a check (a dry run, `stored` row by row for the good rows) in
/// the clerk's language: the rejected and skipped rows, how many rows come in,
/// are rejected and are skipped (imported before, or an IIN under another name),
/// and of those coming in how many stay open and how many come in closed.
/// Returns the lines and the number of rows coming in.
fn preview_lines(
    lang: crate::domain::Lang,
    o: &crate::journal::Outcome,
    stored: &[crate::store::ImportedRow],
) -> (Vec<String>, usize) {
    use crate::i18n::import as words;
    use crate::store::ImportedRow;
    let t = |m: Msg| m.text(lang);
    let mut lines: Vec<String> = o
        .rejected
        .iter()
        .zip(&o.problems)
        .map(|(e, why)| crate::domain::text::terminal_safe(&words::rejected(lang, e.row, why)))
        .collect();
    let rows: Vec<usize> = o.good.iter().map(|r| r.row).collect();
    let mut skipped = 0;
    for (r, what) in o.good.iter().zip(stored) {
        if let Some(l) = words::skipped(lang, r.row, what, &rows) {
            lines.push(crate::domain::text::terminal_safe(&l));
            skipped += 1;
        }
    }
    let new = |closed: bool| {
        o.good
            .iter()
            .zip(stored)
            .filter(|(r, w)| matches!(w, ImportedRow::New(_)) && r.closed == closed)
            .count()
    };
    let (open, closed) = (new(false), new(true));
    lines.push(format!(
        "{} {}, {} {}",
        t(Msg::ImportWillImport),
        open + closed,
        t(Msg::ImportRejectedCount),
        o.rejected.len() + o.held
    ));
    if skipped > 0 {
        lines.push(format!("{} {skipped}", t(Msg::ImportSkippedCap)));
    }
    if let Some(day) = o.closed_before.filter(|_| open + closed > 0) {
        let day = crate::domain::dates::format_date(day);
        let before = match lang {
            crate::domain::Lang::Kk => format!("{day} {}", t(Msg::ImportBefore)),
            crate::domain::Lang::Ru => format!("{} {day}", t(Msg::ImportBefore)),
        };
        lines.push(format!(
            "{} {open}; {} {closed} ({before})",
            t(Msg::ImportOpenCount),
            t(Msg::ImportClosedCount),
        ));
    }
    let answered = o.answered_open();
    if answered > 0 {
        lines.push(format!("{} {answered}", t(Msg::ImportAnsweredOpen)));
    }
    (lines, open + closed)
}

/// Lines `text` takes wrapped at word boundaries in `width` columns.
fn wrapped_lines(text: &str, width: u16) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width.max(1));
    let (mut lines, mut used) = (1u16, 0usize);
    for word in text.split(' ') {
        let w = word.width();
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            lines += 1;
            used = w.min(width);
        }
    }
    lines
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
            Action::NextField | Action::EnterField if !self.in_map => {
                let last = self.form.focus + 1 >= self.form.fields.len();
                if last && n > 0 {
                    self.in_map = true;
                    self.state.select(Some(0));
                } else if !last {
                    self.form.next();
                }
            }
            Action::NextField if n > 0 => {
                self.state
                    .select(Some((self.state.selected().unwrap_or(0) + 1).min(n - 1)));
            }
            Action::PrevField if self.in_map => match self.state.selected() {
                Some(i) if i > 0 => self.state.select(Some(i - 1)),
                _ => self.in_map = false,
            },
            Action::PrevField => self.form.prev(),
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn input(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Result<(), ServiceError> {
        match (key.code, self.in_map && !self.map.is_empty()) {
            (KeyCode::Left, true) => self.turn(-1),
            (KeyCode::Right, true) => self.turn(1),
            (KeyCode::Char(c), true) => self.jump(c, ctx.lang()),
            // Other typing on the list goes nowhere: the path is not changed unseen.
            (_, true) => {}
            _ => {
                self.form.input(key);
            }
        }
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang();
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
        let text = text.join("   ");
        let cols_h = if self.columns.is_empty() {
            0
        } else {
            wrapped_lines(&text, area.width.saturating_sub(2)) + 2
        };
        // The form's fields and the error line under any of them.
        let form_h: u16 = self
            .form
            .fields
            .iter()
            .map(|f| 1 + f.error.is_some() as u16)
            .sum();
        let [hint, path, cols, rest] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(form_h),
            Constraint::Length(cols_h.min(8)),
            Constraint::Min(1),
        ])
        .areas(area);
        let hint_text = if !self.map.is_empty() {
            Msg::MapHint
        } else if self.form.focused_id() == Some(ImportField::ClosedBefore) {
            Msg::ImportClosedHint
        } else {
            Msg::ImportHint
        };
        f.render_widget(
            Paragraph::new(hint_text.text(lang)).wrap(Wrap { trim: true }),
            hint,
        );
        self.form.draw(f, path, lang);
        if !self.columns.is_empty() {
            f.render_widget(
                Paragraph::new(text).wrap(Wrap { trim: true }).block(
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
        self.in_map = false;
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Officials)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        matches!(action, Action::ImportNow(_)).then_some(Permission::RegisterAppeal)
    }

    /// A fresh form that keeps the path typed last (and the decisions made for
    /// it); "closed before" is [`default_closed_before`] unless the clerk typed another.
    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let keep = self.form.text(ImportField::Path);
        let before = if self.form.fields.is_empty() {
            crate::domain::dates::format_date(default_closed_before(ctx.today()))
        } else {
            self.form.text(ImportField::ClosedBefore)
        };
        let channel = if self.form.fields.is_empty() {
            String::new()
        } else {
            self.form.choice(ImportField::Channel)
        };
        let mut channels = vec![(
            String::new(),
            Msg::ChannelFromJournal
                .text(crate::domain::Lang::Kk)
                .to_string(),
            Msg::ChannelFromJournal
                .text(crate::domain::Lang::Ru)
                .to_string(),
        )];
        channels.extend(crate::domain::Channel::ALL.iter().map(|c| {
            (
                c.code().to_string(),
                crate::i18n::ui::channel(crate::domain::Lang::Kk, *c).to_string(),
                crate::i18n::ui::channel(crate::domain::Lang::Ru, *c).to_string(),
            )
        }));
        self.form = Form::new(vec![
            Field::text(ImportField::Path, Msg::FieldImportPath),
            Field::text(ImportField::ClosedBefore, Msg::FieldClosedBefore).with_max(10),
            Field::choice(ImportField::Channel, Msg::FieldImportChannel, channels),
        ]);
        self.form.set_text(ImportField::Path, &keep);
        self.form.set_text(ImportField::ClosedBefore, &before);
        self.form.set_choice(ImportField::Channel, &channel);
        self.in_map = false;
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}

/// The "closed before" day the import screen proposes: two months before
/// `today`. The regulation's longest answer term (15 working days, extended by
/// at most 30 days) is over for every appeal older than that, so those rows are
/// finished business; the rows of the last two months come in open (some may
/// still wait for their answer) and show on Today if their term has passed.
/// The clerk sees both counts before importing and may change or clear the day.
pub fn default_closed_before(today: chrono::NaiveDate) -> chrono::NaiveDate {
    today
        .checked_sub_months(chrono::Months::new(2))
        .unwrap_or(today)
}

#[cfg(test)]
mod closed_before_tests {
    use super::default_closed_before;
    use chrono::NaiveDate;

    #[test]
    fn the_proposed_day_is_two_months_before_the_import() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(default_closed_before(d(2026, 3, 16)), d(2026, 1, 16));
        // Across a year and onto a shorter month.
        assert_eq!(default_closed_before(d(2026, 1, 10)), d(2025, 11, 10));
        assert_eq!(default_closed_before(d(2026, 4, 30)), d(2026, 2, 28));
    }
}
