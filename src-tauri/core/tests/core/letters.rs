//! Letters by mail merge (`letters`, `print::print_issuing`): the placeholders merged in the
//! letter's language, one page per person, the register of reference numbers (in order, kept
//! on reprint, logged, never undone), the refusals (a visa letter without a passport number
//! or a date of birth, a certificate for no one checked in, a template with an unknown
//! placeholder), the event's own wording, user text printed literally, and
//! `plenary print letter` as scripts run it. PDFs are read back with `pdftotext` (poppler-utils).

use crate::{add, field_of, id, now, person, plenary_command, seminar, Store};
use plenary_core::letters::{self, LetterKind, Letterhead};
use plenary_core::model::{Attendee, EventInput};
use plenary_core::print::{self, DocumentKind, PrintRequest, Printed};
use plenary_core::sensitive::{self, SensitiveData};
use plenary_core::{audit, desk, ops, Error, Lang};
use std::collections::HashMap;
use std::process::{Command, Output};

/// The day letters are printed: the year of their reference numbers.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 8, 30).expect("a date")
}

/// The workshop of the issue: its name gives the default prefix "WCAI".
fn workshop() -> (Store, String) {
    let mut store = Store::default();
    let input = EventInput {
        name: "Workshop on Capacity-building of Artificial Intelligence".into(),
        ..seminar()
    };
    let event = ops::create_event(&mut store.conn, id(1), &input, now()).expect("the event");
    (store, event.id)
}

/// Registers a person and, when given, their passport number and date of birth.
fn with_papers(
    store: &mut Store,
    event: &str,
    given: &str,
    family: &str,
    country: &str,
    passport: &str,
    birth: &str,
) -> Attendee {
    let a = add(&mut store.conn, event, &person(given, family, country)).expect("registers");
    if !passport.is_empty() || !birth.is_empty() {
        sensitive::set(
            &mut store.conn,
            &a.id,
            &SensitiveData {
                passport_number: passport.into(),
                date_of_birth: birth.into(),
            },
            now(),
        )
        .expect("the papers are recorded");
    }
    a
}

/// The German delegation: three people with papers, in the list's (family name) order.
fn germans(store: &mut Store, event: &str) -> Vec<Attendee> {
    vec![
        with_papers(
            store,
            event,
            "Hans",
            "Müller",
            "DE",
            "C01X00T47",
            "1980-05-01",
        ),
        with_papers(
            store,
            event,
            "Greta",
            "Schmidt",
            "DE",
            "C02X00T48",
            "1982-06-02",
        ),
        with_papers(
            store,
            event,
            "Karl",
            "Weber",
            "DE",
            "C03X00T49",
            "1984-07-03",
        ),
    ]
}

fn letter(event: &str, kind: LetterKind) -> PrintRequest {
    PrintRequest {
        letter: Some(kind),
        ..PrintRequest::new(event, DocumentKind::Letter)
    }
}

fn for_person(event: &str, kind: LetterKind, who: &Attendee) -> PrintRequest {
    PrintRequest {
        person: Some(who.id.clone()),
        ..letter(event, kind)
    }
}

fn for_country(event: &str, kind: LetterKind, country: &str) -> PrintRequest {
    PrintRequest {
        country: Some(country.into()),
        ..letter(event, kind)
    }
}

fn issue_and_print(store: &mut Store, req: &PrintRequest) -> Printed {
    print::print_issuing(&mut store.conn, req, today(), now())
        .unwrap_or_else(|e| panic!("{:?} letters print: {e}", req.letter))
}

/// Runs `pdftotext` on a PDF file (`pages`: one page only), whitespace folded.
fn pdftotext_file(path: &std::path::Path, page: Option<u32>) -> String {
    let mut command = Command::new("pdftotext");
    if let Some(n) = page {
        command.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    let out = command
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    assert!(out.status.success(), "pdftotext reads the PDF");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf_text_page(printed: &Printed, page: Option<u32>) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &printed.pdf).expect("the PDF is written");
    pdftotext_file(&path, page)
}

fn pdf_text(printed: &Printed) -> String {
    pdf_text_page(printed, None)
}

fn pdfinfo(printed: &Printed) -> String {
    crate::print::info(printed)
}

