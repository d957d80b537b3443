//! Backups and restore: the online backup API, checks before a restore, a safety copy, the
//! automatic backup before a migration, and the CLI's confirmation rule.

use crate::{now, person, store_with_event, Store};
use plenary_core::{backup, db};

fn count(conn: &plenary_core::db::Connection) -> u32 {
    conn.query_row("SELECT count(*) FROM attendee", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_backup_restores_the_state_it_was_taken_in_and_the_restore_can_be_undone() {
    let (mut store, event) = store_with_event();
    crate::file_only!(
        store,
        "restoring a file's pages; a server's backup and restore are in server.rs"
    );
    crate::add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let copy = store.dir.path().join("copy.db");
    backup::backup_to(&store.conn, &copy).expect("backup");
    assert_eq!(
        backup::verify(&copy).expect("a sound backup"),
        db::SCHEMA_VERSION
    );

    crate::add(&mut store.conn, &event, &person("Rui", "Costa", "BR")).expect("add");
    assert_eq!(count(&store.conn), 2);
    let safety = backup::restore(&store.path(), &copy, now(), 5).expect("restore");
    let conn = db::open(&store.path()).expect("reopen");
    assert_eq!(count(&conn), 1, "the restored state is the backed-up one");

    backup::restore(&store.path(), &safety, now(), 5).expect("undo the restore");
    assert_eq!(
        count(&db::open(&store.path()).expect("reopen")),
        2,
        "the safety copy brings it back"
    );
}

#[test]
fn a_bad_file_is_refused_and_nothing_changes() {
    let (mut store, event) = store_with_event();
    crate::add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let junk = store.dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database at all, just text").expect("write junk");
    let err = backup::restore(&store.path(), &junk, now(), 5).expect_err("junk is refused");
    assert!(err.to_string().contains("cannot be used"), "{err}");
    let newer = store.dir.path().join("newer.db");
    backup::backup_to(&store.conn, &newer).expect("backup");
    rusqlite::Connection::open(&newer)
        .expect("open")
        .pragma_update(None, "user_version", db::SCHEMA_VERSION + 1)
        .expect("bump");
    let err = backup::verify(&newer).expect_err("a newer schema is refused");
    assert!(err.to_string().contains("newer Plenary"), "{err}");
    assert_eq!(
        count(&db::open(&store.path()).expect("reopen")),
        1,
        "the live database is untouched"
    );
}

#[test]
fn an_older_database_is_backed_up_before_it_is_migrated() {
    let store = Store::default();
    let path = store.dir.path().join("old.db");
    {
        // A database at schema 1, as the first release wrote it.
        let conn = rusqlite::Connection::open(&path).expect("open");
        plenary_core::collation::register(&conn).expect("collation");
        conn.execute_batch(include_str!(
            "../../src/migrations/0001_events_attendees.sql"
        ))
        .expect("schema 1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
    }
    let conn = db::open(&path).expect("migrates");
    assert_eq!(
        db::user_version(&conn).expect("version"),
        db::SCHEMA_VERSION
    );
    let backups: Vec<String> = std::fs::read_dir(backup::folder_for(&path))
        .expect("a backups folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(
        backups[0].starts_with("old-") && backups[0].ends_with("-before-migration-v1.db"),
        "{backups:?}"
    );
    assert_eq!(
        backup::verify(&backup::folder_for(&path).join(&backups[0])).expect("sound"),
        1,
        "the copy is still schema 1"
    );
}

#[test]
fn only_the_newest_automatic_backups_are_kept() {
    let (store, _event) = store_with_event();
    crate::file_only!(store, "automatic backups sit beside a file");
    for i in 0..4 {
        let at = now() + chrono::Duration::seconds(i);
        backup::automatic(&store.conn, &store.path(), "timer", at, 2).expect("backup");
    }
    let mut names: Vec<String> = std::fs::read_dir(backup::folder_for(&store.path()))
        .expect("folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[1].contains("T093003"),
        "the newest is kept: {names:?}"
    );
}

#[test]
fn the_cli_backs_up_and_restores_only_with_consent() {
    let (mut store, event) = store_with_event();
    crate::add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let db_path = store.path();
    let run = |args: &[&str]| crate::plenary_at(&db_path, args);
    let copy = store.dir.path().join("cli-copy.db");
    let copy_arg = copy.to_str().expect("a UTF-8 path");
    assert!(run(&["backup", "--out", copy_arg]).status.success());
    crate::add(&mut store.conn, &event, &person("Rui", "Costa", "BR")).expect("add");
    let refused = run(&["restore", copy_arg]);
    assert!(
        !refused.status.success(),
        "no terminal and no --yes: refused"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    assert_eq!(count(&store.conn), 2, "nothing was restored");
    let done = run(&["restore", copy_arg, "--yes"]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_eq!(count(&db::open(&store.path()).expect("reopen")), 1);
}

#[test]
fn a_neighbours_backups_are_never_pruned_and_the_live_file_is_never_the_target() {
    let (store, _event) = store_with_event();
    crate::file_only!(store, "automatic backups sit beside a file");
    let folder = backup::folder_for(&store.path());
    std::fs::create_dir_all(&folder).expect("folder");
    // Backups of a neighbour, plenary-old.db, whose names start the same way.
    for i in 0..3 {
        std::fs::write(
            folder.join(format!("plenary-old-2023010{i}T000000.000Z-timer.db")),
            b"x",
        )
        .expect("write");
    }
    backup::automatic(&store.conn, &store.path(), "timer", now(), 1).expect("backup");
    let names: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("plenary-old-"))
            .count(),
        3,
        "{names:?}"
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("plenary-2024"))
            .count(),
        1,
        "{names:?}"
    );

    let err = backup::backup_to(&store.conn, &store.path()).expect_err("not onto itself");
    assert!(
        matches!(&err, plenary_core::Error::Validation(f) if f[0].field == "out"),
        "{err}"
    );
}

#[test]
fn the_number_of_backups_kept_is_a_setting() {
    let store = Store::default();
    crate::file_only!(store, "automatic backups sit beside a file");
    assert_eq!(backup::keep_setting(&store.conn), backup::DEFAULT_KEEP);
    match backup::set_keep_setting(&store.conn, 0) {
        Err(plenary_core::Error::Validation(list)) => assert_eq!(list[0].field, "backups_keep"),
        other => panic!("0 backups must be refused, got {other:?}"),
    }
    backup::set_keep_setting(&store.conn, 2).expect("a valid number");
    assert_eq!(backup::keep_setting(&store.conn), 2);
    for minute in 0..4 {
        let at = now() + chrono::Duration::minutes(minute);
        let keep = backup::keep_setting(&store.conn);
        backup::automatic(&store.conn, &store.path(), "timer", at, keep).expect("backup");
    }
    let kept = std::fs::read_dir(backup::folder_for(&store.path()))
        .expect("the folder")
        .count();
    assert_eq!(kept, 2, "only the newest two are kept");
}

#[test]
fn a_damaged_live_database_is_set_aside_and_the_backup_restored() {
    let dir = tempfile::tempdir().expect("tmp");
    let live = dir.path().join("plenary.db");
    let copy = dir.path().join("good.db");
    {
        let mut conn = db::open(&live).expect("store");
        let event =
            plenary_core::ops::create_event(&mut conn, crate::id(1), &crate::seminar(), now())
                .expect("event");
        crate::add(&mut conn, &event.id, &person("Ana", "Silva", "BR")).expect("add");
        backup::backup_to(&conn, &copy).expect("backup");
    }
    // A disk error or a bad copy: the live file is no database any more.
    let junk = b"this is not a database, it is what is left of one".repeat(100);
    std::fs::write(&live, &junk).expect("damage the file");
    let _ = std::fs::remove_file(dir.path().join("plenary.db-wal"));
    assert!(db::open(&live).is_err(), "the damage is real");

    let aside = backup::restore(&live, &copy, now(), 5).expect("the restore repairs it");
    assert_eq!(
        std::fs::read(&aside).expect("kept"),
        junk,
        "the damaged file is kept untouched"
    );
    assert!(aside.to_string_lossy().contains("damaged"));
    let conn = db::open(&live).expect("the restored store opens");
    assert_eq!(count(&conn), 1, "the backup's attendee is back");
}

// Once covered only by the UI preview's fake core, which had a limit of 100 of its own.
#[test]
fn the_number_of_backups_kept_stops_at_its_maximum() {
    let store = Store::default();
    backup::set_keep_setting(&store.conn, backup::MAX_KEEP).expect("the maximum is allowed");
    assert_eq!(backup::keep_setting(&store.conn), backup::MAX_KEEP as usize);
    match backup::set_keep_setting(&store.conn, backup::MAX_KEEP + 1) {
        Err(plenary_core::Error::Validation(list)) => {
            assert_eq!(list[0].field, "backups_keep", "the field is named");
            assert!(
                list[0].message.contains(&backup::MAX_KEEP.to_string()),
                "the message says the limit: {}",
                list[0].message
            );
        }
        other => panic!("one more than the maximum must be refused, got {other:?}"),
    }
    assert_eq!(
        backup::keep_setting(&store.conn),
        backup::MAX_KEEP as usize,
        "a refused value changes nothing"
    );
}
