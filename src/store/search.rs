//! Search-as-you-type over appeals, kept under a frame on a million rows.
//!
//! Two FTS5 tables (migration `0003_search.sql`), both contentless (they hold no
//! copy of the personal data, only the index) and keyed by the appeal id, so the
//! newest hits come first straight from the index (`ORDER BY rowid DESC LIMIT n`):
//! - `appeal_search`: the folded words of the applicant's name (see
//!   `domain::fold`: Kazakh, Russian and Latin letters fold together), the IIN and
//!   BIN, the registration number (also its sequence without leading zeros) and the
//!   national registration number; queried by word prefixes, every word must match;
//! - `appeal_phone`: the phone's ten local digits under the `trigram` tokenizer,
//!   so any fragment of three or more digits finds the number.
//!
//! Triggers on `appeals` and `applicants` keep both tables in sync on every write
//! path; they call the SQL functions `search_words` and `search_phone` registered
//! here on every connection (`Store::open`), so the words are computed by the same
//! Rust code that folds the queries.
use super::appeals::{list_row, AppealRow, ROW_COLS};
use super::{Result, Store};
use crate::domain::fold::{digits, fold};
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection};

/// The words indexed for one appeal, in the index's own form (folded, lower-case,
/// single spaces). Also registered as the SQL function `search_words` with the
/// same arguments, in this order.
#[allow(clippy::too_many_arguments)]
pub fn index_words(
    surname: &str,
    name: &str,
    patronymic: &str,
    org_name: &str,
    iin: &str,
    bin: &str,
    reg_no: &str,
    national_reg_no: &str,
) -> String {
    let mut out = String::with_capacity(96);
    let mut push = |w: &str| {
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    };
    for part in [surname, name, patronymic, org_name] {
        push(&fold(part));
    }
    push(&digits(iin));
    push(&digits(bin));
    for part in [reg_no, national_reg_no] {
        let f = fold(part);
        push(&f);
        // "KHR-2026-000123" is also found by "123".
        for w in f.split(' ') {
            if w.len() > 1 && w.starts_with('0') && w.bytes().all(|b| b.is_ascii_digit()) {
                push(w.trim_start_matches('0'));
            }
        }
    }
    out
}

/// The digits of a phone number as the phone index holds them: the ten local
/// digits of a Kazakhstan number (without +7 / 8), other numbers as typed.
pub fn phone_digits(phone: &str) -> String {
    let d = digits(phone);
    if d.len() == 11 && (d.starts_with('7') || d.starts_with('8')) {
        d[1..].to_string()
    } else {
        d
    }
}

/// Registers `search_words(surname, name, patronymic, org_name, iin, bin, reg_no,
/// national_reg_no)` and `search_phone(phone)`, used by the index triggers.
pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("search_words", 8, flags, |ctx| {
        let mut a: [String; 8] = Default::default();
        for (i, slot) in a.iter_mut().enumerate() {
            *slot = ctx.get::<Option<String>>(i)?.unwrap_or_default();
        }
        Ok(index_words(
            &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &a[7],
        ))
    })?;
    conn.create_scalar_function("search_phone", 1, flags, |ctx| {
        Ok(phone_digits(
            &ctx.get::<Option<String>>(0)?.unwrap_or_default(),
        ))
    })?;
    Ok(())
}

/// The FTS5 query for the word index: every folded word of the query as a prefix,
/// all of them required. `None` when the query has no word at all.
pub fn words_query(query: &str) -> Option<String> {
    let f = fold(query);
    let parts: Vec<String> = f
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The FTS5 query for the phone index: for a query made of digits (and the
/// punctuation of phone numbers) with at least three digits, the digits as a
/// substring; a leading 8 or 7 of a Kazakhstan number is also tried without it.
pub fn phone_query(query: &str) -> Option<String> {
    let q = query.trim();
    if !q.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        return None;
    }
    let d = digits(q);
    if d.len() < 3 {
        return None;
    }
    let mut alts = vec![format!("\"{d}\"")];
    let b = d.as_bytes();
    if d.len() >= 4 && (b[0] == b'8' || b[0] == b'7') && (b[1] == b'7' || b[1] == b'6') {
        alts.push(format!("\"{}\"", &d[1..]));
    }
    Some(alts.join(" OR "))
}

/// Merges two id lists sorted newest first into one, without repeats, at most `limit`.
fn merge_desc(a: Vec<i64>, b: Vec<i64>, limit: usize) -> Vec<i64> {
    let mut out = Vec::with_capacity(limit.min(a.len() + b.len()));
    let (mut i, mut j) = (0, 0);
    while out.len() < limit && (i < a.len() || j < b.len()) {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                i += 1;
                j += 1;
                x
            }
            (Some(&x), Some(&y)) if x > y => {
                i += 1;
                x
            }
            (Some(_), Some(&y)) => {
                j += 1;
                y
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (None, Some(&y)) => {
                j += 1;
                y
            }
            (None, None) => break,
        };
        out.push(next);
    }
    out
}

