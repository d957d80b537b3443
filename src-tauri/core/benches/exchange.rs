//! Import and export against the sqlite3 shell, side by side in one run on the same file:
//!
//! - importing N attendee rows, fully validated (read, map, check, insert in one
//!   transaction), against `sqlite3 x.db ".import --csv FILE t"` into a bare table;
//! - exporting them as CSV against `sqlite3 -csv x.db "select * from t"`;
//! - the import at 5k, 50k and 200k rows, to show that it grows linearly;
//! - the same-schema floor: the sqlite3 shell itself inserting the rows Plenary stored
//!   (already validated, with their keys) into an empty copy of Plenary's attendee table
//!   and its indexes, and exporting the export's columns from that table in list order.
//!   Neither parses a file nor checks anything; they show what the store's shape costs.
//!
//! Run with `cargo bench -p plenary-core --bench exchange`; it needs `sqlite3` on the PATH.
//! Each figure is the median of five runs. The results are kept in docs/benchmarks.md.

use chrono::Utc;
use plenary_core::exchange::import::{self, ImportOptions};
use plenary_core::exchange::{export_list, mapping, read, ListKind, TableFormat};
use plenary_core::model::EventInput;
use plenary_core::{db, ops};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use uuid::Uuid;

const COUNTRIES: [&str; 12] = [
    "CN", "BR", "EG", "IN", "TH", "RU", "ET", "VN", "KH", "PK", "LK", "BD",
];
const GIVEN: [&str; 10] = [
    "Wei", "Ana", "Mohamed", "Priya", "Somchai", "Olga", "Abebe", "Lan", "Sokha", "Imran",
];
const FAMILY: [&str; 10] = [
    "Zhang", "Silva", "Hassan", "Sharma", "Suksawat", "Ivanova", "Tadesse", "Nguyen", "Chea",
    "Khan",
];

/// A CSV of `n` distinct, valid attendees with the export's header.
fn csv_file(dir: &Path, n: usize) -> std::path::PathBuf {
    let mut text = String::from(
        "honorific,given_name,family_name,country,organization,position,category,email,phone\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "Dr,{} {i},{},{},Ministry of Digital Affairs,Director,expert,person{i}@example.org,+86 21 5555 {:04}\n",
            GIVEN[i % 10],
            FAMILY[(i / 10) % 10],
            COUNTRIES[i % 12],
            i % 10_000
        ));
    }
    let path = dir.join(format!("attendees-{n}.csv"));
    std::fs::write(&path, text).expect("write the CSV");
    path
}

