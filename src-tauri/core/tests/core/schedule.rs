//! The schedule: rooms, sessions, speakers, sign-ups and conflict warnings, through the verbs
//! and through the CLI.

use crate::{now, person, store_with_event, Store};
use plenary_core::schedule::model::{Role, RoomInput, SessionInput, SessionType, WarningKind};
use plenary_core::schedule::ops as sched;
use plenary_core::{ops, sample};
use serde_json::Value;
use std::process::Output;
use uuid::Uuid;

fn session(title: &str, start: &str, end: &str, room: Option<&str>) -> SessionInput {
    SessionInput {
        title: title.into(),
        kind: SessionType::Lecture,
        start: start.into(),
        end: end.into(),
        room_id: room.map(Into::into),
        description: String::new(),
        capacity: None,
        track: String::new(),
    }
}

fn room(name: &str) -> RoomInput {
    RoomInput {
        name: name.into(),
        capacity: Some(50),
        ..RoomInput::default()
    }
}

#[test]
fn the_sample_programme_spans_four_days_without_conflicts() {
    let mut store = Store::default();
    let event = sample::load(&mut store.conn, now(), Uuid::now_v7)
        .expect("loads")
        .event;
    let all = sched::list_sessions(&store.conn, &event.id, None).expect("sessions");
    let days: std::collections::BTreeSet<&str> = all.iter().map(|s| &s.start[..10]).collect();
    assert_eq!(
        days.into_iter().collect::<Vec<_>>(),
        ["2024-09-03", "2024-09-04", "2024-09-05", "2024-09-06"]
    );
    let opening = &all[0];
    assert_eq!(
        opening.start, "2024-09-03T09:00:00+08:00",
        "times carry the event's offset"
    );
    let roles: Vec<(String, Role)> = opening
        .speakers
        .iter()
        .map(|s| (s.name.clone(), s.role))
        .collect();
    assert_eq!(
        roles[0],
        ("H.E. Mr MA Zhaoxu 马朝旭".to_owned(), Role::VideoAddress)
    );
    assert_eq!(
        roles[1],
        ("H.E. Mr António GUTERRES".to_owned(), Role::Address)
    );
    assert_eq!(roles[2], ("Ms CHEN Jie 陈杰".to_owned(), Role::Address));
    let visits: Vec<_> = all
        .iter()
        .filter(|s| s.kind == SessionType::SiteVisit)
        .collect();
    assert!(
        visits.iter().all(|s| s.capacity.is_some() && s.signups > 0),
        "visits have seats and sign-ups"
    );
    let warnings = sched::check(&store.conn, &event.id).expect("check");
    assert!(
        warnings.is_empty(),
        "the sample has no conflicts: {warnings:#?}"
    );
}

#[test]
fn a_session_that_ends_before_it_starts_is_refused_and_times_use_the_event_zone() {
    let (mut store, event) = store_with_event();
    let err = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session("Backwards", "2024-09-03 10:00", "2024-09-03 09:00", None),
        now(),
    )
    .expect_err("refused");
    assert!(
        err.to_string().starts_with("end:"),
        "the error names the end: {err}"
    );
    let s = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session("Talk", "2024-09-03 09:00", "2024-09-03 10:00", None),
        now(),
    )
    .expect("valid");
    let stored: String = store
        .conn
        .query_row(
            "SELECT starts_at FROM session WHERE id = ?1",
            [&s.id],
            |r| r.get(0),
        )
        .expect("row");
    assert_eq!(
        stored, "2024-09-03T01:00:00.000Z",
        "09:00 in Shanghai is stored as 01:00 UTC"
    );
    let outside = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session("Early", "2024-09-01 09:00", "2024-09-01 10:00", None),
        now(),
    )
    .expect("outside the dates is allowed");
    let kinds: Vec<(WarningKind, Vec<String>)> = sched::check(&store.conn, &event)
        .expect("check")
        .into_iter()
        .map(|w| (w.kind, w.sessions))
        .collect();
    assert!(
        kinds.contains(&(WarningKind::OutsideEvent, vec![outside.id.clone()])),
        "but warned: {kinds:?}"
    );
}

