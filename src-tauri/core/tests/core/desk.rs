//! The registration desk and the dashboard, through the verbs and the CLI.

use crate::{now, person, store_with_event, Store};
use plenary_core::desk;
use plenary_core::model::AttendeeInput;
use plenary_core::schedule::model::{SessionInput, SessionType};
use plenary_core::schedule::ops as sched;
use plenary_core::{ops, sample, Error};
use serde_json::Value;
use uuid::Uuid;

#[test]
fn check_in_counts_by_country_and_undo() {
    let (mut store, event) = store_with_event();
    let ana = crate::add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("ana");
    crate::add(&mut store.conn, &event, &person("Rui", "Costa", "BR")).expect("rui");
    let wei = crate::add(
        &mut store.conn,
        &event,
        &crate::family_first("伟", "张", "CN"),
    )
    .expect("wei");
    sched::set_attending(&mut store.conn, &wei.id, false).expect("cancelled");

    let counts = desk::desk_counts(&store.conn, &event).expect("counts");
    assert_eq!(
        (counts.expected, counts.arrived),
        (2, 0),
        "a cancelled person is not expected"
    );

    let checked = desk::check_in(&mut store.conn, &ana.id, now()).expect("check in");
    assert_eq!(
        checked.checked_in_at.as_deref(),
        Some("2024-08-01T09:30:00.000Z"),
        "the time is recorded"
    );
    let again = desk::check_in(&mut store.conn, &ana.id, now()).expect_err("twice");
    assert!(
        matches!(&again, Error::Validation(f) if f[0].field == "checked_in_at"),
        "{again}"
    );

    let counts = desk::desk_counts(&store.conn, &event).expect("counts");
    let br = counts
        .by_country
        .iter()
        .find(|c| c.country == "BR")
        .expect("Brazil");
    assert_eq!((br.expected, br.arrived), (2, 1));
    assert_eq!(counts.arrived, 1);

    let undone = desk::undo_check_in(&mut store.conn, &ana.id).expect("undo");
    assert_eq!(undone.checked_in_at, None);
    assert_eq!(
        desk::desk_counts(&store.conn, &event)
            .expect("counts")
            .arrived,
        0
    );
}

#[test]
fn a_walk_in_is_registered_and_checked_in_together_or_not_at_all() {
    let (mut store, event) = store_with_event();
    let walk_in = desk::register_walk_in(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &person("Kofi", "Mensah", "GH"),
        now(),
    )
    .expect("walk-in");
    assert!(
        walk_in.checked_in_at.is_some(),
        "a walk-in is checked in at once"
    );
    let bad = AttendeeInput {
        country: "ZZ".into(),
        ..person("X", "Y", "ZZ")
    };
    assert!(desk::register_walk_in(&mut store.conn, &event, Uuid::now_v7(), &bad, now()).is_err());
    assert_eq!(
        ops::list_attendees(&store.conn, &event, &Default::default())
            .expect("list")
            .len(),
        1,
        "nothing half-stored"
    );
}

