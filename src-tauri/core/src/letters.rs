//! Letters by mail merge: an invitation letter, a visa-support letter (to the embassy or
//! consulate, with the passport number and date of birth from the sensitive fields) and a
//! certificate of participation, one per person, each on its own page.
//!
//! A letter is a subject and a body written with placeholders (`{{name}}`, `{{country}}`,
//! `{{passport_number}}`, … see [`PLACEHOLDERS`]). The built-in wording of each kind is in the
//! locale files (`doc.letter.<kind>`), so there is one in each of the six languages; an event
//! may keep its own wording per kind and language (`letter_template`). The letterhead (the
//! organisers' lines, the signatory's name and title, the place) and the prefix of the reference
//! numbers are the event's protocol settings.
//!
//! Every letter printed gets a reference number, `PREFIX/YEAR/SEQ` (`WCAI/2024/007`), from the
//! event's register (`letter_issued`), in one logged transaction: the activity log says who
//! issued which numbers. A second print of the same kind of letter for the same person keeps
//! its number. The register is never undone: a number once given is not given again.
//!
//! Refusals come before anything is written: a visa letter for someone without a passport
//! number or a date of birth (or after a purge of sensitive data) names each person and the
//! missing field; a certificate goes only to people checked in at the desk, and the others are
//! returned as notes.
//!
//! The merged text reaches typst as data (strings in JSON), never as markup.

use crate::clock::timestamp;
use crate::messages::{Coded, Message};
use crate::model::{Attendee, EventSummary};
use crate::sql::Connection;
use crate::store::{events, letters as store};
use crate::tx::write_tx;
use crate::{catalogue, names, ops, sensitive, Code, Error, FieldError, Lang, Result};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The three kinds of letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
#[derive(clap::ValueEnum)]
pub enum LetterKind {
    /// An invitation to take part.
    Invitation,
    /// A visa-support letter to the embassy or consulate, with the passport number and date of
    /// birth.
    Visa,
    /// A certificate of participation, for people checked in at the desk.
    Certificate,
}

impl LetterKind {
    pub const ALL: [LetterKind; 3] = [
        LetterKind::Invitation,
        LetterKind::Visa,
        LetterKind::Certificate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Invitation => "invitation",
            LetterKind::Visa => "visa",
            LetterKind::Certificate => "certificate",
        }
    }
}

/// The placeholders a letter may use, in the order the editor lists them.
pub const PLACEHOLDERS: [&str; 20] = [
    "honorific",
    "name",
    "given_name",
    "family_name",
    "country",
    "position",
    "organization",
    "passport_number",
    "date_of_birth",
    "event",
    "dates",
    "venue",
    "city",
    "reference",
    "date",
    "place",
    "signatory_name",
    "signatory_title",
    "organizers",
    "email",
];

/// The longest subject, and body, a template may have (in characters).
const MAX_SUBJECT: usize = 300;
const MAX_BODY: usize = 20_000;
/// The longest reference prefix.
const MAX_PREFIX: usize = 20;

/// An event's letterhead and reference prefix as the organiser set them (empty: the default).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Letterhead {
    /// "WCAI" in "WCAI/2024/007".
    pub reference_prefix: String,
    /// The lines at the top of each letter: the organisers, one per line.
    pub letterhead: String,
    pub signatory_name: String,
    pub signatory_title: String,
    /// Where the letters are signed.
    pub place: String,
}

/// The letterhead as stored, and what applies where a field is left empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LetterSettings {
    pub stored: Letterhead,
    /// The defaults: a prefix made from the event's name, its organisers, its city.
    pub defaults: Letterhead,
    /// The placeholders a template may use.
    pub placeholders: Vec<String>,
}

/// A letter's wording in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LetterTemplate {
    pub kind: LetterKind,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    /// True when the event has its own wording; false for the built-in text.
    pub custom: bool,
}

/// The letterhead that applies: each empty field filled from the event.
fn defaults(event: &EventSummary) -> Letterhead {
    Letterhead {
        reference_prefix: prefix_from_name(&event.name),
        letterhead: event
            .organizers
            .iter()
            .map(|o| o.name.trim())
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        signatory_name: String::new(),
        signatory_title: String::new(),
        place: event.city.trim().to_owned(),
    }
}