fn assert_has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "the PDF says {w:?}; it reads:\n{text}");
    }
}

/// The reference numbers given to `kind` letters, by attendee id.
fn register(store: &Store, event: &str, kind: LetterKind) -> HashMap<String, String> {
    letters::issued(&store.conn, event, kind).expect("the register")
}

/// Every field error of a validation error, as (field, code, name param).
fn problems(err: Error) -> Vec<(String, String, String)> {
    match err {
        Error::Validation(list) => list
            .into_iter()
            .map(|f| {
                let name = f.params().get("name").cloned().unwrap_or_default();
                (f.field.clone(), f.code().to_owned(), name)
            })
            .collect(),
        other => panic!("expected a validation error, got {other}"),
    }
}

fn newest_log_id(store: &Store, event: &str) -> u32 {
    audit::activity(&store.conn, event, 1).expect("the log")[0].id
}

#[test]
fn a_visa_letter_merges_name_country_passport_and_birth_date_in_the_letters_language() {
    let (mut store, event) = workshop();
    let ana = with_papers(
        &mut store,
        &event,
        "Ana",
        "Silva",
        "BR",
        "BR1234567",
        "1971-02-13",
    );
    let mut req = for_person(&event, LetterKind::Visa, &ana);
    req.lang = Some(Lang::Fr);
    let printed = issue_and_print(&mut store, &req);
    assert_eq!(printed.pages, 1);
    let t = pdf_text(&printed);
    assert_has(
        &t,
        &[
            "Ana SILVA",
            "Brésil",
            "BR1234567",
            "13 février 1971",
            "WCAI/2024/001",
            "Shanghai (Conference centre, 3–6 septembre 2024)",
        ],
    );
    assert!(!t.contains("{{"), "no placeholder is left: {t}");
    assert!(!t.contains("Brazil"), "the country is named in French: {t}");

    // The same letter in English: the same number, the English country name and date.
    req.lang = Some(Lang::En);
    let t = pdf_text(&issue_and_print(&mut store, &req));
    assert_has(
        &t,
        &[
            "Ana SILVA",
            "Nationality: Brazil",
            "Passport number: BR1234567",
            "Date of birth: 13 February 1971",
            "WCAI/2024/001",
        ],
    );
    assert!(!t.contains("WCAI/2024/002"), "{t}");
    assert_eq!(register(&store, &event, LetterKind::Visa).len(), 1);
}

#[test]
fn a_delegation_prints_one_page_per_person_numbered_in_order() {
    let (mut store, event) = workshop();
    let de = germans(&mut store, &event);
    let printed = issue_and_print(&mut store, &for_country(&event, LetterKind::Visa, "de"));
    assert_eq!(printed.pages as usize, de.len(), "one page per person");
    assert_eq!(printed.file_name, "letter-visa-DE.pdf");
    let numbers = register(&store, &event, LetterKind::Visa);
    for (i, a) in de.iter().enumerate() {
        let want = format!("WCAI/2024/{:03}", i + 1);
        assert_eq!(numbers.get(&a.id), Some(&want), "{}", a.family_name);
        // Each page is one person's letter, with that person's number and passport.
        let page = pdf_text_page(&printed, Some(i as u32 + 1));
        assert_has(
            &page,
            &[
                &want,
                &a.family_name.to_uppercase(),
                &format!("C0{}X00T4", i + 1),
            ],
        );
        for (j, other) in de.iter().enumerate().filter(|(j, _)| *j != i) {
            assert!(
                !page.contains(&other.family_name.to_uppercase()),
                "page {} is {}'s alone, not {} ({j}): {page}",
                i + 1,
                a.family_name,
                other.family_name
            );
        }
    }
}

