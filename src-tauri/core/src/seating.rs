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
//!
//! Settings move delegations out of the plain order, in this sequence: the host country and
//! the UN system (delegations in the `un_system` section of the list of participants) may sit
//! on the podium or at the ends (hosts in the first places, the UN in the last) instead of in
//! the order; a delegation that needs an accessible place takes the nearest one and the
//! delegations after it move along (the hall's accessible places default to both ends of each
//! row of [`ROW`]); last, places swapped by hand on the Seating screen are applied in turn. A
//! new draw or a new first country clears the swaps.

use crate::clock::timestamp;
use crate::model::AttendeeFilter;
use crate::sql::Connection;
use crate::store::{delegations, events, seating as store};
use crate::tx::write_tx;
use crate::{collation, countries, names, ops, Code, FieldError, Lang, Result};
use chrono::{DateTime, Utc};
use rand::RngExt;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Seats per delegation unless the organiser says otherwise.
pub const DEFAULT_SEATS: u32 = store::DEFAULT_SEATS;
/// The most seats one delegation can have.
pub const MAX_SEATS: u32 = 9;
/// Places in a row of the hall, as the printed plan draws it.
pub const ROW: u32 = 6;
/// The highest place number an accessible place may have.
pub const MAX_PLACE: u32 = 999;

/// Where the hosts or the UN system sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
#[derive(clap::ValueEnum)]
pub enum Placement {
    /// In the UN order, like every delegation.
    #[default]
    Order,
    /// On the podium, apart from the hall.
    Podium,
    /// At the ends: the hosts in the first places, the UN system in the last.
    Ends,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Order => "order",
            Placement::Podium => "podium",
            Placement::Ends => "ends",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "podium" => Placement::Podium,
            "ends" => Placement::Ends,
            _ => Placement::Order,
        }
    }
}

/// Changes to the seating settings; `None` leaves a setting as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatingChanges {
    /// The country drawn elsewhere (alpha-2).
    #[serde(default)]
    pub first: Option<String>,
    #[serde(default)]
    pub seats: Option<u32>,
    /// The host country (alpha-2); empty clears it.
    #[serde(default)]
    pub host_country: Option<String>,
    #[serde(default)]
    pub hosts_place: Option<Placement>,
    #[serde(default)]
    pub un_place: Option<Placement>,
    /// The delegations that need an accessible place (alpha-2 codes).
    #[serde(default)]
    pub accessible_countries: Option<Vec<String>>,
    /// The hall's accessible places; empty: both ends of each row.
    #[serde(default)]
    pub accessible_seats: Option<Vec<u32>>,
}

impl SeatingChanges {
    fn is_empty(&self) -> bool {
        *self == SeatingChanges::default()
    }
}

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
    /// The place is one of the hall's accessible places.
    pub accessible: bool,
    /// The delegation needs an accessible place.
    pub needs_access: bool,
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
    /// The places in the hall, in seat order.
    pub seats: Vec<Seat>,
    /// The delegations on the podium (hosts, the UN system, as the settings say), numbered
    /// from 1 apart from the hall.
    pub podium: Vec<Seat>,
    pub host_country: Option<String>,
    pub hosts_place: Placement,
    pub un_place: Placement,
    pub accessible_countries: Vec<String>,
    /// The accessible places as set; empty: both ends of each row.
    pub accessible_seats: Vec<u32>,
    /// How many swaps by hand the plan has (0: the order as drawn).
    pub swaps: u32,
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

/// The places that are accessible among the first `n`: the ones set, or both ends of each
/// row.
fn accessible_places(set: &[u32], n: usize) -> Vec<usize> {
    let n = n as u32;
    let places: Vec<u32> = if set.is_empty() {
        (1..=n).filter(|p| p % ROW == 1 || p % ROW == 0).collect()
    } else {
        set.iter()
            .copied()
            .filter(|p| (1..=n).contains(p))
            .collect()
    };
    places.into_iter().map(|p| p as usize).collect()
}

