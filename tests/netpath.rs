//! A database on a network share is refused with advice in Kazakh and Russian,
//! before anything is created or written.
use qabyldau::store::{Store, StoreError};
use std::path::Path;

#[test]
fn a_unc_database_is_refused_with_bilingual_advice() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = std::env::current_dir().unwrap();
    std::env::set_current_dir(dir.path()).unwrap();
    let r = Store::open(Path::new(r"\\server\share\q.sqlite"));
    std::env::set_current_dir(cwd).unwrap();
    let e = match r {
        Err(e) => e,
        Ok(_) => panic!("opened a database on a share"),
    };
    assert!(matches!(e, StoreError::OnNetwork { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("желілік қалтада"), "{msg}");
    assert!(msg.contains("в сетевой папке"), "{msg}");
    assert!(msg.contains("SSH"), "{msg}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing created"
    );
}

#[test]
fn the_desk_and_the_command_line_refuse_it_too() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("a.csv");
    std::fs::write(
        &csv,
        "registered_on,channel,surname,name,language,settlement,topic,essence\n\
         2026-03-02,walk_in,Иванов,Петр,ru,Хромтау,land,Жер\n",
    )
    .unwrap();
    let share = r"\\server\share\q.sqlite";
    for args in [
        vec!["--db", share],
        vec!["--db", share, "import", csv.to_str().unwrap()],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qabyldau"))
            .args(&args)
            .current_dir(dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("желілік") && err.contains("сетевой"),
            "{args:?}: {err}"
        );
    }
}
