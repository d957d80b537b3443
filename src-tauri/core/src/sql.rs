//! One connection type for both engines: an SQLite file (the default) or a PostgreSQL server
//! (issue 15). The verbs and the store's repository functions write each statement once, in
//! the SQL both engines accept, with SQLite's `?1` placeholders; on a server they are
//! rewritten to `$1`. Values cross as the few types the schemas use (integers, text, bytes,
//! and the odd real), so a column that is `INTEGER` in the file and `bigint` on the server, or
//! a `count(*) > 0` that is an integer in one and a boolean in the other, reads the same.
//!
//! The API follows rusqlite's (`execute`, `query_row`, `prepare`, `query_map`, `optional`),
//! so the code that uses it reads as before. What must differ per engine (opening, locking,
//! migrations, trigger DDL, bulk import, backups) asks [`Connection::lite`] or
//! [`Connection::engine`].
//!
//! A write transaction takes the store's write lock at once: `BEGIN IMMEDIATE` on a file, and
//! on a server a transaction-scoped advisory lock, waited for at most [`LOCK_WAIT`], after
//! which the verb fails with `Code::StoreBusy` ("another desk is saving").

use crate::{Code, Error, Message, Result};
use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

/// Which engine a connection talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// How long a write waits for another desk's write to finish before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// The advisory lock every write on a server holds until it commits ("plenary" + 1), so that
/// writes are serialised as `BEGIN IMMEDIATE` serialises them on a file.
pub(crate) const WRITE_LOCK: i64 = 0x0070_6c65_6e61_7280;

/// A connection to the store, on either engine.
pub struct Connection {
    inner: Inner,
}

enum Inner {
    Lite(rusqlite::Connection),
    Pg(Box<RefCell<Pg>>),
}

struct Pg {
    /// Always there until the connection is dropped (see `Drop`).
    client: Option<postgres::Client>,
    /// Prepared statements by their SQL as written (with `?1` placeholders).
    cache: HashMap<String, postgres::Statement>,
    /// The address the connection was made with, without its password.
    address: String,
}

impl From<rusqlite::Connection> for Connection {
    fn from(conn: rusqlite::Connection) -> Self {
        Connection {
            inner: Inner::Lite(conn),
        }
    }
}

impl Connection {
    /// Wraps a connected, migrated server client; `address` is kept (without the password) to
    /// tell which server a connection is to.
    pub(crate) fn from_server(client: postgres::Client, address: String) -> Self {
        Connection {
            inner: Inner::Pg(Box::new(RefCell::new(Pg {
                client: Some(client),
                cache: HashMap::new(),
                address,
            }))),
        }
    }

    pub fn engine(&self) -> Engine {
        match self.inner {
            Inner::Lite(_) => Engine::Sqlite,
            Inner::Pg(_) => Engine::Postgres,
        }
    }