impl Store {
    /// Search by name (folded: Kazakh, Russian and Latin letters, any case; every
    /// word of the query is a prefix of a word of the name), IIN or BIN prefix, a
    /// fragment of the phone number (3+ digits), or the registration number (whole,
    /// or its sequence "123" for "KHR-2026-000123"). Newest first, at most `limit`:
    /// the screen shows these and never counts the rest.
    pub fn search_appeals(&self, query: &str, limit: usize) -> Result<Vec<AppealRow>> {
        let q = query.trim();
        if q.is_empty() {
            return self.recent_appeals(limit);
        }
        let lim = limit as i64;
        let mut ids = match words_query(q) {
            Some(m) => self
                .conn
                .prepare_cached(
                    "SELECT rowid FROM appeal_search WHERE appeal_search MATCH ?1
                     ORDER BY rowid DESC LIMIT ?2",
                )?
                .query_map(params![m, lim], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?,
            None => Vec::new(),
        };
        if let Some(m) = phone_query(q) {
            let phone_ids = self
                .conn
                .prepare_cached(
                    "SELECT rowid FROM appeal_phone WHERE appeal_phone MATCH ?1
                     ORDER BY rowid DESC LIMIT ?2",
                )?
                .query_map(params![m, lim], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            ids = merge_desc(ids, phone_ids, limit);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.id = ?1"
        ))?;
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            // A row deleted meanwhile is simply skipped.
            if let Some(row) = stmt.query_map([id], list_row)?.next() {
                rows.push(row?);
            }
        }
        Ok(rows)
    }

    /// Rebuilds both search tables from the appeals (after a change of the folding
    /// rules, or to repair), then merges the index into one segment.
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "DELETE FROM appeal_search; DELETE FROM appeal_phone;
             INSERT INTO appeal_search(rowid, words)
               SELECT a.id, search_words(p.surname, p.name, p.patronymic, p.org_name, p.iin, p.bin,
                      a.reg_no, a.national_reg_no)
               FROM appeals a JOIN applicants p ON p.id = a.applicant_id;
             INSERT INTO appeal_phone(rowid, digits)
               SELECT a.id, search_phone(p.phone) FROM appeals a JOIN applicants p ON p.id = a.applicant_id
               WHERE p.phone <> '';",
        )?;
        tx.commit()?;
        self.optimize_search_index()
    }

    /// Merges the search index into one segment (faster queries after bulk loads).
    pub fn optimize_search_index(&self) -> Result<()> {
        self.conn.execute_batch(
            "INSERT INTO appeal_search(appeal_search) VALUES('optimize');
             INSERT INTO appeal_phone(appeal_phone) VALUES('optimize');",
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_hold_folded_names_numbers_and_short_reg_no() {
        let w = index_words(
            "Өмірбекова",
            "Айгүл",
            "",
            "",
            "900515400123",
            "",
            "KHR-2026-000123",
            "ЖТ-2026-77",
        );
        assert_eq!(
            w,
            "omirbekova aigul 900515400123 hr 2026 000123 123 zht 2026 77"
        );
    }

    #[test]
    fn queries_fold_and_quote() {
        assert_eq!(
            words_query("ҚАЙРАТ нұр").as_deref(),
            Some("\"kairat\"* \"nur\"*")
        );
        assert_eq!(words_query(" -- ").as_deref(), None);
        assert_eq!(phone_query("Қайрат"), None);
        assert_eq!(phone_query("70"), None);
        assert_eq!(phone_query("234-56").as_deref(), Some("\"23456\""));
        assert_eq!(
            phone_query("8 701 234").as_deref(),
            Some("\"8701234\" OR \"701234\"")
        );
        assert_eq!(phone_digits("+7 701 234 56 78"), "7012345678");
        assert_eq!(phone_digits("8 (701) 234-56-78"), "7012345678");
    }

    #[test]
    fn merge_keeps_newest_first_without_repeats() {
        assert_eq!(
            merge_desc(vec![9, 5, 2], vec![7, 5, 1], 10),
            vec![9, 7, 5, 2, 1]
        );
        assert_eq!(merge_desc(vec![9, 5, 2], vec![7, 5, 1], 3), vec![9, 7, 5]);
        assert_eq!(merge_desc(vec![], vec![3], 3), vec![3]);
    }
}
