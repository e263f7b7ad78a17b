//! Letters to the applicant, one for each step the desk tracks: date and time of the
//! reception, extension of the period, draft refusal for the hearing (APPC art. 73),
//! "not considered" (001 §5), request to fix defects (APPC art. 63), redirect by
//! competence (APPC art. 76). Each in Kazakh and Russian, from an HTML template
//! (`assets/letters/<kind>.<lang>.html`, or the office's own file, see
//! `assets::letter_template`) with `{{name}}` placeholders filled from the appeal and
//! its step; printed as HTML, or as PDF with the embedded font.
use super::talon::esc;
use crate::domain::calendar::Calendar;
use crate::domain::lifecycle::Transition;
use crate::domain::profile::Profile;
use crate::domain::{Appeal, Lang, Official};
use crate::store::StepRecord;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The letters the desk prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LetterKind {
    /// The date and time of the reception (001 §29; 000 §25).
    ReceptionDate,
    /// Extension of the period (001 §30).
    Extension,
    /// Draft refusal sent for the hearing (APPC art. 73; 001 §32).
    DraftRefusal,
    /// Not considered: no essence of the question (001 §5).
    NotConsidered,
    /// Request to fix defects (APPC art. 63; 001 §6).
    FixDefects,
    /// Redirect by competence (APPC art. 76).
    Redirect,
}

/// Placeholders every letter may use.
pub const COMMON_VARS: &[&str] = &[
    "office",
    "signer",
    "out_no",
    "out_date",
    "applicant",
    "address",
    "reg_no",
    "registered_on",
    "essence",
];

impl LetterKind {
    pub const ALL: &'static [LetterKind] = &[
        LetterKind::ReceptionDate,
        LetterKind::Extension,
        LetterKind::DraftRefusal,
        LetterKind::NotConsidered,
        LetterKind::FixDefects,
        LetterKind::Redirect,
    ];

    /// The template's file name stem.
    pub fn code(self) -> &'static str {
        match self {
            LetterKind::ReceptionDate => "reception_date",
            LetterKind::Extension => "extension",
            LetterKind::DraftRefusal => "draft_refusal",
            LetterKind::NotConsidered => "not_considered",
            LetterKind::FixDefects => "fix_defects",
            LetterKind::Redirect => "redirect",
        }
    }

    pub fn from_code(s: &str) -> Option<LetterKind> {
        LetterKind::ALL
            .iter()
            .copied()
            .find(|k| k.code() == s.trim())
    }

    /// Placeholders of this letter besides [`COMMON_VARS`].
    pub fn vars(self) -> &'static [&'static str] {
        match self {
            LetterKind::ReceptionDate => &[
                "reception_date",
                "reception_time",
                "official",
                "official_position",
            ],
            LetterKind::Extension => &["new_due", "decided_on"],
            LetterKind::DraftRefusal => &["ground", "hearing_sent_on", "decision_not_before"],
            LetterKind::NotConsidered => &[],
            LetterKind::FixDefects => &["fix_by", "defects"],
            LetterKind::Redirect => &["redirect_to", "sent_on"],
        }
    }

    fn knows(self, var: &str) -> bool {
        COMMON_VARS.contains(&var) || self.vars().contains(&var)
    }
}

/// What is wrong with a template: the line and the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct TemplateError {
    pub line: usize,
    pub reason: String,
}

/// The placeholders of a template with the line each is on; an unclosed `{{`, an
/// empty or unknown name is an error.
pub fn check_template(kind: LetterKind, text: &str) -> Result<Vec<(usize, String)>, TemplateError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{") {
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                return Err(TemplateError {
                    line: i + 1,
                    reason: "\"{{\" without \"}}\"".into(),
                });
            };
            let name = after[..end].trim();
            if name.is_empty() || !kind.knows(name) {
                let mut known: Vec<&str> = COMMON_VARS.to_vec();
                known.extend(kind.vars());
                return Err(TemplateError {
                    line: i + 1,
                    reason: format!(
                        "unknown placeholder {{{{{name}}}}} (known: {})",
                        known.join(", ")
                    ),
                });
            }
            out.push((i + 1, name.to_string()));
            rest = &after[end + 2..];
        }
    }
    if !text.contains("<body") {
        return Err(TemplateError {
            line: text.lines().count().max(1),
            reason: "no <body> element".into(),
        });
    }
    Ok(out)
}

