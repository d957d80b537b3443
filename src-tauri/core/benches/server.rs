//! The file and the PostgreSQL server side by side, in one run (issue 15): the 50,000-row
//! import (against `COPY … FROM STDIN` of the same rows into the same table, what
//! `psql \copy` sends), reading the whole list (what the search's in-memory directory loads
//! after a change) and a search in it, a check-in's round trip, and how long a change takes to
//! reach another desk that listens; and the offline desk (issue 16): its cache made from the
//! server, the same search in it, check-ins queued offline, and their replay.
//!
//! Run under a throwaway cluster:
//! `pg_virtualenv cargo bench -p plenary-core --bench server`
//! (it prints a Markdown table for docs/benchmarks.md; without PGHOST it says so and stops).

use plenary_core::directory::DirectoryCache;
use plenary_core::model::AttendeeFilter;
use plenary_core::{db, desk, offline, ops, server};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROWS: usize = 50_000;

fn csv(path: &Path, rows: usize) {
    use std::fmt::Write;
    const GIVEN: &[&str] = &[
        "Ana",
        "Jürgen",
        "Ольга",
        "محمد",
        "Thị Hương",
        "伟",
        "José",
        "Ayşe",
    ];
    const FAMILY: &[&str] = &[
        "Silva",
        "Müller",
        "Иванова",
        "العلي",
        "Nguyễn",
        "张",
        "García",
    ];
    const COUNTRIES: &[&str] = &["BR", "DE", "RU", "EG", "VN", "CN", "ES", "TR"];
    let mut text = String::from("given_name,family_name,country,organization,email\n");
    for i in 0..rows {
        let _ = writeln!(
            text,
            "{},{}{},{},Ministry {},person{i}@example.org",
            GIVEN[i % GIVEN.len()],
            FAMILY[(i / 7) % FAMILY.len()],
            i % 97,
            COUNTRIES[(i / 3) % COUNTRIES.len()],
            i % 300
        );
    }
    std::fs::write(path, text).expect("the CSV is written");
}