fn event() -> EventInput {
    EventInput {
        name: "Benchmark".into(),
        venue: String::new(),
        city: String::new(),
        start_date: "2024-09-03".into(),
        end_date: "2024-09-06".into(),
        timezone: "Asia/Shanghai".into(),
        organizers: vec![],
        family_name_upper: true,
        language: plenary_core::Lang::En,
    }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Plenary's import of `file` into a fresh store; returns the time and the store's path.
fn plenary_import(dir: &Path, file: &Path, run: usize) -> (Duration, std::path::PathBuf) {
    let path = dir.join(format!("plenary-{}-{run}.db", file_rows(file)));
    let _ = std::fs::remove_file(&path);
    let mut conn = db::open(&path).expect("store");
    let event = ops::create_event(&mut conn, Uuid::now_v7(), &event(), Utc::now()).expect("event");
    if let Ok(sql) = std::env::var("BENCH_SQL") {
        conn.execute_batch(&sql).expect("experiment");
    }
    let start = Instant::now();
    let table = read::read_file(file).expect("read");
    let columns = mapping::suggest(&table.headers);
    if std::env::var_os("BENCH_PHASES").is_some() {
        let read = start.elapsed();
        let p = Instant::now();
        let _ = import::preview(
            &conn,
            &event.id,
            &table,
            &columns,
            &ImportOptions::default(),
        );
        eprintln!("read {read:?}, preview {:?}", p.elapsed());
    }
    let start = Instant::now();
    let table = read::read_file(file).expect("read");
    let columns = mapping::suggest(&table.headers);
    let report = import::commit(
        &mut conn,
        &event.id,
        &table,
        &columns,
        &ImportOptions::default(),
        false,
        Utc::now(),
        &mut || Uuid::now_v7().to_string(),
        &mut |_, _| {},
    )
    .expect("import");
    let took = start.elapsed();
    assert_eq!(report.imported as usize, table.rows.len());
    (took, path)
}

fn sqlite_import(dir: &Path, file: &Path, run: usize) -> (Duration, std::path::PathBuf) {
    let path = dir.join(format!("bare-{}-{run}.db", file_rows(file)));
    let _ = std::fs::remove_file(&path);
    let start = Instant::now();
    let status = Command::new("sqlite3")
        .arg(&path)
        .arg(format!(".import --csv {} t", file.display()))
        .status()
        .expect("sqlite3 runs (install the sqlite3 package)");
    let took = start.elapsed();
    assert!(status.success());
    (took, path)
}

/// The attendee columns that the export and the floor read and write.
const COLUMNS: &str = "id, event_id, honorific, given_name, family_name, name_order, \
    given_name_latin, family_name_latin, country, organization, position, category, email, \
    phone, languages, dietary, accessibility, notes, search_key, created_at, updated_at, \
    attending, checked_in_at, sort_key";

/// `rows.db`, a copy of Plenary's store, and `empty.db`, the same schema with no attendees
/// and without the two per-row triggers that an import also sets aside.
fn floor_stores(dir: &Path, ours: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (rows, empty) = (dir.join("floor-rows.db"), dir.join("floor-empty.db"));
    let conn = db::open(ours).expect("store");
    for path in [&rows, &empty] {
        let _ = std::fs::remove_file(path);
        conn.execute("VACUUM INTO ?1", [path.to_str().expect("utf-8 path")])
            .expect("copy");
    }
    let conn = db::open(&empty).expect("copy");
    conn.execute_batch(
        "DROP TRIGGER attendee_insert_revision; DROP TRIGGER audit_attendee_insert;
         DELETE FROM change_row; DELETE FROM attendee;",
    )
    .expect("empty the copy");
    conn.execute_batch("VACUUM").expect("vacuum");
    (rows, empty)
}

/// The sqlite3 shell inserting `rows.db`'s attendees into a fresh copy of `empty.db`, in one
/// transaction, with the cache an import uses; `change` is applied to the copy first (not
/// timed), to show what a part of the store's shape costs.
fn floor_import(dir: &Path, rows: &Path, empty: &Path, change: &str) -> Duration {
    let target = dir.join("floor-run.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::copy(empty, &target).expect("copy the empty store");
    if !change.is_empty() {
        let status = Command::new("sqlite3")
            .arg(&target)
            .arg(change)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("sqlite3 runs");
        assert!(status.success());
    }
    let script = format!(
        "PRAGMA cache_size = -131072;
         ATTACH '{}' AS src;
         BEGIN;
         INSERT INTO main.attendee ({COLUMNS}) SELECT {COLUMNS} FROM src.attendee;
         COMMIT;",
        rows.display()
    );
    let start = Instant::now();
    let status = Command::new("sqlite3")
        .arg(&target)
        .arg(script)
        .status()
        .expect("sqlite3 runs");
    let took = start.elapsed();
    assert!(status.success());
    took
}

fn main() {
    let dir = tempfile::tempdir().expect("tmp");
    let runs = 5;
    println!("| rows | Plenary import | sqlite3 .import | ratio |");
    println!("|---:|---:|---:|---:|");
    let mut stores = None;
    // The bare .import of the 50,000-row file (or of the one size measured), for the floor.
    let mut bare_50k = Duration::ZERO;
    // BENCH_ROWS=50000 measures one size only, for quick experiments.
    let sizes: Vec<usize> = match std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(n) => vec![n],
        None => vec![5_000, 50_000, 200_000],
    };
    for n in sizes {
        let file = csv_file(dir.path(), n);
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for run in 0..runs {
            let (t, p) = plenary_import(dir.path(), &file, run);
            ours.push(t);
            let (t, b) = sqlite_import(dir.path(), &file, run);
            theirs.push(t);
            if (n == 50_000 || stores.is_none()) && run == 0 {
                stores = Some((p, b));
            }
        }
        let (ours, theirs) = (median(ours), median(theirs));
        if n == 50_000 || bare_50k.is_zero() {
            bare_50k = theirs;
        }
        println!(
            "| {n} | {:.0} ms | {:.0} ms | {:.2}x |",
            ours.as_secs_f64() * 1e3,
            theirs.as_secs_f64() * 1e3,
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
    }
    let (ours_db, bare_db) = stores.expect("the stores of the first run");
    let conn = db::open(&ours_db).expect("store");
    let event = ops::resolve_event(&conn, None).expect("one event");
    let rows: u32 = conn
        .query_row("SELECT count(*) FROM attendee", [], |r| r.get(0))
        .expect("count");
    let (floor_rows, floor_empty) = floor_stores(dir.path(), &ours_db);
    const SECONDARY: &str = "DROP INDEX attendee_by_sort; DROP INDEX attendee_by_country; \
        DROP INDEX attendee_email_unique;";
    let variants = [
        (
            "Plenary's table and indexes, WAL (the store as it is)",
            String::new(),
        ),
        ("without the three secondary indexes", SECONDARY.to_owned()),
        (
            "without them, and a rollback journal instead of WAL",
            format!("PRAGMA journal_mode = DELETE; {SECONDARY}"),
        ),
    ];
    println!();
    println!(
        "| sqlite3 inserting the {rows} rows Plenary stored (no parsing, no checks) | time | ratio to the bare .import |"
    );
    println!("|---|---:|---:|");
    for (label, change) in variants {
        let floor: Vec<Duration> = (0..runs)
            .map(|_| floor_import(dir.path(), &floor_rows, &floor_empty, &change))
            .collect();
        let floor = median(floor);
        println!(
            "| {label} | {:.0} ms | {:.2}x |",
            floor.as_secs_f64() * 1e3,
            floor.as_secs_f64() / bare_50k.as_secs_f64()
        );
    }
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut same = Vec::new();
    let export_columns = COLUMNS
        .replace("search_key, ", "")
        .replace(", sort_key", "");
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new("sqlite3")
            .arg("-csv")
            .arg(&ours_db)
            .arg(format!(
                "SELECT {export_columns} FROM attendee WHERE event_id = '{event}' ORDER BY sort_key, id"
            ))
            .output()
            .expect("sqlite3 runs");
        std::fs::write(dir.path().join("same.csv"), &out.stdout).expect("write");
        same.push(start.elapsed());
        let start = Instant::now();
        let bytes =
            export_list(&conn, &event, ListKind::Attendees, TableFormat::Csv).expect("export");
        std::fs::write(dir.path().join("out.csv"), &bytes).expect("write");
        ours.push(start.elapsed());
        let start = Instant::now();
        let out = Command::new("sqlite3")
            .arg("-csv")
            .arg(&bare_db)
            .arg("select * from t")
            .output()
            .expect("sqlite3 runs");
        std::fs::write(dir.path().join("bare.csv"), &out.stdout).expect("write");
        theirs.push(start.elapsed());
    }
    let (ours, theirs, same) = (median(ours), median(theirs), median(same));
    println!();
    println!(
        "| export as CSV ({rows} rows) | Plenary | sqlite3 -csv, bare table | ratio | sqlite3 -csv, Plenary's table | ratio |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "| to a file | {:.0} ms | {:.0} ms | {:.2}x | {:.0} ms | {:.2}x |",
        ours.as_secs_f64() * 1e3,
        theirs.as_secs_f64() * 1e3,
        ours.as_secs_f64() / theirs.as_secs_f64(),
        same.as_secs_f64() * 1e3,
        ours.as_secs_f64() / same.as_secs_f64()
    );
}

/// The row count in a file's name (`attendees-N.csv`), so each size has its own stores.
fn file_rows(file: &Path) -> String {
    file.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("attendees-"))
        .unwrap_or("x")
        .to_owned()
}
