//! Appeals of a period for export: every field, streamed row by row.
use super::{audit, parse_date, ts, Actor, Result, Store, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;
use serde_json::json;

/// One appeal with its applicant, status and due dates, as exported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportAppeal {
    pub reg_no: String,
    pub registered_on: NaiveDate,
    pub channel: String,
    pub status: String,
    pub outcome: String,
    /// The appeal's own due date, when set.
    pub due_on: Option<NaiveDate>,
    /// Due dates of its instructions still on control, earliest first.
    pub instructions_due: Vec<NaiveDate>,
    pub national_reg_no: String,
    pub from_personal_reception: bool,
    pub kind: String,
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    pub iin: String,
    pub bin: String,
    pub org_name: String,
    pub phone: String,
    pub address: String,
    pub language: String,
    pub category: String,
    pub topic: String,
    pub settlement: String,
    /// The official who held the first reception, else the requested one.
    pub official: String,
    pub essence: String,
}

impl ExportAppeal {
    pub fn full_name(&self) -> String {
        [&self.surname, &self.name, &self.patronymic]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Store {
    /// Calls `each` for every appeal registered from `from` to `to` (oldest
    /// first); with `unregistered_only`, only those without a national register
    /// number. Returns the number of rows.
    pub fn for_each_export(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        unregistered_only: bool,
        each: &mut dyn FnMut(&ExportAppeal) -> std::result::Result<(), String>,
    ) -> Result<u64> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.reg_no, a.registered_on, a.channel, a.status, COALESCE(a.outcome, ''), a.due_on,
               (SELECT group_concat(due_on, ',') FROM
                   (SELECT due_on FROM instructions i WHERE i.appeal_id = a.id AND i.status = 'on_control'
                    ORDER BY due_on)),
               a.national_reg_no, a.from_personal_reception, p.kind, p.surname, p.name, p.patronymic,
               p.iin, p.bin, p.org_name, p.phone, p.address, p.language, COALESCE(p.category, ''),
               a.topic, a.settlement,
               COALESCE((SELECT o.surname || ' ' || o.name FROM officials o WHERE o.id =
                   COALESCE((SELECT pr.official_id FROM protocols pr WHERE pr.appeal_id = a.id
                             ORDER BY pr.id LIMIT 1), a.requested_official)), ''),
               a.essence
             FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.registered_on BETWEEN ?1 AND ?2 AND (?3 = 0 OR a.national_reg_no = '')
             ORDER BY a.registered_on, a.id",
        )?;
        let mut rows = stmt.query(params![
            from.to_string(),
            to.to_string(),
            unregistered_only as i64
        ])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let row = ExportAppeal {
                reg_no: r.get(0)?,
                registered_on: parse_date(&r.get::<_, String>(1)?),
                channel: r.get(2)?,
                status: r.get(3)?,
                outcome: r.get(4)?,
                due_on: r.get::<_, Option<String>>(5)?.map(|s| parse_date(&s)),
                instructions_due: r
                    .get::<_, Option<String>>(6)?
                    .map(|s| s.split(',').map(parse_date).collect())
                    .unwrap_or_default(),
                national_reg_no: r.get(7)?,
                from_personal_reception: r.get::<_, i64>(8)? != 0,
                kind: r.get(9)?,
                surname: r.get(10)?,
                name: r.get(11)?,
                patronymic: r.get(12)?,
                iin: r.get(13)?,
                bin: r.get(14)?,
                org_name: r.get(15)?,
                phone: r.get(16)?,
                address: r.get(17)?,
                language: r.get(18)?,
                category: r.get(19)?,
                topic: r.get(20)?,
                settlement: r.get(21)?,
                official: r.get(22)?,
                essence: r.get(23)?,
            };
            each(&row).map_err(StoreError::Invalid)?;
            n += 1;
        }
        Ok(n)
    }

    /// Records in the audit trail that personal data left the program (Law 94-V:
    /// who exported what).
    pub fn record_export(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        what: &str,
        from: NaiveDate,
        to: NaiveDate,
        rows: u64,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        audit::record(
            &tx,
            actor,
            now,
            "export",
            "appeals",
            None,
            None,
            Some(
                &json!({"what": what, "from": from.to_string(), "to": to.to_string(),
                         "rows": rows, "at": ts(now)}),
            ),
        )?;
        tx.commit()?;
        Ok(())
    }
}
