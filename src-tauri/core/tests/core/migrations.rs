//! Every earlier schema is migrated forward on open, after a backup, with nothing lost. The
//! fixtures in `tests/fixtures/` are real files: each was made by the `plenary` CLI of the
//! last commit at that schema version loading the sample seminar (see the README there).

use plenary_core::{collation, db, ops, schedule};
use std::path::{Path, PathBuf};

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(format!("plenary-schema-v{version}.db"))
}

#[test]
fn there_is_a_fixture_for_every_earlier_schema() {
    for version in 1..db::SCHEMA_VERSION {
        assert!(
            fixture(version).is_file(),
            "tests/fixtures/plenary-schema-v{version}.db is missing: keep one per schema version"
        );
    }
}

#[test]
fn every_earlier_schema_migrates_forward_with_nothing_lost() {
    for version in 1..db::SCHEMA_VERSION {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("plenary.db");
        std::fs::copy(fixture(version), &path).expect("copy the fixture");
        let old = rusqlite::Connection::open(&path).expect("the fixture opens as plain SQLite");
        let stored_version: u32 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version");
        assert_eq!(
            stored_version, version,
            "the fixture is of schema v{version}"
        );
        let people: u32 = old
            .query_row("SELECT count(*) FROM attendee", [], |r| r.get(0))
            .expect("count");
        drop(old);

        let conn = db::open(&path).expect("the old file opens and migrates");
        assert_eq!(
            db::user_version(&conn).expect("version"),
            db::SCHEMA_VERSION
        );
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(check, "ok", "v{version}");

        let backups: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
            .expect("a backups folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            backups
                .iter()
                .any(|b| b.contains(&format!("before-migration-v{version}"))),
            "v{version}: a backup was taken before migrating: {backups:?}"
        );

        let event = ops::resolve_event(&conn, None).expect("the sample event");
        // Before v7 an event had no document language and prints in English; the v7 fixture
        // was set to French, which must carry forward.
        let language = if version >= 7 {
            plenary_core::Lang::Fr
        } else {
            plenary_core::Lang::En
        };
        assert_eq!(
            ops::get_event(&conn, &event).expect("the event").language,
            language,
            "v{version}: the event's document language"
        );
        let list = ops::list_attendees(&conn, &event, &Default::default()).expect("list");
        assert_eq!(
            list.len() as u32,
            people,
            "v{version}: every attendee is still there"
        );
        // The migrated sort keys give the ICU order of the Latin family, then given name.
        let sort_names = |a: &plenary_core::model::Attendee| {
            let pick = |latin: &str, native: &str| {
                if latin.is_empty() { native } else { latin }.to_owned()
            };
            (
                pick(&a.family_name_latin, &a.family_name),
                pick(&a.given_name_latin, &a.given_name),
            )
        };
        for pair in list.windows(2) {
            let (a, b) = (sort_names(&pair[0]), sort_names(&pair[1]));
            assert!(
                collation::compare(&a.0, &b.0)
                    .then_with(|| collation::compare(&a.1, &b.1))
                    .is_le(),
                "v{version}: {a:?} is listed before {b:?}"
            );
        }
        assert!(
            list.iter()
                .any(|a| a.family_name_latin == "Guterres" || a.family_name == "Guterres"),
            "v{version}: the sample's speakers are there"
        );
        if version >= 2 {
            let sessions = schedule::ops::list_sessions(&conn, &event, None).expect("sessions");
            assert!(!sessions.is_empty(), "v{version}: the programme is there");
        }
        if version >= 3 {
            assert!(
                list.iter().any(|a| a.checked_in_at.is_some()),
                "v{version}: a check-in is kept"
            );
        }
    }
}
