//! Bringing an office's journal in: the rows checked by `crate::journal`,
//! registered as appeals typed in at the desk are, in ONE transaction with the
//! classifier entries the office added, the journal's wording of values kept as
//! "other", and the mapping remembered for the journal's shape. Rows the office
//! brings in as finished (older than its `--closed-before` day) are answered and
//! closed by the lifecycle's `closed_from_journal` steps in the same transaction.
use super::register::register_in;
use super::{Office, ServiceError};
use crate::domain::lifecycle::closed_from_journal;
use crate::domain::register::check_appeal;
use crate::store::{import_row_hash, Actor, Addition, ImportRow, ImportedRow, Store, Tx};
use chrono::NaiveDateTime;

/// Registers a journal's rows, each on its own registration date, all or none.
/// `additions` are topics the mapping adds (the drafts may use them);
/// `remember` is (shape, mapping TOML) to keep for the next journal of that shape.
/// Each draft is checked again; the first bad one fails the whole batch.
pub fn import_journal(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    rows: &[ImportRow],
    additions: &[Addition],
    remember: Option<(&str, &str)>,
) -> Result<Vec<ImportedRow>, ServiceError> {
    import_journal_with(
        store,
        office,
        actor,
        now,
        rows,
        additions,
        remember,
        &crate::cancel::Cancel::new(),
        &mut |_, _| {},
    )
}

/// [`import_journal`] calling `progress(done, total)` after each appeal and
/// stopping with [`ServiceError::Cancelled`] when `cancel` is set: the one
/// transaction is rolled back, nothing stays.
#[allow(clippy::too_many_arguments)]
pub fn import_journal_with(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    rows: &[ImportRow],
    additions: &[Addition],
    remember: Option<(&str, &str)>,
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<ImportedRow>, ServiceError> {
    let mut office = office.clone();
    store.extend_profile(&mut office.profile)?;
    for a in additions {
        if a.kind == "topic" && office.profile.topic(&a.entry.code).is_none() {
            office.profile.topics.push(a.entry.clone());
        }
    }
    let clean = rows
        .iter()
        .map(|r| check_appeal(&r.draft, &office.profile).map_err(ServiceError::Fields))
        .collect::<Result<Vec<_>, _>>()?;
    store.write(|tx| {
        for a in additions {
            tx.add_classifier_entry(actor, now, a)?;
        }
        // Indexed for search in one go at the end (same transaction): row by row,
        // FTS5 wrote a segment per appeal (see `Tx::defer_search_index`).
        let deferred = tx.defer_search_index()?;
        let mut out = Vec::with_capacity(rows.len());
        for (i, (row, draft)) in rows.iter().zip(&clean).enumerate() {
            if cancel.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
            // Imported before (or earlier in this file), or another person's
            // IIN: skipped, one outcome per row (an import renames nobody).
            let hash = import_row_hash(row.registered_on, draft);
            if let Some(reg_no) = tx.imported_as(&hash)? {
                out.push(ImportedRow::AlreadyImported { reg_no });
                progress(i + 1, rows.len());
                continue;
            }
            if let Some((_, name)) = tx.iin_conflict(&draft.applicant)? {
                out.push(ImportedRow::IinBelongsTo { name });
                progress(i + 1, rows.len());
                continue;
            }
            let reg = register_in(tx, &office, actor, now, row.registered_on, draft)?;
            tx.remember_import(&hash, &reg, now)?;
            for (field, original) in &row.originals {
                tx.record_original(actor, now, reg.appeal_id, field, original)?;
            }
            if row.closed {
                close_from_journal(tx, actor, now, reg.appeal_id, row)?;
            }
            out.push(ImportedRow::New(reg));
            progress(i + 1, rows.len());
        }
        if cancel.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        tx.finish_search_index(deferred)?;
        if let Some((shape, mapping)) = remember {
            tx.remember_import_map(actor, now, shape, mapping)?;
        }
        Ok(out)
    })
}

/// Takes the steps of `domain::lifecycle::closed_from_journal` for a row brought
/// in as finished (the answer on the journal's date, then the closing), each a
/// history row with its audit row, nothing left due; sets the outcome the
/// journal's text matched.
fn close_from_journal(
    tx: &Tx<'_>,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    row: &ImportRow,
) -> Result<(), ServiceError> {
    let steps = closed_from_journal(row.registered_on, row.answered_on, now.date())?;
    for (from, t, to) in &steps {
        tx.record_step(actor, now, appeal_id, from.code(), to.code(), t, None)?;
    }
    if let Some(code) = &row.outcome {
        tx.set_journal_outcome(actor, now, appeal_id, code)?;
    }
    Ok(())
}
