//! The desk that keeps working when its server cannot be reached (issue 16).
//!
//! A desk connected to a server keeps a **cache**: a Plenary file (WAL, `synchronous = FULL`)
//! holding what the desk needs of the event it works on (`transfer::copy_for_desk`: the
//! attendees, sessions, sign-ups and attendance; no passport numbers, letters or log), made
//! again whenever the server's revision moves. Beside the event's tables it has two of its
//! own: `cache_meta` (the format, the server's address and store id, the event, the revision
//! copied and when) and `desk_queue`, the desk actions made while offline.
//!
//! Offline, the desk searches the cache with the same search as online, and its four actions
//! (check in, take back a check-in made offline, record session attendance, add a walk-in) run
//! through the same verbs on the cache, each in one transaction with its queue row: a UUID v7,
//! the desk's name and the moment at the desk.
//!
//! [`sync`] replays the queue into the server, in order, each action in its own write
//! transaction (the server's write lock) through the verb used online, with the desk's time.
//! The action's id goes into the server's `desk_action` table in that same transaction, so a
//! replay after a crash, or a second one, applies nothing twice. A clash is written to
//! `desk_review` instead of being applied or dropped: a person already checked in (the first
//! check-in to reach the server stands, with its own desk time), a walk-in whose email belongs
//! to someone registered, an action on someone no longer there. [`review_list`] and
//! [`resolve_review`] are the desk screen's "Needs review" list.
//!
//! A cache is replayed only into the store it was made from (the store id in `meta`), and only
//! by a build of its format: an older cache, or another server's, is refused untouched.

use crate::model::{Attendee, AttendeeInput};
use crate::ops::timestamp;
use crate::sql::{Connection, OptionalExtension, Transaction};
use crate::store::{attendees, events};
use crate::tx::write_tx;
use crate::{desk, names, Code, Error, FieldError, Message, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The cache's own format (its two tables and their keys). A cache of another format, or
/// of another schema version, is not replayed: the build that made it must send its queue.
pub const CACHE_FORMAT: u32 = 1;

/// The desk's name when nobody gave one: `$PLENARY_DESK`, else the machine's name.
pub const DESK_ENV: &str = "PLENARY_DESK";

const CACHE_TABLES: &str = "
CREATE TABLE IF NOT EXISTS cache_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS desk_queue (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL,
    desk     TEXT NOT NULL,
    at       TEXT NOT NULL,
    action   TEXT NOT NULL
) STRICT;";

/// What a desk did offline, as queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    CheckIn {
        person_id: String,
    },
    /// Takes back the check-in queued as `of`.
    UndoCheckIn {
        person_id: String,
        of: String,
    },
    Attendance {
        session_id: String,
        person_id: String,
        present: bool,
    },
    WalkIn {
        person_id: String,
        input: Box<AttendeeInput>,
    },
}

impl Action {
    fn kind(&self) -> &'static str {
        match self {
            Action::CheckIn { .. } => "check_in",
            Action::UndoCheckIn { .. } => "undo_check_in",
            Action::Attendance { .. } => "attendance",
            Action::WalkIn { .. } => "walk_in",
        }
    }

    fn person_id(&self) -> &str {
        match self {
            Action::CheckIn { person_id }
            | Action::UndoCheckIn { person_id, .. }
            | Action::Attendance { person_id, .. }
            | Action::WalkIn { person_id, .. } => person_id,
        }
    }
}

/// One action in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Queued {
    /// A UUID v7, made at the desk.
    pub id: String,
    pub event_id: String,
    pub desk: String,
    /// The moment at the desk (RFC 3339, UTC).
    pub at: String,
    pub action: Action,
}

/// What a cache holds, for the banner and `sync`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CacheInfo {
    pub path: String,
    /// The event copied (empty before the first copy).
    pub event_id: String,
    /// When the cache was last known to match the server (RFC 3339, UTC; empty: never).
    pub refreshed_at: String,
    /// Desk actions waiting to be sent.
    pub pending: u32,
}

/// The desk's name, as queued actions and the review list show it.
pub fn desk_name() -> String {
    std::env::var(DESK_ENV)
        .ok()
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
        .or_else(|| whoami::hostname().ok().filter(|h| !h.is_empty()))
        .unwrap_or_else(|| "desk".to_owned())
}

/// The file that caches a server's event on this machine unless `--cache` says otherwise:
/// `<app data>/cache/<host>-<port>-<database>.db`, one per server and database. `address` is
/// the server's address without its password.
pub fn default_cache_path(address: &str) -> Option<PathBuf> {
    let data = crate::paths::default_db_path()?;
    let dir = data.parent()?.join("cache");
    Some(dir.join(format!("{}.db", cache_key(address))))
}

