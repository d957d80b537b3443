//! The architecture invariants of ARCHITECTURE.md that are about where code may live, checked
//! by reading the sources. Each test names the invariant it enforces. They scan the `src/`
//! folders of the core and of the desktop shell; integration tests, benchmarks and the fuzz
//! target are not scanned (they may open fixtures and read the clock), and neither are the
//! unit-test modules at the end of a file (`#[cfg(test)] mod tests`), which test the pieces on
//! bare connections on purpose. Comments are not code, so `//` comments are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The core crate's folder (`src-tauri/core`).
fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's root, which holds the workspace's `Cargo.lock`.
fn root_dir() -> PathBuf {
    core_dir().join("../..")
}

/// Every `.rs` file under `dir`, as (path relative to `dir` with `/`, code without comments
/// and unit-test modules).
fn sources(dir: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no sources under {}", dir.display());
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            (name, code_of(&text))
        })
        .collect()
}

/// The code of a file: without its unit-test module and without `//` comments.
fn code_of(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let end = text.find("#[cfg(test)]\nmod ").unwrap_or(text.len());
    text[..end]
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sources of the core and of the desktop shell, named `core/src/…` and `src/…`.
fn all_sources() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = sources(&core_dir().join("src"))
        .into_iter()
        .map(|(name, code)| (format!("core/src/{name}"), code))
        .collect();
    all.extend(
        sources(&core_dir().join("../src"))
            .into_iter()
            .map(|(name, code)| (format!("src/{name}"), code)),
    );
    all
}