/// The initials of the capitalised words of an event's name, leaving out what is in brackets:
/// "Workshop on Capacity-building of Artificial Intelligence (sample)" gives "WCAI". A name
/// without Latin capitals gives "REF".
pub fn prefix_from_name(name: &str) -> String {
    let mut depth = 0u32;
    let mut plain = String::new();
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let initials: String = plain
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .take(8)
        .collect();
    if initials.is_empty() {
        "REF".to_owned()
    } else {
        initials
    }
}

fn effective(stored: &Letterhead, defaults: &Letterhead) -> Letterhead {
    let pick = |own: &str, default: &str| {
        if own.trim().is_empty() {
            default.to_owned()
        } else {
            own.trim().to_owned()
        }
    };
    Letterhead {
        reference_prefix: pick(&stored.reference_prefix, &defaults.reference_prefix),
        letterhead: pick(&stored.letterhead, &defaults.letterhead),
        signatory_name: stored.signatory_name.trim().to_owned(),
        signatory_title: stored.signatory_title.trim().to_owned(),
        place: pick(&stored.place, &defaults.place),
    }
}

fn stored_letterhead(conn: &Connection, event_id: &str) -> Result<Letterhead> {
    Ok(store::settings(conn, event_id)?
        .map(|s| Letterhead {
            reference_prefix: s.reference_prefix,
            letterhead: s.letterhead,
            signatory_name: s.signatory_name,
            signatory_title: s.signatory_title,
            place: s.place,
        })
        .unwrap_or_default())
}

/// The event's letterhead, its defaults and the placeholders.
pub fn settings(conn: &Connection, event_id: &str) -> Result<LetterSettings> {
    let event = ops::get_event(conn, event_id)?;
    Ok(LetterSettings {
        stored: stored_letterhead(conn, event_id)?,
        defaults: defaults(&event),
        placeholders: PLACEHOLDERS.iter().map(|p| (*p).to_owned()).collect(),
    })
}

/// The letterhead that letters print with.
pub fn letterhead(conn: &Connection, event: &EventSummary) -> Result<Letterhead> {
    Ok(effective(
        &stored_letterhead(conn, &event.id)?,
        &defaults(event),
    ))
}

/// Sets the event's letterhead and reference prefix (empty fields take the defaults).
pub fn set_letterhead(
    conn: &mut Connection,
    event_id: &str,
    input: &Letterhead,
    now: DateTime<Utc>,
) -> Result<LetterSettings> {
    let mut problems = Vec::new();
    let prefix = input.reference_prefix.trim();
    if prefix.chars().count() > MAX_PREFIX
        || prefix
            .chars()
            .any(|c| c == '/' || c.is_whitespace() || c.is_control())
    {
        problems.push(
            FieldError::new("reference_prefix", Code::BadReferencePrefix)
                .param("value", prefix)
                .param("max", MAX_PREFIX.to_string()),
        );
    }
    for (field, value, max) in [
        ("letterhead", &input.letterhead, 1000),
        ("signatory_name", &input.signatory_name, 200),
        ("signatory_title", &input.signatory_title, 300),
        ("place", &input.place, 200),
    ] {
        if value.chars().count() > max {
            problems.push(FieldError::new(field, Code::AtMostChars).param("max", max.to_string()));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Validation(problems));
    }
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    let mut row = store::settings(&tx, event_id)?.unwrap_or_default();
    row.reference_prefix = prefix.to_owned();
    row.letterhead = tidy_lines(&input.letterhead);
    row.signatory_name = names::clean(&input.signatory_name);
    row.signatory_title = tidy_lines(&input.signatory_title);
    row.place = names::clean(&input.place);
    store::put_settings(&tx, event_id, &row, &timestamp(now))?;
    tx.describe("Changed the letterhead of the letters");
    tx.for_event(event_id);
    tx.commit()?;
    settings(conn, event_id)
}

/// Each line trimmed, empty lines at the ends dropped.
fn tidy_lines(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(names::clean).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |i| i + 1);
    lines[first..last].join("\n")
}

