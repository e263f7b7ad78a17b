//! Search-as-you-type over appeals, kept under a frame on a million rows.
//!
//! Two FTS5 tables (migration `0002_search.sql`), both contentless (they hold no
//! copy of the personal data, only the index) and keyed by the appeal id, so the
//! newest hits come first straight from the index (`ORDER BY rowid DESC LIMIT n`):
//! - `appeal_search`: the folded words of the applicant's name (see
//!   `domain::fold`: Kazakh, Russian and Latin letters fold together), the IIN and
//!   BIN, and the sequence of the registration number (also without leading
//!   zeros); queried by word prefixes, every word must match;
//! - `appeal_phone`: every ending of three or more of the phone's ten local
//!   digits as a word ("7012345678 012345678 ... 678"), queried by prefix, so any
//!   fragment of three or more digits is the start of one of them (migration
//!   `0006`; trigrams before it took about 1 ms per fragment on a million rows).
//!
//! A query that looks like a registration number ("KHR-2026-00", "ЖТ-...") is a
//! prefix range over the B-tree indexes of `reg_no` and `national_reg_no` instead.
//!
//! Triggers on `appeals` and `applicants` keep both tables in sync on every write
//! path; they call the SQL functions `search_words` and `search_phone` registered
//! here on every connection (`Store::open`), so the words are computed by the same
//! Rust code that folds the queries.
use super::appeals::{list_row, AppealRow};
use super::{Result, Store};
use crate::domain::fold::{digits, fold};
use rusqlite::functions::FunctionFlags;
use rusqlite::{named_params, Connection, OptionalExtension};

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

/// The words of the phone index: the endings of three or more of the phone's
/// digits (see [`phone_digits`]), longest first. A fragment of the number is the
/// start of one of them. Also registered as the SQL function `search_phone`.
pub fn phone_words(phone: &str) -> String {
    let d = phone_digits(phone);
    let mut out = String::with_capacity(d.len() * d.len() / 2 + d.len());
    for start in 0..d.len().saturating_sub(2) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&d[start..]);
    }
    out
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
        Ok(phone_words(
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
/// punctuation of phone numbers) with at least three digits, the digits as the
/// start of an ending of the number (so anywhere in it); a leading 8 or 7 of a
/// Kazakhstan number is also tried without it.
pub fn phone_query(query: &str) -> Option<String> {
    let q = query.trim();
    if !q.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        return None;
    }
    let d = digits(q);
    if d.len() < 3 {
        return None;
    }
    let mut alts = vec![format!("\"{d}\"*")];
    let b = d.as_bytes();
    if d.len() >= 4 && (b[0] == b'8' || b[0] == b'7') && (b[1] == b'7' || b[1] == b'6') {
        alts.push(format!("\"{}\"*", &d[1..]));
    }
    Some(alts.join(" OR "))
}

/// Index pages merged per step of [`Store::tidy_search_index`].
pub const MERGE_PAGES: i64 = 200;

/// Steps of the desk's daily tidy at most (at most 5,000 pages written a day,
/// whatever the size of the database; a longer merge goes on the next day).
pub const TIDY_STEPS: usize = 25;

/// The list rows (the columns of `appeal_list` in the order of [`list_row`], as
/// `ROW_COLS`) of the appeals whose ids the subquery yields, newest first, in one
/// statement: SQLite takes the ids from the subquery and looks each row up by its
/// key in `appeal_list` (one narrow row per appeal, kept by triggers: migration
/// 0006). Whole statements at compile time: nothing is formatted per keystroke.
/// Parameters: `:w` / `:p` the word / phone match (`:lo`, `:hi` a number range),
/// `:b` the paging key (only appeals older than it: `i64::MAX` for the first page),
/// `:l` the page size.
macro_rules! list_rows {
    ($ids:literal) => {
        concat!(
            "SELECT id, reg_no, registered_on, channel, applicant_name, iin, phone, topic,
                    status, national_reg_no
             FROM appeal_list WHERE id IN (",
            $ids,
            ") ORDER BY id DESC"
        )
    };
}

/// The newest appeals whose words match.
const SQL_WORDS: &str = list_rows!(
    "SELECT rowid FROM appeal_search WHERE appeal_search MATCH :w
     AND rowid < :b ORDER BY rowid DESC LIMIT :l"
);
/// The newest appeals whose phone matches.
const SQL_PHONE: &str = list_rows!(
    "SELECT rowid FROM appeal_phone WHERE appeal_phone MATCH :p
     AND rowid < :b ORDER BY rowid DESC LIMIT :l"
);
/// Both (a query of digits: an IIN or a phone fragment), the newest of the union;
/// an appeal found both ways is listed once.
const SQL_WORDS_OR_PHONE: &str = list_rows!(
    "SELECT rowid FROM (
       SELECT rowid FROM appeal_search WHERE appeal_search MATCH :w AND rowid < :b
       ORDER BY rowid DESC LIMIT :l)
     UNION SELECT rowid FROM (
       SELECT rowid FROM appeal_phone WHERE appeal_phone MATCH :p AND rowid < :b
       ORDER BY rowid DESC LIMIT :l)
     ORDER BY 1 DESC LIMIT :l"
);
/// Appeals whose registration number or national registration number is in
/// [:lo, :hi): backward range scans of their indexes, the newest numbers of each.
const SQL_REG_NO: &str = list_rows!(
    "SELECT id FROM (
       SELECT id FROM appeals WHERE reg_no >= :lo AND reg_no < :hi AND id < :b
       ORDER BY reg_no DESC LIMIT :l)
     UNION SELECT id FROM (
       SELECT id FROM appeals WHERE national_reg_no >= :lo AND national_reg_no < :hi
       AND national_reg_no <> '' AND id < :b ORDER BY national_reg_no DESC LIMIT :l)
     ORDER BY 1 DESC LIMIT :l"
);
/// Every appeal (an empty query).
const SQL_ALL: &str = list_rows!("SELECT id FROM appeals WHERE id < :b ORDER BY id DESC LIMIT :l");

