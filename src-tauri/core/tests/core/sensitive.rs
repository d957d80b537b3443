//! Passport numbers and dates of birth: kept apart, out of lists, exports and the audit log
//! unless asked for, and gone from every byte of the store after a purge (the canary test).

use crate::{add, now, person, plenary_at, store_with_event};
use plenary_core::exchange::{export_list, export_list_with, ListKind, TableFormat};
use plenary_core::sensitive::{self, SensitiveData};
use plenary_core::Error;

const CANARY: &str = "ZQ7CANARY93";
const BIRTH: &str = "1971-02-13";

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn file(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

/// Ana Silva, registered with the canary passport number and date of birth.
fn ana_with_the_canary(
    conn: &mut plenary_core::db::Connection,
    event: &str,
) -> (plenary_core::model::Attendee, SensitiveData) {
    let ana = add(conn, event, &person("Ana", "Silva", "BR")).expect("add");
    let canary = SensitiveData {
        passport_number: CANARY.into(),
        date_of_birth: BIRTH.into(),
    };
    sensitive::set(conn, &ana.id, &canary, now()).expect("recorded");
    (ana, canary)
}

#[test]
fn a_purged_passport_number_is_nowhere() {
    let (mut store, event) = store_with_event();
    crate::file_only!(store, "reads the file's bytes");
    let (ana, canary) = ana_with_the_canary(&mut store.conn, &event);
    assert_eq!(sensitive::get(&store.conn, &ana.id).expect("read"), canary);
    let db = store.path();
    let wal = db.with_extension("db-wal");
    assert!(
        holds(&file(&db), CANARY) || holds(&file(&wal), CANARY),
        "the test can fail: the value is in the store's bytes before the purge"
    );

    // Never in a default export, the attendee JSON, or the audit log.
    for format in [TableFormat::Csv, TableFormat::Xlsx] {
        let bytes = export_list(&store.conn, &event, ListKind::Attendees, format).expect("export");
        assert!(
            !holds(&bytes, CANARY),
            "{format:?} leaves it out by default"
        );
    }
    let csv = export_list_with(
        &store.conn,
        &event,
        ListKind::Attendees,
        TableFormat::Csv,
        true,
    )
    .expect("an explicit export");
    assert!(
        holds(&csv, CANARY) && holds(&csv, BIRTH),
        "asked for, it is there"
    );
    let audit: Vec<String> = {
        let mut stmt = store
            .conn
            .prepare("SELECT coalesce(old, '') || coalesce(new, '') FROM change_row")
            .expect("rows");
        let rows = stmt.query_map([], |r| r.get(0)).expect("rows");
        rows.collect::<plenary_core::Result<_>>().expect("text")
    };
    assert!(
        audit.iter().any(|r| r.contains("(set)")),
        "the log says it was set"
    );
    assert!(!audit
        .iter()
        .any(|r| r.contains(CANARY) || r.contains(BIRTH)));
    for args in [
        &["attendee", "list", "--json"][..],
        &["activity", "--json"],
        &["export", "attendees", "--format", "csv"],
    ] {
        let out = plenary_at(&db, args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            !holds(&out.stdout, CANARY) && !holds(&out.stderr, CANARY),
            "{args:?} does not print it"
        );
    }

    // Automatic backups taken meanwhile (a timer backup, one before an import) hold it too.
    for (minute, reason) in [(1, "timer"), (2, "import")] {
        let at = now() + chrono::Duration::minutes(minute);
        plenary_core::backup::automatic(&store.conn, &db, reason, at, 10).expect("backup");
    }
    let backups = plenary_core::backup::automatic_backups(&db).expect("listed");
    assert_eq!(backups.len(), 2);
    assert!(
        holds(&file(&backups[0]), CANARY),
        "the test can fail: a backup holds it"
    );

    // The purge: gone from the database file, the WAL and every automatic backup.
    let (purged, failed) =
        sensitive::purge_everywhere(&mut store.conn, &db, &event).expect("purge");
    assert_eq!((purged, failed), (1, vec![]));
    for backup in &backups {
        let bytes = file(backup);
        assert!(!bytes.is_empty(), "the backup is still there");
        assert!(
            !holds(&bytes, CANARY) && !holds(&bytes, BIRTH),
            "not in {backup:?}"
        );
    }
    let restored_count: u32 = rusqlite::Connection::open(&backups[1])
        .expect("a backup opens")
        .query_row("SELECT count(*) FROM attendee", [], |r| r.get(0))
        .expect("count");
    assert_eq!(restored_count, 1, "the backups keep everything else");
    assert_eq!(
        sensitive::get(&store.conn, &ana.id).expect("read"),
        SensitiveData::default()
    );
    assert!(!holds(&file(&db), CANARY), "not in the database bytes");
    assert!(!holds(&file(&db), BIRTH), "not in the database bytes");
    assert!(!holds(&file(&wal), CANARY), "not in the WAL bytes");
    let after = export_list_with(
        &store.conn,
        &event,
        ListKind::Attendees,
        TableFormat::Csv,
        true,
    )
    .expect("export");
    assert!(!holds(&after, CANARY), "not in an export");
}

#[test]
fn bad_values_are_refused_by_field() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let bad = SensitiveData {
        passport_number: "12".into(),
        date_of_birth: "2999-01-01".into(),
    };
    match sensitive::set(&mut store.conn, &ana.id, &bad, now()) {
        Err(Error::Validation(list)) => {
            let fields: Vec<&str> = list.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(fields, ["passport_number", "date_of_birth"]);
        }
        other => panic!("expected both fields named, got {other:?}"),
    }
    assert_eq!(
        sensitive::get(&store.conn, &ana.id).expect("read"),
        SensitiveData::default(),
        "nothing stored"
    );
}

