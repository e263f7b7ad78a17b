//! The report of the reception room for a quarter (Left/Right: previous / next):
//! totals against the same period a year before, bar charts by topic and channel,
//! outcomes, settlements, deadlines met, queue wait, survey and control figures.
use crate::domain::period;
use crate::domain::Lang;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::{Report, Store, StoreError};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::popup::Popup;
use crate::ui::screen::{Open, Outcome, Screen};
use crate::ui::task;
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};
use ratatui::Frame;

#[derive(Default)]
pub struct ReportsView {
    /// (year, quarter 1-4)
    pub quarter: Option<(i32, u32)>,
    pub report: Option<Report>,
    /// 0: topic, channel, outcome, settlement; 1: official, category, applicant kind;
    /// 2: the reception figures (per official, by format, refusals, topic x
    /// settlement), scrolled by `scroll` lines.
    pub page: u8,
    pub scroll: u16,
}

impl ReportsView {
    /// Computes the report of the shown quarter (the current one at first).
    pub fn refresh(
        &mut self,
        store: &Store,
        today: NaiveDate,
        profile: &crate::domain::profile::Profile,
    ) -> Result<(), StoreError> {
        let (y, q) = *self
            .quarter
            .get_or_insert_with(|| period::quarter_of(today));
        if let Some((from, to)) = period::quarter(y, q) {
            let as_of = to.min(today);
            self.report = Some(store.report(from, to, as_of, profile)?);
        }
        Ok(())
    }

    /// Moves to the previous (-1) or next (+1) quarter.
    pub fn shift(&mut self, delta: i32) {
        if let Some((y, q)) = self.quarter {
            let idx = y * 4 + (q as i32 - 1) + delta;
            self.quarter = Some((idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32));
        }
    }
}

fn pct(cur: i64, prev: i64) -> String {
    match crate::store::change_percent(cur, prev) {
        Some(p) => format!("{p:+.0}%"),
        None => "—".into(),
    }
}

fn label(l: &crate::store::ReportLine, lang: Lang) -> &str {
    let s = match lang {
        Lang::Kk => l.kk.as_str(),
        Lang::Ru => l.ru.as_str(),
    };
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

fn bars<'a>(
    title: &'a str,
    lines: &'a [crate::store::ReportLine],
    lang: Lang,
    width: u16,
) -> BarChart<'a> {
    let label_w = (width / 2).clamp(8, 30) as usize;
    let bars: Vec<Bar> = lines
        .iter()
        .filter(|l| l.count > 0 || l.prev > 0)
        .map(|l| {
            let name = crate::ui::widgets::form::cut(label(l, lang), label_w);
            Bar::default()
                .value(l.count.max(0) as u64)
                .label(Line::from(name))
                .text_value(format!("{} ({})", l.count, l.prev))
        })
        .collect();
    BarChart::default()
        .block(Block::default().borders(Borders::ALL).title(title))
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(Style::default().fg(Color::Cyan))
        .value_style(Style::default().fg(Color::Black).bg(Color::Cyan))
        .data(BarGroup::default().bars(&bars))
}

fn draw(v: &mut ReportsView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let Some(r) = &v.report else {
        return;
    };
    let (y, q) = v.quarter.unwrap_or((0, 0));
    let deadline = r
        .deadlines
        .percent
        .map(|p| format!("{p:.0}% ({}/{})", r.deadlines.met, r.deadlines.due))
        .unwrap_or_else(|| "—".into());
    let wait = r
        .queue
        .avg_wait_minutes
        .map(|m| format!("{m:.0} {}", Msg::Minutes.text(lang)))
        .unwrap_or_else(|| "—".into());
    // The summary's figures, packed into as many lines as the width needs (at
    // 80 columns none is lost; a single figure wider than the screen ends with "…").
    let items = [
        format!(
            "{q}-{} {y}: {} — {}",
            Msg::Quarter.text(lang),
            crate::domain::dates::format_date(r.from),
            crate::domain::dates::format_date(r.to),
        ),
        format!(
            "{}: {} ({}: {}, {})",
            Msg::ReportTotal.text(lang),
            r.total,
            Msg::YearBefore.text(lang),
            r.total_prev,
            pct(r.total, r.total_prev)
        ),
        format!("{}: {deadline}", Msg::DeadlinesMet.text(lang)),
        format!("{}: {wait}", Msg::AvgWait.text(lang)),
        format!("{}: {}", Msg::RepeatAppeals.text(lang), r.repeat_appeals),
        format!(
            "{}: {} / {}",
            Msg::ControlTitle.text(lang),
            r.control.on_control,
            r.control.overdue
        ),
        format!(
            "{}: {} / {} / {}",
            Msg::SurveyFigures.text(lang),
            r.survey.calls,
            r.survey.reached,
            r.survey
                .avg_score
                .map(|s| format!("{s:.1}"))
                .unwrap_or_else(|| "—".into())
        ),
    ];
    let packed = pack(&items, area.width as usize);
    let head_lines: Vec<Line> = packed
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                Line::styled(l, Style::default().add_modifier(Modifier::BOLD))
            } else {
                Line::from(l)
            }
        })
        .collect();
    let rows = (head_lines.len() as u16).clamp(1, area.height.saturating_sub(3).max(1));
    let [head, body] = Layout::vertical([Constraint::Length(rows), Constraint::Min(3)]).areas(area);
    let head_lines = crate::ui::widgets::table::cut_lines(head_lines, head.width);
    f.render_widget(Paragraph::new(head_lines), head);
    if v.page == 2 {
        v.scroll = draw_reception(v.scroll, r, f, body, lang);
        return;
    }
    draw_charts(v.page, r, f, body, lang);
}

