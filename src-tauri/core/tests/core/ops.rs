//! The verbs of `ops`: events, attendees, search, sorting and delegations.

use crate::{family_first, id, now, person, seminar, store_with_event, Store};
use plenary_core::model::{AttendeeFilter, AttendeeInput, EventInput};
use plenary_core::{ops, Error};

fn search(store: &Store, event: &str, q: &str) -> Vec<String> {
    let filter = AttendeeFilter {
        search: Some(q.into()),
        ..Default::default()
    };
    ops::list_attendees(&store.conn, event, &filter)
        .expect("search runs")
        .into_iter()
        .map(|a| format!("{} {}", a.given_name, a.family_name))
        .collect()
}

fn field_names(err: Error) -> Vec<String> {
    match err {
        Error::Validation(fields) => fields.into_iter().map(|f| f.field).collect(),
        other => vec![format!("not a validation error: {other}")],
    }
}

#[test]
fn an_event_is_created_listed_updated_and_deleted() {
    let (mut store, event) = store_with_event();
    let listed = ops::list_events(&store.conn).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].timezone, "Asia/Shanghai",
        "the event keeps its IANA zone"
    );
    let renamed = EventInput {
        name: "Renamed".into(),
        ..seminar()
    };
    let updated = ops::update_event(&mut store.conn, &event, &renamed, now()).expect("update");
    assert_eq!(updated.name, "Renamed");
    ops::register_attendee(
        &mut store.conn,
        &event,
        id(2),
        &person("Ana", "Silva", "BR"),
        now(),
    )
    .expect("add");
    ops::delete_event(&mut store.conn, &event).expect("delete");
    let count: u32 = store
        .conn
        .query_row("SELECT count(*) FROM attendee", [], |r| r.get(0))
        .expect("count");
    assert_eq!(count, 0, "deleting an event deletes its attendees");
}

#[test]
fn search_finds_any_script_any_case_any_accent() {
    let (mut store, event) = store_with_event();
    for (n, p) in [
        family_first("伟", "张", "CN"),
        person("Jürgen", "Müller", "DE"),
        person("Ольга", "Иванова", "RU"),
        person("Fatima", "Al-Zahra", "EG"),
    ]
    .iter()
    .enumerate()
    {
        ops::register_attendee(&mut store.conn, &event, id(10 + n as u128), p, now())
            .expect("a valid attendee");
    }
    let cases: &[(&str, &[&str])] = &[
        ("muller", &["Jürgen Müller"]),
        ("MÜLLER", &["Jürgen Müller"]),
        ("zhang", &["伟 张"]),
        ("张", &["伟 张"]),
        ("张伟", &["伟 张"]),
        ("zhang wei", &["伟 张"]),
        ("wei zhang", &["伟 张"]),
        ("jurgen muller", &["Jürgen Müller"]),
        ("muller jurgen", &["Jürgen Müller"]),
        ("ivanova", &["Ольга Иванова"]),
        ("иван", &["Ольга Иванова"]),
        ("al zahra", &["Fatima Al-Zahra"]),
        ("nobody", &[]),
    ];
    for (query, expected) in cases {
        assert_eq!(search(&store, &event, query), *expected, "query {query:?}");
    }
}

#[test]
fn lists_sort_by_family_name_with_icu_collation() {
    let (mut store, event) = store_with_event();
    let people = [
        person("Zoe", "Zuma", "ZA"),
        person("Émile", "Ébrard", "FR"),
        person("Ed", "Eaton", "GB"),
        family_first("朝旭", "马", "CN"),
        person("Ali", "abbas", "EG"),
    ];
    for (n, p) in people.iter().enumerate() {
        let mut p = p.clone();
        if p.family_name == "马" {
            p.family_name_latin = "Ma".into();
            p.given_name_latin = "Zhaoxu".into();
        }
        ops::register_attendee(&mut store.conn, &event, id(20 + n as u128), &p, now())
            .expect("valid");
    }
    let order: Vec<String> = ops::list_attendees(&store.conn, &event, &AttendeeFilter::default())
        .expect("list")
        .into_iter()
        .map(|a| a.family_name.clone())
        .collect();
    assert_eq!(
        order,
        ["abbas", "Eaton", "Ébrard", "马", "Zuma"],
        "case and accents sort beside their base letter; 马 files under its Latin form Ma"
    );
}

