//! One write transaction for the services: a use case runs its reads, its rule
//! checks and its writes (with their audit rows) inside one IMMEDIATE transaction,
//! so what it checked is still true when it writes.
use super::{
    appeals, control, journal, lifecycle, protocols, security, Actor, Registered, Result, Store,
    StoreError,
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

    /// A reception session (issue 15).
    pub fn session(&self, id: i64) -> Result<crate::domain::schedule::Session> {
        super::schedule::session_in(&self.tx, id)
    }

    /// Books an appeal into a session (a chosen slot, or the next free one with
    /// out-of-turn applicants first), replacing its live booking; see
    /// [`Store::book`] for what is refused.
    pub fn book(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        req: &super::BookingRequest,
    ) -> Result<(i64, chrono::NaiveTime)> {
        super::schedule::book_replacing(&self.tx, actor, now, req)
    }

    /// Takes the appeal's waiting entries of `day` out of the queue: it was booked
    /// into a session of a later day. How many.
    pub fn leave_queue_for_later_session(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        day: NaiveDate,
    ) -> Result<usize> {
        super::queue::leave_for_later_session(&self.tx, actor, now, appeal_id, day)
    }

    /// The official's category (`None`: not stated); `NotFound` for no such official.
    pub fn official_category(
        &self,
        official_id: i64,
    ) -> Result<Option<crate::domain::OfficialCategory>> {
        let code: Option<String> = self
            .tx
            .prepare_cached("SELECT category FROM officials WHERE id = ?1")?
            .query_row([official_id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound)?;
        Ok(code
            .as_deref()
            .and_then(crate::domain::OfficialCategory::from_code))
    }

    /// Records the applicant's consent to a same-day reception (001 §3) on the
    /// appeal's queue entry of `now`'s day.
    pub fn record_same_day_consent(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
    ) -> Result<()> {
        super::schedule::same_day_consent_of_appeal(&self.tx, actor, now, appeal_id)
    }

    /// Everyone who was ever the executor of an instruction of the appeal.
    pub fn previous_executors(&self, appeal_id: i64) -> Result<Vec<String>> {
        control::previous_executors(&self.tx, appeal_id)
    }

    /// Everyone who handled this appeal or an earlier appeal of the same applicant on
    /// the same topic (001 §37), this appeal's own executors first.
    pub fn earlier_executors(
        &self,
        appeal_id: i64,
    ) -> Result<Vec<crate::domain::control::EarlierExecutor>> {
        super::rules::earlier_executors(&self.tx, appeal_id)
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

    /// Records the reception details of an appeal (citizenship, interpreter's
    /// language, identity shown, signatories), audited.
    pub fn set_appeal_details(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        details: &super::AppealDetails,
    ) -> std::result::Result<(), super::RulesError> {
        super::rules::set_appeal_details(&self.tx, actor, now, appeal_id, details)
    }

    /// Adds a name to the office's list of employees and units (an existing one
    /// under the search folding is that entry, re-activated); returns its id.
    pub fn add_staff(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        kind: super::StaffKind,
        name: &str,
        unit_id: Option<i64>,
    ) -> std::result::Result<i64, super::RulesError> {
        super::rules::add_staff(&self.tx, actor, now, kind, name, unit_id)
    }

    /// Gives an instruction on control to a list entry, refused under the
    /// conflict rule over the applicant's history.
    pub fn assign_executor(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        instruction_id: i64,
        staff_id: i64,
    ) -> std::result::Result<(), super::RulesError> {
        super::rules::assign_executor(&self.tx, actor, now, instruction_id, staff_id)
    }

    /// Adds an official (the id in `o` is ignored); the new id.
    pub fn add_official(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        o: &crate::domain::Official,
    ) -> Result<i64> {
        super::officials::add_official(&self.tx, actor, now, o)
    }

    /// Updates an official's record.
    pub fn update_official(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        o: &crate::domain::Official,
    ) -> Result<()> {
        super::officials::update_official(&self.tx, actor, now, o)
    }

    /// Creates an operator (the id in `op` is ignored); the new id.
    pub fn add_operator(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        op: &crate::domain::Operator,
        password_hash: &str,
    ) -> Result<i64> {
        super::operators::insert_operator(&self.tx, actor, now, op, password_hash)
    }

    /// Changes an operator's name, positions and role (see [`Store::update_operator`]).
    pub fn update_operator(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        op: &crate::domain::Operator,
    ) -> Result<()> {
        security::update_operator(&self.tx, actor, now, op)
    }

    /// Stores an operator's new password hash (see [`Store::set_password_hash`]).
    pub fn set_password_hash(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        operator_id: i64,
        hash: &str,
    ) -> Result<()> {
        security::set_password_hash(&self.tx, actor, now, operator_id, hash)
    }

    /// Sets an official's room (the board and the poster show it).
    pub fn set_official_room(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        official_id: i64,
        room: &str,
    ) -> Result<()> {
        super::schedule::set_official_room(&self.tx, actor, now, official_id, room)
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

    /// Adds a classifier entry made while importing a journal (if new).
    pub fn add_classifier_entry(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        a: &journal::Addition,
    ) -> Result<()> {
        journal::add_classifier_entry(&self.tx, actor, now, a)
    }

    /// Keeps a journal's wording of an appeal's value kept as "other".
    pub fn record_original(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        field: &str,
        original: &str,
    ) -> Result<()> {
        journal::record_original(&self.tx, actor, now, appeal_id, field, original)
    }

    /// Sets the outcome code of an appeal brought in from a journal as finished.
    pub fn set_journal_outcome(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        code: &str,
    ) -> Result<()> {
        journal::set_journal_outcome(&self.tx, actor, now, appeal_id, code)
    }

    /// Remembers a journal mapping for its shape.
    pub fn remember_import_map(
        &self,
        actor: &Actor,
        now: NaiveDateTime,
        shape: &str,
        mapping: &str,
    ) -> Result<()> {
        journal::remember_import_map(&self.tx, actor, now, shape, mapping)
    }
}

/// The search-index triggers a bulk write sets aside until its end (see
/// [`Tx::defer_search_index`]): their `CREATE` statements and the last appeal
/// before the bulk.
#[derive(Debug)]
pub struct DeferredIndex {
    triggers: Vec<String>,
    last_id: i64,
}

/// Triggers that write the FTS5 indexes row by row.
const ROW_INDEX_TRIGGERS: [&str; 2] = ["appeals_search_insert", "applicants_search_update"];

impl Tx<'_> {
    /// The connection inside the transaction (for the store's own bulk writers).
    pub(crate) fn conn(&self) -> &rusqlite::Connection {
        &self.tx
    }

    /// Before writing many appeals in this transaction: sets aside the triggers
    /// that index each appeal as it is written. Inside a transaction FTS5 writes
    /// its pending words to disk as a new segment at every statement that needs a
    /// statement journal (every insert with triggers), so indexing row by row
    /// made one segment per row and merged them over and over: two thirds of an
    /// import's time. [`Tx::finish_search_index`] indexes the new appeals in one
    /// statement and restores the triggers; both are part of this transaction, so
    /// a rollback restores the triggers too and no other connection ever sees
    /// them missing.
    pub fn defer_search_index(&self) -> Result<DeferredIndex> {
        let mut triggers = Vec::new();
        for name in ROW_INDEX_TRIGGERS {
            let sql: Option<String> = self
                .tx
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(sql) = sql {
                self.tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
                triggers.push(sql);
            }
        }
        let last_id = self
            .tx
            .query_row("SELECT coalesce(max(id), 0) FROM appeals", [], |r| r.get(0))?;
        Ok(DeferredIndex { triggers, last_id })
    }

    /// Indexes, in one statement per index, every appeal written since
    /// [`Tx::defer_search_index`] and every earlier appeal of an applicant those
    /// touched (an applicant updated meanwhile), then restores the triggers.
    pub fn finish_search_index(&self, deferred: DeferredIndex) -> Result<()> {
        self.tx.execute_batch(&format!(
            "CREATE TEMP TABLE IF NOT EXISTS bulk_indexed(id INTEGER PRIMARY KEY);
             DELETE FROM bulk_indexed;
             INSERT INTO bulk_indexed
               SELECT id FROM appeals WHERE applicant_id IN
                 (SELECT applicant_id FROM appeals WHERE id > {last});
             DELETE FROM appeal_search WHERE rowid IN
               (SELECT id FROM bulk_indexed WHERE id <= {last});
             DELETE FROM appeal_phone WHERE rowid IN
               (SELECT id FROM bulk_indexed WHERE id <= {last});
             INSERT INTO appeal_search(rowid, words)
               SELECT a.id, search_words(p.surname, p.name, p.patronymic, p.org_name, p.iin,
                                         p.bin, a.reg_no)
               FROM bulk_indexed b JOIN appeals a ON a.id = b.id
               JOIN applicants p ON p.id = a.applicant_id ORDER BY a.id;
             INSERT INTO appeal_phone(rowid, digits)
               SELECT a.id, search_phone(p.phone)
               FROM bulk_indexed b JOIN appeals a ON a.id = b.id
               JOIN applicants p ON p.id = a.applicant_id WHERE p.phone <> '' ORDER BY a.id;
             DELETE FROM bulk_indexed;",
            last = deferred.last_id
        ))?;
        for sql in &deferred.triggers {
            self.tx.execute_batch(sql)?;
        }
        Ok(())
    }
}
