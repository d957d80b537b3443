//! The seating plan of the plenary hall, in the UN's order: delegations in the English
//! alphabetical order of their countries' UN short names ("Republic of Korea" under R,
//! "Türkiye" under T, "Viet Nam" under V), starting from a country drawn by lot and wrapping
//! round. Until a country is drawn or set, the plan starts with the first country in that
//! order. The drawn country need not have a delegation: the plan then starts with the first
//! delegation that follows it in the alphabet, as the UN does.
//!
//! A delegation has `seats_per_delegation` places (one at the table, the others behind); its
//! seated members are its head first, then the others in the list's order of names. The draw
//! uses the operating system's random source through `rand` (a cryptographically secure
//! generator), and is recorded in the activity log with who made it and when.

use crate::clock::timestamp;
use crate::model::AttendeeFilter;
use crate::store::{delegations, events, seating as store};
use crate::tx::write_tx;
use crate::{collation, countries, names, ops, Code, FieldError, Lang, Result};
use chrono::{DateTime, Utc};
use rand::RngExt;
use rusqlite::Connection;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Seats per delegation unless the organiser says otherwise.
pub const DEFAULT_SEATS: u32 = 2;
/// The most seats one delegation can have.
pub const MAX_SEATS: u32 = 9;

/// One delegation's place in the hall, as `plenary seating list --json` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Seat {
    /// The place in seat order, from 1.
    pub seat: u32,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The UN short name in English.
    pub name: String,
    /// The ids of the delegation's seated members, head first.
    pub people: Vec<String>,
    /// Their names, in the same order (with the family name in capitals when the event says).
    pub people_names: Vec<String>,
}

/// The whole plan: where it starts, how that was decided, and the seats in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Plan {
    /// The country drawn or set, or `None` (the plan starts at the top of the alphabet).
    pub first_country: Option<String>,
    /// `draw` or `set`, or `None`.
    pub method: Option<String>,
    /// When it was drawn or set (RFC 3339, UTC).
    pub decided_at: Option<String>,
    pub seats_per_delegation: u32,
    pub seats: Vec<Seat>,
}

/// The English UN short name of a code, or the code itself when the table has none.
fn english_name(code: &str) -> String {
    countries::name(code).map_or_else(|| code.to_owned(), str::to_owned)
}

fn by_english_name(a: &str, b: &str) -> Ordering {
    collation::for_lang(Lang::En).compare(a, b)
}

/// The countries in the UN's order from `first`: sorted by English UN short name, rotated so
/// that the first country whose name sorts at or after `first`'s comes first.
pub fn un_order(codes: &[String], first: Option<&str>) -> Vec<String> {
    let mut named: Vec<(String, String)> =
        codes.iter().map(|c| (english_name(c), c.clone())).collect();
    named.sort_by(|a, b| by_english_name(&a.0, &b.0).then_with(|| a.1.cmp(&b.1)));
    let start = first.map_or(0, |code| {
        let name = english_name(code);
        named
            .iter()
            .position(|(n, _)| by_english_name(n, &name) != Ordering::Less)
            .unwrap_or(0)
    });
    named.rotate_left(start);
    named.into_iter().map(|(_, code)| code).collect()
}

/// The event's seating plan as it stands.
pub fn plan(conn: &Connection, event_id: &str) -> Result<Plan> {
    let upper = events::get(conn, event_id)?.family_name_upper;
    let stored = store::get(conn, event_id)?;
    let seats_per_delegation = stored
        .as_ref()
        .map_or(DEFAULT_SEATS, |s| s.seats_per_delegation);
    let heads: HashMap<String, String> = delegations::list(conn, event_id)?
        .into_iter()
        .filter_map(|d| Some((d.country, d.head_id?)))
        .collect();
    // The list's order of names; people without a country have no delegation to sit with.
    let mut members: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for a in ops::list_attendees(conn, event_id, &AttendeeFilter::default())? {
        if a.attending && !a.country.is_empty() {
            members
                .entry(a.country.clone())
                .or_default()
                .push((a.id.clone(), names::display(&a, upper)));
        }
    }
    let codes: Vec<String> = members.keys().cloned().collect();
    let first = stored.as_ref().and_then(|s| s.first_country.as_deref());
    let seats = un_order(&codes, first)
        .into_iter()
        .enumerate()
        .map(|(i, code)| {
            let mut people = members.remove(&code).unwrap_or_default();
            if let Some(head) = heads.get(&code) {
                if let Some(at) = people.iter().position(|(id, _)| id == head) {
                    let head = people.remove(at);
                    people.insert(0, head);
                }
            }
            people.truncate(seats_per_delegation as usize);
            let (people, people_names) = people.into_iter().unzip();
            Seat {
                seat: i as u32 + 1,
                name: english_name(&code),
                country: code,
                people,
                people_names,
            }
        })
        .collect();
    Ok(Plan {
        first_country: stored.as_ref().and_then(|s| s.first_country.clone()),
        method: stored.as_ref().and_then(|s| s.method.clone()),
        decided_at: stored.and_then(|s| s.decided_at),
        seats_per_delegation,
        seats,
    })
}