    /// The SQLite connection behind a file's store; `None` on a server.
    pub fn lite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Lite(c) => Some(c),
            Inner::Pg(_) => None,
        }
    }

    /// The SQLite connection behind a file's store, to change it (`None` on a server).
    pub fn lite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.inner {
            Inner::Lite(c) => Some(c),
            Inner::Pg(_) => None,
        }
    }

    /// The file's path (`None` on a server, or for a database in memory).
    pub fn path(&self) -> Option<&str> {
        self.lite().and_then(rusqlite::Connection::path)
    }

    /// The server's address without its password (`None` on a file).
    pub fn server_address(&self) -> Option<String> {
        match &self.inner {
            Inner::Pg(pg) => Some(pg.borrow().address.clone()),
            Inner::Lite(_) => None,
        }
    }

    /// Runs `f` with the server's client (`None` on a file).
    pub(crate) fn with_client<T>(
        &self,
        f: impl FnOnce(&mut postgres::Client) -> Result<T>,
    ) -> Option<Result<T>> {
        match &self.inner {
            Inner::Pg(pg) => Some(blocking(|| f(pg.borrow_mut().c()))),
            Inner::Lite(_) => None,
        }
    }

    /// Runs one statement; returns the number of rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        let values = params.values();
        match &self.inner {
            Inner::Lite(c) => Ok(c.execute(sql, rusqlite::params_from_iter(values.iter()))?),
            Inner::Pg(pg) => blocking(|| {
                let mut pg = pg.borrow_mut();
                let stmt = pg.prepare(sql)?;
                let refs = pg_refs(&values);
                let n = pg.c().execute(&stmt, &refs).map_err(server)?;
                Ok(usize::try_from(n).unwrap_or(usize::MAX))
            }),
        }
    }

    /// Writes `rows` (each with a value for each of `columns`) into a server's `table` by one
    /// `COPY … FROM STDIN BINARY`: the bulk path, one statement however many rows, so the
    /// table's statement triggers run once. Each value is encoded for its column's type as a
    /// parameter is. Not for a file (SQLite has no COPY): the caller inserts row by row there.
    /// `written` hears how many rows have been sent, every thousand rows.
    pub(crate) fn copy_in(
        &self,
        table: &str,
        columns: &[&str],
        rows: &[Vec<Value>],
        written: &mut dyn FnMut(usize),
    ) -> Result<u64> {
        let Inner::Pg(pg) = &self.inner else {
            return Err(Error::Server("COPY is a server's bulk path".to_owned()));
        };
        blocking(|| {
            let mut pg = pg.borrow_mut();
            let list = columns.join(", ");
            let types: Vec<postgres::types::Type> = pg
                .c()
                .prepare(&format!("SELECT {list} FROM {table} LIMIT 0"))
                .map_err(server)?
                .columns()
                .iter()
                .map(|c| c.type_().clone())
                .collect();
            let sink = pg
                .c()
                .copy_in(&format!("COPY {table} ({list}) FROM STDIN BINARY"))
                .map_err(server)?;
            let mut writer = postgres::binary_copy::BinaryCopyInWriter::new(sink, &types);
            for (i, row) in rows.iter().enumerate() {
                let values: Vec<ValueRef<'_>> = row.iter().map(ToSql::to_param).collect();
                writer.write(&pg_refs(&values)).map_err(server)?;
                if (i + 1) % 1000 == 0 {
                    written(i + 1);
                }
            }
            writer.finish().map_err(server)
        })
    }

    /// Runs several statements separated by semicolons, with no parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Lite(c) => Ok(c.execute_batch(sql)?),
            Inner::Pg(pg) => blocking(|| pg.borrow_mut().c().batch_execute(sql).map_err(server)),
        }
    }

    /// The first row of a query, mapped by `f`; `QueryReturnedNoRows` if there is none
    /// ([`OptionalExtension::optional`] turns that into `None`).
    pub fn query_row<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare(sql)?.query_row(params, f)
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.inner {
            Inner::Lite(c) => Ok(Statement::Lite(c.prepare_cached(sql)?)),
            Inner::Pg(_) => Ok(Statement::Pg {
                conn: self,
                sql: sql.to_owned(),
            }),
        }
    }

    /// The same as [`Self::prepare`]: statements are cached on both engines.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare(sql)
    }

    /// Starts a transaction that holds the write lock until it ends (see the module's notes).
    pub fn write_transaction(&mut self) -> Result<Transaction<'_>> {
        match &self.inner {
            Inner::Lite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
            Inner::Pg(pg) => blocking(|| -> Result<()> {
                let mut pg = pg.borrow_mut();
                pg.c().batch_execute("BEGIN").map_err(server)?;
                let wait = format!("SET LOCAL lock_timeout = '{}ms'", LOCK_WAIT.as_millis());
                let locked = pg.c().batch_execute(&wait).and_then(|()| {
                    pg.c()
                        .execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
                        .map(|_| ())
                });
                if let Err(e) = locked {
                    let _ = pg.c().batch_execute("ROLLBACK");
                    return Err(server(e));
                }
                // Back to no limit for the rest of the transaction's statements.
                pg.c()
                    .batch_execute("SET LOCAL lock_timeout = 0")
                    .map_err(server)
            })?,
        }
        Ok(Transaction {
            conn: self,
            open: true,
            writes: true,
        })
    }

    /// Starts a transaction that only reads, so that several queries see one state of the
    /// store. It takes no write lock.
    pub fn read_transaction(&self) -> Result<Transaction<'_>> {
        match &self.inner {
            Inner::Lite(c) => c.execute_batch("BEGIN DEFERRED")?,
            Inner::Pg(_) => {
                self.execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
            }
        }
        Ok(Transaction {
            conn: self,
            open: true,
            writes: false,
        })
    }

    /// Asks the store for nothing, to check that the connection still answers.
    pub fn ping(&self) -> Result<()> {
        self.execute_batch("SELECT 1")
    }

    /// Whether a server's connection has dropped (a file's never does).
    pub fn is_broken(&self) -> bool {
        match &self.inner {
            Inner::Pg(pg) => pg
                .borrow()
                .client
                .as_ref()
                .is_none_or(postgres::Client::is_closed),
            Inner::Lite(_) => false,
        }
    }
}