/// A file name for a server address: its host, port and database, with anything but letters,
/// digits, dots and hyphens made `_` (the user and the password are left out).
fn cache_key(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let (host, db) = rest.split_once('/').unwrap_or((rest, ""));
    let host = if host.is_empty() { "localhost" } else { host };
    let host = if host.contains(':') {
        host.replacen(':', "-", 1)
    } else {
        format!("{host}-5432")
    };
    let key: String = format!("{host}-{db}")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    key.trim_end_matches('-').to_owned()
}

/// The store's id (`meta.store_id`), which a cache records and checks before a replay.
pub fn store_id(conn: &Connection) -> Result<String> {
    conn.query_row("SELECT value FROM meta WHERE key = 'store_id'", [], |r| {
        r.get(0)
    })
}

/// One value of a cache's `cache_meta`.
fn meta_in(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM cache_meta WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

/// A desk's cache, open.
pub struct Cache {
    conn: Connection,
    path: PathBuf,
}

impl Cache {
    /// Opens the cache at `path` for the server at `address` (without its password),
    /// creating it if there is none. A cache of another format or schema version, or made
    /// from another server, is refused and left as it is (`path`).
    pub fn open(path: &Path, address: &str) -> Result<Cache> {
        if path.exists() {
            Self::check(path, address)?;
        }
        let conn = crate::db::open(path)?;
        conn.execute_batch(CACHE_TABLES)?;
        let cache = Cache {
            conn,
            path: path.to_owned(),
        };
        if cache.meta("format")?.is_none() {
            cache.set_meta("format", &CACHE_FORMAT.to_string())?;
            cache.set_meta("server", &cache_key(address))?;
        }
        Ok(cache)
    }

    /// Opens the cache at `path`; one that cannot be used (older, another server's) and has
    /// nothing waiting is made again, one with actions waiting is refused as in
    /// [`Cache::open`]. What the app and the CLI use.
    pub fn open_or_renew(path: &Path, address: &str) -> Result<Cache> {
        match Self::open(path, address) {
            Err(Error::Incompatible(m)) if m.params.get("count").is_some_and(|c| c == "0") => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.as_os_str().to_owned();
                    file.push(suffix);
                    match std::fs::remove_file(&file) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            return Err(Error::Io {
                                path: PathBuf::from(file).display().to_string(),
                                source: e,
                            })
                        }
                        _ => {}
                    }
                }
                Self::open(path, address)
            }
            other => other,
        }
    }

    /// Refuses a cache this build must not replay, before anything changes it.
    fn check(path: &Path, address: &str) -> Result<()> {
        let conn = crate::db::open_read_only(path)?;
        let meta = |key: &str| meta_in(&conn, key);
        let has_tables: bool = conn.query_row(
            "SELECT count(*) = 2 FROM sqlite_schema WHERE name IN ('cache_meta', 'desk_queue')",
            [],
            |r| r.get(0),
        )?;
        if !has_tables {
            // A cache whose making was cut short (no event in it) may be made again; any
            // other file (a Plenary store given as --cache by mistake) is left alone.
            let events: i64 = conn
                .query_row("SELECT count(*) FROM event", [], |r| r.get(0))
                .unwrap_or(0);
            let mut message = Message::new(Code::NotACache).param("path", path.display());
            if events == 0 {
                message = message.param("count", 0);
            }
            return Err(Error::Incompatible(message));
        }
        let pending: i64 = conn.query_row("SELECT count(*) FROM desk_queue", [], |r| r.get(0))?;
        let current = crate::db::user_version(&conn)? == crate::db::SCHEMA_VERSION
            && meta("format")?.as_deref() == Some(&CACHE_FORMAT.to_string());
        if !current {
            return Err(Error::Incompatible(
                Message::new(Code::CacheOutdated)
                    .param("path", path.display())
                    .param("count", pending),
            ));
        }
        if meta("server")?.is_some_and(|s| s != cache_key(address)) {
            return Err(Error::Incompatible(
                Message::new(Code::CacheOtherServer)
                    .param("path", path.display())
                    .param("count", pending),
            ));
        }
        Ok(())
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        meta_in(&self.conn, key)
    }

    fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO cache_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// The cache's store: search it and read it as any store.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The same, for a command that takes a connection it may write to; only reading
    /// commands are given it (a write would not be queued).
    pub(crate) fn conn_for_reading(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The event the cache holds, if it holds one.
    pub fn event_id(&self) -> Result<Option<String>> {
        self.meta("event_id")
    }

    pub fn info(&self) -> Result<CacheInfo> {
        Ok(CacheInfo {
            path: self.path.display().to_string(),
            event_id: self.meta("event_id")?.unwrap_or_default(),
            refreshed_at: self.meta("refreshed_at")?.unwrap_or_default(),
            pending: self.waiting()?,
        })
    }

    /// How many desk actions wait to be sent.
    fn waiting(&self) -> Result<u32> {
        self.conn
            .query_row("SELECT count(*) FROM desk_queue", [], |r| r.get(0))
    }

    /// The queue, oldest first.
    pub fn pending(&self) -> Result<Vec<Queued>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, event_id, desk, at, action FROM desk_queue ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (id, event_id, desk, at, action) = row?;
            let action =
                serde_json::from_str(&action).map_err(|e| bad_value("desk_queue.action", &e))?;
            Ok(Queued {
                id,
                event_id,
                desk,
                at,
                action,
            })
        })
        .collect()
    }

    /// Makes the cache match the server's copy of the event when the server's revision has
    /// moved since the last copy (or the cache holds another event, or none), and records
    /// when it last matched. Returns whether it copied. A cache with actions waiting is not
    /// copied over (they would vanish from its lists): [`sync`] first.
    pub fn refresh(
        &mut self,
        server: &Connection,
        event_id: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        if self.waiting()? > 0 {
            return Ok(false);
        }
        let revision = events::revision(server, event_id)?.to_string();
        let store = store_id(server)?;
        let same = self.meta("event_id")?.as_deref() == Some(event_id)
            && self.meta("revision")?.as_deref() == Some(revision.as_str())
            && self.meta("store_id")?.as_deref() == Some(store.as_str());
        if !same {
            // Until the copy is complete and labelled, the cache holds no event: a crash in
            // between leaves a cache that copies again, never one event's rows under
            // another's name.
            self.conn.execute(
                "DELETE FROM cache_meta WHERE key IN ('event_id', 'revision', 'store_id')",
                [],
            )?;
            crate::transfer::copy_for_desk(server, &mut self.conn, event_id)?;
            // One event per cache: the one the desk works on.
            let tx = self.conn.write_transaction()?;
            tx.execute("DELETE FROM event WHERE id <> ?1", [event_id])?;
            tx.execute("DELETE FROM change_row", [])?;
            tx.execute("DELETE FROM change_entry", [])?;
            tx.commit()?;
            self.set_meta("store_id", &store)?;
            self.set_meta("event_id", event_id)?;
            // The revision read before the copy: a change made meanwhile moves it again, and
            // the next refresh copies once more.
            self.set_meta("revision", &revision)?;
        }
        self.set_meta("refreshed_at", &timestamp(now))?;
        Ok(!same)
    }

    /// Runs one desk action on the cache and queues it, in one transaction, under the id the
    /// caller made for it (a UUID v7: ids come in from the edges).
    fn act<T>(
        &mut self,
        desk: &str,
        id: Uuid,
        now: DateTime<Utc>,
        action: impl FnOnce(&Transaction<'_>) -> Result<(Action, T)>,
    ) -> Result<T> {
        let event_id = self
            .meta("event_id")?
            .ok_or_else(|| Error::Incompatible(Message::new(Code::NoCache)))?;
        let tx = write_tx(&mut self.conn)?;
        let (queued, out) = action(&tx)?;
        let json =
            serde_json::to_string(&queued).map_err(|e| bad_value("desk_queue.action", &e))?;
        tx.execute(
            "INSERT INTO desk_queue (id, event_id, desk, at, action) VALUES (?1, ?2, ?3, ?4, ?5)",
            crate::params![id.to_string(), event_id, desk, timestamp(now), json],
        )?;
        tx.commit()?;
        Ok(out)
    }

    /// Checks a person in at the desk, offline.
    pub fn check_in(
        &mut self,
        desk: &str,
        action: Uuid,
        person_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Attendee> {
        self.act(desk, action, now, |tx| {
            desk::check_in_in(tx, person_id, now)?;
            Ok((
                Action::CheckIn {
                    person_id: person_id.to_owned(),
                },
                (),
            ))
        })?;
        attendees::get(&self.conn, person_id)
    }

    /// Takes back a check-in made offline at this desk and not sent yet; any other is refused
    /// (the server may have more to say about it).
    pub fn undo_check_in(
        &mut self,
        desk: &str,
        action: Uuid,
        person_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Attendee> {
        let made_here = self.pending()?.into_iter().rev().find(|q| match &q.action {
            Action::CheckIn { person_id: p } | Action::WalkIn { person_id: p, .. } => {
                p == person_id
            }
            _ => false,
        });
        let Some(of) = made_here else {
            return Err(FieldError::new("person_id", Code::UndoOnlyOfflineCheckIn).into());
        };
        self.act(desk, action, now, |tx| {
            desk::undo_check_in_in(tx, person_id)?;
            Ok((
                Action::UndoCheckIn {
                    person_id: person_id.to_owned(),
                    of: of.id,
                },
                (),
            ))
        })?;
        attendees::get(&self.conn, person_id)
    }

    /// Ticks a person off (or back) for a session, offline.
    pub fn mark_attendance(
        &mut self,
        desk: &str,
        action: Uuid,
        session_id: &str,
        person_id: &str,
        present: bool,
        now: DateTime<Utc>,
    ) -> Result<desk::AttendanceSheet> {
        self.act(desk, action, now, |tx| {
            desk::mark_attendance_in(tx, session_id, person_id, present, now)?;
            Ok((
                Action::Attendance {
                    session_id: session_id.to_owned(),
                    person_id: person_id.to_owned(),
                    present,
                },
                (),
            ))
        })?;
        desk::session_attendance(&self.conn, session_id)
    }

    /// Registers a walk-in and checks them in, offline.
    pub fn register_walk_in(
        &mut self,
        desk: &str,
        action: Uuid,
        event_id: &str,
        id: Uuid,
        input: &AttendeeInput,
        now: DateTime<Utc>,
    ) -> Result<Attendee> {
        let id = id.to_string();
        // Offline, the desk works on the one event it has a copy of.
        if self.event_id()?.as_deref() != Some(event_id) {
            return Err(FieldError::new("event_id", Code::OfflineNotAllowed).into());
        }
        self.act(desk, action, now, |tx| {
            desk::register_walk_in_in(tx, event_id, &id, input, now)?;
            Ok((
                Action::WalkIn {
                    person_id: id.clone(),
                    input: Box::new(input.clone()),
                },
                (),
            ))
        })?;
        attendees::get(&self.conn, &id)
    }

    /// Moves a cache this build will not send (another server's, an older one, one whose
    /// event is gone) out of the way, whole, beside where it was: `NAME.set-aside-TIME.db`,
    /// its queue kept for whoever can send it or read it. Returns the new path; the next
    /// open makes a new cache. Nothing is deleted.
    pub fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
        let stem = path
            .file_stem()
            .map_or_else(|| "cache".into(), |s| s.to_string_lossy().into_owned());
        let stamp = now.format("%Y%m%dT%H%M%SZ");
        let dest = path.with_file_name(format!("{stem}.set-aside-{stamp}.db"));
        for suffix in ["-wal", "-shm", ""] {
            let mut from = path.as_os_str().to_owned();
            from.push(suffix);
            let mut to = dest.as_os_str().to_owned();
            to.push(suffix);
            match std::fs::rename(&from, &to) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound || suffix.is_empty() => {
                    return Err(Error::Io {
                        path: PathBuf::from(from).display().to_string(),
                        source: e,
                    })
                }
                _ => {}
            }
        }
        Ok(dest)
    }

    fn forget(&self, id: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM desk_queue WHERE id = ?1", [id])?;
        Ok(())
    }
}