/// Puts each delegation that needs an accessible place on the nearest free one (the nearer to
/// the front on a tie); the others keep their order and fill the remaining places, so the
/// delegations after a moved one move along.
pub fn shift_for_access(order: Vec<String>, needs: &[String], accessible: &[usize]) -> Vec<String> {
    let n = order.len();
    let mut placed: Vec<Option<String>> = vec![None; n];
    let mut moved = std::collections::HashSet::new();
    for (i, code) in order.iter().enumerate() {
        if !needs.contains(code) {
            continue;
        }
        let nearest = accessible
            .iter()
            .copied()
            .filter(|p| (1..=n).contains(p) && placed[p - 1].is_none())
            .min_by_key(|p| ((p - 1).abs_diff(i), *p));
        if let Some(p) = nearest {
            placed[p - 1] = Some(code.clone());
            moved.insert(code.clone());
        }
    }
    let mut rest = order.into_iter().filter(|c| !moved.contains(c));
    placed
        .into_iter()
        .map(|slot| slot.or_else(|| rest.next()).unwrap_or_default())
        .collect()
}

/// The seating settings as the plan uses them, the JSON columns read once.
struct Rules {
    host: Option<String>,
    hosts_place: Placement,
    un_place: Placement,
    /// The delegations that need an accessible place.
    needs: Vec<String>,
    /// The hall's accessible places as set (empty: both ends of each row).
    places: Vec<u32>,
    swaps: Vec<[String; 2]>,
}

impl Rules {
    fn of(stored: &store::Stored) -> Rules {
        Rules {
            host: stored.host_country.clone(),
            hosts_place: Placement::parse(&stored.hosts_place),
            un_place: Placement::parse(&stored.un_place),
            needs: serde_json::from_str(&stored.accessible_countries).unwrap_or_default(),
            places: stored
                .accessible_seats
                .as_deref()
                .and_then(|s| serde_json::from_str(s).ok())
                .unwrap_or_default(),
            swaps: serde_json::from_str(&stored.swaps).unwrap_or_default(),
        }
    }
}

/// The hall's places in order with which of them are accessible, and the podium's order.
struct Arranged {
    hall: Vec<String>,
    accessible: Vec<usize>,
    podium: Vec<String>,
}

/// The order of the hall's places and of the podium, from the UN order and the settings.
fn arrange(un: Vec<String>, rules: &Rules, is_un_system: impl Fn(&str) -> bool) -> Arranged {
    let host = rules.host.as_deref();
    let mut podium = Vec::new();
    let mut front = Vec::new();
    let mut back = Vec::new();
    let mut hall = Vec::new();
    for code in un {
        let (place, is_host) = if Some(code.as_str()) == host {
            (rules.hosts_place, true)
        } else if is_un_system(&code) {
            (rules.un_place, false)
        } else {
            (Placement::Order, false)
        };
        match place {
            Placement::Order => hall.push(code),
            Placement::Podium => podium.push(code),
            Placement::Ends if is_host => front.push(code),
            Placement::Ends => back.push(code),
        }
    }
    // The hosts first on the podium too.
    podium.sort_by_key(|c| Some(c.as_str()) != host);
    front.append(&mut hall);
    front.append(&mut back);
    let accessible = accessible_places(&rules.places, front.len());
    let mut hall = shift_for_access(front, &rules.needs, &accessible);
    for [a, b] in &rules.swaps {
        if let (Some(i), Some(j)) = (
            hall.iter().position(|c| c == a),
            hall.iter().position(|c| c == b),
        ) {
            hall.swap(i, j);
        }
    }
    Arranged {
        hall,
        accessible,
        podium,
    }
}

