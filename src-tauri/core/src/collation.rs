//! ICU collation as a SQLite collation named `icu`, so that `ORDER BY family_name COLLATE icu`
//! sorts names of every script the way people expect ("Åberg" near "Aberg", not after "Z").
//!
//! Every connection must register it (see [`crate::db::open`]): the attendee name index is
//! declared with this collation, and SQLite refuses to write to a table whose index uses a
//! collation the connection does not know.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use rusqlite::Connection;
use std::cmp::Ordering;
use std::sync::OnceLock;

/// The name SQL uses for this collation.
pub const NAME: &str = "icu";

/// The root collation (no locale tailoring) from ICU4X's compiled data.
pub fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        // The compiled data always holds the root collation, so this cannot fail; if it ever
        // did, a code-point order is still a total order and keeps SQLite consistent.
        Collator::try_new(CollatorPreferences::default(), CollatorOptions::default())
            .unwrap_or_else(|_| unreachable_root())
    })
}

#[cold]
fn unreachable_root() -> CollatorBorrowed<'static> {
    panic!("ICU4X compiled data has no root collation")
}

/// Compares two strings with the root collation, breaking ties by code point so that the
/// order is total (SQLite indexes need that).
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b).then_with(|| a.cmp(b))
}

/// Registers the `icu` collation on a connection.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_collation(NAME, compare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_sort_with_their_base_letter() {
        let mut names = vec!["Zhou", "Ávila", "Abbas", "Ökten", "Obi", "álvarez"];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            ["Abbas", "álvarez", "Ávila", "Obi", "Ökten", "Zhou"],
            "ICU root order puts accented letters beside their base letter, case second"
        );
    }

    #[test]
    fn sqlite_orders_with_the_collation() -> rusqlite::Result<()> {
        let conn = Connection::open_in_memory()?;
        register(&conn)?;
        conn.execute_batch(
            "CREATE TABLE t(n TEXT); INSERT INTO t VALUES ('Zulu'),('Émile'),('ernesto'),('Bob');",
        )?;
        let mut stmt = conn.prepare("SELECT n FROM t ORDER BY n COLLATE icu")?;
        let got: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(
            got,
            ["Bob", "Émile", "ernesto", "Zulu"],
            "SQLite must use ICU, not bytes"
        );
        Ok(())
    }
}