/// The built-in wording of a kind in a language, from the locale files.
fn builtin(kind: LetterKind, lang: Lang) -> (String, String) {
    let key = |part: &str| format!("doc.letter.{}.{part}", kind.as_str());
    let raw = |part: &str| {
        catalogue::raw(lang, &key(part))
            .or_else(|| catalogue::raw(Lang::En, &key(part)))
            .unwrap_or_default()
            .to_owned()
    };
    (raw("subject"), raw("body"))
}

/// The wording a letter prints with: the event's own, else the built-in one.
pub fn template(
    conn: &Connection,
    event_id: &str,
    kind: LetterKind,
    lang: Lang,
) -> Result<LetterTemplate> {
    ops::get_event(conn, event_id)?;
    let (subject, body, custom) = match store::template(conn, event_id, kind.as_str(), lang.code())?
    {
        Some((subject, body)) => (subject, body, true),
        None => {
            let (subject, body) = builtin(kind, lang);
            (subject, body, false)
        }
    };
    Ok(LetterTemplate {
        kind,
        lang,
        subject,
        body,
        custom,
    })
}

/// The placeholders of a text, in order, or the first problem: an unknown name or a `{{`
/// that is never closed.
fn placeholders_of(field: &str, text: &str) -> std::result::Result<Vec<String>, FieldError> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            let fragment: String = rest[start..].chars().take(24).collect();
            return Err(FieldError::new(field, Code::UnclosedPlaceholder).param("text", fragment));
        };
        let name = after[..end].trim();
        if !PLACEHOLDERS.contains(&name) {
            return Err(FieldError::new(field, Code::UnknownPlaceholder)
                .param("placeholder", format!("{{{{{name}}}}}"))
                .param("known", PLACEHOLDERS.join(", ")));
        }
        found.push(name.to_owned());
        rest = &after[end + 2..];
    }
    Ok(found)
}

/// Checks a subject and a body: known placeholders only, a body, and sensible lengths.
pub fn check_template(subject: &str, body: &str) -> Result<()> {
    let mut problems = Vec::new();
    if subject.chars().count() > MAX_SUBJECT {
        problems.push(FieldError::new("subject", Code::AtMostChars).param("max", MAX_SUBJECT));
    }
    if body.trim().is_empty() {
        problems.push(FieldError::new("body", Code::LetterBodyRequired));
    } else if body.chars().count() > MAX_BODY {
        problems.push(FieldError::new("body", Code::AtMostChars).param("max", MAX_BODY));
    }
    for (field, text) in [("subject", subject), ("body", body)] {
        if let Err(e) = placeholders_of(field, text) {
            problems.push(e);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(problems))
    }
}

