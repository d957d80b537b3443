//! Printed documents in the six languages, and bilingual: every kind from the sample seminar
//! in every language, read back with `pdftotext` (poppler-utils) for the CLDR dates, the
//! translated labels and no English label left; the Arabic title on the right (`pdftotext
//! -bbox`); `--also` for both labels; and the CLI's `--lang`, `--also` and `--language`.

use crate::{now, plenary_at, Store};
use plenary_core::print::{self, DocumentKind, PrintRequest, Printed};
use plenary_core::{collation, countries, ops, sample, Lang};
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

/// A request for `kind` with what it needs: a day, a room, or one delegation (China, whose
/// head of delegation speaks, so that briefings have something to print).
fn request(event: &str, kind: DocumentKind, lang: Lang) -> PrintRequest {
    let mut req = PrintRequest::new(event, kind);
    req.lang = Some(lang);
    match kind {
        DocumentKind::Agenda => req.day = Some("2024-09-03".into()),
        DocumentKind::Room => {
            req.day = Some("2024-09-03".into());
            req.room = Some("main plenary hall".into());
        }
        DocumentKind::Programme => {}
        DocumentKind::Letter => {
            req.country = Some("CN".into());
            req.letter = Some(plenary_core::letters::LetterKind::Invitation);
        }
        _ => req.country = Some("CN".into()),
    }
    req
}

fn print_ok(store: &Store, req: &PrintRequest) -> Printed {
    print::print(&store.conn, req, today())
        .unwrap_or_else(|e| panic!("{:?} in {:?} prints: {e}", req.kind, req.lang))
}

/// Runs a poppler tool on the PDF; its text on standard output.
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

/// The text with runs of white space made one space, so that phrases match across lines.
fn text(printed: &Printed) -> String {
    poppler(printed, "pdftotext", &[])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks that each phrase is in the text. Spaces are left out of the comparison: typst
/// spaces CJK text from Latin letters and digits (`2024 年 9 月`), which pdftotext reads as
/// spaces that the text itself does not have.
fn assert_has(text: &str, wanted: &[&str], what: &str) {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for w in wanted {
        let w_squeezed: String = w.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.contains(&w_squeezed),
            "{what} says {w:?}; it reads:\n{text}"
        );
    }
}

/// English labels of the documents that are none of the sample's own words (its session
/// titles and descriptions are English user text and stay as they are).
const ENGLISH_LABELS: [&str; 32] = [
    "Page 1 of",
    "Printed ",
    "Times are in",
    "Daily agenda",
    "DAILY AGENDA",
    "PERSONAL AGENDA",
    "SPEAKER BRIEFING",
    "CHECK-IN LIST",
    "Video address (remote)",
    "Keynote speaker",
    "Moderator",
    "Your role",
    "Your time",
    "To be announced",
    "No co-speakers",
    "Speaker 1 of",
    "expected",
    "already checked in",
    "Checked in",
    "September",
    "Tuesday",
    "Co-sponsor",
    "Dietary need",
    "No special diet",
    "Gluten-free",
    "Allergies and intolerances",
    "Counted when printed",
    "PODIUM",
    "No country drawn yet",
    "alphabetical order of their UN",
    "list of participants",
    "MEMBER STATES",
];

#[test]
fn every_kind_prints_in_every_language_with_its_own_labels_and_every_glyph() {
    let (store, event) = sample_store();
    for lang in Lang::ALL {
        for kind in DocumentKind::ALL {
            let printed = print_ok(&store, &request(&event, kind, lang));
            assert!(
                printed.missing_glyphs.is_empty(),
                "{kind:?} in {lang}: no font for {:?}",
                printed.missing_glyphs
            );
            if lang == Lang::En {
                continue;
            }
            let t = text(&printed);
            for english in ENGLISH_LABELS {
                assert!(
                    !t.contains(english),
                    "{kind:?} in {lang} still says {english:?}:\n{t}"
                );
            }
        }
    }
}

#[test]
fn the_programme_has_cldr_dates_and_translated_labels_in_each_language() {
    let (store, event) = sample_store();
    let cases: [(Lang, &[&str]); 6] = [
        (
            Lang::En,
            &[
                "Tuesday, 3 September 2024",
                "3–6 September 2024",
                "Opening ceremony",
                "Co-sponsor",
                "Page 2 of 5",
                "Printed 30 August 2024",
            ],
        ),
        (
            Lang::Fr,
            &[
                "mardi 3 septembre 2024",
                "3–6 septembre 2024",
                "Cérémonie d’ouverture",
                "Coparrain",
                "Page 2 sur 5",
                "Imprimé le 30 août 2024",
            ],
        ),
        (
            Lang::Es,
            &[
                "martes, 3 de septiembre de 2024",
                "3–6 de septiembre de 2024",
                "Ceremonia de apertura",
                "Copatrocinador",
                "Página 2 de 5",
            ],
        ),
        (
            Lang::Ru,
            &[
                "3 сентября 2024 г.",
                "вторник",
                "Церемония открытия",
                "Соорганизатор",
                "Страница 2 из 5",
            ],
        ),
        (
            Lang::Zh,
            &[
                "2024年9月3日星期二",
                "2024年9月3日–6日",
                "开幕式",
                "共同主办方",
                "第 2 页，共 5 页",
            ],
        ),
        // pdftotext splits Arabic's lam-alef ligature (الثلاثاء reads back as الثالثاء), so the
        // Arabic dates are checked in words.rs; here the words without one.
        (
            Lang::Ar,
            &[
                "سبتمبر",
                "أغسطس",
                "تاريخ الطباعة",
                "الجهة المضيفة",
                "البرنامج",
            ],
        ),
    ];
    for (lang, wanted) in cases {
        let printed = print_ok(&store, &request(&event, DocumentKind::Programme, lang));
        assert_eq!(printed.pages, 5, "{lang}: a cover and one page per day");
        assert_has(&text(&printed), wanted, &format!("the programme in {lang}"));
    }
}

