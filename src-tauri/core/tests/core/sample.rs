//! The sample seminar.

use crate::{now, Store};
use plenary_core::model::AttendeeFilter;
use plenary_core::{ops, sample};
use uuid::Uuid;

#[test]
fn the_sample_loads_once_with_the_opening_speakers() {
    let mut store = Store::default();
    let first = sample::load(&mut store.conn, now(), Uuid::now_v7).expect("loads");
    assert!(first.created);
    assert_eq!(first.event.timezone, "Asia/Shanghai");
    assert_eq!(
        (
            first.event.start_date.as_str(),
            first.event.end_date.as_str()
        ),
        ("2024-09-03", "2024-09-06")
    );
    assert!(first.event.is_sample, "the sample is marked as such");
    assert!(
        first.event.country_count >= 35,
        "about 40 countries: {}",
        first.event.country_count
    );
    let second = sample::load(&mut store.conn, now(), Uuid::now_v7).expect("loads again");
    assert!(!second.created, "the second load creates nothing");
    assert_eq!(second.event.id, first.event.id);
    assert_eq!(ops::list_events(&store.conn).expect("events").len(), 1);
    for (query, who) in [
        ("ma zhaoxu", "朝旭"),
        ("guterres", "António"),
        ("chen jie", "杰"),
    ] {
        let filter = AttendeeFilter {
            search: Some(query.into()),
            ..Default::default()
        };
        let found = ops::list_attendees(&store.conn, &first.event.id, &filter).expect("search");
        assert!(
            found.iter().any(|a| a.given_name == who),
            "the opening speaker {query} is in the sample"
        );
    }
}