/// Keeps the event's own wording of a letter in a language.
pub fn set_template(
    conn: &mut Connection,
    event_id: &str,
    kind: LetterKind,
    lang: Lang,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<LetterTemplate> {
    check_template(subject, body)?;
    let body = body.replace("\r\n", "\n");
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    store::put_template(
        &tx,
        event_id,
        kind.as_str(),
        lang.code(),
        subject.trim(),
        body.trim_end(),
        &timestamp(now),
    )?;
    tx.describe(format!(
        "Changed the wording of the {} letter ({})",
        kind.as_str(),
        lang.code()
    ));
    tx.for_event(event_id);
    tx.commit()?;
    template(conn, event_id, kind, lang)
}

/// Goes back to the built-in wording of a letter in a language.
pub fn reset_template(
    conn: &mut Connection,
    event_id: &str,
    kind: LetterKind,
    lang: Lang,
) -> Result<LetterTemplate> {
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    if store::delete_template(&tx, event_id, kind.as_str(), lang.code())? {
        tx.describe(format!(
            "Restored the standard wording of the {} letter ({})",
            kind.as_str(),
            lang.code()
        ));
        tx.for_event(event_id);
        tx.commit()?;
    } else {
        drop(tx);
    }
    template(conn, event_id, kind, lang)
}

// ---- merging --------------------------------------------------------------------------------

/// Marks where a placeholder had no value, while its line is tidied.
const EMPTY: char = '\u{0}';

/// The separators an empty value takes with it ("Director, {{organization}}" without an
/// organisation reads "Director").
fn is_separator(c: char) -> bool {
    matches!(c, ',' | '،' | '，' | '、')
}

/// Fills each `{{name}}` of `text` from `values`. The values are placed as they are (braces in
/// a person's data stay); a placeholder without a value (or unknown) gives nothing, and takes
/// with it the comma and space that joined it to its neighbour, so that an empty position or
/// honorific leaves no ", ," or double space. A line that had only empty values goes, and so
/// does a label left with nothing after it ("Position:"); every other line keeps its own
/// punctuation.
pub fn merge(text: &str, values: &BTreeMap<String, String>) -> String {
    let mut lines = Vec::new();
    for line in text.lines() {
        let mut filled = String::with_capacity(line.len());
        let mut had_empty = false;
        let mut had_value = false;
        let mut rest = line;
        while let Some(start) = rest.find("{{") {
            filled.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                filled.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = after[..end].split(',').next().unwrap_or("").trim();
            match values.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                Some(value) => {
                    filled.push_str(&value.replace(EMPTY, ""));
                    had_value = true;
                }
                None => {
                    filled.push(EMPTY);
                    had_empty = true;
                }
            }
            rest = &after[end + 2..];
        }
        filled.push_str(rest);
        if !had_empty {
            lines.push(filled);
            continue;
        }
        let tidy = drop_empty_values(&filled);
        // "Position: {{position}}, {{organization}}" with neither is a label with nothing
        // after it: the line goes.
        let bare_label = !had_value && tidy.ends_with([':', '：']);
        if !tidy.is_empty() && !bare_label {
            lines.push(tidy);
        }
    }
    lines.join("\n")
}

/// Removes each [`EMPTY`] mark with the separator that tied it to the text: the comma after it
/// ("{{position}}, Ministry"), else the comma before it ("Director, {{organization}}"), else
/// one space.
fn drop_empty_values(line: &str) -> String {
    let mut out = line.to_owned();
    while let Some(at) = out.find(EMPTY) {
        let spaced_before = out[..at].ends_with(' ');
        let spaced_after = out[at + EMPTY.len_utf8()..].starts_with(' ');
        let before = out[..at].trim_end_matches(' ');
        let after = out[at + EMPTY.len_utf8()..].trim_start_matches(' ');
        out = if after.starts_with(is_separator) {
            let rest =
                after[after.chars().next().map_or(0, char::len_utf8)..].trim_start_matches(' ');
            let space = if spaced_before && !before.is_empty() && !rest.is_empty() {
                " "
            } else {
                ""
            };
            format!("{before}{space}{rest}")
        } else if before.ends_with(is_separator) && (after.is_empty() || after.starts_with(EMPTY)) {
            let kept = before[..before.len() - before.chars().last().map_or(0, char::len_utf8)]
                .trim_end_matches(' ');
            format!("{kept}{after}")
        } else {
            let space = if spaced_before && spaced_after && !before.is_empty() && !after.is_empty()
            {
                " "
            } else {
                ""
            };
            format!("{before}{space}{after}")
        };
    }
    names::clean(&out)
}

/// What a letter needs to know about the event and the document, besides the person.
pub struct Context<'a> {
    pub event: &'a EventSummary,
    pub head: &'a Letterhead,
    /// "3–6 September 2024" in the letter's language.
    pub dates: String,
    /// The date of the letter, in the letter's language.
    pub date: String,
    pub country_name: &'a dyn Fn(&str) -> String,
    pub format_date: &'a dyn Fn(NaiveDate) -> String,
}

