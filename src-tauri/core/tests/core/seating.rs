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

// ---- hosts, the UN system, accessible places, swaps by hand --------------------------------

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|c| (*c).to_owned()).collect()
}

/// The held set in UN order from the top: CI, IR, KR, TR, GB, US, VN.
fn held_order() -> Vec<String> {
    seating::un_order(&codes(&["US", "KR", "TR", "VN", "CI", "IR", "GB"]), None)
}

#[test]
fn a_delegation_needing_access_takes_the_nearest_accessible_place_and_the_others_move_along() {
    let order = held_order();
    assert_eq!(order, codes(&["CI", "IR", "KR", "TR", "GB", "US", "VN"]));
    // Türkiye (place 4) needs access; places 1 and 6 are accessible: 6 is nearer. The
    // delegations after it move up one place to fill the gap, those before keep theirs.
    assert_eq!(
        seating::shift_for_access(order.clone(), &codes(&["TR"]), &[1, 6]),
        codes(&["CI", "IR", "KR", "GB", "US", "TR", "VN"])
    );
    // The Republic of Korea (place 3): 1 is nearer than 6, and everyone before it moves back.
    assert_eq!(
        seating::shift_for_access(order.clone(), &codes(&["KR"]), &[1, 6]),
        codes(&["KR", "CI", "IR", "TR", "GB", "US", "VN"])
    );
    // A tie (places 1 and 7 are both three away from place 4) goes to the front.
    assert_eq!(
        seating::shift_for_access(order.clone(), &codes(&["TR"]), &[7, 1]),
        codes(&["TR", "CI", "IR", "KR", "GB", "US", "VN"])
    );
    // Already on an accessible place: nothing moves.
    assert_eq!(
        seating::shift_for_access(order.clone(), &codes(&["CI"]), &[1, 6]),
        order
    );
    // Two needing access: the first takes place 1, the second the next free one, 6.
    assert_eq!(
        seating::shift_for_access(order.clone(), &codes(&["CI", "IR"]), &[1, 6]),
        codes(&["CI", "KR", "TR", "GB", "US", "IR", "VN"])
    );
    // No accessible place in the hall: the order stays.
    assert_eq!(
        seating::shift_for_access(order.clone(), &codes(&["TR"]), &[]),
        order
    );
}

#[test]
fn the_plan_seats_a_delegation_needing_access_at_the_ends_of_a_row_by_default() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    let plan = seating::change(
        &mut store.conn,
        &event,
        &seating::SeatingChanges {
            accessible_countries: Some(codes(&["tr"])),
            ..Default::default()
        },
        now(),
    )
    .expect("sets");
    // Seven places: 1 and 6 end the first row of six, 7 starts the second.
    assert_eq!(countries(&plan), ["CI", "IR", "KR", "GB", "US", "TR", "VN"]);
    let accessible: Vec<u32> = plan
        .seats
        .iter()
        .filter(|s| s.accessible)
        .map(|s| s.seat)
        .collect();
    assert_eq!(accessible, [1, 6, 7]);
    let tr = plan.seats.iter().find(|s| s.country == "TR").expect("TR");
    assert!(tr.needs_access && tr.accessible && tr.seat == 6);
    assert_eq!(plan.accessible_countries, ["TR"]);
    assert!(plan.accessible_seats.is_empty(), "the default places");

    // Places set by hand: only place 2 is accessible.
    let plan = seating::change(
        &mut store.conn,
        &event,
        &seating::SeatingChanges {
            accessible_seats: Some(vec![2]),
            ..Default::default()
        },
        now(),
    )
    .expect("sets");
    assert_eq!(countries(&plan), ["CI", "TR", "IR", "KR", "GB", "US", "VN"]);
    assert_eq!(
        plan.seats
            .iter()
            .filter(|s| s.accessible)
            .map(|s| s.seat)
            .collect::<Vec<_>>(),
        [2]
    );
    let err = seating::change(
        &mut store.conn,
        &event,
        &seating::SeatingChanges {
            accessible_seats: Some(vec![0]),
            ..Default::default()
        },
        now(),
    )
    .expect_err("no place 0");
    assert_eq!(field_of(err), "accessible_seats");
}

fn placed(store: &mut Store, event: &str, changes: seating::SeatingChanges) -> seating::Plan {
    seating::change(&mut store.conn, event, &changes, now()).expect("the settings are kept")
}

