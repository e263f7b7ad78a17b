//! `qabyldau export appeals --from DATE --to DATE --format csv|xlsx --out FILE
//! [--media | --unregistered]`.
//!
//! - default: every field of each appeal (codes as stored), its status and due
//!   dates; the header row uses the import's column names where they exist.
//! - `--media`: depersonalised for the press (001 §37): no IIN, BIN, phone,
//!   address, document numbers; names reduced to initials; long digit runs in
//!   the essence hidden.
//! - `--unregistered`: appeals without a national register number, laid out for
//!   re-keying into "Электронные обращения" (bilingual headers, labels in Russian
//!   as the national form shows them, dates DD.MM.YYYY).
//!
//! CSV is UTF-8 with a byte-order mark and `;` as separator: Excel with Kazakh or
//! Russian regional settings opens it in columns with Cyrillic intact.
//! Every export is written to the audit trail.
//!
//! The writing lives here, below the desk and the command line (`qabyldau export`
//! and the desk's export both call [`export_appeals_with`]).

use crate::domain::privacy::{initials, scrub_numbers};
use crate::domain::profile::Profile;
use crate::domain::{Channel, Lang};
use crate::safe_file;
use crate::store::{Actor, ExportAppeal};

/// Why an export did not happen; nothing was written in any case.
#[derive(Debug)]
pub enum ExportError {
    /// Stopped by the user (Ctrl+C, Esc at the desk).
    Cancelled,
    /// The target refused (exists without `force`, the database's own file).
    Usage(String),
    /// The database or the disk failed.
    Failed(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Cancelled => write!(f, "export: cancelled; nothing was written"),
            ExportError::Usage(m) | ExportError::Failed(m) => write!(f, "{m}"),
        }
    }
}

fn failed(e: impl std::fmt::Display) -> ExportError {
    ExportError::Failed(e.to_string())
}
use std::path::Path;

/// Which layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Full,
    Media,
    Unregistered,
}

fn dmy(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Header row of a layout.
pub fn header(layout: Layout) -> Vec<String> {
    let v: &[&str] = match layout {
        Layout::Full => &[
            "reg_no",
            "registered_on",
            "channel",
            "status",
            "outcome",
            "due_on",
            "instructions_due",
            "national_reg_no",
            "from_personal_reception",
            "kind",
            "surname",
            "name",
            "patronymic",
            "iin",
            "bin",
            "org_name",
            "phone",
            "address",
            "language",
            "category",
            "topic",
            "settlement",
            "official",
            "essence",
        ],
        Layout::Media => &[
            "reg_no",
            "registered_on",
            "channel",
            "status",
            "outcome",
            "applicant",
            "kind",
            "topic",
            "settlement",
            "official",
            "essence",
        ],
        Layout::Unregistered => crate::i18n::EXPORT_HEADERS,
    };
    v.iter().map(|s| s.to_string()).collect()
}

/// One row of a layout.
pub fn row(layout: Layout, a: &ExportAppeal, profile: &Profile) -> Vec<String> {
    match layout {
        Layout::Full => vec![
            a.reg_no.clone(),
            a.registered_on.to_string(),
            a.channel.clone(),
            a.status.clone(),
            a.outcome.clone(),
            a.due_on.map(|d| d.to_string()).unwrap_or_default(),
            a.instructions_due
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            a.national_reg_no.clone(),
            (a.from_personal_reception as u8).to_string(),
            a.kind.clone(),
            a.surname.clone(),
            a.name.clone(),
            a.patronymic.clone(),
            a.iin.clone(),
            a.bin.clone(),
            a.org_name.clone(),
            a.phone.clone(),
            a.address.clone(),
            a.language.clone(),
            a.category.clone(),
            a.topic.clone(),
            a.settlement.clone(),
            a.official.clone(),
            a.essence.clone(),
        ],
        Layout::Media => vec![
            a.reg_no.clone(),
            a.registered_on.to_string(),
            a.channel.clone(),
            a.status.clone(),
            a.outcome.clone(),
            initials(&a.full_name()),
            a.kind.clone(),
            a.topic.clone(),
            a.settlement.clone(),
            a.official.clone(),
            scrub_numbers(&a.essence),
        ],
        Layout::Unregistered => vec![
            dmy(a.registered_on),
            a.reg_no.clone(),
            Channel::from_code(&a.channel)
                .map(|c| crate::i18n::ui::channel(Lang::Ru, c).to_string())
                .unwrap_or_else(|| a.channel.clone()),
            a.full_name(),
            a.iin.clone(),
            a.bin.clone(),
            a.org_name.clone(),
            a.address.clone(),
            a.phone.clone(),
            a.language.clone(),
            profile
                .topic(&a.topic)
                .map(|t| t.ru.clone())
                .unwrap_or_else(|| a.topic.clone()),
            a.settlement.clone(),
            a.essence.clone(),
        ],
    }
}

/// A CSV cell as it is written: a cell that a spreadsheet would read as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading `'`, as OWASP advises against CSV injection. XLSX cells are written as
/// strings and need nothing.
pub fn csv_cell(v: &str) -> std::borrow::Cow<'_, str> {
    match v.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{v}").into(),
        _ => v.into(),
    }
}