/// The values of every placeholder for one person's letter.
pub fn values(
    ctx: &Context<'_>,
    person: &Attendee,
    sensitive: Option<&sensitive::SensitiveData>,
    reference: &str,
) -> BTreeMap<String, String> {
    let upper = ctx.event.family_name_upper;
    let parts = names::NameParts::from(person);
    let birth = sensitive
        .map(|s| s.date_of_birth.as_str())
        .filter(|d| !d.is_empty())
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(ctx.format_date)
                .unwrap_or_else(|_| d.to_owned())
        })
        .unwrap_or_default();
    let family = if upper {
        names::clean(&person.family_name).to_uppercase()
    } else {
        names::clean(&person.family_name)
    };
    let pairs: [(&str, String); 20] = [
        ("honorific", names::clean(&person.honorific)),
        ("name", parts.plain(upper)),
        ("given_name", names::clean(&person.given_name)),
        ("family_name", family),
        (
            "country",
            if person.country.is_empty() {
                String::new()
            } else {
                (ctx.country_name)(&person.country)
            },
        ),
        ("position", names::clean(&person.position)),
        ("organization", names::clean(&person.organization)),
        (
            "passport_number",
            sensitive
                .map(|s| s.passport_number.clone())
                .unwrap_or_default(),
        ),
        ("date_of_birth", birth),
        ("event", names::clean(&ctx.event.name)),
        ("dates", ctx.dates.clone()),
        ("venue", names::clean(&ctx.event.venue)),
        ("city", names::clean(&ctx.event.city)),
        ("reference", reference.to_owned()),
        ("date", ctx.date.clone()),
        ("place", ctx.head.place.clone()),
        ("signatory_name", ctx.head.signatory_name.clone()),
        ("signatory_title", ctx.head.signatory_title.clone()),
        ("organizers", ctx.head.letterhead.replace('\n', ", ")),
        ("email", person.email.trim().to_owned()),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

// ---- who gets a letter ----------------------------------------------------------------------

/// The people a request of `kind` prints for, and the notes about those left out: a
/// certificate only for people checked in at the desk. A visa letter for someone without a
/// passport number or a date of birth refuses the whole request, naming each person and field.
pub fn recipients(
    conn: &Connection,
    event: &EventSummary,
    kind: LetterKind,
    people: Vec<Arc<Attendee>>,
) -> Result<(Vec<Arc<Attendee>>, Vec<Coded>)> {
    let upper = event.family_name_upper;
    match kind {
        LetterKind::Invitation => Ok((people, Vec::new())),
        LetterKind::Visa => {
            let recorded = sensitive::for_event(conn, &event.id)?;
            let mut problems = Vec::new();
            for a in &people {
                let s = recorded.get(&a.id);
                let name = names::plain(a, upper);
                if s.is_none_or(|s| s.passport_number.trim().is_empty()) {
                    problems.push(
                        FieldError::new("passport_number", Code::VisaNeedsPassport)
                            .param("name", &name)
                            .param("id", &a.id),
                    );
                }
                if s.is_none_or(|s| s.date_of_birth.trim().is_empty()) {
                    problems.push(
                        FieldError::new("date_of_birth", Code::VisaNeedsBirthDate)
                            .param("name", &name)
                            .param("id", &a.id),
                    );
                }
            }
            if problems.is_empty() {
                Ok((people, Vec::new()))
            } else {
                Err(Error::Validation(problems))
            }
        }
        LetterKind::Certificate => {
            let (came, absent): (Vec<_>, Vec<_>) =
                people.into_iter().partition(|a| a.checked_in_at.is_some());
            if came.is_empty() {
                return Err(FieldError::new("person", Code::NoOneCheckedIn).into());
            }
            let notes = absent
                .iter()
                .map(|a| {
                    Coded::from(
                        &Message::new(Code::NoCertificateNotCheckedIn)
                            .param("name", names::plain(a, upper))
                            .param("id", &a.id),
                    )
                })
                .collect();
            Ok((came, notes))
        }
    }
}

// ---- reference numbers ----------------------------------------------------------------------

/// `PREFIX/YEAR/SEQ`, the sequence on three digits at least.
pub fn reference(prefix: &str, year: i32, seq: u32) -> String {
    format!("{prefix}/{year}/{seq:03}")
}

/// The reference numbers already given to `kind` letters, by attendee id.
pub fn issued(
    conn: &Connection,
    event_id: &str,
    kind: LetterKind,
) -> Result<HashMap<String, String>> {
    store::issued(conn, event_id, kind.as_str())
}

/// Gives a reference number to each person's letter that has none yet, in one logged
/// transaction, and returns every person's number. `today` gives the year.
pub fn issue(
    conn: &mut Connection,
    event: &EventSummary,
    kind: LetterKind,
    people: &[Arc<Attendee>],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<HashMap<String, String>> {
    let prefix = letterhead(conn, event)?.reference_prefix;
    let mut tx = write_tx(conn)?;
    let mut numbers = store::issued(&tx, &event.id, kind.as_str())?;
    let year = today.year();
    let mut seq = store::last_seq(&tx, &event.id, year)?;
    let mut given = Vec::new();
    let stamp = timestamp(now);
    for a in people {
        if numbers.contains_key(&a.id) {
            continue;
        }
        seq += 1;
        let number = reference(&prefix, year, seq);
        store::insert_issued(
            &tx,
            &event.id,
            &store::Issue {
                reference: &number,
                kind: kind.as_str(),
                attendee_id: &a.id,
                year,
                seq,
            },
            &stamp,
        )?;
        given.push(format!(
            "{number} ({})",
            names::plain(a, event.family_name_upper)
        ));
        numbers.insert(a.id.clone(), number);
    }
    if given.is_empty() {
        return Ok(numbers);
    }
    const LISTED: usize = 5;
    let mut said = given
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if given.len() > LISTED {
        said.push_str(&format!(" and {} more", given.len() - LISTED));
    }
    let noun = match (kind, given.len() == 1) {
        (LetterKind::Invitation, true) => "invitation letter",
        (LetterKind::Invitation, false) => "invitation letters",
        (LetterKind::Visa, true) => "visa-support letter",
        (LetterKind::Visa, false) => "visa-support letters",
        (LetterKind::Certificate, true) => "certificate of participation",
        (LetterKind::Certificate, false) => "certificates of participation",
    };
    tx.describe(format!("Issued {} {noun}: {said}", given.len()));
    tx.for_event(&event.id);
    tx.commit()?;
    Ok(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_made_of_the_capitalised_initials_outside_brackets() {
        assert_eq!(
            prefix_from_name("Workshop on Capacity-building of Artificial Intelligence (sample)"),
            "WCAI"
        );
        assert_eq!(prefix_from_name("人工智能能力建设研讨班"), "REF");
    }

    #[test]
    fn references_count_on_three_digits_and_more() {
        assert_eq!(reference("WCAI", 2024, 7), "WCAI/2024/007");
        assert_eq!(reference("WCAI", 2024, 1234), "WCAI/2024/1234");
    }

    #[test]
    fn merging_fills_placeholders_and_tidies_what_empty_values_leave() {
        let values: BTreeMap<String, String> = [
            ("honorific", ""),
            ("name", "MA Zhaoxu 马朝旭"),
            ("position", ""),
            ("organization", "Ministry"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(
            merge(
                "Dear {{honorific}} {{name}},\nPosition: {{position}}, {{organization}}\n{{position}}, {{honorific}}\nEnd,",
                &values
            ),
            "Dear MA Zhaoxu 马朝旭,\nPosition: Ministry\nEnd,"
        );
        let values: BTreeMap<String, String> = [
            ("position", "Director"),
            ("organization", ""),
            ("name", "Lab {{AI}}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(
            merge(
                "{{position}}, {{organization}}\n{{name}} {{unknown}}!",
                &values
            ),
            "Director\nLab {{AI}}!"
        );
    }

    #[test]
    fn every_built_in_letter_uses_known_placeholders_only() {
        for lang in Lang::ALL {
            for kind in LetterKind::ALL {
                let (subject, body) = builtin(kind, lang);
                assert!(!body.is_empty(), "{kind:?} {lang:?} has no body");
                check_template(&subject, &body)
                    .unwrap_or_else(|e| panic!("{kind:?} in {lang:?}: {e}"));
            }
        }
    }

    #[test]
    fn a_template_with_an_unknown_or_open_placeholder_is_refused_naming_the_field() {
        let err = check_template("Hello", "Dear {{nmae}}")
            .expect_err("an unknown placeholder")
            .to_string();
        assert!(err.contains("body") && err.contains("{{nmae}}"), "{err}");
        let err = check_template("Ref {{reference", "Body")
            .expect_err("an open placeholder")
            .to_string();
        assert!(err.contains("subject"), "{err}");
        let err = check_template("", "  ").expect_err("no text").to_string();
        assert!(err.contains("body"), "{err}");
    }
}
