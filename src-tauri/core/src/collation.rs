//! ICU root order for names of every script ("Åberg" near "Aberg", not after "Z"): the sort
//! keys that lists are ordered by, and the same order as a SQLite collation named `icu`.
//!
//! Since schema v4 the attendee list sorts by a stored `sort_key` (the ICU sort keys of the
//! family and given names, computed in Rust on every write), and no index, view or trigger of
//! the current schema uses the `icu` collation or the `plenary_sort_key` function. `db`
//! still registers both on every connection, because migrations 0001 (an index that 0004
//! drops) and 0004 (which computes the first keys) call them, and so do the recomputation of
//! the keys when the ICU data changes (`db::open`) and undo (`audit.rs`). A test in `db.rs`
//! checks that the schema needs neither.

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

/// The collation of one of the six languages (ICU4X's tailoring for its locale tag), for what
/// a document in that language sorts: countries in a French document sort as French does.
/// Stored sort keys keep the root collation ([`collator`]); this one is for display order only.
pub fn for_lang(lang: crate::Lang) -> &'static CollatorBorrowed<'static> {
    static BY_LANG: OnceLock<Vec<CollatorBorrowed<'static>>> = OnceLock::new();
    let all = BY_LANG.get_or_init(|| {
        crate::Lang::ALL
            .into_iter()
            .map(|l| {
                let prefs = icu_locale_core::Locale::try_from_str(l.locale_tag())
                    .map(|locale| CollatorPreferences::from(&locale))
                    .unwrap_or_default();
                // The compiled data has every language's tailoring, and the root besides.
                Collator::try_new(prefs, CollatorOptions::default())
                    .unwrap_or_else(|_| unreachable_root())
            })
            .collect()
    });
    let i = crate::Lang::ALL
        .iter()
        .position(|l| *l == lang)
        .unwrap_or(0);
    &all[i]
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
/// Registers the `icu` collation and the `plenary_sort_key(family, given)` function.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_collation(NAME, compare)?;
    conn.create_scalar_function(
        SORT_KEY_FUNCTION,
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let family: String = ctx.get(0)?;
            let given: String = ctx.get(1)?;
            Ok(sort_key(&family, &given))
        },
    )
}

/// The SQL function that computes [`sort_key`].
pub const SORT_KEY_FUNCTION: &str = "plenary_sort_key";

/// Names the collation that stored sort keys were computed with. ICU4X says stored keys may
/// change with its data, so a build whose ICU differs computes them again on open
/// (`db::refresh_sort_keys`); a test keeps this in step with the icu_collator in Cargo.lock.
pub const SORT_KEY_VERSION: &str = "icu_collator 2.4 root tertiary";

/// Bytes that compare (as a BLOB, byte by byte) like [`compare`] on the family name, then on
/// the given name: the ICU sort keys of both, with a zero byte between (sort keys hold no
/// zero bytes, so a shorter family name sorts first, as in the collation).
pub fn sort_key(family: &str, given: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(3 * (family.len() + given.len()) + 8);
    // Writing to a Vec cannot fail.
    let _ = collator().write_sort_key_to(family, &mut key);
    key.push(0);
    let _ = collator().write_sort_key_to(given, &mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 14] = [
        "Zhou",
        "Ávila",
        "Abbas",
        "Ökten",
        "Obi",
        "álvarez",
        "Silva",
        "silva",
        "Sil",
        "马",
        "Иванова",
        "محمد",
        "",
        "Ng",
    ];

    #[test]
    fn sort_keys_order_like_the_collation() {
        for f1 in NAMES {
            for f2 in NAMES {
                for (g1, g2) in [("Ana", "Ana"), ("Ana", "Bea"), ("Zoë", "ana")] {
                    let by_key = sort_key(f1, g1).cmp(&sort_key(f2, g2));
                    let by_collation = collator()
                        .compare(f1, f2)
                        .then_with(|| collator().compare(g1, g2));
                    assert_eq!(by_key, by_collation, "{f1} {g1} vs {f2} {g2}");
                }
            }
        }
        for name in NAMES {
            let mut key = Vec::new();
            let _ = collator().write_sort_key_to(name, &mut key);
            assert!(!key.contains(&0), "{name:?}: a sort key holds no zero byte");
        }
    }

    #[test]
    fn the_sort_key_version_names_the_icu_collator_in_use() {
        let lock = include_str!("../../../Cargo.lock");
        let version = lock
            .split("[[package]]")
            .find(|p| p.contains("name = \"icu_collator\"\n"))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
            .map(|v| v.trim_end_matches('"'))
            .expect("icu_collator is in Cargo.lock");
        let minor: String = version.split('.').take(2).collect::<Vec<_>>().join(".");
        assert!(
            SORT_KEY_VERSION.contains(&format!("icu_collator {minor} ")),
            "Cargo.lock has icu_collator {version}; update SORT_KEY_VERSION so that stored keys are recomputed"
        );
    }

    #[test]
    fn each_language_sorts_as_it_does() {
        use crate::Lang;
        let sorted = |lang: Lang, words: &[&'static str]| {
            let mut list = words.to_vec();
            list.sort_by(|a, b| for_lang(lang).compare(a, b));
            list
        };
        // Spanish sorts ñ after n; the root order puts it with n.
        assert_eq!(
            sorted(Lang::Es, &["ñu", "nz", "oa"]),
            ["nz", "ñu", "oa"],
            "Spanish: ñ is its own letter"
        );
        assert_eq!(sorted(Lang::En, &["ñu", "nz", "oa"]), ["ñu", "nz", "oa"]);
        // Chinese sorts Han characters by their pinyin: 北京 (běi) before 上海 (shàng).
        assert_eq!(sorted(Lang::Zh, &["上海", "北京"]), ["北京", "上海"]);
        // French: accents weigh less than letters (Égypte before Équateur before Érythrée).
        assert_eq!(
            sorted(Lang::Fr, &["Érythrée", "Égypte", "Équateur", "Espagne"]),
            ["Égypte", "Équateur", "Érythrée", "Espagne"]
        );
    }

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
