//! Import and export of attendee lists: the preview's problems with their lines, all-or-nothing
//! commits, the round trip through Plenary's own CSV and XLSX, and the CLI's contract.

use crate::{add, now, person, plenary_at, store_with_event, Store};
use plenary_core::db::Connection;
use plenary_core::exchange::import::{self, ImportOptions, RowStatus};
use plenary_core::exchange::mapping::{self, ImportField};
use plenary_core::exchange::read::{self, Table};
use plenary_core::exchange::{export_list, tabular, ListKind, TableFormat};
use plenary_core::model::{Attendee, AttendeeInput, NameOrder};
use plenary_core::{ops, Error};
use proptest::prelude::*;
use uuid::Uuid;

fn table(csv: &str) -> Table {
    read::read_bytes(csv.as_bytes()).expect("the CSV reads")
}

fn preview(conn: &Connection, event: &str, table: &Table) -> import::Preview {
    let columns = mapping::suggest(&table.headers);
    import::preview(conn, event, table, &columns, &ImportOptions::default()).expect("a preview")
}

fn commit(
    conn: &mut Connection,
    event: &str,
    table: &Table,
    valid_only: bool,
) -> plenary_core::Result<import::ImportReport> {
    let columns = mapping::suggest(&table.headers);
    import::commit(
        conn,
        event,
        table,
        &columns,
        &ImportOptions::default(),
        valid_only,
        now(),
        &mut || Uuid::now_v7().to_string(),
        &mut |_, _| {},
    )
}

fn everyone(conn: &Connection, event: &str) -> Vec<Attendee> {
    ops::list_attendees(conn, event, &Default::default())
        .expect("the list")
        .iter()
        .map(|a| (**a).clone())
        .collect()
}

const MINISTRY_LIST: &str = "\
Title,First Name,Surname,Nationality,Institution,Job Title,E-mail,Mobile,Hotel
H.E. Mr,Kwame,Mensah,Ghana,Ministry of Communications,Director,k.mensah@example.gov,+233 20 555 0101,Hilton
Ms,Thi Lan,Nguyen,Viet Nam,Ministry of Science,Expert,lan@example.vn,+84 24 555 0102,Hilton
Dr,Reza,Tehrani,Iran (Islamic Republic of),University of Tehran,Professor,,,-
Mr,Juan,Quispe,Bolivia (Plurinational State of),AGETIC,Analyst,juan@example.bo,,
,,张伟,China,,,,,
";

#[test]
fn a_ministry_list_maps_and_imports() {
    let (mut store, event) = store_with_event();
    let t = table(MINISTRY_LIST);
    let p = preview(&store.conn, &event, &t);
    assert_eq!(p.problems, vec![], "every row is valid");
    assert_eq!((p.total_rows, p.new_rows), (5, 5));
    let unknown: Vec<&str> = p
        .columns
        .iter()
        .filter(|c| c.unknown)
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(unknown, ["Hotel"], "the unknown column is listed");
    assert_eq!(p.rows[1].attendee.country, "VN", "the UN name resolves");
    assert_eq!(p.rows[2].attendee.country, "IR");
    assert_eq!(p.rows[3].attendee.country, "BO");

    let report = commit(&mut store.conn, &event, &t, false).expect("it imports");
    assert_eq!(report.imported, 5);
    let people = everyone(&store.conn, &event);
    let mensah = people
        .iter()
        .find(|a| a.family_name == "Mensah")
        .expect("Mensah");
    assert_eq!(mensah.honorific, "H.E. Mr");
    assert_eq!(mensah.phone, "+233 20 555 0101");
    assert_eq!(mensah.category, "guest", "the default category");
    let zhang = people
        .iter()
        .find(|a| a.family_name == "张伟")
        .expect("a Chinese name given as the family name alone");
    assert_eq!(
        zhang.name_order,
        NameOrder::FamilyFirst,
        "a Chinese name is family-first"
    );
}

/// A delegation's list as a French-speaking ministry sends it.
const FRENCH_LIST: &str = "\
Civilité;Prénom;Nom de famille;Pays;Organisation;Fonction;Courriel;Téléphone;Remarques
M.;Jean-Luc;Dubois;France;Ministère de l'Europe et des Affaires étrangères;Conseiller;jl.dubois@example.fr;+33 1 55 55 01 01;Arrive le lundi
Mme;Aminata;Diallo;Sénégal;Ministère de la Communication;Directrice;a.diallo@example.sn;;
S. E. M.;Klaus;Becker;Allemagne;Auswärtiges Amt;Ambassadeur;;;
Mme;Awa;Koné;Côte d'Ivoire;ARTCI;Experte;awa@example.ci;;
";

/// The same in Chinese, with full-width brackets as a Chinese spreadsheet writes them.
const CHINESE_LIST: &str = "\
姓名,姓（拼音）,名（拼音）,国家,单位,职务,电子邮件,手机,备注
张伟,Zhang,Wei,中国,工业和信息化部,处长,zhang.wei@example.cn,+86 10 5555 0101,
李娜,Li,Na,中国,外交部,参赞,,,素食
金民俊,Kim,Minjun,大韩民国,科学技术信息通信部,专家,,,
Ana Silva,,,巴西,Anatel,顾问,ana@example.br,,
";