impl Pg {
    fn c(&mut self) -> &mut postgres::Client {
        self.client
            .as_mut()
            .expect("a server's client is there until the connection is dropped")
    }

    /// The prepared statement for `sql`, cached by its text as written, so that a statement
    /// run again is neither rewritten nor prepared again.
    fn prepare(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(stmt) = self.cache.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.c().prepare(&placeholders(sql)).map_err(server)?;
        if self.cache.len() > 512 {
            self.cache.clear();
        }
        self.cache.insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        // Closing the client waits on its own runtime, which must not happen on a thread that
        // drives another one (a Tauri command's).
        if let Some(client) = self.client.take() {
            blocking(move || drop(client));
        }
    }
}

/// Runs `f`, which waits on the `postgres` crate's own runtime, where that is allowed: on a
/// thread of a multi-threaded tokio runtime (a Tauri command's) it tells tokio first
/// (`block_in_place`), since starting one runtime inside another panics; elsewhere (the CLI,
/// tests, a thread of its own) right here. (Inside a single-threaded tokio runtime the driver
/// cannot run at all; nothing in Plenary uses one.)
pub(crate) fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}

/// A server error as the crate's error. A failure to take the write lock in time says that
/// another desk is busy; everything else keeps the server's words.
pub(crate) fn server(err: postgres::Error) -> Error {
    use postgres::error::SqlState;
    match err.code() {
        Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => {
            Error::Busy(Message::new(Code::StoreBusy).param("seconds", LOCK_WAIT.as_secs()))
        }
        // No answer from the server: the connection dropped (or was closed before).
        None if err.is_closed()
            || std::error::Error::source(&err).is_some_and(|s| s.is::<std::io::Error>()) =>
        {
            Error::Disconnected(Message::new(Code::ServerConnectionLost))
        }
        _ => Error::ServerDb(err),
    }
}

/// Rewrites SQLite's placeholders (`?1`, or `?` in order) to PostgreSQL's (`$1`), leaving
/// quoted text and identifiers alone.
pub(crate) fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next = 0;
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    next += 1;
                    digits = next.to_string();
                }
                out.push('$');
                out.push_str(&digits);
            }
            None => out.push(c),
        }
    }
    out
}

/// The channel a server's write transaction notifies when it commits, so that every desk
/// listening (the app's live updates) reloads what it shows.
pub const CHANGED_CHANNEL: &str = "plenary_changed";