#[test]
fn numbers_are_kept_on_reprint_continue_across_kinds_and_are_logged_never_undone() {
    let (mut store, event) = workshop();
    germans(&mut store, &event);
    let ana = with_papers(
        &mut store,
        &event,
        "Ana",
        "Silva",
        "BR",
        "BR1234567",
        "1971-02-13",
    );

    issue_and_print(&mut store, &for_country(&event, LetterKind::Visa, "DE"));
    let log = audit::activity(&store.conn, &event, 1).expect("the log");
    let german_entry = log[0].clone();
    for n in ["WCAI/2024/001", "WCAI/2024/002", "WCAI/2024/003"] {
        assert!(
            german_entry.summary.contains(n),
            "the log names {n}: {}",
            german_entry.summary
        );
    }
    assert!(
        german_entry.summary.contains("Hans MÜLLER"),
        "{}",
        german_entry.summary
    );
    assert!(
        !german_entry.undoable,
        "issuing letters is not offered for undo"
    );

    issue_and_print(&mut store, &for_person(&event, LetterKind::Visa, &ana));
    assert_eq!(
        register(&store, &event, LetterKind::Visa)
            .get(&ana.id)
            .map(String::as_str),
        Some("WCAI/2024/004")
    );

    // A reprint keeps every number and writes nothing to the log.
    let before = register(&store, &event, LetterKind::Visa);
    let last = newest_log_id(&store, &event);
    let again = issue_and_print(&mut store, &for_country(&event, LetterKind::Visa, "DE"));
    assert_eq!(register(&store, &event, LetterKind::Visa), before);
    assert_eq!(
        newest_log_id(&store, &event),
        last,
        "a reprint is not logged"
    );
    let t = pdf_text(&again);
    assert_has(&t, &["WCAI/2024/001", "WCAI/2024/002", "WCAI/2024/003"]);
    assert!(!t.contains("WCAI/2024/005"), "{t}");

    // Another kind of letter continues the same sequence.
    let invitation = issue_and_print(
        &mut store,
        &for_person(&event, LetterKind::Invitation, &ana),
    );
    assert_has(&pdf_text(&invitation), &["WCAI/2024/005", "Ana SILVA"]);
    let invited = register(&store, &event, LetterKind::Invitation);
    assert_eq!(invited.len(), 1);
    assert_eq!(
        invited.get(&ana.id).map(String::as_str),
        Some("WCAI/2024/005")
    );
    let entry = audit::activity(&store.conn, &event, 1).expect("the log")[0].clone();
    assert!(
        entry.summary.contains("WCAI/2024/005") && entry.summary.contains("Ana SILVA"),
        "{}",
        entry.summary
    );
    assert!(entry.summary.contains("invitation"), "{}", entry.summary);

    // Undo of an entry that issued letters is refused, and the numbers stay.
    for e in [&entry, &german_entry] {
        let err = audit::undo(&mut store.conn, e.id).expect_err("issuing letters is never undone");
        match &err {
            Error::Validation(list) => {
                assert_eq!(list[0].field, "undo");
                assert_eq!(list[0].code(), "field.undo_letters");
            }
            other => panic!("expected a refusal on undo, got {other}"),
        }
    }
    assert_eq!(register(&store, &event, LetterKind::Visa).len(), 4);
    assert_eq!(register(&store, &event, LetterKind::Invitation), invited);
    // Undo of the last change skips the register, which keeps its numbers.
    audit::undo_last(&mut store.conn, &event).expect("undo of the last other change");
    assert_eq!(register(&store, &event, LetterKind::Visa).len(), 4);
    assert_eq!(register(&store, &event, LetterKind::Invitation), invited);
}

#[test]
fn numbers_follow_the_order_the_letters_are_printed_in() {
    // Everyone at once: the pages go by country (Brazil, France, Germany), so the numbers
    // must too, or the stack of letters is out of sequence with the register.
    let (mut store, event) = workshop();
    germans(&mut store, &event);
    with_papers(&mut store, &event, "Ana", "Silva", "BR", "", "");
    with_papers(&mut store, &event, "Jean", "Dupont", "FR", "", "");
    let printed = issue_and_print(&mut store, &letter(&event, LetterKind::Invitation));
    assert_eq!(printed.pages, 5);
    let firsts: Vec<String> = (1..=5).map(|p| pdf_text_page(&printed, Some(p))).collect();
    assert!(
        firsts[0].contains("Ana SILVA"),
        "Brazil first: {}",
        firsts[0]
    );
    assert!(
        firsts[1].contains("Jean DUPONT"),
        "France next: {}",
        firsts[1]
    );
    for (i, page) in firsts.iter().enumerate() {
        let want = format!("WCAI/2024/{:03}", i + 1);
        assert!(page.contains(&want), "page {} has {want}: {page}", i + 1);
    }
}