/// Draws the first country by lot among the event's delegations, records it (and who drew it,
/// in the activity log), and returns the new plan.
pub fn draw(conn: &mut Connection, event_id: &str, now: DateTime<Utc>) -> Result<Plan> {
    let current = plan(conn, event_id)?;
    let mut codes: Vec<&str> = current.seats.iter().map(|s| s.country.as_str()).collect();
    if codes.is_empty() {
        return Err(FieldError::new("first", Code::NoDelegationToSeat).into());
    }
    codes.sort_unstable();
    let drawn = codes[rand::rng().random_range(0..codes.len())].to_owned();
    write(conn, event_id, Some((&drawn, "draw")), None, now)
}

/// Records a country drawn elsewhere (in the meeting room, by the secretariat) as the first.
pub fn set_first(
    conn: &mut Connection,
    event_id: &str,
    country: &str,
    now: DateTime<Utc>,
) -> Result<Plan> {
    set(conn, event_id, Some(country), None, now)
}

/// Sets how many seats each delegation has (1 to [`MAX_SEATS`]).
pub fn set_seats(
    conn: &mut Connection,
    event_id: &str,
    seats: u32,
    now: DateTime<Utc>,
) -> Result<Plan> {
    set(conn, event_id, None, Some(seats), now)
}

/// Sets the seats per delegation and/or the country drawn elsewhere, in one change: both are
/// checked before anything is written, and the activity log has one entry.
pub fn set(
    conn: &mut Connection,
    event_id: &str,
    first: Option<&str>,
    seats: Option<u32>,
    now: DateTime<Utc>,
) -> Result<Plan> {
    if let Some(seats) = seats.filter(|n| !(1..=MAX_SEATS).contains(n)) {
        return Err(FieldError::new("seats", Code::SeatsOutOfRange)
            .param("value", seats.to_string())
            .param("max", MAX_SEATS.to_string())
            .into());
    }
    let first = first
        .map(|given| countries::known_code("first", given))
        .transpose()?;
    if first.is_none() && seats.is_none() {
        return plan(conn, event_id);
    }
    write(
        conn,
        event_id,
        first.as_deref().map(|c| (c, "set")),
        seats,
        now,
    )
}

/// The event's stored row, or the defaults before anything was drawn or set.
fn stored_or_default(conn: &Connection, event_id: &str) -> Result<store::Stored> {
    Ok(store::get(conn, event_id)?.unwrap_or(store::Stored {
        first_country: None,
        method: None,
        decided_at: None,
        seats_per_delegation: DEFAULT_SEATS,
    }))
}

/// Writes the first country (with how it was decided: `draw` or `set`) and/or the seats per
/// delegation in one logged transaction, and returns the new plan.
fn write(
    conn: &mut Connection,
    event_id: &str,
    first: Option<(&str, &str)>,
    seats: Option<u32>,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    let mut row = stored_or_default(&tx, event_id)?;
    let mut said = Vec::new();
    if let Some(seats) = seats {
        row.seats_per_delegation = seats;
        said.push(format!("Set the seats per delegation to {seats}"));
    }
    if let Some((code, method)) = first {
        row.first_country = Some(code.to_owned());
        row.method = Some(method.to_owned());
        row.decided_at = Some(timestamp(now));
        let verb = if method == "draw" {
            "Drew the seating order by lot"
        } else {
            "Set the seating order"
        };
        said.push(format!("{verb}: {} first", english_name(code)));
    }
    store::put(&tx, event_id, &row, &timestamp(now))?;
    tx.describe(said.join("; "));
    tx.for_event(event_id);
    tx.commit()?;
    plan(conn, event_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| (*c).to_owned()).collect()
    }

    /// The held set of the issue: the UN's names, not the common ones, decide the order.
    const HELD: [&str; 8] = ["US", "KR", "TR", "VN", "CI", "IR", "GB", "FR"];

    #[test]
    fn countries_sort_by_their_english_un_short_names() {
        let order = un_order(&codes(&HELD), None);
        let names: Vec<String> = order.iter().map(|c| english_name(c)).collect();
        assert_eq!(
            names,
            [
                "Côte d'Ivoire",
                "France",
                "Iran (Islamic Republic of)",
                "Republic of Korea",
                "Türkiye",
                "United Kingdom of Great Britain and Northern Ireland",
                "United States of America",
                "Viet Nam",
            ]
        );
    }

    #[test]
    fn the_order_starts_from_the_drawn_country_and_wraps_round() {
        assert_eq!(
            un_order(&codes(&HELD), Some("TR")),
            codes(&["TR", "GB", "US", "VN", "CI", "FR", "IR", "KR"])
        );
        // A drawn country without a delegation: the next one in the alphabet starts.
        // ("Mexico" falls between "Iran" and "Republic of Korea".)
        assert_eq!(un_order(&codes(&HELD), Some("MX"))[0], "KR");
        // After the last name, the order wraps to the top.
        assert_eq!(un_order(&codes(&HELD), Some("ZW"))[0], "CI");
    }
}