/// The event's seating plan as it stands.
pub fn plan(conn: &Connection, event_id: &str) -> Result<Plan> {
    let upper = events::get(conn, event_id)?.family_name_upper;
    let stored = stored_or_default(conn, event_id)?;
    let seats_per_delegation = stored.seats_per_delegation;
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
    let sections = crate::participants::chosen_sections(conn, event_id)?;
    let rules = Rules::of(&stored);
    let Arranged {
        hall,
        accessible,
        podium,
    } = arrange(
        un_order(&codes, stored.first_country.as_deref()),
        &rules,
        |code| crate::participants::section_of(&sections, code) == crate::model::Section::UnSystem,
    );
    let needs = &rules.needs;
    let mut seat_of = |i: usize, code: String, in_hall: bool| {
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
            accessible: in_hall && accessible.contains(&(i + 1)),
            needs_access: needs.contains(&code),
            country: code,
            people,
            people_names,
        }
    };
    let seats: Vec<Seat> = hall
        .into_iter()
        .enumerate()
        .map(|(i, code)| seat_of(i, code, true))
        .collect();
    let podium: Vec<Seat> = podium
        .into_iter()
        .enumerate()
        .map(|(i, code)| seat_of(i, code, false))
        .collect();
    Ok(Plan {
        first_country: stored.first_country,
        method: stored.method,
        decided_at: stored.decided_at,
        seats_per_delegation,
        seats,
        podium,
        swaps: rules.swaps.len() as u32,
        host_country: rules.host,
        hosts_place: rules.hosts_place,
        un_place: rules.un_place,
        accessible_countries: rules.needs,
        accessible_seats: rules.places,
    })
}

/// Draws the first country by lot among the event's delegations, records it (and who drew it,
/// in the activity log), and returns the new plan. Swaps made by hand are cleared.
pub fn draw(conn: &mut Connection, event_id: &str, now: DateTime<Utc>) -> Result<Plan> {
    let current = plan(conn, event_id)?;
    let mut codes: Vec<&str> = current
        .seats
        .iter()
        .chain(&current.podium)
        .map(|s| s.country.as_str())
        .collect();
    if codes.is_empty() {
        return Err(FieldError::new("first", Code::NoDelegationToSeat).into());
    }
    codes.sort_unstable();
    let drawn = codes[rand::rng().random_range(0..codes.len())].to_owned();
    write(
        conn,
        event_id,
        Some((&drawn, "draw")),
        &SeatingChanges::default(),
        now,
    )
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
    change(
        conn,
        event_id,
        &SeatingChanges {
            first: first.map(str::to_owned),
            seats,
            ..SeatingChanges::default()
        },
        now,
    )
}

/// Changes any of the seating settings in one logged transaction, after checking them all.
pub fn change(
    conn: &mut Connection,
    event_id: &str,
    changes: &SeatingChanges,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let mut problems = Vec::new();
    if let Some(seats) = changes.seats.filter(|n| !(1..=MAX_SEATS).contains(n)) {
        problems.push(
            FieldError::new("seats", Code::SeatsOutOfRange)
                .param("value", seats.to_string())
                .param("max", MAX_SEATS.to_string()),
        );
    }
    let mut checked = changes.clone();
    let mut code = |field: &str, given: &str| match countries::known_code(field, given) {
        Ok(code) => Some(code),
        Err(e) => {
            if let crate::Error::Validation(mut list) = e {
                problems.append(&mut list);
            }
            None
        }
    };
    checked.first = changes.first.as_deref().and_then(|c| code("first", c));
    checked.host_country = changes.host_country.as_deref().map(|c| {
        if c.trim().is_empty() {
            String::new()
        } else {
            code("host_country", c).unwrap_or_default()
        }
    });
    checked.accessible_countries = changes.accessible_countries.as_ref().map(|list| {
        let mut codes: Vec<String> = list
            .iter()
            .filter(|c| !c.trim().is_empty())
            .filter_map(|c| code("accessible_countries", c))
            .collect();
        codes.sort();
        codes.dedup();
        codes
    });
    if let Some(places) = &changes.accessible_seats {
        for p in places.iter().filter(|p| !(1..=MAX_PLACE).contains(*p)) {
            problems.push(
                FieldError::new("accessible_seats", Code::BadAccessibleSeat)
                    .param("value", p.to_string())
                    .param("max", MAX_PLACE.to_string()),
            );
        }
    }
    if !problems.is_empty() {
        return Err(crate::Error::Validation(problems));
    }
    if checked.is_empty() {
        return plan(conn, event_id);
    }
    let first = checked.first.take();
    write(
        conn,
        event_id,
        first.as_deref().map(|c| (c, "set")),
        &checked,
        now,
    )
}