#[test]
fn a_preview_shows_where_the_number_will_go_and_gives_none() {
    let (mut store, event) = workshop();
    let de = germans(&mut store, &event);
    let printed = print::print(
        &store.conn,
        &for_person(&event, LetterKind::Invitation, &de[0]),
        today(),
    )
    .expect("prints without issuing");
    assert_has(
        &pdf_text(&printed),
        &["(number given when printed)", "Hans MÜLLER"],
    );
    assert!(register(&store, &event, LetterKind::Invitation).is_empty());
}

#[test]
fn a_visa_letter_without_papers_is_refused_naming_each_person_and_field_and_issues_nothing() {
    let (mut store, event) = workshop();
    germans(&mut store, &event);
    let jean = with_papers(&mut store, &event, "Jean", "Dupont", "FR", "", "");
    let marie = with_papers(&mut store, &event, "Marie", "Curie", "FR", "FR9988776", "");
    let last = newest_log_id(&store, &event);

    // Everyone: the Germans have their papers, but the request is refused as a whole.
    let err = print::print_issuing(
        &mut store.conn,
        &letter(&event, LetterKind::Visa),
        today(),
        now(),
    )
    .expect_err("refused");
    let mut found = problems(err);
    found.sort();
    assert_eq!(
        found,
        [
            (
                "date_of_birth".to_owned(),
                "print.visa_needs_birth_date".to_owned(),
                "Jean DUPONT".to_owned()
            ),
            (
                "date_of_birth".to_owned(),
                "print.visa_needs_birth_date".to_owned(),
                "Marie CURIE".to_owned()
            ),
            (
                "passport_number".to_owned(),
                "print.visa_needs_passport".to_owned(),
                "Jean DUPONT".to_owned()
            ),
        ]
    );
    assert!(
        register(&store, &event, LetterKind::Visa).is_empty(),
        "nothing issued"
    );
    assert_eq!(newest_log_id(&store, &event), last, "nothing logged");

    // One person: the same, and the ids name who.
    let err = print::print_issuing(
        &mut store.conn,
        &for_person(&event, LetterKind::Visa, &jean),
        today(),
        now(),
    )
    .expect_err("refused");
    match err {
        Error::Validation(list) => {
            let fields: Vec<&str> = list.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(fields, ["passport_number", "date_of_birth"]);
            assert!(list.iter().all(|f| f.params().get("id") == Some(&jean.id)));
            assert!(
                list[0].message.contains("Jean DUPONT"),
                "{}",
                list[0].message
            );
        }
        other => panic!("expected a validation error, got {other}"),
    }
    // A preview is refused too.
    let err = print::print(
        &store.conn,
        &for_person(&event, LetterKind::Visa, &marie),
        today(),
    )
    .expect_err("refused");
    assert_eq!(field_of(err), "date_of_birth");
    assert!(register(&store, &event, LetterKind::Visa).is_empty());
    // Other letters need no papers.
    issue_and_print(
        &mut store,
        &for_person(&event, LetterKind::Invitation, &jean),
    );
    assert_eq!(register(&store, &event, LetterKind::Invitation).len(), 1);
}

#[test]
fn after_a_purge_of_sensitive_data_a_visa_letter_is_refused_again() {
    let (mut store, event) = workshop();
    let ana = with_papers(
        &mut store,
        &event,
        "Ana",
        "Silva",
        "BR",
        "BR1234567",
        "1971-02-13",
    );
    let req = for_person(&event, LetterKind::Visa, &ana);
    issue_and_print(&mut store, &req);
    let numbers = register(&store, &event, LetterKind::Visa);
    assert_eq!(
        numbers.get(&ana.id).map(String::as_str),
        Some("WCAI/2024/001")
    );
    assert_eq!(
        sensitive::purge(&mut store.conn, &event).expect("purges"),
        1
    );
    let err = print::print_issuing(&mut store.conn, &req, today(), now()).expect_err("refused");
    let found: Vec<(String, String)> = problems(err)
        .into_iter()
        .map(|(field, _, name)| (field, name))
        .collect();
    assert_eq!(
        found,
        [
            ("passport_number".to_owned(), "Ana SILVA".to_owned()),
            ("date_of_birth".to_owned(), "Ana SILVA".to_owned()),
        ]
    );
    assert_eq!(
        register(&store, &event, LetterKind::Visa),
        numbers,
        "the register stays"
    );
}