fn plenary(db: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PLENARY_DB")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("plenary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median time of checking in `count` people of the store's only event after the first
/// `skip`, each followed by `then` (and timed with it).
fn check_ins(
    conn: &mut db::Connection,
    skip: usize,
    count: usize,
    mut then: impl FnMut(),
) -> Duration {
    let event = ops::list_events(conn).expect("events")[0].id.clone();
    let people: Vec<String> = ops::list_attendees(conn, &event, &AttendeeFilter::default())
        .expect("the list")
        .iter()
        .skip(skip)
        .take(count)
        .map(|a| a.id.clone())
        .collect();
    let times: Vec<Duration> = people
        .iter()
        .map(|id| {
            let started = Instant::now();
            desk::check_in(conn, id, plenary_core::clock::now()).expect("checked in");
            then();
            started.elapsed()
        })
        .collect();
    median(times)
}

struct Row {
    what: &'static str,
    file: String,
    server: String,
}

fn main() {
    let Ok(host) = std::env::var("PGHOST") else {
        eprintln!("no PostgreSQL server (PGHOST unset): run under pg_virtualenv");
        return;
    };
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or(default.into());
    let (port, user) = (var("PGPORT", "5432"), var("PGUSER", "postgres"));
    let admin = format!(
        "host={host} port={port} user={user} password={} dbname={}",
        var("PGPASSWORD", ""),
        var("PGDATABASE", "postgres")
    );
    let name = format!("plenary_bench_{}", uuid::Uuid::now_v7().simple());
    server::connect(&admin)
        .expect("the server answers")
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("a database");
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("bench.db");
    let srv = PathBuf::from(format!("postgresql://{user}@{host}:{port}/{name}"));
    let data = dir.path().join("people.csv");
    csv(&data, ROWS);
    let mut rows: Vec<Row> = Vec::new();

    // The import, each into a fresh event.
    let mut import = Vec::new();
    for store in [&file, &srv] {
        plenary(
            store,
            &[
                "event",
                "create",
                "--name",
                "Bench",
                "--start",
                "2024-09-03",
                "--end",
                "2024-09-06",
                "--timezone",
                "Asia/Shanghai",
            ],
        );
        import.push(plenary(
            store,
            &["import", "attendees", data.to_str().expect("a path")],
        ));
    }
    rows.push(Row {
        what: "import 50,000 rows (`plenary import attendees`, the whole process)",
        file: ms(import[0]),
        server: ms(import[1]),
    });

    // COPY FROM STDIN of the rows the import stored, into the same table with its triggers
    // and indexes: what psql's \copy sends. It goes into a second database with the same
    // schema and the same event, so that the measured store stays as the import left it
    // (rows written by a bare COPY are logged but never sealed into an entry).
    let connect = |db: &str| {
        server::connect(&format!(
            "host={host} port={port} user={user} password={} dbname={db}",
            var("PGPASSWORD", "")
        ))
        .expect("the bench database")
    };
    let mut client = connect(&name);
    let scratch = format!("{name}_copy");
    server::connect(&admin)
        .expect("the server answers")
        .batch_execute(&format!("CREATE DATABASE {scratch}"))
        .expect("a second database");
    db::open(&PathBuf::from(format!(
        "postgresql://{user}@{host}:{port}/{scratch}"
    )))
    .expect("its schema");
    let mut target = connect(&scratch);
    let columns = "id, event_id, honorific, given_name, family_name, name_order, \
        given_name_latin, family_name_latin, country, organization, position, category, email, \
        phone, languages, dietary, accessibility, notes, search_key, created_at, updated_at, \
        attending, checked_in_at, sort_key";
    let copy_out = |client: &mut postgres::Client, query: &str| -> Vec<u8> {
        use std::io::Read;
        let mut bytes = Vec::new();
        client
            .copy_out(&format!("COPY ({query}) TO STDOUT"))
            .expect("copy out")
            .read_to_end(&mut bytes)
            .expect("the rows");
        bytes
    };
    let copy_in = |client: &mut postgres::Client, table: &str, bytes: &[u8]| {
        use std::io::Write;
        let mut tx = client.transaction().expect("a transaction");
        let mut writer = tx
            .copy_in(&format!("COPY {table} FROM STDIN"))
            .expect("copy in");
        writer.write_all(bytes).expect("the rows");
        writer.finish().expect("copied");
        tx.commit().expect("committed");
    };
    let events = copy_out(&mut client, "SELECT * FROM event");
    copy_in(&mut target, "event", &events);
    let copied = copy_out(&mut client, &format!("SELECT {columns} FROM attendee"));
    let started = Instant::now();
    copy_in(&mut target, &format!("attendee ({columns})"), &copied);
    let copy = started.elapsed();
    rows.push(Row {
        what: "the same 50,000 rows by `COPY attendee FROM STDIN` (what `psql \\copy` sends)",
        file: "".into(),
        server: format!(
            "{} (the import: {:.1}x)",
            ms(copy),
            import[1].as_secs_f64() / copy.as_secs_f64()
        ),
    });

    // Reading the whole list (the directory's load after a change), and a search in it.
    let mut load = Vec::new();
    let mut search = Vec::new();
    let mut round = Vec::new();
    for store in [&file, &srv] {
        let mut conn = db::open(store).expect("the store");
        let event = ops::list_events(&conn).expect("events")[0].id.clone();
        let everyone = AttendeeFilter::default();
        let times: Vec<Duration> = (0..5)
            .map(|_| {
                let started = Instant::now();
                ops::list_attendees(&conn, &event, &everyone).expect("the list");
                started.elapsed()
            })
            .collect();
        load.push(median(times));
        let cache = DirectoryCache::default();
        let silva = AttendeeFilter {
            search: Some("silva".into()),
            ..Default::default()
        };
        ops::list_attendees_cached(&conn, &cache, &event, &silva).expect("warm");
        let times: Vec<Duration> = (0..50)
            .map(|_| {
                let started = Instant::now();
                ops::list_attendees_cached(&conn, &cache, &event, &silva).expect("search");
                started.elapsed()
            })
            .collect();
        search.push(median(times));
        round.push(check_ins(&mut conn, 0, 200, || {}));
    }
    rows.push(Row {
        what: "read all 50,000 (the search's directory after a change), median of 5",
        file: ms(load[0]),
        server: ms(load[1]),
    });
    rows.push(Row {
        what: "search `silva` in the loaded directory (revision checked), median of 50",
        file: ms(search[0]),
        server: ms(search[1]),
    });
    rows.push(Row {
        what: "a check-in's round trip (`desk::check_in`, one connection), median of 200",
        file: ms(round[0]),
        server: ms(round[1]),
    });
    // How long another desk takes to hear of a change.
    let mut listener = server::Listener::new(srv.to_str().expect("an address")).expect("listens");
    let mut conn = db::open(&srv).expect("the store");
    let heard = check_ins(&mut conn, 200, 50, || {
        assert!(listener.wait(Duration::from_secs(2)).expect("waits"));
    });
    rows.push(Row {
        what: "a check-in until another desk hears of it, median of 50",
        file: "up to 1 s (the app looks at the file once a second)".into(),
        server: ms(heard),
    });
    drop(listener);

    // The offline desk (offline.rs): the cache made from the server, the same search on it,
    // check-ins queued in it, and the replay of 1,000 of them (then once more, as after a
    // crash: each found applied already).
    let address = srv.display().to_string();
    let event = ops::list_events(&conn).expect("events")[0].id.clone();
    let cache_path = dir.path().join("desk-cache.db");
    let mut cache = offline::Cache::open(&cache_path, &address).expect("a cache");
    let started = Instant::now();
    cache
        .refresh(&conn, &event, plenary_core::clock::now())
        .expect("copied");
    let refresh = started.elapsed();
    rows.push(Row {
        what: "the desk's cache made from the server (50,000 attendees, `Cache::refresh`)",
        file: ms(refresh),
        server: "".into(),
    });
    let directories = DirectoryCache::default();
    let silva = AttendeeFilter {
        search: Some("silva".into()),
        ..Default::default()
    };
    ops::list_attendees_cached(cache.conn(), &directories, &event, &silva).expect("warm");
    let times: Vec<Duration> = (0..50)
        .map(|_| {
            let started = Instant::now();
            ops::list_attendees_cached(cache.conn(), &directories, &event, &silva).expect("search");
            started.elapsed()
        })
        .collect();
    rows.push(Row {
        what: "offline: search `silva` in the desk's cache, median of 50",
        file: ms(median(times)),
        server: "".into(),
    });
    let waiting: Vec<String> =
        ops::list_attendees(cache.conn(), &event, &AttendeeFilter::default())
            .expect("the list")
            .iter()
            .filter(|a| a.checked_in_at.is_none())
            .take(1000)
            .map(|a| a.id.clone())
            .collect();
    let times: Vec<Duration> = waiting
        .iter()
        .map(|id| {
            let started = Instant::now();
            cache
                .check_in(
                    "Bench",
                    uuid::Uuid::now_v7(),
                    id,
                    plenary_core::clock::now(),
                )
                .expect("queued");
            started.elapsed()
        })
        .collect();
    rows.push(Row {
        what: "offline: a check-in into the cache and its queue, median of 1,000",
        file: ms(median(times)),
        server: "".into(),
    });
    drop(cache);
    let again = dir.path().join("desk-cache-again.db");
    {
        let copy = db::open(&cache_path).expect("the cache");
        db::copy_to(&copy, &again).expect("a copy of the queue");
    }
    let mut cache = offline::Cache::open(&cache_path, &address).expect("the cache");
    let started = Instant::now();
    let sent = offline::sync(&mut conn, &mut cache, plenary_core::clock::now()).expect("sent");
    let sync = started.elapsed();
    assert_eq!(sent.applied, 1000);
    let mut replay = offline::Cache::open(&again, &address).expect("the copy");
    let started = Instant::now();
    let twice = offline::sync(&mut conn, &mut replay, plenary_core::clock::now()).expect("again");
    let resend = started.elapsed();
    assert_eq!(twice.already_applied, 1000);
    rows.push(Row {
        what: "`sync`: 1,000 queued check-ins replayed (each its own transaction), then the same queue again (all found applied)",
        file: "".into(),
        server: format!("{} ({} each); again: {}", ms(sync), ms(sync / 1000), ms(resend)),
    });
    drop(conn);
    drop(client);
    drop(target);
    let _ = server::connect(&admin).expect("the server answers").batch_execute(&format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE); DROP DATABASE IF EXISTS {scratch} WITH (FORCE)"
    ));

    println!("| what | file | server |");
    println!("| --- | --- | --- |");
    for row in rows {
        println!("| {} | {} | {} |", row.what, row.file, row.server);
    }
}
