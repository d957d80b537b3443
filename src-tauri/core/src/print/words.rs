//! The words, dates and times of a printed document, in the document's language and, for a
//! bilingual document, in a second one.
//!
//! Every label comes from the locale files (`doc.*` for the documents' own words, `labels.*` for
//! session types, roles and categories) through [`crate::catalogue`], the same texts the app
//! shows. Dates and times are formatted by ICU4X (`icu_datetime`, Gregorian calendar, with the
//! locale of [`Lang::locale_tag`], so Arabic keeps Western digits); plural forms come from
//! `catalogue::text`, which picks CLDR's forms. Names are compared with the document
//! language's collation ([`crate::collation::for_lang`]).
//!
//! With a second language (`--also`) every label reads "开幕式 / Opening ceremony"; dates,
//! times and user text stay in the document's language.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use icu_calendar::Gregorian;
use icu_datetime::fieldsets::{D, MD, MDE, T, YMD, YMDE};
use icu_datetime::input::{Date, Time};
use icu_datetime::{
    DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter, NoCalendarFormatter,
};
use icu_locale_core::preferences::extensions::unicode::keywords::HourCycle;
use icu_locale_core::Locale;

use crate::model::BUILTIN_CATEGORIES;
use crate::schedule::model::{Role, SessionType};
use crate::{catalogue, collation, countries, Error, Lang, Result};

/// What stands between a label and its translation in a bilingual document.
const BETWEEN: &str = " / ";

/// The date and time formats a document uses, for one language.
struct Formats {
    /// "Tuesday 3 September 2024", « mardi 3 septembre 2024 », 2024年9月3日星期二.
    weekday_date: FixedCalendarDateTimeFormatter<Gregorian, YMDE>,
    /// "3 September 2024", «3 сентября 2024 г.».
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    /// "Tuesday 3 September".
    weekday_day: FixedCalendarDateTimeFormatter<Gregorian, MDE>,
    /// "Tue 3 Sept", for the check-in list's narrow column.
    short_day: FixedCalendarDateTimeFormatter<Gregorian, MDE>,
    /// "3 September", the first day of a range within a year.
    day_month: FixedCalendarDateTimeFormatter<Gregorian, MD>,
    /// "3", "3日": the first (or last) day of a range within a month.
    day: FixedCalendarDateTimeFormatter<Gregorian, D>,
    /// "09:00", on the 24-hour clock in every language.
    time: NoCalendarFormatter<T>,
}

impl Formats {
    fn new(lang: Lang) -> Result<Self> {
        let bad = |e: &dyn std::fmt::Display| {
            Error::Render(format!("no date formats for {}: {e}", lang.code()))
        };
        let locale = Locale::try_from_str(lang.locale_tag()).map_err(|e| bad(&e))?;
        let prefs: DateTimeFormatterPreferences = (&locale).into();
        // Times print on the 24-hour clock in every language, as timetables and UN documents
        // give them: CLDR's Arabic default is the 12-hour clock with ص/م, which no longer
        // fits the time column and would read differently from the same agenda in the other
        // five languages.
        let mut clock = prefs;
        clock.hour_cycle = Some(HourCycle::H23);
        Ok(Formats {
            weekday_date: FixedCalendarDateTimeFormatter::try_new(prefs, YMDE::long())
                .map_err(|e| bad(&e))?,
            date: FixedCalendarDateTimeFormatter::try_new(prefs, YMD::long())
                .map_err(|e| bad(&e))?,
            weekday_day: FixedCalendarDateTimeFormatter::try_new(prefs, MDE::long())
                .map_err(|e| bad(&e))?,
            short_day: FixedCalendarDateTimeFormatter::try_new(prefs, MDE::medium())
                .map_err(|e| bad(&e))?,
            day_month: FixedCalendarDateTimeFormatter::try_new(prefs, MD::long())
                .map_err(|e| bad(&e))?,
            day: FixedCalendarDateTimeFormatter::try_new(prefs, D::long()).map_err(|e| bad(&e))?,
            time: NoCalendarFormatter::try_new(clock, T::hm()).map_err(|e| bad(&e))?,
        })
    }
}

fn gregorian(d: NaiveDate) -> Date<Gregorian> {
    // Every NaiveDate that chrono parses from `YYYY-MM-DD` is a valid Gregorian date.
    Date::try_new_gregorian(d.year(), d.month() as u8, d.day() as u8)
        .unwrap_or_else(|_| Date::try_new_gregorian(1970, 1, 1).unwrap_or_else(|_| unreachable!()))
}

