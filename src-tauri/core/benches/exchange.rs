//! Import and export against the sqlite3 shell, side by side in one run on the same file:
//!
//! - importing N attendee rows, fully validated (read, map, check, insert in one
//!   transaction), against `sqlite3 x.db ".import --csv FILE t"` into a bare table;
//! - exporting them as CSV against `sqlite3 -csv x.db "select * from t"`;
//! - the import at 5k, 50k and 200k rows, to show that it grows linearly.
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

fn main() {
    let dir = tempfile::tempdir().expect("tmp");
    let runs = 5;
    println!("| rows | Plenary import | sqlite3 .import | ratio |");
    println!("|---:|---:|---:|---:|");
    let mut stores = None;
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
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..runs {
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
    let (ours, theirs) = (median(ours), median(theirs));
    println!();
    println!("| export as CSV (the 50,000-row store) | Plenary | sqlite3 -csv | ratio |");
    println!("|---|---:|---:|---:|");
    println!(
        "| to a file | {:.0} ms | {:.0} ms | {:.2}x |",
        ours.as_secs_f64() * 1e3,
        theirs.as_secs_f64() * 1e3,
        ours.as_secs_f64() / theirs.as_secs_f64()
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
