//! The desk without its server (`plenary_core::offline`): a cache per desk, actions queued
//! offline, and the replay that applies each once. The store the caches are made from is the
//! suite's store (a file, or a database on the test server with PLENARY_TEST_ENGINE=postgres):
//! the replay runs through the same verbs on either. The server really stopping and starting
//! is `scripts/offline-desk-test.sh`'s part.

use crate::{add, now, person, store_with_event, Store};
use chrono::{DateTime, Duration, Utc};
use plenary_core::model::AttendeeInput;
use plenary_core::offline::{self, Cache, SyncReport};
use plenary_core::schedule::ops as sched;
use plenary_core::{desk, ops, Error};
use std::path::PathBuf;
use uuid::Uuid;

fn at(minutes: i64) -> DateTime<Utc> {
    now() + Duration::minutes(minutes)
}

fn stamp(minutes: i64) -> String {
    plenary_core::clock::timestamp(at(minutes))
}

/// A desk's cache of the store's event, up to date, in the store's temporary folder.
fn desk_cache(store: &Store, event: &str, name: &str) -> (Cache, PathBuf) {
    let path = store.dir.path().join(format!("{name}.cache.db"));
    let mut cache = Cache::open(&path, &store.path().display().to_string()).expect("the cache");
    assert!(
        cache.refresh(&store.conn, event, now()).expect("copied"),
        "a new cache copies the event"
    );
    (cache, path)
}

/// A store with an event and Ana in it, and desk A's cache holding her check-in made offline
/// at `at(5)`, queued and not sent: where most of these tests begin.
struct Queued {
    store: Store,
    event: String,
    ana: plenary_core::model::Attendee,
    cache: Cache,
    path: PathBuf,
}

fn ana_queued_at_desk_a() -> Queued {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("ana");
    let (mut cache, path) = desk_cache(&store, &event, "a");
    cache
        .check_in("Desk A", Uuid::now_v7(), &ana.id, at(5))
        .expect("offline");
    Queued {
        store,
        event,
        ana,
        cache,
        path,
    }
}

fn checked_in_at(store: &Store, id: &str) -> Option<String> {
    ops::get_attendee(&store.conn, id)
        .expect("the attendee")
        .checked_in_at
}

fn sync(store: &mut Store, cache: &mut Cache, minutes: i64) -> SyncReport {
    offline::sync(&mut store.conn, cache, at(minutes)).expect("the queue is sent")
}

#[test]
fn the_cache_holds_the_desks_lists_and_a_check_in_there_waits_in_its_queue() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("ana");
    plenary_core::sensitive::set(
        &mut store.conn,
        &ana.id,
        &plenary_core::sensitive::SensitiveData {
            passport_number: "X1234567".into(),
            date_of_birth: "1980-01-02".into(),
        },
        now(),
    )
    .expect("a passport number");
    let (mut cache, _) = desk_cache(&store, &event, "a");
    let found = ops::list_attendees(
        cache.conn(),
        &event,
        &plenary_core::model::AttendeeFilter {
            search: Some("silva".into()),
            ..Default::default()
        },
    )
    .expect("the same search");
    assert_eq!(found.len(), 1);
    let passports: i64 = cache
        .conn()
        .query_row("SELECT count(*) FROM attendee_sensitive", [], |r| r.get(0))
        .expect("counted");
    assert_eq!(passports, 0, "no passport number reaches a desk's cache");

    let checked = cache
        .check_in("Desk A", Uuid::now_v7(), &ana.id, at(5))
        .expect("offline");
    assert_eq!(checked.checked_in_at, Some(stamp(5)));
    assert_eq!(checked_in_at(&store, &ana.id), None, "nothing sent yet");
    let queued = cache.pending().expect("the queue");
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].desk, "Desk A");
    assert_eq!(queued[0].at, stamp(5));
    assert_eq!(
        Uuid::parse_str(&queued[0].id)
            .expect("a UUID")
            .get_version_num(),
        7
    );
    assert!(
        !cache.refresh(&store.conn, &event, at(6)).expect("kept"),
        "a cache with actions waiting is not copied over"
    );
    assert_eq!(cache.info().expect("info").refreshed_at, stamp(0));
}

