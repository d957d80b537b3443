//! Printing: every document kind from the sample seminar, read back with `pdftotext` and
//! `pdfinfo` (poppler-utils): titles, names in Chinese, Arabic and Cyrillic, roles, times in
//! the event's zone, page counts, paper sizes, and the errors that name their field.

use crate::{add, field_of, id, now, person, plenary_at, seminar, Store};
use plenary_core::model::{AttendeeFilter, AttendeeInput};
use plenary_core::print::{self, AgendaLayout, DocumentKind, Paper, PrintRequest, Printed};
use plenary_core::schedule::model::{Role, RoomInput, SessionInput, SessionType};
use plenary_core::schedule::ops as sched;
use plenary_core::{ops, sample};
use std::process::Command;
use uuid::Uuid;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 8, 30).expect("a date")
}

fn sample_store() -> (Store, String) {
    let mut store = Store::default();
    let event = sample::load(&mut store.conn, now(), Uuid::now_v7)
        .expect("the sample loads")
        .event;
    (store, event.id)
}

pub(crate) fn request(event: &str, kind: DocumentKind) -> PrintRequest {
    PrintRequest::new(event, kind)
}

pub(crate) fn print_ok(store: &Store, request: &PrintRequest) -> Printed {
    print::print(&store.conn, request, today())
        .unwrap_or_else(|e| panic!("{:?} prints: {e}", request.kind))
}

/// Writes the PDF and runs a poppler tool on it.
fn poppler(printed: &Printed, tool: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, &printed.pdf).expect("the PDF is written");
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} reads the PDF");
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

pub(crate) fn text(printed: &Printed) -> String {
    poppler(printed, "pdftotext", &[])
}

/// `pdfinfo` takes no output argument.
pub(crate) fn info(printed: &Printed) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, &printed.pdf).expect("the PDF is written");
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs (install poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Checks that each phrase is in the text, whatever the line breaks.
fn assert_has(text: &str, wanted: &[&str]) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for w in wanted {
        assert!(text.contains(w), "the PDF says {w:?}; it reads:\n{text}");
    }
}

#[test]
fn the_daily_agenda_shows_sessions_speakers_roles_and_local_times() {
    let (store, event) = sample_store();
    let mut req = request(&event, DocumentKind::Agenda);
    req.day = Some("2024-09-03".into());
    let printed = print_ok(&store, &req);
    assert_eq!(printed.pages, 1);
    assert_eq!(printed.file_name, "agenda-2024-09-03.pdf");
    assert!(
        printed.missing_glyphs.is_empty(),
        "{:?}",
        printed.missing_glyphs
    );
    let t = text(&printed);
    assert_has(
        &t,
        &[
            "Tuesday, 3 September 2024",
            // 01:00 UTC is 09:00 in Shanghai.
            "09:00–10:00",
            "Opening ceremony",
            "Main Plenary Hall",
            "Keynote: capacity-building of AI for all",
            "H.E. Mr MA Zhaoxu 马朝旭 — Video address (remote)",
            "Keynote speaker",
            "هشام النجار",
            "Asia/Shanghai (UTC+08:00)",
            "Printed 30 August 2024",
            "Page 1 of 1",
        ],
    );
    assert!(
        !t.contains("Large language models"),
        "the next day's sessions stay off this day's agenda"
    );
}

#[test]
fn the_programme_has_a_cover_and_every_day() {
    let (store, event) = sample_store();
    let printed = print_ok(&store, &request(&event, DocumentKind::Programme));
    assert_eq!(printed.pages, 5, "a cover and one page per day");
    let t = text(&printed);
    assert_has(
        &t,
        &[
            "3–6 September 2024",
            "Shanghai International Conference Center",
            "Tuesday, 3 September 2024",
            "Friday, 6 September 2024",
            "Site visit: AI innovation park",
            "Closing ceremony",
            "Page 5 of 5",
        ],
    );
}

