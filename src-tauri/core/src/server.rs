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
//! `--db` still refuses a server's address (`db::refuse_address`) until the verbs run on the
//! server too.

use crate::{Code, Error, Message, Result};
use postgres::{Client, NoTls};

/// The schema version this build writes; the same number as the file's schema.
pub const SCHEMA_VERSION: u32 = crate::db::SCHEMA_VERSION;

/// The oldest PostgreSQL major version supported.
pub const MIN_MAJOR: u32 = 13;

/// The server's migrations: each brings the schema to its version. A server starts at version
/// 10, the first the server supports; later versions add a file here and one in `migrations/`.
const MIGRATIONS: &[(u32, &str)] = &[(10, include_str!("migrations_pg/0010_schema.sql"))];

/// The key of the advisory lock that migrations hold ("plenary" in ASCII).
const MIGRATION_LOCK: i64 = 0x0070_6c65_6e61_7279;

/// A server-side failure, as the app and the CLI show it.
fn failed(err: &postgres::Error) -> Error {
    Error::Server(err.to_string())
}

/// Connects to the server at a connection string (`postgresql://user@host:port/db` or
/// `host=… user=…`).
pub fn connect(address: &str) -> Result<Client> {
    Client::connect(address, NoTls).map_err(|e| failed(&e))
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
