//! The audit log and undo: every change is logged with who, when, what and why; undo puts
//! back exactly what a change touched, cascades included; an import's undo removes exactly
//! its rows.

use crate::{add, now, person, store_with_event, Store};
use plenary_core::audit;
use plenary_core::db::Connection;
use plenary_core::exchange::import::{self, ImportOptions};
use plenary_core::exchange::{mapping, read};
use plenary_core::model::AttendeeInput;
use plenary_core::schedule::model::Role;
use plenary_core::schedule::ops as sched;
use plenary_core::{ops, Error};

fn unsealed(conn: &Connection) -> u32 {
    conn.query_row(
        "SELECT count(*) FROM change_row WHERE entry_id IS NULL",
        [],
        |r| r.get(0),
    )
    .expect("count")
}

fn everyone(conn: &Connection, event: &str) -> Vec<plenary_core::model::Attendee> {
    ops::list_attendees(conn, event, &Default::default())
        .expect("list")
        .iter()
        .map(|a| (**a).clone())
        .collect()
}

#[test]
fn a_deleted_attendee_comes_back_with_their_talks_and_sign_ups() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let session = sched::add_session(
        &mut store.conn,
        &event,
        uuid::Uuid::now_v7(),
        &crate::opening(),
        now(),
    )
    .expect("session");
    sched::assign_speaker(
        &mut store.conn,
        uuid::Uuid::now_v7(),
        &session.id,
        &ana.id,
        Role::Keynote,
        "",
        now(),
    )
    .expect("assign");
    sched::sign_up(&mut store.conn, &session.id, &ana.id, now()).expect("sign up");
    let before = everyone(&store.conn, &event);

    ops::delete_attendee_because(&mut store.conn, &ana.id, "Cancelled by the ministry")
        .expect("delete");
    let session_after = sched::get_session(&store.conn, &session.id).expect("session");
    assert!(
        session_after.speakers.is_empty(),
        "the cascade removed the talk"
    );
    let log = audit::activity(&store.conn, &event, 10).expect("activity");
    assert_eq!(log[0].summary, "Deleted Ana Silva and 2 linked records");
    assert_eq!(log[0].reason, "Cancelled by the ministry");
    assert_eq!(log[0].actor, audit::actor());
    assert_ne!(log[0].actor, "unknown", "the OS user is found");
    assert_eq!(log[0].deleted_attendees, 1);

    let undone = audit::undo_last(&mut store.conn, &event)
        .expect("undo")
        .expect("something to undo");
    assert_eq!(
        undone.summary,
        "Undid: Deleted Ana Silva and 2 linked records"
    );
    assert!(undone.is_undo);
    assert_eq!(
        everyone(&store.conn, &event),
        before,
        "the same person, the same id"
    );
    let session_back = sched::get_session(&store.conn, &session.id).expect("session");
    assert_eq!(session_back.speakers.len(), 1, "the talk is back");
    assert_eq!(session_back.signups, 1, "the sign-up is back");
    let log = audit::activity(&store.conn, &event, 10).expect("activity");
    assert!(log[1].undone, "the deletion is marked undone");
    assert_eq!(unsealed(&store.conn), 0);
}

#[test]
fn undo_walks_back_through_changes_and_restores_old_values() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    ops::update_attendee(
        &mut store.conn,
        &ana.id,
        &AttendeeInput {
            email: "ana@example.org".into(),
            ..person("Ana Maria", "Silva", "PT")
        },
        now(),
    )
    .expect("update");
    let log = audit::activity(&store.conn, &event, 10).expect("activity");
    assert!(
        log[0].summary.starts_with("Changed Ana Maria Silva"),
        "{}",
        log[0].summary
    );
    assert!(log[0].summary.contains("email") && log[0].summary.contains("country"));
    assert!(log[0].undoable, "the newest change can be undone");

    audit::undo_last(&mut store.conn, &event).expect("undo the change");
    let back = ops::get_attendee(&store.conn, &ana.id).expect("there");
    assert_eq!(
        (
            back.given_name.as_str(),
            back.country.as_str(),
            back.email.as_str()
        ),
        ("Ana", "BR", "")
    );
    audit::undo_last(&mut store.conn, &event).expect("undo the addition");
    assert!(
        everyone(&store.conn, &event).is_empty(),
        "the addition is undone too"
    );
    // The event's creation is the last thing left; undoing it too is allowed and logged.
    assert_eq!(unsealed(&store.conn), 0);
}

