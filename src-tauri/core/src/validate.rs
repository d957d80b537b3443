//! Validation rules for what users type. Every rule that fails adds a [`FieldError`] naming
//! its field, so that the user sees all problems at once; nothing is stored unless all pass.

use crate::countries;
use crate::model::{AttendeeInput, EventInput};
use crate::{Code, Error, FieldError, Result};
use chrono::NaiveDate;
use chrono_tz::Tz;

/// Longest name, organisation or position, in characters.
pub const MAX_SHORT: usize = 200;
/// Longest email, per RFC 5321.
pub const MAX_EMAIL: usize = 254;
/// Longest free-text note.
pub const MAX_LONG: usize = 4000;
/// Most languages one attendee can list.
pub const MAX_LANGUAGES: usize = 20;

/// Collects field errors and turns them into one [`Error::Validation`].
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, error: FieldError) {
        self.0.push(error);
    }

    fn required(&mut self, field: &str, value: &str, code: Code) {
        if value.trim().is_empty() {
            self.add(FieldError::new(field, code));
        }
    }

    fn max_len(&mut self, field: &str, value: &str, max: usize) {
        let len = value.chars().count();
        if len > max {
            self.add(
                FieldError::new(field, Code::TooLong)
                    .param("length", len)
                    .param("max", max),
            );
        }
    }

    fn finish<T>(self, value: T) -> Result<T> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Error::Validation(self.0))
        }
    }
}

/// Checks an event and returns it trimmed.
pub fn event(input: &EventInput) -> Result<EventInput> {
    let mut p = Problems::default();
    let mut out = input.clone();
    out.name = input.name.trim().to_owned();
    out.venue = input.venue.trim().to_owned();
    out.city = input.city.trim().to_owned();
    out.timezone = input.timezone.trim().to_owned();
    p.required("name", &out.name, Code::EventNameRequired);
    p.max_len("name", &out.name, MAX_SHORT);
    p.max_len("venue", &out.venue, MAX_SHORT);
    p.max_len("city", &out.city, MAX_SHORT);
    let start = date(&mut p, "start_date", &input.start_date);
    let end = date(&mut p, "end_date", &input.end_date);
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            p.add(
                FieldError::new("end_date", Code::EndsBeforeStart)
                    .param("end_date", end)
                    .param("start_date", start),
            );
        }
        out.start_date = start.to_string();
        out.end_date = end.to_string();
    }
    if out.timezone.parse::<Tz>().is_err() {
        p.add(
            FieldError::new("timezone", Code::NotATimeZoneExample)
                .param("value", &out.timezone)
                .param("example", "Asia/Shanghai"),
        );
    }
    out.organizers.retain(|o| !o.name.trim().is_empty());
    for o in &mut out.organizers {
        o.name = o.name.trim().to_owned();
        p.max_len("organizers", &o.name, MAX_SHORT);
    }
    p.finish(out)
}

/// Parses a `YYYY-MM-DD` date, recording a problem if it is not one.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    // Four-digit years only: stored dates compare as text, and chrono would accept "+12024".
    let text = text.trim();
    if !text.starts_with(|c: char| c.is_ascii_digit()) || text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn date(p: &mut Problems, field: &str, text: &str) -> Option<NaiveDate> {
    let parsed = parse_date(text);
    if parsed.is_none() {
        if text.trim().is_empty() {
            p.add(FieldError::new(field, Code::DateRequired));
        } else {
            p.add(FieldError::new(field, Code::NotADate).param("value", text));
        }
    }
    parsed
}

/// Checks an attendee against the event's categories and returns it normalised: trimmed,
/// the country code upper case, the email lower case, empty languages dropped.
pub fn attendee(input: &AttendeeInput, categories: &[String]) -> Result<AttendeeInput> {
    let mut p = Problems::default();
    let mut out = AttendeeInput {
        honorific: input.honorific.trim().to_owned(),
        given_name: input.given_name.trim().to_owned(),
        family_name: input.family_name.trim().to_owned(),
        name_order: input.name_order,
        given_name_latin: input.given_name_latin.trim().to_owned(),
        family_name_latin: input.family_name_latin.trim().to_owned(),
        country: input.country.trim().to_uppercase(),
        organization: input.organization.trim().to_owned(),
        position: input.position.trim().to_owned(),
        category: input.category.trim().to_lowercase(),
        email: input.email.trim().to_lowercase(),
        phone: input.phone.trim().to_owned(),
        languages: input
            .languages
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        dietary: input.dietary.trim().to_owned(),
        accessibility: input.accessibility.trim().to_owned(),
        notes: input.notes.trim().to_owned(),
    };
    // People with a single name (common in Indonesia, for example) record it as the family
    // name, as passports and UN lists do; so only the family name is required.
    p.required("family_name", &out.family_name, Code::FamilyNameRequired);
    for (field, value) in [
        ("honorific", &out.honorific),
        ("given_name", &out.given_name),
        ("family_name", &out.family_name),
        ("given_name_latin", &out.given_name_latin),
        ("family_name_latin", &out.family_name_latin),
        ("organization", &out.organization),
        ("position", &out.position),
        ("phone", &out.phone),
        ("dietary", &out.dietary),
        ("accessibility", &out.accessibility),
    ] {
        p.max_len(field, value, MAX_SHORT);
    }
    p.max_len("notes", &out.notes, MAX_LONG);
    if out.country.is_empty() {
        p.add(FieldError::new("country", Code::CountryRequired));
    } else {
        match countries::normalize_code(&out.country) {
            Some(code) => out.country = code,
            None => p.add(
                FieldError::new("country", Code::UnknownCountryCode).param("value", &input.country),
            ),
        }
    }
    if out.category.is_empty() {
        p.add(FieldError::new("category", Code::CategoryRequired));
    } else if !categories.contains(&out.category) {
        p.add(
            FieldError::new("category", Code::UnknownCategory)
                .param("value", &out.category)
                .param("list", categories.join(", ")),
        );
    }
    if !out.email.is_empty() {
        p.max_len("email", &out.email, MAX_EMAIL);
        if !plausible_email(&out.email) {
            p.add(FieldError::new("email", Code::NotAnEmail).param("value", &input.email));
        }
    }
    if out.languages.len() > MAX_LANGUAGES {
        p.add(FieldError::new("languages", Code::TooManyLanguages).param("max", MAX_LANGUAGES));
    }
    for l in &out.languages {
        p.max_len("languages", l, 60);
    }
    out.languages.dedup();
    p.finish(out)
}