fn wall_clock(t: NaiveTime) -> Time {
    Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0)
        .unwrap_or_else(|_| Time::try_new(0, 0, 0, 0).unwrap_or_else(|_| unreachable!()))
}

/// A document's language, its optional second language, and their formats.
pub struct Words {
    pub lang: Lang,
    /// The second language of a bilingual document (never the same as `lang`).
    pub also: Option<Lang>,
    formats: Formats,
}

impl Words {
    pub fn new(lang: Lang, also: Option<Lang>) -> Result<Self> {
        Ok(Words {
            lang,
            also: also.filter(|a| *a != lang),
            formats: Formats::new(lang)?,
        })
    }

    fn both(&self, one: impl Fn(Lang) -> String) -> String {
        let first = one(self.lang);
        match self.also {
            Some(also) => {
                let second = one(also);
                if second == first {
                    first
                } else {
                    format!("{first}{BETWEEN}{second}")
                }
            }
            None => first,
        }
    }

    /// A label, in both languages of a bilingual document.
    pub fn word(&self, key: &str) -> String {
        self.both(|l| catalogue::word(l, key))
    }

    /// A label with parameters (`{{name}}`), in both languages of a bilingual document.
    pub fn text(&self, key: &str, params: &[(&str, &str)]) -> String {
        let params: BTreeMap<String, String> = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self.both(|l| catalogue::text(l, key, &params))
    }

    /// A count with its noun in the right plural form (`{{count}}`), in both languages.
    pub fn count(&self, key: &str, count: usize) -> String {
        self.text(key, &[("count", &count.to_string())])
    }

    /// The raw text of a key with its `{{…}}` left in, for the template to fill (the page
    /// numbers are known only there).
    pub fn pattern(&self, key: &str) -> String {
        self.both(|l| {
            catalogue::raw(l, key)
                .or_else(|| catalogue::raw(Lang::En, key))
                .unwrap_or(key)
                .to_owned()
        })
    }

    /// A label that lists roles ("Your role: Keynote speaker, Moderator"), each language with
    /// its own role names and list separator.
    pub fn with_roles(&self, key: &str, roles: &[Role]) -> String {
        self.both(|l| {
            let names: Vec<String> = roles
                .iter()
                .map(|r| catalogue::word(l, &format!("labels.role.{}", r.as_str())))
                .collect();
            let params = BTreeMap::from([(
                "roles".to_owned(),
                names.join(&catalogue::word(l, "doc.listSeparator")),
            )]);
            catalogue::text(l, key, &params)
        })
    }

    pub fn session_type(&self, t: SessionType) -> String {
        self.word(&format!("labels.sessionType.{}", t.as_str()))
    }

    pub fn role(&self, r: Role) -> String {
        self.word(&format!("labels.role.{}", r.as_str()))
    }

    /// A category's label: a built-in category that keeps its English label is translated (the
    /// app's `categories.*` words);
    /// one the organiser named or renamed prints as they wrote it.
    pub fn category(&self, key: &str, label: &str) -> String {
        match BUILTIN_CATEGORIES.iter().find(|(k, _)| *k == key) {
            Some((_, english)) if label.is_empty() || label == *english => {
                self.word(&format!("categories.{key}"))
            }
            _ if label.is_empty() => key.to_owned(),
            _ => label.to_owned(),
        }
    }

    /// A country's name in the document's language.
    pub fn country(&self, code: &str) -> String {
        country_name(code, self.lang)
    }

    /// A country's name in the second language, when there is one and it reads differently.
    pub fn country_also(&self, code: &str) -> String {
        match self.also {
            Some(also) if !code.is_empty() => {
                let second = country_name(code, also);
                if second == self.country(code) {
                    String::new()
                } else {
                    second
                }
            }
            _ => String::new(),
        }
    }

    /// Items of a list, joined as the document's language joins them ("a, b", "甲、乙").
    pub fn join(&self, items: &[String]) -> String {
        items.join(&catalogue::word(self.lang, "doc.listSeparator"))
    }

