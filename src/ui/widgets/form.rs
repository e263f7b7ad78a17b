//! A keyboard form: text fields with a cursor, choices cycled with Left/Right or
//! Space, check boxes; inline error messages under the fields.
use crate::domain::text::display;
use crate::domain::Lang;
use crate::i18n::ui::Msg;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Identifies a field inside one form: each form has its own enum of fields, so
/// a misspelt field does not compile and no form can name another's fields.
pub trait FieldId: Copy + PartialEq + std::fmt::Debug {}
impl<T: Copy + PartialEq + std::fmt::Debug> FieldId for T {}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text {
        value: String,
        cursor: usize,
    },
    /// Options as (code, label kk, label ru); `selected` indexes them.
    Choice {
        options: Vec<(String, String, String)>,
        selected: usize,
    },
    Check(bool),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field<K> {
    pub id: K,
    pub label: Msg,
    pub value: Value,
    pub error: Option<String>,
    pub hidden: bool,
    /// Shown as `*` (passwords).
    pub secret: bool,
}

impl<K: FieldId> Field<K> {
    pub fn text(id: K, label: Msg) -> Field<K> {
        Field {
            id,
            label,
            value: Value::Text {
                value: String::new(),
                cursor: 0,
            },
            error: None,
            hidden: false,
            secret: false,
        }
    }
    pub fn choice(id: K, label: Msg, options: Vec<(String, String, String)>) -> Field<K> {
        Field {
            id,
            label,
            value: Value::Choice {
                options,
                selected: 0,
            },
            error: None,
            hidden: false,
            secret: false,
        }
    }
    pub fn check(id: K, label: Msg, on: bool) -> Field<K> {
        Field {
            id,
            label,
            value: Value::Check(on),
            error: None,
            hidden: false,
            secret: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Form<K> {
    pub fields: Vec<Field<K>>,
    pub focus: usize,
    /// Something was typed since the form was filled or saved.
    pub dirty: bool,
    /// First visible line; kept by drawing (the focused field stays in view).
    scroll: std::cell::Cell<usize>,
}

impl<K> Default for Form<K> {
    fn default() -> Self {
        Form {
            fields: Vec::new(),
            focus: 0,
            dirty: false,
            scroll: Default::default(),
        }
    }
}

impl<K: FieldId> Form<K> {
    pub fn new(fields: Vec<Field<K>>) -> Form<K> {
        Form {
            fields,
            focus: 0,
            dirty: false,
            scroll: Default::default(),
        }
    }

    fn get(&self, id: K) -> Option<&Field<K>> {
        self.fields.iter().find(|f| f.id == id)
    }
    fn get_mut(&mut self, id: K) -> Option<&mut Field<K>> {
        self.fields.iter_mut().find(|f| f.id == id)
    }

    /// Whether the form has this field.
    pub fn has(&self, id: K) -> bool {
        self.get(id).is_some()
    }

    /// Hides a field (skipped by the focus and not drawn); its value stays.
    pub fn hide(&mut self, id: K) {
        if let Some(f) = self.get_mut(id) {
            f.hidden = true;
        }
    }

    pub fn text(&self, id: K) -> String {
        match self.get(id).map(|f| &f.value) {
            Some(Value::Text { value, .. }) => value.clone(),
            _ => String::new(),
        }
    }
    pub fn set_text(&mut self, id: K, v: &str) {
        if let Some(f) = self.get_mut(id) {
            f.value = Value::Text {
                value: v.to_string(),
                cursor: v.chars().count(),
            };
        }
    }
    /// The code of the selected option ("" for none).
    pub fn choice(&self, id: K) -> String {
        match self.get(id).map(|f| &f.value) {
            Some(Value::Choice { options, selected }) => options
                .get(*selected)
                .map(|o| o.0.clone())
                .unwrap_or_default(),
            _ => String::new(),
        }
    }
    pub fn set_choice(&mut self, id: K, code: &str) {
        if let Some(Field {
            value: Value::Choice { options, selected },
            ..
        }) = self.get_mut(id)
        {
            if let Some(i) = options.iter().position(|o| o.0 == code) {
                *selected = i;
            }
        }
    }
    pub fn check(&self, id: K) -> bool {
        matches!(self.get(id).map(|f| &f.value), Some(Value::Check(true)))
    }
    pub fn set_check(&mut self, id: K, on: bool) {
        if let Some(f) = self.get_mut(id) {
            f.value = Value::Check(on);
        }
    }
    pub fn set_hidden(&mut self, id: K, hidden: bool) {
        if let Some(f) = self.get_mut(id) {
            f.hidden = hidden;
        }
    }
    pub fn clear_errors(&mut self) {
        for f in &mut self.fields {
            f.error = None;
        }
    }
    pub fn set_error(&mut self, id: K, msg: String) {
        if let Some(f) = self.get_mut(id) {
            f.error = Some(msg);
        }
    }
    pub fn focused_id(&self) -> Option<K> {
        self.fields.get(self.focus).map(|f| f.id)
    }
    pub fn focus_on(&mut self, id: K) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id && !f.hidden) {
            self.focus = i;
        }
    }
    /// Moves the focus to the first field with an error.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self
            .fields
            .iter()
            .position(|f| f.error.is_some() && !f.hidden)
        {
            self.focus = i;
        }
    }