/// A plausible address: one `@`, a local part, and a domain with a dot and no empty labels.
/// Deliverability cannot be checked offline; this catches typing mistakes.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let no_space = |s: &str| !s.chars().any(|c| c.is_whitespace() || c.is_control());
    !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && no_space(local)
        && no_space(domain)
        && domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn categories() -> Vec<String> {
        vec!["official".into(), "expert".into()]
    }

    fn fields_of(result: Result<AttendeeInput>) -> Vec<String> {
        match result {
            Err(Error::Validation(list)) => list.into_iter().map(|f| f.field).collect(),
            Err(other) => vec![format!("unexpected error {other}")],
            Ok(_) => vec![],
        }
    }

    fn valid() -> AttendeeInput {
        AttendeeInput {
            given_name: "Wei".into(),
            family_name: "Zhang".into(),
            country: "cn".into(),
            category: "official".into(),
            ..AttendeeInput::default()
        }
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(AttendeeInput, &[&str])> = vec![
            (valid(), &[]),
            (
                AttendeeInput {
                    given_name: " ".into(),
                    ..valid()
                },
                &[],
            ),
            (
                AttendeeInput {
                    family_name: "".into(),
                    ..valid()
                },
                &["family_name"],
            ),
            (
                AttendeeInput {
                    country: "XX".into(),
                    ..valid()
                },
                &["country"],
            ),
            (
                AttendeeInput {
                    country: "".into(),
                    ..valid()
                },
                &["country"],
            ),
            (
                AttendeeInput {
                    email: "wei@".into(),
                    ..valid()
                },
                &["email"],
            ),
            (
                AttendeeInput {
                    email: "wei at example.org".into(),
                    ..valid()
                },
                &["email"],
            ),
            (
                AttendeeInput {
                    category: "vip".into(),
                    ..valid()
                },
                &["category"],
            ),
            (
                AttendeeInput {
                    notes: "x".repeat(MAX_LONG + 1),
                    ..valid()
                },
                &["notes"],
            ),
            (
                AttendeeInput {
                    family_name: "".into(),
                    email: "nope".into(),
                    ..valid()
                },
                &["family_name", "email"],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                fields_of(attendee(&input, &categories())),
                expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn valid_input_is_normalised() -> Result<()> {
        let out = attendee(
            &AttendeeInput {
                email: " Wei.Zhang@Example.ORG ".into(),
                ..valid()
            },
            &categories(),
        )?;
        assert_eq!(out.country, "CN", "country codes are stored upper case");
        assert_eq!(
            out.email, "wei.zhang@example.org",
            "emails compare case-insensitively"
        );
        Ok(())
    }

    #[test]
    fn events_need_dates_in_order_and_a_real_zone() {
        let base = EventInput {
            name: "Seminar".into(),
            venue: String::new(),
            city: String::new(),
            start_date: "2024-09-03".into(),
            end_date: "2024-09-06".into(),
            timezone: "Asia/Shanghai".into(),
            organizers: vec![],
            family_name_upper: true,
            language: crate::Lang::En,
        };
        assert!(event(&base).is_ok(), "the Shanghai seminar is valid");
        let backwards = EventInput {
            end_date: "2024-09-01".into(),
            ..base.clone()
        };
        let err = event(&backwards)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("end_date:"), "got {err}");
        let zone = EventInput {
            timezone: "Shanghai".into(),
            ..base.clone()
        };
        let err = event(&zone)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("timezone:"), "got {err}");
        let date = EventInput {
            start_date: "3/9/2024".into(),
            ..base
        };
        let err = event(&date)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("start_date:"), "got {err}");
    }
}
