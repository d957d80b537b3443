//! What `--json` prints, pinned by insta snapshots (in `snapshots/`) over the sample seminar.
//!
//! A snapshot holds every key and every value, so a renamed, removed or retyped key fails its
//! test. What differs between runs is redacted: the UUID v7 ids wherever they stand (also
//! inside other objects and inside a warning's key), and the audit log's time and OS user.
//! `PLENARY_NOW` fixes every other time. Each test has its own store, so they run in parallel.
//!
//! Plain `cargo test` checks the snapshots and fails on a difference (and on a missing
//! snapshot); `cargo insta review`, or a run with `INSTA_UPDATE=always`, writes new ones, which
//! are reviewed and committed with the change that made them.

use crate::{plenary_command, Store};
use insta::internals::{Content, ContentPath};
use serde_json::Value;

/// The instant every command runs at, so that created and updated times are the same each run.
const NOW: &str = "2024-08-01T09:30:00Z";

/// The keys that hold one id, in the listings that have them.
const EVENT_IDS: &[&str] = &["[].id"];
const ATTENDEE_IDS: &[&str] = &["[].id", "[].event_id"];
const ROOM_IDS: &[&str] = &["[].id", "[].event_id"];
const SESSION_IDS: &[&str] = &["[].id", "[].room_id", "[].speakers[].person_id"];
const WARNING_IDS: &[&str] = &["[].sessions[]", "[].people[]"];

#[test]
fn event_list() {
    let store = sample();
    let events = json_of(&store, &["event", "list", "--json"], 0);
    settings(EVENT_IDS).bind(|| insta::assert_json_snapshot!("event_list", events));
}

#[test]
fn attendee_list() {
    let store = sample();
    let people = json_of(&store, &["attendee", "list", "--json"], 0);
    assert_eq!(
        people.as_array().map(Vec::len),
        Some(123),
        "the whole sample is listed"
    );
    settings(ATTENDEE_IDS).bind(|| insta::assert_json_snapshot!("attendee_list", people));
}

#[test]
fn attendee_list_search() {
    // "ozturk" finds Çağlar Öztürk: the search folds case and accents.
    let store = sample();
    let people = json_of(
        &store,
        &["attendee", "list", "--search", "ozturk", "--json"],
        0,
    );
    settings(ATTENDEE_IDS).bind(|| insta::assert_json_snapshot!("attendee_list_search", people));
}

#[test]
fn room_list() {
    let store = sample();
    let rooms = json_of(&store, &["room", "list", "--json"], 0);
    settings(ROOM_IDS).bind(|| insta::assert_json_snapshot!("room_list", rooms));
}

#[test]
fn session_list() {
    let store = sample();
    let sessions = json_of(&store, &["session", "list", "--json"], 0);
    settings(SESSION_IDS).bind(|| insta::assert_json_snapshot!("session_list", sessions));
}

#[test]
fn session_list_day() {
    let store = sample();
    let sessions = json_of(
        &store,
        &["session", "list", "--day", "2024-09-04", "--json"],
        0,
    );
    settings(SESSION_IDS).bind(|| insta::assert_json_snapshot!("session_list_day", sessions));
}

#[test]
fn check() {
    // The sample has no conflicts, so the test makes two, one warning of each kind (warnings
    // of one kind are sorted by their key, which holds random ids): a side meeting in Meeting
    // Room A during the machine-learning lecture, and one lecturer in both.
    let store = sample();
    let none = json_of(&store, &["check", "--json"], 0);
    assert_eq!(none, serde_json::json!([]), "the sample has no conflicts");
    let sessions = json_of(
        &store,
        &["session", "list", "--day", "2024-09-03", "--json"],
        0,
    );
    let lecture = sessions
        .as_array()
        .and_then(|list| {
            list.iter()
                .find(|s| s["title"] == "Machine learning foundations for policy makers")
        })
        .and_then(|s| s["id"].as_str())
        .expect("the sample has the lecture")
        .to_owned();
    let side = text_of(
        &store,
        &[
            "session",
            "add",
            "--title",
            "Side meeting",
            "--type",
            "lecture",
            "--start",
            "2024-09-03 14:00",
            "--end",
            "2024-09-03 15:00",
            "--room",
            "Meeting Room A",
        ],
    );
    let person = ozturk(&store);
    for session in [&lecture, &side] {
        text_of(
            &store,
            &[
                "assign",
                "--session",
                session,
                "--person",
                &person,
                "--role",
                "lecturer",
            ],
        );
    }
    let warnings = json_of(&store, &["check", "--json"], 3);
    let mut settings = settings(WARNING_IDS);
    settings.add_redaction("[].key", insta::dynamic_redaction(ids_within));
    settings.bind(|| insta::assert_json_snapshot!("check", warnings));
}