/// A letter ready to print: its kind and language, the step it belongs to (the
/// event whose outgoing number and date it carries), and the filled placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub kind: LetterKind,
    pub lang: Lang,
    /// The step of the appeal's history (`store::Store::set_step_letter` records the
    /// outgoing number and date on it).
    pub event_id: i64,
    pub vars: BTreeMap<&'static str, String>,
}

/// What the desk adds to the appeal's data when printing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LetterInput {
    /// The office's name in the letter's language.
    pub office: String,
    /// Who signs (position and name).
    pub signer: String,
    /// What does not meet APPC art. 63 (request to fix defects only).
    pub defects: String,
}

/// Why a letter cannot be made for an appeal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LetterError {
    /// The appeal's history has no step this letter is about.
    #[error("the appeal has no step for this letter")]
    NoStep,
    /// The request to fix defects must say what to fix.
    #[error("the defects to fix are missing")]
    DefectsMissing,
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The step a letter is about: the latest matching step of the history.
fn find_step(kind: LetterKind, steps: &[StepRecord]) -> Option<(&StepRecord, Option<Transition>)> {
    steps.iter().rev().find_map(|s| {
        let t = serde_json::from_str::<Transition>(&s.data).ok();
        let hit = match (&t, kind) {
            (_, LetterKind::NotConsidered) => s.to_status == "not_considered",
            (Some(Transition::Schedule { .. }), LetterKind::ReceptionDate) => true,
            (
                Some(Transition::Extend { .. } | Transition::ExtendFurther { .. }),
                LetterKind::Extension,
            ) => true,
            (Some(Transition::ScreenOut { .. }), LetterKind::DraftRefusal) => true,
            (Some(Transition::RequestFix { .. }), LetterKind::FixDefects) => true,
            (Some(Transition::Redirect { .. }), LetterKind::Redirect) => true,
            _ => false,
        };
        hit.then_some((s, t))
    })
}

/// Fills a letter from the appeal and its history. The step is the latest one of the
/// letter's kind; its outgoing number and date are used when recorded (else blank).
#[allow(clippy::too_many_arguments)]
pub fn letter(
    kind: LetterKind,
    lang: Lang,
    appeal: &Appeal,
    steps: &[StepRecord],
    profile: &Profile,
    calendar: &Calendar,
    officials: &[Official],
    input: &LetterInput,
) -> Result<Letter, LetterError> {
    let (step, t) = find_step(kind, steps).ok_or(LetterError::NoStep)?;
    let a = &appeal.applicant;
    let mut v: BTreeMap<&'static str, String> = BTreeMap::new();
    v.insert("office", input.office.clone());
    v.insert("signer", input.signer.clone());
    v.insert("out_no", step.out_no.clone().unwrap_or_default());
    v.insert("out_date", step.out_date.map(dmy).unwrap_or_default());
    v.insert("applicant", a.full_name());
    v.insert("address", a.address.clone());
    v.insert("reg_no", appeal.reg_no.clone());
    v.insert("registered_on", dmy(appeal.registered_on));
    v.insert("essence", appeal.essence.clone());
    match (kind, t) {
        (
            LetterKind::ReceptionDate,
            Some(Transition::Schedule {
                date,
                time,
                official_id,
            }),
        ) => {
            let o = officials.iter().find(|o| o.id == official_id);
            v.insert("reception_date", dmy(date));
            v.insert("reception_time", time.format("%H:%M").to_string());
            v.insert("official", o.map(Official::full_name).unwrap_or_default());
            v.insert(
                "official_position",
                o.map(|o| o.position(lang).to_string()).unwrap_or_default(),
            );
        }
        (LetterKind::Extension, Some(Transition::Extend { letter_on, new_due })) => {
            v.insert("new_due", dmy(new_due));
            v.insert("decided_on", dmy(letter_on));
        }
        (
            LetterKind::Extension,
            Some(Transition::ExtendFurther {
                decided_on,
                new_due,
                ..
            }),
        ) => {
            v.insert("new_due", dmy(new_due));
            v.insert("decided_on", dmy(decided_on));
        }
        (
            LetterKind::DraftRefusal,
            Some(Transition::ScreenOut {
                ground,
                hearing_sent_on,
            }),
        ) => {
            let n = profile
                .deadline("hearing_before_refusal")
                .map(|d| d.amount)
                .unwrap_or(3);
            let label = profile
                .screening_grounds
                .iter()
                .find(|g| g.code == ground)
                .map(|g| g.label(lang).to_string())
                .unwrap_or(ground);
            v.insert("ground", label);
            v.insert("hearing_sent_on", dmy(hearing_sent_on));
            v.insert(
                "decision_not_before",
                dmy(calendar.add_working_days(hearing_sent_on, n)),
            );
        }
        (LetterKind::FixDefects, Some(Transition::RequestFix { fix_by })) => {
            if input.defects.trim().is_empty() {
                return Err(LetterError::DefectsMissing);
            }
            v.insert("fix_by", dmy(fix_by));
            v.insert("defects", input.defects.trim().to_string());
        }
        (LetterKind::Redirect, Some(Transition::Redirect { sent_on, to })) => {
            v.insert("redirect_to", to);
            v.insert("sent_on", dmy(sent_on));
        }
        (LetterKind::NotConsidered, _) => {}
        _ => return Err(LetterError::NoStep),
    }
    Ok(Letter {
        kind,
        lang,
        event_id: step.event_id,
        vars: v,
    })
}

