//! Text hygiene: what may be stored and how stored text is shown.
use std::borrow::Cow;

/// Length limits, in characters, for every stored text field.
pub mod limits {
    pub const NAME: usize = 60;
    pub const ORG_NAME: usize = 200;
    pub const ADDRESS: usize = 300;
    pub const ESSENCE: usize = 4000;
    pub const DECISION: usize = 4000;
    pub const INSTRUCTION: usize = 2000;
    pub const SHORT: usize = 120;
    pub const REASON: usize = 500;
}

/// Invisible characters that only hide or reorder text: zero-width joiners and
/// spaces, the byte-order mark, and bidirectional overrides.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// Makes stored text safe to put on a terminal: control characters (C0, DEL, C1:
/// the start of every escape sequence) become `�`, invisible characters are dropped.
/// Newlines and tabs become spaces (one table cell, one line).
pub fn display(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !c.is_control() && !is_invisible(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\t' || c == '\r' {
            out.push(' ');
        } else if c.is_control() {
            out.push('\u{FFFD}');
        } else if !is_invisible(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A message for a terminal that may quote imported or typed text (command-line
/// errors, import reports): every line through [`display`], so an escape
/// sequence (OSC 52 clipboard, screen clear, title change) in a cell is printed
/// as `�` and never reaches the terminal. Line breaks between lines stay.
pub fn terminal_safe(s: &str) -> String {
    s.split('\n')
        .map(|l| display(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a typed text cannot be stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("text contains control characters")]
    Control,
}

/// Cleans a single-line field for storage: trims, drops invisible characters,
/// folds runs of white space, refuses control characters and over-long text.
pub fn clean_line(s: &str, max: usize) -> Result<String, TextError> {
    if s.chars().any(|c| c.is_control() && c != '\t') {
        return Err(TextError::Control);
    }
    let visible: String = s.chars().filter(|c| !is_invisible(*c)).collect();
    let out = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(out)
}

/// Cleans a multi-line field (essence, decision): like [`clean_line`] but keeps
/// line breaks.
pub fn clean_text(s: &str, max: usize) -> Result<String, TextError> {
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(TextError::Control);
    }
    let lines: Vec<String> = s
        .replace("\r\n", "\n")
        .split('\n')
        .map(|l| {
            l.chars()
                .filter(|c| !is_invisible(*c))
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let out = lines.join("\n").trim().to_string();
    if out.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised() {
        assert_eq!(display("Ай\x1b[31mгүл"), "Ай\u{FFFD}[31mгүл");
        assert_eq!(display("a\u{202E}b\u{200B}c"), "abc");
        assert!(matches!(display("Қайрат"), Cow::Borrowed(_)));
    }

    #[test]
    fn clean_line_rules() {
        assert_eq!(
            clean_line("  Нұр\u{200B}лан   Ұлы ", 60).unwrap(),
            "Нұрлан Ұлы"
        );
        assert_eq!(clean_line("a\x1bb", 60), Err(TextError::Control));
        assert_eq!(
            clean_line(&"я".repeat(61), 60),
            Err(TextError::TooLong { max: 60 })
        );
        assert_eq!(clean_text(" a \r\n  b  c ", 10).unwrap(), "a\nb c");
    }
}
