//! Printing speed, through the same `print::print` the app and the CLI use (data from the
//! store, typst layout, PDF):
//!
//! - a daily agenda of four rooms in parallel (a grid of 24 sessions, two speakers each);
//! - badges for 500 people in Latin, Chinese, Arabic, Cyrillic, Devanagari and Thai.
//!
//! Each figure is the median of seven runs, with typst's memoised layouts forgotten before
//! every run (so nothing is reused from the run before; the app's preview is often faster).
//! The first run of the process also finds the system's fonts; it is reported on its own.
//! Run with `cargo bench -p plenary-core --bench print`; results in docs/benchmarks.md.

use chrono::{NaiveDate, Utc};
use plenary_core::model::{AttendeeInput, EventInput, NameOrder};
use plenary_core::print::{self, DocumentKind, PrintRequest};
use plenary_core::schedule::model::{Role, RoomInput, SessionInput, SessionType};
use plenary_core::schedule::ops as sched;
use plenary_core::{db, ops};
use std::time::{Duration, Instant};
use uuid::Uuid;

const PEOPLE: [(&str, &str, &str, NameOrder); 8] = [
    ("朝旭", "马", "CN", NameOrder::FamilyFirst),
    ("هشام", "النجار", "EG", NameOrder::GivenFirst),
    ("Ольга", "Иванова", "RU", NameOrder::GivenFirst),
    ("प्रिया", "शर्मा", "IN", NameOrder::GivenFirst),
    ("สมชาย", "สุขสวัสดิ์", "TH", NameOrder::GivenFirst),
    (
        "João Pedro",
        "Gonçalves Araújo",
        "BR",
        NameOrder::GivenFirst,
    ),
    ("Thị Hương", "Nguyễn", "VN", NameOrder::FamilyFirst),
    ("Abebe", "Tadesse", "ET", NameOrder::GivenFirst),
];

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut conn = db::open(&dir.path().join("bench.db")).expect("the store opens");
    let now = Utc::now();
    let event = ops::create_event(
        &mut conn,
        Uuid::now_v7(),
        &EventInput {
            name: "Benchmark seminar on artificial intelligence capacity-building".into(),
            venue: "Conference centre".into(),
            city: "Shanghai".into(),
            start_date: "2024-09-03".into(),
            end_date: "2024-09-06".into(),
            timezone: "Asia/Shanghai".into(),
            organizers: vec![],
            family_name_upper: true,
            language: plenary_core::Lang::En,
        },
        now,
    )
    .expect("event")
    .id;
    let mut people = Vec::new();
    for i in 0..500 {
        let (given, family, country, order) = PEOPLE[i % PEOPLE.len()];
        let input = AttendeeInput {
            honorific: if i % 3 == 0 {
                "H.E. Mr".into()
            } else {
                "Dr".into()
            },
            given_name: format!("{given}{}", i / PEOPLE.len()),
            family_name: family.into(),
            name_order: order,
            country: country.into(),
            organization: "Ministry of Science, Technology and Digital Transformation".into(),
            category: ["official", "expert", "speaker", "press"][i % 4].into(),
            ..AttendeeInput::default()
        };
        people.push(
            ops::register_attendee(&mut conn, &event, Uuid::now_v7(), &input, now)
                .expect("attendee")
                .id,
        );
    }
    let rooms: Vec<String> = (1..=4)
        .map(|n| {
            let input = RoomInput {
                name: format!("Meeting Room {n}"),
                ..RoomInput::default()
            };
            sched::add_room(&mut conn, &event, Uuid::now_v7(), &input, now)
                .expect("room")
                .id
        })
        .collect();
    let mut speaker = 0;
    for slot in 0..6 {
        for room in &rooms {
            let start = 9 * 60 + slot * 75;
            let input = SessionInput {
                title: format!("Parallel session {slot}: national strategies for trustworthy AI"),
                kind: [SessionType::Lecture, SessionType::Panel][slot as usize % 2],
                start: format!("2024-09-03 {:02}:{:02}", start / 60, start % 60),
                end: format!(
                    "2024-09-03 {:02}:{:02}",
                    (start + 60) / 60,
                    (start + 60) % 60
                ),
                room_id: Some(room.clone()),
                description: String::new(),
                capacity: None,
                track: String::new(),
            };
            let session = sched::add_session(&mut conn, &event, Uuid::now_v7(), &input, now)
                .expect("session");
            for role in [Role::Moderator, Role::Panelist] {
                sched::assign_speaker(
                    &mut conn,
                    Uuid::now_v7(),
                    &session.id,
                    &people[speaker % people.len()],
                    role,
                    "",
                    now,
                )
                .expect("speaker");
                speaker += 1;
            }
        }
    }
    let today = NaiveDate::from_ymd_opt(2024, 9, 1).expect("date");
    let mut agenda = PrintRequest::new(&event, DocumentKind::Agenda);
    agenda.day = Some("2024-09-03".into());
    let badges = PrintRequest::new(&event, DocumentKind::Badges);

    let started = Instant::now();
    let first = print::print(&conn, &agenda, today).expect("agenda");
    println!(
        "first agenda of the process (finds the fonts too): {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let grid = print::data::build(&conn, &agenda, today).expect("data");
    assert!(!grid.data["day"]["grid"].is_null(), "the agenda is a grid");
    println!("agenda: {} page(s), {} bytes", first.pages, first.pdf.len());

    for (name, request, runs) in [
        ("4-room daily agenda", &agenda, 7),
        ("badges for 500 people", &badges, 7),
    ] {
        let mut times = Vec::new();
        let mut pages = 0;
        for _ in 0..runs {
            print::engine::forget_layouts();
            let started = Instant::now();
            let printed = print::print(&conn, request, today).expect("prints");
            times.push(started.elapsed());
            pages = printed.pages;
            assert!(
                printed.missing_glyphs.is_empty(),
                "{:?}",
                printed.missing_glyphs
            );
        }
        let best = *times.iter().min().expect("runs");
        println!(
            "{name}: median {:.0} ms (fastest {:.0} ms) over {runs} runs, {pages} pages",
            median(times).as_secs_f64() * 1e3,
            best.as_secs_f64() * 1e3
        );
    }
}