/// The template with its placeholders filled (values escaped for HTML). A template
/// is checked first (`check_template`); an unknown name left here prints empty.
pub fn html(template: &str, letter: &Letter) -> String {
    let mut out = String::with_capacity(template.len() + 512);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                if let Some(value) = letter.vars.get(name) {
                    out.push_str(&esc(value));
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn unescape(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of a filled HTML letter as paragraphs (for the PDF): the head, comments,
/// styles and scripts dropped; block elements and `<br>` start a new paragraph;
/// whitespace collapsed.
pub fn paragraphs(html: &str) -> Vec<String> {
    blocks(html).into_iter().map(|b| b.1).collect()
}

/// The paragraphs with whether each is a heading (`<h1>`-`<h3>`).
fn blocks(html: &str) -> Vec<(bool, String)> {
    let body = match (html.find("<body"), html.rfind("</body>")) {
        (Some(a), Some(b)) if a < b => &html[a..b],
        (Some(a), _) => &html[a..],
        _ => html,
    };
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut cur = String::new();
    let mut heading = false;
    let mut rest = body;
    let flush = |cur: &mut String, out: &mut Vec<(bool, String)>, heading: bool| {
        let p = unescape(&cur.split_whitespace().collect::<Vec<_>>().join(" "));
        if !p.is_empty() {
            out.push((heading, p));
        }
        cur.clear();
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map(|e| &r[e + 3..]).unwrap_or("");
            continue;
        }
        if rest.starts_with('<') {
            let end = rest.find('>').map(|e| e + 1).unwrap_or(rest.len());
            let closing = rest[1..].starts_with('/');
            let tag = rest[1..end.saturating_sub(1)]
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            rest = &rest[end..];
            if tag == "style" || tag == "script" {
                let close = format!("</{tag}>");
                rest = rest
                    .find(&close)
                    .map(|e| &rest[e + close.len()..])
                    .unwrap_or("");
                continue;
            }
            if matches!(
                tag.as_str(),
                "p" | "br" | "div" | "h1" | "h2" | "h3" | "li" | "tr" | "table" | "body"
            ) {
                flush(&mut cur, &mut out, heading);
                heading = matches!(tag.as_str(), "h1" | "h2" | "h3") && !closing;
            }
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        cur.push_str(&rest[..next]);
        rest = &rest[next..];
    }
    flush(&mut cur, &mut out, heading);
    out
}

/// Splits a paragraph into lines of at most `max` characters at spaces.
fn wrap(p: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in p.split(' ') {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > max {
            let head: String = line.chars().take(max).collect();
            let tail: String = line.chars().skip(max).collect();
            lines.push(head);
            line = tail;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A4 PDF of a filled HTML letter with the embedded Unicode font.
pub fn pdf(html: &str, title: &str) -> Result<Vec<u8>, String> {
    use printpdf::{Mm, PdfDocument};
    const W: f32 = 210.0;
    const H: f32 = 297.0;
    const LEFT: f32 = 25.0;
    const RIGHT: f32 = 15.0;
    const TOP: f32 = 20.0;
    const SIZE: f32 = 11.0;
    let (doc, page, layer) = PdfDocument::new(title, Mm(W), Mm(H), "1");
    let font = doc
        .add_external_font(std::io::Cursor::new(super::document::PDF_FONT))
        .map_err(|e| e.to_string())?;
    let mut layer = doc.get_page(page).get_layer(layer);
    let line_h = SIZE * 0.3528 * 1.45;
    // DejaVu Sans: about 0.6 em per Cyrillic letter.
    let max = ((W - LEFT - RIGHT) / (0.6 * SIZE * 0.3528)).floor() as usize;
    let mut y = H - TOP;
    let per_char = 0.6 * SIZE * 0.3528;
    for (heading, p) in blocks(html) {
        if heading {
            y -= line_h * 0.5;
        }
        for l in wrap(&p, max.max(10)) {
            if y < 20.0 {
                let (pg, ly) = doc.add_page(Mm(W), Mm(H), "1");
                layer = doc.get_page(pg).get_layer(ly);
                y = H - TOP;
            }
            // Headings centred between the margins (by the estimated width).
            let x = if heading {
                let w = l.chars().count() as f32 * per_char;
                LEFT + ((W - LEFT - RIGHT - w) / 2.0).max(0.0)
            } else {
                LEFT
            };
            layer.use_text(l, SIZE, Mm(x), Mm(y), &font);
            y -= line_h;
        }
        y -= line_h * if heading { 1.0 } else { 0.5 };
    }
    let mut buf = std::io::BufWriter::new(Vec::new());
    doc.save(&mut buf).map_err(|e| e.to_string())?;
    buf.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_checked_with_their_lines() {
        let ok = "<body>\n<p>{{applicant}} {{ fix_by }}</p>\n</body>";
        assert_eq!(
            check_template(LetterKind::FixDefects, ok).unwrap(),
            vec![(2, "applicant".into()), (2, "fix_by".into())]
        );
        let e = check_template(LetterKind::Redirect, ok).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("fix_by"), "{e}");
        let e = check_template(LetterKind::Redirect, "<body>\n\n<p>{{applicant</p>").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(check_template(LetterKind::Redirect, "<p>x</p>").is_err());
    }

    #[test]
    fn html_is_filled_and_escaped_and_read_back_as_paragraphs() {
        let mut vars = BTreeMap::new();
        vars.insert("applicant", "Өмірбекова <Айгүл>".to_string());
        vars.insert("reg_no", "KHR-2026-000001".to_string());
        let l = Letter {
            kind: LetterKind::NotConsidered,
            lang: Lang::Kk,
            event_id: 1,
            vars,
        };
        let t = "<html><head><title>T</title><style>p{}</style></head><body>\n<!-- note -->\n<p>{{applicant}}<br>№ {{reg_no}}</p><p>  a &amp; b </p>{{signer}}</body></html>";
        let h = html(t, &l);
        assert!(h.contains("Өмірбекова &lt;Айгүл&gt;<br>№ KHR-2026-000001"));
        assert_eq!(
            paragraphs(&h),
            vec!["Өмірбекова <Айгүл>", "№ KHR-2026-000001", "a & b"]
        );
    }

    #[test]
    fn headings_are_told_apart() {
        let b = blocks("<body><p>a</p><h1>Тақырып</h1><p>b<br>c</p></body>");
        assert_eq!(
            b,
            vec![
                (false, "a".to_string()),
                (true, "Тақырып".to_string()),
                (false, "b".to_string()),
                (false, "c".to_string())
            ]
        );
    }

    #[test]
    fn long_paragraphs_wrap_at_spaces() {
        let w = wrap("бір екі үш төрт бес", 8);
        assert_eq!(w, vec!["бір екі", "үш төрт", "бес"]);
        assert!(wrap(&"я".repeat(20), 8)
            .iter()
            .all(|l| l.chars().count() <= 8));
    }
}