    pub fn next(&mut self) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = (self.focus + step) % n;
            if !self.fields[i].hidden {
                self.focus = i;
                return;
            }
        }
    }
    pub fn prev(&mut self) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = (self.focus + n - step) % n;
            if !self.fields[i].hidden {
                self.focus = i;
                return;
            }
        }
    }

    /// Feeds a key that the keymap did not take. Returns whether the form changed.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let changed = match &mut field.value {
            Value::Text { value, cursor } => edit_text(value, cursor, key),
            Value::Choice { options, selected } => {
                let n = options.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') => {
                        *selected = (*selected + 1) % n;
                        true
                    }
                    KeyCode::Left => {
                        *selected = (*selected + n - 1) % n;
                        true
                    }
                    KeyCode::Home => {
                        *selected = 0;
                        true
                    }
                    // Type-ahead: the next option whose label starts with the letter.
                    KeyCode::Char(c) if c.is_alphanumeric() => {
                        let lc: String = c.to_lowercase().collect();
                        let starts = |o: &(String, String, String)| {
                            o.1.to_lowercase().starts_with(&lc)
                                || o.2.to_lowercase().starts_with(&lc)
                        };
                        match (1..=n)
                            .map(|k| (*selected + k) % n)
                            .find(|i| options.get(*i).is_some_and(starts))
                        {
                            Some(i) => {
                                *selected = i;
                                true
                            }
                            None => false,
                        }
                    }
                    _ => false,
                }
            }
            Value::Check(on) => match key.code {
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right => {
                    *on = !*on;
                    true
                }
                KeyCode::Char(c) if "yдиy+1".contains(c) => {
                    *on = true;
                    true
                }
                KeyCode::Char(c) if "nнж-0".contains(c) => {
                    *on = false;
                    true
                }
                _ => false,
            },
        };
        if changed {
            field.error = None;
            self.dirty = true;
        }
        changed
    }

    /// Draws the form into `area`: label column, value, and an error line under a
    /// field that has one. Scrolls to keep the focused field visible.
    pub fn draw(&self, f: &mut Frame, area: Rect, lang: Lang) {
        let label_w = (area.width / 3).clamp(12, 30) as usize;
        let value_w = (area.width as usize).saturating_sub(label_w + 3).max(4);
        // Lay out lines: (field index, is error line).
        let mut lines: Vec<(usize, bool)> = Vec::new();
        for (i, fld) in self.fields.iter().enumerate() {
            if fld.hidden {
                continue;
            }
            lines.push((i, false));
            if fld.error.is_some() {
                lines.push((i, true));
            }
        }
        let height = area.height as usize;
        let focus_line = lines
            .iter()
            .position(|(i, _)| *i == self.focus)
            .unwrap_or(0);
        let focus_end = lines
            .iter()
            .rposition(|(i, _)| *i == self.focus)
            .unwrap_or(focus_line);
        let mut scroll = self.scroll.get();
        if focus_line < scroll {
            scroll = focus_line;
        } else if focus_end >= scroll + height {
            scroll = focus_end + 1 - height;
        }
        self.scroll.set(scroll);
        let mut cursor_pos = None;
        for (row, (i, is_err)) in lines.iter().skip(scroll).take(height).enumerate() {
            let fld = &self.fields[*i];
            let y = area.y + row as u16;
            let focused = *i == self.focus;
            let line = if *is_err {
                Line::from(vec![
                    Span::raw(
                        " ".repeat(
                            if fld
                                .error
                                .as_deref()
                                .map(UnicodeWidthStr::width)
                                .unwrap_or(0)
                                + label_w
                                + 5
                                > area.width as usize
                            {
                                4
                            } else {
                                label_w + 3
                            },
                        ),
                    ),
                    Span::styled(
                        format!("! {}", fld.error.as_deref().unwrap_or("")),
                        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                    ),
                ])
            } else {
                let label = fit(fld.label.text(lang), label_w);
                let marker = if focused { "> " } else { "  " };
                let shown_value = match (&fld.value, fld.secret) {
                    (Value::Text { value, cursor }, true) => Value::Text {
                        value: "*".repeat(value.chars().count()),
                        cursor: *cursor,
                    },
                    (v, _) => v.clone(),
                };
                let (value, cur) = render_value(&shown_value, lang, value_w, focused);
                if let Some(c) = cur {
                    cursor_pos = Some((area.x + (label_w + 3 + c) as u16, y));
                }
                let label_style = if fld.error.is_some() {
                    Style::default().fg(Color::Red)
                } else if focused {
                    Style::default().add_modifier(Modifier::BOLD)
                } else {
                    Style::default()
                };
                let value_style = if focused {
                    Style::default().bg(Color::DarkGray).fg(Color::White)
                } else {
                    Style::default().fg(Color::Cyan)
                };
                Line::from(vec![
                    Span::styled(marker, label_style),
                    Span::styled(label, label_style),
                    Span::raw(" "),
                    Span::styled(value, value_style),
                ])
            };
            f.render_widget(line, Rect::new(area.x, y, area.width, 1));
        }
        if let Some((x, y)) = cursor_pos {
            f.set_cursor_position((x.min(area.right().saturating_sub(1)), y));
        }
    }
}

