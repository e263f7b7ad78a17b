//! The colour themes over the real desk's first frame: monochrome leaves no colour
//! but keeps the title bar and the key hints visible (reverse video); high contrast
//! leaves no dim grey; the default changes nothing.
use qabyldau::store::{Store, SynthOptions};
use qabyldau::ui::theme::{Theme, ThemeKind};
use ratatui::style::{Color, Modifier};

fn frame() -> ratatui::buffer::Buffer {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("q.sqlite")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    s.synthesize(&SynthOptions::new(200, today), &mut |_, _| {})
        .unwrap();
    qabyldau::cli::bench::render_first_frame(s, today).unwrap()
}

#[test]
fn themes_over_the_desk() {
    let drawn = frame();
    let coloured = drawn
        .content
        .iter()
        .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        .count();
    assert!(coloured > 0, "the default theme draws in colour");

    let mut mono = drawn.clone();
    Theme::of(ThemeKind::Mono).apply(&mut mono);
    assert!(mono
        .content
        .iter()
        .all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    // The title bar (row 0) had a background colour: now reverse video.
    assert!(mono[(1, 0)].modifier.contains(Modifier::REVERSED));
    // The text itself is unchanged.
    for (a, b) in drawn.content.iter().zip(&mono.content) {
        assert_eq!(a.symbol(), b.symbol());
    }

    let mut contrast = drawn.clone();
    Theme::of(ThemeKind::Contrast).apply(&mut contrast);
    assert!(contrast
        .content
        .iter()
        .all(|c| c.fg != Color::DarkGray && c.bg != Color::DarkGray));

    let mut same = drawn.clone();
    Theme::of(ThemeKind::Default).apply(&mut same);
    assert_eq!(same, drawn);
}