#[test]
fn session_attendance_shows_no_shows_and_unexpected_guests() {
    let (mut store, event) = store_with_event();
    let visit = sched::add_session(
        &mut store.conn,
        &event,
        Uuid::now_v7(),
        &SessionInput {
            title: "Site visit".into(),
            kind: SessionType::SiteVisit,
            start: "2024-09-04 14:00".into(),
            end: "2024-09-04 17:00".into(),
            room_id: None,
            description: String::new(),
            capacity: Some(2),
            track: String::new(),
        },
        now(),
    )
    .expect("visit");
    let ana = crate::add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("ana");
    let rui = crate::add(&mut store.conn, &event, &person("Rui", "Costa", "BR")).expect("rui");
    let kofi = crate::add(&mut store.conn, &event, &person("Kofi", "Mensah", "GH")).expect("kofi");
    sched::sign_up(&mut store.conn, &visit.id, &ana.id, now()).expect("ana signs up");
    sched::sign_up(&mut store.conn, &visit.id, &rui.id, now()).expect("rui signs up");
    desk::mark_attendance(&mut store.conn, &visit.id, &ana.id, true, now()).expect("ana came");
    let sheet = desk::mark_attendance(&mut store.conn, &visit.id, &kofi.id, true, now())
        .expect("kofi came");
    let rows: Vec<(&str, bool, bool)> = sheet
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.signed_up, r.present))
        .collect();
    assert_eq!(
        rows,
        [
            ("Rui COSTA", true, false),
            ("Kofi MENSAH", false, true),
            ("Ana SILVA", true, true)
        ]
    );
    let sheet =
        desk::mark_attendance(&mut store.conn, &visit.id, &kofi.id, false, now()).expect("untick");
    assert_eq!(
        sheet.rows.len(),
        2,
        "an unticked guest who never signed up leaves the sheet"
    );
}

#[test]
fn the_dashboard_sums_up_the_sample() {
    let mut store = Store::default();
    let event = sample::load(&mut store.conn, now(), Uuid::now_v7)
        .expect("sample")
        .event;
    let d = desk::dashboard(&store.conn, &event.id).expect("dashboard");
    assert_eq!(d.registered, 123);
    assert_eq!(d.checked_in, 0);
    assert_eq!(d.by_country.iter().map(|c| c.expected).sum::<u32>(), 123);
    assert_eq!(
        d.sessions_per_day
            .iter()
            .map(|x| x.day.as_str())
            .collect::<Vec<_>>(),
        ["2024-09-03", "2024-09-04", "2024-09-05", "2024-09-06"]
    );
    assert_eq!(
        d.fill.len(),
        2,
        "the site visit and the field study have seats"
    );
    assert!(d.open_warnings.is_empty());
    assert!(d
        .by_category
        .iter()
        .any(|c| c.category == "official" && c.count > 40));
}

#[test]
fn the_desk_through_the_cli() {
    let mut store = Store::default();
    sample::load(&mut store.conn, now(), Uuid::now_v7).expect("sample");
    let run = |args: &[&str]| crate::plenary_at(&store.path(), args);
    let ok = run(&["checkin", "--search", "ma zhaoxu"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let ambiguous = run(&["checkin", "--search", "chen"]);
    assert_eq!(
        ambiguous.status.code(),
        Some(1),
        "several matches is an error"
    );
    assert!(
        String::from_utf8_lossy(&ambiguous.stderr).contains("--person"),
        "it says what to do"
    );
    let none = run(&["checkin", "--search", "nobody-at-all"]);
    assert_eq!(none.status.code(), Some(1));

    let list: Value =
        serde_json::from_slice(&run(&["attendee", "list", "--json"]).stdout).expect("JSON");
    let checked: Vec<&Value> = list
        .as_array()
        .expect("array")
        .iter()
        .filter(|a| !a["checked_in_at"].is_null())
        .collect();
    assert_eq!(checked.len(), 1, "exactly Ma Zhaoxu is checked in");
    assert_eq!(checked[0]["family_name"], "马");
    assert!(
        list[0].get("checked_in_at").is_some(),
        "every attendee has the key"
    );

    let guterres = list
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["family_name"] == "Guterres")
        .expect("Guterres");
    let id = guterres["id"].as_str().expect("id");
    let by_id = run(&["checkin", "--person", id]);
    assert!(by_id.status.success());
    let sessions: Value =
        serde_json::from_slice(&run(&["session", "list", "--json"]).stdout).expect("JSON");
    let opening = sessions[0]["id"].as_str().expect("a session");
    let att = run(&["attendance", "--session", opening, "--person", id]);
    assert!(
        att.status.success(),
        "{}",
        String::from_utf8_lossy(&att.stderr)
    );
    assert!(String::from_utf8_lossy(&att.stdout).contains("1 present"));
}
