//! The `plenary` binary as scripts use it: its flags, output, JSON keys and exit codes are a
//! contract. The shape of each `--json` output is pinned by snapshots in `cli/json.rs`.

mod json;

use crate::Store;
use serde_json::Value;
use std::process::Output;

fn plenary(store: &Store, args: &[&str]) -> Output {
    crate::plenary_at(&store.path(), args)
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn events_and_attendees_through_the_cli() {
    let store = Store::default();
    let id = stdout(&plenary(
        &store,
        &[
            "event",
            "create",
            "--name",
            "Seminar",
            "--start",
            "2024-09-03",
            "--end",
            "2024-09-06",
            "--timezone",
            "Asia/Shanghai",
            "--venue",
            "Hall A",
        ],
    ));
    let id = id.trim();
    assert_eq!(id.len(), 36, "prints the new id alone: {id:?}");
    assert_eq!(&id[14..15], "7", "ids are UUID v7");

    let events: Value =
        serde_json::from_str(&stdout(&plenary(&store, &["event", "list", "--json"])))
            .expect("JSON");
    assert_eq!(events[0]["id"], id);
    assert_eq!(events[0]["venue"], "Hall A");

    let person = stdout(&plenary(
        &store,
        &[
            "attendee",
            "add",
            "--given-name",
            "伟",
            "--family-name",
            "张",
            "--name-order",
            "family-first",
            "--country",
            "cn",
            "--email",
            "wei@example.org",
            "--languages",
            "zh,en",
        ],
    ));
    assert_eq!(person.trim().len(), 36, "prints the new attendee id");

    let list: Value = serde_json::from_str(&stdout(&plenary(
        &store,
        &["attendee", "list", "--search", "zhang", "--json"],
    )))
    .expect("JSON");
    let keys: Vec<&str> = list[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "id",
        "honorific",
        "given_name",
        "family_name",
        "name_order",
        "country",
        "organization",
        "position",
        "category",
        "email",
        "phone",
        "languages",
        "dietary",
        "accessibility",
        "notes",
    ] {
        assert!(
            keys.contains(&key),
            "the JSON has the contract key {key}: {keys:?}"
        );
    }
    assert_eq!(list[0]["family_name"], "张");
    assert_eq!(list[0]["country"], "CN");
    assert_eq!(list[0]["name_order"], "family_first");
    assert_eq!(list[0]["languages"], serde_json::json!(["zh", "en"]));

    let by_country: Value = serde_json::from_str(&stdout(&plenary(
        &store,
        &["attendee", "list", "--country", "BR", "--json"],
    )))
    .expect("JSON");
    assert_eq!(
        by_country,
        serde_json::json!([]),
        "the country filter excludes China"
    );
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_exit() {
    let store = Store::default();
    let out = plenary(&store, &["attendee", "list"]);
    assert!(!out.status.success(), "no event yet is an error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("plenary sample"),
        "the message says what to do: {err}"
    );

    stdout(&plenary(
        &store,
        &[
            "event",
            "create",
            "--name",
            "S",
            "--start",
            "2024-09-03",
            "--end",
            "2024-09-06",
            "--timezone",
            "Asia/Shanghai",
        ],
    ));
    let out = plenary(
        &store,
        &[
            "attendee",
            "add",
            "--given-name",
            "X",
            "--family-name",
            "",
            "--country",
            "XX",
            "--email",
            "nope",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "invalid input exits 1");
    let err = String::from_utf8_lossy(&out.stderr);
    for field in ["family_name:", "country:", "email:"] {
        assert!(err.contains(field), "stderr names {field}: {err}");
    }
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");

    let bad_zone = plenary(
        &store,
        &[
            "event",
            "create",
            "--name",
            "S",
            "--start",
            "2024-09-03",
            "--end",
            "2024-09-06",
            "--timezone",
            "Mars/Olympus",
        ],
    );
    assert_eq!(bad_zone.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_zone.stderr).contains("timezone"));

    let usage = plenary(&store, &["attendee", "frobnicate"]);
    assert_eq!(usage.status.code(), Some(2), "a usage error exits 2");
}

#[test]
fn destructive_commands_need_yes_without_a_terminal() {
    let store = Store::default();
    stdout(&plenary(&store, &["sample"]));
    let list: Value = serde_json::from_str(&stdout(&plenary(
        &store,
        &["attendee", "list", "--search", "guterres", "--json"],
    )))
    .expect("JSON");
    let id = list[0]["id"]
        .as_str()
        .expect("Guterres is in the sample")
        .to_owned();
    let refused = plenary(&store, &["attendee", "delete", &id]);
    assert!(
        !refused.status.success(),
        "no terminal and no --yes: refused"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    stdout(&plenary(&store, &["attendee", "delete", &id, "--yes"]));
    let after: Value = serde_json::from_str(&stdout(&plenary(
        &store,
        &["attendee", "list", "--search", "guterres", "--json"],
    )))
    .expect("JSON");
    assert_eq!(after, serde_json::json!([]), "deleted with --yes");
}

#[test]
fn the_sample_command_is_idempotent() {
    let store = Store::default();
    let first = stdout(&plenary(&store, &["sample"]));
    assert!(first.starts_with("Loaded"), "{first}");
    let second = stdout(&plenary(&store, &["sample"]));
    assert!(second.starts_with("Already loaded"), "{second}");
    let events: Value =
        serde_json::from_str(&stdout(&plenary(&store, &["event", "list", "--json"])))
            .expect("JSON");
    assert_eq!(events.as_array().map(Vec::len), Some(1));
}

#[test]
fn an_address_never_becomes_a_folder_and_an_unknown_scheme_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // A server's address is a server's, even when nothing answers there (port 1 on the
    // loopback refuses at once); another scheme is refused by name.
    let server = "postgresql://organiser:s3cret@127.0.0.1:1/seminar";
    let other = "mysql://organiser:s3cret@db.example.org/seminar";
    for (address, expected) in [(server, "127.0.0.1:1"), (other, "“mysql://…”")] {
        for (flag, env) in [(Some(address), None), (None, Some(address))] {
            for args in [&["sample"][..], &["restore", "backup.db", "--yes"][..]] {
                let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"));
                command
                    .current_dir(dir.path())
                    .env_remove("PLENARY_DB")
                    .env_remove("PGPASSWORD")
                    .stdin(std::process::Stdio::null());
                if let Some(db) = flag {
                    command.args(["--db", db]);
                }
                if let Some(db) = env {
                    command.env("PLENARY_DB", db);
                }
                let out = command
                    .args(args)
                    .output()
                    .expect("the plenary binary runs");
                assert_eq!(out.status.code(), Some(1), "{args:?} is refused");
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(
                    err.contains("error: db: ") && err.contains(expected),
                    "the error names the field and what to fix: {err}"
                );
                assert!(!err.contains("s3cret"), "never the password: {err}");
                let left: Vec<_> = std::fs::read_dir(dir.path())
                    .expect("the folder reads")
                    .collect();
                assert!(left.is_empty(), "nothing was created: {left:?}");
            }
        }
    }
    // A path with "://" that is not a scheme stays a path.
    let odd = dir.path().join("a b://c").join("plenary.db");
    let out = crate::plenary_at(&odd, &["sample"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `sync`'s contract: its JSON keys, its line of text, and (on a server) the desk's cache it
/// leaves up to date; with nothing queued it sends nothing.
#[test]
fn sync_prints_its_four_counts_and_sends_nothing_when_nothing_waits() {
    let store = Store::default();
    let out = plenary(&store, &["sample"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cache = store.dir.path().join("desk.cache.db");
    let cache = cache.to_str().expect("a path");
    let out = plenary(&store, &["--cache", cache, "sync", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(
        report,
        serde_json::json!({ "applied": 0, "already_applied": 0, "review": [], "pending": 0 })
    );
    let out = plenary(&store, &["sync", "--cache", cache]);
    assert_eq!(
        stdout(&out).trim(),
        "sync: 0 sent, 0 already applied, 0 to review, 0 waiting"
    );
    // On a server the desk's cache now holds the event, ready for the server to go away.
    assert_eq!(
        std::path::Path::new(cache).exists(),
        !store.is_file(),
        "a cache is made for a server, never for a file"
    );
}

/// The offline contract: with the server unreachable, `attendee list` answers from the desk's
/// cache and `checkin` queues, both exit 0 and say so on stderr; `sync` fails (exit 1), and a
/// machine without a cache says it has no copy.
#[test]
fn offline_the_list_answers_from_the_cache_and_a_check_in_is_queued() {
    let mut store = Store::default();
    plenary_core::sample::load(&mut store.conn, crate::now(), uuid::Uuid::now_v7).expect("sample");
    let event = plenary_core::ops::list_events(&store.conn).expect("events")[0]
        .id
        .clone();
    let cache = crate::offline::cache_for_a_dead_server(&store, &event);
    let cache = cache.to_str().expect("a path");
    let dead = std::path::Path::new(crate::offline::DEAD_SERVER);
    let run = |args: &[&str]| crate::plenary_at(dead, &[&["--cache", cache], args].concat());

    let out = run(&["attendee", "list", "--search", "guterres", "--json"]);
    let list: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("offline") && said.contains("2024-08-01T09:30:00.000Z"),
        "stderr says offline and since when: {said}"
    );

    let out = run(&["checkin", "--search", "guterres"]);
    assert!(stdout(&out).starts_with("Checked in"), "{}", stdout(&out));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("queued") && said.contains("1 waiting"),
        "{said}"
    );

    let out = run(&["checkin", "--search", "guterres"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "checked in already, offline too"
    );
    let out = run(&["sync", "--json"]);
    assert_eq!(out.status.code(), Some(1), "sync needs the server");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot be reached"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let none = store.dir.path().join("no-cache-here.db");
    let out = crate::plenary_at(
        dead,
        &[
            "--cache",
            none.to_str().expect("a path"),
            "attendee",
            "list",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no copy of the event"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