#[test]
fn a_french_list_maps_its_headers_and_countries() {
    let (mut store, event) = store_with_event();
    let t = table(FRENCH_LIST);
    let p = preview(&store.conn, &event, &t);
    let fields: Vec<Option<ImportField>> = p.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Some(ImportField::Honorific),
            Some(ImportField::GivenName),
            Some(ImportField::FamilyName),
            Some(ImportField::Country),
            Some(ImportField::Organization),
            Some(ImportField::Position),
            Some(ImportField::Email),
            Some(ImportField::Phone),
            Some(ImportField::Notes),
        ],
        "every French header names its field"
    );
    assert_eq!(p.problems, vec![], "every row is valid");
    let countries: Vec<&str> = p.rows.iter().map(|r| r.attendee.country.as_str()).collect();
    assert_eq!(
        countries,
        ["FR", "SN", "DE", "CI"],
        "French country names resolve"
    );

    let report = commit(&mut store.conn, &event, &t, false).expect("it imports");
    assert_eq!(report.imported, 4);
    let people = everyone(&store.conn, &event);
    let dubois = people
        .iter()
        .find(|a| a.family_name == "Dubois")
        .expect("Dubois");
    assert_eq!(
        (dubois.given_name.as_str(), dubois.honorific.as_str()),
        ("Jean-Luc", "M.")
    );
    assert_eq!(dubois.position, "Conseiller");
    assert_eq!(dubois.email, "jl.dubois@example.fr");
    assert_eq!(dubois.notes, "Arrive le lundi");
}

#[test]
fn a_chinese_list_maps_its_headers_and_countries() {
    let (mut store, event) = store_with_event();
    let t = table(CHINESE_LIST);
    let p = preview(&store.conn, &event, &t);
    let fields: Vec<Option<ImportField>> = p.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Some(ImportField::FullName),
            Some(ImportField::FamilyNameLatin),
            Some(ImportField::GivenNameLatin),
            Some(ImportField::Country),
            Some(ImportField::Organization),
            Some(ImportField::Position),
            Some(ImportField::Email),
            Some(ImportField::Phone),
            Some(ImportField::Notes),
        ],
        "every Chinese header names its field"
    );
    assert_eq!(p.problems, vec![], "every row is valid");
    let countries: Vec<&str> = p.rows.iter().map(|r| r.attendee.country.as_str()).collect();
    assert_eq!(
        countries,
        ["CN", "CN", "KR", "BR"],
        "Chinese country names resolve"
    );

    let report = commit(&mut store.conn, &event, &t, false).expect("it imports");
    assert_eq!(report.imported, 4);
    let people = everyone(&store.conn, &event);
    let zhang = people
        .iter()
        .find(|a| a.family_name == "张")
        .expect("张伟 split family first");
    assert_eq!(zhang.given_name, "伟");
    assert_eq!(zhang.name_order, NameOrder::FamilyFirst);
    assert_eq!(
        (
            zhang.family_name_latin.as_str(),
            zhang.given_name_latin.as_str()
        ),
        ("Zhang", "Wei")
    );
    assert_eq!(zhang.organization, "工业和信息化部");
    assert_eq!(zhang.position, "处长");
    let li = people.iter().find(|a| a.family_name == "李").expect("李娜");
    assert_eq!(li.notes, "素食");
}

#[test]
fn a_full_name_column_keeps_the_order_the_name_is_written_in() {
    let (store, event) = store_with_event();
    let t = table(
        "Name,Country\nGUTERRES António,PT\nAna SILVA,BR\n张伟,CN\nNGUYEN Thi Lan,VN\nOkafor,NG\n",
    );
    let p = preview(&store.conn, &event, &t);
    let got: Vec<(&str, &str, NameOrder)> = p
        .rows
        .iter()
        .map(|r| {
            let a = &r.attendee;
            (a.given_name.as_str(), a.family_name.as_str(), a.name_order)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("António", "Guterres", NameOrder::FamilyFirst),
            ("Ana", "Silva", NameOrder::GivenFirst),
            ("伟", "张", NameOrder::FamilyFirst),
            ("Thi Lan", "Nguyen", NameOrder::FamilyFirst),
            ("", "Okafor", NameOrder::GivenFirst),
        ]
    );
}