// ---- the replay ---------------------------------------------------------------------------

/// Someone, as the review list shows them side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PersonCard {
    pub name: String,
    pub email: String,
    pub organization: String,
    pub country: String,
    pub category: String,
}

impl PersonCard {
    fn of(a: &Attendee) -> Self {
        PersonCard {
            name: names::display(a, false),
            email: a.email.clone(),
            organization: a.organization.clone(),
            country: a.country.clone(),
            category: a.category.clone(),
        }
    }

    /// A walk-in's record as the desk typed it: the Latin form, then the native one when it
    /// differs (as the app shows a registered person's name).
    fn of_input(input: &AttendeeInput) -> Self {
        let join = |parts: [&str; 3]| {
            parts
                .iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let native = join([&input.honorific, &input.given_name, &input.family_name]);
        let latin = join([
            &input.honorific,
            &input.given_name_latin,
            &input.family_name_latin,
        ]);
        let name = if input.given_name_latin.is_empty() && input.family_name_latin.is_empty() {
            native
        } else {
            let native = join(["", &input.given_name, &input.family_name]);
            format!("{latin} {native}")
        };
        PersonCard {
            name,
            email: input.email.trim().to_lowercase(),
            organization: input.organization.clone(),
            country: input.country.clone(),
            category: input.category.clone(),
        }
    }
}

/// A clash a replay found, kept for someone to accept or dismiss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewItem {
    /// The desk action's id.
    pub id: String,
    /// `double_check_in`, `walk_in_email`, `person_gone` or `refused`.
    pub kind: String,
    /// The person on the server it is about (for a walk-in, the one whose email it has).
    pub person_id: String,
    /// What happened, in English (the app renders `code` with `params`).
    pub message: String,
    pub code: String,
    pub params: std::collections::BTreeMap<String, String>,
    /// What the server had: the first check-in to reach it, and its desk (empty: checked in
    /// online, or not known).
    pub first_at: String,
    pub first_desk: String,
    /// The action that clashed: its desk time and desk.
    pub second_at: String,
    pub second_desk: String,
    /// For a walk-in: the person registered, and the walk-in's record.
    pub existing: Option<PersonCard>,
    pub walk_in: Option<PersonCard>,
}

