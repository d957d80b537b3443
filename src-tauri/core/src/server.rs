//! PostgreSQL as the shared store of an event that several desks work on (issue 15; in
//! progress). This part is the server's schema and its migrations: the schema lives in
//! `migrations_pg/` beside the file's `migrations/`, with the same tables and columns (a test
//! compares the two engines table by table and column by column), the audit log written by one
//! PL/pgSQL function as the file's triggers write it, and the event's revision moved by a
//! trigger as in the file.
//!
//! Migrations run as on a file: versioned (the version is `meta.schema_version`), each in one
//! transaction, under an advisory lock so that two apps starting together do not both migrate;
//! a server whose schema is newer than this build is refused untouched, so an older app never
//! migrates (or writes to) a newer server. Servers older than PostgreSQL 13 are refused.
//!
//! `db::open` opens a server when `--db` is its address (`postgresql://…`); the verbs then run
//! on it through `sql::Connection`, as on a file.

use crate::sql::Connection;
use crate::{Code, Error, FieldError, Message, Result};
use postgres::error::SqlState;
use postgres::Client;

/// The server's schema version this build writes (see [`MIGRATIONS`]).
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// The oldest PostgreSQL major version supported.
pub const MIN_MAJOR: u32 = 13;

/// The server's migrations: each brings the schema to its version. A server starts at version
/// 10 (the file's schema at 10, the first the server had); from there the server's versions
/// count on their own: a change to the tables adds a migration here and one in `migrations/`
/// (a test keeps the two engines' tables and columns alike), and a change only the server
/// needs (its triggers, say) adds one here only.
pub(crate) const MIGRATIONS: &[(u32, &str)] = &[
    (10, include_str!("migrations_pg/0010_schema.sql")),
    (11, include_str!("migrations_pg/0011_bulk_writes.sql")),
    (12, include_str!("migrations_pg/0012_desk_sync.sql")),
];

/// The key of the advisory lock that migrations hold ("plenary" in ASCII).
const MIGRATION_LOCK: i64 = 0x0070_6c65_6e61_7279;

/// A server-side failure, as the app and the CLI show it.
fn failed(err: &postgres::Error) -> Error {
    Error::Server(err.to_string())
}

