//! The six UN languages in which Plenary's app and documents are written.
//!
//! One locale per language for formatting dates, times and numbers, shared with the UI
//! (`ui/src/lib/i18n.ts` uses the same tags). Every language keeps the Gregorian calendar and
//! Western (Latin) digits: seminar documents are read side by side in several languages, a
//! date or a room number must read the same in all of them, and UN documents in Arabic print
//! dates with Western digits. CLDR's default for `ar` is Egypt's Arabic-Indic digits, so
//! Arabic pins `-u-nu-latn-ca-gregory`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the six UN languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    En,
    Es,
    Fr,
    Ru,
    Zh,
}

impl Lang {
    /// All six, in the order of their codes.
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru, Lang::Zh];

    /// The ISO 639-1 code, as in the locale files' names (`ar`, `en`, …).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag used to format dates, times, numbers and to sort, in Rust (ICU4X) and in
    /// the UI (`Intl`). English follows UN (British) conventions; Chinese is Simplified.
    pub fn locale_tag(self) -> &'static str {
        match self {
            Lang::Ar => "ar-u-nu-latn-ca-gregory",
            Lang::En => "en-GB",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Zh => "zh-Hans",
        }
    }

    /// True for the language written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The language's name in that language, as a language picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Zh => "中文",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of an unknown language code; its text lists the six that are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}” is not one of the six languages (ar, en, es, fr, ru, zh)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts the code in any case, with or without a region (`fr-CH` is French).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
            .ok_or_else(|| UnknownLang(s.trim().to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_regions_are_ignored() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>(), Ok(l));
        }
        assert_eq!("FR-ch".parse::<Lang>(), Ok(Lang::Fr));
        assert_eq!("zh_Hans".parse::<Lang>(), Ok(Lang::Zh));
        let err = "de"
            .parse::<Lang>()
            .expect_err("German is not one of the six");
        assert!(err.to_string().contains("“de”"), "{err}");
        assert!("".parse::<Lang>().is_err());
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        let rtl: Vec<Lang> = Lang::ALL.into_iter().filter(|l| l.is_rtl()).collect();
        assert_eq!(rtl, vec![Lang::Ar]);
    }
}