#[test]
fn a_room_door_sheet_lists_only_that_room_on_that_day() {
    let (store, event) = sample_store();
    let mut req = request(&event, DocumentKind::Room);
    req.day = Some("2024-09-03".into());
    req.room = Some("main plenary hall".into());
    let printed = print_ok(&store, &req);
    assert_eq!(printed.file_name, "room-main-plenary-hall-2024-09-03.pdf");
    let t = text(&printed);
    assert_has(
        &t,
        &["Main Plenary Hall", "Opening ceremony", "10:30–11:30"],
    );
    assert!(
        !t.contains("Machine learning foundations"),
        "Meeting Room A's lecture is not here"
    );
    assert!(
        !t.contains("Coffee break"),
        "a break without a room is not on a door"
    );
}

#[test]
fn personal_agendas_give_each_person_a_page_with_roles_sign_ups_and_meeting_points() {
    let (mut store, event) = sample_store();
    let sessions = sched::list_sessions(&store.conn, &event, None).expect("sessions");
    let visit = sessions
        .iter()
        .find(|s| s.kind == SessionType::SiteVisit)
        .expect("the sample has a site visit");
    let guest = add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            honorific: "Ms".into(),
            ..person("Ольга", "Иванова", "RU")
        },
    )
    .expect("registers");
    sched::sign_up(&mut store.conn, &visit.id, &guest.id, now()).expect("signs up");

    let mut req = request(&event, DocumentKind::Person);
    req.person = Some(guest.id.clone());
    let printed = print_ok(&store, &req);
    assert_eq!(printed.pages, 1);
    let t = text(&printed);
    assert_has(
        &t,
        &[
            "Ms Ольга ИВАНОВА",
            "Site visit: AI innovation park",
            "You signed up for this session.",
            "Meet at",
            "departure at",
        ],
    );

    // A delegation: one page each at least, and each person's name on their own page.
    let mut req = request(&event, DocumentKind::Person);
    req.country = Some("cn".into());
    let printed = print_ok(&store, &req);
    let chinese = ops::list_attendees(
        &store.conn,
        &event,
        &AttendeeFilter {
            country: Some("CN".into()),
            ..AttendeeFilter::default()
        },
    )
    .expect("list")
    .into_iter()
    .filter(|a| a.attending)
    .count();
    assert!(
        printed.pages as usize >= chinese,
        "each person starts a page"
    );
    assert_eq!(printed.file_name, "agenda-CN.pdf");
    let t = text(&printed);
    assert_has(
        &t,
        &["MA Zhaoxu 马朝旭", "Your role: Video address (remote)"],
    );
    assert!(!t.contains("ИВАНОВА"), "only the Chinese delegation");
}

#[test]
fn a_speaker_briefing_has_order_co_speakers_and_a_remote_speakers_own_time() {
    let (mut store, event) = sample_store();
    let sessions = sched::list_sessions(&store.conn, &event, None).expect("sessions");
    let panel = sessions
        .iter()
        .find(|s| s.kind == SessionType::Panel)
        .expect("the sample has a panel");
    let remote = add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            honorific: "Dr".into(),
            ..person("Ana", "Costa", "BR")
        },
    )
    .expect("registers");
    sched::assign_speaker(
        &mut store.conn,
        Uuid::now_v7(),
        &panel.id,
        &remote.id,
        Role::VideoAddress,
        "America/Sao_Paulo",
        now(),
    )
    .expect("assigned");
    let mut req = request(&event, DocumentKind::Briefing);
    req.person = Some(remote.id.clone());
    let printed = print_ok(&store, &req);
    let t = text(&printed);
    let speakers = panel.speakers.len() + 1;
    assert_has(
        &t,
        &[
            "SPEAKER BRIEFING",
            "Dr Ana COSTA",
            "Panel: governing AI safely and fairly",
            "11:00–12:30",
            // 11:00 in Shanghai (UTC+8) is 00:00 in São Paulo (UTC−3).
            "00:00–01:30 on Wednesday 4 September, America/Sao_Paulo time (UTC-03:00)",
            "Video address (remote)",
            &format!("Speaker {speakers} of {speakers}"),
            "Moderator",
        ],
    );

    // Someone without talks gets a clear refusal that names the field.
    let mut req = request(&event, DocumentKind::Briefing);
    let guest = add(&mut store.conn, &event, &person("Li", "Wei", "CN")).expect("registers");
    req.person = Some(guest.id);
    let err = print::print(&store.conn, &req, today()).expect_err("nothing to brief");
    assert_eq!(field_of(err), "person");
}

