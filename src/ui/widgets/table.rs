//! Helpers for list screens.
use ratatui::widgets::TableState;

/// Keeps a selection inside `0..len`.
pub fn clamp(state: &mut TableState, len: usize) {
    match (state.selected(), len) {
        (_, 0) => state.select(None),
        (None, _) => state.select(Some(0)),
        (Some(i), n) if i >= n => state.select(Some(n - 1)),
        _ => {}
    }
}

/// Moves the selection by `delta` rows within `0..len`.
pub fn step(state: &mut TableState, len: usize, delta: isize) {
    if len == 0 {
        state.select(None);
        return;
    }
    let cur = state.selected().unwrap_or(0) as isize;
    let next = (cur + delta).clamp(0, len as isize - 1);
    state.select(Some(next as usize));
}

/// The display widths a `Table` gives its columns inside `width` (the table's
/// column spacing 1, no highlight symbol, `Flex::Start`): the same layout, so a
/// cell cut to its width is cut where the table would cut it.
pub fn column_widths(constraints: &[ratatui::layout::Constraint], width: u16) -> Vec<usize> {
    use ratatui::layout::{Flex, Layout, Rect};
    Layout::horizontal(constraints.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width as usize)
        .collect()
}

/// A row's texts cut to their columns' display widths, a cut text ending with
/// "…" (the table itself would drop the rest silently).
pub fn cut_cells<S: AsRef<str>>(cells: &[S], widths: &[usize]) -> Vec<String> {
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| match widths.get(i) {
            Some(w) => crate::ui::widgets::form::cut(c.as_ref(), *w),
            None => c.as_ref().to_string(),
        })
        .collect()
}

/// A table's heading row: each label cut at its column's width (ending with "…"
/// when cut), underlined.
pub fn header_row(labels: &[&str], widths: &[usize]) -> ratatui::widgets::Row<'static> {
    ratatui::widgets::Row::new(cut_cells(labels, widths))
        .style(ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED))
}

/// Lines of a panel cut to its inner width, a cut line ending with "…" (each
/// line keeps its style; a line of several styled spans becomes one).
pub fn cut_lines(
    lines: Vec<ratatui::text::Line<'_>>,
    width: u16,
) -> Vec<ratatui::text::Line<'static>> {
    lines
        .into_iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            let style = l.spans.first().map(|s| s.style).unwrap_or_default();
            ratatui::text::Line::styled(
                crate::ui::widgets::form::cut(&text, width as usize),
                l.style.patch(style),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Constraint;

    #[test]
    fn cells_are_cut_where_the_table_cuts_them() {
        let w = column_widths(&[Constraint::Length(4), Constraint::Min(5)], 12);
        assert_eq!(w, vec![4, 7]);
        assert_eq!(
            cut_cells(&["Должностное", "Иванов Сергей"], &w),
            vec!["Дол…".to_string(), "Иванов…".to_string()]
        );
        assert_eq!(cut_cells(&["ok", "ok"], &w), vec!["ok", "ok"]);
    }
}