#[test]
fn a_queue_replayed_twice_applies_once_with_the_desk_time() {
    let Queued {
        mut store,
        ana,
        mut cache,
        path,
        ..
    } = ana_queued_at_desk_a();
    // The queue as it was before the sync: a crash after the server committed and before the
    // cache forgot the action leaves exactly this.
    let before = store.dir.path().join("before.cache.db");
    for suffix in ["", "-wal"] {
        let from = format!("{}{suffix}", path.display());
        if std::path::Path::new(&from).exists() {
            std::fs::copy(&from, format!("{}{suffix}", before.display())).expect("a copy");
        }
    }

    let first = sync(&mut store, &mut cache, 30);
    assert_eq!((first.applied, first.already_applied), (1, 0));
    assert!(first.review.is_empty());
    assert_eq!(first.pending, 0);
    assert_eq!(
        checked_in_at(&store, &ana.id),
        Some(stamp(5)),
        "the desk's time, not the sync's"
    );
    let again = sync(&mut store, &mut cache, 31);
    assert_eq!(
        (again.applied, again.already_applied),
        (0, 0),
        "nothing left"
    );

    let mut crashed = Cache::open(&before, &store.path().display().to_string()).expect("opens");
    let replay = sync(&mut store, &mut crashed, 32);
    assert_eq!((replay.applied, replay.already_applied), (0, 1));
    assert!(replay.review.is_empty(), "its own check-in is no clash");
    assert_eq!(crashed.info().expect("info").pending, 0);
    assert_eq!(checked_in_at(&store, &ana.id), Some(stamp(5)));
}

#[test]
fn a_crash_before_the_commit_applies_neither_the_action_nor_its_id() {
    let Queued {
        mut store,
        ana,
        mut cache,
        ..
    } = ana_queued_at_desk_a();
    // The write of the action's id fails after the check-in was written, in the same
    // transaction, as a crash there would end it.
    let (fail, unfail) = if store.is_file() {
        (
            "CREATE TRIGGER crash BEFORE INSERT ON desk_action BEGIN SELECT RAISE(ABORT, 'crash'); END",
            "DROP TRIGGER crash",
        )
    } else {
        (
            "CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'crash'; END $$;
             CREATE TRIGGER crash BEFORE INSERT ON desk_action FOR EACH ROW EXECUTE FUNCTION crash()",
            "DROP TRIGGER crash ON desk_action; DROP FUNCTION crash()",
        )
    };
    store.conn.execute_batch(fail).expect("the fault");
    let err = offline::sync(&mut store.conn, &mut cache, at(30)).expect_err("it fails");
    assert!(err.to_string().contains("crash"), "{err}");
    assert_eq!(
        checked_in_at(&store, &ana.id),
        None,
        "rolled back with the id"
    );
    assert_eq!(cache.info().expect("info").pending, 1, "still queued");
    store.conn.execute_batch(unfail).expect("mended");
    let report = sync(&mut store, &mut cache, 31);
    assert_eq!((report.applied, report.already_applied), (1, 0));
    assert_eq!(checked_in_at(&store, &ana.id), Some(stamp(5)));
}