#[test]
fn activity() {
    // A deletion with a reason, then its undo, so that every flag of an entry is shown set.
    let store = sample();
    let person = ozturk(&store);
    text_of(
        &store,
        &[
            "attendee",
            "delete",
            &person,
            "--yes",
            "--reason",
            "Sent regrets",
        ],
    );
    text_of(&store, &["undo", "--yes"]);
    let activity = json_of(&store, &["activity", "--json"], 0);
    let mut settings = settings(&[]);
    settings.add_redaction("[].at", insta::dynamic_redaction(instant));
    settings.add_redaction("[].actor", insta::dynamic_redaction(actor));
    settings.bind(|| insta::assert_json_snapshot!("activity", activity));
}

/// The sample seminar in a fresh store of its own.
fn sample() -> Store {
    let store = Store::default();
    text_of(&store, &["sample"]);
    store
}

/// The id of Çağlar Öztürk, a sample attendee.
fn ozturk(store: &Store) -> String {
    let found = json_of(
        store,
        &["attendee", "list", "--search", "ozturk", "--json"],
        0,
    );
    found[0]["id"]
        .as_str()
        .expect("Öztürk is in the sample")
        .to_owned()
}

/// Runs `plenary` at [`NOW`], checks that it succeeds, and returns what it printed, trimmed.
fn text_of(store: &Store, args: &[&str]) -> String {
    let out = plenary_command(&store.path())
        .env("PLENARY_NOW", NOW)
        .args(args)
        .output()
        .expect("the plenary binary runs");
    assert!(
        out.status.success(),
        "`plenary {}` succeeds; stderr: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Runs `plenary` at [`NOW`], checks that it exits with `code`, and reads what it printed.
fn json_of(store: &Store, args: &[&str], code: i32) -> Value {
    let out = plenary_command(&store.path())
        .env("PLENARY_NOW", NOW)
        .args(args)
        .output()
        .expect("the plenary binary runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "`plenary {}` exits {code}; stderr: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

/// The snapshot settings with each of `ids` redacted by [`id`].
fn settings(ids: &[&str]) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    for selector in ids {
        settings.add_redaction(selector, insta::dynamic_redaction(id));
    }
    settings
}

/// Redacts an id, which must be a UUID v7. A null stays null, so that, say, a session without
/// a room still shows as one.
fn id(value: Content, path: ContentPath<'_>) -> Content {
    match value.resolve_inner() {
        Content::Unit | Content::None => value,
        other => {
            let text = other.as_str().unwrap_or_default();
            assert!(is_uuid_v7(text), "{path} holds a UUID v7, not {other:?}");
            Content::from("[uuid]".to_owned())
        }
    }
}

/// Redacts each UUID v7 inside a text, such as a warning's key made of the ids it concerns.
fn ids_within(value: Content, path: ContentPath<'_>) -> Content {
    let text = value.as_str().unwrap_or_else(|| panic!("{path} is text"));
    let mut redacted = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if rest.len() >= 36 && rest.is_char_boundary(36) && is_uuid_v7(&rest[..36]) {
            redacted.push_str("[uuid]");
            rest = &rest[36..];
        } else if let Some(c) = rest.chars().next() {
            redacted.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Content::from(redacted)
}

/// Redacts the time of an audit entry, which must be RFC 3339 in UTC. The audit log reads
/// the system clock when it seals a change, so `PLENARY_NOW` does not fix it.
fn instant(value: Content, path: ContentPath<'_>) -> Content {
    let text = value.as_str().unwrap_or_default();
    assert!(
        chrono::DateTime::parse_from_rfc3339(text).is_ok_and(|t| t.offset().local_minus_utc() == 0),
        "{path} is an RFC 3339 instant in UTC, not {value:?}"
    );
    Content::from("[instant]".to_owned())
}

/// Redacts the OS user, which differs between machines; it must be some name.
fn actor(value: Content, path: ContentPath<'_>) -> Content {
    let text = value.as_str().unwrap_or_default();
    assert!(!text.is_empty(), "{path} names the OS user, not {value:?}");
    Content::from("[OS user]".to_owned())
}

fn is_uuid_v7(text: &str) -> bool {
    text.len() == 36 && uuid::Uuid::try_parse(text).is_ok_and(|u| u.get_version_num() == 7)
}
