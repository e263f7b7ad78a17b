//! A letter to the applicant from the command line (clap wiring at merge):
//! `qabyldau letter REG_NO KIND [--lang kk|ru] [--defects TEXT] [--signer TEXT] --out FILE`
//! (`.html` or `.pdf`). KIND is one of reception_date, extension, draft_refusal,
//! not_considered, fix_defects, redirect. The template is the office's
//! `<data dir>/letters/<kind>.<lang>.html` when valid, else the shipped one.
use super::report::{office, write_atomically};
use super::{CliError, Global};
use crate::docs::letters::{self, LetterInput, LetterKind};
use crate::domain::Lang;
use crate::store::Store;
use std::path::{Path, PathBuf};

fn usage(message: String) -> CliError {
    CliError { message, code: 2 }
}

/// Writes the letter `kind` of the appeal `reg_no` in `lang` to `out` (HTML or PDF by
/// its extension). `data_dir` is the folder of the database (office templates are in
/// its `letters` subfolder). Returns the warnings about the office's template (file,
/// line, reason), which is then replaced by the shipped one.
#[allow(clippy::too_many_arguments)]
pub fn write_letter(
    store: &Store,
    data_dir: Option<&Path>,
    reg_no: &str,
    kind: &str,
    lang: Lang,
    defects: &str,
    signer: &str,
    out: &Path,
) -> Result<Vec<String>, CliError> {
    let kind = LetterKind::from_code(kind).ok_or_else(|| {
        usage(format!(
            "unknown letter {kind:?}; one of: {}",
            LetterKind::ALL
                .iter()
                .map(|k| k.code())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let pdf = match out.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("pdf") => true,
        Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => false,
        _ => {
            return Err(usage(format!(
                "{}: the file must end in .html or .pdf",
                out.display()
            )))
        }
    };
    let db = |e: crate::store::StoreError| CliError {
        message: e.to_string(),
        code: 1,
    };
    let id = store
        .appeal_id_by_reg_no(reg_no)
        .map_err(db)?
        .ok_or_else(|| usage(format!("no appeal {reg_no}")))?;
    let (office_data, _) =
        crate::services::Office::load(store, crate::paths::config_dir().as_deref()).map_err(db)?;
    let name = office(store);
    let input = LetterInput {
        office: match lang {
            Lang::Kk => name.kk,
            Lang::Ru => name.ru,
        },
        signer: signer.to_string(),
        defects: defects.to_string(),
    };
    let printed =
        crate::services::letters::make(store, &office_data, data_dir, id, kind, lang, &input)
            .map_err(|e| usage(crate::i18n::services::service_error(lang, &e)))?;
    let (html, warnings) = (printed.html, printed.warnings);
    let bytes = if pdf {
        letters::pdf(&html, &crate::i18n::rules::letter_kind(lang, kind)).map_err(|e| CliError {
            message: e,
            code: 1,
        })?
    } else {
        html.into_bytes()
    };
    write_atomically(out, &bytes)?;
    Ok(warnings)
}

/// `qabyldau letter`: a letter to the applicant for a step of an appeal.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The appeal's registration number (e.g. KHR-2026-000123)
    pub reg_no: String,
    /// reception_date, extension, draft_refusal, not_considered, fix_defects or redirect
    pub kind: String,
    /// The letter's language (default: the applicant's)
    #[arg(long = "letter-lang", value_name = "kk|ru", value_parser = super::lang)]
    pub letter_lang: Option<Lang>,
    /// What to fix (fix_defects only)
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub defects: String,
    /// Who signs (position and name)
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub signer: String,
    /// The file to write (.html or .pdf)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let db = super::opts::existing(global, "letter")?;
    let store = super::opts::open(&db)?;
    let lang = match args.letter_lang {
        Some(l) => l,
        None => {
            let id = store
                .appeal_id_by_reg_no(&args.reg_no)
                .map_err(super::opts::failed)?
                .ok_or_else(|| usage(format!("no appeal {}", args.reg_no)))?;
            store
                .appeal(id)
                .map_err(super::opts::failed)?
                .applicant
                .language
        }
    };
    let warnings = write_letter(
        &store,
        db.parent(),
        &args.reg_no,
        &args.kind,
        lang,
        &args.defects,
        &args.signer,
        &args.out,
    )?;
    for w in &warnings {
        eprintln!("{w}");
    }
    println!(
        "letter {} {} -> {}",
        args.reg_no,
        args.kind,
        args.out.display()
    );
    Ok(())
}