/// How long a connection attempt waits for the server before saying it cannot be reached.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// The client's keepalive idle time when the address sets none (libpq's default, two hours).
const KEEPALIVE_DEFAULT: std::time::Duration = std::time::Duration::from_secs(2 * 60 * 60);
const KEEPALIVE_IDLE: std::time::Duration = std::time::Duration::from_secs(15);
const UNACKNOWLEDGED_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Connects to the server at a connection string (`postgresql://user@host:port/db?sslmode=…`
/// or `host=… user=… dbname=…`). What the string leaves out comes from the environment as
/// libpq takes it (PGHOST, PGPORT, PGUSER, PGDATABASE), and the password, when the string has
/// none, from PGPASSWORD or else the user's `~/.pgpass`. Each fault names what to fix, never
/// the password: an address that cannot be read (`db`), a password refused (`password`), a
/// database that does not exist (`db`), or a server that does not answer (`db`).
pub fn connect(address: &str) -> Result<Client> {
    let (address, tls) = crate::tls::take(address)?;
    let mut config: postgres::Config = address.parse().map_err(|e: postgres::Error| {
        Error::from(
            FieldError::new("db", Code::ServerAddressInvalid).param("detail", with_causes(&e)),
        )
    })?;
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if config.get_hosts().is_empty() {
        config.host(env("PGHOST").as_deref().unwrap_or("localhost"));
    }
    if config.get_ports().is_empty() {
        if let Some(port) = env("PGPORT").and_then(|p| p.parse().ok()) {
            config.port(port);
        }
    }
    if config.get_user().is_none() {
        if let Some(user) = env("PGUSER").or_else(|| whoami::username().ok()) {
            config.user(&user);
        }
    }
    if config.get_dbname().is_none() {
        if let Some(db) = env("PGDATABASE") {
            config.dbname(&db);
        }
    }
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(name)) => name.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or_default().to_owned();
    let dbname = config
        .get_dbname()
        .map_or_else(|| user.clone(), str::to_owned);
    if config.get_password().is_none() {
        let found = env("PGPASSWORD").or_else(|| pgpass(&host, port, &dbname, &user));
        if let Some(password) = found {
            config.password(password);
        }
    }
    config.ssl_mode(tls.mode.client_mode());
    config.connect_timeout(CONNECT_TIMEOUT);
    // A network that drops without a word (venue Wi-Fi) must not leave a desk waiting on a
    // dead connection for the system's two hours: probes after 15 s of silence, and data left
    // unacknowledged for 20 s ends the connection, so the desk turns to its cache (offline.rs).
    if config.get_keepalives_idle() == KEEPALIVE_DEFAULT {
        config.keepalives_idle(KEEPALIVE_IDLE);
    }
    if config.get_tcp_user_timeout().is_none() {
        config.tcp_user_timeout(UNACKNOWLEDGED_LIMIT);
    }
    let connector = crate::tls::connector(&tls)?;
    crate::sql::blocking(|| config.connect(connector)).map_err(|e| {
        let code = e.as_db_error().map(|db| db.code().clone());
        let field = |field: &str, code: Code| {
            Error::from(
                FieldError::new(field, code)
                    .param("user", &user)
                    .param("host", &host)
                    .param("port", port.to_string())
                    .param("database", &dbname),
            )
        };
        match code {
            Some(c)
                if c == SqlState::INVALID_PASSWORD
                    || c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
            {
                field("password", Code::ServerPasswordRefused)
            }
            Some(c) if c == SqlState::INVALID_CATALOG_NAME => field("db", Code::ServerNoDatabase),
            // Starting up, shutting down, recovering, or full: not there for now, as when it
            // does not answer (the desk works from its cache meanwhile).
            Some(c)
                if c == SqlState::CANNOT_CONNECT_NOW
                    || c == SqlState::ADMIN_SHUTDOWN
                    || c == SqlState::CRASH_SHUTDOWN
                    || c == SqlState::TOO_MANY_CONNECTIONS =>
            {
                field("db", Code::ServerUnreachable)
            }
            Some(_) => failed(&e),
            None if tls_failure(&e).is_some() => Error::from(
                FieldError::new("db", Code::ServerTlsFailed)
                    .param("host", &host)
                    .param("port", port.to_string())
                    .param("detail", tls_failure(&e).unwrap_or_default()),
            ),
            None => field("db", Code::ServerUnreachable),
        }
    })
}

