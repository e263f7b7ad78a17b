//! Colour themes as data: default, high contrast, monochrome.
//!
//! The screens draw with a small set of colours (blue title bar, red errors,
//! yellow warnings, grey for finished rows, cyan for focus, ...). A theme is a
//! table saying what each of those colours becomes, applied to the finished frame
//! by [`Theme::apply`]: the screens keep one way of drawing and every theme covers
//! every screen, including ones added later.
//!
//! - **default**: the colours as drawn.
//! - **contrast**: black and white with bright yellow and cyan accents, no dim
//!   greys (for weak eyes and washed-out office monitors and projectors).
//! - **mono**: no colours at all; a background colour becomes reverse video and
//!   an error or warning colour becomes bold, so a selection and a warning still
//!   show. Chosen automatically when `NO_COLOR` is set (<https://no-color.org>),
//!   when `TERM` is `dumb`, or when the terminal reports fewer than 8 colours.
//!
//! `QABYLDAU_THEME=default|contrast|mono` chooses one explicitly.
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::sync::OnceLock;

/// Which theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeKind {
    Default,
    Contrast,
    Mono,
}

impl ThemeKind {
    pub fn from_name(s: &str) -> Option<ThemeKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "default" | "color" | "colour" => Some(ThemeKind::Default),
            "contrast" | "high-contrast" | "high_contrast" => Some(ThemeKind::Contrast),
            "mono" | "monochrome" | "none" => Some(ThemeKind::Mono),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ThemeKind::Default => "default",
            ThemeKind::Contrast => "contrast",
            ThemeKind::Mono => "mono",
        }
    }
}

/// What one drawn colour becomes: a colour (or `Reset`) plus modifiers to add.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Remap {
    pub from: Color,
    pub to: Color,
    pub add: Modifier,
}

const fn r(from: Color, to: Color, add: Modifier) -> Remap {
    Remap { from, to, add }
}

const NONE: Modifier = Modifier::empty();

/// High contrast: foregrounds.
const CONTRAST_FG: &[Remap] = &[
    r(Color::DarkGray, Color::White, NONE),
    r(Color::Gray, Color::White, NONE),
    r(Color::Red, Color::LightRed, Modifier::BOLD),
    r(Color::Yellow, Color::LightYellow, Modifier::BOLD),
    r(Color::Cyan, Color::LightCyan, Modifier::BOLD),
    r(Color::Green, Color::LightGreen, NONE),
    r(Color::Magenta, Color::LightMagenta, NONE),
    r(Color::Blue, Color::LightCyan, NONE),
];
/// High contrast: backgrounds.
const CONTRAST_BG: &[Remap] = &[
    r(Color::Blue, Color::Black, NONE),
    r(Color::DarkGray, Color::White, NONE),
    r(Color::Gray, Color::White, NONE),
    r(Color::Cyan, Color::LightYellow, NONE),
];
/// Monochrome: foregrounds (all become the terminal's own colour).
const MONO_FG: &[Remap] = &[
    r(Color::Red, Color::Reset, Modifier::BOLD),
    r(Color::LightRed, Color::Reset, Modifier::BOLD),
    r(Color::Yellow, Color::Reset, Modifier::BOLD),
    r(Color::Cyan, Color::Reset, Modifier::UNDERLINED),
    r(Color::LightGreen, Color::Reset, Modifier::ITALIC),
    r(Color::Magenta, Color::Reset, Modifier::ITALIC),
];

/// A theme: its kind and its tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub kind: ThemeKind,
    fg: &'static [Remap],
    bg: &'static [Remap],
}

impl Theme {
    pub fn of(kind: ThemeKind) -> Theme {
        match kind {
            ThemeKind::Default => Theme {
                kind,
                fg: &[],
                bg: &[],
            },
            ThemeKind::Contrast => Theme {
                kind,
                fg: CONTRAST_FG,
                bg: CONTRAST_BG,
            },
            ThemeKind::Mono => Theme {
                kind,
                fg: MONO_FG,
                bg: &[],
            },
        }
    }

    pub fn is_mono(&self) -> bool {
        self.kind == ThemeKind::Mono
    }

    /// The theme for this terminal: `requested` (or `QABYLDAU_THEME`), else mono
    /// when `NO_COLOR` is set, `TERM=dumb`, or fewer than 8 colours, else default.
    pub fn detect(requested: Option<ThemeKind>) -> Theme {
        let env = std::env::var("QABYLDAU_THEME")
            .ok()
            .and_then(|s| ThemeKind::from_name(&s));
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let colors = crossterm::style::available_color_count();
        Theme::of(choose(requested.or(env), no_color, dumb, colors))
    }

