//! Registering appeals: typed in at the desk, or imported from a file. Both go
//! through [`register_in`], so an imported appeal gets the same status, next due
//! action and due date as one typed in.
use super::{Office, ServiceError};
use crate::domain::deadlines::registration_date;
use crate::domain::lifecycle::on_registration;
use crate::domain::register::{check_appeal, RepeatQuery};
use crate::domain::{Appeal, AppealDraft};
use crate::store::{Actor, AppealDetails, AppealRow, Registered, Store, Tx};
use chrono::{NaiveDate, NaiveDateTime};

/// Registers one appeal in the caller's transaction: the appeal, its applicant,
/// its status (queued today: scheduled), its next due action and the audit rows.
/// `draft` must have passed `check_appeal`.
pub(super) fn register_in(
    tx: &Tx<'_>,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    registered_on: NaiveDate,
    draft: &AppealDraft,
) -> Result<Registered, ServiceError> {
    let (_status, next) = on_registration(
        draft.receive_today,
        now.date(),
        registered_on,
        &office.calendar,
        &office.profile,
    );
    Ok(tx.insert_appeal(
        actor,
        now,
        registered_on,
        &office.settings.prefix,
        draft,
        next,
    )?)
}

/// Registers an appeal typed in at `now`: checks the draft, registers it on `now`'s
/// day (the next working day when that is a day off, 001 §25) and, with
/// `receive_today`, queues the applicant. One transaction.
pub fn register(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    draft: &AppealDraft,
) -> Result<Registered, ServiceError> {
    register_with(store, office, actor, now, draft, None, false)
}

/// [`register`] with the reception details typed on the form (001 §10-11), or
/// (`new_name`) as [`register_new_name`]: the appeal and its details in ONE
/// transaction, so a failure of either leaves nothing registered.
pub fn register_with(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    draft: &AppealDraft,
    details: Option<&AppealDetails>,
    new_name: bool,
) -> Result<Registered, ServiceError> {
    let clean = check_appeal(draft, &office.profile).map_err(ServiceError::Fields)?;
    let registered_on = registration_date(now.date(), &office.calendar);
    store.write(|tx| {
        let r = if new_name {
            let (_status, next) = on_registration(
                clean.receive_today,
                now.date(),
                registered_on,
                &office.calendar,
                &office.profile,
            );
            tx.insert_appeal_new_name(
                actor,
                now,
                registered_on,
                &office.settings.prefix,
                &clean,
                next,
            )?
        } else {
            register_in(tx, office, actor, now, registered_on, &clean)?
        };
        if let Some(d) = details {
            tx.set_appeal_details(actor, now, r.appeal_id, d)?;
        }
        Ok(r)
    })
}

/// Registers appeals read from a file, each on its own registration date, all in
/// ONE transaction: all of them or (on any error) none. Each draft is checked
/// again; the first bad one fails the whole batch with its field errors.
pub fn register_many(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    rows: &[(NaiveDate, AppealDraft)],
) -> Result<Vec<Registered>, ServiceError> {
    register_many_with(
        store,
        office,
        actor,
        now,
        rows,
        &crate::cancel::Cancel::new(),
        &mut |_, _| {},
    )
}

