//! Search-as-you-type over appeals, kept under a frame on a million rows.
//!
//! Two FTS5 tables (migration `0003_search.sql`), both contentless (they hold no
//! copy of the personal data, only the index) and keyed by the appeal id, so the
//! newest hits come first straight from the index (`ORDER BY rowid DESC LIMIT n`):
//! - `appeal_search`: the folded words of the applicant's name (see
//!   `domain::fold`: Kazakh, Russian and Latin letters fold together), the IIN and
//!   BIN, and the sequence of the registration number (also without leading
//!   zeros); queried by word prefixes, every word must match;
//! - `appeal_phone`: the phone's ten local digits under the `trigram` tokenizer,
//!   so any fragment of three or more digits finds the number.
//!
//! A query that looks like a registration number ("KHR-2026-00", "ЖТ-...") is a
//! prefix range over the B-tree indexes of `reg_no` and `national_reg_no` instead.
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
/// single spaces): the name words, IIN, BIN and the sequence of the registration
/// number ("KHR-2026-000123" gives "000123" and "123"). Whole registration numbers
/// are looked up in their own B-tree indexes instead (see [`reg_no_prefix`]): the
/// office prefix and the year are in every row and would make every such query
/// walk the whole index. Also registered as the SQL function `search_words`.
pub fn index_words(
    surname: &str,
    name: &str,
    patronymic: &str,
    org_name: &str,
    iin: &str,
    bin: &str,
    reg_no: &str,
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
    let seq = reg_no
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or_default();
    if seq.len() < reg_no.len() {
        push(seq);
        if seq.starts_with('0') {
            push(seq.trim_start_matches('0'));
        }
    }
    out
}

/// For a query that looks like a registration number (letters, then a dash or
/// digits: "KHR-", "khr-2026-0001", "ЖТ-2026"), the upper-case prefix to look up in
/// the indexes of `appeals.reg_no` and `appeals.national_reg_no`.
pub fn reg_no_prefix(query: &str) -> Option<String> {
    let q = query.trim();
    let letters = q.chars().take_while(|c| c.is_alphabetic()).count();
    if letters == 0 || letters > 8 {
        return None;
    }
    let rest: &str = &q[q.char_indices().nth(letters).map_or(q.len(), |(i, _)| i)..];
    let (sep, rest) = match rest.strip_prefix(['-', '/']) {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let ok = (sep || !rest.is_empty())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '/')
        && !rest.starts_with(['-', '/']);
    ok.then(|| q.to_uppercase())
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

/// Registers `search_words(surname, name, patronymic, org_name, iin, bin, reg_no)`
/// and `search_phone(phone)`, used by the index triggers.
pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("search_words", 7, flags, |ctx| {
        let mut a: [String; 7] = Default::default();
        for (i, slot) in a.iter_mut().enumerate() {
            *slot = ctx.get::<Option<String>>(i)?.unwrap_or_default();
        }
        Ok(index_words(&a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6]))
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
    /// fragment of the phone number (3+ digits), the registration number (a prefix
    /// of it: "KHR-2026-0001", or its sequence "123" for "KHR-2026-000123") or the
    /// national registration number (a prefix). Newest first, at most `limit`: the
    /// screen shows these and never counts the rest.
    pub fn search_appeals(&self, query: &str, limit: usize) -> Result<Vec<AppealRow>> {
        let q = query.trim();
        if q.is_empty() {
            return self.recent_appeals(limit);
        }
        let lim = limit as i64;
        if let Some(prefix) = reg_no_prefix(q) {
            return self.search_reg_no(&prefix, limit);
        }
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
        self.rows_by_id(ids)
    }

    /// Appeals whose registration number or national registration number starts
    /// with `prefix`: a backward range scan of their indexes, newest numbers first.
    fn search_reg_no(&self, prefix: &str, limit: usize) -> Result<Vec<AppealRow>> {
        let hi = format!("{prefix}\u{10FFFF}");
        let mut ids: Vec<i64> = Vec::with_capacity(limit * 2);
        for sql in [
            "SELECT id FROM appeals WHERE reg_no >= ?1 AND reg_no < ?2
             ORDER BY reg_no DESC LIMIT ?3",
            "SELECT id FROM appeals WHERE national_reg_no >= ?1 AND national_reg_no < ?2
             AND national_reg_no <> '' ORDER BY national_reg_no DESC LIMIT ?3",
        ] {
            let mut stmt = self.conn.prepare_cached(sql)?;
            for id in stmt.query_map(params![prefix, hi, limit as i64], |r| r.get(0))? {
                ids.push(id?);
            }
        }
        ids.sort_unstable_by(|a, b| b.cmp(a));
        ids.dedup();
        ids.truncate(limit);
        self.rows_by_id(ids)
    }

    /// The list rows of these appeals, in this order.
    fn rows_by_id(&self, ids: Vec<i64>) -> Result<Vec<AppealRow>> {
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM appeal_search; DELETE FROM appeal_phone;
             INSERT INTO appeal_search(rowid, words)
               SELECT a.id, search_words(p.surname, p.name, p.patronymic, p.org_name, p.iin, p.bin,
                      a.reg_no)
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
        );
        assert_eq!(w, "omirbekova aigul 900515400123 000123 123");
        assert_eq!(index_words("Ким", "", "", "", "", "", "7"), "kim");
    }

    #[test]
    fn registration_numbers_are_recognised() {
        assert_eq!(
            reg_no_prefix("khr-2026-0001").as_deref(),
            Some("KHR-2026-0001")
        );
        assert_eq!(reg_no_prefix("KHR-").as_deref(), Some("KHR-"));
        assert_eq!(reg_no_prefix("жт-2026").as_deref(), Some("ЖТ-2026"));
        assert_eq!(reg_no_prefix("KHR2026").as_deref(), Some("KHR2026"));
        assert_eq!(reg_no_prefix("KHR"), None);
        assert_eq!(reg_no_prefix("Қайрат"), None);
        assert_eq!(reg_no_prefix("Иванов 2"), None);
        assert_eq!(reg_no_prefix("2026-0001"), None);
        assert_eq!(reg_no_prefix("KHR--1"), None);
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
