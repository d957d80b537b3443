//! The list of participants: its order (sections, UN short names in the document's language,
//! the head of delegation first), the sections chosen per delegation, the printed editions
//! and revisions, and `plenary export participants`.

use crate::{add, field_of, id, now, person, plenary_at, seminar, Store};
use plenary_core::participants::{self, Section};
use plenary_core::print::{self, DocumentKind, Edition, PrintRequest};
use plenary_core::schedule::ops as sched;
use plenary_core::{ops, Lang};
use std::process::Command;

/// An event with the held set of countries, two people each (the second registered
/// first, so that the head of delegation has to be moved to the front), and one observer.
fn held_event(store: &mut Store) -> String {
    let event = ops::create_event(&mut store.conn, id(1), &seminar(), now()).expect("event");
    for country in ["US", "KR", "TR", "VN", "CI", "IR", "GB", "VA"] {
        for family in ["Zimmer", "Adams"] {
            add(&mut store.conn, &event.id, &person("Alex", family, country)).expect("registers");
        }
    }
    event.id
}

fn order(store: &Store, event: &str, lang: Lang) -> Vec<(Section, Vec<String>)> {
    participants::list(
        &store.conn,
        event,
        |code| plenary_core::print::words::country_name(code, lang),
        "",
        |a, b| plenary_core::collation::for_lang(lang).compare(a, b),
    )
    .expect("the list")
    .into_iter()
    .map(|(s, groups)| (s, groups.into_iter().map(|g| g.name).collect()))
    .collect()
}

#[test]
fn sections_then_un_short_names_in_the_documents_language() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    let english = order(&store, &event, Lang::En);
    assert_eq!(english[0].0, Section::MemberState);
    assert_eq!(
        english[0].1,
        [
            "Côte d'Ivoire",
            "Iran (Islamic Republic of)",
            "Republic of Korea",
            "Türkiye",
            "United Kingdom of Great Britain and Northern Ireland",
            "United States of America",
            "Viet Nam",
        ]
    );
    assert_eq!(english[1], (Section::Observer, vec!["Holy See".to_owned()]));
    // In French the same delegations sort by their French names.
    let french = order(&store, &event, Lang::Fr);
    assert_eq!(
        french[0].1.first().map(String::as_str),
        Some("Côte d'Ivoire")
    );
    assert_eq!(french[0].1.last().map(String::as_str), Some("Viet Nam"));
    assert!(
        french[0]
            .1
            .iter()
            .position(|n| n.starts_with("Royaume-Uni"))
            < french[0].1.iter().position(|n| n.starts_with("Türkiye"))
    );
}

#[test]
fn the_head_comes_first_and_cancelled_people_are_left_out() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    let turks = ops::list_attendees(
        &store.conn,
        &event,
        &plenary_core::model::AttendeeFilter {
            country: Some("TR".into()),
            ..Default::default()
        },
    )
    .expect("the delegation");
    assert_eq!(turks[0].family_name, "Adams", "the list is in name order");
    ops::set_delegation_head(&mut store.conn, &event, "TR", Some(&turks[1].id)).expect("head");
    sched::set_attending(&mut store.conn, &turks[0].id, false).expect("cancels");
    let list = participants::list(&store.conn, &event, str::to_owned, "", |a, b| a.cmp(b))
        .expect("the list");
    let tr = list[0]
        .1
        .iter()
        .find(|g| g.country == "TR")
        .expect("Türkiye");
    assert!(tr.has_head);
    assert_eq!(tr.people.len(), 1, "the cancelled person is not listed");
    assert_eq!(tr.people[0].id, turks[1].id);
}