#[test]
fn certificates_go_only_to_people_checked_in_and_the_others_are_noted() {
    let (mut store, event) = workshop();
    let de = germans(&mut store, &event);
    let ana = with_papers(&mut store, &event, "Ana", "Silva", "BR", "", "");

    // No one checked in: refused on the person, nothing issued.
    let err = print::print_issuing(
        &mut store.conn,
        &for_country(&event, LetterKind::Certificate, "DE"),
        today(),
        now(),
    )
    .expect_err("no one came");
    assert_eq!(field_of(err), "person");
    assert!(register(&store, &event, LetterKind::Certificate).is_empty());

    desk::check_in(&mut store.conn, &de[0].id, now()).expect("checks in");
    desk::check_in(&mut store.conn, &de[2].id, now()).expect("checks in");
    let printed = issue_and_print(
        &mut store,
        &for_country(&event, LetterKind::Certificate, "DE"),
    );
    assert_eq!(
        printed.pages, 2,
        "a certificate for each of the two who came"
    );
    let t = pdf_text(&printed);
    assert_has(
        &t,
        &[
            "Certificate of participation",
            "Hans MÜLLER",
            "Karl WEBER",
            "Germany",
        ],
    );
    assert!(!t.contains("SCHMIDT"), "no certificate for Greta: {t}");
    assert_eq!(printed.notes.len(), 1, "{:?}", printed.notes);
    let note = &printed.notes[0];
    assert_eq!(note.code, "print.no_certificate_not_checked_in");
    assert_eq!(
        note.params.get("name").map(String::as_str),
        Some("Greta SCHMIDT")
    );
    assert_eq!(note.params.get("id"), Some(&de[1].id));
    assert!(note.message.contains("Greta SCHMIDT"), "{}", note.message);
    let numbers = register(&store, &event, LetterKind::Certificate);
    assert_eq!(numbers.len(), 2);
    assert!(!numbers.contains_key(&de[1].id), "no number for Greta");

    // Ana alone, not checked in: refused on the person.
    let err = print::print_issuing(
        &mut store.conn,
        &for_person(&event, LetterKind::Certificate, &ana),
        today(),
        now(),
    )
    .expect_err("Ana did not come");
    assert_eq!(field_of(err), "person");
    assert_eq!(register(&store, &event, LetterKind::Certificate).len(), 2);
}

#[test]
fn an_events_own_wording_prints_and_resets_to_the_built_in_one() {
    let (mut store, event) = workshop();
    let ana = with_papers(&mut store, &event, "Ana", "Silva", "BR", "", "");
    let builtin = letters::template(&store.conn, &event, LetterKind::Invitation, Lang::En)
        .expect("the built-in wording");
    assert!(!builtin.custom);

    // An unknown placeholder is refused on the body, and nothing is kept.
    let err = letters::set_template(
        &mut store.conn,
        &event,
        LetterKind::Invitation,
        Lang::En,
        "Welcome",
        "Dear {{nmae}},",
        now(),
    )
    .expect_err("unknown placeholder");
    match err {
        Error::Validation(list) => {
            assert_eq!(list.len(), 1, "{list:?}");
            assert_eq!(list[0].field, "body");
            assert_eq!(list[0].code(), "field.unknown_placeholder");
            assert_eq!(
                list[0].params().get("placeholder").map(String::as_str),
                Some("{{nmae}}")
            );
        }
        other => panic!("expected a validation error, got {other}"),
    }
    assert_eq!(
        letters::template(&store.conn, &event, LetterKind::Invitation, Lang::En).expect("read"),
        builtin
    );

    let own = letters::set_template(
        &mut store.conn,
        &event,
        LetterKind::Invitation,
        Lang::En,
        "Welcome, {{name}}",
        "Dear {{given_name}} of {{country}},\n\nYour number is {{reference}}.",
        now(),
    )
    .expect("kept");
    assert!(own.custom);
    let req = for_person(&event, LetterKind::Invitation, &ana);
    let t = pdf_text(&issue_and_print(&mut store, &req));
    assert_has(
        &t,
        &[
            "Welcome, Ana SILVA",
            "Dear Ana of Brazil",
            "Your number is WCAI/2024/001.",
        ],
    );
    assert!(!t.contains("On behalf of the organizers"), "{t}");
    // Another language keeps the built-in wording.
    let mut french = req.clone();
    french.lang = Some(Lang::Fr);
    assert!(!pdf_text(&issue_and_print(&mut store, &french)).contains("Welcome"));

    let back = letters::reset_template(&mut store.conn, &event, LetterKind::Invitation, Lang::En)
        .expect("reset");
    assert_eq!(back, builtin);
    let t = pdf_text(&issue_and_print(&mut store, &req));
    assert_has(
        &t,
        &[
            "Invitation to the Workshop",
            "On behalf of the organizers",
            "WCAI/2024/001",
        ],
    );
    assert!(!t.contains("Welcome"), "{t}");
}

