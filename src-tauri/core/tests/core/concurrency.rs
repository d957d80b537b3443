//! Two processes on one store: the CLI writing while the app is open. Plenary lets both run
//! (see ARCHITECTURE.md, "Concurrency"), so neither may lose a write, and the app's in-memory
//! attendee list must show what the CLI wrote.
//!
//! The app side here is what the desktop shell does for each command: open a connection, run
//! a core verb, and list through the one `DirectoryCache` that lives as long as the app. The
//! CLI side is the real `plenary` binary, in other processes, at the same time.

use crate::{now, person, store_with_event};
use plenary_core::directory::DirectoryCache;
use plenary_core::model::AttendeeInput;
use plenary_core::{db, ops};
use std::collections::HashSet;

#[test]
fn the_cli_and_the_app_write_at_once_and_nothing_is_lost() {
    const APP_WRITES: usize = 40;
    const CLI_WRITES: usize = 15;
    const IMPORTED: usize = 1500;
    let (store, event) = store_with_event();
    let path = store.path();
    let cache = DirectoryCache::default();
    let csv = store.dir.path().join("list.csv");
    let mut text = String::from("given_name,family_name,country,email\n");
    for i in 0..IMPORTED {
        text.push_str(&format!(
            "Imported {i},Family{},CL,imported{i}@example.org\n",
            i % 50
        ));
    }
    std::fs::write(&csv, text).expect("write the CSV");

    std::thread::scope(|scope| {
        // The CLI: one import and a series of single additions, each its own process.
        let cli = scope.spawn(|| {
            let out = crate::plenary_at(
                &path,
                &["import", "attendees", csv.to_str().expect("a path")],
            );
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            for i in 0..CLI_WRITES {
                let email = format!("cli{i}@example.org");
                let out = crate::plenary_at(
                    &path,
                    &[
                        "attendee",
                        "add",
                        "--given-name",
                        "Cli",
                        "--family-name",
                        &format!("Person{i}"),
                        "--country",
                        "PT",
                        "--email",
                        &email,
                    ],
                );
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        });
        // The app: a command at a time, each on its own connection, listing as it goes.
        for i in 0..APP_WRITES {
            let mut conn = db::open(&path).expect("a command's connection");
            let input = AttendeeInput {
                email: format!("app{i}@example.org"),
                ..person("App", &format!("Person{i}"), "KE")
            };
            ops::register_attendee(&mut conn, &event, uuid::Uuid::now_v7(), &input, now())
                .expect("the app's write succeeds while the CLI writes");
            let seen = ops::list_attendees_cached(&conn, &cache, &event, &Default::default())
                .expect("the app lists");
            assert!(
                seen.iter().any(|a| a.email == input.email),
                "the app sees its own write at once"
            );
        }
        cli.join().expect("the CLI side finished");
    });

    let conn = db::open(&path).expect("open");
    let listed = ops::list_attendees_cached(&conn, &cache, &event, &Default::default())
        .expect("the app lists");
    let emails: HashSet<&str> = listed.iter().map(|a| a.email.as_str()).collect();
    assert_eq!(
        listed.len(),
        APP_WRITES + CLI_WRITES + IMPORTED,
        "every write of both sides is there, once"
    );
    for i in 0..APP_WRITES {
        assert!(emails.contains(format!("app{i}@example.org").as_str()));
    }
    for i in 0..CLI_WRITES {
        assert!(
            emails.contains(format!("cli{i}@example.org").as_str()),
            "the app's cached list shows what the CLI wrote"
        );
    }
    assert!(emails.contains("imported1499@example.org"));
}