#[test]
fn every_problem_is_named_by_line_and_field_and_nothing_is_imported() {
    let (mut store, event) = store_with_event();
    add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            email: "taken@example.org".into(),
            ..person("Ana", "Silva", "BR")
        },
    )
    .expect("registered");
    let t = table(
        "given_name,family_name,country,email\n\
         Ok,Person,FR,ok@example.fr\n\
         No,,FR,\n\
         Bad,Country,Atlantis,\n\
         Bad,Email,DE,not-an-email\n\
         Dup,Store,PT,TAKEN@example.org\n\
         Dup,File,ES,ok@example.fr\n\
         Ana,Silva,BR,\n",
    );
    let p = preview(&store.conn, &event, &t);
    let found: Vec<(Option<u32>, &str)> = p
        .problems
        .iter()
        .map(|e| (e.row, e.field.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (Some(3), "family_name"),
            (Some(4), "country"),
            (Some(5), "email"),
            (Some(6), "email"),
            (Some(7), "email"),
            (Some(8), "family_name"),
        ],
        "{:#?}",
        p.problems
    );
    assert!(p.problems[1].message.contains("Atlantis"));
    assert!(
        p.problems[3].message.contains("Ana SILVA"),
        "names who has it"
    );
    assert!(
        p.problems[4].message.contains("line 2"),
        "names the first line"
    );
    assert_eq!((p.new_rows, p.invalid_rows), (1, 6));

    let before = everyone(&store.conn, &event);
    match commit(&mut store.conn, &event, &t, false) {
        Err(Error::Validation(list)) => assert_eq!(list.len(), 6),
        other => panic!("expected every problem, got {other:?}"),
    }
    assert_eq!(
        everyone(&store.conn, &event),
        before,
        "nothing was imported"
    );

    let report = commit(&mut store.conn, &event, &t, true).expect("the valid rows import");
    assert_eq!((report.imported, report.skipped), (1, 6));
    assert_eq!(everyone(&store.conn, &event).len(), 2);
}

/// The problems of `table`, as (line, field, message).
fn problems(conn: &Connection, event: &str, table: &Table) -> Vec<(Option<u32>, String, String)> {
    preview(conn, event, table)
        .problems
        .into_iter()
        .map(|e| (e.row, e.field, e.message))
        .collect()
}

#[test]
fn a_ragged_csv_row_is_a_problem_on_its_own_line() {
    let (mut store, event) = store_with_event();
    for ending in ["\n", "\r\n"] {
        // A quoted two-line value and a blank line before the short row: it starts on line 5.
        let csv = [
            "given_name,family_name,country,organization,notes",
            "Ana,Silva,BR,Ministry of Science,\"two",
            "lines\"",
            "",
            "Ragged,Row,KE",
            "Kwame,Mensah,GH,Ministry of Communications,",
            "",
        ]
        .join(ending);
        let t = table(&csv);
        let found = problems(&store.conn, &event, &t);
        assert_eq!(
            found
                .iter()
                .map(|(line, field, _)| (*line, field.as_str()))
                .collect::<Vec<_>>(),
            [(Some(5), "row")],
            "{ending:?}: only the short row, by the line it is on: {found:?}"
        );
        assert!(
            found[0].2.starts_with("3 fields, the header has 5"),
            "{ending:?}: the message gives both counts: {}",
            found[0].2
        );

        let before = everyone(&store.conn, &event);
        match commit(&mut store.conn, &event, &t, false) {
            Err(Error::Validation(list)) => assert_eq!(
                list.iter()
                    .map(|e| (e.row, e.field.as_str()))
                    .collect::<Vec<_>>(),
                [(Some(5), "row")],
                "{ending:?}: the commit refuses for the same reason"
            ),
            other => panic!("{ending:?}: expected the problem, got {other:?}"),
        }
        assert_eq!(
            everyone(&store.conn, &event),
            before,
            "{ending:?}: all or nothing: nothing was imported"
        );
    }

    let t =
        table("given_name,family_name,country,organization,notes\nRagged,Row,KE\nAna,Silva,BR,,\n");
    let report = commit(&mut store.conn, &event, &t, true).expect("the valid rows import");
    assert_eq!(
        (report.imported, report.skipped),
        (1, 1),
        "valid rows only leaves the short row out"
    );
    let families: Vec<String> = everyone(&store.conn, &event)
        .into_iter()
        .map(|a| a.family_name)
        .collect();
    assert_eq!(families, ["Silva"], "the short row was not imported");
}

#[test]
fn which_rows_fit_their_header() {
    let (store, event) = store_with_event();
    let header = "given_name,family_name,country\n";
    for (rows, expected) in [
        ("Ana,Silva,BR\n", &[][..]),
        // A trailing delimiter adds an empty field: nothing is lost.
        ("Ana,Silva,BR,\nKwame,Mensah,GH,,\n", &[][..]),
        ("Ana,Silva\n", &[(2, "2 fields, the header has 3")][..]),
        // An unquoted comma in a value shifts every field after it.
        (
            "Ana,Silva, Jr.,BR\n",
            &[(2, "4 fields, the header has 3")][..],
        ),
        ("\n\nAna,Silva,BR\n\n", &[][..]),
    ] {
        // The row problems (the shifted fields have their own), up to the advice.
        let found: Vec<(u32, String)> =
            problems(&store.conn, &event, &table(&format!("{header}{rows}")))
                .into_iter()
                .filter(|(_, field, _)| field == "row")
                .map(|(line, _, message)| {
                    let counts = message.split(':').next().unwrap_or_default();
                    (line.unwrap_or(0), counts.to_owned())
                })
                .collect();
        let want: Vec<(u32, String)> = expected
            .iter()
            .map(|(line, message)| (*line, (*message).to_owned()))
            .collect();
        assert_eq!(found, want, "{rows:?}");
    }

    // A header line ending in a delimiter names nothing after it, so rows without that
    // empty field are whole; a value under it is an unnamed column, listed as unknown.
    let t = table("given_name,family_name,country,\nAna,Silva,BR\nKwame,Mensah,GH,Hilton\n");
    assert_eq!(problems(&store.conn, &event, &t), vec![], "{:?}", t.headers);
    assert!(
        preview(&store.conn, &event, &t).columns[3].unknown,
        "the unnamed column is listed, not lost"
    );
}

