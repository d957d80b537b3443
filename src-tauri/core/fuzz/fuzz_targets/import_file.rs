//! Any bytes given as an attendee file: reading, mapping and previewing must return a table
//! or a clear error, never panic. Run with `cargo +nightly fuzz run import_file` in
//! src-tauri/core (the corpus is kept in fuzz/corpus/import_file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plenary_core::exchange::import::{self, ImportOptions};
use plenary_core::exchange::{mapping, read};
use plenary_core::{db, ops};
use std::sync::{Mutex, OnceLock};

struct Store {
    _dir: tempfile::TempDir,
    conn: db::Connection,
    event: String,
}

fn store() -> &'static Mutex<Store> {
    static STORE: OnceLock<Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut conn = db::open(&dir.path().join("fuzz.db")).expect("the store opens");
        let loaded = plenary_core::sample::load(&mut conn, chrono::Utc::now(), uuid::Uuid::now_v7)
            .expect("the sample loads");
        let event = loaded.event.id;
        Mutex::new(Store {
            _dir: dir,
            conn,
            event,
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(table) = read::read_bytes(data) else {
        return;
    };
    let columns = mapping::suggest(&table.headers);
    let store = store()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let _ = ops::get_event(&store.conn, &store.event);
    let preview = import::preview(
        &store.conn,
        &store.event,
        &table,
        &columns,
        &ImportOptions::default(),
    );
    if let Ok(p) = preview {
        assert_eq!(p.total_rows as usize, table.rows.len());
    }
});