#[test]
fn hosts_on_the_podium_leave_the_hall_and_at_the_ends_sit_first() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    plenary_core::participants::set_section(
        &mut store.conn,
        &event,
        "GB",
        Some(plenary_core::participants::Section::UnSystem),
    )
    .expect("GB in the UN system");
    // Viet Nam hosts, on the podium; the UN system (GB) on the podium too, after the hosts.
    let plan = placed(
        &mut store,
        &event,
        seating::SeatingChanges {
            host_country: Some("vn".into()),
            hosts_place: Some(seating::Placement::Podium),
            un_place: Some(seating::Placement::Podium),
            ..Default::default()
        },
    );
    assert_eq!(plan.host_country.as_deref(), Some("VN"));
    assert_eq!(countries(&plan), ["CI", "IR", "KR", "TR", "US"]);
    let podium: Vec<(&str, u32)> = plan
        .podium
        .iter()
        .map(|s| (s.country.as_str(), s.seat))
        .collect();
    assert_eq!(
        podium,
        [("VN", 1), ("GB", 2)],
        "the hosts first on the podium"
    );
    assert!(plan.podium.iter().all(|s| !s.people.is_empty()));
    let numbers: Vec<u32> = plan.seats.iter().map(|s| s.seat).collect();
    assert_eq!(
        numbers,
        [1, 2, 3, 4, 5],
        "the hall is numbered without the podium"
    );
    // The name plates come out the podium's first (the hosts first), then the hall's.
    let plates = crate::print::text(&crate::print::print_ok(
        &store,
        &crate::print::request(&event, plenary_core::print::DocumentKind::Plates),
    ));
    let at = |name: &str| {
        plates
            .find(name)
            .unwrap_or_else(|| panic!("{name} in the plates"))
    };
    assert!(
        at("VIET NAM") < at("UNITED KINGDOM"),
        "the hosts' plate first"
    );
    assert!(
        at("UNITED KINGDOM") < at("CÔTE D'IVOIRE"),
        "the podium before the hall"
    );
    assert!(
        at("CÔTE D'IVOIRE") < at("UNITED STATES"),
        "the hall in seat order"
    );

    // At the ends: the hosts in the first place, the UN system in the last.
    let plan = placed(
        &mut store,
        &event,
        seating::SeatingChanges {
            hosts_place: Some(seating::Placement::Ends),
            un_place: Some(seating::Placement::Ends),
            ..Default::default()
        },
    );
    assert!(plan.podium.is_empty());
    assert_eq!(countries(&plan), ["VN", "CI", "IR", "KR", "TR", "US", "GB"]);
    assert_eq!(plan.seats[0].seat, 1);
    assert_eq!(plan.seats.last().map(|s| s.seat), Some(7));

    // From a drawn country the hosts still sit first and the UN system last.
    let plan = seating::set_first(&mut store.conn, &event, "TR", now()).expect("sets");
    assert_eq!(countries(&plan), ["VN", "TR", "US", "CI", "IR", "KR", "GB"]);

    // In the order: everyone in the UN order again.
    let plan = placed(
        &mut store,
        &event,
        seating::SeatingChanges {
            hosts_place: Some(seating::Placement::Order),
            un_place: Some(seating::Placement::Order),
            ..Default::default()
        },
    );
    assert_eq!(countries(&plan), ["TR", "GB", "US", "VN", "CI", "IR", "KR"]);
    let log = audit::activity(&store.conn, &event, 1).expect("the log");
    assert!(
        log[0].summary.contains("Seated the hosts: order")
            && log[0].summary.contains("Seated the UN system: order"),
        "{}",
        log[0].summary
    );
}

#[test]
fn the_un_system_at_the_ends_sits_last_even_first_in_the_alphabet() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    // Côte d'Ivoire comes first in the alphabet; placed in the UN system it sits last.
    plenary_core::participants::set_section(
        &mut store.conn,
        &event,
        "CI",
        Some(plenary_core::participants::Section::UnSystem),
    )
    .expect("CI in the UN system");
    let plan = placed(
        &mut store,
        &event,
        seating::SeatingChanges {
            un_place: Some(seating::Placement::Ends),
            ..Default::default()
        },
    );
    assert_eq!(countries(&plan), ["IR", "KR", "TR", "GB", "US", "VN", "CI"]);
    assert_eq!(plan.un_place, seating::Placement::Ends);
}