#[test]
fn an_xlsx_row_with_empty_trailing_cells_is_not_ragged() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, header) in [
        "given_name",
        "family_name",
        "country",
        "organization",
        "notes",
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string(0, column as u16, *header)
            .expect("a header");
    }
    for (column, value) in ["Kwame", "Mensah", "GH"].iter().enumerate() {
        sheet
            .write_string(1, column as u16, *value)
            .expect("a cell");
    }
    let t = read::read_bytes(&book.save_to_buffer().expect("a workbook")).expect("reads");
    assert_eq!(
        t.rows[0].cells.len(),
        3,
        "the test can fail: the row is short"
    );
    let (store, event) = store_with_event();
    assert_eq!(
        problems(&store.conn, &event, &t),
        vec![],
        "a sheet stores no empty trailing cells"
    );
}

#[test]
fn the_export_reimports_without_changing_anything() {
    let mut store = Store::default();
    let loaded = plenary_core::sample::load(&mut store.conn, now(), Uuid::now_v7).expect("sample");
    let event = loaded.event.id;
    let before = everyone(&store.conn, &event);
    for format in [TableFormat::Csv, TableFormat::Xlsx] {
        let bytes = export_list(&store.conn, &event, ListKind::Attendees, format).expect("export");
        let t = read::read_bytes(&bytes).expect("our own export reads");
        let p = preview(&store.conn, &event, &t);
        assert_eq!(p.problems, vec![], "{format:?}");
        assert!(
            p.columns.iter().all(|c| !c.unknown),
            "{format:?}: the export maps itself"
        );
        assert_eq!(
            (p.unchanged_rows, p.new_rows, p.updated_rows),
            (before.len() as u32, 0, 0),
            "{format:?}"
        );
        let report = commit(&mut store.conn, &event, &t, false).expect("re-import");
        assert_eq!(report.unchanged, before.len() as u32);
        assert_eq!(
            everyone(&store.conn, &event),
            before,
            "{format:?}: nothing changed, not even a timestamp"
        );
    }
}

/// Each data row of `t` by header.
fn by_header(t: &Table) -> Vec<std::collections::HashMap<&str, &str>> {
    t.rows
        .iter()
        .map(|r| {
            t.headers
                .iter()
                .enumerate()
                .map(|(i, h)| (h.as_str(), r.cell(i)))
                .collect()
        })
        .collect()
}