/// What [`sync`] did. The JSON of `plenary sync --json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncReport {
    /// Actions newly applied (a take-back with nothing left to take back counts here too);
    /// those that clashed are in `review` instead.
    pub applied: u32,
    /// Actions the server had applied already (a replay after a crash, or a second one).
    pub already_applied: u32,
    /// The clashes this replay found.
    pub review: Vec<ReviewItem>,
    /// Actions left in the queue (normally 0).
    pub pending: u32,
}

/// What became of one action.
enum Replayed {
    Applied,
    Already,
    Review(String),
}

/// Replays the cache's queue into `server` (see the module's notes), and returns what it did.
/// Refuses, replaying nothing, a cache made from another store or for an event the server no
/// longer has. A connection lost midway stops the replay: what was applied stays applied (and
/// is remembered), the rest stays queued.
pub fn sync(server: &mut Connection, cache: &mut Cache, now: DateTime<Utc>) -> Result<SyncReport> {
    let queue = cache.pending()?;
    let mut report = SyncReport::default();
    if queue.is_empty() {
        return Ok(report);
    }
    let theirs = store_id(server)?;
    if cache.meta("store_id")?.as_deref() != Some(theirs.as_str()) {
        return Err(Error::Incompatible(
            Message::new(Code::CacheOtherServer)
                .param("path", cache.path.display())
                .param("count", queue.len()),
        ));
    }
    let events: std::collections::BTreeSet<&str> =
        queue.iter().map(|q| q.event_id.as_str()).collect();
    for event in events {
        let exists: bool = server.query_row(
            "SELECT count(*) > 0 FROM event WHERE id = ?1",
            [event],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::Incompatible(
                Message::new(Code::CacheEventGone)
                    .param("path", cache.path.display())
                    .param("count", queue.len()),
            ));
        }
    }
    for q in &queue {
        let outcome = match replay(server, q, now) {
            Ok(outcome) => outcome,
            Err(e) if is_transient(&e) => return Err(e),
            // Refused by a rule (the walk-in's category is gone, say): kept for review, with
            // what the server said, in a transaction of its own.
            Err(e) => refuse(server, q, &e, now)?,
        };
        cache.forget(&q.id)?;
        match outcome {
            Replayed::Applied => report.applied += 1,
            Replayed::Already => report.already_applied += 1,
            Replayed::Review(id) => {
                if let Some(item) = review_item(server, &id)? {
                    report.review.push(item);
                }
            }
        }
    }
    report.pending = cache.waiting()?;
    // What the desk did offline is in the cache as it did it; the server may have kept
    // something else (a clash, a refusal), which a change of revision does not always say
    // (nothing on the server changed): the next refresh copies the event again.
    cache
        .conn
        .execute("DELETE FROM cache_meta WHERE key = 'revision'", [])?;
    Ok(report)
}