/// An error's text followed by its causes' (the client's "invalid connection string" alone
/// does not say which part).
fn with_causes(err: &postgres::Error) -> String {
    let mut text = err.to_string();
    let mut cause = std::error::Error::source(err);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// What went wrong in a TLS handshake (a certificate refused, a server without TLS when the
/// address requires it), or `None` for any other fault.
fn tls_failure(err: &postgres::Error) -> Option<String> {
    let text = err.to_string();
    if text.contains("server does not support TLS") {
        return Some("the server does not offer TLS".to_owned());
    }
    if !text.starts_with("error performing TLS handshake") {
        return None;
    }
    let mut cause = std::error::Error::source(err);
    let mut detail = None;
    while let Some(c) = cause {
        detail = Some(c.to_string());
        cause = c.source();
    }
    Some(detail.unwrap_or(text))
}

/// The password `~/.pgpass` (or the file PGPASSFILE names) holds for a connection, as libpq
/// reads it: `host:port:database:user:password` lines, `*` matching anything, `\:` and `\\`
/// escaped.
fn pgpass(host: &str, port: u16, dbname: &str, user: &str) -> Option<String> {
    let path = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
    let text = std::fs::read_to_string(path).ok()?;
    pgpass_lookup(&text, host, port, dbname, user)
}

/// The password of the first `.pgpass` line that matches the connection.
fn pgpass_lookup(text: &str, host: &str, port: u16, dbname: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(split_pgpass)
        .find(|fields| {
            let matches = |field: &str, value: &str| field == "*" || field == value;
            matches(&fields[0], host)
                && matches(&fields[1], &port)
                && matches(&fields[2], dbname)
                && matches(&fields[3], user)
        })
        .map(|mut fields| fields.swap_remove(4))
}

/// The five fields of a `.pgpass` line, unescaped; `None` for a line that has fewer.
fn split_pgpass(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut()?.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            _ => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

/// Opens the store on a server: connects (see [`connect`]), migrates (see [`migrate`]) and
/// computes the stored sort keys again if this build's collation differs from theirs.
pub fn open(address: &str) -> Result<Connection> {
    let client = crate::sql::blocking(|| -> Result<Client> {
        let mut client = connect(address)?;
        migrate(&mut client)?;
        match refresh_sort_keys(&mut client) {
            // A desk's role may not rewrite the keys: the owner's next open does.
            Err(Error::ServerDb(e)) if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) => {}
            other => other?,
        }
        Ok(client)
    })?;
    Ok(Connection::from_server(client, without_password(address)))
}

/// A connection that waits for the commits of every desk on a server (each write
/// transaction notifies [`crate::sql::CHANGED_CHANNEL`] as it commits): the app's live
/// updates. Waiting sends nothing to the server and takes no CPU.
pub struct Listener {
    client: Client,
}

impl Listener {
    pub fn new(address: &str) -> Result<Listener> {
        let mut client = connect(address)?;
        client
            .batch_execute(&format!("LISTEN {}", crate::sql::CHANGED_CHANNEL))
            .map_err(|e| failed(&e))?;
        Ok(Listener { client })
    }

    /// Waits up to `timeout` for a change; whether one came. Changes that came together are
    /// taken as one.
    pub fn wait(&mut self, timeout: std::time::Duration) -> Result<bool> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut notes = self.client.notifications();
        let first = notes.timeout_iter(timeout).next().map_err(|e| failed(&e))?;
        if first.is_none() {
            return Ok(false);
        }
        let mut pending = notes.iter();
        while pending.next().map_err(|e| failed(&e))?.is_some() {}
        Ok(true)
    }

    /// Whether the connection has dropped (make a new listener).
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }
}

/// Whether a server's address carries a password; an address that cannot be read is refused,
/// naming the field (`address`) and what is wrong.
pub fn address_has_password(address: &str) -> Result<bool> {
    let config: postgres::Config = address.parse().map_err(|e: postgres::Error| {
        Error::from(
            FieldError::new("address", Code::ServerAddressInvalid).param("detail", e.to_string()),
        )
    })?;
    Ok(config.get_password().is_some())
}

/// The address with its password left out, to show which server a store is on.
pub fn without_password(address: &str) -> String {
    let Ok(config) = address.parse::<postgres::Config>() else {
        return "postgresql://".to_owned();
    };
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(name)) => name.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => String::new(),
    };
    let port = config
        .get_ports()
        .first()
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    let user = config
        .get_user()
        .map(|u| format!("{u}@"))
        .unwrap_or_default();
    let db = config.get_dbname().unwrap_or_default();
    format!("postgresql://{user}{host}{port}/{db}")
}