#[test]
fn every_list_opens_on_what_people_read_and_ends_with_its_ids() {
    let mut store = Store::default();
    let loaded = plenary_core::sample::load(&mut store.conn, now(), Uuid::now_v7).expect("sample");
    let event = loaded.event.id;
    let attendee_columns = [
        "honorific",
        "given_name",
        "family_name",
        "given_name_latin",
        "family_name_latin",
        "country",
        "organization",
        "position",
        "category",
        "email",
        "phone",
        "languages",
        "dietary",
        "accessibility",
        "notes",
        "attending",
        "name_order",
        "id",
        "event_id",
        "checked_in_at",
        "created_at",
        "updated_at",
    ];
    for (kind, want) in [
        (ListKind::Attendees, &attendee_columns[..]),
        (
            ListKind::Sessions,
            &[
                "start",
                "end",
                "title",
                "type",
                "room",
                "track",
                "speakers",
                "capacity",
                "signups",
                "description",
                "start_utc",
                "id",
            ][..],
        ),
        (
            ListKind::Assignments,
            &[
                "session_title",
                "start",
                "room",
                "name",
                "country",
                "role",
                "position",
                "home_timezone",
                "id",
                "session_id",
                "person_id",
            ][..],
        ),
        (
            ListKind::Signups,
            &[
                "session_title",
                "start",
                "name",
                "country",
                "email",
                "session_id",
                "person_id",
            ][..],
        ),
        (
            ListKind::Delegations,
            &[
                "country",
                "country_name",
                "count",
                "head",
                "categories",
                "members",
            ][..],
        ),
    ] {
        for format in [TableFormat::Csv, TableFormat::Xlsx] {
            let t =
                read::read_bytes(&export_list(&store.conn, &event, kind, format).expect("export"))
                    .expect("reads");
            assert_eq!(t.headers, want, "{kind:?} as {format:?}");
            assert!(
                !t.rows.is_empty(),
                "{kind:?}: the test can fail: the sample fills the list"
            );
        }
    }
    assert_eq!(
        tabular::ATTENDEE_COLUMNS,
        attendee_columns,
        "the constant is the export's order"
    );

    // The same keys as `attendee list --json`, only in another order.
    let people = everyone(&store.conn, &event);
    let json = serde_json::to_value(&people[0]).expect("JSON");
    let mut keys: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut columns = attendee_columns.to_vec();
    keys.sort_unstable();
    columns.sort_unstable();
    assert_eq!(columns, keys, "the CSV header is the --json keys");

    // Each value is still under its own header.
    let person = |id: &str| {
        people
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("{id:?} is an attendee's id"))
    };
    let sessions =
        plenary_core::schedule::ops::list_sessions(&store.conn, &event, None).expect("sessions");
    let title = |id: &str| {
        sessions
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.as_str())
            .unwrap_or_else(|| panic!("{id:?} is a session's id"))
    };
    let csv = |kind| {
        read::read_bytes(&export_list(&store.conn, &event, kind, TableFormat::Csv).expect("export"))
            .expect("reads")
    };
    let t = csv(ListKind::Sessions);
    for row in by_header(&t) {
        assert_eq!(title(row["id"]), row["title"], "a session's id and title");
    }
    let t = csv(ListKind::Assignments);
    for row in by_header(&t) {
        assert_eq!(title(row["session_id"]), row["session_title"]);
        assert_eq!(person(row["person_id"]).country, row["country"], "{row:?}");
        assert!(Uuid::parse_str(row["id"]).is_ok(), "{row:?}");
    }
    let t = csv(ListKind::Signups);
    for row in by_header(&t) {
        assert_eq!(title(row["session_id"]), row["session_title"]);
        let p = person(row["person_id"]);
        assert_eq!(
            (p.country.as_str(), p.email.as_str()),
            (row["country"], row["email"])
        );
    }

    // The roster, the delegations workbook's second sheet.
    {
        use calamine::{Reader, Xlsx};
        let bytes = export_list(
            &store.conn,
            &event,
            ListKind::Delegations,
            TableFormat::Xlsx,
        )
        .expect("xlsx");
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
        let roster = book.worksheet_range("Roster").expect("the roster");
        let mut rows = roster.rows();
        let header: Vec<String> = rows
            .next()
            .expect("a header")
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            header,
            [
                "country",
                "name",
                "category",
                "organization",
                "position",
                "email",
                "attending",
                "id"
            ]
        );
        for row in rows {
            let p = person(&row[7].to_string());
            assert_eq!(
                (p.country.clone(), p.email.clone()),
                (row[0].to_string(), row[5].to_string())
            );
        }
    }

    // Passport numbers and dates of birth, asked for, come after the person's details and
    // before the bookkeeping, beside the right person.
    let ana = &people[0];
    plenary_core::sensitive::set(
        &mut store.conn,
        &ana.id,
        &plenary_core::sensitive::SensitiveData {
            passport_number: "P1234567".into(),
            date_of_birth: "1971-02-13".into(),
        },
        now(),
    )
    .expect("recorded");
    let t = read::read_bytes(
        &plenary_core::exchange::export_list_with(
            &store.conn,
            &event,
            ListKind::Attendees,
            TableFormat::Csv,
            true,
        )
        .expect("export"),
    )
    .expect("reads");
    let at = attendee_columns
        .iter()
        .position(|c| *c == "id")
        .expect("id");
    let mut with_sensitive = attendee_columns.to_vec();
    with_sensitive.splice(at..at, ["passport_number", "date_of_birth"]);
    assert_eq!(t.headers, with_sensitive);
    let row = by_header(&t)
        .into_iter()
        .find(|r| r["id"] == ana.id)
        .expect("Ana's row");
    assert_eq!(
        (row["passport_number"], row["date_of_birth"], row["email"]),
        ("P1234567", "1971-02-13", ana.email.as_str())
    );
}

#[test]
fn an_edited_export_updates_the_people_it_names() {
    let (mut store, event) = store_with_event();
    let ana = add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            phone: "+55 61 5555 0100".into(),
            ..person("Ana", "Silva", "BR")
        },
    )
    .expect("registered");
    let csv = String::from_utf8(
        export_list(&store.conn, &event, ListKind::Attendees, TableFormat::Csv).expect("export"),
    )
    .expect("UTF-8");
    let edited = csv.replace("Ana", "Ana Maria").replace(",true,", ",false,");
    let t = table(&edited);
    let p = preview(&store.conn, &event, &t);
    assert_eq!(p.rows[0].status, RowStatus::Update);
    commit(&mut store.conn, &event, &t, false).expect("update");
    let after = ops::get_attendee(&store.conn, &ana.id).expect("still there");
    assert_eq!(after.given_name, "Ana Maria");
    assert!(!after.attending, "attending is read back");
    assert_eq!(
        after.phone, "+55 61 5555 0100",
        "the guarded phone survives"
    );
    assert_eq!(everyone(&store.conn, &event).len(), 1, "no duplicate");

    // The same person twice in one file: the second row would silently win over the first.
    let mut lines = csv.trim_end().lines();
    let (header, row) = (
        lines.next().expect("a header"),
        lines.next().expect("a row"),
    );
    let twice = format!("{header}\r\n{row}\r\n{}\r\n", row.replace("Ana", "Anna"));
    let p = preview(&store.conn, &event, &table(&twice));
    assert_eq!(
        p.problems
            .iter()
            .map(|e| (e.row, e.field.as_str()))
            .collect::<Vec<_>>(),
        [(Some(3), "id")],
        "{:?}",
        p.problems
    );
    assert!(p.problems[0].message.contains("line 2"));
}