#[test]
fn counts_roles_and_times_follow_the_language() {
    let (store, event) = sample_store();
    let checkin = print_ok(&store, &request(&event, DocumentKind::Checkin, Lang::Ru));
    let t = text(&checkin);
    // The Chinese delegation of the sample has more than four members: the "many" form.
    assert!(
        t.contains("участников") || t.contains("участника"),
        "Russian counts take their plural form:\n{t}"
    );
    let briefing = print_ok(&store, &request(&event, DocumentKind::Briefing, Lang::Fr));
    assert_has(
        &text(&briefing),
        &[
            "NOTE D’INFORMATION DE L’INTERVENANT",
            "Votre rôle",
            "Intervenant 1 sur",
        ],
        "a French briefing",
    );
    let agenda = print_ok(&store, &request(&event, DocumentKind::Agenda, Lang::Ar));
    // Arabic keeps Western digits and, as every language here, the 24-hour clock.
    assert_has(&text(&agenda), &["15:30"], "an Arabic agenda");
}

#[test]
fn an_arabic_document_runs_right_to_left() {
    let (store, event) = sample_store();
    // The left and right ends of the first line (the document's kind), and the page's width.
    let first_line = |lang: Lang| -> (f64, f64, f64) {
        let printed = print_ok(&store, &request(&event, DocumentKind::Agenda, lang));
        let html = poppler(&printed, "pdftotext", &["-bbox"]);
        let number = |tag: &str, attr: &str| -> f64 {
            let start = tag.find(&format!("{attr}=\"")).expect("the attribute") + attr.len() + 2;
            tag[start..]
                .split('"')
                .next()
                .and_then(|v| v.parse().ok())
                .expect("a number")
        };
        let page = html.lines().find(|l| l.contains("<page ")).expect("a page");
        let width = number(page, "width");
        let words: Vec<&str> = html.lines().filter(|l| l.contains("<word ")).collect();
        let top = number(words.first().expect("a word"), "yMin");
        let line: Vec<&&str> = words
            .iter()
            .filter(|w| (number(w, "yMin") - top).abs() < 0.5)
            .collect();
        let left = line
            .iter()
            .map(|w| number(w, "xMin"))
            .fold(f64::MAX, f64::min);
        let right = line.iter().map(|w| number(w, "xMax")).fold(0.0, f64::max);
        (width, left, right)
    };
    let (width, en_left, en_right) = first_line(Lang::En);
    assert!(
        en_left < 60.0 && en_right < width / 2.0,
        "English starts at the left margin: {en_left}–{en_right} of {width}"
    );
    let (width, ar_left, ar_right) = first_line(Lang::Ar);
    assert!(
        ar_left > width / 2.0 && width - ar_right < 60.0,
        "the Arabic title ends at the right margin: {ar_left}–{ar_right} of {width}"
    );
}

#[test]
fn a_second_language_prints_each_label_in_both() {
    let (store, event) = sample_store();
    let mut req = request(&event, DocumentKind::Agenda, Lang::Zh);
    req.also = Some(Lang::En);
    let t = text(&print_ok(&store, &req));
    assert_has(
        &t,
        &[
            "开幕式 / Opening ceremony",
            "第 1 页，共 1 页 / Page 1 of 1",
            "视频致辞（远程） / Video address (remote)",
            "2024年9月3日星期二",
        ],
        "a Chinese and English agenda",
    );
    let mut req = request(&event, DocumentKind::Plates, Lang::Zh);
    req.also = Some(Lang::En);
    let printed = print_ok(&store, &req);
    assert!(
        printed.missing_glyphs.is_empty(),
        "{:?}",
        printed.missing_glyphs
    );
    // The same language twice is one language.
    let mut req = request(&event, DocumentKind::Agenda, Lang::Fr);
    req.also = Some(Lang::Fr);
    let t = text(&print_ok(&store, &req));
    assert!(!t.contains(" / Cérémonie"), "{t}");
}

