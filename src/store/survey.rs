//! Satisfaction surveys: the eligible applicants of a period, the drawn call
//! list, and each call's result. Who is eligible and how the sample is drawn is
//! documented and decided in `domain::survey`.
use super::{audit, parse_date, parse_ts, ts, Actor, Store, StoreError};
use crate::domain::survey::{self, CallProblem, CallResult, Eligible, SampleSize, SurveyReason};
use crate::domain::Lang;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

/// Why a survey action was refused.
#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the call result is not valid: {0:?}")]
    Invalid(Vec<CallProblem>),
    #[error("no applicant of the period is eligible for the survey")]
    NobodyEligible,
}

impl From<rusqlite::Error> for SurveyError {
    fn from(e: rusqlite::Error) -> Self {
        SurveyError::Store(StoreError::Sqlite(e))
    }
}

/// A survey as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Survey {
    pub id: i64,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// "size:N" or "percent:P".
    pub requested: String,
    pub seed: u64,
    /// Distinct eligible applicants when it was drawn.
    pub eligible: i64,
    pub calls: i64,
    pub done: i64,
    pub created_at: NaiveDateTime,
}

/// One line of the call list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyCall {
    pub id: i64,
    pub position: i64,
    pub applicant_id: i64,
    pub applicant_name: String,
    /// The number to call (the call list is the purpose of the data).
    pub phone: String,
    pub language: Lang,
    pub appeal_id: i64,
    pub reg_no: String,
    pub reason: SurveyReason,
    /// None until the call was made.
    pub called_at: Option<NaiveDateTime>,
    pub result: Option<CallResult>,
}