/// Computes every attendee's sort key again when the stored ones were made by another
/// collation than this build's ([`crate::collation::SORT_KEY_VERSION`]), in one transaction
/// under the write lock. The keys are computed here, not by the server, which needs no ICU.
pub fn refresh_sort_keys(client: &mut Client) -> Result<()> {
    let version = crate::collation::SORT_KEY_VERSION;
    let stored = |client: &mut Client| -> Result<Option<String>> {
        Ok(client
            .query_opt("SELECT value FROM meta WHERE key = 'sort_key_version'", &[])
            .map_err(crate::sql::server)?
            .map(|r| r.get(0)))
    };
    if stored(client)?.as_deref() == Some(version) {
        return Ok(());
    }
    let mut tx = client.transaction().map_err(crate::sql::server)?;
    tx.execute(
        "SELECT pg_advisory_xact_lock($1)",
        &[&crate::sql::WRITE_LOCK],
    )
    .map_err(crate::sql::server)?;
    let rows = tx
        .query("SELECT id, sort_family, sort_given FROM attendee", &[])
        .map_err(crate::sql::server)?;
    let update = tx
        .prepare("UPDATE attendee SET sort_key = $2 WHERE id = $1 AND sort_key <> $2")
        .map_err(crate::sql::server)?;
    for row in rows {
        let (id, family, given): (String, String, String) = (row.get(0), row.get(1), row.get(2));
        let key = crate::collation::sort_key(&family, &given);
        tx.execute(&update, &[&id, &key])
            .map_err(crate::sql::server)?;
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('sort_key_version', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&version],
    )
    .map_err(crate::sql::server)?;
    // Recomputed keys are not a user's change: they leave no entry in the log.
    tx.execute("DELETE FROM change_row WHERE entry_id IS NULL", &[])
        .map_err(crate::sql::server)?;
    tx.commit().map_err(crate::sql::server)
}

/// The server's version as a number: 150004 for PostgreSQL 15.4.
pub fn server_version(client: &mut Client) -> Result<u32> {
    let row = client
        .query_one("SHOW server_version_num", &[])
        .map_err(|e| failed(&e))?;
    let text: String = row.get(0);
    text.trim()
        .parse()
        .map_err(|_| Error::Server(format!("unexpected server_version_num {text:?}")))
}

/// The server's schema version; 0 for a database Plenary has never set up.
pub fn schema_version(client: &mut Client) -> Result<u32> {
    let has_meta: bool = client
        .query_one("SELECT to_regclass('meta') IS NOT NULL", &[])
        .map_err(|e| failed(&e))?
        .get(0);
    if !has_meta {
        return Ok(0);
    }
    let row = client
        .query_opt("SELECT value FROM meta WHERE key = 'schema_version'", &[])
        .map_err(|e| failed(&e))?;
    match row {
        None => Ok(0),
        Some(row) => {
            let text: String = row.get(0);
            text.parse()
                .map_err(|_| Error::bad_stored("schema_version", text))
        }
    }
}

/// Brings the server's schema up to [`SCHEMA_VERSION`], each migration in its own transaction,
/// and returns the version. Refuses a server older than PostgreSQL 13, and a schema newer than
/// this build, before changing anything.
pub fn migrate(client: &mut Client) -> Result<u32> {
    let version = server_version(client)?;
    if version / 10_000 < MIN_MAJOR {
        return Err(Error::Incompatible(
            Message::new(Code::ServerTooOld)
                .param("version", (version / 10_000).to_string())
                .param("min", MIN_MAJOR.to_string()),
        ));
    }
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .map_err(|e| failed(&e))?;
    let result = run_migrations(client);
    // The lock goes with the session too; this frees it for a connection kept open.
    let unlocked = client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
        .map_err(|e| failed(&e));
    let version = result?;
    unlocked?;
    Ok(version)
}

fn run_migrations(client: &mut Client) -> Result<u32> {
    let current = schema_version(client)?;
    if current > SCHEMA_VERSION {
        return Err(Error::Incompatible(
            Message::new(Code::NewerVersion)
                .param("version", current.to_string())
                .param("max", SCHEMA_VERSION.to_string()),
        ));
    }
    let mut now = current;
    for (target, sql) in MIGRATIONS.iter().filter(|(target, _)| *target > current) {
        let mut tx = client.transaction().map_err(|e| failed(&e))?;
        tx.batch_execute(sql).map_err(|e| failed(&e))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&target.to_string()],
        )
        .map_err(|e| failed(&e))?;
        tx.commit().map_err(|e| failed(&e))?;
        now = *target;
    }
    Ok(now)
}

