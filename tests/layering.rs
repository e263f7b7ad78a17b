//! The shape of the code, checked: user-facing Kazakh and Russian text only in
//! src/i18n, src/docs, the demo data (and assets/); the desk's controller small
//! and its functions short; screens that do not reach into the app; no SQL in the
//! UI. Letter tables (search folding, keyboard layouts, alphabet order, accepted
//! spellings of input) are data, allowed by an explicit list below.
use std::path::{Path, PathBuf};

/// Where Kazakh and Russian text belongs.
const TEXT_HOMES: &[&str] = &["src/i18n/", "src/docs/", "src/demo.rs"];

/// Cyrillic string literals that are data, not text shown to a user, and why: a
/// whole file (`None`) or one literal of a file.
#[rustfmt::skip]
const LETTER_TABLES: &[(&str, Option<&str>, &str)] = &[
    ("src/domain/fold.rs", None, "the search folding: letter pairs"),
    ("src/store/mod.rs", None, "the Kazakh alphabet order of the collation"),
    ("src/domain/model.rs", None, "language codes a file or a user may type (қаз, рус)"),
    ("src/import.rs", None, "column headers accepted in imported files"),
    ("src/journal/headings.rs", None, "column headings offices write in their journals"),
    ("src/journal/values.rs", None, "values offices write in their journals (channels, ...)"),
    ("src/store/synth.rs", None, "synthetic names of the benchmark data"),
    ("src/cli/bench.rs", None, "search queries of the benchmark"),
    ("src/ui/widgets/form.rs", Some("yдиy+1"), "letters that tick a check box in either layout"),
    ("src/ui/widgets/form.rs", Some("nнж-0"), "letters that untick a check box in either layout"),
    ("src/ui/popup.rs", Some("Y/Д {}   N/Т {}"), "the answer keys of a confirmation in either layout"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The crate's sources as (path relative to the crate, text), sorted.
fn sources(under: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join(under), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// A string literal and the line it starts on.
#[derive(Debug)]
struct Literal {
    line: usize,
    text: String,
}

/// The string literals of a source, outside comments and outside items marked
/// `#[cfg(test)]` (unit tests hold test data). A small lexer: strings (plain,
/// byte, raw), char literals and lifetimes, line and block comments, braces.
fn literals(src: &str) -> Vec<Literal> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Brace depth, and the depth at which a `#[cfg(test)]` item's body started.
    let (mut depth, mut test_body): (usize, Option<usize>) = (0, None);
    let mut test_pending = false;
    while i < c.len() {
        let ch = c[i];
        let rest: String = c[i..(i + 12).min(c.len())].iter().collect();
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if rest.starts_with("//") {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if rest.starts_with("/*") {
            while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                line += usize::from(c[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if rest.starts_with("#[cfg(test)]") {
            test_pending = true;
            i += 12;
        } else if ch == '{' {
            if test_pending && test_body.is_none() {
                test_body = Some(depth);
            }
            test_pending = false;
            depth += 1;
            i += 1;
        } else if ch == '}' {
            depth = depth.saturating_sub(1);
            if test_body == Some(depth) {
                test_body = None;
            }
            i += 1;
        } else if ch == ';' && test_pending && test_body.is_none() {
            // `#[cfg(test)] use ...;` or `mod tests;`
            test_pending = false;
            i += 1;
        } else if ch == 'r' && (rest.starts_with("r\"") || rest.starts_with("r#")) {
            let start_line = line;
            let mut j = i + 1;
            let mut hashes = 0;
            while j < c.len() && c[j] == '#' {
                hashes += 1;
                j += 1;
            }
            if j >= c.len() || c[j] != '"' {
                i += 1; // r#ident
                continue;
            }
            j += 1;
            let mut text = String::new();
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|k| c.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                line += usize::from(c[j] == '\n');
                text.push(c[j]);
                j += 1;
            }
            if test_body.is_none() {
                out.push(Literal {
                    line: start_line,
                    text,
                });
            }
            i = j;
        } else if ch == '"' {
            let start_line = line;
            let mut j = i + 1;
            let mut text = String::new();
            while j < c.len() && c[j] != '"' {
                if c[j] == '\\' {
                    text.push(c[j]);
                    j += 1;
                }
                line += usize::from(c.get(j) == Some(&'\n'));
                if let Some(x) = c.get(j) {
                    text.push(*x);
                }
                j += 1;
            }
            if test_body.is_none() {
                out.push(Literal {
                    line: start_line,
                    text,
                });
            }
            i = j + 1;
        } else if ch == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if c.get(i + 1) == Some(&'\\') {
                let mut j = i + 2;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if ch.is_alphanumeric() || ch == '_' {
            // Skip whole identifiers, so `br` or `r` inside a name is not a string.
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                if c[i] == 'r' && c.get(i + 1).is_some_and(|n| *n == '"' || *n == '#') {
                    break;
                }
                i += 1;
            }
            if i < c.len() && c[i] == 'r' {
                continue;
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

#[test]
fn no_kazakh_or_russian_text_outside_its_homes() {
    let mut offenders = Vec::new();
    for (path, src) in sources("src") {
        if TEXT_HOMES.iter().any(|h| path.starts_with(h))
            || LETTER_TABLES
                .iter()
                .any(|(f, l, _)| *f == path && l.is_none())
        {
            continue;
        }
        for l in literals(&src) {
            let allowed = LETTER_TABLES
                .iter()
                .any(|(f, lit, _)| *f == path && *lit == Some(l.text.as_str()));
            if l.text.chars().any(is_cyrillic) && !allowed {
                offenders.push(format!("{path}:{}: \"{}\"", l.line, l.text));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "user-facing Kazakh/Russian text belongs in src/i18n (or src/docs):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_lexer_finds_literals_and_skips_tests_and_comments() {
    let src = "fn a() { let x = \"Сәлем\"; // \"Привет\"\n let c = '\"'; let r = r#\"Қош\"#; }\n\
               #[cfg(test)]\nmod tests { fn t() { let y = \"Тест\"; } }\nfn b<'a>(s: &'a str) { \"Ещё\"; }\n";
    let found: Vec<String> = literals(src).into_iter().map(|l| l.text).collect();
    assert_eq!(found, vec!["Сәлем", "Қош", "Ещё"]);
    // The allowed list names files that exist.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (f, lit, why) in LETTER_TABLES {
        let src = std::fs::read_to_string(root.join(f)).unwrap_or_default();
        assert!(
            !src.is_empty(),
            "{f} ({why}) is gone: drop it from the list"
        );
        if let Some(lit) = lit {
            assert!(
                literals(&src).iter().any(|l| l.text == *lit),
                "{f}: {lit:?} ({why}) is gone: drop it from the list"
            );
        }
    }
}

/// Functions of a source as (name, first line, length in lines): from the `fn`
/// line to the closing brace at the same indentation.
fn functions(src: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        let t = t.strip_prefix("pub ").unwrap_or(t);
        let t = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .unwrap_or(t);
        let t = t.strip_prefix("const ").unwrap_or(t);
        let Some(rest) = t.strip_prefix("fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let indent = l.len() - l.trim_start().len();
        // A declaration without a body (in a trait) ends with `;` before any `{`.
        let body = lines[i..]
            .iter()
            .find(|x| x.contains('{') || x.trim_end().ends_with(';'));
        if body.is_none_or(|x| !x.contains('{')) {
            continue;
        }
        let close = " ".repeat(indent) + "}";
        if l.trim_end().ends_with('}') {
            out.push((name, i + 1, 1));
        } else if let Some(n) = lines[i..].iter().position(|x| x.trim_end() == close) {
            out.push((name, i + 1, n + 1));
        }
    }
    out
}

#[test]
fn the_desk_controller_is_small_and_its_functions_short() {
    let ui = sources("src/ui");
    let app = ui
        .iter()
        .find(|(p, _)| p == "src/ui/app.rs")
        .expect("src/ui/app.rs");
    let n = app.1.lines().count();
    assert!(n < 400, "src/ui/app.rs has {n} lines (limit 399)");
    let mut long = Vec::new();
    for (path, src) in &ui {
        for (name, line, len) in functions(src) {
            if len > 100 {
                long.push(format!("{path}:{line}: fn {name}: {len} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over 100 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_function_measure_counts_lines() {
    let src = "fn a() {\n    1;\n}\n\nimpl X {\n    pub fn b(&self) {\n        if x {\n        }\n    }\n}\n";
    let f = functions(src);
    assert_eq!(f, vec![("a".to_string(), 1, 3), ("b".to_string(), 6, 4)]);
}

#[test]
fn screens_do_not_reach_into_the_app_nor_the_database() {
    for (path, src) in sources("src/ui") {
        if path.starts_with("src/ui/screens/")
            || path == "src/ui/screen.rs"
            || path == "src/ui/ctx.rs"
        {
            for (n, line) in src.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                let uses_app = code.match_indices("::app").any(|(i, _)| {
                    !code[i + 5..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                }) || code
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|word| word == "App");
                assert!(
                    !uses_app,
                    "{path}:{}: a screen sees the Ctx, never the App",
                    n + 1
                );
            }
        }
        assert!(!src.contains("rusqlite"), "{path}: rusqlite in the UI");
    }
}

#[test]
fn no_sql_outside_the_store() {
    for (path, src) in sources("src") {
        if path.starts_with("src/store/") {
            continue;
        }
        for l in literals(&src) {
            let up = l.text.to_uppercase();
            let sql = [
                "SELECT ",
                "INSERT INTO",
                "UPDATE ",
                "DELETE FROM",
                "PRAGMA ",
                "CREATE TABLE",
            ]
            .iter()
            .any(|k| up.contains(k) && l.text.contains(k));
            assert!(!sql, "{path}:{}: SQL outside src/store: {}", l.line, l.text);
        }
        assert!(
            !src.contains(".conn()") && !src.contains("pragma_update"),
            "{path}: the raw connection outside src/store"
        );
    }
}