#[test]
fn a_section_chosen_for_a_delegation_moves_it_and_is_logged() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    participants::set_section(&mut store.conn, &event, "gb", Some(Section::UnSystem))
        .expect("sets");
    let english = order(&store, &event, Lang::En);
    let sections: Vec<Section> = english.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        sections,
        [Section::MemberState, Section::Observer, Section::UnSystem]
    );
    assert!(english[2].1[0].starts_with("United Kingdom"));
    let delegations = ops::list_delegations(&store.conn, &event).expect("delegations");
    let of = |code: &str| delegations.iter().find(|d| d.country == code).expect(code);
    assert_eq!(of("GB").section, Some(Section::UnSystem));
    assert_eq!(of("GB").default_section, Section::MemberState);
    assert_eq!(
        (of("VA").section, of("VA").default_section),
        (None, Section::Observer)
    );
    let log = plenary_core::audit::activity(&store.conn, &event, 1).expect("log");
    assert!(
        log[0].summary.contains("United Kingdom"),
        "{}",
        log[0].summary
    );
    participants::set_section(&mut store.conn, &event, "GB", None).expect("back");
    assert_eq!(order(&store, &event, Lang::En).len(), 2);
    let err = participants::set_section(&mut store.conn, &event, "XX", Some(Section::Observer))
        .expect_err("unknown");
    assert_eq!(field_of(err), "country");
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("list.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_printed_list_says_its_edition_revision_and_shows_email_only_when_asked() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    let mut with_email = person("Maria", "Lopez", "ES");
    with_email.email = "m.lopez@example.org".into();
    with_email.position = "Ambassador".into();
    add(&mut store.conn, &event, &with_email).expect("registers");
    let today = chrono::NaiveDate::from_ymd_opt(2024, 9, 3).expect("a date");
    let mut req = PrintRequest::new(&event, DocumentKind::Participants);
    let t = pdf_text(&print::print(&store.conn, &req, today).expect("prints").pdf);
    for wanted in [
        "Provisional list of participants",
        "3 September 2024",
        "MEMBER STATES",
        "OBSERVERS",
        "Holy See",
        "Maria LOPEZ",
        "Ambassador",
    ] {
        assert!(t.contains(wanted), "{wanted:?} in {t}");
    }
    assert!(!t.contains("m.lopez@example.org"), "no email unless asked");
    assert!(!t.contains("Rev."));
    req.edition = Some(Edition::Final);
    req.revision = Some(2);
    req.include_email = true;
    let printed = print::print(&store.conn, &req, today).expect("prints");
    assert_eq!(printed.file_name, "participants-final-rev2.pdf");
    let t = pdf_text(&printed.pdf);
    assert!(
        t.contains("List of participants") && !t.contains("Provisional"),
        "{t}"
    );
    assert!(
        t.contains("Rev.2") && t.contains("m.lopez@example.org"),
        "{t}"
    );
    req.lang = Some(Lang::Fr);
    let t = pdf_text(&print::print(&store.conn, &req, today).expect("prints").pdf);
    assert!(
        t.contains("Liste des participants") && t.contains("Rév.2"),
        "{t}"
    );
    assert!(
        t.contains("ÉTATS MEMBRES") && t.contains("Saint-Siège"),
        "{t}"
    );
}

