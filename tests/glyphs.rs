//! Every character the desk and the board can put on screen is one that Windows
//! console fonts have (Consolas, Lucida Console, Cascadia Mono: WGL4 and Cyrillic):
//! no ⏎ ⌫ ▶ ✓ and the like, which show as empty boxes there.
use std::path::Path;

/// Characters outside ASCII and Cyrillic that WGL4 fonts carry and the UI may use.
const ALLOWED_EXTRA: &str = "«»–—‘’“”„…•№°±×÷§©®€‰‹›←↑→↓↔↕█▀▄▌▐░▒▓■□▲►▼◄○●";

fn allowed(c: char) -> bool {
    c.is_ascii()
        || ('\u{00A0}'..='\u{00FF}').contains(&c) // Latin-1
        || ('\u{0400}'..='\u{04FF}').contains(&c) // Cyrillic, Kazakh letters included
        || ('\u{2500}'..='\u{257F}').contains(&c) // box drawing (borders)
        || ALLOWED_EXTRA.contains(c)
}

fn scan(dir: &Path, found: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            scan(&p, found);
            continue;
        }
        if p.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        for (n, line) in text.lines().enumerate() {
            // Comments may name the glyphs they avoid.
            let code = match line.find("//") {
                Some(i) if !line[..i].contains('"') => &line[..i],
                _ => line,
            };
            for c in code.chars().filter(|c| !allowed(*c)) {
                found.push(format!(
                    "{}:{}: {c:?} (U+{:04X})",
                    p.display(),
                    n + 1,
                    c as u32
                ));
            }
        }
    }
}

#[test]
fn screen_text_uses_only_glyphs_windows_consoles_have() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for part in ["ui", "i18n", "board.rs"] {
        let p = root.join(part);
        if p.is_dir() {
            scan(&p, &mut found);
        } else {
            let tmp = tempfile::tempdir().unwrap();
            std::fs::copy(&p, tmp.path().join("board.rs")).unwrap();
            scan(tmp.path(), &mut found);
        }
    }
    assert!(
        found.is_empty(),
        "glyphs missing from Windows console fonts:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_itself_catches_the_usual_suspects() {
    for c in ['⏎', '⌫', '▶', '✓', '✔', '✗', '⚠', '🔍', '⌘'] {
        assert!(!allowed(c), "{c}");
    }
    for c in [
        'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І', 'ё', '№', '█', '─', '…',
    ] {
        assert!(allowed(c), "{c}");
    }
}
