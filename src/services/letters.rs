//! Letters to the applicant (`docs::letters`): made from the appeal and its step with
//! the office's template, and the outgoing number and date recorded on that step.
use super::{Office, ServiceError};
use crate::docs::letters::{self, Letter, LetterInput, LetterKind};
use crate::domain::Lang;
use crate::store::{Actor, Store};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

/// A letter ready to print: the filled HTML, the letter (its step's event id for
/// [`record_outgoing`]) and the warnings about the office's template (file, line,
/// reason: the shipped template was used instead).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printed {
    pub letter: Letter,
    pub html: String,
    pub warnings: Vec<String>,
}

/// Makes the letter `kind` of an appeal in `lang`. `data_dir` is the folder of the
/// database (the office's templates are in its `letters` subfolder). Reads only.
pub fn make(
    store: &Store,
    office: &Office,
    data_dir: Option<&Path>,
    appeal_id: i64,
    kind: LetterKind,
    lang: Lang,
    input: &LetterInput,
) -> Result<Printed, ServiceError> {
    let appeal = store.appeal(appeal_id)?;
    let steps = store.step_records(appeal_id)?;
    let officials = store.officials(false)?;
    let letter = letters::letter(
        kind,
        lang,
        &appeal,
        &steps,
        &office.profile,
        &office.calendar,
        &officials,
        input,
    )?;
    let (template, warnings) = crate::assets::letter_template(data_dir, kind, lang);
    let html = letters::html(&template, &letter);
    Ok(Printed {
        letter,
        html,
        warnings,
    })
}

/// Records the outgoing number and date of the letter on its step (the event the
/// letter was made from). One transaction, audited.
pub fn record_outgoing(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    event_id: i64,
    out_no: &str,
    out_date: NaiveDate,
) -> Result<(), ServiceError> {
    Ok(store.set_step_letter(actor, now, appeal_id, event_id, out_no, out_date)?)
}
