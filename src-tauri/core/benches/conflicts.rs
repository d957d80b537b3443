//! The conflict check over 500 sessions and 2,000 speaker assignments (target: under 20 ms in
//! the core). Run: `cargo bench -p plenary-core --bench conflicts`.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use plenary_core::schedule::conflicts::{
    check, AssignmentFact, EventFrame, PersonFact, RoomFact, SessionFact, Snapshot,
};
use plenary_core::schedule::model::{Role, SessionType};
use std::collections::HashMap;
use std::hint::black_box;

fn snapshot() -> Snapshot {
    let zone = chrono_tz::Asia::Shanghai;
    let first = zone
        .with_ymd_and_hms(2024, 9, 3, 8, 0, 0)
        .single()
        .expect("instant")
        .with_timezone(&Utc);
    let mut seed: u64 = 42;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let rooms: HashMap<String, RoomFact> = (0..12)
        .map(|r| {
            (
                format!("room{r}"),
                RoomFact {
                    name: format!("Room {r}"),
                    capacity: Some(60),
                },
            )
        })
        .collect();
    let people: HashMap<String, PersonFact> = (0..800)
        .map(|p| {
            (
                format!("p{p}"),
                PersonFact {
                    name: format!("Person {p}"),
                    attending: p % 50 != 0,
                },
            )
        })
        .collect();
    let sessions: Vec<SessionFact> = (0..500)
        .map(|i| {
            let day = next(4) as i64;
            let start = first + Duration::days(day) + Duration::minutes(5 * next(120) as i64);
            SessionFact {
                id: format!("s{i}"),
                title: format!("Session {i}"),
                kind: SessionType::Lecture,
                start,
                end: start + Duration::minutes(30 + 5 * next(18) as i64),
                room_id: if i % 40 == 0 {
                    None
                } else {
                    Some(format!("room{}", next(12)))
                },
                capacity: Some(40),
            }
        })
        .collect();
    let assignments: Vec<AssignmentFact> = (0..2000)
        .map(|i| AssignmentFact {
            session_id: format!("s{}", next(500)),
            person_id: format!("p{}", next(800)),
            role: if i % 7 == 0 {
                Role::VideoAddress
            } else {
                Role::Panelist
            },
        })
        .collect();
    let signups = (0..3000)
        .map(|_| (format!("s{}", next(500)), format!("p{}", next(800))))
        .collect();
    Snapshot {
        event: EventFrame {
            start_date: NaiveDate::from_ymd_opt(2024, 9, 3).expect("date"),
            end_date: NaiveDate::from_ymd_opt(2024, 9, 6).expect("date"),
            zone,
        },
        sessions,
        rooms,
        people,
        assignments,
        signups,
    }
}

fn conflicts(c: &mut Criterion) {
    let s = snapshot();
    let found = check(&s).len();
    eprintln!("the benchmark schedule has {found} warnings");
    c.bench_function("conflict_check_500_sessions_2000_assignments", |b| {
        b.iter(|| check(black_box(&s)))
    });
}

criterion_group!(benches, conflicts);
criterion_main!(benches);
