//! The appeals list with search-as-you-type (name in any alphabet and case, IIN,
//! phone fragment, registration number).
use crate::domain::permissions::Permission;
use crate::domain::text::display;
use crate::i18n::ui::{appeal_status, Msg};
use crate::services::ServiceError;
use crate::store::{AppealRow, StoreError};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{move_delta, Open, Outcome, Screen};
use crate::ui::widgets::{form::edit_text, table};
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Rows read per keystroke: a screenful (31 rows show at 120x40); the next page is read when
/// the selection reaches the end of the list.
pub const PAGE: usize = 32;

#[derive(Clone, Debug, Default)]
pub struct AppealsView {
    pub query: String,
    cursor: usize,
    pub rows: Vec<AppealRow>,
    pub state: TableState,
    /// The last page read was full: older matches may follow.
    more: bool,
}

/// Whether the operator's search may match IIN and phone digits: only a role
/// that sees them unmasked (a viewer cannot recover masked digits by trying
/// prefixes one digit at a time).
fn personal_digits(ctx: &Ctx) -> bool {
    ctx.allows(Permission::ViewFullPersonalData)
}

impl AppealsView {
    /// Types into the search box; returns whether the query changed.
    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        let before = self.query.clone();
        edit_text(&mut self.query, &mut self.cursor, key);
        self.query != before
    }

    /// Reads the first page of the search for the operator of `ctx` (digits of
    /// IINs and phones only for a role that may see them).
    pub fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let digits = personal_digits(ctx);
        self.rows = ctx
            .store
            .search_appeals_for(&self.query, None, PAGE, digits)?;
        self.more = self.rows.len() == PAGE;
        self.state
            .select(if self.rows.is_empty() { None } else { Some(0) });
        Ok(())
    }

    /// Moves the selection by `delta`, reading the next page first when the move
    /// goes past the rows read so far.
    pub fn scroll(&mut self, ctx: &Ctx, delta: isize) -> Result<(), StoreError> {
        let target = self.state.selected().unwrap_or(0) as isize + delta;
        let digits = personal_digits(ctx);
        while self.more && target >= self.rows.len() as isize {
            let before = self.rows.last().map(|r| r.id);
            let next = ctx
                .store
                .search_appeals_for(&self.query, before, PAGE, digits)?;
            self.more = next.len() == PAGE;
            self.rows.extend(next);
        }
        self.step(delta);
        Ok(())
    }

    pub fn selected(&self) -> Option<&AppealRow> {
        self.state.selected().and_then(|i| self.rows.get(i))
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.rows.len(), delta);
    }
}

use crate::domain::permissions::{mask_iin, mask_phone};

fn draw(v: &mut AppealsView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let [search, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    let shown = display(&v.query).into_owned();
    f.render_widget(
        Paragraph::new(shown.clone()).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::KeySearch.text(lang)),
        ),
        search,
    );
    let before: String = shown.chars().take(v.cursor).collect();
    let x = search.x + 1 + UnicodeWidthStr::width(before.as_str()) as u16;
    f.set_cursor_position((x.min(search.right().saturating_sub(2)), search.y + 1));
    if v.rows.is_empty() {
        f.render_widget(
            Paragraph::new(Msg::SearchEmpty.text(lang))
                .block(Block::default().borders(Borders::ALL)),
            list,
        );
        return;
    }
    let topics = &ctx.office.profile;
    // Lay out by the width: phone and topic only where they fit.
    let wide = list.width >= 110;
    let mut widths = vec![
        Constraint::Length(15),
        Constraint::Length(10),
        Constraint::Min(16),
        Constraint::Length(12),
    ];
    if wide {
        widths.extend([Constraint::Length(16), Constraint::Length(22)]);
    }
    widths.push(Constraint::Length(16));
    // Every cell cut at its column's display width ends with "…".
    let cols = crate::ui::widgets::table::column_widths(&widths, list.width.saturating_sub(2));
    let fit = |cells: Vec<String>| crate::ui::widgets::table::cut_cells(&cells, &cols);
    let rows = v.rows.iter().map(|r| {
        let mut cells = vec![
            r.reg_no.clone(),
            crate::domain::dates::format_date(r.registered_on),
            display(&r.applicant_name).into_owned(),
            mask_iin(&r.iin),
        ];
        if wide {
            cells.push(mask_phone(&r.phone));
            cells.push(
                topics
                    .topic(&r.topic)
                    .map(|t| t.label(lang).to_string())
                    .unwrap_or_default(),
            );
        }
        cells.push(appeal_status(lang, &r.status));
        Row::new(fit(cells))
    });
    let mut header = vec![
        Msg::ColRegNo.text(lang),
        Msg::ColDate.text(lang),
        Msg::ColName.text(lang),
        Msg::ColIin.text(lang),
    ];
    if wide {
        header.extend([Msg::ColPhone.text(lang), Msg::ColTopic.text(lang)]);
    }
    header.push(Msg::ColStatus.text(lang));
    let header = crate::ui::widgets::table::cut_cells(&header, &cols);
    let t = Table::new(rows, widths)
        .header(Row::new(header).style(Style::default().add_modifier(Modifier::UNDERLINED)))
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
        .block(Block::default().borders(Borders::ALL).title(format!(
            "{} ({}{})",
            Msg::ScreenAppeals.text(lang),
            v.rows.len(),
            if v.more { "+" } else { "" }
        )));
    f.render_stateful_widget(t, list, &mut v.state);
}

impl Screen for AppealsView {
    fn id(&self) -> ScreenId {
        ScreenId::Appeals
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(d) = move_delta(&action) {
            self.scroll(ctx, d)?;
            return Ok(Outcome::Stay);
        }
        Ok(match action {
            Action::OpenSelected => match self.selected() {
                Some(r) => Outcome::Open(Open::Card(r.id)),
                None => Outcome::Stay,
            },
            other => Outcome::Pass(other),
        })
    }

    /// Letters go to the search box; the list follows every change.
    fn input(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Result<(), ServiceError> {
        if self.type_key(key) {
            self.refresh(ctx)?;
        }
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw(self, f, area, ctx)
    }

    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        self.refresh(ctx)?;
        Ok(true)
    }
}
