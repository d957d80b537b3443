//! Attendee search at 50,000 attendees (target: under 5 ms per query in the core), as the
//! app runs it: through the directory cache, which is current unless attendees changed.
//! Run: `cargo bench -p plenary-core --bench search`. Results go in docs/benchmarks.md.

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use plenary_core::directory::DirectoryCache;
use plenary_core::model::{AttendeeFilter, AttendeeInput, NameOrder};
use plenary_core::store::attendees;
use plenary_core::{db, ops};
use std::hint::black_box;
use uuid::Uuid;

const ATTENDEES: usize = 50_000;

const GIVEN: &[&str] = &[
    "Ana",
    "Jürgen",
    "Ольга",
    "محمد",
    "Thị Hương",
    "Kwame",
    "Priya",
    "Somchai",
    "Aigerim",
    "伟",
    "芳",
    "Fatima",
    "José",
    "Chidi",
    "Nguyễn",
    "Élodie",
    "Tomás",
    "Ayşe",
    "Rahul",
    "静",
];
const FAMILY: &[&str] = &[
    "Silva",
    "Müller",
    "Иванова",
    "العلي",
    "Nguyễn",
    "Mensah",
    "Sharma",
    "Saetang",
    "Nurlanova",
    "张",
    "王",
    "Haddad",
    "García",
    "Okafor",
    "Trần",
    "Dubois",
    "Pereira",
    "Yılmaz",
    "Gupta",
    "李",
];
const COUNTRIES: &[&str] = &["BR", "DE", "RU", "EG", "VN", "GH", "IN", "TH", "KZ", "CN"];

fn populate(conn: &mut db::Connection, count: usize) -> String {
    let now = Utc
        .with_ymd_and_hms(2024, 8, 1, 0, 0, 0)
        .single()
        .expect("instant");
    let event = ops::create_event(
        conn,
        Uuid::now_v7(),
        &plenary_core::sample::event_input(),
        now,
    )
    .expect("event");
    let tx = conn.write_transaction().expect("tx");
    let mut seed: u64 = 0x2024_0903;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    for i in 0..count {
        let input = AttendeeInput {
            given_name: GIVEN[next(GIVEN.len())].into(),
            family_name: format!("{}{}", FAMILY[next(FAMILY.len())], i % 97),
            name_order: NameOrder::GivenFirst,
            country: COUNTRIES[next(COUNTRIES.len())].into(),
            organization: format!("Ministry {}", i % 300),
            category: "official".into(),
            email: format!("person{i}@example.org"),
            ..AttendeeInput::default()
        };
        attendees::insert(
            &tx,
            &Uuid::now_v7().to_string(),
            &event.id,
            &input,
            "2024-08-01T00:00:00Z",
            None,
        )
        .expect("insert");
    }
    tx.commit().expect("commit");
    event.id
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut conn = db::open(&dir.path().join("bench.db")).expect("open");
    let event = populate(&mut conn, ATTENDEES);
    let cache = DirectoryCache::default();
    let mut group = c.benchmark_group("attendee_search_50k");
    for (label, query) in [
        ("latin_rare", "muller42"),
        ("latin_common", "silva"),
        ("transliterated_cjk", "zhang"),
        ("cjk", "张"),
        ("cyrillic", "иванова"),
        ("two_words", "ana silva1"),
    ] {
        let filter = AttendeeFilter {
            search: Some(query.into()),
            ..Default::default()
        };
        group.bench_function(label, |b| {
            b.iter(|| {
                ops::list_attendees_cached(&conn, &cache, &event, black_box(&filter))
                    .expect("search")
            })
        });
    }
    let everyone = AttendeeFilter::default();
    group.sample_size(20);
    group.bench_function("no_filter_all_50k_sorted", |b| {
        b.iter(|| {
            ops::list_attendees_cached(&conn, &cache, &event, black_box(&everyone)).expect("list")
        })
    });
    // The cost after any change: reading the whole list again from SQLite.
    group.bench_function("reload_after_a_change", |b| {
        b.iter(|| ops::list_attendees(&conn, &event, black_box(&everyone)).expect("load"))
    });
    group.finish();
}

/// The registration desk's type-ahead at 5,000 attendees (target: under 10 ms).
fn desk_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut conn = db::open(&dir.path().join("desk.db")).expect("open");
    let event = populate(&mut conn, 5_000);
    let cache = DirectoryCache::default();
    let mut group = c.benchmark_group("desk_search_5k");
    for (label, query) in [
        ("latin_prefix", "silv"),
        ("cjk", "张"),
        ("two_words", "ana silva1"),
    ] {
        let filter = AttendeeFilter {
            search: Some(query.into()),
            ..Default::default()
        };
        group.bench_function(label, |b| {
            b.iter(|| {
                ops::list_attendees_cached(&conn, &cache, &event, black_box(&filter))
                    .expect("search")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, search, desk_search);
criterion_main!(benches);