/// Pads or cuts a text to a display width.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&" ".repeat(width - w));
    out
}

/// The visible part of a field's value and the cursor column inside it.
fn render_value(v: &Value, lang: Lang, width: usize, focused: bool) -> (String, Option<usize>) {
    match v {
        Value::Text { value, cursor } => {
            let shown: String = display(value).into_owned();
            let chars: Vec<char> = shown.chars().collect();
            let cursor = (*cursor).min(chars.len());
            // Scroll horizontally so the cursor stays inside the width.
            let mut start = 0;
            loop {
                let w = UnicodeWidthStr::width(
                    chars[start..cursor].iter().collect::<String>().as_str(),
                );
                if w < width || start >= cursor {
                    break;
                }
                start += 1;
            }
            let visible: String = chars[start..].iter().collect();
            let before: String = chars[start..cursor].iter().collect();
            let col = UnicodeWidthStr::width(before.as_str());
            (fit(&visible, width), focused.then_some(col))
        }
        Value::Choice { options, selected } => {
            let label = options
                .get(*selected)
                .map(|o| match lang {
                    Lang::Kk => o.1.as_str(),
                    Lang::Ru => o.2.as_str(),
                })
                .unwrap_or("");
            let s = if focused {
                format!("< {label} >")
            } else {
                format!("  {label}")
            };
            (fit(&s, width), None)
        }
        Value::Check(on) => {
            let s = if *on { "[x]" } else { "[ ]" };
            (fit(s, width), None)
        }
    }
}

/// Text editing keys: characters, Backspace, Delete, Left, Right, Home, End.
/// `cursor` counts characters, never bytes.
pub fn edit_text(value: &mut String, cursor: &mut usize, key: &KeyEvent) -> bool {
    let len = value.chars().count();
    *cursor = (*cursor).min(len);
    let byte = |s: &str, i: usize| s.char_indices().nth(i).map(|(b, _)| b).unwrap_or(s.len());
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            let b = byte(value, *cursor);
            value.insert(b, c);
            *cursor += 1;
            true
        }
        KeyCode::Backspace if *cursor > 0 => {
            let b = byte(value, *cursor - 1);
            value.remove(b);
            *cursor -= 1;
            true
        }
        KeyCode::Delete if *cursor < len => {
            let b = byte(value, *cursor);
            value.remove(b);
            true
        }
        KeyCode::Left => {
            *cursor = cursor.saturating_sub(1);
            false
        }
        KeyCode::Right => {
            *cursor = (*cursor + 1).min(len);
            false
        }
        KeyCode::Home => {
            *cursor = 0;
            false
        }
        KeyCode::End => {
            *cursor = len;
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn editing_counts_characters_not_bytes() {
        let mut v = String::new();
        let mut c = 0;
        for ch in "Әлия".chars() {
            edit_text(&mut v, &mut c, &key(KeyCode::Char(ch)));
        }
        edit_text(&mut v, &mut c, &key(KeyCode::Left));
        edit_text(&mut v, &mut c, &key(KeyCode::Backspace));
        assert_eq!(v, "Әля");
        assert_eq!(c, 2);
        edit_text(&mut v, &mut c, &key(KeyCode::Home));
        edit_text(&mut v, &mut c, &key(KeyCode::Delete));
        assert_eq!(v, "ля");
    }

    #[test]
    fn cursor_column_uses_display_width() {
        let (_, col) = render_value(
            &Value::Text {
                value: "Қайрат".into(),
                cursor: 6,
            },
            Lang::Kk,
            20,
            true,
        );
        assert_eq!(col, Some(6));
        // A long value scrolls so the cursor stays visible.
        let long = "я".repeat(100);
        let (shown, col) = render_value(
            &Value::Text {
                value: long,
                cursor: 100,
            },
            Lang::Kk,
            20,
            true,
        );
        assert!(col.unwrap() < 20);
        assert_eq!(UnicodeWidthStr::width(shown.as_str()), 20);
    }
}
