//! The import indexes its appeals for search in one go at the end of its
//! transaction (issue 12): what it stores must be exactly what row-by-row
//! indexing stored — the same search hits, the search list in step, the audit
//! chain intact — and the row triggers must be back afterwards, also when the
//! transaction fails.
mod common;
use common::{at, day, temp_db};
use qabyldau::services::Office;
use qabyldau::store::{journal_rows, verify_chain, Actor, Store, StoreError};

fn triggers(s: &Store) -> Vec<(String, String)> {
    let mut st = s
        .conn()
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn hits(s: &Store, queries: &[String]) -> Vec<Vec<i64>> {
    queries
        .iter()
        .map(|q| {
            let mut ids: Vec<i64> = s
                .search_appeals(q, 1000)
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect();
            ids.sort();
            ids
        })
        .collect()
}

#[test]
fn a_bulk_import_indexes_exactly_what_row_by_row_indexing_did() {
    let (dir, path) = temp_db();
    let today = day(2026, 3, 16);
    let rows = journal_rows(400, today);
    let csv = dir.path().join("journal.csv");
    qabyldau::cli::bench::write_journal_csv(&csv, &rows).unwrap();
    let mut s = Store::open(&path).unwrap();
    let before = triggers(&s);
    assert!(before.iter().any(|(n, _)| n == "appeals_search_insert"));
    let office = Office::shipped();
    let actor = Actor::cli("test");
    let report = qabyldau::import::import_file_as(
        &mut s,
        &office,
        &actor,
        &csv,
        false,
        at(today, 10, 0),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.imported, rows.len(), "{:?}", report.lines());
    assert_eq!(triggers(&s), before, "the row triggers are back, unchanged");

    let mut queries: Vec<String> = rows.iter().take(40).map(|r| r.surname.clone()).collect();
    queries.extend(
        rows.iter()
            .filter(|r| !r.iin.is_empty())
            .take(20)
            .map(|r| r.iin[..6].to_string()),
    );
    queries.extend(
        rows.iter()
            .take(20)
            .map(|r| r.phone[r.phone.len() - 5..].to_string()),
    );
    queries.extend(
        rows.iter()
            .take(10)
            .map(|r| format!("{} {}", r.surname, &r.name[..2])),
    );
    let imported = hits(&s, &queries);
    assert!(
        imported.iter().filter(|h| !h.is_empty()).count() > 60,
        "the queries find appeals"
    );
    // The index rebuilt from the tables (what the triggers write row by row).
    let report = s.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    s.rebuild_search_index().unwrap();
    assert_eq!(
        hits(&s, &queries),
        imported,
        "same hits as an index built row by row"
    );
    let chain = verify_chain(s.conn()).unwrap();
    assert_eq!(chain.broken_at, None);
    // A later registration at the desk is indexed by the restored trigger.
    let mut d = common::draft("Жаңабергенова", "Сәуле", "Жер телімі");
    d.channel = Some(qabyldau::domain::Channel::WalkIn);
    qabyldau::services::register::register(&mut s, &office, &actor, at(today, 11, 0), &d).unwrap();
    assert_eq!(s.search_appeals("жаңаберген", 10).unwrap().len(), 1);
}

#[test]
fn a_failed_bulk_write_leaves_the_triggers_in_place() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let before = triggers(&s);
    let r: Result<(), StoreError> = s.write(|tx| {
        tx.defer_search_index()?;
        Err(StoreError::NotFound)
    });
    assert!(r.is_err());
    assert_eq!(triggers(&s), before);
}