#[test]
fn a_swap_by_hand_exchanges_two_places_is_logged_and_a_new_draw_clears_it() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    let plan = seating::swap(&mut store.conn, &event, "ir", "US", now()).expect("swaps");
    assert_eq!(countries(&plan), ["CI", "US", "KR", "TR", "GB", "IR", "VN"]);
    assert_eq!(plan.swaps, 1);
    let log = audit::activity(&store.conn, &event, 1).expect("the log");
    assert_eq!(
        log[0].summary,
        "Swapped the places of Iran (Islamic Republic of) and United States of America"
    );
    // Swaps apply in turn.
    let plan = seating::swap(&mut store.conn, &event, "CI", "IR", now()).expect("swaps");
    assert_eq!(countries(&plan), ["IR", "US", "KR", "TR", "GB", "CI", "VN"]);
    assert_eq!(plan.swaps, 2);

    // A delegation with itself, or one not in the hall, is refused and changes nothing.
    let err = seating::swap(&mut store.conn, &event, "TR", "tr", now()).expect_err("itself");
    assert_eq!(field_of(err), "b");
    let err = seating::swap(&mut store.conn, &event, "TR", "FR", now()).expect_err("no France");
    assert_eq!(field_of(err), "b");
    let err = seating::swap(&mut store.conn, &event, "XX", "TR", now()).expect_err("no such code");
    assert_eq!(field_of(err), "a");
    assert_eq!(seating::plan(&store.conn, &event).expect("plan").swaps, 2);

    // Unswap puts the drawn order back, logged.
    let plan = seating::clear_swaps(&mut store.conn, &event, now()).expect("unswaps");
    assert_eq!(countries(&plan), ["CI", "IR", "KR", "TR", "GB", "US", "VN"]);
    assert_eq!(plan.swaps, 0);
    assert_eq!(
        audit::activity(&store.conn, &event, 1).expect("the log")[0].summary,
        "Put the seating plan back in the order drawn"
    );

    // A new draw clears the swaps: the plan is the UN order from the drawn country.
    seating::swap(&mut store.conn, &event, "KR", "VN", now()).expect("swaps");
    let plan = seating::draw(&mut store.conn, &event, now()).expect("draws");
    assert_eq!(plan.swaps, 0);
    let all = codes(&["US", "KR", "TR", "VN", "CI", "IR", "GB"]);
    assert_eq!(
        countries(&plan),
        seating::un_order(&all, plan.first_country.as_deref())
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    // So does a first country set by hand.
    seating::swap(&mut store.conn, &event, "KR", "VN", now()).expect("swaps");
    let plan = seating::set_first(&mut store.conn, &event, "CI", now()).expect("sets");
    assert_eq!(plan.swaps, 0);
    assert_eq!(countries(&plan), ["CI", "IR", "KR", "TR", "GB", "US", "VN"]);
    // A delegation on the podium has no place in the hall to swap.
    placed(
        &mut store,
        &event,
        seating::SeatingChanges {
            host_country: Some("VN".into()),
            hosts_place: Some(seating::Placement::Podium),
            ..Default::default()
        },
    );
    let err = seating::swap(&mut store.conn, &event, "VN", "CI", now()).expect_err("podium");
    assert_eq!(field_of(err), "a");
}

#[test]
fn seating_set_swap_and_unswap_through_the_cli() {
    let mut store = Store::default();
    held_event(&mut store);
    let db = store.path();
    let list = |db: &std::path::Path| -> Vec<String> {
        let out = plenary_at(db, &["seating", "list", "--json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let seats: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        seats
            .as_array()
            .expect("an array")
            .iter()
            .map(|s| s["country"].as_str().expect("a code").to_owned())
            .collect()
    };
    let set = plenary_at(
        &db,
        &[
            "seating",
            "set",
            "--host",
            "VN",
            "--hosts",
            "ends",
            "--accessible",
            "KR",
        ],
    );
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    // VN first (the hosts at the ends); then Korea, at place 4, moves to the nearest
    // accessible place: 6 (two away) rather than 1 or 7 (three away).
    assert_eq!(list(&db), ["VN", "CI", "IR", "TR", "GB", "KR", "US"]);
    let swap = plenary_at(&db, &["seating", "swap", "CI", "US"]);
    assert!(
        swap.status.success(),
        "{}",
        String::from_utf8_lossy(&swap.stderr)
    );
    assert!(String::from_utf8_lossy(&swap.stdout).contains("1 swap(s) made by hand"));
    assert_eq!(list(&db), ["VN", "US", "IR", "TR", "GB", "KR", "CI"]);
    let same = plenary_at(&db, &["seating", "swap", "CI", "CI"]);
    assert_eq!(same.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&same.stderr).contains("error: b: "));
    let unswap = plenary_at(&db, &["seating", "unswap"]);
    assert!(
        unswap.status.success(),
        "{}",
        String::from_utf8_lossy(&unswap.stderr)
    );
    assert_eq!(list(&db), ["VN", "CI", "IR", "TR", "GB", "KR", "US"]);
    let bad = plenary_at(&db, &["seating", "set", "--accessible-places", "2,x"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("error: accessible_places: "));
}