/// Imports `csv` into `event`, all rows or none, and says what it did.
fn import_csv(conn: &mut Connection, event: &str, csv: &str) -> import::ImportReport {
    let table = read::read_bytes(csv.as_bytes()).expect("reads");
    let columns = mapping::suggest(&table.headers);
    import::commit(
        conn,
        event,
        &table,
        &columns,
        &ImportOptions::default(),
        false,
        now(),
        &mut || uuid::Uuid::now_v7().to_string(),
        &mut |_, _| {},
    )
    .expect("import")
}

#[test]
fn undoing_an_import_removes_exactly_its_rows() {
    let (mut store, event) = store_with_event();
    let kept = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let updated = add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            phone: "+55 1".into(),
            ..person("Bea", "Costa", "BR")
        },
    )
    .expect("add");
    let before = everyone(&store.conn, &event);
    let csv = format!(
        "id,given_name,family_name,country,phone\n\
         ,Kwame,Mensah,GH,\n,Lan,Nguyen,VN,\n{},Bea,Costa,BR,+55 2\n",
        updated.id
    );
    let report = import_csv(&mut store.conn, &event, &csv);
    assert_eq!((report.imported, report.updated), (2, 1));
    let log = audit::activity(&store.conn, &event, 10).expect("activity");
    assert_eq!(log[0].summary, "Imported 2 attendees (1 updated)");
    // Someone adds a person by hand after the import; the undo must leave them alone.
    let later = add(&mut store.conn, &event, &person("Olga", "Ivanova", "RU")).expect("add");

    let import_entry = log[0].id;
    audit::undo(&mut store.conn, import_entry).expect("undo the import");
    let mut after = everyone(&store.conn, &event);
    after.retain(|a| a.id != later.id);
    assert_eq!(
        after, before,
        "exactly the import's rows are gone, the update reverted"
    );
    assert!(ops::get_attendee(&store.conn, &kept.id).is_ok());
    assert!(
        ops::get_attendee(&store.conn, &later.id).is_ok(),
        "a later change stays"
    );
}

#[test]
fn an_import_that_only_adds_people_is_listed_with_its_event_and_undone_by_undo_last() {
    let (mut store, event) = store_with_event();
    import_csv(
        &mut store.conn,
        &event,
        "given_name,family_name,country\nKwame,Mensah,GH\nLan,Nguyen,VN\n",
    );
    // The logged rows of added people carry only their ids; the entry must still belong to
    // the event, or the Activity view and Ctrl+Z would never see it.
    let log = audit::activity(&store.conn, &event, 10).expect("activity");
    assert_eq!(log[0].summary, "Imported 2 attendees (0 updated)");
    assert!(log[0].undoable);
    assert_eq!(everyone(&store.conn, &event).len(), 2);
    audit::undo_last(&mut store.conn, &event).expect("undo the newest change");
    assert!(
        everyone(&store.conn, &event).is_empty(),
        "the import is undone"
    );
}

#[test]
fn an_undo_that_would_clash_changes_nothing_and_says_why() {
    let (mut store, event) = store_with_event();
    let ana = add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            email: "ana@example.org".into(),
            ..person("Ana", "Silva", "BR")
        },
    )
    .expect("add");
    ops::delete_attendee(&mut store.conn, &ana.id).expect("delete");
    let deletion = audit::activity(&store.conn, &event, 1).expect("log")[0].id;
    add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            email: "ana@example.org".into(),
            ..person("Ana", "Souza", "BR")
        },
    )
    .expect("someone else takes the email");
    let before = everyone(&store.conn, &event);
    match audit::undo(&mut store.conn, deletion) {
        Err(Error::Validation(list)) => {
            assert_eq!(list[0].field, "undo");
            assert!(
                list[0].message.contains("cannot be undone"),
                "{}",
                list[0].message
            );
        }
        other => panic!("expected a clear refusal, got {other:?}"),
    }
    assert_eq!(everyone(&store.conn, &event), before, "nothing changed");
}