#[test]
fn documents_print_in_the_events_language_unless_told_otherwise() {
    let (mut store, event) = sample_store();
    let mut input = sample::event_input();
    input.language = Lang::Fr;
    ops::update_event(&mut store.conn, &event, &input, now()).expect("the event changes");
    let mut req = request(&event, DocumentKind::Agenda, Lang::Fr);
    req.lang = None;
    assert_has(
        &text(&print_ok(&store, &req)),
        &["mardi 3 septembre 2024"],
        "the event's language",
    );
    req.lang = Some(Lang::En);
    assert_has(
        &text(&print_ok(&store, &req)),
        &["Tuesday, 3 September 2024"],
        "the language asked for",
    );
}

#[test]
fn the_cli_refuses_an_unknown_language_and_keeps_the_events_language() {
    let (store, _) = sample_store();
    for flag in ["--lang", "--also"] {
        let run = plenary_at(
            &store.path(),
            &["print", "programme", flag, "de", "--out", "x.pdf"],
        );
        assert_eq!(run.status.code(), Some(1), "{flag} de");
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.starts_with("error: lang: "), "{flag}: {err}");
    }
    let out = store.dir.path().join("programme.pdf");
    let run = plenary_at(
        &store.path(),
        &[
            "print",
            "programme",
            "--lang",
            "ZH",
            "--also",
            "en",
            "--out",
            out.to_str().expect("path"),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let created = plenary_at(
        &store.path(),
        &[
            "event",
            "create",
            "--name",
            "Séminaire",
            "--start",
            "2025-03-03",
            "--end",
            "2025-03-05",
            "--timezone",
            "Europe/Paris",
            "--language",
            "fr",
        ],
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let id = String::from_utf8_lossy(&created.stdout).trim().to_owned();
    let show = |id: &str| -> serde_json::Value {
        let run = plenary_at(&store.path(), &["event", "show", "--event", id, "--json"]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        serde_json::from_slice(&run.stdout).expect("JSON")
    };
    assert_eq!(show(&id)["language"], "fr");
    let edited = plenary_at(
        &store.path(),
        &["event", "edit", "--event", &id, "--language", "ar"],
    );
    assert!(
        edited.status.success(),
        "{}",
        String::from_utf8_lossy(&edited.stderr)
    );
    let shown = show(&id);
    assert_eq!(shown["language"], "ar");
    assert_eq!(
        shown["name"], "Séminaire",
        "edit changes only what it is given"
    );
    let wrong = plenary_at(
        &store.path(),
        &["event", "edit", "--event", &id, "--language", "de"],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).starts_with("error: language: "));
    let list = plenary_at(&store.path(), &["event", "list", "--json"]);
    let events: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    assert!(
        events
            .as_array()
            .expect("a list")
            .iter()
            .any(|e| e["language"] == "ar"),
        "{events}"
    );
}

#[test]
fn countries_take_their_un_short_names_in_the_documents_language() {
    let (store, event) = sample_store();
    let cases = [
        (Lang::Fr, "Chine"),
        (Lang::Ru, "Китай"),
        (Lang::Zh, "中国"),
        (Lang::Ar, "الصين"),
        (Lang::En, "China"),
    ];
    for (lang, china) in cases {
        for kind in [
            DocumentKind::Badges,
            DocumentKind::Checkin,
            DocumentKind::Person,
        ] {
            let t = text(&print_ok(&store, &request(&event, kind, lang)));
            assert_has(&t, &[china], &format!("{kind:?} in {lang}"));
        }
    }
    // Badges and plates of a bilingual document name the country in both languages.
    for kind in [DocumentKind::Badges, DocumentKind::Plates] {
        let mut req = request(&event, kind, Lang::Zh);
        req.also = Some(Lang::En);
        let t = text(&print_ok(&store, &req));
        let china = if kind == DocumentKind::Plates {
            "CHINA"
        } else {
            "China"
        };
        assert_has(
            &t,
            &["中国", china],
            &format!("{kind:?} in Chinese and English"),
        );
    }
}

#[test]
fn a_french_check_in_list_sorts_its_countries_as_french_does() {
    let (store, event) = sample_store();
    let mut req = request(&event, DocumentKind::Checkin, Lang::Fr);
    req.country = None;
    let t = text(&print_ok(&store, &req));
    let attendees = ops::list_attendees(&store.conn, &event, &Default::default()).expect("list");
    let mut names: Vec<&str> = attendees
        .iter()
        .filter(|a| a.attending && !a.country.is_empty())
        .filter_map(|a| countries::un_short_name(&a.country, Lang::Fr))
        .collect();
    names.sort_by(|a, b| collation::for_lang(Lang::Fr).compare(a, b));
    names.dedup();
    assert!(names.len() > 20, "the sample has many delegations");
    // South Africa sorts near the end in English; « Afrique du Sud » comes first in French.
    assert_eq!(names[0], "Afrique du Sud", "{names:?}");
    let mut last = 0;
    for name in &names {
        let at = t[last..]
            .find(&format!("{name} ·"))
            .unwrap_or_else(|| panic!("{name:?} heads a group after the previous one:\n{t}"));
        last += at + name.len();
    }
}