impl Store {
    /// The applicants of appeals registered from `from` to `to` who may be called
    /// (see `domain::survey`), newest appeal of each applicant first.
    pub fn survey_eligible(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Eligible>, StoreError> {
        eligible(&self.conn, from, to)
    }

    /// Draws a survey of the period and stores its call list. Returns the survey id.
    pub fn create_survey(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        from: NaiveDate,
        to: NaiveDate,
        size: SampleSize,
        seed: u64,
    ) -> Result<i64, SurveyError> {
        // Read inside the write transaction: the list drawn is the one stored.
        let tx = self.conn.transaction()?;
        let eligible = eligible(&tx, from, to)?;
        let distinct = survey::distinct_applicants(&eligible).len();
        let sample = survey::draw_sample(&eligible, size, seed);
        if sample.is_empty() {
            return Err(SurveyError::NobodyEligible);
        }
        tx.execute(
            "INSERT INTO surveys (uid, period_from, period_to, requested, seed, eligible, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                uuid::Uuid::now_v7().to_string(),
                from.to_string(),
                to.to_string(),
                size.code(),
                seed as i64,
                distinct as i64,
                ts(now),
                actor.operator_id
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (i, e) in sample.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO survey_calls (survey_id, position, applicant_id, appeal_id, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                id,
                i as i64 + 1,
                e.applicant_id,
                e.appeal_id,
                e.reason.code()
            ])?;
        }
        audit::record(
            &tx,
            actor,
            now,
            "create",
            "survey",
            Some(id),
            None,
            Some(&json!({"from": from.to_string(), "to": to.to_string(),
                         "requested": size.code(), "seed": seed,
                         "eligible": distinct, "calls": sample.len()})),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Surveys, newest first.
    pub fn surveys(&self) -> Result<Vec<Survey>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.period_from, s.period_to, s.requested, s.seed, s.eligible, s.created_at,
                    (SELECT count(*) FROM survey_calls c WHERE c.survey_id = s.id),
                    (SELECT count(*) FROM survey_calls c WHERE c.survey_id = s.id AND c.called_at IS NOT NULL)
             FROM surveys s ORDER BY s.id DESC",
        )?;
        let v = stmt
            .query_map([], |r| {
                Ok(Survey {
                    id: r.get(0)?,
                    period_from: parse_date(&r.get::<_, String>(1)?),
                    period_to: parse_date(&r.get::<_, String>(2)?),
                    requested: r.get(3)?,
                    seed: r.get::<_, i64>(4)? as u64,
                    eligible: r.get(5)?,
                    created_at: parse_ts(&r.get::<_, String>(6)?),
                    calls: r.get(7)?,
                    done: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The call list of a survey, in call order.
    pub fn survey_calls(&self, survey_id: i64) -> Result<Vec<SurveyCall>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.position, c.applicant_id,
               p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
               p.phone, p.language, c.appeal_id, a.reg_no, c.reason, c.called_at, c.reached,
               c.score, c.comment
             FROM survey_calls c JOIN applicants p ON p.id = c.applicant_id
             JOIN appeals a ON a.id = c.appeal_id
             WHERE c.survey_id = ?1 ORDER BY c.position",
        )?;
        let v = stmt
            .query_map([survey_id], |r| {
                let called_at = r.get::<_, Option<String>>(9)?.map(|s| parse_ts(&s));
                let result = match called_at {
                    Some(_) => Some(CallResult {
                        reached: r.get::<_, Option<i64>>(10)?.unwrap_or(0) != 0,
                        score: r.get::<_, Option<i64>>(11)?.map(|s| s as u8),
                        comment: r.get(12)?,
                    }),
                    None => None,
                };
                Ok(SurveyCall {
                    id: r.get(0)?,
                    position: r.get(1)?,
                    applicant_id: r.get(2)?,
                    applicant_name: r.get(3)?,
                    phone: r.get(4)?,
                    language: Lang::from_code(&r.get::<_, String>(5)?).unwrap_or_default(),
                    appeal_id: r.get(6)?,
                    reg_no: r.get(7)?,
                    reason: SurveyReason::from_code(&r.get::<_, String>(8)?)
                        .unwrap_or(SurveyReason::Consultation),
                    called_at,
                    result,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Records (or corrects) the result of one call, made at `now`.
    pub fn record_call(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        call_id: i64,
        result: &CallResult,
    ) -> Result<(), SurveyError> {
        let clean = survey::check_call(result).map_err(SurveyError::Invalid)?;
        let tx = self.conn.transaction()?;
        type Before = (Option<String>, Option<i64>, Option<i64>, String);
        let before: Option<Before> = tx
            .query_row(
                "SELECT called_at, reached, score, comment FROM survey_calls WHERE id = ?1",
                [call_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let before = before.ok_or(StoreError::NotFound)?;
        tx.execute(
            "UPDATE survey_calls SET called_at = ?2, reached = ?3, score = ?4, comment = ?5,
             version = version + 1 WHERE id = ?1",
            params![
                call_id,
                ts(now),
                clean.reached as i64,
                clean.score.map(i64::from),
                clean.comment
            ],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            "call",
            "survey_call",
            Some(call_id),
            Some(
                &json!({"called_at": before.0, "reached": before.1, "score": before.2,
                         "comment": before.3}),
            ),
            Some(
                &json!({"called_at": ts(now), "reached": clean.reached, "score": clean.score,
                         "comment": clean.comment}),
            ),
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// The eligible applicants of a period, inside any transaction.
fn eligible(
    conn: &rusqlite::Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Eligible>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.applicant_id, a.id,
                CASE WHEN a.status IN ('withdrawn','returned') THEN 'declined' ELSE 'consultation' END
         FROM appeals a JOIN applicants p ON p.id = a.applicant_id
         WHERE a.registered_on BETWEEN ?1 AND ?2
           AND (a.outcome = 'explained' OR a.status IN ('withdrawn','returned'))
           AND p.phone <> '' AND p.consent_withdrawn_at IS NULL
         ORDER BY a.applicant_id, a.registered_on DESC, a.id DESC",
    )?;
    let v = stmt
        .query_map(params![from.to_string(), to.to_string()], |r| {
            Ok(Eligible {
                applicant_id: r.get(0)?,
                appeal_id: r.get(1)?,
                reason: SurveyReason::from_code(&r.get::<_, String>(2)?)
                    .unwrap_or(SurveyReason::Consultation),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}