    /// Compares two texts as the document's language sorts them.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        collation::for_lang(self.lang)
            .compare(a, b)
            .then_with(|| a.cmp(b))
    }

    // ---- dates and times --------------------------------------------------------------------

    /// "Tuesday 3 September 2024".
    pub fn weekday_date(&self, d: NaiveDate) -> String {
        self.formats.weekday_date.format(&gregorian(d)).to_string()
    }

    /// "3 September 2024".
    pub fn date(&self, d: NaiveDate) -> String {
        self.formats.date.format(&gregorian(d)).to_string()
    }

    /// "Tuesday 3 September".
    pub fn weekday_day(&self, d: NaiveDate) -> String {
        self.formats.weekday_day.format(&gregorian(d)).to_string()
    }

    /// "09:00".
    pub fn time(&self, t: NaiveTime) -> String {
        self.formats.time.format(&wall_clock(t)).to_string()
    }

    /// "09:00–10:00".
    pub fn time_range(&self, start: NaiveTime, end: NaiveTime) -> String {
        format!("{}–{}", self.time(start), self.time(end))
    }

    /// "Tue 3 Sept 09:12", for a check-in time.
    pub fn stamp(&self, t: NaiveDateTime) -> String {
        format!(
            "{} {}",
            self.formats.short_day.format(&gregorian(t.date())),
            self.time(t.time())
        )
    }

    /// "3–6 September 2024", "30 August – 2 September 2024", « 3–6 septembre 2024 »,
    /// "2024年9月3日–6日", or one date. Built from ICU4X's own formats: the long date of one
    /// end, and the day (or day and month) of the other, on the side the language writes the
    /// day on.
    pub fn date_range(&self, first: NaiveDate, last: NaiveDate) -> String {
        if first == last {
            return self.date(first);
        }
        let f = &self.formats;
        let full_last = self.date(last);
        let full_first = self.date(first);
        // Languages that write the day first ("3 September 2024") shorten the first date;
        // those that write the year first ("2024年9月3日") shorten the last.
        let day = last.day().to_string();
        let day_first = full_last.starts_with(&day)
            && !full_last[day.len()..].starts_with(|c: char| c.is_ascii_digit());
        if first.year() != last.year() {
            return format!("{full_first} – {full_last}");
        }
        if first.month() == last.month() {
            if day_first {
                format!("{}–{full_last}", f.day.format(&gregorian(first)))
            } else {
                format!("{full_first}–{}", f.day.format(&gregorian(last)))
            }
        } else if day_first {
            format!("{} – {full_last}", f.day_month.format(&gregorian(first)))
        } else {
            format!("{full_first} – {}", f.day_month.format(&gregorian(last)))
        }
    }
}