#[test]
fn badges_are_four_to_a_sheet_with_names_countries_and_categories() {
    let (store, event) = sample_store();
    let everyone = ops::list_attendees(&store.conn, &event, &AttendeeFilter::default())
        .expect("list")
        .into_iter()
        .filter(|a| a.attending)
        .count();
    let printed = print_ok(&store, &request(&event, DocumentKind::Badges));
    assert_eq!(
        printed.pages as usize,
        everyone.div_ceil(4),
        "ceil({everyone}/4) sheets"
    );
    assert_has(&info(&printed), &["(A4)"]);

    let mut req = request(&event, DocumentKind::Badges);
    req.country = Some("RU".into());
    let printed = print_ok(&store, &req);
    let russians = ops::list_attendees(
        &store.conn,
        &event,
        &AttendeeFilter {
            country: Some("RU".into()),
            ..AttendeeFilter::default()
        },
    )
    .expect("list")
    .len();
    assert_eq!(printed.pages as usize, russians.div_ceil(4));
    let t = text(&printed);
    assert_has(&t, &["Russian Federation", "МОРОЗОВ-БЕЛОВ"]);
    assert!(!t.contains("China"), "one delegation only");
}

#[test]
fn name_plates_print_each_name_twice_on_its_own_sheet() {
    let (store, event) = sample_store();
    let mut req = request(&event, DocumentKind::Plates);
    req.country = Some("EG".into());
    let printed = print_ok(&store, &req);
    let t = text(&printed);
    let egyptians = ops::list_attendees(
        &store.conn,
        &event,
        &AttendeeFilter {
            country: Some("EG".into()),
            ..AttendeeFilter::default()
        },
    )
    .expect("list")
    .len();
    assert_eq!(printed.pages as usize, egyptians);
    assert_eq!(
        t.matches("EGYPT").count(),
        2 * egyptians,
        "both faces of every plate"
    );
}

#[test]
fn the_check_in_list_groups_by_country_with_counts() {
    let (mut store, event) = sample_store();
    let first = ops::list_attendees(&store.conn, &event, &AttendeeFilter::default()).expect("list")
        [0]
    .clone();
    plenary_core::desk::check_in(&mut store.conn, &first.id, now()).expect("checks in");
    let printed = print_ok(&store, &request(&event, DocumentKind::Checkin));
    let t = text(&printed);
    assert_has(
        &t,
        &[
            "CHECK-IN LIST",
            "1 already checked in",
            "Algeria",
            "China",
            "Checked in",
        ],
    );
    let algeria = t.find("Algeria").expect("Algeria");
    let china = t.find("China ·").expect("China's group");
    assert!(algeria < china, "countries in alphabetical order");
}

#[test]
fn the_caterers_sheet_has_a_page_per_day_with_counts_and_allergies_by_name() {
    let (mut store, event) = sample_store();
    let mut allergic = person("Olga", "Ivanova", "RU");
    allergic.dietary = "Allergy: peanuts".into();
    add(&mut store.conn, &event, &allergic).expect("registers");
    let counts = plenary_core::meals::meal_counts(&store.conn, &event).expect("counts");
    let printed = print_ok(&store, &request(&event, DocumentKind::Meals));
    assert_eq!(printed.pages, 3, "one page for each day with a lunch");
    let t = text(&printed);
    let halal = counts[0].counts["halal"];
    assert!(halal > 0, "the sample has halal meals");
    assert_has(
        &t,
        &[
            "MEAL COUNTS",
            "Tuesday, 3 September 2024",
            "Lunch",
            &format!("{} expected", counts[0].total),
            "Halal",
            "Kosher",
            "Other: no pork",
            "Allergies and intolerances, by person",
            "Olga IVANOVA",
            "Allergy: peanuts",
        ],
    );
    // Each need is followed by its count (the text reads row by row).
    assert_has(
        &t,
        &[
            &format!("Halal {halal} Kosher 1"),
            "Allergies and intolerances 1",
        ],
    );
}

