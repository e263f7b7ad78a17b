//! Accounts and personal data: login bookkeeping (failed attempts, lock-out),
//! passwords, deactivation, consent withdrawal, access log, depersonalisation.
//! Password hashing and the login policy live in `crate::auth`; this file only
//! stores what they decide.
use super::{audit, parse_ts, ts, Actor, AuditEntry, Result, Store, StoreError};
use crate::domain::fold::fold;
use crate::domain::{Operator, Role};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::json;

/// What the login check needs to know about an active account.
#[derive(Clone, Debug, PartialEq)]
pub struct LoginState {
    pub operator: Operator,
    pub password_hash: String,
    pub failed_attempts: i64,
    pub locked_until: Option<NaiveDateTime>,
}

/// An operator account as the admin's list shows it (active or not).
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    pub operator: Operator,
    pub active: bool,
    pub failed_attempts: i64,
    pub locked_until: Option<NaiveDateTime>,
    /// No password set yet (the account cannot log in).
    pub no_password: bool,
}

/// Kind of access to personal data that is logged (Law 94-V: who viewed,
/// exported or printed a record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    View,
    Export,
    Print,
}

impl Access {
    pub fn code(self) -> &'static str {
        match self {
            Access::View => "view",
            Access::Export => "export",
            Access::Print => "print",
        }
    }
}

/// Appeal statuses after which an appeal is finished and may be depersonalised
/// once the retention period is over.
pub const CLOSED_STATUSES: &[&str] = &[
    "closed",
    "returned",
    "refused",
    "withdrawn",
    "not_considered",
];

/// One applicant that a purge depersonalises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurgeItem {
    pub applicant_id: i64,
    /// What the name becomes ("Ө. А.").
    pub initials: String,
    /// Registration numbers of the applicant's appeals (all closed and old).
    pub reg_nos: Vec<String>,
}