/// A transaction; it rolls back when dropped without [`Transaction::commit`].
pub struct Transaction<'c> {
    conn: &'c Connection,
    open: bool,
    writes: bool,
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Transaction<'_> {
    pub fn commit(mut self) -> Result<()> {
        if self.writes && self.conn.engine() == Engine::Postgres {
            // Delivered to the listeners when (and only if) the commit succeeds.
            self.conn
                .execute_batch(&format!("NOTIFY {CHANGED_CHANNEL}"))?;
        }
        let committed = self.conn.execute_batch("COMMIT");
        // A commit that failed leaves nothing half-done: drop rolls back what is left.
        self.open = committed.is_err();
        committed
    }

    pub fn rollback(mut self) -> Result<()> {
        self.open = false;
        self.conn.execute_batch("ROLLBACK")
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            // A connection that dropped has lost the transaction already.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// A prepared statement.
pub enum Statement<'c> {
    Lite(rusqlite::CachedStatement<'c>),
    Pg { conn: &'c Connection, sql: String },
}

impl Statement<'_> {
    fn pg_rows(
        conn: &Connection,
        sql: &str,
        values: &[ValueRef<'_>],
    ) -> Result<Vec<postgres::Row>> {
        let Inner::Pg(pg) = &conn.inner else {
            unreachable!("a server statement on a file's connection")
        };
        blocking(|| {
            let mut pg = pg.borrow_mut();
            let stmt = pg.prepare(sql)?;
            let refs = pg_refs(values);
            pg.c().query(&stmt, &refs).map_err(server)
        })
    }

    /// Every row, each mapped by `f`.
    pub fn query_map<T, P: Params>(
        &mut self,
        params: P,
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let values = params.values();
        let mapped: Vec<Result<T>> = match self {
            Statement::Lite(s) => {
                let rows = s.query_map(rusqlite::params_from_iter(values.iter()), |r| {
                    Ok(f(&Row::Lite(r)))
                })?;
                rows.map(|r| r.map_err(Error::from).and_then(|x| x))
                    .collect()
            }
            Statement::Pg { conn, sql } => Self::pg_rows(conn, sql, &values)?
                .iter()
                .map(|r| f(&Row::Pg(r)))
                .collect(),
        };
        Ok(mapped.into_iter())
    }

    /// The first row, mapped by `f`.
    pub fn query_row<T, P: Params>(
        &mut self,
        params: P,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let values = params.values();
        match self {
            Statement::Lite(s) => {
                let mut rows = s.query(rusqlite::params_from_iter(values.iter()))?;
                match rows.next()? {
                    Some(r) => f(&Row::Lite(r)),
                    None => Err(Error::Database(rusqlite::Error::QueryReturnedNoRows)),
                }
            }
            Statement::Pg { conn, sql } => match Self::pg_rows(conn, sql, &values)?.first() {
                Some(r) => f(&Row::Pg(r)),
                None => Err(Error::Database(rusqlite::Error::QueryReturnedNoRows)),
            },
        }
    }

    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        match self {
            Statement::Lite(s) => {
                Ok(s.execute(rusqlite::params_from_iter(params.values().iter()))?)
            }
            Statement::Pg { conn, sql } => conn.execute(sql, params),
        }
    }

    /// Whether the query returns any row.
    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        self.query_row(params, |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
    }
}

/// One row of a result.
pub enum Row<'a> {
    Lite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

/// A column of a row: its position, or its name.
pub trait RowIndex {
    fn position(&self, row: &Row<'_>) -> Result<usize>;
}

impl RowIndex for usize {
    fn position(&self, _: &Row<'_>) -> Result<usize> {
        Ok(*self)
    }
}

impl RowIndex for &str {
    fn position(&self, row: &Row<'_>) -> Result<usize> {
        let found = match row {
            Row::Lite(r) => r.as_ref().column_index(self).ok(),
            Row::Pg(r) => r.columns().iter().position(|c| c.name() == *self),
        };
        found.ok_or_else(|| Error::Database(rusqlite::Error::InvalidColumnName((*self).to_owned())))
    }
}

impl Row<'_> {
    /// The value of a column as `T`.
    pub fn get<I: RowIndex, T: FromSql>(&self, index: I) -> Result<T> {
        let i = index.position(self)?;
        let value = match self {
            Row::Lite(r) => ValueRef::from(r.get_ref(i)?),
            Row::Pg(r) => r.try_get::<_, PgValue<'_>>(i).map_err(server)?.0,
        };
        T::from_sql(value).map_err(|detail| {
            Error::Database(rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Null,
                detail.into(),
            ))
        })
    }
}

