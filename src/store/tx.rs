//! One write transaction for the services: a use case runs its reads, its rule
//! checks and its writes (with their audit rows) inside one IMMEDIATE transaction,
//! so what it checked is still true when it writes.
use super::{
    appeals, control, lifecycle, protocols, security, Actor, Registered, Result, Store, StoreError,
};
use crate::domain::lifecycle::{NextAction, Transition};
use crate::domain::{Appeal, AppealDraft, ProtocolDraft};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::OptionalExtension;

/// An open write transaction (IMMEDIATE: the write lock is held from its start).
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
}

/// What a lifecycle step needs to know of an appeal, read inside the transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppealState {
    pub status: String,
    /// Bumped by every write of the appeal (edit, status change).
    pub version: i64,
    pub registered_on: NaiveDate,
}

impl Store {
    /// Runs `f` inside one IMMEDIATE write transaction: committed when `f` returns
    /// `Ok`, rolled back (nothing written) when it returns `Err`.
    pub fn write<T, E>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let tx = Tx { tx };
        let out = f(&tx)?;
        tx.tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
}

impl Tx<'_> {
    /// Inserts a validated appeal (and its applicant, and its queue ticket when the
    /// applicant is received today) with its next due action, audited.
    pub fn insert_appeal(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        registered_on: NaiveDate,
        prefix: &str,
        draft: &AppealDraft,
        next: Option<(NextAction, NaiveDate)>,
    ) -> Result<Registered> {
        appeals::insert_appeal(
            &self.tx,
            actor,
            now,
            registered_on,
            prefix,
            draft,
            next,
            false,
        )
    }

    /// [`Tx::insert_appeal`] after the clerk confirmed that the draft's IIN, stored
    /// under another name, is the same person with a new name: a new applicant
    /// record carries the new name, earlier appeals keep theirs, the change is in
    /// the earlier record's history (`renamed`). Without this, such a draft fails
    /// with [`StoreError::IinBelongsTo`].
    pub fn insert_appeal_new_name(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        registered_on: NaiveDate,
        prefix: &str,
        draft: &AppealDraft,
        next: Option<(NextAction, NaiveDate)>,
    ) -> Result<Registered> {
        appeals::insert_appeal(
            &self.tx,
            actor,
            now,
            registered_on,
            prefix,
            draft,
            next,
            true,
        )
    }

    /// When the applicant's IIN is stored under another name: that applicant's
    /// id and name.
    pub fn iin_conflict(
        &self,
        applicant: &crate::domain::Applicant,
    ) -> Result<Option<(i64, String)>> {
        appeals::iin_conflict(&self.tx, applicant)
    }

    /// The registration number an imported row with this hash became, if any
    /// (see `store::import_row_hash`).
    pub fn imported_as(&self, hash: &str) -> Result<Option<String>> {
        super::import::imported_as(&self.tx, hash)
    }

    /// Remembers that the imported row with this hash became `r`.
    pub fn remember_import(&self, hash: &str, r: &Registered, now: NaiveDateTime) -> Result<()> {
        super::import::remember(&self.tx, hash, r, now)
    }

    /// The appeal's status, version and registration date as stored now.
    pub fn appeal_state(&self, appeal_id: i64) -> Result<AppealState> {
        self.tx
            .prepare_cached("SELECT status, version, registered_on FROM appeals WHERE id = ?1")?
            .query_row([appeal_id], |r| {
                Ok(AppealState {
                    status: r.get(0)?,
                    version: r.get(1)?,
                    registered_on: super::parse_date(&r.get::<_, String>(2)?),
                })
            })
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// The steps taken so far, oldest first.
    pub fn steps_of(&self, appeal_id: i64) -> Result<Vec<Transition>> {
        lifecycle::steps_of(&self.tx, appeal_id)
    }

    /// Records a lifecycle step from status `from` to `to` with its next due action.
    #[allow(clippy::too_many_arguments)]
    pub fn record_step(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        from: &str,
        to: &str,
        step: &Transition,
        next: Option<(NextAction, NaiveDate)>,
    ) -> Result<()> {
        lifecycle::record_step(&self.tx, actor, now, appeal_id, from, to, step, next)
    }

    /// Everyone who was ever the executor of an instruction of the appeal.
    pub fn previous_executors(&self, appeal_id: i64) -> Result<Vec<String>> {
        control::previous_executors(&self.tx, appeal_id)
    }

    /// Saves a validated protocol (see [`Store::save_protocol`]); returns its id.
    pub fn insert_protocol(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        draft: &ProtocolDraft,
    ) -> Result<i64> {
        protocols::insert_protocol(&self.tx, actor, now, draft)
    }

    /// One appeal with its applicant.
    pub fn appeal(&self, appeal_id: i64) -> Result<Appeal> {
        appeals::read_appeal(&self.tx, appeal_id)
    }

    /// Saves an edited appeal; `Conflict` when its stored version is no longer
    /// `edited.version` (unless `force`).
    pub fn update_appeal(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        edited: &Appeal,
        force: bool,
    ) -> Result<()> {
        appeals::update_appeal(&self.tx, actor, now, edited, force)
    }

    /// Records that an applicant withdrew consent to the processing of personal data.
    pub fn withdraw_consent(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        applicant_id: i64,
    ) -> Result<()> {
        security::withdraw_consent(&self.tx, actor, now, applicant_id)
    }
}