/// [`register_many`] calling `progress(done, total)` after each appeal and
/// stopping with [`ServiceError::Cancelled`] when `cancel` is set: the one
/// transaction is rolled back, nothing stays.
pub fn register_many_with(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    rows: &[(NaiveDate, AppealDraft)],
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Registered>, ServiceError> {
    let clean = rows
        .iter()
        .map(|(on, d)| {
            check_appeal(d, &office.profile)
                .map(|c| (*on, c))
                .map_err(ServiceError::Fields)
        })
        .collect::<Result<Vec<_>, _>>()?;
    store.write(|tx| {
        // Indexed for search in one go at the end (same transaction): row by row,
        // FTS5 wrote a segment per appeal.
        let deferred = tx.defer_search_index()?;
        let mut out = Vec::with_capacity(clean.len());
        for (i, (on, d)) in clean.iter().enumerate() {
            if cancel.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
            out.push(register_in(tx, office, actor, now, *on, d)?);
            progress(i + 1, clean.len());
        }
        if cancel.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        tx.finish_search_index(deferred)?;
        Ok(out)
    })
}

/// Registers an appeal after the clerk confirmed that its IIN, stored under
/// another name ([`crate::store::StoreError::IinBelongsTo`] from [`register`]),
/// is the same person with a new name: earlier appeals keep the name they were
/// filed under, this one carries the new name, the change is in the history.
pub fn register_new_name(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    draft: &AppealDraft,
) -> Result<Registered, ServiceError> {
    register_with(store, office, actor, now, draft, None, true)
}

/// Registers rows read from a file in ONE transaction, one outcome per row: a
/// row imported before (its hash is remembered) or repeated earlier in `rows`
/// is skipped as `AlreadyImported`, a row whose IIN is stored under another
/// name is skipped as `IinBelongsTo` (an import renames nobody); the others are
/// registered like [`register_many`] and remembered. Each draft is checked again.
pub fn register_import(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    rows: &[(NaiveDate, AppealDraft)],
) -> Result<Vec<crate::store::ImportedRow>, ServiceError> {
    register_import_with(
        store,
        office,
        actor,
        now,
        rows,
        &crate::cancel::Cancel::new(),
        &mut |_, _| {},
    )
}

/// [`register_import`] calling `progress(done, total)` after each row and
/// stopping with [`ServiceError::Cancelled`] (nothing written) when `cancel` is set.
pub fn register_import_with(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    rows: &[(NaiveDate, AppealDraft)],
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<crate::store::ImportedRow>, ServiceError> {
    use crate::store::{import_row_hash, ImportedRow};
    let clean = rows
        .iter()
        .map(|(on, d)| {
            check_appeal(d, &office.profile)
                .map(|c| (*on, c))
                .map_err(ServiceError::Fields)
        })
        .collect::<Result<Vec<_>, _>>()?;
    store.write(|tx| {
        let mut out = Vec::with_capacity(clean.len());
        for (i, (on, d)) in clean.iter().enumerate() {
            if cancel.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
            progress(i, clean.len());
            // The same file always gives the same hashes.
            let hash = import_row_hash(*on, d);
            if let Some(reg_no) = tx.imported_as(&hash)? {
                out.push(ImportedRow::AlreadyImported { reg_no });
                continue;
            }
            if let Some((_, name)) = tx.iin_conflict(&d.applicant)? {
                out.push(ImportedRow::IinBelongsTo { name });
                continue;
            }
            let r = register_in(tx, office, actor, now, *on, d)?;
            tx.remember_import(&hash, &r, now)?;
            out.push(ImportedRow::New(r));
        }
        if cancel.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        progress(clean.len(), clean.len());
        Ok(out)
    })
}

/// Saves the edit of a registered appeal: `loaded` is the appeal as the clerk
/// opened it (its version is compared inside the transaction: `Conflict` when
/// someone changed it meanwhile, unless `force`), `draft` what the form holds now.
/// Unticking the consent of a record that had it records a withdrawal (Law 94-V)
/// in the same transaction. Returns the appeal's id.
pub fn update(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    loaded: &Appeal,
    draft: &AppealDraft,
    force: bool,
) -> Result<i64, ServiceError> {
    update_with(store, office, actor, now, loaded, draft, None, force)
}

/// [`update`] with the reception details as the form holds them now, saved in the
/// same transaction.
#[allow(clippy::too_many_arguments)]
pub fn update_with(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    loaded: &Appeal,
    draft: &AppealDraft,
    details: Option<&AppealDetails>,
    force: bool,
) -> Result<i64, ServiceError> {
    let clean = check_appeal(draft, &office.profile).map_err(ServiceError::Fields)?;
    let mut appeal = loaded.clone();
    appeal.applicant = clean.applicant.clone();
    appeal.applicant.id = loaded.applicant.id;
    appeal.applicant.consent = clean.applicant.consent;
    appeal.channel = clean.channel.unwrap_or(loaded.channel);
    appeal.essence = clean.essence.clone();
    appeal.topic = clean.topic.clone();
    appeal.settlement = clean.settlement.clone();
    appeal.requested_official = clean.requested_official;
    appeal.national_reg_no = clean.national_reg_no.clone();
    appeal.from_personal_reception = clean.from_personal_reception;
    store.write(|tx| {
        tx.update_appeal(actor, now, &appeal, force)?;
        if loaded.applicant.consent && !clean.applicant.consent {
            if let Some(aid) = loaded.applicant.id {
                tx.withdraw_consent(actor, now, aid)?;
            }
        }
        if let Some(d) = details {
            tx.set_appeal_details(actor, now, appeal.id, d)?;
        }
        Ok(appeal.id)
    })
}

/// Earlier appeals that make a new one a repeat appeal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Repeats {
    pub appeals: Vec<AppealRow>,
    /// Found by name only (no valid IIN): a possible repeat, namesakes included.
    pub by_name: bool,
}

/// The earlier appeals of the same applicant on the same topic (see
/// [`RepeatQuery`]), without the appeal being edited (`editing`). A store failure
/// is returned, not swallowed.
pub fn find_repeats(
    store: &Store,
    query: &RepeatQuery,
    editing: Option<i64>,
) -> Result<Repeats, ServiceError> {
    let found = match query {
        RepeatQuery::Nothing => Vec::new(),
        RepeatQuery::ByIin { iin, topic } => store.previous_appeals(iin, topic)?,
        RepeatQuery::ByName {
            surname,
            name,
            patronymic,
            topic,
        } => store.previous_appeals_by_name(surname, name, patronymic, topic)?,
    };
    Ok(Repeats {
        appeals: found
            .into_iter()
            .filter(|r| Some(r.id) != editing)
            .collect(),
        by_name: query.by_name(),
    })
}

/// The Today line: appeals still without a national-register number once the
/// profile's `national_register` working days have passed since registration.
pub fn missing_national_no(
    store: &Store,
    office: &Office,
    today: NaiveDate,
    limit: usize,
) -> Result<Vec<AppealRow>, ServiceError> {
    let cutoff = crate::domain::deadlines::national_register_cutoff(
        &office.profile,
        today,
        &office.calendar,
    );
    Ok(store.missing_national_no(cutoff, limit)?)
}