/// A queue row this build cannot read.
fn bad_value(column: &str, e: &dyn std::fmt::Display) -> Error {
    Error::Incompatible(
        Message::new(Code::BadStoredValue)
            .param("column", column)
            .param("value", e.to_string()),
    )
}

/// A fault that says nothing about the action: the server gone, busy, shutting down, or a
/// clash with another transaction that a later try gets past (a deadlock, a timeout). The
/// replay stops there and keeps the rest queued; any other refusal is the action's own, and
/// goes to review.
pub fn is_transient(err: &Error) -> bool {
    match err {
        Error::Disconnected(_) | Error::Busy(_) | Error::Server(_) => true,
        Error::ServerDb(e) => e.is_closed() || e.code().is_some_and(|c| transient(c.code())),
        other => is_offline(other),
    }
}

/// SQLSTATE classes of faults that pass: 08 the connection, 40 a rollback (deadlock,
/// serialization), 53 the server's resources, 57 an operator's intervention (shutdown, a
/// statement timeout, a cancel).
fn transient(code: &str) -> bool {
    ["08", "40", "53", "57"]
        .iter()
        .any(|class| code.starts_with(class))
}

/// Whether `err` means the server cannot be reached (the desk works from its cache): it does
/// not answer, the connection dropped, or it is shutting down or starting up.
pub fn is_offline(err: &Error) -> bool {
    match err {
        Error::Disconnected(_) => true,
        Error::Validation(fields) => fields
            .iter()
            .any(|f| f.code() == Code::ServerUnreachable.as_str()),
        Error::ServerDb(e) => {
            e.is_closed()
                || e.code()
                    .is_some_and(|c| c.code().starts_with("08") || c.code().starts_with("57P"))
        }
        _ => false,
    }
}

fn record(tx: &Transaction<'_>, q: &Queued, outcome: &str, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO desk_action (id, event_id, desk, kind, person_id, at, applied_at, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        crate::params![
            q.id,
            q.event_id,
            q.desk,
            q.action.kind(),
            q.action.person_id(),
            q.at,
            timestamp(now),
            outcome
        ],
    )?;
    Ok(())
}