#[test]
fn the_caterers_sheet_of_an_event_without_meals_says_how_to_have_some() {
    let mut store = Store::default();
    let event = ops::create_event(&mut store.conn, id(1), &seminar(), now()).expect("event");
    let printed = print_ok(&store, &request(&event.id, DocumentKind::Meals));
    assert_has(&text(&printed), &["No meals in the programme"]);
}

#[test]
fn the_seating_plan_and_the_name_plates_follow_the_un_order_from_the_drawn_country() {
    let (mut store, event) = sample_store();
    let printed = print_ok(&store, &request(&event, DocumentKind::Seating));
    assert_has(
        &text(&printed),
        &[
            "SEATING PLAN",
            "PODIUM",
            "No country drawn yet",
            "Delegations in the English alphabetical order of their UN short names.",
            "2 seats per delegation.",
        ],
    );
    plenary_core::seating::set_first(&mut store.conn, &event, "TR", now()).expect("sets");
    let printed = print_ok(&store, &request(&event, DocumentKind::Seating));
    let t = text(&printed);
    assert_has(
        &t,
        &["Türkiye sits first", "1 Türkiye", "2 United Arab Emirates"],
    );
    let plan = plenary_core::seating::plan(&store.conn, &event).expect("plan");
    let last = &plan.seats.last().expect("a seat").name;
    assert_has(&t, &[&format!("{} {last}", plan.seats.len())]);

    // The name plates come out in the same order: Türkiye first, then the United Arab
    // Emirates, and Sri Lanka's after them (it wraps round to the end).
    let plates = text(&print_ok(&store, &request(&event, DocumentKind::Plates)));
    let at = |name: &str| {
        plates
            .find(name)
            .unwrap_or_else(|| panic!("{name} in the plates"))
    };
    assert!(at("TÜRKIYE") < at("UNITED ARAB EMIRATES"));
    assert!(at("UNITED ARAB EMIRATES") < at("ALGERIA"));
    assert!(at("ALGERIA") < at("SRI LANKA"));
}

#[test]
fn every_kind_previews_as_svg_pages() {
    let (store, event) = sample_store();
    for kind in DocumentKind::ALL {
        let mut req = request(&event, kind);
        req.day = Some("2024-09-03".into());
        req.room = Some("Main Plenary Hall".into());
        req.letter = Some(plenary_core::letters::LetterKind::Certificate);
        if kind == DocumentKind::Letter {
            // Certificates go to people checked in; nobody is yet, so say so first.
            let refused = print::preview(&store.conn, &req, today(), 2)
                .expect_err("no certificate before anyone is checked in");
            assert!(refused.to_string().contains("person"), "{refused}");
            req.letter = Some(plenary_core::letters::LetterKind::Invitation);
        }
        let preview = print::preview(&store.conn, &req, today(), 2)
            .unwrap_or_else(|e| panic!("{kind:?} previews: {e}"));
        assert!(preview.page_count >= 1, "{kind:?}");
        assert_eq!(
            preview.pages.len(),
            preview.page_count.min(2) as usize,
            "{kind:?}"
        );
        assert!(
            preview.pages.iter().all(|p| p.starts_with("<svg")),
            "{kind:?}"
        );
    }
}