/// See [`Store::purge_candidates`].
fn candidates(conn: &Connection, before: NaiveDate) -> Result<Vec<PurgeItem>> {
    let closed = CLOSED_STATUSES
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(",");
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.surname, p.name, p.patronymic, group_concat(a.reg_no, ' ')
         FROM applicants p JOIN appeals a ON a.applicant_id = p.id
         WHERE p.depersonalised_at IS NULL
         GROUP BY p.id
         HAVING sum(CASE WHEN a.status IN ({closed}) AND a.registered_on < ?1
                    THEN 0 ELSE 1 END) = 0
         ORDER BY p.id"
    ))?;
    let v = stmt
        .query_map([before.to_string()], |r| {
            let (s, n, p) = initials(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
            );
            let mut reg_nos: Vec<String> = r
                .get::<_, String>(4)?
                .split(' ')
                .map(str::to_string)
                .collect();
            reg_nos.sort();
            Ok(PurgeItem {
                applicant_id: r.get(0)?,
                initials: [s, n, p]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
                reg_nos,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Initials of a name: "Өмірбекова Айгүл Серікқызы" -> "Ө. А. С.".
pub fn initials(surname: &str, name: &str, patronymic: &str) -> (String, String, String) {
    let ini = |s: &str| {
        s.trim()
            .chars()
            .next()
            .map(|c| format!("{c}."))
            .unwrap_or_default()
    };
    (ini(surname), ini(name), ini(patronymic))
}

fn operator_row(r: &rusqlite::Row) -> rusqlite::Result<Operator> {
    Ok(Operator {
        id: r.get(0)?,
        login: r.get(1)?,
        full_name: r.get(2)?,
        position_kk: r.get(3)?,
        position_ru: r.get(4)?,
        role: Role::from_code(&r.get::<_, String>(5)?).unwrap_or(Role::Viewer),
    })
}

const OP_COLS: &str = "id, login, full_name, position_kk, position_ru, role";

/// The reason [`Store::set_operator_active`] and [`Store::update_operator`] give for
/// refusing to leave no active admin (nobody could manage accounts then).
pub const LAST_ADMIN: &str = "the last active admin";

/// Stores a new password hash (made by `auth::hash_password`) and lifts any lock.
/// The audit row says that the password changed, not what it is. In the
/// caller's transaction.
pub(crate) fn set_password_hash(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    operator_id: i64,
    hash: &str,
) -> Result<()> {
    // A password set by someone else (an administrator, `operator reset`)
    // must be changed by its owner at the next login; their own clears that.
    let must_change = actor.operator_id != Some(operator_id);
    let n = conn.execute(
        "UPDATE operators SET password_hash = ?2, failed_attempts = 0, locked_until = NULL,
         must_change_password = ?3
         WHERE id = ?1",
        params![operator_id, hash, must_change as i64],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(
        conn,
        actor,
        now,
        "password",
        "operator",
        Some(operator_id),
        None,
        None,
    )?;
    Ok(())
}

/// Changes an operator's name, positions and role (the login stays: the audit
/// trail names operators by it). The last active admin keeps the admin role.
/// In the caller's transaction.
pub(crate) fn update_operator(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    op: &Operator,
) -> Result<()> {
    let before = conn
        .query_row(
            &format!("SELECT {OP_COLS}, active FROM operators WHERE id = ?1"),
            [op.id],
            |r| Ok((operator_row(r)?, r.get::<_, i64>(6)? != 0)),
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let (old, active) = before;
    if active && old.role == Role::Admin && op.role != Role::Admin && last_admin(conn)? {
        return Err(StoreError::Invalid(LAST_ADMIN.into()));
    }
    conn.execute(
        "UPDATE operators SET full_name = ?2, position_kk = ?3, position_ru = ?4, role = ?5
         WHERE id = ?1",
        params![
            op.id,
            op.full_name,
            op.position_kk,
            op.position_ru,
            op.role.code()
        ],
    )?;
    let mut after = op.clone();
    after.login = old.login.clone();
    audit::record(
        conn,
        actor,
        now,
        "update",
        "operator",
        Some(op.id),
        Some(&serde_json::to_value(&old).unwrap_or_default()),
        Some(&serde_json::to_value(&after).unwrap_or_default()),
    )?;
    Ok(())
}

/// Whether at most one active admin is left.
fn last_admin(conn: &Connection) -> Result<bool> {
    let admins: i64 = conn.query_row(
        "SELECT count(*) FROM operators WHERE role = 'admin' AND active = 1",
        [],
        |r| r.get(0),
    )?;
    Ok(admins <= 1)
}

impl Store {
    /// Number of operators ever created (0 on first run).
    pub fn operator_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM operators", [], |r| r.get(0))?)
    }

    /// Every account, active first, then by login.
    pub fn accounts(&self) -> Result<Vec<Account>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OP_COLS}, active, failed_attempts, locked_until, password_hash = ''
             FROM operators ORDER BY active DESC, login"
        ))?;
        let v = stmt
            .query_map([], |r| {
                Ok(Account {
                    operator: operator_row(r)?,
                    active: r.get::<_, i64>(6)? != 0,
                    failed_attempts: r.get(7)?,
                    locked_until: r.get::<_, Option<String>>(8)?.map(|s| parse_ts(&s)),
                    no_password: r.get::<_, i64>(9)? != 0,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The login bookkeeping of an active account.
    pub fn login_state(&self, login: &str) -> Result<Option<LoginState>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {OP_COLS}, password_hash, failed_attempts, locked_until
                 FROM operators WHERE login = ?1 AND active = 1"
            ))?
            .query_row([login], |r| {
                Ok(LoginState {
                    operator: operator_row(r)?,
                    password_hash: r.get(6)?,
                    failed_attempts: r.get(7)?,
                    locked_until: r.get::<_, Option<String>>(8)?.map(|s| parse_ts(&s)),
                })
            })
            .optional()?)
    }

    /// A successful login: resets the failure count and any lock.
    pub fn record_login_success(&mut self, op: &Operator, now: NaiveDateTime) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?1",
            [op.id],
        )?;
        audit::record(
            &tx,
            &Actor::operator(op.id, &op.login),
            now,
            "login",
            "operator",
            Some(op.id),
            None,
            None,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A failed login. `account` is the known operator with the new failure count
    /// (None for an unknown login); `lock_until` locks the account. The typed
    /// login is not stored when it names no account (see the body).
    pub fn record_login_failure(
        &mut self,
        _typed_login: &str,
        account: Option<(&Operator, i64)>,
        now: NaiveDateTime,
        lock_until: Option<NaiveDateTime>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = account.map(|(op, _)| op.id);
        if let Some((op, failed)) = account {
            tx.execute(
                "UPDATE operators SET failed_attempts = ?2, locked_until = ?3 WHERE id = ?1",
                params![
                    op.id,
                    if lock_until.is_some() { 0 } else { failed },
                    lock_until.map(ts)
                ],
            )?;
        }
        audit::record(
            &tx,
            &Actor::system(),
            now,
            if lock_until.is_some() {
                "login_locked"
            } else {
                "login_failed"
            },
            "operator",
            id,
            None,
            Some(&json!({
                // What was typed is not kept when it names no account (it may
                // be an IIN or a password typed in the wrong field): the chained
                // row cannot be purged.
                "login": account.map(|(op, _)| op.login.clone()).unwrap_or_else(|| "unknown login".into()),
                "known": account.is_some(),
                "attempt": account.map(|(_, n)| n),
                "locked_until": lock_until.map(ts),
            })),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A login attempt refused because the account is locked.
    pub fn record_login_refused(
        &mut self,
        op: &Operator,
        now: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit::record(
            &tx,
            &Actor::system(),
            now,
            "login_refused",
            "operator",
            Some(op.id),
            None,
            Some(&json!({ "login": op.login, "locked_until": ts(until) })),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a new password hash (made by `auth::hash_password`) and lifts any lock.
    /// The audit row says that the password changed, not what it is.
    pub fn set_password_hash(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        operator_id: i64,
        hash: &str,
    ) -> Result<()> {
        self.write(|tx| tx.set_password_hash(actor, now, operator_id, hash))
    }

    /// Switches an account off (it can no longer log in; its history stays) or on
    /// again (with its old password, if any; a lock-out is lifted). The last active
    /// admin cannot be switched off (nobody could manage accounts then). Nothing is
    /// written when the account already is so.
    pub fn set_operator_active(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        operator_id: i64,
        active: bool,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (role, was): (String, bool) = tx
            .query_row(
                "SELECT role, active FROM operators WHERE id = ?1",
                [operator_id],
                |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        if was == active {
            return Ok(());
        }
        if !active && role == Role::Admin.code() && last_admin(&tx)? {
            return Err(StoreError::Invalid(LAST_ADMIN.into()));
        }
        tx.execute(
            "UPDATE operators SET active = ?2, failed_attempts = 0, locked_until = NULL
             WHERE id = ?1",
            params![operator_id, active as i64],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            if active { "reactivate" } else { "deactivate" },
            "operator",
            Some(operator_id),
            Some(&json!({ "active": was })),
            Some(&json!({ "active": active })),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Changes an operator's name, positions and role (the login stays: the audit
    /// trail names operators by it). The last active admin keeps the admin role.
    pub fn update_operator(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        op: &Operator,
    ) -> Result<()> {
        self.write(|tx| tx.update_operator(actor, now, op))
    }

    /// The newest audit rows, newest first (the admin's journal screen).
    pub fn audit_recent(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, actor, action, entity, entity_id, before, after
             FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let mut v = stmt
            .query_map([limit as i64], super::audit::entry_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for e in &mut v {
            super::audit::restore_entry(&self.conn, e)?;
        }
        Ok(v)
    }

    /// Logs that `actor` viewed, exported or printed a record with personal data.
    pub fn log_access(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        what: Access,
        entity: &str,
        id: Option<i64>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit::record(&tx, actor, now, what.code(), entity, id, None, None)?;
        tx.commit()?;
        Ok(())
    }

    /// Records that the applicant withdrew consent to the processing of personal
    /// data (Law 94-V). Consent given again at a later registration clears it.
    pub fn withdraw_consent(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        applicant_id: i64,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        withdraw_consent(&tx, actor, now, applicant_id)?;
        tx.commit()?;
        Ok(())
    }

    /// When the applicant withdrew consent, if they did.
    pub fn consent_withdrawn_at(&self, applicant_id: i64) -> Result<Option<NaiveDateTime>> {
        let v: Option<String> = self
            .conn
            .query_row(
                "SELECT consent_withdrawn_at FROM applicants WHERE id = ?1",
                [applicant_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        Ok(v.map(|s| parse_ts(&s)))
    }

    /// Applicants whose every appeal is finished (see [`CLOSED_STATUSES`]) and
    /// registered before `before`, and who are not depersonalised yet.
    pub fn purge_candidates(&self, before: NaiveDate) -> Result<Vec<PurgeItem>> {
        candidates(&self.conn, before)
    }

    /// Depersonalises the applicants of [`Store::purge_candidates`]: names reduced
    /// to initials; IIN, phone, address, citizenship and document of authority blanked. Appeals
    /// (essence, topic, settlement, channel, dates, status) stay, so statistics do
    /// not change. One transaction; one audit row per applicant without the data
    /// removed. Returns what was depersonalised.
    pub fn purge_personal_data(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        before: NaiveDate,
    ) -> Result<Vec<PurgeItem>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let items = candidates(&tx, before)?;
        for item in &items {
            let (s, n, p): (String, String, String) = tx.query_row(
                "SELECT surname, name, patronymic FROM applicants WHERE id = ?1",
                [item.applicant_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let (s, n, p) = initials(&s, &n, &p);
            let name_fold = fold(&format!("{s} {n} {p}"));
            tx.execute(
                "UPDATE applicants SET surname = ?2, name = ?3, patronymic = ?4, iin = '',
                 phone = '', address = '', authority_doc = '', citizenship = '', name_fold = ?5,
                 depersonalised_at = ?6, updated_at = ?6, version = version + 1
                 WHERE id = ?1",
                params![item.applicant_id, s, n, p, name_fold, ts(now)],
            )?;
            // The personal values of the applicant's audit snapshots go too.
            tx.execute(
                "DELETE FROM audit_personal WHERE applicant_id = ?1",
                [item.applicant_id],
            )?;
            audit::record(
                &tx,
                actor,
                now,
                "depersonalise",
                "applicant",
                Some(item.applicant_id),
                None,
                Some(&json!({ "before": before.to_string(), "appeals": item.reg_nos })),
            )?;
        }
        tx.commit()?;
        Ok(items)
    }
}

/// Records the withdrawal of an applicant's consent (once), inside the caller's
/// transaction.
pub(crate) fn withdraw_consent(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    applicant_id: i64,
) -> Result<()> {
    let (consent_at, withdrawn): (Option<String>, Option<String>) = conn
        .query_row(
            "SELECT consent_at, consent_withdrawn_at FROM applicants WHERE id = ?1",
            [applicant_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    if withdrawn.is_some() {
        return Ok(());
    }
    conn.execute(
        "UPDATE applicants SET consent_withdrawn_at = ?2, updated_at = ?2, version = version + 1
         WHERE id = ?1",
        params![applicant_id, ts(now)],
    )?;
    audit::record(
        conn,
        actor,
        now,
        "consent_withdrawn",
        "applicant",
        Some(applicant_id),
        Some(&json!({ "consent_at": consent_at })),
        Some(&json!({ "consent_withdrawn_at": ts(now) })),
    )?;
    Ok(())
}