/// Swaps the places of two delegations by hand (the Seating screen's drag and drop), logged;
/// the UI warns first that the plan then departs from the order drawn by lot.
pub fn swap(
    conn: &mut Connection,
    event_id: &str,
    a: &str,
    b: &str,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let a = countries::known_code("a", a)?;
    let b = countries::known_code("b", b)?;
    if a == b {
        return Err(FieldError::new("b", Code::SwapSameDelegation).into());
    }
    let current = plan(conn, event_id)?;
    for (field, code) in [("a", &a), ("b", &b)] {
        if !current.seats.iter().any(|s| &s.country == code) {
            return Err(FieldError::new(field, Code::NotInSeatingPlan)
                .param("country", english_name(code))
                .into());
        }
    }
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    let mut row = stored_or_default(&tx, event_id)?;
    let mut swaps: Vec<[String; 2]> = serde_json::from_str(&row.swaps).unwrap_or_default();
    swaps.push([a.clone(), b.clone()]);
    row.swaps = serde_json::to_string(&swaps).map_err(|e| crate::Error::Render(e.to_string()))?;
    store::put(&tx, event_id, &row, &timestamp(now))?;
    tx.describe(format!(
        "Swapped the places of {} and {}",
        english_name(&a),
        english_name(&b)
    ));
    tx.for_event(event_id);
    tx.commit()?;
    plan(conn, event_id)
}

/// Takes back every swap made by hand: the plan follows the order drawn again.
pub fn clear_swaps(conn: &mut Connection, event_id: &str, now: DateTime<Utc>) -> Result<Plan> {
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    let mut row = stored_or_default(&tx, event_id)?;
    if row.swaps != "[]" {
        row.swaps = "[]".to_owned();
        store::put(&tx, event_id, &row, &timestamp(now))?;
        tx.describe("Put the seating plan back in the order drawn");
        tx.for_event(event_id);
        tx.commit()?;
    } else {
        drop(tx);
    }
    plan(conn, event_id)
}

/// The event's stored row, or the defaults before anything was drawn or set.
fn stored_or_default(conn: &Connection, event_id: &str) -> Result<store::Stored> {
    Ok(store::get(conn, event_id)?.unwrap_or_else(store::Stored::default_row))
}

/// Writes the first country (with how it was decided: `draw` or `set`; either clears the swaps)
/// and/or the other settings in one logged transaction, and returns the new plan.
fn write(
    conn: &mut Connection,
    event_id: &str,
    first: Option<(&str, &str)>,
    changes: &SeatingChanges,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    let mut row = stored_or_default(&tx, event_id)?;
    let mut said = Vec::new();
    if let Some(seats) = changes.seats {
        row.seats_per_delegation = seats;
        said.push(format!("Set the seats per delegation to {seats}"));
    }
    if let Some(host) = &changes.host_country {
        row.host_country = Some(host.clone()).filter(|h| !h.is_empty());
        said.push(match &row.host_country {
            Some(code) => format!("Set the host country to {}", english_name(code)),
            None => "Cleared the host country".to_owned(),
        });
    }
    if let Some(place) = changes.hosts_place {
        place.as_str().clone_into(&mut row.hosts_place);
        said.push(format!("Seated the hosts: {}", place.as_str()));
    }
    if let Some(place) = changes.un_place {
        place.as_str().clone_into(&mut row.un_place);
        said.push(format!("Seated the UN system: {}", place.as_str()));
    }
    if let Some(codes) = &changes.accessible_countries {
        row.accessible_countries = to_json(codes);
        said.push(format!(
            "Set the delegations that need an accessible place: {}",
            if codes.is_empty() {
                "none".to_owned()
            } else {
                codes.join(", ")
            }
        ));
    }
    if let Some(places) = &changes.accessible_seats {
        row.accessible_seats = if places.is_empty() {
            None
        } else {
            Some(to_json(places))
        };
        said.push("Set the hall's accessible places".to_owned());
    }
    if let Some((code, method)) = first {
        row.first_country = Some(code.to_owned());
        row.method = Some(method.to_owned());
        row.decided_at = Some(timestamp(now));
        "[]".clone_into(&mut row.swaps);
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

/// JSON text of a list, for the settings stored as JSON.
fn to_json<T: Serialize>(list: &[T]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
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