#[test]
fn two_desks_checking_in_one_person_give_one_check_in_and_one_review_item() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("ana");
    let rui = add(&mut store.conn, &event, &person("Rui", "Costa", "BR")).expect("rui");
    let (mut a, _) = desk_cache(&store, &event, "a");
    let (mut b, _) = desk_cache(&store, &event, "b");
    a.check_in("Desk A", Uuid::now_v7(), &ana.id, at(1))
        .expect("a: ana");
    b.check_in("Desk B", Uuid::now_v7(), &ana.id, at(4))
        .expect("b: ana");
    a.check_in("Desk A", Uuid::now_v7(), &rui.id, at(6))
        .expect("a: rui");
    b.check_in("Desk B", Uuid::now_v7(), &rui.id, at(2))
        .expect("b: rui, earlier");

    let first = sync(&mut store, &mut a, 30);
    assert_eq!(first.applied, 2);
    assert!(first.review.is_empty());
    let second = sync(&mut store, &mut b, 31);
    assert_eq!(second.applied, 0);
    assert_eq!(second.review.len(), 2, "{:?}", second.review);

    assert_eq!(
        checked_in_at(&store, &ana.id),
        Some(stamp(1)),
        "the earlier desk time"
    );
    let item = &second.review[0];
    assert_eq!(item.kind, "double_check_in");
    assert_eq!(item.person_id, ana.id);
    assert_eq!(
        (item.first_at.as_str(), item.first_desk.as_str()),
        (stamp(1).as_str(), "Desk A")
    );
    assert_eq!(
        (item.second_at.as_str(), item.second_desk.as_str()),
        (stamp(4).as_str(), "Desk B")
    );
    assert!(item.message.contains("Ana"), "{}", item.message);

    // The first check-in to reach the server stands, with its own desk time, even when the
    // later one happened earlier at its desk; the review item says both.
    assert_eq!(checked_in_at(&store, &rui.id), Some(stamp(6)));
    let rui_item = &second.review[1];
    assert_eq!(
        (rui_item.first_at.as_str(), rui_item.second_at.as_str()),
        (stamp(6).as_str(), stamp(2).as_str())
    );

    let list = offline::review_list(&store.conn, &event).expect("the list");
    assert_eq!(list.len(), 2);
    // Accepting makes the other desk's time the one that stands; dismissing keeps it.
    let left =
        offline::resolve_review(&mut store.conn, &rui_item.id, true, at(40)).expect("accepted");
    assert_eq!(left.len(), 1);
    assert_eq!(checked_in_at(&store, &rui.id), Some(stamp(2)));
    let left =
        offline::resolve_review(&mut store.conn, &item.id, false, at(41)).expect("dismissed");
    assert!(left.is_empty());
    assert_eq!(checked_in_at(&store, &ana.id), Some(stamp(1)));
    let twice =
        offline::resolve_review(&mut store.conn, &item.id, true, at(42)).expect_err("settled");
    assert_eq!(crate::field_of_ref(&twice), "id");
}

#[test]
fn a_walk_in_whose_email_is_taken_goes_to_review_with_both_records() {
    let (mut store, event) = store_with_event();
    let (mut cache, _) = desk_cache(&store, &event, "a");
    let walk_in = AttendeeInput {
        email: "Ana.Silva@example.org".into(),
        organization: "Ministry of Science".into(),
        ..person("Ana", "Silva", "BR")
    };
    let offline_id = Uuid::now_v7();
    let made = cache
        .register_walk_in(
            "Desk A",
            Uuid::now_v7(),
            &event,
            offline_id,
            &walk_in,
            at(3),
        )
        .expect("offline walk-in");
    assert_eq!(made.checked_in_at, Some(stamp(3)));
    // Meanwhile, online, someone registered her with the same email.
    let registered = add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            email: "ana.silva@example.org".into(),
            organization: "Ministério da Ciência".into(),
            ..person("Ana Maria", "Silva", "BR")
        },
    )
    .expect("registered online");

    let report = sync(&mut store, &mut cache, 30);
    assert_eq!(report.applied, 0);
    let item = &report.review[0];
    assert_eq!(item.kind, "walk_in_email");
    assert_eq!(item.person_id, registered.id, "the one already registered");
    let existing = item.existing.as_ref().expect("the registered record");
    let walked = item.walk_in.as_ref().expect("the walk-in's record");
    assert_eq!(existing.organization, "Ministério da Ciência");
    assert_eq!(walked.organization, "Ministry of Science");
    assert_eq!(walked.email, "ana.silva@example.org");
    assert!(
        ops::get_attendee(&store.conn, &offline_id.to_string()).is_err(),
        "the walk-in was not added a second time"
    );
    // The same person: she is checked in at the walk-in's desk time.
    offline::resolve_review(&mut store.conn, &item.id, true, at(40)).expect("accepted");
    assert_eq!(checked_in_at(&store, &registered.id), Some(stamp(3)));

    // A walk-in without a clash is registered and checked in at its desk time.
    let (mut cache, _) = desk_cache(&store, &event, "b");
    let new_id = Uuid::now_v7();
    cache
        .register_walk_in(
            "Desk B",
            Uuid::now_v7(),
            &event,
            new_id,
            &person("Li", "Wei", "CN"),
            at(50),
        )
        .expect("offline walk-in");
    let report = sync(&mut store, &mut cache, 60);
    assert_eq!(report.applied, 1);
    assert_eq!(checked_in_at(&store, &new_id.to_string()), Some(stamp(50)));
}