/// The tables a desk reads: everything but passport numbers, dates of birth and the letters'
/// register.
pub(crate) const DESK_READS: &[&str] = &[
    "meta",
    "event",
    "event_organizer",
    "category",
    "attendee",
    "delegation",
    "room",
    "session",
    "assignment",
    "signup",
    "accepted_warning",
    "attendance",
    "change_entry",
    "change_row",
    "seating",
    "protocol_settings",
    "letter_template",
    "desk_action",
    "desk_review",
];

/// Gives a login role a registration desk's rights on this database, enforced by the server:
/// it reads the event but not the sensitive fields; checks people in (only `checked_in_at`
/// and `updated_at` of an attendee change) and takes a check-in back; records session
/// attendance; adds walk-ins (people who arrive checked in, by the row rule of the schema) and
/// their delegations; and writes the log's entries. It deletes nothing, edits nothing else,
/// so it cannot undo, import (people not yet checked in), read passport numbers or dates of
/// birth, or purge them. Run as the database's owner, after [`migrate`].
pub fn grant_desk(client: &mut Client, role: &str) -> Result<()> {
    let valid = !role.is_empty()
        && role.len() <= 63
        && role
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !role.starts_with(|c: char| c.is_ascii_digit());
    if !valid {
        return Err(FieldError::new("desk_role", Code::BadRoleName)
            .param("value", role)
            .into());
    }
    let exists: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&role],
        )
        .map_err(|e| failed(&e))?
        .get(0);
    if !exists {
        return Err(FieldError::new("desk_role", Code::NoSuchRole)
            .param("value", role)
            .into());
    }
    let r = format!("\"{role}\"");
    let sql = format!(
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r};
         REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {r};
         GRANT USAGE ON SCHEMA public TO {r};
         GRANT SELECT ON {reads} TO {r};
         GRANT INSERT ON attendee, attendance, delegation, change_entry, desk_action, desk_review TO {r};
         GRANT UPDATE (resolution, resolved_at) ON desk_review TO {r};
         GRANT UPDATE (checked_in_at, updated_at) ON attendee TO {r};
         GRANT UPDATE (entry_id) ON change_row TO {r};
         GRANT UPDATE (event_id) ON change_entry TO {r};
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {r};",
        reads = DESK_READS.join(", ")
    );
    let mut tx = client.transaction().map_err(|e| failed(&e))?;
    tx.batch_execute(&sql).map_err(|e| failed(&e))?;
    tx.commit().map_err(|e| failed(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_lines_split_on_colons_with_escapes() {
        assert_eq!(
            split_pgpass(r"db.example:5432:*:desk:pa\:ss\\word").expect("five fields"),
            ["db.example", "5432", "*", "desk", r"pa:ss\word"]
        );
        assert_eq!(split_pgpass("host:5432:db:user"), None);
    }

    #[test]
    fn the_first_matching_pgpass_line_gives_the_password() {
        let text = "# a comment\nother:*:*:*:nope\nlocalhost:5433:*:desk:first\n*:*:*:*:any\n";
        let find = |host, port, user| pgpass_lookup(text, host, port, "plenary", user);
        assert_eq!(find("localhost", 5433, "desk").as_deref(), Some("first"));
        assert_eq!(find("localhost", 5432, "desk").as_deref(), Some("any"));
        assert_eq!(find("other", 1, "x").as_deref(), Some("nope"));
        assert_eq!(
            pgpass_lookup("only:four:fields:here", "h", 1, "d", "u"),
            None
        );
    }
}