/// A country's name in a language: the UN short name (UNTERM) in that language, « Chine »,
/// 中国, «Китай»; a code the table does not know prints as itself.
pub fn country_name(code: &str, lang: Lang) -> String {
    countries::un_short_name(code, lang)
        .map(str::to_owned)
        .unwrap_or_else(|| countries::display_name(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn dates_and_times_take_each_languages_cldr_forms() -> Result<()> {
        let morning = NaiveTime::from_hms_opt(9, 5, 0).unwrap_or_default();
        let afternoon = NaiveTime::from_hms_opt(15, 30, 0).unwrap_or_default();
        let cases: [(Lang, [&str; 5]); 6] = [
            (
                Lang::Ar,
                [
                    "الثلاثاء، 3 سبتمبر 2024",
                    "3 سبتمبر 2024",
                    "الثلاثاء، 3 سبتمبر",
                    "09:05",
                    "15:30",
                ],
            ),
            (
                Lang::En,
                [
                    "Tuesday, 3 September 2024",
                    "3 September 2024",
                    "Tuesday 3 September",
                    "09:05",
                    "15:30",
                ],
            ),
            (
                Lang::Es,
                [
                    "martes, 3 de septiembre de 2024",
                    "3 de septiembre de 2024",
                    "martes, 3 de septiembre",
                    "09:05",
                    "15:30",
                ],
            ),
            (
                Lang::Fr,
                [
                    "mardi 3 septembre 2024",
                    "3 septembre 2024",
                    "mardi 3 septembre",
                    "09:05",
                    "15:30",
                ],
            ),
            (
                Lang::Ru,
                [
                    "вторник, 3 сентября 2024\u{202f}г.",
                    "3 сентября 2024\u{202f}г.",
                    "вторник, 3 сентября",
                    "09:05",
                    "15:30",
                ],
            ),
            (
                Lang::Zh,
                [
                    "2024年9月3日星期二",
                    "2024年9月3日",
                    "9月3日星期二",
                    "09:05",
                    "15:30",
                ],
            ),
        ];
        for (lang, [weekday_date, long, weekday_day, am, pm]) in cases {
            let w = Words::new(lang, None)?;
            assert_eq!(w.weekday_date(date(2024, 9, 3)), weekday_date, "{lang}");
            assert_eq!(w.date(date(2024, 9, 3)), long, "{lang}");
            assert_eq!(w.weekday_day(date(2024, 9, 3)), weekday_day, "{lang}");
            assert_eq!(w.time(morning), am, "{lang}");
            assert_eq!(w.time(afternoon), pm, "{lang}");
        }
        Ok(())
    }

    #[test]
    fn a_range_shortens_the_end_its_language_repeats() -> Result<()> {
        let ranges = |lang: Lang| -> Result<[String; 4]> {
            let w = Words::new(lang, None)?;
            Ok([
                w.date_range(date(2024, 9, 3), date(2024, 9, 6)),
                w.date_range(date(2024, 8, 30), date(2024, 9, 2)),
                w.date_range(date(2024, 12, 30), date(2025, 1, 2)),
                w.date_range(date(2024, 9, 3), date(2024, 9, 3)),
            ])
        };
        assert_eq!(
            ranges(Lang::En)?,
            [
                "3–6 September 2024",
                "30 August – 2 September 2024",
                "30 December 2024 – 2 January 2025",
                "3 September 2024",
            ]
        );
        assert_eq!(
            ranges(Lang::Ru)?[0..2],
            [
                "3–6 сентября 2024\u{202f}г.",
                "30 августа – 2 сентября 2024\u{202f}г."
            ]
        );
        assert_eq!(
            ranges(Lang::Zh)?[0..2],
            ["2024年9月3日–6日", "2024年8月30日 – 9月2日"]
        );
        assert_eq!(ranges(Lang::Es)?[0], "3–6 de septiembre de 2024");
        Ok(())
    }

    #[test]
    fn a_bilingual_label_reads_in_both_and_one_language_twice_is_one() -> Result<()> {
        let zh_en = Words::new(Lang::Zh, Some(Lang::En))?;
        assert_eq!(
            zh_en.session_type(SessionType::OpeningCeremony),
            "开幕式 / Opening ceremony"
        );
        assert_eq!(
            zh_en.with_roles("doc.person.yourRole", &[Role::Keynote, Role::Moderator]),
            "您的角色：主旨发言人、主持人 / Your role: Keynote speaker, Moderator"
        );
        let fr = Words::new(Lang::Fr, Some(Lang::Fr))?;
        assert_eq!(fr.also, None);
        assert_eq!(fr.role(Role::Rapporteur), "Rapporteur");
        Ok(())
    }

    #[test]
    fn counts_take_the_plural_form_of_the_language() -> Result<()> {
        let ru = Words::new(Lang::Ru, None)?;
        assert_eq!(ru.count("doc.checkin.expected", 1), "ожидается 1 участник");
        assert_eq!(ru.count("doc.checkin.expected", 3), "ожидается 3 участника");
        assert_eq!(
            ru.count("doc.checkin.expected", 14),
            "ожидается 14 участников"
        );
        let fr = Words::new(Lang::Fr, None)?;
        assert_eq!(fr.count("doc.checkin.expected", 1), "1 participant attendu");
        assert_eq!(
            fr.count("doc.checkin.expected", 2),
            "2 participants attendus"
        );
        Ok(())
    }

    #[test]
    fn every_printed_label_is_in_all_six_languages() {
        let mut keys: Vec<String> = SessionType::ALL
            .iter()
            .map(|t| format!("labels.sessionType.{}", t.as_str()))
            .chain(
                Role::ALL
                    .iter()
                    .map(|r| format!("labels.role.{}", r.as_str())),
            )
            .chain(
                BUILTIN_CATEGORIES
                    .iter()
                    .map(|(k, _)| format!("categories.{k}")),
            )
            .collect();
        let en: serde_json::Value =
            serde_json::from_str(include_str!("../../../../ui/src/locales/en.json"))
                .unwrap_or_default();
        fn leaves(prefix: &str, v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        leaves(&format!("{prefix}.{k}"), v, out);
                    }
                }
                _ => out.push(prefix.to_owned()),
            }
        }
        leaves("doc", &en["doc"], &mut keys);
        assert!(keys.len() > 60, "the doc.* keys are found: {}", keys.len());
        for lang in Lang::ALL {
            for key in &keys {
                let base = key
                    .rsplit_once('_')
                    .filter(|(_, form)| ["one", "other", "zero"].contains(form))
                    .map_or(key.as_str(), |(base, _)| base);
                assert!(catalogue::has(lang, base), "{lang} has no {key}");
            }
        }
    }
}