/// `.optional()` on a query's result: no row is `None`, as in rusqlite.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::Database(rusqlite::Error::QueryReturnedNoRows)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A value read from a row, or bound to a placeholder, borrowed from where it lives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

impl<'a> From<rusqlite::types::ValueRef<'a>> for ValueRef<'a> {
    fn from(v: rusqlite::types::ValueRef<'a>) -> Self {
        use rusqlite::types::ValueRef as V;
        match v {
            V::Null => ValueRef::Null,
            V::Integer(i) => ValueRef::Integer(i),
            V::Real(r) => ValueRef::Real(r),
            // SQLite text is UTF-8 as Plenary writes it; bytes that are not read as a blob.
            V::Text(t) => std::str::from_utf8(t).map_or(ValueRef::Blob(t), ValueRef::Text),
            V::Blob(b) => ValueRef::Blob(b),
        }
    }
}

/// An owned value, as the audit log's undo binds them.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// The value of a server's column, whatever its type.
struct PgValue<'a>(ValueRef<'a>);

impl<'a> postgres::types::FromSql<'a> for PgValue<'a> {
    fn from_sql(
        ty: &postgres::types::Type,
        raw: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{FromSql as F, Type};
        let v = match *ty {
            Type::BOOL => ValueRef::Integer(i64::from(<bool as F>::from_sql(ty, raw)?)),
            Type::INT2 => ValueRef::Integer(i64::from(<i16 as F>::from_sql(ty, raw)?)),
            Type::INT4 => ValueRef::Integer(i64::from(<i32 as F>::from_sql(ty, raw)?)),
            Type::INT8 | Type::OID => match *ty {
                Type::OID => ValueRef::Integer(i64::from(<u32 as F>::from_sql(ty, raw)?)),
                _ => ValueRef::Integer(<i64 as F>::from_sql(ty, raw)?),
            },
            Type::FLOAT4 => ValueRef::Real(f64::from(<f32 as F>::from_sql(ty, raw)?)),
            Type::FLOAT8 => ValueRef::Real(<f64 as F>::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => ValueRef::Blob(<&[u8] as F>::from_sql(ty, raw)?),
            _ => ValueRef::Text(<&str as F>::from_sql(&Type::TEXT, raw)?),
        };
        Ok(PgValue(v))
    }

    fn from_sql_null(
        _: &postgres::types::Type,
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(PgValue(ValueRef::Null))
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }
}

/// A NUMERIC in PostgreSQL's binary form (what `sum` of integers returns): an integer when it
/// has no fraction, else a real.
fn numeric(
    raw: &[u8],
) -> std::result::Result<ValueRef<'static>, Box<dyn std::error::Error + Sync + Send>> {
    let word = |i: usize| -> std::result::Result<i64, Box<dyn std::error::Error + Sync + Send>> {
        raw.get(i..i + 2)
            .map(|b| i64::from(i16::from_be_bytes([b[0], b[1]])))
            .ok_or_else(|| "a numeric too short".into())
    };
    let (ndigits, weight, sign, scale) = (word(0)?, word(2)?, word(4)?, word(6)?);
    let mut value = 0f64;
    for k in 0..ndigits {
        let digit = word(8 + 2 * usize::try_from(k)?)? as f64;
        value += digit * 10_000f64.powi(i32::try_from(weight - k)?);
    }
    if sign == 0x4000 {
        value = -value;
    }
    if scale == 0 && value.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        return Ok(ValueRef::Integer(value as i64));
    }
    Ok(ValueRef::Real(value))
}

/// A type that can be read from a column.
pub trait FromSql: Sized {
    fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String>;
}

fn wrong(value: ValueRef<'_>, wanted: &str) -> String {
    format!("{value:?} is not {wanted}")
}

impl FromSql for i64 {
    fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String> {
        match value {
            ValueRef::Integer(i) => Ok(i),
            other => Err(wrong(other, "an integer")),
        }
    }
}

macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl FromSql for $t {
            fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String> {
                let i = i64::from_sql(value)?;
                <$t>::try_from(i).map_err(|_| format!("{i} is out of range"))
            }
        }
    )*};
}
from_integer!(i32, u32, u16, u8, usize, u64);

impl FromSql for bool {
    fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String> {
        Ok(i64::from_sql(value)? != 0)
    }
}

impl FromSql for f64 {
    fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String> {
        match value {
            ValueRef::Real(r) => Ok(r),
            #[allow(clippy::cast_precision_loss)]
            ValueRef::Integer(i) => Ok(i as f64),
            other => Err(wrong(other, "a number")),
        }
    }
}

impl FromSql for String {
    fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String> {
        match value {
            ValueRef::Text(t) => Ok(t.to_owned()),
            other => Err(wrong(other, "text")),
        }
    }
}

impl FromSql for Vec<u8> {
    fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String> {
        match value {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            ValueRef::Text(t) => Ok(t.as_bytes().to_vec()),
            other => Err(wrong(other, "bytes")),
        }
    }
}

impl FromSql for Value {
    fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String> {
        Ok(match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(r) => Value::Real(r),
            ValueRef::Text(t) => Value::Text(t.to_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        })
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn from_sql(value: ValueRef<'_>) -> std::result::Result<Self, String> {
        match value {
            ValueRef::Null => Ok(None),
            other => T::from_sql(other).map(Some),
        }
    }
}

/// A type that can be bound to a placeholder.
pub trait ToSql {
    fn to_param(&self) -> ValueRef<'_>;
}

impl ToSql for i64 {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Integer(*self)
    }
}

macro_rules! to_integer {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_param(&self) -> ValueRef<'_> {
                ValueRef::Integer(i64::from(*self))
            }
        }
    )*};
}
to_integer!(i32, u32, u16, u8, i16, i8, bool);

impl ToSql for usize {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Integer(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToSql for u64 {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Integer(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToSql for f64 {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Real(*self)
    }
}

impl ToSql for str {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}

impl ToSql for String {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}

impl ToSql for [u8] {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToSql for Vec<u8> {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl<const N: usize> ToSql for [u8; N] {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToSql for Value {
    fn to_param(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(r) => ValueRef::Real(*r),
            Value::Text(t) => ValueRef::Text(t),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_param(&self) -> ValueRef<'_> {
        (**self).to_param()
    }
}

impl<T: ToSql> ToSql for Option<T> {
    fn to_param(&self) -> ValueRef<'_> {
        self.as_ref().map_or(ValueRef::Null, ToSql::to_param)
    }
}

impl<T: ToSql + ?Sized> ToSql for Box<T> {
    fn to_param(&self) -> ValueRef<'_> {
        (**self).to_param()
    }
}

impl<T: ToSql + ?Sized> ToSql for std::sync::Arc<T> {
    fn to_param(&self) -> ValueRef<'_> {
        (**self).to_param()
    }
}

impl rusqlite::ToSql for ValueRef<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef as V};
        Ok(ToSqlOutput::Borrowed(match *self {
            ValueRef::Null => V::Null,
            ValueRef::Integer(i) => V::Integer(i),
            ValueRef::Real(r) => V::Real(r),
            ValueRef::Text(t) => V::Text(t.as_bytes()),
            ValueRef::Blob(b) => V::Blob(b),
        }))
    }
}