    /// Recolours a drawn frame in place.
    pub fn apply(&self, buf: &mut Buffer) {
        if self.kind == ThemeKind::Default {
            return;
        }
        let area = buf.area;
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let cell = &mut buf[(x, y)];
                let (fg, bg) = (cell.fg, cell.bg);
                let mut add = Modifier::empty();
                let mut new_fg = fg;
                let mut new_bg = bg;
                if let Some(m) = self.fg.iter().find(|m| m.from == fg) {
                    new_fg = m.to;
                    add |= m.add;
                }
                if let Some(m) = self.bg.iter().find(|m| m.from == bg) {
                    new_bg = m.to;
                    add |= m.add;
                }
                if self.kind == ThemeKind::Mono {
                    // A background colour marks something (title bar, selection,
                    // focused field): reverse video keeps it visible.
                    if bg != Color::Reset {
                        add |= Modifier::REVERSED;
                    }
                    new_fg = Color::Reset;
                    new_bg = Color::Reset;
                }
                cell.fg = new_fg;
                cell.bg = new_bg;
                cell.modifier |= add;
            }
        }
    }
}

/// The choice of [`Theme::detect`], pure.
pub fn choose(requested: Option<ThemeKind>, no_color: bool, dumb: bool, colors: u16) -> ThemeKind {
    if let Some(k) = requested {
        return k;
    }
    if no_color || dumb || colors < 8 {
        ThemeKind::Mono
    } else {
        ThemeKind::Default
    }
}

static CURRENT: OnceLock<Theme> = OnceLock::new();

/// Sets the theme of this process (the first call wins).
pub fn init(theme: Theme) {
    let _ = CURRENT.set(theme);
}

/// The theme of this process: the one given to [`init`], else the default.
pub fn current() -> Theme {
    CURRENT
        .get()
        .copied()
        .unwrap_or_else(|| Theme::of(ThemeKind::Default))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn choice() {
        assert_eq!(choose(None, true, false, 256), ThemeKind::Mono);
        assert_eq!(choose(None, false, true, 256), ThemeKind::Mono);
        assert_eq!(choose(None, false, false, 2), ThemeKind::Mono);
        assert_eq!(choose(None, false, false, 16), ThemeKind::Default);
        assert_eq!(
            choose(Some(ThemeKind::Contrast), true, false, 2),
            ThemeKind::Contrast
        );
        assert_eq!(ThemeKind::from_name("MONO"), Some(ThemeKind::Mono));
        assert_eq!(
            ThemeKind::from_name("high-contrast"),
            Some(ThemeKind::Contrast)
        );
        assert_eq!(ThemeKind::from_name("pink"), None);
    }

    fn sample() -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 4, 1));
        b.set_string(0, 0, "a", Style::default().bg(Color::Blue).fg(Color::White));
        b.set_string(1, 0, "b", Style::default().fg(Color::Red));
        b.set_string(2, 0, "c", Style::default().fg(Color::DarkGray));
        b.set_string(3, 0, "d", Style::default());
        b
    }

    #[test]
    fn mono_leaves_no_colour_and_keeps_marks() {
        let mut b = sample();
        Theme::of(ThemeKind::Mono).apply(&mut b);
        for x in 0..4 {
            assert_eq!(b[(x, 0)].fg, Color::Reset);
            assert_eq!(b[(x, 0)].bg, Color::Reset);
        }
        assert!(b[(0, 0)].modifier.contains(Modifier::REVERSED));
        assert!(b[(1, 0)].modifier.contains(Modifier::BOLD));
        assert!(b[(3, 0)].modifier.is_empty());
        assert_eq!(b[(1, 0)].symbol(), "b");
    }

    #[test]
    fn contrast_has_no_dim_grey_and_default_changes_nothing() {
        let mut b = sample();
        Theme::of(ThemeKind::Contrast).apply(&mut b);
        assert_eq!(b[(0, 0)].bg, Color::Black);
        assert_eq!(b[(2, 0)].fg, Color::White);
        assert_eq!(b[(1, 0)].fg, Color::LightRed);
        let mut d = sample();
        Theme::of(ThemeKind::Default).apply(&mut d);
        assert_eq!(d, sample());
    }
}
