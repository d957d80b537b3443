//! The seating plan in UN order: `seating::plan`, the draw, a country set by hand, the seats
//! per delegation, and `plenary seating draw|set|list`.

use crate::{add, field_of, id, now, person, plenary_at, seminar, Store};
use plenary_core::{audit, ops, sample, seating};
use serde_json::Value;
use std::collections::HashSet;
use uuid::Uuid;

#[test]
fn the_sample_starts_at_the_top_of_the_alphabet_with_heads_first() {
    let mut store = Store::default();
    let event = sample::load(&mut store.conn, now(), Uuid::now_v7)
        .expect("loads")
        .event;
    let plan = seating::plan(&store.conn, &event.id).expect("a plan");
    assert_eq!(plan.first_country, None, "nothing drawn yet");
    assert_eq!(plan.seats_per_delegation, 2);
    assert_eq!(plan.seats.len() as u32, event.country_count);
    assert_eq!(plan.seats[0].name, "Algeria");
    assert!(plan.seats.iter().all(|s| (1..=2).contains(&s.people.len())));
    let numbers: Vec<u32> = plan.seats.iter().map(|s| s.seat).collect();
    assert_eq!(numbers, (1..=plan.seats.len() as u32).collect::<Vec<_>>());

    // The head of delegation takes the delegation's first seat.
    let china = ops::list_attendees(
        &store.conn,
        &event.id,
        &plenary_core::model::AttendeeFilter {
            country: Some("CN".into()),
            ..Default::default()
        },
    )
    .expect("the Chinese delegation");
    let head = china.last().expect("a member").id.clone();
    ops::set_delegation_head(&mut store.conn, &event.id, "CN", Some(&head)).expect("a head");
    let plan = seating::plan(&store.conn, &event.id).expect("a plan");
    let cn = plan
        .seats
        .iter()
        .find(|s| s.country == "CN")
        .expect("China");
    assert_eq!(cn.people[0], head);
}

/// An event with the held set of countries, one person each.
fn held_event(store: &mut Store) -> String {
    let event = ops::create_event(&mut store.conn, id(1), &seminar(), now()).expect("event");
    for (i, country) in ["US", "KR", "TR", "VN", "CI", "IR", "GB"]
        .iter()
        .enumerate()
    {
        add(
            &mut store.conn,
            &event.id,
            &person("Delegate", &format!("Number{i}"), country),
        )
        .expect("registers");
    }
    event.id
}

fn countries(plan: &seating::Plan) -> Vec<&str> {
    plan.seats.iter().map(|s| s.country.as_str()).collect()
}

#[test]
fn a_country_set_by_hand_starts_the_order_and_is_logged() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    let plan = seating::plan(&store.conn, &event).expect("a plan");
    assert_eq!(countries(&plan), ["CI", "IR", "KR", "TR", "GB", "US", "VN"]);
    let plan = seating::set_first(&mut store.conn, &event, "tr", now()).expect("sets");
    assert_eq!(countries(&plan), ["TR", "GB", "US", "VN", "CI", "IR", "KR"]);
    assert_eq!(plan.first_country.as_deref(), Some("TR"));
    assert_eq!(plan.method.as_deref(), Some("set"));
    let log = audit::activity(&store.conn, &event, 1).expect("the log");
    assert_eq!(log[0].summary, "Set the seating order: Türkiye first");
    assert_eq!(log[0].actor, audit::actor());

    // Undo puts the order back as it was.
    audit::undo(&mut store.conn, log[0].id).expect("undoes");
    let plan = seating::plan(&store.conn, &event).expect("a plan");
    assert_eq!(plan.first_country, None);
    assert_eq!(countries(&plan)[0], "CI");
}

#[test]
fn the_draw_can_pick_every_delegation_and_records_who_and_when() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    let mut drawn = HashSet::new();
    // Seven delegations: the chance that 200 fair draws miss one is below 1e-12.
    for _ in 0..200 {
        let plan = seating::draw(&mut store.conn, &event, now()).expect("draws");
        assert_eq!(plan.method.as_deref(), Some("draw"));
        assert_eq!(
            plan.first_country.as_deref(),
            Some(plan.seats[0].country.as_str())
        );
        drawn.insert(plan.seats[0].country.clone());
    }
    assert_eq!(
        drawn.len(),
        7,
        "every delegation was drawn at least once: {drawn:?}"
    );
    let log = audit::activity(&store.conn, &event, 1).expect("the log");
    assert!(log[0]
        .summary
        .starts_with("Drew the seating order by lot: "));
}

#[test]
fn bad_input_names_its_field_and_changes_nothing() {
    let mut store = Store::default();
    let empty = ops::create_event(&mut store.conn, id(2), &seminar(), now()).expect("event");
    let err = seating::draw(&mut store.conn, &empty.id, now()).expect_err("no delegation");
    assert_eq!(field_of(err), "first");
    let event = held_event(&mut store);
    let err = seating::set_first(&mut store.conn, &event, "XX", now()).expect_err("unknown");
    assert_eq!(field_of(err), "first");
    for seats in [0, 10] {
        let err = seating::set_seats(&mut store.conn, &event, seats, now()).expect_err("range");
        assert_eq!(field_of(err), "seats");
    }
    assert_eq!(
        seating::plan(&store.conn, &event)
            .expect("plan")
            .seats_per_delegation,
        2
    );
    let plan = seating::set_seats(&mut store.conn, &event, 1, now()).expect("one seat");
    assert!(plan.seats.iter().all(|s| s.people.len() == 1));
}

#[test]
fn seating_list_json_keeps_the_contract_keys() {
    let store = Store::default();
    let db = store.path();
    assert!(plenary_at(&db, &["sample"]).status.success());
    let set = plenary_at(&db, &["seating", "set", "--first", "VN"]);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let out = plenary_at(&db, &["seating", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seats: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let seats = seats.as_array().expect("an array");
    assert_eq!(seats[0]["seat"], 1);
    assert_eq!(seats[0]["country"], "VN");
    assert_eq!(seats[0]["name"], "Viet Nam");
    for seat in seats {
        assert!(seat["people"].as_array().is_some_and(|p| !p.is_empty()));
    }
    let draw = plenary_at(&db, &["seating", "draw"]);
    assert!(draw.status.success());
    assert!(String::from_utf8_lossy(&draw.stdout).contains("Drawn by lot: "));
    let bad = plenary_at(&db, &["seating", "set", "--first", "XX"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("error: first: "));
}
