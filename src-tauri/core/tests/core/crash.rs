//! Crash safety, proven the way SQLite proves its own: the CLI is killed with SIGKILL at
//! random moments of a large import and of an export, and the files must be whole.
//!
//! - After each kill the database passes `integrity_check` and `foreign_key_check`, and the
//!   attendee count is exactly the count before the import or the count after it.
//! - An export killed half-way leaves the previous complete file (write, then rename).
//!
//! `PLENARY_KILL_RUNS` sets the number of kills of each kind: 10 by default, 50 in the full
//! suite (`scripts/test.sh`). Each run prints its seed, so a failure can be replayed with
//! `PLENARY_KILL_SEED`.

use crate::{now, Store};
use plenary_core::{db, ops};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small, seedable generator: enough to spread kill moments; no dependency needed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn runs() -> usize {
    std::env::var("PLENARY_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
}

fn seed() -> u64 {
    std::env::var("PLENARY_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}

pub fn attendee_csv(path: &Path, rows: usize) {
    let mut text = String::from("given_name,family_name,country,email,organization\n");
    for i in 0..rows {
        text.push_str(&format!(
            "Person {i},Family{},BR,p{i}@example.org,Ministry of Science\n",
            i % 97
        ));
    }
    std::fs::write(path, text).expect("write the CSV");
}

fn count(path: &Path) -> u32 {
    let conn = db::open(path).expect("the store opens after the kill");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check runs");
    assert_eq!(check, "ok", "the database is intact");
    let broken: u32 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check runs");
    assert_eq!(broken, 0, "no dangling references");
    conn.query_row("SELECT count(*) FROM attendee", [], |r| r.get(0))
        .expect("count")
}

/// Runs the CLI and kills it with SIGKILL after `after`; true if it was still running.
fn kill_after(args: &[&str], db: &Path, after: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PLENARY_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the plenary binary runs");
    std::thread::sleep(after);
    let was_running = matches!(child.try_wait(), Ok(None));
    // Child::kill sends SIGKILL on Unix.
    let _ = child.kill();
    let _ = child.wait();
    was_running
}

/// How long the command takes when left alone, to spread the kills over its whole run.
fn time_of(args: &[&str], db: &Path) -> Duration {
    let start = Instant::now();
    let out = crate::plenary_at(db, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    const ROWS: usize = 4000;
    let base = Store::default();
    crate::file_only!(
        base,
        "a killed process and a file's journal; a dropped server connection is in server.rs"
    );
    let mut conn = db::open(&base.path()).expect("store");
    plenary_core::sample::load(&mut conn, now(), uuid::Uuid::now_v7).expect("sample");
    // Fold the WAL into the file, so that copying the .db file copies everything.
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    drop(conn);
    let before = count(&base.path());
    let csv = base.dir.path().join("big.csv");
    attendee_csv(&csv, ROWS);
    let csv_arg = csv.to_str().expect("a path");
    let import = ["import", "attendees", csv_arg];

    let timing = base.dir.path().join("timing.db");
    std::fs::copy(base.path(), &timing).expect("copy");
    let full = time_of(&import, &timing);
    assert_eq!(count(&timing), before + ROWS as u32);

    let seed = seed();
    eprintln!(
        "kill seed {seed} (PLENARY_KILL_SEED), {} runs, import takes {full:?}",
        runs()
    );
    let mut rng = Lcg(seed);
    let (mut mid_run, mut outcomes) = (0, [0u32; 2]);
    for run in 0..runs() {
        let db = base.dir.path().join(format!("run-{run}.db"));
        std::fs::copy(base.path(), &db).expect("copy");
        // Anywhere from start-up to a little past the end of a normal run.
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 * 11 / 10));
        if kill_after(&import, &db, at) {
            mid_run += 1;
        }
        let after = count(&db);
        assert!(
            after == before || after == before + ROWS as u32,
            "run {run} (seed {seed}, killed at {at:?}): {after} attendees, neither {before} nor {}",
            before + ROWS as u32
        );
        outcomes[usize::from(after != before)] += 1;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    eprintln!(
        "{mid_run} kills landed while the import ran; {} left the count before, {} after",
        outcomes[0], outcomes[1]
    );
    assert!(
        mid_run * 2 >= runs(),
        "most kills must land while the import runs, or the test proves little ({mid_run} of {})",
        runs()
    );
}

#[test]
fn an_export_killed_at_any_moment_leaves_the_previous_file_whole() {
    let base = Store::default();
    let mut conn = db::open(&base.path()).expect("store");
    let loaded = plenary_core::sample::load(&mut conn, now(), uuid::Uuid::now_v7).expect("sample");
    drop(conn);
    let out = base.dir.path().join("attendees.csv");
    let out_arg = out.to_str().expect("a path");
    let export = ["export", "attendees", "--format", "csv", "--out", out_arg];
    let full = time_of(&export, &base.path());
    let complete = std::fs::read(&out).expect("the export was written");
    let previous = b"the previous complete file".to_vec();

    let seed = seed();
    let mut rng = Lcg(seed);
    for run in 0..runs() {
        std::fs::write(&out, &previous).expect("the previous file");
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 * 11 / 10));
        kill_after(&export, &base.path(), at);
        let now_there = std::fs::read(&out).expect("a file is always there");
        assert!(
            now_there == previous || now_there == complete,
            "run {run} (seed {seed}, killed at {at:?}): a half-written file of {} bytes",
            now_there.len()
        );
    }
    let conn = db::open(&base.path()).expect("store");
    assert_eq!(
        ops::list_attendees(&conn, &loaded.event.id, &Default::default())
            .expect("list")
            .len() as u32,
        loaded.event.attendee_count,
        "an export changes nothing"
    );
}

/// Puts the desk's cache back as it was before any check-in.
fn reset(cache: &Path, run: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", run.display()));
    }
    std::fs::copy(cache, run).expect("copy");
}