#[test]
fn a_check_in_taken_back_offline_leaves_the_server_as_it_was() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("ana");
    let rui = add(&mut store.conn, &event, &person("Rui", "Costa", "BR")).expect("rui");
    desk::check_in(&mut store.conn, &rui.id, at(1)).expect("rui online");
    let (mut cache, _) = desk_cache(&store, &event, "a");
    let refused = cache
        .undo_check_in("Desk A", Uuid::now_v7(), &rui.id, at(2))
        .expect_err("made online");
    assert_eq!(crate::field_of_ref(&refused), "person_id");
    cache
        .check_in("Desk A", Uuid::now_v7(), &ana.id, at(3))
        .expect("in");
    let undone = cache
        .undo_check_in("Desk A", Uuid::now_v7(), &ana.id, at(4))
        .expect("taken back");
    assert_eq!(undone.checked_in_at, None);
    let report = sync(&mut store, &mut cache, 30);
    assert_eq!(report.applied, 2);
    assert_eq!(checked_in_at(&store, &ana.id), None);
    assert_eq!(checked_in_at(&store, &rui.id), Some(stamp(1)), "untouched");
}

#[test]
fn session_attendance_taken_offline_keeps_the_desk_time() {
    let (mut store, event) = store_with_event();
    let ana = add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("ana");
    let session = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &crate::opening(),
        now(),
    )
    .expect("a session");
    let (mut cache, _) = desk_cache(&store, &event, "a");
    let sheet = cache
        .mark_attendance("Desk A", Uuid::now_v7(), &session.id, &ana.id, true, at(7))
        .expect("present");
    assert!(sheet.rows.iter().any(|r| r.present));
    sync(&mut store, &mut cache, 30);
    let sheet = desk::session_attendance(&store.conn, &session.id).expect("the sheet");
    assert_eq!(sheet.rows[0].at, Some(stamp(7)));
}