#[test]
fn files_over_the_limits_are_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let big = dir.path().join("big.csv");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(read::MAX_BYTES + 1).expect("a sparse file");
    match read::read_file(&big) {
        Err(Error::Validation(list)) => assert!(list[0].message.contains("50 MB"), "{list:?}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    let mut many = String::from("family_name\n");
    for _ in 0..=read::MAX_ROWS {
        many.push_str("x\n");
    }
    match read::read_bytes(many.as_bytes()) {
        Err(Error::Validation(list)) => {
            assert!(list[0].message.contains("200000"), "{list:?}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_xlsx_export_is_typed_and_frozen() {
    use calamine::{Data, Reader, Xlsx};
    let (mut store, event) = store_with_event();
    add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            phone: "00123".into(),
            notes: "=HYPERLINK(\"x\")".into(),
            ..person("Ana", "Silva", "BR")
        },
    )
    .expect("registered");
    let bytes =
        export_list(&store.conn, &event, ListKind::Attendees, TableFormat::Xlsx).expect("xlsx");
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let range = book.worksheet_range("Attendees").expect("the sheet");
    let header: Vec<String> = range
        .rows()
        .next()
        .expect("a header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, tabular::ATTENDEE_COLUMNS);
    let row = range.rows().nth(1).expect("a row");
    let at = |key: &str| {
        let i = tabular::ATTENDEE_COLUMNS
            .iter()
            .position(|c| *c == key)
            .expect("a column");
        row[i].clone()
    };
    assert_eq!(
        at("phone"),
        Data::String("00123".into()),
        "a string stays a string"
    );
    assert_eq!(
        at("notes"),
        Data::String("=HYPERLINK(\"x\")".into()),
        "never a formula"
    );
    assert_eq!(at("attending"), Data::Bool(true), "booleans are typed");
}

#[test]
fn an_xlsx_sheet_is_read_cell_by_cell_and_a_sheet_claiming_every_cell_is_refused() {
    let workbook = |cells: &[(u32, u16, &str)]| -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (row, column, value) in cells {
            sheet.write_string(*row, *column, *value).expect("a cell");
        }
        book.save_to_buffer().expect("a workbook")
    };
    // The header in row 3 after two blank rows, an empty column, a blank row between people.
    let table = read::read_bytes(&workbook(&[
        (2, 0, "family_name"),
        (2, 2, "country"),
        (3, 0, "Silva"),
        (3, 2, "BR"),
        (5, 0, "Okafor"),
        (5, 2, "NG"),
    ]))
    .expect("the sheet reads");
    assert_eq!(table.headers, ["family_name", "", "country"]);
    let rows: Vec<(u32, &str, &str)> = table
        .rows
        .iter()
        .map(|r| (r.line, r.cell(0), r.cell(2)))
        .collect();
    assert_eq!(
        rows,
        [(4, "Silva", "BR"), (6, "Okafor", "NG")],
        "sheet row numbers"
    );

    // A few KB that claim a cell at XFD1048576: laid out as a rectangle, that sheet would
    // need hundreds of GB and abort the process; it is refused by its column instead.
    let err = read::read_bytes(&workbook(&[
        (0, 0, "family_name"),
        (1_048_575, 16_383, "x"),
    ]))
    .expect_err("refused")
    .to_string();
    assert!(err.contains("column 16384"), "{err}");
}

#[test]
fn a_delegation_too_large_for_one_excel_cell_still_exports() {
    use calamine::{Data, Reader, Xlsx};
    let (mut store, event) = store_with_event();
    // 1,500 members of one delegation: their names, joined, pass Excel's 32,767 characters.
    let mut csv = String::from("given_name,family_name,country\n");
    for i in 0..1500 {
        csv.push_str(&format!("Member {i},Delegate-{i},CN\n"));
    }
    commit(&mut store.conn, &event, &table(&csv), false).expect("imports");
    let bytes = export_list(
        &store.conn,
        &event,
        ListKind::Delegations,
        TableFormat::Xlsx,
    )
    .expect("the workbook is written");
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let sheet = book.worksheet_range("Delegations").expect("the sheet");
    let members = sheet
        .rows()
        .nth(1)
        .and_then(|row| row.last().cloned())
        .expect("the delegation's members");
    let Data::String(members) = members else {
        panic!("members are text: {members:?}")
    };
    assert!(members.encode_utf16().count() <= 32_767);
    assert!(
        members.starts_with("Member 0 DELEGATE-0"),
        "{}",
        &members[..40]
    );
    assert!(members.ends_with("32,767 characters)"), "the cut is said");
    let roster = book.worksheet_range("Roster").expect("the roster");
    assert_eq!(roster.rows().count(), 1 + 1500, "the roster has everyone");
}

/// Text in many scripts, with the characters that trouble CSV and spreadsheets.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[=+\\-@'\"',;\\t\\n a-zA-Z0-9éüß张伟马朝旭محمدعليПётрकुमारสมชาย＝＋]{0,24}",
    )
    .expect("a valid regex")
}

