//! The PostgreSQL server's schema and migrations (`plenary_core::server`), against a real
//! server: `scripts/test.sh` runs the tests under `pg_virtualenv`, which starts a throwaway
//! cluster and sets PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE. Each test makes its own
//! database and drops it after. Without a server the tests say so and pass, unless
//! PLENARY_REQUIRE_SERVER=1 (as in `scripts/test.sh`), when they fail.

use crate::TestDb;
use plenary_core::{db, server};
use postgres::Client;
use serde_json::Value;
use std::collections::BTreeMap;

#[test]
fn an_empty_database_migrates_to_the_files_version_and_a_second_run_changes_nothing() {
    let Some(test) = TestDb::new() else { return };
    let mut client = test.client();
    assert_eq!(server::schema_version(&mut client).expect("the version"), 0);
    assert_eq!(
        server::migrate(&mut client).expect("migrated"),
        server::SCHEMA_VERSION
    );
    assert_eq!(
        server::schema_version(&mut client).expect("the version"),
        server::SCHEMA_VERSION
    );
    let tables = |client: &mut Client| -> i64 {
        client
            .query_one(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
                &[],
            )
            .expect("count")
            .get(0)
    };
    let before = tables(&mut client);
    assert!(before >= 20, "the schema's tables are there: {before}");
    assert_eq!(
        server::migrate(&mut client).expect("again"),
        server::SCHEMA_VERSION
    );
    assert_eq!(tables(&mut client), before, "a second run adds nothing");
}

#[test]
fn a_server_with_a_newer_schema_is_refused_untouched() {
    let Some(test) = TestDb::new() else { return };
    let mut client = test.client();
    let newer = (server::SCHEMA_VERSION + 1).to_string();
    client
        .batch_execute(&format!(
            "CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
             INSERT INTO meta VALUES ('schema_version', '{newer}');"
        ))
        .expect("a newer server");
    let err = server::migrate(&mut client).expect_err("a newer schema is refused");
    assert!(err.to_string().contains("newer"), "{err}");
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(tables, 1, "nothing was added");
    let kept: String = client
        .query_one("SELECT value FROM meta WHERE key = 'schema_version'", &[])
        .expect("the version")
        .get(0);
    assert_eq!(kept, newer);
}

/// One column as each engine describes it: the type class, NOT NULL, and whether it has a
/// default (generated columns count as having one).
#[derive(Debug, PartialEq, Eq)]
struct Column {
    name: String,
    kind: &'static str,
    not_null: bool,
    has_default: bool,
}

fn sqlite_columns() -> BTreeMap<String, Vec<Column>> {
    let conn = db::open_in_memory().expect("an in-memory file");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    tables.sort();
    tables
        .into_iter()
        .map(|table| {
            // An INTEGER PRIMARY KEY alone is the rowid, numbered by SQLite as an identity
            // column is on the server.
            let keys: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM pragma_table_info('{table}') WHERE pk > 0"),
                    [],
                    |r| r.get(0),
                )
                .expect("the key");
            // table_xinfo lists generated columns too (hidden 2 or 3).
            let mut stmt = conn
                .prepare(&format!("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo('{table}') ORDER BY cid"))
                .expect("columns");
            let columns = stmt
                .query_map([], |r| {
                    let kind: String = r.get(1)?;
                    let pk: i64 = r.get(4)?;
                    let hidden: i64 = r.get(5)?;
                    let default: Option<String> = r.get(3)?;
                    Ok(Column {
                        name: r.get(0)?,
                        kind: match kind.to_uppercase().as_str() {
                            "TEXT" => "text",
                            "INTEGER" => "integer",
                            "BLOB" => "blob",
                            other => panic!("{table}: a column of type {other}"),
                        },
                        // A primary key is never null on the server; SQLite says so only when
                        // the column also says NOT NULL (an INTEGER PRIMARY KEY is the rowid).
                        not_null: r.get::<_, i64>(2)? == 1 || pk > 0,
                        has_default: default.is_some()
                            || hidden >= 2
                            || (keys == 1 && pk == 1 && kind == "INTEGER"),
                    })
                })
                .expect("columns")
                .collect::<Result<Vec<_>, _>>()
                .expect("columns");
            (table, columns)
        })
        .collect()
}

fn server_columns(client: &mut Client) -> BTreeMap<String, Vec<Column>> {
    let mut tables: BTreeMap<String, Vec<Column>> = BTreeMap::new();
    for row in client
        .query(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text,
                    column_default IS NOT NULL OR is_generated = 'ALWAYS' OR is_identity = 'YES'
               FROM information_schema.columns
              WHERE table_schema = 'public'
              ORDER BY table_name, ordinal_position",
            &[],
        )
        .expect("columns")
    {
        let kind: String = row.get(2);
        let table: String = row.get(0);
        tables.entry(table.clone()).or_default().push(Column {
            name: row.get(1),
            kind: match kind.as_str() {
                "text" => "text",
                "bigint" => "integer",
                "bytea" => "blob",
                other => panic!("{table}: a server column of type {other}"),
            },
            not_null: row.get::<_, String>(3) == "NO",
            has_default: row.get(4),
        });
    }
    tables
}

#[test]
fn the_server_and_the_file_have_the_same_tables_and_columns() {
    let Some(test) = TestDb::new() else { return };
    let mut client = test.client();
    server::migrate(&mut client).expect("migrated");
    let file = sqlite_columns();
    let served = server_columns(&mut client);
    assert_eq!(
        file.keys().collect::<Vec<_>>(),
        served.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, columns) in &file {
        assert_eq!(Some(columns), served.get(table), "the columns of {table}");
    }
}

type AuditRow = (String, Value, Value, Value);