#[test]
fn an_event_past_its_retention_period_is_purged() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let data = SensitiveData {
        passport_number: "AB123456".into(),
        date_of_birth: String::new(),
    };
    sensitive::set(&mut store.conn, &ana.id, &data, now()).expect("recorded");
    sensitive::set_retention(&mut store.conn, &event, Some(30)).expect("policy");
    let summary = sensitive::summary(&store.conn, &event).expect("summary");
    assert_eq!(summary.people, 1);
    assert_eq!(
        summary.purge_on.as_deref(),
        Some("2024-10-06"),
        "30 days after 6 September"
    );
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date");
    let path = store.path();
    assert!(
        sensitive::purge_expired(&mut store.conn, &path, day("2024-10-05"))
            .expect("nothing due")
            .is_empty()
    );
    assert_eq!(
        sensitive::purge_expired(&mut store.conn, &path, day("2024-10-06")).expect("due"),
        vec![event.clone()]
    );
    assert_eq!(
        sensitive::summary(&store.conn, &event)
            .expect("summary")
            .people,
        0
    );
}

/// A purge scrubs the automatic backups on their own connections. The audit triggers fire
/// there too, so the rows they log must be sealed in the backup: otherwise a restore brings
/// back unsealed rows, and the next edit's seal folds the scrub into that unrelated entry.
#[test]
fn a_restored_scrubbed_backup_leaves_no_stray_audit_rows() {
    let (mut store, event) = store_with_event();
    crate::file_only!(store, "automatic backups sit beside a file");
    let (ana, _) = ana_with_the_canary(&mut store.conn, &event);
    let db = store.path();
    let at = now() + chrono::Duration::minutes(1);
    let backup = plenary_core::backup::automatic(&store.conn, &db, "timer", at, 10)
        .expect("backup")
        .expect("a file has automatic backups");
    let (purged, failed) =
        sensitive::purge_everywhere(&mut store.conn, &db, &event).expect("purge");
    assert_eq!(
        (purged, failed),
        (1, vec![]),
        "the store and the backup are purged"
    );

    let later = now() + chrono::Duration::minutes(5);
    plenary_core::backup::restore(&db, &backup, later, 10).expect("the scrubbed backup restores");
    let mut conn = plenary_core::db::open(&db).expect("the restored store opens");
    let unsealed = |conn: &plenary_core::db::Connection| -> u32 {
        conn.query_row(
            "SELECT count(*) FROM change_row WHERE entry_id IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count")
    };
    assert_eq!(
        unsealed(&conn),
        0,
        "a restored backup must hold no change rows outside an entry, or the next seal takes them"
    );
    assert_eq!(
        sensitive::get(&conn, &ana.id).expect("read"),
        SensitiveData::default(),
        "the restored backup was scrubbed"
    );

    add(&mut conn, &event, &person("Bo", "Li", "CN")).expect("an edit after the restore");
    let log = plenary_core::audit::activity(&conn, &event, 10).expect("activity");
    let newest = log.first().expect("the edit is logged");
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT tbl FROM change_row WHERE entry_id = ?1 ORDER BY seq")
            .expect("rows");
        let rows = stmt.query_map([newest.id], |r| r.get(0)).expect("rows");
        rows.collect::<plenary_core::Result<_>>().expect("tables")
    };
    assert_eq!(
        tables,
        ["attendee"],
        "the edit's entry ({:?}) holds only the attendee it added, not the scrub's rows",
        newest.summary
    );
    assert_eq!(
        unsealed(&conn),
        0,
        "nothing is left unsealed after the edit"
    );
    let scrubbed = log
        .iter()
        .filter(|e| e.summary.starts_with("Purged the passport numbers"))
        .count();
    assert!(
        scrubbed >= 1,
        "the restored log says the data was purged: {:?}",
        log.iter().map(|e| &e.summary).collect::<Vec<_>>()
    );
}

// Once covered only by the UI preview's fake core.
#[test]
fn the_retention_period_is_at_most_ten_years_and_can_be_none() {
    let (mut store, event) = store_with_event();
    sensitive::set_retention(&mut store.conn, &event, Some(3650)).expect("ten years is allowed");
    match sensitive::set_retention(&mut store.conn, &event, Some(3651)) {
        Err(Error::Validation(list)) => assert_eq!(list[0].field, "retention_days"),
        other => panic!("more than ten years must be refused, got {other:?}"),
    }
    let summary = sensitive::summary(&store.conn, &event).expect("summary");
    assert_eq!(
        summary.retention_days,
        Some(3650),
        "a refused value changes nothing"
    );
    sensitive::set_retention(&mut store.conn, &event, None).expect("kept until purged by hand");
    let summary = sensitive::summary(&store.conn, &event).expect("summary");
    assert_eq!(
        (summary.retention_days, summary.purge_on),
        (None, None),
        "no retention period, no purge date"
    );
}