#[test]
fn moving_onto_an_occupied_room_warns_and_accepting_quiets_it() {
    let (mut store, event) = store_with_event();
    let hall = sched::add_room(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &room("Hall"),
        now(),
    )
    .expect("room");
    let a = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session("A", "2024-09-03 09:00", "2024-09-03 10:00", Some(&hall.id)),
        now(),
    )
    .expect("a");
    let b = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session("B", "2024-09-03 10:00", "2024-09-03 11:00", Some(&hall.id)),
        now(),
    )
    .expect("b");
    assert!(
        sched::check(&store.conn, &event).expect("check").is_empty(),
        "back to back is fine"
    );
    sched::move_session(
        &mut store.conn,
        &b.id,
        "2024-09-03 09:30",
        "2024-09-03 10:30",
        Some(&hall.id),
        now(),
    )
    .expect("move");
    let warnings = sched::check(&store.conn, &event).expect("check");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].kind, WarningKind::RoomOverlap);
    let mut pair = warnings[0].sessions.clone();
    pair.sort();
    let mut expected = vec![a.id.clone(), b.id.clone()];
    expected.sort();
    assert_eq!(pair, expected);
    sched::accept_warning(&mut store.conn, &event, &warnings[0].key, "intended", now())
        .expect("accept");
    let again = sched::check(&store.conn, &event).expect("check");
    assert!(again[0].accepted, "an accepted warning stays accepted");
    sched::unaccept_warning(&mut store.conn, &event, &warnings[0].key).expect("unaccept");
    assert!(!sched::check(&store.conn, &event).expect("check")[0].accepted);
}

#[test]
fn speakers_and_sign_ups_feed_the_agenda_and_the_absent_speaker_warning() {
    let (mut store, event) = store_with_event();
    let hall = sched::add_room(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &room("Hall"),
        now(),
    )
    .expect("room");
    let talk = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session(
            "Talk",
            "2024-09-03 09:00",
            "2024-09-03 10:00",
            Some(&hall.id),
        ),
        now(),
    )
    .expect("s");
    let visit = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session(
            "Visit",
            "2024-09-04 14:00",
            "2024-09-04 17:00",
            Some(&hall.id),
        ),
        now(),
    )
    .expect("s");
    let ana = crate::add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("ana");
    let s = sched::assign_speaker(
        &mut store.conn,
        Uuid::now_v7(),
        &talk.id,
        &ana.id,
        Role::Lecturer,
        "",
        now(),
    )
    .expect("assign");
    assert_eq!(s.speakers[0].name, "Ana SILVA");
    let again = sched::assign_speaker(
        &mut store.conn,
        Uuid::now_v7(),
        &talk.id,
        &ana.id,
        Role::Lecturer,
        "",
        now(),
    );
    assert!(again.is_err(), "the same role twice is refused");
    sched::assign_speaker(
        &mut store.conn,
        Uuid::now_v7(),
        &talk.id,
        &ana.id,
        Role::Moderator,
        "",
        now(),
    )
    .expect("a second role is fine");
    let signed = sched::sign_up(&mut store.conn, &visit.id, &ana.id, now()).expect("sign up");
    assert_eq!(signed.signups, 1);
    let agenda = sched::person_agenda(&store.conn, &ana.id).expect("agenda");
    let lines: Vec<(&str, Vec<Role>, bool)> = agenda
        .iter()
        .map(|i| (i.session.title.as_str(), i.roles.clone(), i.signed_up))
        .collect();
    assert_eq!(
        lines,
        [
            ("Talk", vec![Role::Lecturer, Role::Moderator], false),
            ("Visit", vec![], true)
        ]
    );
    let who = sched::list_signups(&store.conn, &visit.id).expect("sign-ups");
    assert_eq!(who.len(), 1);
    assert_eq!(
        (who[0].person_id.as_str(), who[0].name.as_str()),
        (ana.id.as_str(), "Ana SILVA")
    );

    // Moving the moderator onto the lecturer's place swaps the two.
    let before = sched::get_session(&store.conn, &talk.id)
        .expect("talk")
        .speakers;
    let order = |s: &[plenary_core::schedule::model::Speaker]| -> Vec<(Role, u32)> {
        let mut v: Vec<(Role, u32)> = s.iter().map(|x| (x.role, x.position)).collect();
        v.sort_by_key(|x| x.1);
        v
    };
    assert_eq!(order(&before), [(Role::Lecturer, 1), (Role::Moderator, 2)]);
    let moderator = before
        .iter()
        .find(|x| x.role == Role::Moderator)
        .expect("moderator");
    let after = sched::update_assignment(
        &mut store.conn,
        &moderator.assignment_id,
        Role::Moderator,
        1,
        "",
    )
    .expect("reorder")
    .speakers;
    assert_eq!(order(&after), [(Role::Moderator, 1), (Role::Lecturer, 2)]);

    sched::set_attending(&mut store.conn, &ana.id, false).expect("cancel");
    let kinds: Vec<WarningKind> = sched::check(&store.conn, &event)
        .expect("check")
        .into_iter()
        .map(|w| w.kind)
        .collect();
    assert_eq!(
        kinds,
        [WarningKind::AbsentSpeaker, WarningKind::AbsentSpeaker],
        "one per role"
    );
}