/// The same statements on both engines; each returns the audit rows it wrote, as JSON values,
/// and the event's revision after them.
fn audit_rows_sqlite(statements: &[&str]) -> (Vec<AuditRow>, i64) {
    let conn = db::open_in_memory().expect("an in-memory file");
    for s in statements {
        conn.execute_batch(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    let revision: i64 = conn
        .query_row("SELECT revision FROM event WHERE id = 'e1'", [], |r| {
            r.get(0)
        })
        .expect("the event");
    let mut stmt = conn
        .prepare("SELECT tbl, pk, old, new FROM change_row ORDER BY seq")
        .expect("the log");
    let rows = stmt
        .query_map([], |r| {
            let json = |i: usize| -> plenary_core::Result<Value> {
                let text: Option<String> = r.get(i)?;
                Ok(text.map_or(Value::Null, |t| serde_json::from_str(&t).expect("JSON")))
            };
            Ok((r.get(0)?, json(1)?, json(2)?, json(3)?))
        })
        .expect("the log")
        .collect::<Result<_, _>>()
        .expect("the log");
    (rows, revision)
}

fn audit_rows_server(client: &mut Client, statements: &[&str]) -> Vec<AuditRow> {
    for s in statements {
        client
            .batch_execute(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    client
        .query("SELECT tbl, pk, old, new FROM change_row ORDER BY seq", &[])
        .expect("the log")
        .into_iter()
        .map(|r| {
            let json = |i: usize| {
                let text: Option<String> = r.get(i);
                text.map_or(Value::Null, |t| serde_json::from_str(&t).expect("JSON"))
            };
            (r.get(0), json(1), json(2), json(3))
        })
        .collect()
}

#[test]
fn the_server_logs_each_change_as_the_file_does() {
    let Some(test) = TestDb::new() else { return };
    let mut client = test.client();
    server::migrate(&mut client).expect("migrated");
    let statements = [
        "INSERT INTO event (id, name, start_date, end_date, timezone, created_at, updated_at)
         VALUES ('e1', 'Seminar', '2024-09-03', '2024-09-06', 'Asia/Shanghai', 't0', 't0')",
        "INSERT INTO attendee (id, event_id, given_name, family_name, name_order, country,
                               category, search_key, created_at, updated_at)
         VALUES ('a1', 'e1', 'Zhaoxu', 'Ma', 'family_first', 'CN', 'delegate', 'ma zhaoxu', 't0', 't0')",
        // Changes nothing logged: the sort key is derived.
        "UPDATE attendee SET sort_key = x'01' WHERE id = 'a1'",
        "UPDATE attendee SET position = 'Vice Minister' WHERE id = 'a1'",
        "INSERT INTO attendee_sensitive (attendee_id, passport_number, date_of_birth, updated_at)
         VALUES ('a1', 'E1234567', '', 't1')",
        "INSERT INTO delegation (event_id, country, head_attendee_id) VALUES ('e1', 'CN', 'a1')",
        "INSERT INTO letter_issued (event_id, reference, kind, attendee_id, year, seq, issued_at)
         VALUES ('e1', 'S/2024/001', 'visa', 'a1', 2024, 1, 't2')",
        "DELETE FROM attendee WHERE id = 'a1'",
    ];
    // The server writes bytea literals as '\x01'; SQLite as x'01'.
    let for_server: Vec<String> = statements
        .iter()
        .map(|s| s.replace("x'01'", "'\\x01'"))
        .collect();
    let (mut file, file_revision) = audit_rows_sqlite(&statements);
    let mut served = audit_rows_server(
        &mut client,
        &for_server.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert!(file.len() >= 8, "the file logged the changes: {file:#?}");
    // The rows a cascade writes may come before or after the deleted row's own, by engine;
    // the set is what must agree.
    let key = |r: &AuditRow| serde_json::to_string(r).expect("JSON");
    file.sort_by_key(key);
    served.sort_by_key(key);
    assert_eq!(served, file, "the server's log is the file's");
    let revision: i64 = client
        .query_one("SELECT revision FROM event WHERE id = 'e1'", &[])
        .expect("the event")
        .get(0);
    assert_eq!(
        revision, file_revision,
        "the revision moved with each change to the attendee, as in the file"
    );
}

/// The field a failed connection names, and its message.
fn refusal(address: &str) -> (String, String) {
    let Err(err) = server::connect(address) else {
        panic!("the connection to {address} should fail");
    };
    let text = err.to_string();
    match err {
        plenary_core::Error::Validation(fields) => (fields[0].field.clone(), text),
        other => panic!("a field error, not {other:?}"),
    }
}

#[test]
fn each_connection_fault_names_what_to_fix_and_never_the_password() {
    let Some(test) = TestDb::new() else { return };
    let mut admin = test.client();
    admin
        .batch_execute("DO $$ BEGIN CREATE ROLE plenary_test_desk LOGIN PASSWORD 'right-one'; EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
        .expect("a role with a password");
    let host = std::env::var("PGHOST").expect("PGHOST");
    let port = std::env::var("PGPORT").unwrap_or_else(|_| "5432".into());

    let (field, text) = refusal(&format!(
        "postgresql://plenary_test_desk:wrong-one@{host}:{port}/{}",
        test.name
    ));
    assert_eq!(field, "password", "{text}");
    assert!(text.contains("plenary_test_desk"), "names the user: {text}");
    assert!(!text.contains("wrong-one"), "never the password: {text}");

    let (field, text) = refusal(&format!(
        "postgresql://plenary_test_desk:right-one@{host}:{port}/no_such_database"
    ));
    assert_eq!(field, "db", "{text}");
    assert!(text.contains("no_such_database"), "{text}");
    assert!(!text.contains("right-one"), "never the password: {text}");

    // Nothing listens on port 1.
    let (field, text) = refusal("postgresql://desk:secret@127.0.0.1:1/plenary");
    assert_eq!(field, "db", "{text}");
    assert!(
        text.contains("127.0.0.1:1") && text.contains("cannot be reached"),
        "{text}"
    );
    assert!(!text.contains("secret"), "never the password: {text}");

    let (field, text) = refusal("postgresql://desk:secret@host:notaport/plenary");
    assert_eq!(field, "db", "{text}");
    assert!(!text.contains("secret"), "never the password: {text}");

    // The right password, from the address, connects.
    let mut desk = server::connect(&format!(
        "postgresql://plenary_test_desk:right-one@{host}:{port}/{}",
        test.name
    ))
    .expect("the right password connects");
    let who: String = desk
        .query_one("SELECT current_user::text", &[])
        .expect("who")
        .get(0);
    assert_eq!(who, "plenary_test_desk");
    drop(desk);
    admin
        .batch_execute("DROP ROLE IF EXISTS plenary_test_desk")
        .expect("the role goes");
}

#[test]
fn the_password_comes_from_pgpassword_when_the_address_has_none() {
    let Some(test) = TestDb::new() else { return };
    let password = std::env::var("PGPASSWORD").expect("pg_virtualenv sets PGPASSWORD");
    let address = test.address.replace(&format!(" password={password}"), "");
    assert!(!address.contains("password"), "{address}");
    server::connect(&address).expect("PGPASSWORD supplies the password");
}

/// The SQLSTATE of a statement the desk's role runs, or "ok".
fn as_desk(client: &mut Client, sql: &str) -> String {
    match client.batch_execute(sql) {
        Ok(()) => "ok".to_owned(),
        Err(e) => e
            .code()
            .map_or_else(|| format!("{e}"), |c| c.code().to_owned()),
    }
}

#[test]
fn a_desk_role_checks_in_and_adds_walk_ins_but_the_server_refuses_it_the_rest() {
    let Some(test) = TestDb::new() else { return };
    let mut admin = test.client();
    admin
        .batch_execute(
            "DO $$ BEGIN CREATE ROLE plenary_test_desk2 LOGIN PASSWORD 'desk-pass';
             EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
        )
        .expect("a desk role");
    // `plenary server setup ADDRESS --desk-role ROLE`, as an administrator runs it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args([
            "server",
            "setup",
            &test.address,
            "--desk-role",
            "plenary_test_desk2",
        ])
        .output()
        .expect("the CLI runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains(&format!("version {}", server::SCHEMA_VERSION))
            && said.contains("plenary_test_desk2"),
        "{said}"
    );
    admin
        .batch_execute(
            "INSERT INTO event (id, name, start_date, end_date, timezone, created_at, updated_at)
             VALUES ('e1', 'Seminar', '2024-09-03', '2024-09-06', 'Asia/Shanghai', 't0', 't0');
             INSERT INTO attendee (id, event_id, given_name, family_name, name_order, country,
                                   category, search_key, created_at, updated_at)
             VALUES ('a1', 'e1', 'Zhaoxu', 'Ma', 'family_first', 'CN', 'delegate', 'ma', 't0', 't0');
             INSERT INTO attendee_sensitive VALUES ('a1', 'E1234567', '1960-01-01', 't0');
             INSERT INTO room (id, event_id, name, position, created_at, updated_at)
             VALUES ('r1', 'e1', 'Hall', 0, 't0', 't0');
             INSERT INTO session (id, event_id, title, type, starts_at, ends_at, room_id, created_at, updated_at)
             VALUES ('s1', 'e1', 'Opening', 'opening_ceremony', '2024-09-03T01:00:00Z',
                     '2024-09-03T02:00:00Z', 'r1', 't0', 't0');",
        )
        .expect("an event with one person");
    let address = test
        .address
        .split(' ')
        .filter(|part| !part.starts_with("user=") && !part.starts_with("password="))
        .collect::<Vec<_>>()
        .join(" ");
    let mut desk = server::connect(&format!(
        "{address} user=plenary_test_desk2 password=desk-pass"
    ))
    .expect("the desk connects");
    const DENIED: &str = "42501";
    let allowed = [
        ("search the list", "SELECT count(*) FROM attendee"),
        ("check in", "UPDATE attendee SET checked_in_at = 't1', updated_at = 't1' WHERE id = 'a1'"),
        ("take a check-in back", "UPDATE attendee SET checked_in_at = NULL WHERE id = 'a1'"),
        ("record attendance", "INSERT INTO attendance VALUES ('s1', 'a1', 't1')"),
        (
            "add a walk-in",
            "INSERT INTO attendee (id, event_id, given_name, family_name, name_order, country,
                                   category, search_key, created_at, updated_at, checked_in_at)
             VALUES ('w1', 'e1', 'Amina', 'Belkacem', 'given_first', 'DZ', 'delegate', 'b', 't1', 't1', 't1')",
        ),
        ("seal a log entry", "INSERT INTO change_entry (at, actor, summary) VALUES ('t1', 'desk', 'Checked in')"),
    ];
    for (what, sql) in allowed {
        assert_eq!(as_desk(&mut desk, sql), "ok", "the desk may {what}");
    }
    let refused = [
        ("read passport numbers", "SELECT passport_number FROM attendee_sensitive"),
        ("purge them", "DELETE FROM attendee_sensitive"),
        ("delete an attendee", "DELETE FROM attendee WHERE id = 'w1'"),
        ("delete attendance", "DELETE FROM attendance"),
        ("edit a name", "UPDATE attendee SET family_name = 'X' WHERE id = 'a1'"),
        ("edit the schedule (as an undo would)", "UPDATE session SET title = 'X'"),
        ("delete the event", "DELETE FROM event"),
        (
            "import people not yet arrived",
            "INSERT INTO attendee (id, event_id, given_name, family_name, name_order, country,
                                   category, search_key, created_at, updated_at)
             VALUES ('i1', 'e1', 'Imported', 'Person', 'given_first', 'FR', 'delegate', 'i', 't1', 't1')",
        ),
        ("rewrite the log", "DELETE FROM change_row"),
        ("read the letters' register", "SELECT * FROM letter_issued"),
    ];
    for (what, sql) in refused {
        assert_eq!(
            as_desk(&mut desk, sql),
            DENIED,
            "the server refuses the desk to {what}"
        );
    }
    // What the desk did is in the log, written by the server's triggers on its behalf.
    let logged: i64 = admin
        .query_one(
            "SELECT count(*) FROM change_row WHERE tbl IN ('attendee', 'attendance')
               AND (new::jsonb ->> 'id' = 'w1' OR new::jsonb ->> 'checked_in_at' = 't1'
                    OR tbl = 'attendance')",
            &[],
        )
        .expect("the log")
        .get(0);
    assert!(
        logged >= 3,
        "check-in, attendance and walk-in logged: {logged}"
    );
    // The same through Plenary's verbs, as the app at a desk runs them: opening the store
    // (which a desk may not migrate or re-key) and checking in work; the rest is refused by
    // the server, and nothing of it is written.
    let user = std::env::var("PGUSER").unwrap_or("postgres".into());
    let desk_uri = test
        .uri
        .replacen(&format!("//{user}@"), "//plenary_test_desk2:desk-pass@", 1);
    let mut verbs = db::open(std::path::Path::new(&desk_uri)).expect("the desk opens the store");
    let ma = plenary_core::desk::check_in(&mut verbs, "a1", crate::now()).expect("checked in");
    assert!(ma.checked_in_at.is_some());
    // An organiser names the head of China's delegation; the desk's undo of that (a delete)
    // is refused. (Undoing its own check-in is taking it back, which a desk may do.)
    let mut owner = db::open(std::path::Path::new(&test.uri)).expect("the owner's store");
    plenary_core::ops::set_delegation_head(&mut owner, "e1", "CN", Some("a1")).expect("the head");
    let refusals = [
        (
            "delete",
            plenary_core::ops::delete_attendee(&mut verbs, "w1").map(|_| ()),
        ),
        (
            "undo",
            plenary_core::audit::undo_last(&mut verbs, "e1").map(|_| ()),
        ),
        (
            "read a passport number",
            plenary_core::sensitive::get(&verbs, "a1").map(|_| ()),
        ),
    ];
    for (what, result) in refusals {
        let err = result.expect_err(what);
        assert!(
            err.to_string().contains("permission denied"),
            "{what}: {err}"
        );
    }
    let people: i64 = admin
        .query_one("SELECT count(*) FROM attendee", &[])
        .expect("count")
        .get(0);
    assert_eq!(people, 2, "nobody was deleted");
    let heads: i64 = admin
        .query_one(
            "SELECT count(*) FROM delegation WHERE head_attendee_id = 'a1'",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(heads, 1, "the organiser's change stands");
    drop(owner);
    drop(verbs);
    drop(desk);
    drop(admin);
    // The role's rights go with the database; then the role itself.
    let admin_address = test.admin.clone();
    drop(test);
    if let Ok(mut c) = server::connect(&admin_address) {
        let _ = c.batch_execute("DROP ROLE IF EXISTS plenary_test_desk2");
    }
}

/// Runs the CLI at a fixed "now", so that a calendar's DTSTAMP is the same in two runs.
fn at_a_fixed_time(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    crate::plenary_command(db)
        .env("PLENARY_NOW", "2024-08-01T09:30:00Z")
        .args(args)
        .output()
        .expect("the plenary binary runs")
}

/// Every export of the event, as the CLI writes them to standard output.
fn exports(db: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for list in [
        "attendees",
        "delegations",
        "sessions",
        "assignments",
        "signups",
    ] {
        let out = at_a_fixed_time(db, &["export", list, "--format", "csv"]);
        assert!(
            out.status.success(),
            "{list}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        all.push((list.to_owned(), out.stdout));
    }
    for format in ["ics", "frab-xml", "frab-json", "csv"] {
        let out = at_a_fixed_time(db, &["export", "schedule", "--format", format]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        all.push((format!("schedule {format}"), out.stdout));
    }
    all
}

/// Asserts that two stores' exports are byte for byte the same, naming the first line that
/// differs in each export that does.
fn assert_same_exports(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], what: &str) {
    let differ: Vec<String> = a
        .iter()
        .zip(b)
        .filter(|((_, x), (_, y))| x != y)
        .map(|((name, x), (_, y))| {
            let (x, y) = (String::from_utf8_lossy(x), String::from_utf8_lossy(y));
            let line = x.lines().zip(y.lines()).find(|(l, r)| l != r).map_or_else(
                || "(lengths differ)".to_owned(),
                |(l, r)| format!("{l}\n  vs {r}"),
            );
            format!("{name}: {line}")
        })
        .collect();
    assert_eq!(a.len(), b.len(), "{what}");
    assert!(differ.is_empty(), "{what}:\n{}", differ.join("\n"));
}

#[test]
fn an_event_copies_file_to_server_to_file_and_exports_identically() {
    let Some(test) = TestDb::new() else { return };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("seminar.db");
    let back = dir.path().join("back.db");
    let server = std::path::PathBuf::from(&test.uri);
    let run = |db: &std::path::Path, args: &[&str]| {
        let out = crate::plenary_at(db, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&file, &["sample"]);
    run(&file, &["checkin", "--search", "Guterres"]);
    run(&file, &["undo", "--yes"]);
    run(&file, &["checkin", "--search", "Guterres"]);
    let before = exports(&file);
    assert!(before.iter().all(|(_, b)| !b.is_empty()));

    let copied = run(&file, &["event", "copy", "--to", &test.uri, "--json"]);
    let report: serde_json::Value = serde_json::from_str(&copied).expect("JSON");
    assert_eq!(report["attendees"], 123, "{report}");
    assert_eq!(report["replaced"], false);
    // Again without --replace: refused, naming the field, and nothing changes.
    let again = crate::plenary_at(&file, &["event", "copy", "--to", &test.uri]);
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.starts_with("error: to: "), "{err}");
    assert!(err.contains("already has the event"), "{err}");

    run(
        &server,
        &["event", "copy", "--to", back.to_str().expect("a path")],
    );
    assert_same_exports(
        &exports(&server),
        &before,
        "the server's exports are the file's",
    );
    assert_same_exports(
        &exports(&back),
        &before,
        "the copy back exports byte for byte",
    );
    // The activity log came along, undo included, in the same order.
    let log = |db: &std::path::Path| {
        let text = run(db, &["activity", "--json"]);
        let entries: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        entries
            .as_array()
            .expect("a list")
            .iter()
            .map(|e| (e["summary"].clone(), e["undone"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(log(&back), log(&file));
    assert_eq!(log(&server).len(), 4, "{:?}", log(&server));
    // What the server's audit function logged while the copy was written left nothing
    // behind: no unsealed row, no scratch entry.
    let mut admin = test.client();
    let (unsealed, entries): (i64, i64) = {
        let row = admin
            .query_one(
                "SELECT (SELECT count(*) FROM change_row WHERE entry_id IS NULL),
                        (SELECT count(*) FROM change_entry)",
                &[],
            )
            .expect("the log");
        (row.get(0), row.get(1))
    };
    assert_eq!((unsealed, entries), (0, 4));

    // --replace overwrites the server's copy with the file's newer state.
    run(&file, &["checkin", "--search", "Abebe"]);
    let replaced = run(
        &file,
        &["event", "copy", "--to", &test.uri, "--replace", "--json"],
    );
    assert!(replaced.contains("\"replaced\": true"), "{replaced}");
    assert_same_exports(&exports(&server), &exports(&file), "after --replace");
}

#[test]
fn a_servers_backup_is_a_file_that_restores_onto_the_server() {
    let Some(test) = TestDb::new() else { return };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let server = std::path::PathBuf::from(&test.uri);
    let backup = dir.path().join("backup.db");
    let run = |args: &[&str]| {
        let out = crate::plenary_at(&server, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["sample"]);
    let before = exports(&server);
    run(&["backup", "--out", backup.to_str().expect("a path")]);
    assert_same_exports(
        &exports(&backup),
        &before,
        "the backup is a store of its own",
    );
    run(&["checkin", "--search", "Guterres"]);
    assert_ne!(exports(&server), before);
    run(&["restore", backup.to_str().expect("a path"), "--yes"]);
    assert_same_exports(
        &exports(&server),
        &before,
        "the restore brings the state back",
    );
}

/// The server store at `address` with the seminar and Ana Silva in it.
/// A connection to the store at `address` and the seminar, made in it.
fn with_event(address: &std::path::Path) -> (db::Connection, plenary_core::model::EventSummary) {
    let mut conn = db::open(address).expect("the server store");
    let event =
        plenary_core::ops::create_event(&mut conn, crate::id(1), &crate::seminar(), crate::now())
            .expect("event");
    (conn, event)
}

fn with_ana(
    address: &std::path::Path,
) -> (
    db::Connection,
    plenary_core::model::EventSummary,
    plenary_core::model::Attendee,
) {
    let (mut conn, event) = with_event(address);
    let ana = crate::add(&mut conn, &event.id, &crate::person("Ana", "Silva", "BR")).expect("add");
    (conn, event, ana)
}

/// Six desks check the same person in at once: one check-in is recorded, the other five are
/// told who was first, and the log has one entry.
#[test]
fn six_simultaneous_check_ins_of_one_person_record_one() {
    let Some(test) = TestDb::new() else { return };
    let address = std::path::PathBuf::from(&test.uri);
    let (conn, event, ana) = with_ana(&address);
    let start = std::sync::Arc::new(std::sync::Barrier::new(6));
    let desks: Vec<_> = (0..6)
        .map(|_| {
            let (address, id, start) = (address.clone(), ana.id.clone(), start.clone());
            std::thread::spawn(move || {
                let mut conn = db::open(&address).expect("a desk's connection");
                start.wait();
                plenary_core::desk::check_in(&mut conn, &id, plenary_core::clock::now())
            })
        })
        .collect();
    let results: Vec<_> = desks
        .into_iter()
        .map(|d| d.join().expect("a desk's thread"))
        .collect();
    let won = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 1, "{results:?}");
    for result in &results {
        if let Err(err) = result {
            assert_eq!(crate::field_of_ref(err), "checked_in_at", "{err}");
        }
    }
    let log = plenary_core::audit::activity(&conn, &event.id, 100).expect("activity");
    let check_ins = log
        .iter()
        .filter(|e| e.summary.contains("checked_in_at"))
        .count();
    assert_eq!(check_ins, 1, "one entry in the log");
}

/// A write waits for another desk's write for at most five seconds, then says another desk
/// is busy; nothing is written.
#[test]
fn a_write_that_waits_too_long_says_another_desk_is_busy() {
    let Some(test) = TestDb::new() else { return };
    let address = std::path::PathBuf::from(&test.uri);
    let mut holder = db::open(&address).expect("the server store");
    let mut desk = db::open(&address).expect("a second desk");
    let held = holder.write_transaction().expect("the lock");
    let started = std::time::Instant::now();
    let err =
        plenary_core::ops::create_event(&mut desk, crate::id(2), &crate::seminar(), crate::now())
            .expect_err("the lock is held");
    let waited = started.elapsed();
    assert!(matches!(err, plenary_core::Error::Busy(_)), "{err:?}");
    assert_eq!(err.message().code.as_str(), "error.store_busy");
    assert!(
        waited >= std::time::Duration::from_secs(4),
        "it waited: {waited:?}"
    );
    drop(held);
    let events = plenary_core::ops::list_events(&desk).expect("events");
    assert!(events.is_empty(), "nothing was written");
    plenary_core::ops::create_event(&mut desk, crate::id(2), &crate::seminar(), crate::now())
        .expect("once the lock is free");
}

/// A desk listening on the server hears every other desk's commit, at once, and nothing while
/// nothing changes (the app's live updates).
#[test]
fn a_listener_hears_each_commit_and_nothing_else() {
    let Some(test) = TestDb::new() else { return };
    let address = std::path::PathBuf::from(&test.uri);
    let mut conn = db::open(&address).expect("the server store");
    let mut listener = server::Listener::new(&test.uri).expect("a listener");
    let quiet = std::time::Duration::from_millis(300);
    assert!(!listener.wait(quiet).expect("waits"), "nothing changed yet");
    let event =
        plenary_core::ops::create_event(&mut conn, crate::id(1), &crate::seminar(), crate::now())
            .expect("event");
    // How soon it is heard is measured by `benches/server.rs`; here the wait only keeps a
    // lost notification from hanging the test.
    assert!(
        listener
            .wait(std::time::Duration::from_secs(30))
            .expect("waits"),
        "the commit is heard"
    );
    // A read, or a write refused before it changed anything, is not a change.
    plenary_core::ops::list_events(&conn).expect("events");
    plenary_core::ops::create_event(&mut conn, crate::id(1), &crate::seminar(), crate::now())
        .expect_err("the same id again");
    assert!(!listener.wait(quiet).expect("waits"), "nothing changed");
    crate::add(&mut conn, &event.id, &crate::person("Ana", "Silva", "BR")).expect("add");
    assert!(listener
        .wait(std::time::Duration::from_secs(2))
        .expect("waits"));
}

/// A TCP proxy on the loopback between Plenary and the test server, which drops every
/// connection it carries once Plenary has sent a given number of bytes more.
struct Proxy {
    port: u16,
    /// Bytes sent towards the server so far, by every connection.
    sent: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// Past this many bytes sent, every connection is dropped.
    limit: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Proxy {
    fn new() -> Proxy {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let upstream = format!(
            "{}:{}",
            std::env::var("PGHOST").expect("PGHOST"),
            std::env::var("PGPORT").unwrap_or("5432".into())
        );
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("its address").port();
        let sent = Arc::new(AtomicUsize::new(0));
        let limit = Arc::new(AtomicUsize::new(usize::MAX));
        let (s, l) = (sent.clone(), limit.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let Ok(server) = std::net::TcpStream::connect(&upstream) else {
                    return;
                };
                let pump =
                    |mut from: std::net::TcpStream,
                     mut to: std::net::TcpStream,
                     counted: Option<(Arc<AtomicUsize>, Arc<AtomicUsize>)>| {
                        std::thread::spawn(move || {
                            use std::io::{Read, Write};
                            let mut buf = [0u8; 4096];
                            loop {
                                let n = match from.read(&mut buf) {
                                    Ok(0) | Err(_) => break,
                                    Ok(n) => n,
                                };
                                if let Some((sent, limit)) = &counted {
                                    let total = sent.fetch_add(n, Ordering::SeqCst) + n;
                                    if total > limit.load(Ordering::SeqCst) {
                                        break;
                                    }
                                }
                                if to.write_all(&buf[..n]).is_err() {
                                    break;
                                }
                            }
                            let _ = from.shutdown(std::net::Shutdown::Both);
                            let _ = to.shutdown(std::net::Shutdown::Both);
                        });
                    };
                let (c2, s2) = (
                    client.try_clone().expect("a clone"),
                    server.try_clone().expect("a clone"),
                );
                pump(client, server, Some((s.clone(), l.clone())));
                pump(s2, c2, None);
            }
        });
        Proxy { port, sent, limit }
    }

    /// The test database's address through the proxy.
    fn address(&self, test: &TestDb) -> std::path::PathBuf {
        let user = std::env::var("PGUSER").unwrap_or("postgres".into());
        std::path::PathBuf::from(format!(
            "postgresql://{user}@127.0.0.1:{}/{}",
            self.port, test.name
        ))
    }

    /// Drops every connection once `more` bytes more have been sent.
    fn cut_after(&self, more: usize) {
        use std::sync::atomic::Ordering;
        let now = self.sent.load(Ordering::SeqCst);
        self.limit.store(now + more, Ordering::SeqCst);
    }
}

/// The connection drops in the middle of an import and of a check-in: the server holds all
/// or nothing of each, and the error says the connection was lost.
#[test]
fn a_connection_that_drops_mid_change_loses_that_change_only() {
    let Some(test) = TestDb::new() else { return };
    let direct = std::path::PathBuf::from(&test.uri);
    let (mut conn, _event, ana) = with_ana(&direct);
    let people = |conn: &db::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM attendee", [], |r| r.get(0))
            .expect("count")
    };

    // An import of 2,000 people, cut after about a third of its rows were sent.
    let dir = tempfile::tempdir().expect("a folder");
    let csv = dir.path().join("people.csv");
    crate::crash::attendee_csv(&csv, 2000);
    let proxy = Proxy::new();
    let through = proxy.address(&test);
    // The connection and the migration check pass first; then the limit is set.
    let opened = db::open(&through).expect("through the proxy");
    drop(opened);
    proxy.cut_after(150_000);
    let out = crate::plenary_at(
        &through,
        &["import", "attendees", csv.to_str().expect("a path")],
    );
    assert_eq!(out.status.code(), Some(1), "the import fails");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("connection to the server was lost"), "{err}");
    assert!(
        proxy.sent.load(std::sync::atomic::Ordering::SeqCst) > 150_000,
        "the cut came in the middle of the import"
    );
    assert_eq!(people(&conn), 1, "none of the import was kept");

    // A check-in, cut after its first statements reached the server.
    let proxy = Proxy::new();
    let mut desk = db::open(&proxy.address(&test)).expect("through the proxy");
    proxy.cut_after(200);
    let err = plenary_core::desk::check_in(&mut desk, &ana.id, crate::now())
        .expect_err("the connection drops");
    assert!(
        matches!(err, plenary_core::Error::Disconnected(_)),
        "{err:?}"
    );
    assert_eq!(err.message().code.as_str(), "error.server_connection_lost");
    let stored = plenary_core::ops::get_attendee(&conn, &ana.id).expect("Ana");
    assert_eq!(stored.checked_in_at, None, "the check-in was not kept");
    // The server is fine, and the same check-in on a good connection works.
    plenary_core::desk::check_in(&mut conn, &ana.id, crate::now()).expect("checked in");
    assert_eq!(people(&conn), 1);
}

/// Six desks sign one person up for the site visit at once: one sign-up, no error. (Over
/// capacity is a warning by design, so there is no "last seat" to race for; the sign-up row
/// itself is what two desks could write twice.)
#[test]
fn six_simultaneous_sign_ups_of_one_person_record_one() {
    use plenary_core::schedule::model::{SessionInput, SessionType};
    let Some(test) = TestDb::new() else { return };
    let address = std::path::PathBuf::from(&test.uri);
    let (mut conn, event, ana) = with_ana(&address);
    let visit = plenary_core::schedule::ops::add_session(
        &mut conn,
        &event.id,
        crate::id(2),
        &SessionInput {
            title: "Site visit".into(),
            kind: SessionType::SiteVisit,
            start: "2024-09-04 14:00".into(),
            end: "2024-09-04 17:30".into(),
            room_id: None,
            description: String::new(),
            capacity: Some(1),
            track: String::new(),
        },
        crate::now(),
    )
    .expect("the visit");
    let start = std::sync::Arc::new(std::sync::Barrier::new(6));
    let desks: Vec<_> = (0..6)
        .map(|_| {
            let (address, session, person, start) = (
                address.clone(),
                visit.id.clone(),
                ana.id.clone(),
                start.clone(),
            );
            std::thread::spawn(move || {
                let mut conn = db::open(&address).expect("a desk's connection");
                start.wait();
                plenary_core::schedule::ops::sign_up(&mut conn, &session, &person, crate::now())
                    .map(|_| ())
            })
        })
        .collect();
    for desk in desks {
        desk.join().expect("a desk's thread").expect("signed up");
    }
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM signup", [], |r| r.get(0))
        .expect("count");
    assert_eq!(rows, 1);
}

/// An import of 2,000 people while another desk checks 20 people in: both complete, and
/// nothing of either is lost.
#[test]
fn an_import_and_check_ins_at_another_desk_both_complete() {
    let Some(test) = TestDb::new() else { return };
    let address = std::path::PathBuf::from(&test.uri);
    let (mut conn, event) = with_event(&address);
    let people: Vec<String> = (0..20)
        .map(|i| {
            crate::add(
                &mut conn,
                &event.id,
                &crate::person("Desk", &format!("Early{i}"), "KE"),
            )
            .expect("add")
            .id
        })
        .collect();
    let dir = tempfile::tempdir().expect("a folder");
    let csv = dir.path().join("people.csv");
    crate::crash::attendee_csv(&csv, 2000);
    let importer = {
        let (address, csv) = (address.clone(), csv.clone());
        std::thread::spawn(move || {
            crate::plenary_at(
                &address,
                &["import", "attendees", csv.to_str().expect("a path")],
            )
        })
    };
    let mut desk = db::open(&address).expect("a desk");
    for id in &people {
        plenary_core::desk::check_in(&mut desk, id, crate::now()).expect("checked in");
    }
    let out = importer.join().expect("the import's thread");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts = plenary_core::desk::desk_counts(&conn, &event.id).expect("counts");
    assert_eq!(counts.expected, 2020, "{counts:?}");
    assert_eq!(counts.arrived, 20, "{counts:?}");
}

/// Whether the connection to `address` is encrypted, as the server sees it.
fn encrypted(address: &str) -> bool {
    let mut client = server::connect(address).unwrap_or_else(|e| panic!("{address}: {e}"));
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .expect("the connection's TLS state")
        .get(0)
}

#[test]
fn tls_is_used_when_offered_and_each_sslmode_checks_what_libpq_checks() {
    let Some(test) = TestDb::new() else { return };
    let mut admin = test.client();
    let show = |client: &mut Client, name: &str| -> String {
        client
            .query_one(&format!("SHOW {name}"), &[])
            .expect(name)
            .get(0)
    };
    // Debian's clusters (pg_virtualenv's among them) offer TLS with a self-signed certificate
    // for "localhost"; this test needs a server that offers TLS.
    assert_eq!(
        show(&mut admin, "ssl"),
        "on",
        "the test server must offer TLS"
    );
    let certificate = show(&mut admin, "ssl_cert_file");
    let host = std::env::var("PGHOST").expect("PGHOST");
    let with = |params: &str| format!("{} {params}", test.address);

    assert!(encrypted(&test.address), "prefer, the default, takes TLS");
    assert!(!encrypted(&with("sslmode=disable")));
    assert!(encrypted(&with("sslmode=require")));
    assert!(encrypted(&format!("{}?sslmode=require", test.uri)));

    // Debian puts its self-signed certificate among the system's roots (/etc/ssl/certs), so
    // verify-full with the system's roots passes here.
    assert!(
        encrypted(&with("sslmode=verify-full")),
        "the system's roots include Debian's own certificate"
    );
    // With it as the root, verify-ca passes whatever the host is called, and verify-full
    // passes for the name it carries and no other.
    let root = format!("sslrootcert='{certificate}'");
    assert!(encrypted(&with(&format!("sslmode=verify-ca {root}"))));
    let by_name = test
        .address
        .replace(&format!("host={host}"), "host=localhost");
    assert!(encrypted(&format!("{by_name} sslmode=verify-full {root}")));
    let by_number = test
        .address
        .replace(&format!("host={host}"), "host=127.0.0.1");
    assert!(encrypted(&format!("{by_number} sslmode=verify-ca {root}")));
    let (field, text) = refusal(&format!("{by_number} sslmode=verify-full {root}"));
    assert_eq!(field, "db", "{text}");
    assert!(text.contains("TLS"), "{text}");

    // A root that did not sign the server's certificate: verify-full and verify-ca refuse,
    // and so does require with a root file (libpq's rule).
    let dir = tempfile::tempdir().expect("a folder");
    let other = dir.path().join("other.pem");
    let made = std::process::Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=Another CA", "-keyout"])
        .arg(dir.path().join("other.key"))
        .arg("-out")
        .arg(&other)
        .output()
        .expect("openssl makes a certificate");
    assert!(made.status.success(), "{made:?}");
    for mode in ["verify-full", "verify-ca", "require"] {
        let (field, text) = refusal(&with(&format!(
            "sslmode={mode} sslrootcert='{}'",
            other.display()
        )));
        assert_eq!(field, "db", "{mode}: {text}");
        assert!(
            text.contains("TLS") && text.contains("UnknownIssuer"),
            "{mode}: says the certificate's issuer is unknown: {text}"
        );
    }
}

/// A bulk import into a server goes in by one COPY: the event's revision moves once (its
/// statement trigger), the log holds every new row whole under the import's one entry (opened
/// before the COPY, so nothing is left to seal), and one undo takes the import back.
#[test]
fn a_bulk_import_on_a_server_is_one_copy_logged_row_by_row_and_undone_whole() {
    let Some(test) = TestDb::new() else { return };
    let address = std::path::PathBuf::from(&test.uri);
    let (conn, event) = with_event(&address);
    let mut admin = test.client();
    let revision = |admin: &mut Client| -> i64 {
        admin
            .query_one("SELECT revision FROM event", &[])
            .expect("the event")
            .get(0)
    };
    let before = revision(&mut admin);
    let dir = tempfile::tempdir().expect("a folder");
    let csv = dir.path().join("people.csv");
    crate::crash::attendee_csv(&csv, 1500);
    let out = crate::plenary_at(
        &address,
        &["import", "attendees", csv.to_str().expect("a path")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        revision(&mut admin),
        before + 1,
        "one statement wrote the rows (row by row, the revision would move 1,500 times)"
    );
    let logged: i64 = admin
        .query_one(
            "SELECT count(*) FROM change_row
             WHERE tbl = 'attendee' AND old IS NULL AND new LIKE '%\"given_name\"%'",
            &[],
        )
        .expect("the log")
        .get(0);
    assert_eq!(logged, 1500, "each new row logged whole");
    let (entries, unsealed): (i64, i64) = {
        let row = admin
            .query_one(
                "SELECT count(DISTINCT entry_id), count(*) - count(entry_id)
                 FROM change_row WHERE tbl = 'attendee'",
                &[],
            )
            .expect("the log");
        (row.get(0), row.get(1))
    };
    assert_eq!(
        (entries, unsealed),
        (1, 0),
        "every row of the import names its one entry"
    );
    let summary: String = admin
        .query_one(
            "SELECT summary FROM change_entry ORDER BY id DESC LIMIT 1",
            &[],
        )
        .expect("the entry")
        .get(0);
    assert_eq!(summary, "Imported 1500 attendees (0 updated)");
    let counts = plenary_core::desk::desk_counts(&conn, &event.id).expect("counts");
    assert_eq!(counts.expected, 1500, "{counts:?}");

    let out = crate::plenary_at(&address, &["undo", "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts = plenary_core::desk::desk_counts(&conn, &event.id).expect("counts");
    assert_eq!(
        counts.expected, 0,
        "the undo took every row back: {counts:?}"
    );
}

/// Six desks register six people with one email address at once: one is registered, and each
/// of the other five is told, on the email field, who has that address already.
#[test]
fn six_simultaneous_registrations_with_one_email_record_one() {
    let Some(test) = TestDb::new() else { return };
    let address = std::path::PathBuf::from(&test.uri);
    let (conn, event) = with_event(&address);
    let start = std::sync::Arc::new(std::sync::Barrier::new(6));
    let desks: Vec<_> = (0..6)
        .map(|i| {
            let (address, event, start) = (address.clone(), event.id.clone(), start.clone());
            std::thread::spawn(move || {
                let mut conn = db::open(&address).expect("a desk's connection");
                let person = plenary_core::model::AttendeeInput {
                    email: "walk.in@example.org".into(),
                    ..crate::person(&format!("Desk{i}"), "Walk-in", "KE")
                };
                start.wait();
                crate::add(&mut conn, &event, &person).map(|_| ())
            })
        })
        .collect();
    let results: Vec<_> = desks
        .into_iter()
        .map(|d| d.join().expect("a desk's thread"))
        .collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    for refused in results.iter().filter_map(|r| r.as_ref().err()) {
        let plenary_core::Error::Validation(fields) = refused else {
            panic!("a field error, not {refused:?}");
        };
        assert_eq!(fields[0].field, "email", "{fields:?}");
    }
    let people: i64 = conn
        .query_row("SELECT count(*) FROM attendee", [], |r| r.get(0))
        .expect("count");
    assert_eq!(people, 1);
}

/// A desk's role does at the desk, and replays, what a desk may: a walk-in (one INSERT that
/// arrives checked in, as the server's row rule wants), its cache made from what it may read,
/// its offline check-ins, walk-ins and attendance sent, a clash written for review and settled.
#[test]
fn a_desk_role_adds_walk_ins_and_replays_its_offline_queue() {
    let Some(test) = TestDb::new() else { return };
    let address = std::path::PathBuf::from(&test.uri);
    let (mut owner, event, ana) = with_ana(&address);
    let rui = crate::add(&mut owner, &event.id, &crate::person("Rui", "Costa", "BR")).expect("rui");
    let session = plenary_core::schedule::ops::add_session(
        &mut owner,
        &event.id,
        uuid::Uuid::now_v7(),
        &crate::opening(),
        crate::now(),
    )
    .expect("a session");
    let mut admin = test.client();
    admin
        .batch_execute(
            "DO $$ BEGIN CREATE ROLE plenary_test_desk3 LOGIN PASSWORD 'desk-pass';
             EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
        )
        .expect("a desk role");
    server::grant_desk(&mut admin, "plenary_test_desk3").expect("granted");
    let user = std::env::var("PGUSER").unwrap_or("postgres".into());
    let desk_uri = test
        .uri
        .replacen(&format!("//{user}@"), "//plenary_test_desk3:desk-pass@", 1);
    let mut desk = db::open(std::path::Path::new(&desk_uri)).expect("the desk opens the store");

    let walked = plenary_core::desk::register_walk_in(
        &mut desk,
        &event.id,
        uuid::Uuid::now_v7(),
        &crate::person("Amina", "Belkacem", "DZ"),
        crate::now(),
    )
    .expect("the desk's role adds a walk-in");
    assert!(walked.checked_in_at.is_some());

    let dir = tempfile::tempdir().expect("a folder");
    let mut cache = plenary_core::offline::Cache::open(&dir.path().join("desk.db"), &desk_uri)
        .expect("a cache");
    cache
        .refresh(&desk, &event.id, crate::now())
        .expect("the desk's role copies what it may read");
    let at = crate::now() + chrono::Duration::minutes(5);
    let id = uuid::Uuid::now_v7;
    cache
        .check_in("Desk 3", id(), &ana.id, at)
        .expect("offline");
    cache
        .check_in("Desk 3", id(), &rui.id, at)
        .expect("offline");
    cache
        .register_walk_in(
            "Desk 3",
            id(),
            &event.id,
            id(),
            &crate::person("Li", "Wei", "CN"),
            at,
        )
        .expect("offline walk-in");
    cache
        .mark_attendance("Desk 3", id(), &session.id, &ana.id, true, at)
        .expect("offline attendance");
    // Rui is checked in online meanwhile: the replay's check-in clashes.
    plenary_core::desk::check_in(&mut owner, &rui.id, crate::now()).expect("online");
    let report = plenary_core::offline::sync(&mut desk, &mut cache, at).expect("sent by the desk");
    assert_eq!(
        (report.applied, report.review.len(), report.pending),
        (3, 1, 0)
    );
    let left = plenary_core::offline::resolve_review(&mut desk, &report.review[0].id, true, at)
        .expect("the desk's role settles the clash");
    assert!(left.is_empty());
    let rui_now = plenary_core::ops::get_attendee(&owner, &rui.id).expect("rui");
    assert_eq!(
        rui_now.checked_in_at,
        Some(plenary_core::clock::timestamp(at)),
        "accepted: the later desk's time"
    );
}