/// An offline check-in (`plenary checkin` while the server cannot be reached) killed at any
/// moment leaves the desk's cache with the check-in and its queued action, or neither.
#[test]
fn an_offline_check_in_killed_at_any_moment_is_queued_with_its_effect_or_not_at_all() {
    let mut base = Store::default();
    plenary_core::sample::load(&mut base.conn, now(), uuid::Uuid::now_v7).expect("sample");
    let event = ops::list_events(&base.conn).expect("events")[0].id.clone();
    let person = plenary_core::desk::find_one(&base.conn, &event, "guterres").expect("one person");
    let cache = crate::offline::cache_for_a_dead_server(&base, &event);
    let dead = Path::new(crate::offline::DEAD_SERVER);
    let run_path = base.dir.path().join("run.cache.db");
    let run_arg = run_path.to_str().expect("a path").to_owned();
    let args = [
        "--cache",
        run_arg.as_str(),
        "checkin",
        "--person",
        person.as_str(),
    ];
    // The check-in takes tens of milliseconds, so one slow start (a cold binary, a busy
    // machine) would stretch the spread of kill moments far past its end: the quickest of a
    // few runs is its length on this machine.
    let full = (0..3)
        .map(|_| {
            reset(&cache, &run_path);
            time_of(&args, dead)
        })
        .min()
        .expect("three timings");

    let seed = seed();
    let mut rng = Lcg(seed);
    let (mut mid_run, mut queued) = (0, 0);
    for run in 0..runs() {
        reset(&cache, &run_path);
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 * 11 / 10));
        if kill_after(&args, dead, at) {
            mid_run += 1;
        }
        let desk = plenary_core::offline::Cache::open(&run_path, crate::offline::DEAD_SERVER)
            .expect("the cache opens after the kill");
        let waiting = desk.pending().expect("the queue").len();
        let checked = ops::get_attendee(desk.conn(), &person)
            .expect("the person")
            .checked_in_at
            .is_some();
        assert!(
            (waiting, checked) == (0, false) || (waiting, checked) == (1, true),
            "run {run} (seed {seed}, killed at {at:?}): {waiting} queued, checked in: {checked}"
        );
        queued += waiting;
    }
    eprintln!(
        "seed {seed}: {mid_run} kills landed while the check-in ran; {queued} left it queued"
    );
    assert!(
        mid_run * 2 >= runs(),
        "most kills must land while the command runs ({mid_run} of {})",
        runs()
    );
}