impl Store {
    /// Search by name (folded: Kazakh, Russian and Latin letters, any case; every
    /// word of the query is a prefix of a word of the name), IIN or BIN prefix, a
    /// fragment of the phone number (3+ digits), the registration number (a prefix
    /// of it: "KHR-2026-0001", or its sequence "123" for "KHR-2026-000123") or the
    /// national registration number (a prefix). Newest first, at most `limit`: the
    /// first page of [`Store::search_appeals_page`].
    pub fn search_appeals(&self, query: &str, limit: usize) -> Result<Vec<AppealRow>> {
        self.search_appeals_page(query, None, limit)
    }

    /// One page of a search: the newest `limit` matches older than the appeal
    /// `before` (the id of the last row of the previous page; `None` for the first
    /// page). The list asks for the next page when the clerk scrolls to its end,
    /// so a keystroke reads only one screenful of rows and nothing counts the rest.
    pub fn search_appeals_page(
        &self,
        query: &str,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<AppealRow>> {
        let q = query.trim();
        let b = before.unwrap_or(i64::MAX);
        let l = limit as i64;
        if q.is_empty() {
            return self.list_rows(SQL_ALL, named_params! {":b": b, ":l": l});
        }
        if let Some(lo) = reg_no_prefix(q) {
            let hi = format!("{lo}\u{10FFFF}");
            return self.list_rows(
                SQL_REG_NO,
                named_params! {":lo": lo, ":hi": hi, ":b": b, ":l": l},
            );
        }
        let phone = phone_query(q);
        // Digits typed with the separators of a phone number ("234 56 78",
        // "+7 701") are a phone: IINs and sequences are typed without them.
        let words = if phone.is_some() && !q.chars().all(|c| c.is_ascii_digit()) {
            None
        } else {
            words_query(q)
        };
        match (words, phone) {
            (Some(w), Some(p)) => self.list_rows(
                SQL_WORDS_OR_PHONE,
                named_params! {":w": w, ":p": p, ":b": b, ":l": l},
            ),
            (Some(w), None) => self.list_rows(SQL_WORDS, named_params! {":w": w, ":b": b, ":l": l}),
            (None, Some(p)) => self.list_rows(SQL_PHONE, named_params! {":p": p, ":b": b, ":l": l}),
            (None, None) => Ok(Vec::new()),
        }
    }

    /// [`Store::search_appeals_page`] for an operator who may or may not see IINs
    /// and phones (`personal_digits`). Without it, words with digits are dropped
    /// from the query and phones are not searched: a viewer, who sees them
    /// masked, cannot recover the masked digits by trying prefixes one digit at a
    /// time. Registration numbers ("KHR-2026-...") are found as before; names too.
    pub fn search_appeals_for(
        &self,
        query: &str,
        before: Option<i64>,
        limit: usize,
        personal_digits: bool,
    ) -> Result<Vec<AppealRow>> {
        if personal_digits || reg_no_prefix(query.trim()).is_some() {
            return self.search_appeals_page(query, before, limit);
        }
        let words: Vec<&str> = query
            .split_whitespace()
            .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
            .collect();
        if words.is_empty() && !query.trim().is_empty() {
            return Ok(Vec::new());
        }
        let q = words.join(" ");
        let Some(w) = words_query(&q) else {
            return self.search_appeals_page("", before, limit);
        };
        let b = before.unwrap_or(i64::MAX);
        self.list_rows(
            SQL_WORDS,
            named_params! {":w": w, ":b": b, ":l": limit as i64},
        )
    }

    /// Runs one of the `list_rows!` statements.
    fn list_rows(&self, sql: &str, p: &[(&str, &dyn rusqlite::ToSql)]) -> Result<Vec<AppealRow>> {
        let rows = self
            .conn
            .prepare_cached(sql)?
            .query_map(p, list_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Rebuilds both search tables and the search list (`appeal_list`) from the
    /// appeals (after a change of the folding rules, or to repair: `qabyldau check
    /// --rebuild-search`), then merges the index into one segment.
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM appeal_search; DELETE FROM appeal_phone; DELETE FROM appeal_list;
             INSERT INTO appeal_list
               SELECT a.id, a.reg_no, a.registered_on, a.channel,
                      p.surname || ' ' || p.name
                        || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
                      p.iin, p.phone, a.topic, a.status, a.national_reg_no
               FROM appeals a JOIN applicants p ON p.id = a.applicant_id ORDER BY a.id;
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

    /// Folds the small segments that registrations leave in both search indexes,
    /// a short step at a time, without rewriting the large ones (size-tiered).
    ///
    /// FTS5 keeps segments on levels: a registration writes a small segment on a
    /// low level, a bulk load or an earlier merge a large one higher up. With
    /// `usermerge` at 2, a positive `merge` step folds any level that holds two or
    /// more segments into one on the next level and leaves a lone segment alone,
    /// so a day's small segments become one while the big segment of years of
    /// appeals is read by queries but not rewritten. Work is bounded by
    /// `max_steps` (each writes at most [`MERGE_PAGES`] pages, tens of ms, so a
    /// registration meanwhile waits at most that long); a merge that reaches a
    /// large level continues in the next day's steps instead of all at once. So
    /// the daily cost stays flat as the database grows. Run by the desk once a day
    /// in the background; returns the steps that did work.
    pub fn tidy_search_index(&self, max_steps: usize) -> Result<usize> {
        let mut worked = 0;
        for table in ["appeal_search", "appeal_phone"] {
            self.conn.execute(
                &format!("INSERT INTO {table}({table}, rank) VALUES('usermerge', 2)"),
                [],
            )?;
            let sql = format!("INSERT INTO {table}({table}, rank) VALUES('merge', ?1)");
            while worked < max_steps {
                let before = self.conn.total_changes();
                self.conn.execute(&sql, [MERGE_PAGES])?;
                // FTS5: fewer than two changes means the step found nothing to do.
                if self.conn.total_changes() - before < 2 {
                    break;
                }
                worked += 1;
            }
        }
        if worked > 0 {
            // The merge wrote the index again into the WAL: copy it back here, in
            // the background, rather than in the commit of the next registration.
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        }
        Ok(worked)
    }

    /// The segments of a search index (`appeal_search` or `appeal_phone`) level by
    /// level, read from FTS5's structure record: what a query has to visit.
    pub fn search_index_levels(&self, table: SearchTable) -> Result<Vec<Vec<Segment>>> {
        let sql = match table {
            SearchTable::Words => "SELECT block FROM appeal_search_data WHERE id = 10",
            SearchTable::Phone => "SELECT block FROM appeal_phone_data WHERE id = 10",
        };
        let block: Option<Vec<u8>> = self.conn.query_row(sql, [], |r| r.get(0)).optional()?;
        Ok(block.as_deref().map(decode_structure).unwrap_or_default())
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

/// The two search indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchTable {
    Words,
    Phone,
}

/// One FTS5 segment: its id and its leaf pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub id: u64,
    pub pages: u64,
}

/// SQLite's variable-length integer (big-endian 7-bit groups, the ninth byte
/// whole), as FTS5 writes its structure record.
fn varint(b: &[u8], i: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for n in 0..9 {
        let byte = *b.get(*i)?;
        *i += 1;
        if n == 8 {
            return Some((v << 8) | u64::from(byte));
        }
        v = (v << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    Some(v)
}

/// Levels and segments from an FTS5 structure record (`%_data` row 10): a
/// 4-byte cookie, an optional version-2 marker, the level and segment counts, a
/// write counter, then per level its merge state and segments. A record that
/// does not decode gives what was read so far (the figure is informative only).
fn decode_structure(b: &[u8]) -> Vec<Vec<Segment>> {
    let mut levels = Vec::new();
    let mut i = 4;
    let v2 = b.get(4..8) == Some(&[0xff, 0x00, 0x00, 0x01][..]);
    if v2 {
        i += 4;
    }
    let (Some(n_level), Some(_n_segment), Some(_writes)) =
        (varint(b, &mut i), varint(b, &mut i), varint(b, &mut i))
    else {
        return levels;
    };
    for _ in 0..n_level.min(64) {
        let (Some(_merge), Some(n_seg)) = (varint(b, &mut i), varint(b, &mut i)) else {
            return levels;
        };
        let mut segs = Vec::new();
        for _ in 0..n_seg.min(10_000) {
            let (Some(id), Some(first), Some(last)) =
                (varint(b, &mut i), varint(b, &mut i), varint(b, &mut i))
            else {
                levels.push(segs);
                return levels;
            };
            if v2 {
                for _ in 0..5 {
                    if varint(b, &mut i).is_none() {
                        levels.push(segs);
                        return levels;
                    }
                }
            }
            segs.push(Segment {
                id,
                pages: last.saturating_sub(first) + 1,
            });
        }
        levels.push(segs);
    }
    levels
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
        assert_eq!(phone_query("234-56").as_deref(), Some("\"23456\"*"));
        assert_eq!(
            phone_query("8 701 234").as_deref(),
            Some("\"8701234\"* OR \"701234\"*")
        );
        assert_eq!(phone_digits("+7 701 234 56 78"), "7012345678");
        assert_eq!(phone_digits("8 (701) 234-56-78"), "7012345678");
        assert_eq!(
            phone_words("8 (701) 234-56-78"),
            "7012345678 012345678 12345678 2345678 345678 45678 5678 678"
        );
        assert_eq!(phone_words("12"), "");
        assert_eq!(phone_words("+90 212"), "90212 0212 212");
    }
}