prop_compose! {
    fn any_attendee()(
        honorific in text(), given in text(), family in "[a-zA-Z张محمدП][a-zA-Z0-9 张محمدПé=+'\"]{0,20}",
        given_latin in text(), family_latin in text(), organization in text(),
        position in text(), phone in text(), dietary in text(), accessibility in text(),
        notes in text(), country in prop::sample::select(vec!["CN", "EG", "RU", "IN", "TH", "BR"]),
        order in prop::bool::ANY, attending in prop::bool::ANY,
        languages in prop::collection::vec("[a-z]{2}|中文|العربية", 0..3),
    ) -> (AttendeeInput, bool) {
        (AttendeeInput {
            honorific, given_name: given, family_name: family,
            name_order: if order { NameOrder::FamilyFirst } else { NameOrder::GivenFirst },
            given_name_latin: given_latin, family_name_latin: family_latin,
            country: country.into(), organization, position, category: "expert".into(),
            email: String::new(), phone, languages, dietary, accessibility, notes,
        }, attending)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// import(export(x)) == x, through CSV and through XLSX, into another store.
    #[test]
    fn export_then_import_gives_back_every_value(
        people in prop::collection::vec(any_attendee(), 1..6),
        xlsx in prop::bool::ANY,
    ) {
        let (mut source, event) = store_with_event();
        let mut stored = Vec::new();
        for (i, (input, attending)) in people.iter().enumerate() {
            // Distinct people: the import rightly refuses a second one of the same name.
            let input = AttendeeInput { email: format!("p{i}@example.org"), ..input.clone() };
            let a = add(&mut source.conn, &event, &input).expect("valid input");
            plenary_core::schedule::ops::set_attending(&mut source.conn, &a.id, *attending).expect("set");
            stored.push(ops::get_attendee(&source.conn, &a.id).expect("stored"));
        }
        let format = if xlsx { TableFormat::Xlsx } else { TableFormat::Csv };
        let bytes = export_list(&source.conn, &event, ListKind::Attendees, format).expect("export");

        let (mut target, other) = store_with_event();
        let t = read::read_bytes(&bytes).expect("reads");
        let report = commit(&mut target.conn, &other, &t, false).expect("imports");
        prop_assert_eq!(report.imported as usize, stored.len());
        let mut back: Vec<(AttendeeInput, bool)> = everyone(&target.conn, &other)
            .iter().map(|a| (a.to_input(), a.attending)).collect();
        let mut want: Vec<(AttendeeInput, bool)> = stored.iter().map(|a| (a.to_input(), a.attending)).collect();
        back.sort_by(|a, b| a.0.email.cmp(&b.0.email));
        want.sort_by(|a, b| a.0.email.cmp(&b.0.email));
        prop_assert_eq!(back, want);
    }
}

#[test]
fn every_import_field_has_a_distinct_key() {
    let keys: std::collections::HashSet<&str> = ImportField::ALL.iter().map(|f| f.key()).collect();
    assert_eq!(keys.len(), ImportField::ALL.len());
    for key in keys {
        assert_eq!(
            mapping::field_for(key).map(|f| f.key()),
            Some(key),
            "the canonical header maps to its own field"
        );
    }
}

// ---- the command line -------------------------------------------------------------------------

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the file");
    path
}

fn count(store: &Store) -> usize {
    let event = ops::resolve_event(&store.conn, None).expect("one event");
    everyone(&store.conn, &event).len()
}

