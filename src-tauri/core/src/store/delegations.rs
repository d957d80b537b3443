//! Delegations: per-country counts from `attendee`, and heads from the `delegation` table.

use crate::model::{CategoryCount, Delegation, Section};
use crate::params;
use crate::sql::{Connection, Transaction};
use crate::Result;
use std::collections::BTreeMap;

/// One delegation per country that has attendees, by country code, with the head's
/// attendee id and the per-category counts.
pub fn list(conn: &Connection, event_id: &str) -> Result<Vec<Delegation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT country, category, count(*) FROM attendee WHERE event_id = ?1
         GROUP BY country, category ORDER BY country, category",
    )?;
    let rows = stmt.query_map([event_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    let mut by_country: BTreeMap<String, Delegation> = BTreeMap::new();
    for row in rows {
        let (country, category, count) = row?;
        let d = by_country
            .entry(country.clone())
            .or_insert_with(|| Delegation {
                default_section: Section::default_for(&country),
                country,
                count: 0,
                head_id: None,
                head_name: None,
                categories: Vec::new(),
                section: None,
            });
        d.count += count;
        d.categories.push(CategoryCount { category, count });
    }
    let mut heads = conn.prepare_cached(
        "SELECT d.country, a.id FROM delegation d JOIN attendee a ON a.id = d.head_attendee_id
         WHERE d.event_id = ?1",
    )?;
    let rows = heads.query_map([event_id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
    for row in rows {
        let (country, head): (String, String) = row?;
        if let Some(d) = by_country.get_mut(&country) {
            d.head_id = Some(head);
        }
    }
    for (country, section) in sections(conn, event_id)? {
        if let Some(d) = by_country.get_mut(&country) {
            d.section = Section::parse(&section);
        }
    }
    Ok(by_country.into_values().collect())
}

/// Records (or clears, with `None`) the head of a country's delegation.
pub fn set_head(
    tx: &Transaction<'_>,
    event_id: &str,
    country: &str,
    head: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO delegation (event_id, country, head_attendee_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (event_id, country) DO UPDATE SET head_attendee_id = excluded.head_attendee_id",
        params![event_id, country, head],
    )?;
    Ok(())
}

/// The section each delegation was put in by hand (`None` rows are left out: the default).
pub fn sections(conn: &Connection, event_id: &str) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT country, section FROM delegation WHERE event_id = ?1 AND section IS NOT NULL",
    )?;
    let rows = stmt.query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<crate::Result<_>>()
}

/// Puts a country's delegation in a section of the list of participants (`None`: the default).
pub fn set_section(
    tx: &Transaction<'_>,
    event_id: &str,
    country: &str,
    section: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO delegation (event_id, country, section) VALUES (?1, ?2, ?3)
         ON CONFLICT (event_id, country) DO UPDATE SET section = excluded.section",
        params![event_id, country, section],
    )?;
    Ok(())
}