#[test]
fn a_duplicate_email_is_refused_without_storing_anything() {
    let (mut store, event) = store_with_event();
    let first = AttendeeInput {
        email: "a.silva@example.org".into(),
        ..person("Ana", "Silva", "BR")
    };
    ops::register_attendee(&mut store.conn, &event, id(2), &first, now()).expect("first");
    let second = AttendeeInput {
        email: "A.Silva@Example.org".into(),
        ..person("Ana", "Souza", "BR")
    };
    let err = ops::register_attendee(&mut store.conn, &event, id(3), &second, now())
        .expect_err("same email, other case");
    assert_eq!(
        field_names(err),
        ["email"],
        "the error names the email field"
    );
    let all = ops::list_attendees(&store.conn, &event, &AttendeeFilter::default()).expect("list");
    assert_eq!(all.len(), 1, "the refused attendee was not stored");
}

#[test]
fn an_update_keeps_its_own_email_and_validates() {
    let (mut store, event) = store_with_event();
    let input = AttendeeInput {
        email: "x@example.org".into(),
        ..person("Ana", "Silva", "BR")
    };
    let a = ops::register_attendee(&mut store.conn, &event, id(2), &input, now()).expect("add");
    let same_email = AttendeeInput {
        position: "Director".into(),
        ..input.clone()
    };
    let updated =
        ops::update_attendee(&mut store.conn, &a.id, &same_email, now()).expect("own email is ok");
    assert_eq!(updated.position, "Director");
    let bad = AttendeeInput {
        country: "QQ".into(),
        ..input
    };
    let err = ops::update_attendee(&mut store.conn, &a.id, &bad, now()).expect_err("bad country");
    assert_eq!(field_names(err), ["country"]);
    let stored = ops::get_attendee(&store.conn, &a.id).expect("still there");
    assert_eq!(stored.country, "BR", "a refused update changes nothing");
}

#[test]
fn custom_categories_become_valid_for_their_event() {
    let (mut store, event) = store_with_event();
    let vip = AttendeeInput {
        category: "observer".into(),
        ..person("Ana", "Silva", "BR")
    };
    let err = ops::register_attendee(&mut store.conn, &event, id(2), &vip, now()).expect_err("");
    assert_eq!(
        field_names(err),
        ["category"],
        "an unknown category is refused"
    );
    let cat = ops::add_category(&mut store.conn, &event, "Observer").expect("added");
    assert_eq!(cat.key, "observer");
    ops::register_attendee(&mut store.conn, &event, id(3), &vip, now()).expect("now valid");
}

#[test]
fn delegations_count_by_country_and_check_their_head() {
    let (mut store, event) = store_with_event();
    let a = ops::register_attendee(
        &mut store.conn,
        &event,
        id(2),
        &person("Ana", "Silva", "BR"),
        now(),
    )
    .expect("add");
    ops::register_attendee(
        &mut store.conn,
        &event,
        id(3),
        &person("Rui", "Costa", "BR"),
        now(),
    )
    .expect("add");
    let k = ops::register_attendee(
        &mut store.conn,
        &event,
        id(4),
        &person("Aru", "Sadyk", "KZ"),
        now(),
    )
    .expect("add");
    let err = ops::set_delegation_head(&mut store.conn, &event, "BR", Some(&k.id))
        .expect_err("a Kazakh official cannot head Brazil's delegation");
    assert_eq!(field_names(err), ["head_id"]);
    ops::set_delegation_head(&mut store.conn, &event, "br", Some(&a.id)).expect("head");
    let list = ops::list_delegations(&store.conn, &event).expect("delegations");
    let counts: Vec<(&str, u32)> = list.iter().map(|d| (d.country.as_str(), d.count)).collect();
    assert_eq!(counts, [("BR", 2), ("KZ", 1)]);
    assert_eq!(
        list[0].head_name.as_deref(),
        Some("Ana SILVA"),
        "UN capitals by default"
    );
    let mut moved = person("Ana", "Silva", "PT");
    moved.email = String::new();
    ops::update_attendee(&mut store.conn, &a.id, &moved, now()).expect("moves to Portugal");
    let list = ops::list_delegations(&store.conn, &event).expect("delegations");
    assert_eq!(
        list[0].head_id, None,
        "she no longer heads Brazil's delegation"
    );
    ops::set_delegation_head(&mut store.conn, &event, "pt", Some(&a.id)).expect("heads Portugal");
    ops::delete_attendee(&mut store.conn, &a.id).expect("delete the head");
    let list = ops::list_delegations(&store.conn, &event).expect("delegations");
    assert_eq!(
        list[0].head_id, None,
        "deleting the head clears the delegation's head"
    );
}

#[test]
fn the_only_event_is_implied_and_several_are_not() {
    let (mut store, event) = store_with_event();
    assert_eq!(
        ops::resolve_event(&store.conn, None).expect("one event"),
        event
    );
    ops::create_event(&mut store.conn, crate::id(99), &seminar(), now()).expect("second");
    let err = ops::resolve_event(&store.conn, None).expect_err("two events");
    assert!(
        err.to_string().contains("--event"),
        "the message says how to choose: {err}"
    );
}
