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
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    /// Characters a text field takes; typing or pasting beyond is refused as it
    /// arrives (a paste of 100,000 characters stays instant).
    pub max: usize,
}

/// The most characters any text field takes: the longest stored text (the
/// essence, `domain::text::limits::ESSENCE`); a field with a smaller limit says
/// so with [`Field::with_max`].
pub const TYPED_MAX: usize = crate::domain::text::limits::ESSENCE;

impl<K: FieldId> Field<K> {
    /// The same field taking at most `max` characters.
    pub fn with_max(mut self, max: usize) -> Field<K> {
        self.max = max;
        self
    }
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
            max: TYPED_MAX,
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
            max: TYPED_MAX,
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
            max: TYPED_MAX,
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
    /// The language the form was last drawn in: a letter jumps among the labels
    /// the clerk sees.
    lang: std::cell::Cell<Lang>,
}

impl<K> Default for Form<K> {
    fn default() -> Self {
        Form {
            fields: Vec::new(),
            focus: 0,
            dirty: false,
            scroll: Default::default(),
            lang: Default::default(),
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
            lang: Default::default(),
        }
    }

    fn get(&self, id: K) -> Option<&Field<K>> {
        self.fields.iter().find(|f| f.id == id)
    }
    fn get_mut(&mut self, id: K) -> Option<&mut Field<K>> {
        self.fields.iter_mut().find(|f| f.id == id)
    }

