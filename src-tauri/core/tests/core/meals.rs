//! Meal counts for the caterer: `meals::meal_counts` and `plenary report meals`.

use crate::{now, plenary_at, Store};
use plenary_core::model::{Attendee, AttendeeFilter};
use plenary_core::schedule::ops as sched;
use plenary_core::{meals, ops, sample};
use serde_json::Value;
use std::sync::Arc;
use uuid::Uuid;

/// A store with the sample seminar: the store, the event's id, and its attendees.
fn sample_store() -> (Store, String, Vec<Arc<Attendee>>) {
    let mut store = Store::default();
    let event = sample::load(&mut store.conn, now(), Uuid::now_v7)
        .expect("loads")
        .event;
    let people =
        ops::list_attendees(&store.conn, &event.id, &AttendeeFilter::default()).expect("attendees");
    (store, event.id, people)
}

#[test]
fn the_sample_lunches_count_everyone_by_diet_and_the_counts_add_up() {
    let (store, event_id, people) = sample_store();
    let with = |diet: &str| people.iter().filter(|a| a.dietary == diet).count() as u32;
    let counts = meals::meal_counts(&store.conn, &event_id).expect("counts");
    assert_eq!(
        counts.len(),
        3,
        "the sample has a lunch on each of three days"
    );
    assert!(
        counts.windows(2).all(|w| w[0].start < w[1].start),
        "in time order"
    );
    for meal in &counts {
        assert_eq!(meal.title, "Lunch");
        assert_eq!(meal.total, people.len() as u32, "everyone is expected");
        assert_eq!(meal.counts.values().sum::<u32>(), meal.total);
        assert!(
            with("halal") > 0 && with("vegetarian") > 0,
            "the sample has both"
        );
        assert_eq!(meal.counts["halal"], with("halal"));
        assert_eq!(meal.counts["vegetarian"], with("vegetarian"));
        assert_eq!(meal.counts["gluten_free"], with("gluten-free"));
        assert_eq!(meal.counts["none"], with(""));
        assert_eq!(meal.counts["other: no pork"], with("no pork"));
        assert!(!meal.by_signup);
    }
}

#[test]
fn a_cancelled_person_is_not_expected_and_a_meal_with_sign_ups_expects_only_those() {
    let (mut store, event_id, people) = sample_store();
    let halal: Vec<_> = people.iter().filter(|a| a.dietary == "halal").collect();
    let before = meals::meal_counts(&store.conn, &event_id).expect("counts");
    sched::set_attending(&mut store.conn, &halal[0].id, false).expect("cancels");
    let first_lunch = &before[0].session_id;
    for person in [&halal[1], &halal[2]] {
        sched::sign_up(&mut store.conn, first_lunch, &person.id, now()).expect("signs up");
    }
    // Someone who signed up and then cancelled is not expected either.
    sched::sign_up(&mut store.conn, first_lunch, &halal[0].id, now()).expect("signs up");
    let after = meals::meal_counts(&store.conn, &event_id).expect("counts");
    assert!(after[0].by_signup);
    assert_eq!(after[0].total, 2, "the two attending people signed up");
    assert_eq!(after[0].counts["halal"], 2);
    assert_eq!(after[0].counts.values().sum::<u32>(), 2);
    assert_eq!(after[1].total, before[1].total - 1, "the cancelled person");
    assert_eq!(after[1].counts["halal"], before[1].counts["halal"] - 1);
}

#[test]
fn report_meals_json_keeps_the_contract_keys() {
    let store = Store::default();
    let db = store.path();
    assert!(plenary_at(&db, &["sample"]).status.success());
    let out = plenary_at(&db, &["report", "meals", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meals: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let meals = meals.as_array().expect("an array");
    assert_eq!(meals.len(), 3);
    for meal in meals {
        for key in ["session_id", "title", "start", "total", "counts"] {
            assert!(meal.get(key).is_some(), "{key} in {meal}");
        }
        assert!(meal["start"].as_str().expect("start").ends_with("+08:00"));
        let sum: u64 = meal["counts"]
            .as_object()
            .expect("counts is an object")
            .values()
            .map(|n| n.as_u64().expect("a number"))
            .sum();
        assert_eq!(Some(sum), meal["total"].as_u64());
    }
    let text = plenary_at(&db, &["report", "meals"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("2024-09-03 12:00  Lunch: "), "{text}");
    assert!(text.contains("halal"), "{text}");
}

#[test]
fn report_meals_on_an_event_without_meals_says_so() {
    let store = Store::default();
    let db = store.path();
    let created = plenary_at(
        &db,
        &[
            "event",
            "create",
            "--name",
            "Workshop",
            "--start",
            "2025-01-01",
            "--end",
            "2025-01-02",
            "--timezone",
            "Europe/Zurich",
        ],
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let out = plenary_at(&db, &["report", "meals", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    let text = plenary_at(&db, &["report", "meals"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("No meals"));
}