#[test]
fn template_text_that_looks_like_markup_prints_literally() {
    let (mut store, event) = workshop();
    let ana = with_papers(&mut store, &event, "Ana", "Silva", "BR", "", "");
    letters::set_template(
        &mut store.conn,
        &event,
        LetterKind::Invitation,
        Lang::En,
        "*Subject* #emph[x]",
        "#set page(width: 1cm)\n\nThis is *bold* and $x$ and _under_ and #{panic()}, {{name}}.",
        now(),
    )
    .expect("kept");
    let printed = issue_and_print(
        &mut store,
        &for_person(&event, LetterKind::Invitation, &ana),
    );
    let t = pdf_text(&printed);
    assert_has(
        &t,
        &[
            "*Subject* #emph[x]",
            "#set page(width: 1cm)",
            "This is *bold* and $x$ and _under_ and #{panic()}, Ana SILVA.",
        ],
    );
    assert!(pdfinfo(&printed).contains("(A4)"), "the page is still A4");
    assert_eq!(printed.pages, 1);
}

#[test]
fn a_persons_text_with_braces_prints_as_typed() {
    let (mut store, event) = workshop();
    let mut input = person("Ana", "Silva", "BR");
    input.organization = "Lab {{AI}} Unit".into();
    let ana = add(&mut store.conn, &event, &input).expect("registers");
    letters::set_template(
        &mut store.conn,
        &event,
        LetterKind::Invitation,
        Lang::En,
        "Invitation",
        "Dear {{name}} of {{organization}}.",
        now(),
    )
    .expect("kept");
    let t = pdf_text(&issue_and_print(
        &mut store,
        &for_person(&event, LetterKind::Invitation, &ana),
    ));
    assert_has(&t, &["Dear Ana SILVA of Lab {{AI}} Unit."]);
}

#[test]
fn the_letterhead_and_prefix_are_the_events_and_a_bad_prefix_is_refused() {
    let (mut store, event) = workshop();
    let ana = with_papers(&mut store, &event, "Ana", "Silva", "BR", "", "");
    let settings = letters::settings(&store.conn, &event).expect("settings");
    assert_eq!(settings.defaults.reference_prefix, "WCAI");
    assert_eq!(settings.defaults.place, "Shanghai");
    let err = letters::set_letterhead(
        &mut store.conn,
        &event,
        &Letterhead {
            reference_prefix: "UN/DESA".into(),
            ..Letterhead::default()
        },
        now(),
    )
    .expect_err("a slash in the prefix");
    assert_eq!(field_of(err), "reference_prefix");
    letters::set_letterhead(
        &mut store.conn,
        &event,
        &Letterhead {
            reference_prefix: "DESA".into(),
            letterhead: "United Nations\nDepartment of Economic and Social Affairs".into(),
            signatory_name: "Li Junhua".into(),
            signatory_title: "Under-Secretary-General".into(),
            place: "New York".into(),
        },
        now(),
    )
    .expect("kept");
    let t = pdf_text(&issue_and_print(
        &mut store,
        &for_person(&event, LetterKind::Invitation, &ana),
    ));
    assert_has(
        &t,
        &[
            "DESA/2024/001",
            "United Nations",
            "Department of Economic and Social Affairs",
            "Li Junhua",
            "Under-Secretary-General",
            "New York,",
        ],
    );
}