    /// The language whose labels a typed letter jumps among (drawing sets it too).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang.set(lang);
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
    /// A character beyond a text field's limit is refused and the field says why.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        let lang = self.lang.get();
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let changed = match &mut field.value {
            Value::Text { value, cursor } => {
                let changed = edit_text_max(value, cursor, key, field.max);
                if !changed
                    && matches!(key.code, KeyCode::Char(_))
                    && value.chars().count() >= field.max
                {
                    field.error = Some(format!("{} {}", Msg::ErrTooLong.text(lang), field.max));
                }
                changed
            }
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
                    // Type-ahead: the next option (in display order, cycling) whose
                    // label in the interface language starts with the letter.
                    KeyCode::Char(c) if c.is_alphanumeric() => {
                        let lc: String = c.to_lowercase().collect();
                        let lang = self.lang.get();
                        let starts = |o: &(String, String, String)| {
                            let label = match lang {
                                Lang::Kk => &o.1,
                                Lang::Ru => &o.2,
                            };
                            label.to_lowercase().starts_with(&lc)
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
        self.lang.set(lang);
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

/// Pads or cuts a text to a display width; a cut text ends with an ellipsis.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = cut(s, width);
    let w = UnicodeWidthStr::width(out.as_str());
    out.push_str(&" ".repeat(width.saturating_sub(w)));
    out
}

/// Cuts a text to a display width (by `unicode-width`), ending a cut text with
/// "…"; a text that fits is returned as it is.
pub fn cut(s: &str, width: usize) -> String {
    if UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// The visible part of a field's value and the cursor column inside it.
fn render_value(v: &Value, lang: Lang, width: usize, focused: bool) -> (String, Option<usize>) {
    match v {
        Value::Text { value, cursor } => {
            let shown: String = display(value).into_owned();
            let chars: Vec<char> = shown.chars().collect();
            let cursor = (*cursor).min(chars.len());
            // Scroll horizontally so the cursor stays inside the width: walk back
            // from the cursor while the text before it still fits. Linear in the
            // text (moving the start one character at a time and measuring again
            // made a keystroke at the end of a 4,000-character essence take 0.7 s).
            let mut start = cursor;
            let mut col = 0;
            while start > 0 {
                let cw = UnicodeWidthChar::width(chars[start - 1]).unwrap_or(0);
                if col + cw >= width {
                    break;
                }
                col += cw;
                start -= 1;
            }
            // `fit` cuts at the width; a character is at most two columns wide
            // and zero-width ones are rare, so this many are always enough.
            let visible: String = chars[start..].iter().take(width * 2 + 16).collect();
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
    edit_text_max(value, cursor, key, TYPED_MAX)
}

/// [`edit_text`] for a field of at most `max` characters: a character beyond
/// is refused (returns false) without touching the text.
pub fn edit_text_max(value: &mut String, cursor: &mut usize, key: &KeyEvent, max: usize) -> bool {
    let len = value.chars().count();
    *cursor = (*cursor).min(len);
    let byte = |s: &str, i: usize| s.char_indices().nth(i).map(|(b, _)| b).unwrap_or(s.len());
    let typed = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(_) if typed && len >= max => false,
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
    fn a_long_value_scrolls_to_the_cursor_in_linear_time() {
        let long: String = "Жер телімі ".chars().cycle().take(4_000).collect();
        let v = Value::Text {
            value: format!("{long}END"),
            cursor: 4_003,
        };
        let (shown, col) = render_value(&v, Lang::Kk, 20, true);
        let col = col.unwrap();
        assert!(col < 20, "the cursor stays inside: {col}");
        assert_eq!(UnicodeWidthStr::width(shown.as_str()), 20);
        assert!(shown.trim_end().ends_with("END"), "{shown:?}");
        assert_eq!(
            col, 19,
            "the text before the cursor fills the width less one"
        );
        // Wide characters (two columns) count by their width.
        let v = Value::Text {
            value: "\u{6f22}\u{5b57}".repeat(6),
            cursor: 12,
        };
        let (_, col) = render_value(&v, Lang::Kk, 9, true);
        assert_eq!(col, Some(8));
        // At the start nothing scrolls.
        let v = Value::Text {
            value: long.clone(),
            cursor: 0,
        };
        let (shown, col) = render_value(&v, Lang::Ru, 20, true);
        assert_eq!(col, Some(0));
        assert!(shown.starts_with("Жер телімі"));
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
    fn a_cut_text_ends_with_an_ellipsis_at_its_display_width() {
        assert_eq!(cut("Қайрат", 10), "Қайрат");
        assert_eq!(cut("Қайрат Әлиұлы", 8), "Қайрат …");
        // Wide characters count twice.
        let wide = "\u{6f22}\u{5b57}\u{6f22}\u{5b57}";
        assert_eq!(cut(wide, 5), "\u{6f22}\u{5b57}…");
        assert_eq!(UnicodeWidthStr::width(fit(wide, 5).as_str()), 5);
        assert_eq!(fit("ab", 4), "ab  ");
    }

    #[test]
    fn a_letter_jumps_among_the_labels_shown_in_display_order() {
        let opt = |c: &str, kk: &str, ru: &str| (c.to_string(), kk.to_string(), ru.to_string());
        let mut form = Form::new(vec![Field::choice(
            1,
            Msg::FieldCategory,
            vec![
                opt("", "Жоқ", "Нет"),
                opt("vet", "Басқа ардагерлер", "Ветераны"),
                opt("preg", "Жүкті әйел", "Беременная женщина"),
                opt("big", "Көп балалы", "Многодетная"),
                opt("b2", "Бала", "Беженец"),
            ],
        )]);
        form.lang.set(Lang::Ru);
        form.input(&key(KeyCode::Char('б')));
        assert_eq!(form.choice(1), "preg");
        // Repeated presses cycle among the matches.
        form.input(&key(KeyCode::Char('Б')));
        assert_eq!(form.choice(1), "b2");
        form.input(&key(KeyCode::Char('б')));
        assert_eq!(form.choice(1), "preg");
        // A letter of the other language's label does nothing.
        assert!(!form.input(&key(KeyCode::Char('ж'))));
        form.lang.set(Lang::Kk);
        form.input(&key(KeyCode::Char('б')));
        assert_eq!(form.choice(1), "b2");
        form.input(&key(KeyCode::Char('б')));
        assert_eq!(form.choice(1), "vet");
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

    #[test]
    fn a_paste_beyond_the_limit_is_refused_as_it_arrives() {
        #[derive(Clone, Copy, Debug, PartialEq)]
        enum F {
            Essence,
            Surname,
        }
        let mut form = Form::new(vec![
            Field::text(F::Essence, Msg::Saved),
            Field::text(F::Surname, Msg::Saved).with_max(60),
        ]);
        let t = std::time::Instant::now();
        for _ in 0..100_000 {
            form.input(&key(KeyCode::Char('z')));
        }
        assert_eq!(form.text(F::Essence).chars().count(), TYPED_MAX);
        // Editing still works at the limit.
        assert!(form.input(&key(KeyCode::Backspace)));
        assert!(form.input(&key(KeyCode::Char('x'))));
        assert!(!form.input(&key(KeyCode::Char('y'))));
        assert!(form.text(F::Essence).ends_with('x'));
        form.next();
        for _ in 0..1_000 {
            form.input(&key(KeyCode::Char('a')));
        }
        assert_eq!(form.text(F::Surname).len(), 60);
        assert!(form.fields[1]
            .error
            .as_deref()
            .unwrap_or("")
            .ends_with(" 60"));
        // Unoptimised test build; the release desk is far quicker.
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
    }
}