#[test]
fn letter_paper_is_us_letter() {
    let (store, event) = sample_store();
    let mut req = request(&event, DocumentKind::Agenda);
    req.day = Some("2024-09-04".into());
    req.paper = Paper::Letter;
    let printed = print_ok(&store, &req);
    assert_has(&info(&printed), &["612 x 792 pts (letter)"]);
}

#[test]
fn names_that_look_like_markup_print_literally() {
    let (mut store, event) = sample_store();
    for (given, family) in [("#set page(width: 2cm)", "*bold*"), ("$x^2$", "#{panic()}")] {
        add(&mut store.conn, &event, &person(given, family, "FR")).expect("registers");
    }
    let mut req = request(&event, DocumentKind::Badges);
    req.country = Some("FR".into());
    let printed = print_ok(&store, &req);
    let t = text(&printed);
    assert_has(
        &t,
        &["#set page(width: 2cm)", "*BOLD*", "$x^2$", "#{PANIC()}"],
    );
    assert_has(&info(&printed), &["(A4)"]);
}

#[test]
fn a_character_without_a_font_is_named_not_printed_silently() {
    let (mut store, event) = sample_store();
    // Nag Mundari (U+1E4D0, Unicode 15): no font in Debian's Noto packages or typst's
    // embedded fonts draws it.
    add(
        &mut store.conn,
        &event,
        &person("Amina", "Bel\u{1E4D0}", "DZ"),
    )
    .expect("registers");
    let mut req = request(&event, DocumentKind::Badges);
    req.country = Some("DZ".into());
    let printed = print_ok(&store, &req);
    assert!(
        printed
            .missing_glyphs
            .iter()
            .any(|m| m.contains('\u{1E4D0}')),
        "the missing character is reported: {:?}",
        printed.missing_glyphs
    );
    let mut req = request(&event, DocumentKind::Badges);
    req.country = Some("CN".into());
    assert!(
        print_ok(&store, &req).missing_glyphs.is_empty(),
        "Chinese names have a font"
    );
}

/// A store with four rooms and a day of parallel tracks, each talk with a long title.
fn busy_day(sessions_per_room: u32) -> (Store, String) {
    let (mut store, event) = crate::store_with_event();
    let speaker = add(
        &mut store.conn,
        &event,
        &person("Nguyễn", "Thị Hương", "VN"),
    )
    .expect("ok");
    let rooms: Vec<String> = (1..=4)
        .map(|n| {
            sched::add_room(
                &mut store.conn,
                &event,
                Uuid::now_v7(),
                &RoomInput {
                    name: format!("Room {n}"),
                    ..RoomInput::default()
                },
                now(),
            )
            .expect("room")
            .id
        })
        .collect();
    for (r, room) in rooms.iter().enumerate() {
        for i in 0..sessions_per_room {
            let start = 8 * 60 + i * 30;
            let session = sched::add_session(
                &mut store.conn,
                &event,
                Uuid::now_v7(),
                &SessionInput {
                    title: format!(
                        "Talk {r}-{i}: a deliberately long title about the governance of \
                         artificial intelligence in national public administrations"
                    ),
                    kind: SessionType::Lecture,
                    start: format!("2024-09-03 {:02}:{:02}", start / 60, start % 60),
                    end: format!(
                        "2024-09-03 {:02}:{:02}",
                        (start + 25) / 60,
                        (start + 25) % 60
                    ),
                    room_id: Some(room.clone()),
                    description: String::new(),
                    capacity: None,
                    track: String::new(),
                },
                now(),
            )
            .expect("session");
            if i == 0 {
                sched::assign_speaker(
                    &mut store.conn,
                    Uuid::now_v7(),
                    &session.id,
                    &speaker.id,
                    Role::Lecturer,
                    "",
                    now(),
                )
                .ok();
            }
        }
    }
    (store, event)
}