fn plenary(store: &Store, args: &[&str]) -> Output {
    crate::plenary_at(&store.path(), args)
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

#[test]
fn the_schedule_through_the_cli() {
    let (store, _event) = store_with_event();
    ok(plenary(
        &store,
        &["room", "add", "--name", "Hall", "--capacity", "100"],
    ));
    let rooms: Value =
        serde_json::from_str(&ok(plenary(&store, &["room", "list", "--json"]))).expect("JSON");
    assert_eq!(rooms[0]["name"], "Hall");
    let a = ok(plenary(
        &store,
        &[
            "session",
            "add",
            "--title",
            "Opening",
            "--type",
            "opening_ceremony",
            "--start",
            "2024-09-03 09:00",
            "--end",
            "2024-09-03 10:00",
            "--room",
            "Hall",
        ],
    ));
    let bad = plenary(
        &store,
        &[
            "session",
            "add",
            "--title",
            "X",
            "--type",
            "lecture",
            "--start",
            "2024-09-03 10:00",
            "--end",
            "2024-09-03 09:00",
        ],
    );
    assert_eq!(
        bad.status.code(),
        Some(1),
        "a session ending before it starts exits 1"
    );
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("end:"),
        "and names the field"
    );
    let usage = plenary(
        &store,
        &[
            "session",
            "add",
            "--title",
            "X",
            "--type",
            "party",
            "--start",
            "2024-09-03 10:00",
            "--end",
            "2024-09-03 11:00",
        ],
    );
    assert_eq!(
        usage.status.code(),
        Some(2),
        "an unknown type is a usage error"
    );

    let person = ok(plenary(
        &store,
        &[
            "attendee",
            "add",
            "--given-name",
            "朝旭",
            "--family-name",
            "马",
            "--name-order",
            "family-first",
            "--given-name-latin",
            "Zhaoxu",
            "--family-name-latin",
            "Ma",
            "--country",
            "CN",
        ],
    ));
    ok(plenary(
        &store,
        &[
            "assign",
            "--session",
            &a,
            "--person",
            &person,
            "--role",
            "video_address",
        ],
    ));
    let list: Value = serde_json::from_str(&ok(plenary(
        &store,
        &["session", "list", "--day", "2024-09-03", "--json"],
    )))
    .expect("JSON");
    let s = &list[0];
    for key in [
        "id", "title", "type", "start", "end", "room", "capacity", "speakers",
    ] {
        assert!(s.get(key).is_some(), "session JSON has {key}: {s}");
    }
    assert_eq!(s["start"], "2024-09-03T09:00:00+08:00");
    assert_eq!(s["type"], "opening_ceremony");
    assert_eq!(s["room"], "Hall");
    assert_eq!(s["speakers"][0]["person_id"], person.as_str());
    assert_eq!(s["speakers"][0]["role"], "video_address");
    assert_eq!(s["speakers"][0]["name"], "MA Zhaoxu 马朝旭");
    let other_day: Value = serde_json::from_str(&ok(plenary(
        &store,
        &["session", "list", "--day", "2024-09-04", "--json"],
    )))
    .expect("JSON");
    assert_eq!(other_day, serde_json::json!([]));

    let clean = plenary(&store, &["check"]);
    assert_eq!(clean.status.code(), Some(0), "no warnings exits 0");
    let b = ok(plenary(
        &store,
        &[
            "session",
            "add",
            "--title",
            "Panel",
            "--type",
            "panel",
            "--start",
            "2024-09-03 09:30",
            "--end",
            "2024-09-03 11:00",
            "--room",
            "Hall",
        ],
    ));
    ok(plenary(
        &store,
        &["signup", "--session", &b, "--person", &person],
    ));
    let warned = plenary(&store, &["check", "--json"]);
    assert_eq!(warned.status.code(), Some(3), "warnings exit 3");
    let warnings: Value = serde_json::from_slice(&warned.stdout).expect("JSON");
    let w = &warnings[0];
    assert_eq!(w["kind"], "room_overlap");
    for key in ["kind", "message", "sessions", "people"] {
        assert!(w.get(key).is_some(), "warning JSON has {key}: {w}");
    }
    assert!(w["message"].as_str().unwrap_or("").contains("Hall"), "{w}");
}