#[test]
fn every_verb_of_the_sample_is_sealed_into_the_log() {
    let mut store = Store::default();
    let loaded =
        plenary_core::sample::load(&mut store.conn, now(), uuid::Uuid::now_v7).expect("sample");
    assert_eq!(unsealed(&store.conn), 0, "the sample's load is one entry");
    let log = audit::activity(&store.conn, &loaded.event.id, 10).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].summary, "Loaded the sample seminar");
    // Then a day of ordinary work: each change is one sealed entry, nothing left over.
    let event = loaded.event.id;
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    plenary_core::desk::check_in(&mut store.conn, &ana.id, now()).expect("check in");
    sched::set_attending(&mut store.conn, &ana.id, false).expect("cancel");
    ops::delete_attendee(&mut store.conn, &ana.id).expect("delete");
    assert_eq!(unsealed(&store.conn), 0);
    let summaries: Vec<String> = audit::activity(&store.conn, &event, 10)
        .expect("log")
        .into_iter()
        .map(|e| e.summary)
        .collect();
    assert_eq!(
        summaries,
        [
            "Deleted Ana Silva",
            "Changed Ana Silva (attending)",
            "Changed Ana Silva (checked_in_at)",
            "Added Ana Silva",
            "Loaded the sample seminar"
        ]
    );
}

#[test]
fn the_triggers_log_every_column_of_every_table() {
    let store = Store::default();
    crate::file_only!(store, "the SQLite triggers read from sqlite_master; the server's audit function is compared with them in server.rs");
    let tables: Vec<String> = {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT IN ('meta', 'change_entry', 'change_row') AND name NOT LIKE 'sqlite_%'
                 -- The offline desk's records of what it replayed, and of the clashes: what
                 -- they lead to (a check-in) is logged; they are not undone themselves.
                 AND name NOT IN ('desk_action', 'desk_review')",
            )
            .expect("tables");
        let rows = stmt.query_map([], |r| r.get(0)).expect("rows");
        rows.collect::<plenary_core::Result<_>>().expect("names")
    };
    for table in &tables {
        assert!(
            audit::TABLES.iter().any(|(t, _)| t == table),
            "table {table} has no audit triggers: add it to migration and audit::TABLES"
        );
        let sql: String = store
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = ?1",
                [format!("audit_{table}_insert")],
                |r| r.get(0),
            )
            .expect("the insert trigger exists");
        let mut stmt = store
            .conn
            .prepare("SELECT name FROM pragma_table_xinfo(?1)")
            .expect("columns");
        let columns: Vec<String> = stmt
            .query_map([table], |r| r.get(0))
            .expect("rows")
            .collect::<plenary_core::Result<_>>()
            .expect("names");
        for column in columns {
            if audit::UNLOGGED.contains(&(table.as_str(), column.as_str())) {
                continue;
            }
            // A masked table logs that a field changed, never its value.
            let logged = if audit::MASKED.contains(&table.as_str()) {
                format!("'{column}',")
            } else {
                format!("'{column}', NEW.{column}")
            };
            assert!(
                sql.contains(&logged),
                "{table}.{column} is not in the audit triggers"
            );
        }
    }
}

#[test]
fn the_cli_records_a_reason_and_undoes_from_the_log() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let out = crate::plenary_at(
        &store.path(),
        &[
            "attendee",
            "delete",
            &ana.id,
            "--yes",
            "--reason",
            "Visa refused",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = crate::plenary_at(&store.path(), &["activity", "--json"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(log[0]["summary"], "Deleted Ana Silva");
    assert_eq!(log[0]["reason"], "Visa refused");
    let refused = crate::plenary_at(&store.path(), &["undo"]);
    assert!(
        !refused.status.success(),
        "without a terminal, undo needs --yes"
    );
    assert!(ops::get_attendee(&store.conn, &ana.id).is_err());
    let out = crate::plenary_at(&store.path(), &["undo", "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        ops::get_attendee(&store.conn, &ana.id).is_ok(),
        "Ana Silva is back"
    );
}

#[test]
fn undo_stops_before_the_event_itself() {
    let (mut store, event) = store_with_event();
    add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    audit::undo_last(&mut store.conn, &event).expect("undo the addition");
    assert_eq!(
        audit::undo_last(&mut store.conn, &event).expect("nothing left"),
        None,
        "the event's creation is not undone by Ctrl+Z"
    );
    assert!(
        ops::get_event(&store.conn, &event).is_ok(),
        "the event is still there"
    );
    let log = audit::activity(&store.conn, &event, 10).expect("log");
    assert!(
        log.iter().all(|e| !e.undoable),
        "neither the undo, the undone addition nor the creation can be undone: {log:?}"
    );
    let creation = log.last().expect("one").id;
    match audit::undo(&mut store.conn, creation) {
        Err(Error::Validation(list)) => assert_eq!(list[0].field, "undo"),
        other => panic!("undoing the event's creation must be refused, got {other:?}"),
    }
    assert!(ops::get_event(&store.conn, &event).is_ok());
}