/// Packs `items` into lines of at most `width` columns, three spaces apart, in
/// order; an item wider than a line gets a line of its own.
fn pack(items: &[String], width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    const GAP: &str = "   ";
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(l) if l.width() + GAP.len() + item.width() <= width => {
                l.push_str(GAP);
                l.push_str(item);
            }
            _ => lines.push(item.clone()),
        }
    }
    lines
}

/// The reception figures (page 2), from line `scroll` clamped so that the last
/// line stays at the bottom; returns the clamped scroll.
fn draw_reception(scroll: u16, r: &Report, f: &mut Frame, body: Rect, lang: Lang) -> u16 {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Msg::RcpTitle.text(lang));
    let inner = block.inner(body);
    let lines = crate::ui::widgets::reception_figures::lines(&r.reception, lang, inner.width);
    let scroll = scroll.min((lines.len() as u16).saturating_sub(inner.height));
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), body);
    scroll
}

/// The bar charts of the report's page.
fn draw_charts(page: u8, r: &Report, f: &mut Frame, body: Rect, lang: Lang) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    if page == 1 {
        let [r1, r2] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(right);
        f.render_widget(
            bars(
                Msg::FieldOfficial.text(lang),
                &r.by_official,
                lang,
                left.width,
            ),
            left,
        );
        f.render_widget(
            bars(
                Msg::FieldCategory.text(lang),
                &r.by_category,
                lang,
                r1.width,
            ),
            r1,
        );
        f.render_widget(
            bars(
                Msg::FieldKind.text(lang),
                &r.by_applicant_kind,
                lang,
                r2.width,
            ),
            r2,
        );
        return;
    }
    let [l1, l2] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(left);
    let [r1, r2] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(right);
    f.render_widget(
        bars(Msg::ColTopic.text(lang), &r.by_topic, lang, l1.width),
        l1,
    );
    f.render_widget(
        bars(Msg::FieldChannel.text(lang), &r.by_channel, lang, l2.width),
        l2,
    );
    f.render_widget(
        bars(Msg::Outcome.text(lang), &r.by_outcome, lang, r1.width),
        r1,
    );
    f.render_widget(
        bars(
            Msg::FieldSettlement.text(lang),
            &r.by_settlement,
            lang,
            r2.width,
        ),
        r2,
    );
}

impl Screen for ReportsView {
    fn id(&self) -> ScreenId {
        ScreenId::Reports
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        match action {
            Action::PrevDay | Action::NextDay => {
                self.shift(if action == Action::PrevDay { -1 } else { 1 });
                self.refresh(&ctx.store, ctx.today(), &ctx.office.profile)?;
            }
            Action::NextField => {
                self.page = (self.page + 1) % 3;
                self.scroll = 0;
            }
            a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)
                if self.page == 2 =>
            {
                // Drawing keeps the last line at the bottom.
                let d = crate::ui::screen::move_delta(&a).unwrap_or(0);
                self.scroll = (self.scroll as isize + d).clamp(0, u16::MAX as isize) as u16;
            }
            Action::PrintOralJournal => {
                if let Some(report) = &self.report {
                    let (from, to) = (report.from, report.to);
                    let rows = ctx.store.oral_journal(from, to)?;
                    let doc = crate::docs::journal::document(
                        &rows,
                        from,
                        to,
                        &ctx.office_names(),
                        &ctx.office.profile,
                    );
                    // Written in the background (Esc cancels), the print logged.
                    let base = format!("oral-journal-{from}-{to}");
                    let task = task::document_set(ctx, &base, doc, Some("oral_journal"))?;
                    return Ok(Outcome::Popup(Popup::Task(task)));
                }
            }
            Action::ExportReport => {
                if let Some(report) = &self.report {
                    let doc = crate::docs::report::document(report, &ctx.office_names());
                    let base = format!("report-{}-{}", report.from, report.to);
                    let task = task::document_set(ctx, &base, doc, None)?;
                    return Ok(Outcome::Popup(Popup::Task(task)));
                }
            }
            // The quarter's appeals to XLSX, in the background (Esc cancels).
            Action::ExportAppeals => {
                if let Some(r) = &self.report {
                    let total = u64::try_from(r.total).unwrap_or(0);
                    let task = task::export_appeals(ctx, r.from, r.to, total)?;
                    return Ok(Outcome::Popup(Popup::Task(task)));
                }
            }
            // The survey of the quarter shown.
            Action::Go(ScreenId::Survey) => {
                self.refresh(&ctx.store, ctx.today(), &ctx.office.profile)?;
                if let Some(r) = &self.report {
                    return Ok(Outcome::Open(Open::Survey(r.from, r.to)));
                }
            }
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw(self, f, area, ctx)
    }

    fn permission(&self, action: &Action) -> Option<crate::domain::permissions::Permission> {
        (*action == Action::ExportAppeals).then_some(crate::domain::permissions::Permission::Export)
    }

    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        self.refresh(&ctx.store, ctx.today(), &ctx.office.profile)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::pack;

    #[test]
    fn the_summary_is_packed_into_lines_that_fit() {
        let items = [
            "аааа".to_string(),
            "бб".into(),
            "вввввввв".into(),
            "г".into(),
        ];
        assert_eq!(pack(&items, 12), vec!["аааа   бб", "вввввввв   г"]);
        assert_eq!(pack(&items, 100), vec!["аааа   бб   вввввввв   г"]);
        // Wider than a line: alone, cut later with an ellipsis.
        assert_eq!(pack(&items, 3), vec!["аааа", "бб", "вввввввв", "г"]);
    }
}
