//! `qabyldau export appeals`: CSV with BOM, XLSX, media and unregistered layouts.
use crate::common;
use calamine::{Data, Reader, Xlsx};
use common::*;
use qabyldau::store::{Actor, Store};

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let mut a = draft("Өмірбекова", "Айгүл", "Жер телімі, тел. +7 701 234 56 78");
    a.applicant.patronymic = "Жанқызы".into();
    a.applicant.iin = iin("9005154");
    a.applicant.phone = "+7 701 234 56 78".into();
    a.applicant.address = "Хромтау, Абай к. 5".into();
    let d = day(2026, 3, 16);
    s.register_appeal(&Actor::system(), at(d, 9, 0), d, "KHR", &a)
        .unwrap();
    let mut b = draft("Иванов", "Пётр", "Дорога");
    b.national_reg_no = "ЖТ-2026-77".into();
    b.topic = "roads".into();
    s.register_appeal(&Actor::system(), at(d, 9, 5), d, "KHR", &b)
        .unwrap();
    let outside = day(2026, 4, 2);
    s.register_appeal(&Actor::system(), at(outside, 9, 0), outside, "KHR", &b)
        .unwrap();
    (dir, path)
}

fn run(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_qabyldau"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QABYLDAU_NOW", "2026-04-15T09:00:00")
        .output()
        .unwrap()
}

fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn full_csv_has_every_field_and_the_period_only() {
    let (dir, db) = setup();
    let out = dir.path().join("a.csv");
    let o = run(
        &db,
        &[
            "export",
            "appeals",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("exported: 2 -> {}", out.display())
    );
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 3);
    let h = &rows[0];
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    assert_eq!(rows[1][col("surname")], "Өмірбекова");
    assert_eq!(rows[1][col("iin")], iin("9005154"));
    assert_eq!(rows[1][col("address")], "Хромтау, Абай к. 5");
    assert_eq!(rows[1][col("status")], "registered");
    assert_eq!(rows[2][col("national_reg_no")], "ЖТ-2026-77");
    assert_eq!(rows[1][col("reg_no")], "KHR-2026-000001");
    // The export is in the audit trail.
    let s = Store::open(&db).unwrap();
    let n: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'export'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn media_csv_has_no_personal_data() {
    let (dir, db) = setup();
    let out = dir.path().join("m.csv");
    let o = run(
        &db,
        &[
            "export",
            "appeals",
            "--quarter",
            "2026Q1",
            "--media",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    for secret in [
        iin("9005154").as_str(),
        "701",
        "Абай к. 5",
        "Өмірбекова",
        "Айгүл",
        "Жанқызы",
    ] {
        assert!(!text.contains(secret), "{secret} leaked");
    }
    let rows = csv_rows(&out);
    let col = rows[0].iter().position(|c| c == "applicant").unwrap();
    assert_eq!(rows[1][col], "Ө. А. Ж.");
    assert!(!rows[0]
        .iter()
        .any(|c| c == "iin" || c == "phone" || c == "address"));
}

#[test]
fn unregistered_xlsx_lists_only_appeals_without_national_number() {
    let (dir, db) = setup();
    let out = dir.path().join("u.xlsx");
    let o = run(
        &db,
        &[
            "export",
            "appeals",
            "--from",
            "01.03.2026",
            "--to",
            "31.03.2026",
            "--unregistered",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = wb.worksheet_range("Appeals").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0].to_string(), "Тіркелген күні / Дата регистрации");
    assert_eq!(rows[1][0].to_string(), "16.03.2026");
    assert_eq!(rows[1][2].to_string(), "Устно (лично)");
    assert_eq!(rows[1][3].to_string(), "Өмірбекова Айгүл Жанқызы");
    assert_eq!(rows[1][10].to_string(), "Земельные отношения");
}

#[test]
fn bad_export_arguments_exit_2_and_write_nothing() {
    let (dir, db) = setup();
    let out = dir.path().join("x.csv");
    let o = run(
        &db,
        &[
            "export",
            "appeals",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        &db,
        &[
            "export",
            "appeals",
            "--media",
            "--unregistered",
            "--quarter",
            "2026Q1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        &db,
        &[
            "export",
            "people",
            "--quarter",
            "2026Q1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
}