#[test]
fn a_cache_is_never_replayed_into_another_store_or_by_another_format() {
    let Queued {
        store,
        event,
        ana,
        mut cache,
        path,
    } = ana_queued_at_desk_a();

    // Another store holding the same event (a copy of it), at the same address as far as the
    // cache knows: its store id differs, and nothing is sent.
    let mut other = Store::default();
    plenary_core::transfer::copy_event(&store.conn, &mut other.conn, &event, false)
        .expect("copied");
    let err = offline::sync(&mut other.conn, &mut cache, at(30)).expect_err("refused");
    assert!(matches!(err, Error::Incompatible(_)), "{err}");
    assert!(err.to_string().contains("another server"), "{err}");
    assert_eq!(checked_in_at(&other, &ana.id), None);
    assert_eq!(
        cache.info().expect("info").pending,
        1,
        "kept for its own store"
    );

    // Opened for another address, it is refused before anything changes it.
    let err = Cache::open(&path, "postgresql://elsewhere.example/other")
        .err()
        .expect("refused");
    assert!(err.to_string().contains("another server"), "{err}");

    // A cache of another format is refused, with its queue; an empty one is made again.
    drop(cache);
    {
        let raw = rusqlite::Connection::open(&path).expect("raw");
        raw.execute("UPDATE cache_meta SET value = '0' WHERE key = 'format'", [])
            .expect("older");
    }
    let address = store.path().display().to_string();
    let err = Cache::open_or_renew(&path, &address)
        .err()
        .expect("refused");
    assert!(err.to_string().contains("another version"), "{err}");
    assert!(
        err.to_string().contains(": 1"),
        "it says how many wait: {err}"
    );
    {
        let raw = rusqlite::Connection::open(&path).expect("raw");
        raw.execute("DELETE FROM desk_queue", []).expect("emptied");
    }
    let renewed = Cache::open_or_renew(&path, &address).expect("made again");
    assert_eq!(
        renewed.info().expect("info").event_id,
        "",
        "a new, empty cache"
    );

    let err = Cache::open(&store.dir.path().join("missing-dir").join("x.db"), &address)
        .map(|_| ())
        .err();
    assert!(err.is_none(), "a cache is created where there was none");
}

#[test]
fn a_cache_that_cannot_be_sent_is_set_aside_whole_and_a_store_is_never_taken_for_one() {
    let Queued {
        store, cache, path, ..
    } = ana_queued_at_desk_a();
    drop(cache);
    let moved = Cache::set_aside(&path, at(10)).expect("set aside");
    assert!(!path.exists(), "the cache's place is free");
    assert!(
        moved
            .display()
            .to_string()
            .contains(".set-aside-20240801T094000Z"),
        "{}",
        moved.display()
    );
    let address = store.path().display().to_string();
    let kept = Cache::open(&moved, &address).expect("the set-aside cache still opens");
    assert_eq!(kept.info().expect("info").pending, 1, "its queue is kept");
    let fresh = Cache::open_or_renew(&path, &address).expect("a new cache");
    assert_eq!(fresh.info().expect("info").pending, 0);

    // A Plenary store given as the cache by mistake is refused and left as it was; an empty
    // one (a cache whose making was cut short) is made again.
    let err = Cache::open_or_renew(&store_file_with_an_event(&store), &address)
        .err()
        .expect("refused");
    assert!(
        err.to_string().contains("not a Plenary desk cache"),
        "{err}"
    );
    let empty = store.dir.path().join("empty.db");
    drop(plenary_core::db::open(&empty).expect("an empty store"));
    let renewed = Cache::open_or_renew(&empty, &address).expect("made again");
    assert_eq!(renewed.info().expect("info").event_id, "");
}

/// A file store with one event, beside the test's store.
fn store_file_with_an_event(store: &Store) -> PathBuf {
    let path = store.dir.path().join("organisers.db");
    let mut conn = plenary_core::db::open(&path).expect("a store");
    ops::create_event(&mut conn, Uuid::now_v7(), &crate::seminar(), now()).expect("an event");
    path
}

/// A server address nobody answers at (nothing listens on port 1): the CLI finds it
/// unreachable at once and works from the desk's cache.
pub const DEAD_SERVER: &str = "postgresql://desk@127.0.0.1:1/seminar";

/// A desk's cache for [`DEAD_SERVER`], made from the test's store while "it answered", folded
/// into one file (so that copying the file copies all of it).
pub fn cache_for_a_dead_server(store: &Store, event: &str) -> PathBuf {
    let path = store.dir.path().join("dead-server.cache.db");
    let mut cache = Cache::open(&path, DEAD_SERVER).expect("the cache");
    cache.refresh(&store.conn, event, now()).expect("copied");
    cache
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("folded");
    path
}