#[test]
fn a_day_of_parallel_rooms_prints_as_a_grid_and_a_long_day_flows_onto_more_pages() {
    let (store, event) = busy_day(12);
    let mut req = request(&event, DocumentKind::Agenda);
    req.day = Some("2024-09-03".into());
    let doc = print::data::build(&store.conn, &req, today()).expect("data");
    assert!(
        !doc.data["day"]["grid"].is_null(),
        "four rooms in parallel read as a grid"
    );
    req.layout = AgendaLayout::List;
    let doc = print::data::build(&store.conn, &req, today()).expect("data");
    assert!(
        doc.data["day"]["grid"].is_null(),
        "the list layout is a list"
    );

    let printed = print_ok(&store, &req);
    assert!(printed.pages > 1, "48 sessions do not fit one page");
    let t = text(&printed)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for r in 0..4 {
        for i in 0..12 {
            assert!(
                t.contains(&format!("Talk {r}-{i}:")),
                "talk {r}-{i} is printed"
            );
        }
    }
    assert!(
        t.contains("in national public administrations"),
        "long titles wrap and are printed whole"
    );
    req.layout = AgendaLayout::Auto;
    let grid = print_ok(&store, &req);
    let g = text(&grid);
    assert_has(&g, &["Room 1", "Room 4", "Talk 3-11:"]);
}

#[test]
fn missing_or_wrong_choices_name_their_field() {
    let (store, event) = sample_store();
    let cases: Vec<(PrintRequest, &str)> = vec![
        (request(&event, DocumentKind::Agenda), "day"),
        (
            PrintRequest {
                day: Some("2024-09-10".into()),
                ..request(&event, DocumentKind::Agenda)
            },
            "day",
        ),
        (
            PrintRequest {
                day: Some("3/9/2024".into()),
                ..request(&event, DocumentKind::Agenda)
            },
            "day",
        ),
        (
            PrintRequest {
                day: Some("2024-09-03".into()),
                ..request(&event, DocumentKind::Room)
            },
            "room",
        ),
        (
            PrintRequest {
                day: Some("2024-09-03".into()),
                room: Some("Broom cupboard".into()),
                ..request(&event, DocumentKind::Room)
            },
            "room",
        ),
        (
            PrintRequest {
                country: Some("ZZZ".into()),
                ..request(&event, DocumentKind::Badges)
            },
            "country",
        ),
        (
            PrintRequest {
                country: Some("AQ".into()),
                ..request(&event, DocumentKind::Plates)
            },
            "country",
        ),
        (
            PrintRequest {
                person: Some("no-such-id".into()),
                ..request(&event, DocumentKind::Person)
            },
            "person",
        ),
    ];
    for (req, field) in cases {
        let err = print::print(&store.conn, &req, today()).expect_err("refused");
        assert_eq!(field_of(err), field, "{req:?}");
    }
}

#[test]
fn the_cli_prints_to_a_file_and_reports_errors_and_missing_glyphs() {
    let (mut store, event) = sample_store();
    let out = store.dir.path().join("agenda.pdf");
    let run = plenary_at(
        &store.path(),
        &[
            "print",
            "agenda",
            "--day",
            "2024-09-05",
            "--out",
            out.to_str().expect("path"),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("Wrote 1 page to "));
    assert!(std::fs::read(&out).expect("the PDF").starts_with(b"%PDF-"));

    let run = plenary_at(
        &store.path(),
        &["print", "room", "--day", "2024-09-05", "--out", "x.pdf"],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("error: room: Choose a room"));

    add(&mut store.conn, &event, &person("Zoë", "\u{1E4D0}", "NL")).expect("registers");
    let plates = store.dir.path().join("plates.pdf");
    let run = plenary_at(
        &store.path(),
        &[
            "print",
            "plates",
            "--country",
            "NL",
            "--paper",
            "letter",
            "--out",
            plates.to_str().expect("path"),
        ],
    );
    assert_eq!(run.status.code(), Some(3), "a missing glyph is a warning");
    assert!(String::from_utf8_lossy(&run.stderr).contains("warning: no installed font can draw"));
    assert!(plates.exists(), "the PDF is still written");
}