#[test]
fn cli_import_reports_lines_and_imports_all_or_nothing() {
    let (store, _) = store_with_event();
    let bad = write(
        store.dir.path(),
        "bad.csv",
        "family_name;country\nMensah;GH\n;FR\nTehrani;Atlantis\n".as_bytes(),
    );
    let path = bad.to_str().expect("a path");
    for extra in [&["--dry-run"][..], &[]] {
        let mut args = vec!["import", "attendees", path];
        args.extend(extra);
        let out = plenary_at(&store.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.lines().any(|l| l.starts_with("line 3: family_name: ")),
            "{err}"
        );
        assert!(
            err.lines().any(|l| l.starts_with("line 4: country: ")),
            "{err}"
        );
        assert_eq!(count(&store), 0, "{extra:?}: nothing imported");
    }
    let out = plenary_at(
        &store.path(),
        &["import", "attendees", path, "--valid-only"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 1 attendees"));
    assert_eq!(count(&store), 1);
    let backups = std::fs::read_dir(store.dir.path().join("backups"))
        .map(|d| d.count())
        .unwrap_or(0);
    // A server's backups are its administrator's: none is taken beside it.
    let expected = usize::from(store.is_file());
    assert_eq!(backups, expected, "a backup was taken before the import");
}

#[test]
fn cli_import_names_a_ragged_row_by_its_line_and_exits_1() {
    let (store, _) = store_with_event();
    let file = write(
        store.dir.path(),
        "ragged.csv",
        "given_name,family_name,country,organization,notes\r\n\
         Ana,Silva,BR,\"Ministry\r\nof Science\",\r\n\
         Ragged,Row,KE\r\n"
            .as_bytes(),
    );
    let path = file.to_str().expect("a path");
    let out = plenary_at(&store.path(), &["import", "attendees", path]);
    assert_eq!(out.status.code(), Some(1), "a ragged row blocks the import");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.lines()
            .any(|l| l.starts_with("line 4: row: 3 fields, the header has 5")),
        "{err}"
    );
    assert_eq!(count(&store), 0, "nothing imported");

    let out = plenary_at(
        &store.path(),
        &["import", "attendees", path, "--valid-only"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        count(&store),
        1,
        "the whole row imported, the ragged one left out"
    );
}

#[test]
fn cli_exports_go_to_stdout_or_a_file() {
    let (mut store, event) = store_with_event();
    add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            phone: "+86 21 5555 0101".into(),
            ..person("伟", "张", "CN")
        },
    )
    .expect("registered");
    let out = plenary_at(&store.path(), &["export", "attendees", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(&[0xEF, 0xBB, 0xBF]), "a BOM");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(",'+86 21 5555 0101,"), "{text}");
    assert!(text.contains("\r\n"));

    let out = plenary_at(&store.path(), &["export", "attendees", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(1), "XLSX needs --out");

    let file = store.dir.path().join("d.xlsx");
    let out = plenary_at(
        &store.path(),
        &[
            "export",
            "delegations",
            "--format",
            "xlsx",
            "--out",
            file.to_str().expect("path"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&file).expect("written").starts_with(b"PK"));

    for list in ["sessions", "assignments", "signups", "delegations"] {
        let out = plenary_at(&store.path(), &["export", list, "--format", "csv"]);
        assert!(
            out.status.success(),
            "{list}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn an_import_is_seen_by_a_cached_list_and_keeps_the_revision_triggers() {
    let (mut store, event) = store_with_event();
    let cache = plenary_core::directory::DirectoryCache::default();
    let filter = Default::default();
    let before = ops::list_attendees_cached(&store.conn, &cache, &event, &filter).expect("list");
    assert!(before.is_empty());
    commit(&mut store.conn, &event, &table(MINISTRY_LIST), false).expect("import");
    let after = ops::list_attendees_cached(&store.conn, &cache, &event, &filter).expect("list");
    assert_eq!(after.len(), 5, "the cache noticed the import");
    let families: Vec<&str> = after.iter().map(|a| a.family_name.as_str()).collect();
    assert_eq!(
        families,
        ["Mensah", "Nguyen", "Quispe", "Tehrani", "张伟"],
        "listed in ICU order"
    );
    if store.is_file() {
        let triggers: u32 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'attendee_%_revision'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(
            triggers, 3,
            "the triggers set aside for the import are back"
        );
    }
    // A later single change still bumps the revision through the trigger.
    add(&mut store.conn, &event, &person("Ana", "Silva", "BR")).expect("add");
    let listed = ops::list_attendees_cached(&store.conn, &cache, &event, &filter).expect("list");
    assert_eq!(listed.len(), 6);
}

#[test]
fn a_partial_file_updates_only_the_columns_it_has() {
    let (mut store, event) = store_with_event();
    let ana = add(
        &mut store.conn,
        &event,
        &AttendeeInput {
            phone: "+55 61 5555 0100".into(),
            position: "Director".into(),
            notes: "Vegetarian".into(),
            ..person("Ana", "Silva", "BR")
        },
    )
    .expect("registered");
    let t = table(&format!(
        "id,organization\n{},Ministry of Science\n",
        ana.id
    ));
    let p = preview(&store.conn, &event, &t);
    assert_eq!(p.problems, vec![]);
    assert_eq!(p.rows[0].status, RowStatus::Update);
    commit(&mut store.conn, &event, &t, false).expect("update");
    let after = ops::get_attendee(&store.conn, &ana.id).expect("still there");
    assert_eq!(
        after.organization, "Ministry of Science",
        "the mapped column changed"
    );
    assert_eq!(
        (
            after.phone.as_str(),
            after.position.as_str(),
            after.notes.as_str()
        ),
        ("+55 61 5555 0100", "Director", "Vegetarian"),
        "the columns the file does not have kept their values"
    );
    assert_eq!(
        (after.given_name.as_str(), after.family_name.as_str()),
        ("Ana", "Silva")
    );
}