impl postgres::types::ToSql for ValueRef<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        use postgres::types::Type;
        match (*self, ty) {
            (ValueRef::Null, _) => Ok(postgres::types::IsNull::Yes),
            (ValueRef::Integer(i), &Type::INT8) => i.to_sql(ty, out),
            (ValueRef::Integer(i), &Type::INT4) => i32::try_from(i)?.to_sql(ty, out),
            (ValueRef::Integer(i), &Type::INT2) => i16::try_from(i)?.to_sql(ty, out),
            (ValueRef::Integer(i), &Type::BOOL) => (i != 0).to_sql(ty, out),
            #[allow(clippy::cast_precision_loss)]
            (ValueRef::Integer(i), &Type::FLOAT8) => (i as f64).to_sql(ty, out),
            (ValueRef::Integer(i), _) => i.to_string().as_str().to_sql(&Type::TEXT, out),
            (ValueRef::Real(r), &Type::FLOAT8) => r.to_sql(ty, out),
            #[allow(clippy::cast_possible_truncation)]
            (ValueRef::Real(r), &Type::FLOAT4) => (r as f32).to_sql(ty, out),
            (ValueRef::Real(r), _) => r.to_string().as_str().to_sql(&Type::TEXT, out),
            (ValueRef::Text(t), &Type::INT8) => t.parse::<i64>()?.to_sql(ty, out),
            (ValueRef::Text(t), &Type::INT4) => t.parse::<i32>()?.to_sql(ty, out),
            (ValueRef::Text(t), &Type::BYTEA) => t.as_bytes().to_sql(ty, out),
            (ValueRef::Text(t), _) => t.to_sql(&Type::TEXT, out),
            (ValueRef::Blob(b), &Type::BYTEA) => b.to_sql(ty, out),
            (ValueRef::Blob(b), _) => std::str::from_utf8(b)?.to_sql(&Type::TEXT, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn pg_refs<'a>(values: &'a [ValueRef<'a>]) -> Vec<&'a (dyn postgres::types::ToSql + Sync)> {
    values
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

/// What a statement's placeholders are bound to: `[]`, an array, a tuple, [`params!`]'s
/// slice, or [`params_from_iter`].
pub trait Params {
    fn values(&self) -> Vec<ValueRef<'_>>;
}

impl Params for [&dyn ToSql; 0] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        Vec::new()
    }
}

impl Params for () {
    fn values(&self) -> Vec<ValueRef<'_>> {
        Vec::new()
    }
}

impl Params for &[&dyn ToSql] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(|v| v.to_param()).collect()
    }
}

macro_rules! array_params {
    ($($n:literal),*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(&self) -> Vec<ValueRef<'_>> {
                self.iter().map(ToSql::to_param).collect()
            }
        }
        impl<T: ToSql> Params for &[T; $n] {
            fn values(&self) -> Vec<ValueRef<'_>> {
                self.iter().map(ToSql::to_param).collect()
            }
        }
    )*};
}
array_params!(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);

macro_rules! tuple_params {
    ($(($($t:ident $i:tt),*)),*) => {$(
        impl<$($t: ToSql),*> Params for ($($t,)*) {
            fn values(&self) -> Vec<ValueRef<'_>> {
                vec![$(self.$i.to_param()),*]
            }
        }
    )*};
}
tuple_params!(
    (A 0),
    (A 0, B 1),
    (A 0, B 1, C 2),
    (A 0, B 1, C 2, D 3),
    (A 0, B 1, C 2, D 3, E 4),
    (A 0, B 1, C 2, D 3, E 4, F 5)
);

/// Parameters from an iterator of values.
pub struct ParamsFromIter<T>(Vec<T>);

pub fn params_from_iter<T: ToSql>(iter: impl IntoIterator<Item = T>) -> ParamsFromIter<T> {
    ParamsFromIter(iter.into_iter().collect())
}

impl<T: ToSql> Params for ParamsFromIter<T> {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.0.iter().map(ToSql::to_param).collect()
    }
}

/// Parameters of mixed types: `params![id, name, 3]`.
#[macro_export]
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::sql::ToSql]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::sql::ToSql),+] as &[&dyn $crate::sql::ToSql]
    };
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_become_numbered_outside_quotes() {
        assert_eq!(
            placeholders("SELECT '?1', \"a?\" FROM t WHERE a = ?1 AND b IN (?2, ?10)"),
            "SELECT '?1', \"a?\" FROM t WHERE a = $1 AND b IN ($2, $10)"
        );
        assert_eq!(placeholders("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
    }
}