#[test]
fn a_day_whose_midnight_is_skipped_still_lists_and_odd_years_are_refused() {
    let mut store = Store::default();
    let beirut = plenary_core::model::EventInput {
        timezone: "Asia/Beirut".into(),
        start_date: "2024-03-30".into(),
        end_date: "2024-04-01".into(),
        ..crate::seminar()
    };
    let event = ops::create_event(&mut store.conn, Uuid::now_v7(), &beirut, now())
        .expect("event")
        .id;
    sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session("Early", "2024-03-31 09:00", "2024-03-31 10:00", None),
        now(),
    )
    .expect("a session on the day the clocks jump at midnight");
    for day in ["2024-03-30", "2024-03-31"] {
        sched::list_sessions(&store.conn, &event, Some(day)).expect("the day lists");
    }
    assert_eq!(
        sched::list_sessions(&store.conn, &event, Some("2024-03-31"))
            .expect("day")
            .len(),
        1
    );
    let err = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session("Far", "2024-03-31 09:00", "+10000-01-01 00:00", None),
        now(),
    )
    .expect_err("a five-digit year");
    assert!(err.to_string().starts_with("end:"), "{err}");
    let odd = plenary_core::model::EventInput {
        end_date: "+12024-01-01".into(),
        ..crate::seminar()
    };
    let err = ops::create_event(&mut store.conn, Uuid::now_v7(), &odd, now()).expect_err("refused");
    assert!(err.to_string().starts_with("end_date:"), "{err}");
}

#[test]
fn correcting_the_events_zone_keeps_sessions_at_their_wall_clock_time() {
    let mut store = Store::default();
    let wrong = plenary_core::model::EventInput {
        timezone: "UTC".into(),
        ..crate::seminar()
    };
    let event = ops::create_event(&mut store.conn, Uuid::now_v7(), &wrong, now())
        .expect("event")
        .id;
    let s = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &session("Opening", "2024-09-03 09:00", "2024-09-03 10:00", None),
        now(),
    )
    .expect("session");
    assert_eq!(s.start, "2024-09-03T09:00:00+00:00");
    ops::update_event(&mut store.conn, &event, &crate::seminar(), now())
        .expect("now Asia/Shanghai");
    let after = sched::get_session(&store.conn, &s.id).expect("session");
    assert_eq!(
        after.start, "2024-09-03T09:00:00+08:00",
        "still 09:00, now on Shanghai's clock"
    );
    assert_eq!(after.end, "2024-09-03T10:00:00+08:00");
}