/// The files (and line numbers) that contain any of `needles`, except those `allowed`.
fn offenders(needles: &[&str], allowed: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for (name, code) in all_sources() {
        if allowed(&name) {
            continue;
        }
        for (n, line) in code.lines().enumerate() {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("{name}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

/// "Every connection comes from `db.rs`": the pragmas, the collation and the migrations are
/// set in one place, so no other module may open a connection of its own.
#[test]
fn connections_are_opened_only_in_db_rs() {
    let found = offenders(&["Connection::open"], |name| name == "core/src/db.rs");
    assert!(
        found.is_empty(),
        "open connections through plenary_core::db (open, open_read_only, open_backup_file), \
         so that every one gets its pragmas:\n{}",
        found.join("\n")
    );
}

/// "Time comes in from outside": the wall clock is read only by `clock::now()`, which
/// `PLENARY_NOW` fixes in debug builds, so that the CLI and the app print stable times under
/// test. (`Instant::now`, a stopwatch for the window's debounce, is not the wall clock.)
#[test]
fn the_wall_clock_is_read_only_in_clock_rs() {
    let found = offenders(&["Utc::now", "Local::now", "SystemTime::now"], |name| {
        name == "core/src/clock.rs"
    });
    assert!(
        found.is_empty(),
        "read the time with plenary_core::clock::now() (or take `now` as a parameter):\n{}",
        found.join("\n")
    );
}

/// "Ids come in from outside": verbs take ids; only the edges make them. The edges are the
/// desktop shell, the CLI, and `exchange::import::backup_and_commit`, the import entry point
/// that both of them call.
#[test]
fn new_ids_are_made_only_at_the_edges() {
    let found = offenders(&["now_v7"], |name| {
        name.starts_with("src/")
            || name == "core/src/cli.rs"
            || name.starts_with("core/src/cli/")
            || name.starts_with("core/src/bin/")
            || name == "core/src/exchange/import.rs"
    });
    assert!(
        found.is_empty(),
        "take the id as a parameter and let the edge make it:\n{}",
        found.join("\n")
    );
}

/// "`plenary-core` never depends on Tauri, GTK or WebKit": not in its manifest, not through
/// any crate it depends on (the lock file's graph), and not in its code.
#[test]
fn the_core_has_no_tauri_in_it() {
    let banned = |name: &str| {
        let name = name.to_ascii_lowercase();
        name.starts_with("tauri")
            || name.contains("gtk")
            || name.contains("webkit")
            || name.starts_with("gdk")
            || name.starts_with("glib")
            || name == "wry"
            || name == "tao"
    };
    let manifest = std::fs::read_to_string(core_dir().join("Cargo.toml")).expect("Cargo.toml");
    let named: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.split(['=', ' ', '.']).next())
        .filter(|key| banned(key))
        .collect();
    assert!(
        named.is_empty(),
        "src-tauri/core/Cargo.toml names {named:?}"
    );

    let lock = std::fs::read_to_string(root_dir().join("Cargo.lock")).expect("Cargo.lock");
    let graph = lock_graph(&lock);
    assert!(
        graph.contains_key("rusqlite"),
        "the test can fail: the lock file was read ({} packages)",
        graph.len()
    );
    let mut seen = BTreeSet::new();
    let mut todo = vec!["plenary-core".to_owned()];
    while let Some(name) = todo.pop() {
        if seen.insert(name.clone()) {
            todo.extend(graph.get(&name).into_iter().flatten().cloned());
        }
    }
    assert!(seen.len() > 50, "the walk reached the core's dependencies");
    let reached: Vec<&String> = seen.iter().filter(|n| banned(n)).collect();
    assert!(
        reached.is_empty(),
        "plenary-core reaches {reached:?} through its dependencies (Cargo.lock)"
    );

    let found = offenders(&["tauri::", "use tauri", "extern crate tauri"], |name| {
        !name.starts_with("core/")
    });
    assert!(
        found.is_empty(),
        "the core names Tauri:\n{}",
        found.join("\n")
    );
}

/// "Commands are adapters": the shell holds no SQL and no connection handling of its own;
/// every statement lives in the core.
#[test]
fn the_shell_holds_no_sql() {
    let found = offenders(
        &[
            "rusqlite",
            ".execute(",
            ".execute_batch(",
            ".prepare(",
            ".query_row(",
            "SELECT ",
            "INSERT INTO",
            "UPDATE ",
            "DELETE FROM",
        ],
        |name| !name.starts_with("src/"),
    );
    assert!(
        found.is_empty(),
        "move the statement into a verb of plenary-core:\n{}",
        found.join("\n")
    );
}

/// "Operations, never queries, cross IPC": no command takes SQL or a file path from the UI
/// (files are chosen with native dialogs opened from Rust).
#[test]
fn no_command_takes_a_path_or_sql() {
    let mut commands = 0;
    let mut found = Vec::new();
    for (name, code) in all_sources() {
        if !name.starts_with("src/") {
            continue;
        }
        for (i, _) in code.match_indices("#[tauri::command") {
            let rest = &code[i..];
            let Some(open) = rest.find("fn ") else {
                continue;
            };
            let signature = &rest[open..];
            let signature = &signature[..signature.find('{').unwrap_or(signature.len())];
            commands += 1;
            let params = signature.split_once('(').map_or("", |(_, p)| p);
            let params = params.rsplit_once(')').map_or(params, |(p, _)| p);
            let lower = params.to_ascii_lowercase();
            if ["path", "sql", "file"]
                .iter()
                .any(|word| lower.contains(word))
            {
                found.push(format!(
                    "{name}: {}",
                    signature.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
        }
    }
    assert!(
        commands > 50,
        "the test can fail: it found {commands} commands"
    );
    assert!(
        found.is_empty(),
        "a command takes a path or SQL from the UI:\n{}",
        found.join("\n")
    );
}

/// "Reads take `&Connection`, writes take `&Transaction`" in `store/`: a repository function
/// whose SQL writes must take a transaction, so that a change of several rows is atomic by its
/// type.
#[test]
fn store_functions_that_write_take_a_transaction() {
    let mut checked = 0;
    let mut found = Vec::new();
    for (name, code) in sources(&core_dir().join("src/store")) {
        let starts: Vec<usize> = code
            .match_indices("\npub fn ")
            .chain(code.match_indices("\npub(crate) fn "))
            .chain(code.match_indices("\nfn "))
            .map(|(i, _)| i + 1)
            .chain([code.len()])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for pair in starts.windows(2) {
            let item = &code[pair[0]..pair[1]];
            let signature = &item[..item.find('{').unwrap_or(item.len())];
            let writes = ["INSERT ", "UPDATE ", "DELETE ", "REPLACE "]
                .iter()
                .any(|sql| item.contains(sql));
            if !signature.starts_with("pub") {
                continue;
            }
            checked += 1;
            if writes && !signature.contains("Transaction") {
                let head = signature.lines().next().unwrap_or_default();
                found.push(format!("store/{name}: {head}"));
            }
        }
    }
    assert!(
        checked > 30,
        "the test can fail: it checked {checked} functions"
    );
    assert!(
        found.is_empty(),
        "these write with a plain connection; take `&Transaction`:\n{}",
        found.join("\n")
    );
}

/// "Instants are stored as RFC 3339 UTC": after the sample and a day's verbs, every column
/// named `at` or `…_at` holds `YYYY-MM-DDTHH:MM:SS.mmmZ` (or nothing).
#[test]
fn every_stored_instant_is_rfc3339_utc() {
    let mut store = crate::Store::default();
    crate::file_only!(store, "reads the file's schema from sqlite_schema");
    let loaded = plenary_core::sample::load(&mut store.conn, crate::now(), uuid::Uuid::now_v7)
        .expect("the sample loads");
    let people =
        plenary_core::ops::list_attendees(&store.conn, &loaded.event.id, &Default::default())
            .expect("people");
    let first = people.first().expect("the sample has people");
    plenary_core::desk::check_in(&mut store.conn, &first.id, crate::now()).expect("check in");
    let columns: Vec<(String, String)> = {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
                  WHERE m.type = 'table' AND (p.name = 'at' OR p.name LIKE '%\\_at' ESCAPE '\\')",
            )
            .expect("the schema");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("columns");
        rows.collect::<plenary_core::Result<_>>().expect("columns")
    };
    assert!(columns.len() >= 5, "the test can fail: {columns:?}");
    let shape = |v: &str| {
        v.len() == 24 && v.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(v).is_ok()
    };
    let mut seen = 0;
    for (table, column) in &columns {
        let values: Vec<Option<String>> = {
            let mut stmt = store
                .conn
                .prepare(&format!("SELECT {column} FROM {table}"))
                .expect("values");
            let rows = stmt.query_map([], |r| r.get(0)).expect("values");
            rows.collect::<plenary_core::Result<_>>().expect("values")
        };
        for value in values.iter().flatten() {
            seen += 1;
            assert!(
                shape(value),
                "{table}.{column} holds {value:?}, not an RFC 3339 UTC instant"
            );
        }
    }
    assert!(seen > 100, "the test can fail: it read {seen} instants");
}

/// The lock file as a map from each package to the packages it depends on (by name; two
/// versions of a crate are merged, which can only find more, never less).
fn lock_graph(lock: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let mut name = None;
        let mut deps = BTreeSet::new();
        let mut in_deps = false;
        for line in block.lines() {
            let line = line.trim();
            if let Some(value) = line.strip_prefix("name = ") {
                name = Some(value.trim_matches('"').to_owned());
            } else if line.starts_with("dependencies = [") {
                in_deps = true;
            } else if in_deps && line.starts_with(']') {
                in_deps = false;
            } else if in_deps {
                let dep = line.trim_matches([',', '"']);
                if let Some(dep) = dep.split(' ').next().filter(|d| !d.is_empty()) {
                    deps.insert(dep.to_owned());
                }
            }
        }
        if let Some(name) = name {
            graph.entry(name).or_default().extend(deps);
        }
    }
    graph
}

/// The core's top-level modules form no import cycle (audit ↔ ops and backup ↔ db were
/// removed: `tx.rs` holds the write transaction and its seal, and `db` copies and checks
/// files itself instead of calling `backup`). One known cycle remains and is listed, so that
/// no new one comes in unnoticed: `store`'s files take the types of `schedule::model`, while
/// the schedule's verbs call `store`.
#[test]
fn the_core_modules_form_no_new_import_cycle() {
    const KNOWN: &[&[&str]] = &[&["schedule", "store"]];
    let mut modules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, code) in sources(&core_dir().join("src")) {
        let module = name
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs")
            .to_owned();
        if module == "lib" || module == "bin" {
            continue;
        }
        let uses = modules.entry(module.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c}`: every top-level name in the braces.
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                uses.extend(inner.split(',').filter_map(|part| {
                    let word: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    (!word.is_empty()).then_some(word)
                }));
            } else {
                let word: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                uses.insert(word);
            }
        }
        uses.remove(&module);
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    for uses in modules.values_mut() {
        uses.retain(|u| names.contains(u));
    }
    assert!(
        modules.get("ops").is_some_and(|u| u.contains("tx")),
        "the test can fail: it sees that ops uses tx"
    );
    let cycles: Vec<Vec<String>> = strongly_connected(&modules)
        .into_iter()
        .filter(|c| c.len() > 1)
        .collect();
    let unknown: Vec<&Vec<String>> = cycles
        .iter()
        .filter(|c| !KNOWN.iter().any(|k| k.iter().eq(c.iter())))
        .collect();
    assert!(
        unknown.is_empty(),
        "modules that import each other (directly or round a loop): {unknown:?}"
    );
}

/// Tarjan's strongly connected components, each sorted by name.
fn strongly_connected(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    component.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                component.sort();
                self.found.push(component);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found
}