#[test]
fn export_participants_and_delegation_section_through_the_cli() {
    let store = Store::default();
    let db = store.path();
    assert!(plenary_at(&db, &["sample"]).status.success());
    let moved = plenary_at(
        &db,
        &[
            "delegation",
            "section",
            "--country",
            "PT",
            "--section",
            "un-system",
        ],
    );
    assert!(
        moved.status.success(),
        "{}",
        String::from_utf8_lossy(&moved.stderr)
    );
    let out = plenary_at(&db, &["export", "participants", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert_eq!(
        lines.next().map(|l| l.trim_start_matches('\u{feff}')),
        Some("section,country,delegation,honorific,name,native_name,position,organization,head_of_delegation,id")
    );
    let rows: Vec<&str> = lines.collect();
    assert!(
        rows[0].starts_with("member_state,DZ,Algeria,"),
        "{}",
        rows[0]
    );
    let last = rows.last().expect("a row");
    assert!(
        last.starts_with("un_system,PT,Portugal,H.E. Mr,António GUTERRES"),
        "{last}"
    );
    let bad = plenary_at(
        &db,
        &[
            "delegation",
            "section",
            "--country",
            "XX",
            "--section",
            "observer",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("error: country: "));
}

#[test]
fn the_order_of_the_sections_is_the_events_and_an_incomplete_one_is_refused() {
    let mut store = Store::default();
    let event = held_event(&mut store);
    participants::set_section(&mut store.conn, &event, "GB", Some(Section::UnSystem))
        .expect("GB in the UN system");
    participants::set_section(&mut store.conn, &event, "US", Some(Section::Organization))
        .expect("US among the organisations");
    let sections = |store: &Store| -> Vec<Section> {
        order(store, &event, Lang::En)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    };
    assert_eq!(
        participants::section_order(&store.conn, &event).expect("order"),
        Section::ALL
    );
    assert_eq!(sections(&store), Section::ALL);

    let wanted = [
        Section::UnSystem,
        Section::Organization,
        Section::Observer,
        Section::MemberState,
    ];
    let set = participants::set_section_order(&mut store.conn, &event, Some(&wanted), now())
        .expect("sets");
    assert_eq!(set, wanted);
    assert_eq!(
        participants::section_order(&store.conn, &event).expect("order"),
        wanted
    );
    assert_eq!(sections(&store), wanted);
    let log = plenary_core::audit::activity(&store.conn, &event, 1).expect("log");
    assert_eq!(
        log[0].summary,
        "Set the order of the list of participants: un system, organization, observer, member state"
    );
    // The printed list follows it.
    let req = PrintRequest::new(&event, DocumentKind::Participants);
    let t = pdf_text(
        &print::print(
            &store.conn,
            &req,
            chrono::NaiveDate::from_ymd_opt(2024, 9, 3).expect("a date"),
        )
        .expect("prints")
        .pdf,
    );
    let at = |heading: &str| {
        t.find(heading)
            .unwrap_or_else(|| panic!("{heading} in {t}"))
    };
    assert!(
        at("UNITED NATIONS SYSTEM") < at("OTHER ORGANIZATIONS"),
        "{t}"
    );
    assert!(at("OTHER ORGANIZATIONS") < at("OBSERVERS"), "{t}");
    assert!(at("OBSERVERS") < at("MEMBER STATES"), "{t}");
    assert!(at("United States of America") < at("Holy See"), "{t}");

    // Incomplete or repeated: refused on the field, the order kept.
    for bad in [
        vec![Section::MemberState, Section::Observer],
        vec![
            Section::MemberState,
            Section::MemberState,
            Section::Observer,
            Section::UnSystem,
        ],
        vec![],
    ] {
        let err = participants::set_section_order(&mut store.conn, &event, Some(&bad), now())
            .expect_err("incomplete");
        assert_eq!(field_of(err), "sections", "{bad:?}");
    }
    assert_eq!(sections(&store), wanted);

    // Back to the UN's usual order.
    let back = participants::set_section_order(&mut store.conn, &event, None, now()).expect("back");
    assert_eq!(back, Section::ALL);
    assert_eq!(sections(&store), Section::ALL);
}

#[test]
fn delegation_order_through_the_cli() {
    let store = Store::default();
    let db = store.path();
    assert!(plenary_at(&db, &["sample"]).status.success());
    let moved = plenary_at(
        &db,
        &[
            "delegation",
            "section",
            "--country",
            "PT",
            "--section",
            "observer",
        ],
    );
    assert!(
        moved.status.success(),
        "{}",
        String::from_utf8_lossy(&moved.stderr)
    );
    let set = plenary_at(
        &db,
        &[
            "delegation",
            "order",
            "--sections",
            "observer,member-state,un-system,organization",
        ],
    );
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&set.stdout).trim(),
        "The list of participants is in this order: observer, member state, un system, organization."
    );
    let out = plenary_at(&db, &["export", "participants", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let first_row = text.lines().nth(1).expect("a row");
    assert!(
        first_row.starts_with("observer,PT,Portugal,"),
        "{first_row}"
    );
    let bad = plenary_at(
        &db,
        &["delegation", "order", "--sections", "member-state,observer"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("error: sections: "));
    let back = plenary_at(&db, &["delegation", "order", "--default"]);
    assert!(
        back.status.success(),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    let out = plenary_at(&db, &["export", "participants", "--format", "csv"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text
        .lines()
        .nth(1)
        .expect("a row")
        .starts_with("member_state,DZ,"));
}
