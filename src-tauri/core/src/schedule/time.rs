//! Event-local times: what users type and read, converted to and from stored UTC instants.

use chrono::{DateTime, LocalResult, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{Code, Message};

/// Parses `YYYY-MM-DD HH:MM` (or with a `T`) as a wall-clock time in `zone`.
pub fn parse_local(text: &str, zone: Tz) -> Result<DateTime<Utc>, Message> {
    let text = text.trim();
    // Four-digit years only: stored instants compare as text, and chrono accepts "+12024".
    if !text.starts_with(|c: char| c.is_ascii_digit()) || text.get(4..5) != Some("-") {
        return Err(Message::new(Code::NotADateTime).param("value", text));
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| Message::new(Code::NotADateTime).param("value", text))?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // A clock change makes the time occur twice: the earlier one is what people mean.
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Message::new(Code::TimeSkipped)
            .param("wall", text)
            .param("zone", zone)),
    }
}

/// RFC 3339 with the zone's offset, e.g. `2024-09-03T09:00:00+08:00`.
pub fn rfc3339_in(instant: DateTime<Utc>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A short local form for messages, e.g. `Tue 3 Sep 09:00`.
pub fn short_in(instant: DateTime<Utc>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .format("%a %-d %b %H:%M")
        .to_string()
}

/// Parses a stored RFC 3339 instant.
pub fn parse_stored(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The first instant of a local day in `zone`: midnight, or the first minute after it that
/// exists where a clock change skips midnight (Beirut, Santiago, Havana, Cairo).
pub fn start_of_day(date: chrono::NaiveDate, zone: Tz) -> Option<DateTime<Utc>> {
    (0..24 * 60).find_map(|minute| {
        let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0)?;
        zone.from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_read_in_the_events_zone() {
        let shanghai: Tz = "Asia/Shanghai".parse().unwrap_or(Tz::UTC);
        let t = parse_local("2024-09-03 09:00", shanghai).unwrap_or_default();
        assert_eq!(
            t.to_rfc3339(),
            "2024-09-03T01:00:00+00:00",
            "09:00 in Shanghai is 01:00 UTC"
        );
        assert_eq!(rfc3339_in(t, shanghai), "2024-09-03T09:00:00+08:00");
        assert!(
            parse_local("3 Sep 9am", shanghai).is_err(),
            "only the documented form"
        );
    }

    #[test]
    fn a_time_skipped_by_a_clock_change_is_refused() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap_or(Tz::UTC);
        let err = parse_local("2024-03-31 02:30", berlin)
            .err()
            .map(|m| m.english())
            .unwrap_or_default();
        assert!(err.contains("does not exist"), "{err}");
    }
}