/// One clash, written for review.
struct Clash<'a> {
    kind: &'a str,
    person_id: String,
    other_desk: String,
    other_at: String,
    detail: serde_json::Value,
}

fn write_review(tx: &Transaction<'_>, q: &Queued, c: &Clash<'_>, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO desk_review (id, event_id, kind, person_id, desk, at, other_desk, other_at,
                                  detail, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        crate::params![
            q.id,
            q.event_id,
            c.kind,
            c.person_id,
            q.desk,
            q.at,
            c.other_desk,
            c.other_at,
            c.detail.to_string(),
            timestamp(now)
        ],
    )?;
    Ok(())
}

fn desk_time(q: &Queued) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&q.at)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| bad_value("desk_queue.at", &e))
}

/// The desk whose check-in of `person_id` at `at` the server has, if a replay brought it.
fn desk_of_check_in(tx: &Transaction<'_>, person_id: &str, at: &str) -> Result<String> {
    Ok(tx
        .query_row(
            "SELECT desk FROM desk_action
             WHERE person_id = ?1 AND at = ?2 AND kind IN ('check_in', 'walk_in')
               AND outcome = 'applied'
             ORDER BY applied_at DESC LIMIT 1",
            [person_id, at],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

/// Whether the server has the action already (its id in `desk_action`).
fn applied_already(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    tx.query_row(
        "SELECT count(*) > 0 FROM desk_action WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
}

/// Replays one action in its own write transaction.
fn replay(server: &mut Connection, q: &Queued, now: DateTime<Utc>) -> Result<Replayed> {
    let at = desk_time(q)?;
    let mut tx = write_tx(server)?;
    tx.for_event(&q.event_id);
    tx.set_reason(&format!("offline at desk {}", q.desk));
    if applied_already(&tx, &q.id)? {
        return Ok(Replayed::Already);
    }
    let person = |id: &str| attendees::get(&tx, id).map(Some).or_else(gone_is_none);
    let clash = match &q.action {
        Action::CheckIn { person_id } => match person(person_id)? {
            None => Some(Clash {
                kind: "person_gone",
                person_id: person_id.clone(),
                other_desk: String::new(),
                other_at: String::new(),
                detail: serde_json::Value::Null,
            }),
            Some(p) => match p.checked_in_at {
                Some(first) => Some(Clash {
                    kind: "double_check_in",
                    person_id: person_id.clone(),
                    other_desk: desk_of_check_in(&tx, person_id, &first)?,
                    other_at: first,
                    detail: serde_json::Value::Null,
                }),
                None => {
                    desk::check_in_in(&tx, person_id, at)?;
                    None
                }
            },
        },
        Action::UndoCheckIn { person_id, of } => {
            let made: Option<(String, String)> = tx
                .query_row(
                    "SELECT at, outcome FROM desk_action WHERE id = ?1",
                    [of],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let current = person(person_id)?.and_then(|p| p.checked_in_at);
            let outcome = match made {
                // The check-in it takes back is the one the server has: take it back.
                Some((made_at, outcome))
                    if outcome == "applied" && current.as_deref() == Some(made_at.as_str()) =>
                {
                    desk::undo_check_in_in(&tx, person_id)?;
                    "applied"
                }
                // It clashed, or never came: nothing to take back, and nothing to review.
                _ => {
                    tx.execute(
                        "UPDATE desk_review SET resolution = 'dismissed', resolved_at = ?2
                         WHERE id = ?1 AND resolution = ''",
                        [of.as_str(), &timestamp(now)],
                    )?;
                    "skipped"
                }
            };
            record(&tx, q, outcome, now)?;
            tx.commit()?;
            return Ok(Replayed::Applied);
        }
        Action::Attendance {
            session_id,
            person_id,
            present,
        } => {
            let session = crate::store::sessions::get(&tx, session_id)
                .map(Some)
                .or_else(gone_is_none)?;
            match (session, person(person_id)?) {
                (Some(_), Some(_)) => {
                    desk::mark_attendance_in(&tx, session_id, person_id, *present, at)?;
                    None
                }
                _ => Some(Clash {
                    kind: "person_gone",
                    person_id: person_id.clone(),
                    other_desk: String::new(),
                    other_at: String::new(),
                    detail: serde_json::json!({ "session_id": session_id }),
                }),
            }
        }
        Action::WalkIn { person_id, input } => {
            let email = input.email.trim().to_lowercase();
            let taken: Option<Attendee> = if email.is_empty() {
                None
            } else {
                let id: Option<String> = tx
                    .query_row(
                        "SELECT id FROM attendee
                         WHERE event_id = ?1 AND lower(email) = ?2 AND email <> ''",
                        [&q.event_id, &email],
                        |r| r.get(0),
                    )
                    .optional()?;
                id.map(|id| attendees::get(&tx, &id)).transpose()?
            };
            match taken {
                Some(other) => Some(Clash {
                    kind: "walk_in_email",
                    person_id: other.id.clone(),
                    other_desk: String::new(),
                    other_at: other.checked_in_at.clone().unwrap_or_default(),
                    detail: serde_json::json!({ "walk_in_id": person_id, "input": input }),
                }),
                None => {
                    desk::register_walk_in_in(&tx, &q.event_id, person_id, input, at)?;
                    None
                }
            }
        }
    };
    let outcome = match &clash {
        Some(c) => {
            write_review(&tx, q, c, now)?;
            "review"
        }
        None => "applied",
    };
    record(&tx, q, outcome, now)?;
    tx.commit()?;
    Ok(match clash {
        Some(_) => Replayed::Review(q.id.clone()),
        None => Replayed::Applied,
    })
}

fn gone_is_none<T>(err: Error) -> Result<Option<T>> {
    match err {
        Error::NotFound { .. } => Ok(None),
        other => Err(other),
    }
}

/// Keeps an action the server refused for review, with the server's words.
fn refuse(
    server: &mut Connection,
    q: &Queued,
    err: &Error,
    now: DateTime<Utc>,
) -> Result<Replayed> {
    let tx = write_tx(server)?;
    if applied_already(&tx, &q.id)? {
        return Ok(Replayed::Already);
    }
    let detail = match &q.action {
        Action::WalkIn { input, .. } => {
            serde_json::json!({ "error": err.to_string(), "input": input })
        }
        _ => serde_json::json!({ "error": err.to_string() }),
    };
    let clash = Clash {
        kind: "refused",
        person_id: q.action.person_id().to_owned(),
        other_desk: String::new(),
        other_at: String::new(),
        detail,
    };
    write_review(&tx, q, &clash, now)?;
    record(&tx, q, "review", now)?;
    tx.commit()?;
    Ok(Replayed::Review(q.id.clone()))
}

// ---- the review list ----------------------------------------------------------------------

/// A review row as stored.
struct Stored {
    id: String,
    kind: String,
    person_id: String,
    desk: String,
    at: String,
    other_desk: String,
    other_at: String,
    detail: String,
    event_id: String,
}

const REVIEW_COLUMNS: &str =
    "id, kind, person_id, desk, at, other_desk, other_at, detail, event_id";

fn stored(r: &crate::sql::Row<'_>) -> Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        kind: r.get(1)?,
        person_id: r.get(2)?,
        desk: r.get(3)?,
        at: r.get(4)?,
        other_desk: r.get(5)?,
        other_at: r.get(6)?,
        detail: r.get(7)?,
        event_id: r.get(8)?,
    })
}

/// The zone an event's times are shown in.
fn zone_of(conn: &Connection, event_id: &str) -> String {
    events::get(conn, event_id).map_or(String::new(), |e| e.timezone)
}

fn item(conn: &Connection, s: Stored, zone: &str) -> Result<ReviewItem> {
    let person = attendees::get(conn, &s.person_id).ok();
    let detail: serde_json::Value = serde_json::from_str(&s.detail).unwrap_or_default();
    let walk_in: Option<AttendeeInput> = detail
        .get("input")
        .and_then(|i| serde_json::from_value(i.clone()).ok());
    let name = match (&person, &walk_in) {
        (Some(p), _) => names::display(p, false),
        (None, Some(w)) => PersonCard::of_input(w).name,
        (None, None) => s.person_id.clone(),
    };
    let code = match s.kind.as_str() {
        "double_check_in" => Code::ReviewDoubleCheckIn,
        "walk_in_email" => Code::ReviewWalkInEmail,
        "person_gone" => Code::ReviewPersonGone,
        _ => Code::ReviewRefused,
    };
    let mut message = Message::new(code)
        .param("name", &name)
        .param("second_at", &s.at)
        .param("second_desk", &s.desk)
        .param("zone", zone);
    if !s.other_at.is_empty() {
        message = message.param("first_at", &s.other_at);
    }
    message = message.param("first_desk", &s.other_desk);
    if let Some(w) = &walk_in {
        message = message
            .param("walk_in", PersonCard::of_input(w).name)
            .param("email", w.email.trim().to_lowercase());
    }
    if let Some(e) = detail.get("error").and_then(|e| e.as_str()) {
        message = message.param("detail", e);
    }
    let coded = crate::messages::Coded::from(&message);
    Ok(ReviewItem {
        id: s.id,
        kind: s.kind.clone(),
        person_id: s.person_id,
        message: coded.message,
        code: coded.code,
        params: coded.params,
        first_at: s.other_at,
        first_desk: s.other_desk,
        second_at: s.at,
        second_desk: s.desk,
        existing: person
            .as_ref()
            .filter(|_| s.kind == "walk_in_email")
            .map(PersonCard::of),
        walk_in: walk_in.as_ref().map(PersonCard::of_input),
    })
}

fn review_item(conn: &Connection, id: &str) -> Result<Option<ReviewItem>> {
    let s = conn
        .query_row(
            &format!("SELECT {REVIEW_COLUMNS} FROM desk_review WHERE id = ?1"),
            [id],
            stored,
        )
        .optional()?;
    s.map(|s| {
        let zone = zone_of(conn, &s.event_id);
        item(conn, s, &zone)
    })
    .transpose()
}

/// The clashes of an event nobody has accepted or dismissed yet, oldest first.
pub fn review_list(conn: &Connection, event_id: &str) -> Result<Vec<ReviewItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {REVIEW_COLUMNS} FROM desk_review WHERE event_id = ?1 AND resolution = ''
         ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([event_id], stored)?;
    let rows = rows.collect::<Result<Vec<_>>>()?;
    drop(stmt);
    let zone = zone_of(conn, event_id);
    rows.into_iter().map(|s| item(conn, s, &zone)).collect()
}

/// How many clashes of an event wait for someone (what the desk's status shows every few
/// seconds, without building the list).
pub fn review_count(conn: &Connection, event_id: &str) -> Result<u32> {
    conn.query_row(
        "SELECT count(*) FROM desk_review WHERE event_id = ?1 AND resolution = ''",
        [event_id],
        |r| r.get(0),
    )
}

/// Settles a clash. Accepting a double check-in makes the later desk's time the one that
/// stands; accepting a walk-in whose email is someone's says they are that person, who is
/// checked in at the walk-in's time (if they were not). Dismissing keeps what the server has.
/// Either way the item leaves the list.
pub fn resolve_review(
    conn: &mut Connection,
    id: &str,
    accept: bool,
    now: DateTime<Utc>,
) -> Result<Vec<ReviewItem>> {
    let mut tx = write_tx(conn)?;
    let s = tx
        .query_row(
            &format!("SELECT {REVIEW_COLUMNS} FROM desk_review WHERE id = ?1"),
            [id],
            stored,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("review", id))?;
    tx.for_event(&s.event_id);
    let resolution = if accept { "accepted" } else { "dismissed" };
    tx.set_reason(&format!("review {resolution}"));
    if accept {
        let person = attendees::get(&tx, &s.person_id)
            .map(Some)
            .or_else(gone_is_none)?;
        match (s.kind.as_str(), person) {
            ("double_check_in", Some(_)) => {
                attendees::set_checked_in(&tx, &s.person_id, Some(&s.at))?;
            }
            ("walk_in_email", Some(p)) if p.checked_in_at.is_none() => {
                attendees::set_checked_in(&tx, &s.person_id, Some(&s.at))?;
            }
            _ => {}
        }
    }
    let changed = tx.execute(
        "UPDATE desk_review SET resolution = ?2, resolved_at = ?3 WHERE id = ?1 AND resolution = ''",
        [id, resolution, &timestamp(now)],
    )?;
    if changed == 0 {
        return Err(FieldError::new("id", Code::ReviewSettled).into());
    }
    tx.commit()?;
    review_list(conn, &s.event_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_is_named_after_the_server_and_database_never_the_password() {
        assert_eq!(
            cache_key("postgresql://desk:secret@db.example.org:5433/shanghai?sslmode=require"),
            "db.example.org-5433-shanghai"
        );
        assert_eq!(
            cache_key("postgres://localhost/plenary"),
            "localhost-5432-plenary"
        );
        assert_eq!(cache_key("postgresql:///x"), "localhost-5432-x");
    }

    #[test]
    fn faults_that_pass_stop_the_replay_and_refusals_do_not() {
        for code in ["08006", "40P01", "40001", "53300", "57014", "57P01"] {
            assert!(transient(code), "{code} passes");
        }
        for code in ["42501", "23505", "22001", "P0001"] {
            assert!(!transient(code), "{code} is the action's own");
        }
        assert!(is_transient(&Error::Busy(Message::new(Code::StoreBusy))));
        assert!(is_offline(&Error::Disconnected(Message::new(
            Code::ServerConnectionLost
        ))));
        assert!(!is_offline(&Error::Busy(Message::new(Code::StoreBusy))));
        assert!(!is_transient(&Error::not_found("attendee", "x")));
    }

    #[test]
    fn an_action_round_trips_through_its_json() {
        let a = Action::UndoCheckIn {
            person_id: "p".into(),
            of: "q".into(),
        };
        let json = serde_json::to_string(&a).expect("json");
        assert!(json.contains("\"kind\":\"undo_check_in\""), "{json}");
        assert_eq!(serde_json::from_str::<Action>(&json).expect("back"), a);
    }
}