/// Writes the export to `out` (csv or xlsx) and records it in the audit trail;
/// returns the number of appeals. See [`export_appeals_with`].
#[allow(clippy::too_many_arguments)]
pub fn export_appeals(
    store: &mut crate::store::Store,
    actor: &Actor,
    now: chrono::NaiveDateTime,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    layout: Layout,
    format: &str,
    profile: &Profile,
    out: &Path,
    force: bool,
) -> Result<u64, ExportError> {
    export_appeals_with(
        store,
        actor,
        now,
        (from, to),
        layout,
        format,
        profile,
        out,
        force,
        &crate::cancel::Cancel::new(),
        &mut |_| {},
    )
}

/// [`export_appeals`] with progress (rows written) and cancel. The file is written
/// privately under a random temporary name created exclusively in the target's
/// folder and appears under `out` only once its audit row is stored: a failure (a
/// busy database, a full disk) or a cancel (exit code 130) leaves no file and no
/// audit row. The database's own files are refused as `out`; an existing `out`
/// is replaced only with `force`.
#[allow(clippy::too_many_arguments)]
pub fn export_appeals_with(
    store: &mut crate::store::Store,
    actor: &Actor,
    now: chrono::NaiveDateTime,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    layout: Layout,
    format: &str,
    profile: &Profile,
    out: &Path,
    force: bool,
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, ExportError> {
    let safe = |e: safe_file::SafeFileError| {
        if e.is_user_error() {
            ExportError::Usage(e.to_string())
        } else {
            ExportError::Failed(e.to_string())
        }
    };
    safe_file::check_target(out, store.path(), force).map_err(safe)?;
    let mut file = safe_file::AtomicFile::create(out, force).map_err(safe)?;
    let mut each_row = |n: u64| -> Result<(), String> {
        if cancel.is_cancelled() {
            return Err("cancelled".into());
        }
        progress(n);
        Ok(())
    };
    let n = write(
        store,
        from,
        to,
        layout,
        format,
        profile,
        out,
        &mut file,
        &mut each_row,
    )
    .map_err(|e| {
        if cancel.is_cancelled() {
            ExportError::Cancelled
        } else {
            e
        }
    })?;
    if cancel.is_cancelled() {
        return Err(ExportError::Cancelled);
    }
    let what = match layout {
        Layout::Full => "appeals",
        Layout::Media => "appeals-media",
        Layout::Unregistered => "appeals-unregistered",
    };
    store
        .record_export(actor, now, what, from, to, n)
        .map_err(failed)?;
    file.commit().map_err(safe)?;
    Ok(n)
}

#[allow(clippy::too_many_arguments)]
fn write(
    store: &crate::store::Store,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    layout: Layout,
    format: &str,
    profile: &Profile,
    path: &Path,
    file: &mut safe_file::AtomicFile,
    each_row: &mut dyn FnMut(u64) -> Result<(), String>,
) -> Result<u64, ExportError> {
    let mut written: u64 = 0;
    let unregistered = layout == Layout::Unregistered;
    let io = |e: std::io::Error| failed(format!("{}: {e}", path.display()));
    if format == "csv" {
        use std::io::Write;
        let mut buf = std::io::BufWriter::new(file);
        buf.write_all("\u{FEFF}".as_bytes()).map_err(io)?;
        let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(buf);
        w.write_record(header(layout)).map_err(failed)?;
        let n = store
            .for_each_export(from, to, unregistered, &mut |a| {
                w.write_record(
                    row(layout, a, profile)
                        .iter()
                        .map(|c| csv_cell(c).into_owned()),
                )
                .map_err(|e| e.to_string())?;
                written += 1;
                each_row(written)
            })
            .map_err(failed)?;
        w.flush().map_err(io)?;
        Ok(n)
    } else {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet_with_constant_memory();
        ws.set_name("Appeals").map_err(failed)?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        for (c, h) in header(layout).iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)
                .map_err(failed)?;
        }
        let mut r: u32 = 0;
        let n = store
            .for_each_export(from, to, unregistered, &mut |a| {
                r += 1;
                for (c, v) in row(layout, a, profile).iter().enumerate() {
                    ws.write_string(r, c as u16, v).map_err(|e| e.to_string())?;
                }
                each_row(u64::from(r))
            })
            .map_err(failed)?;
        wb.save_to_writer(file).map_err(failed)?;
        Ok(n)
    }
}