// ---- the CLI ----------------------------------------------------------------------------------

fn plenary(store: &Store, args: &[&str]) -> Output {
    plenary_command(&store.path())
        .env("PLENARY_NOW", "2024-08-30T10:00:00Z")
        .args(args)
        .output()
        .expect("the plenary binary runs")
}

#[test]
fn the_cli_refuses_a_visa_letter_without_a_passport_with_exit_1() {
    let (mut store, event) = workshop();
    let jean = with_papers(&mut store, &event, "Jean", "Dupont", "FR", "", "1975-03-04");
    let out = store.dir.path().join("visa.pdf");
    let run = plenary(
        &store,
        &[
            "print",
            "letter",
            "--template",
            "visa",
            "--person",
            &jean.id,
            "--out",
            out.to_str().expect("path"),
        ],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("error: passport_number: "), "{stderr}");
    assert!(stderr.contains("Jean DUPONT"), "{stderr}");
    assert!(
        !stderr.contains("error: date_of_birth"),
        "the date of birth is there: {stderr}"
    );
    assert!(!out.exists(), "no PDF is written");
    assert!(register(&store, &event, LetterKind::Visa).is_empty());
}

#[test]
fn the_cli_notes_on_stderr_who_gets_no_certificate() {
    let (mut store, event) = workshop();
    let de = germans(&mut store, &event);
    desk::check_in(&mut store.conn, &de[1].id, now()).expect("checks in");
    let out = store.dir.path().join("certificates.pdf");
    let run = plenary(
        &store,
        &[
            "print",
            "letter",
            "--template",
            "certificate",
            "--country",
            "DE",
            "--out",
            out.to_str().expect("path"),
        ],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "stderr: {stderr}");
    let notes: Vec<&str> = stderr.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(notes.len(), 2, "{stderr}");
    assert!(notes.iter().any(|l| l.contains("Hans MÜLLER")), "{stderr}");
    assert!(notes.iter().any(|l| l.contains("Karl WEBER")), "{stderr}");
    assert!(!stderr.contains("SCHMIDT"), "Greta came: {stderr}");
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("Wrote 1 page to "));
    let t = pdftotext_file(&out, None);
    assert_has(&t, &["Greta SCHMIDT", "WCAI/2024/001"]);
    assert_eq!(register(&store, &event, LetterKind::Certificate).len(), 1);

    // A template file with an unknown placeholder is refused on the body.
    let body = store.dir.path().join("body.txt");
    std::fs::write(&body, "Dear {{nmae}},").expect("written");
    let run = plenary(
        &store,
        &[
            "letter",
            "template",
            "--template",
            "invitation",
            "--body-file",
            body.to_str().expect("path"),
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("error: body: "));
}

#[test]
fn punctuation_of_the_wording_is_kept_where_values_are_given() {
    // The visa letter's "Position: {{position}}, {{organization}}" keeps the comma between two
    // values given; the built-in invitation opens "Dear {{honorific}} {{name}},", and with the
    // name given the comma after it is the wording's, to be kept too.
    let (mut store, event) = workshop();
    let mut input = person("Ana", "Silva", "BR");
    input.honorific = "Ms".into();
    input.position = "Director".into();
    input.organization = "Ministry of Science".into();
    let ana = add(&mut store.conn, &event, &input).expect("registers");
    sensitive::set(
        &mut store.conn,
        &ana.id,
        &SensitiveData {
            passport_number: "BR1234567".into(),
            date_of_birth: "1971-02-13".into(),
        },
        now(),
    )
    .expect("recorded");
    let t = pdf_text(&issue_and_print(
        &mut store,
        &for_person(&event, LetterKind::Visa, &ana),
    ));
    assert_has(&t, &["Position: Director, Ministry of Science"]);
    let t = pdf_text(&issue_and_print(
        &mut store,
        &for_person(&event, LetterKind::Invitation, &ana),
    ));
    assert_has(&t, &["Dear Ms Ana SILVA, On behalf of the organizers"]);
}
