//! Countries by ISO 3166-1 alpha-2 code, validated with the `celes` crate.

use celes::Country as CelesCountry;
use celes::LookupTable;
use serde::Serialize;

/// A country as the UI lists it. The UI shows the name in its own language with
/// `Intl.DisplayNames`; `name` is the English fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Country {
    pub code: String,
    pub name: String,
}

/// The canonical upper-case alpha-2 code for a code in any case, or `None` if it is unknown.
pub fn normalize_code(code: &str) -> Option<String> {
    let code = code.trim();
    if code.len() != 2 {
        return None;
    }
    CelesCountry::from_alpha2(code)
        .ok()
        .map(|c| c.alpha2.to_owned())
}

/// The English name of a known alpha-2 code.
pub fn name(code: &str) -> Option<&'static str> {
    CelesCountry::from_alpha2(code).ok().map(|c| c.long_name)
}

/// UN short names (from the UN Terminology Database, as UN documents write them) that
/// `celes` does not know under any alias, and a few everyday forms.
const OTHER_NAMES: [(&str, &str); 30] = [
    ("Bolivia (Plurinational State of)", "BO"),
    ("Iran (Islamic Republic of)", "IR"),
    ("Venezuela (Bolivarian Republic of)", "VE"),
    ("Micronesia (Federated States of)", "FM"),
    ("Netherlands (Kingdom of the)", "NL"),
    ("Republic of Korea", "KR"),
    ("South Korea", "KR"),
    ("Democratic People's Republic of Korea", "KP"),
    ("North Korea", "KP"),
    ("Republic of Moldova", "MD"),
    ("Russian Federation", "RU"),
    ("Syrian Arab Republic", "SY"),
    ("United Republic of Tanzania", "TZ"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("United Kingdom", "GB"),
    ("United States of America", "US"),
    ("State of Palestine", "PS"),
    ("Holy See", "VA"),
    ("Cabo Verde", "CV"),
    ("Brunei Darussalam", "BN"),
    ("Congo", "CG"),
    ("Democratic Republic of the Congo", "CD"),
    ("Czechia", "CZ"),
    ("Eswatini", "SZ"),
    ("North Macedonia", "MK"),
    ("Timor-Leste", "TL"),
    ("Lao People's Democratic Republic", "LA"),
    ("Viet Nam", "VN"),
    ("Türkiye", "TR"),
    ("Côte d'Ivoire", "CI"),
];

/// A name folded for lookup: lower case, without accents, spaces or punctuation.
fn fold_name(text: &str) -> String {
    crate::fold::fold_latin(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn by_name() -> &'static std::collections::HashMap<String, &'static str> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = std::collections::HashMap::new();
        for c in CelesCountry::get_countries() {
            index.insert(fold_name(c.long_name), c.alpha2);
            for alias in c.aliases.iter() {
                index.insert(fold_name(alias), c.alpha2);
            }
        }
        for (name, code) in OTHER_NAMES {
            index.insert(fold_name(name), code);
        }
        index
    })
}

/// The alpha-2 code for what a spreadsheet says: an ISO alpha-2 or alpha-3 code, or an
/// English country name, including the names UN documents use ("Viet Nam", "Iran (Islamic
/// Republic of)"). `None` if it names no country.
pub fn resolve(text: &str) -> Option<String> {
    let text = text.trim();
    match text.chars().count() {
        0 => return None,
        2 => return normalize_code(text),
        3 if text.is_ascii() => {
            if let Ok(c) = CelesCountry::from_alpha3(text) {
                return Some(c.alpha2.to_owned());
            }
        }
        _ => {}
    }
    let folded = fold_name(text);
    if let Some(code) = by_name().get(&folded) {
        return Some((*code).to_owned());
    }
    // "Name (qualifier)": the UN's qualified names; try the name alone.
    let (name, _) = text.split_once('(')?;
    by_name().get(&fold_name(name)).map(|c| (*c).to_owned())
}

/// The name to print for a country: the UN short name where `OTHER_NAMES` has one ("Republic
/// of Korea", "Türkiye"), otherwise the English name, with "of", "and" and "the" in lower case
/// as UN documents write them. An unknown code prints as itself.
pub fn display_name(code: &str) -> String {
    if let Some((name, _)) = OTHER_NAMES.iter().find(|(_, c)| *c == code) {
        return (*name).to_owned();
    }
    let Some(long) = name(code) else {
        return code.to_owned();
    };
    let long = long.strip_prefix("The ").unwrap_or(long);
    long.split(' ')
        .enumerate()
        .map(|(i, word)| match word {
            "Of" | "And" | "The" if i > 0 => word.to_lowercase(),
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every country, sorted by code.
pub fn all() -> Vec<Country> {
    let mut list: Vec<Country> = CelesCountry::get_countries()
        .iter()
        .map(|c| Country {
            code: c.alpha2.to_owned(),
            name: c.long_name.to_owned(),
        })
        .collect();
    list.sort_by(|a, b| a.code.cmp(&b.code));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalized_and_checked() {
        assert_eq!(
            normalize_code("cn").as_deref(),
            Some("CN"),
            "lower case is accepted"
        );
        assert_eq!(
            normalize_code(" VN ").as_deref(),
            Some("VN"),
            "spaces are trimmed"
        );
        assert_eq!(normalize_code("XX"), None, "XX is not assigned");
        assert_eq!(
            normalize_code("CHN"),
            None,
            "alpha-3 is not an alpha-2 code"
        );
    }

    #[test]
    fn printed_names_are_the_un_short_names() {
        for (code, expected) in [
            ("KR", "Republic of Korea"),
            ("TR", "Türkiye"),
            ("CN", "China"),
            ("IM", "Isle of Man"),
            ("BA", "Bosnia and Herzegovina"),
            ("XX", "XX"),
        ] {
            assert_eq!(display_name(code), expected, "{code}");
        }
    }

    #[test]
    fn codes_and_un_names_resolve() {
        for (text, code) in [
            ("cn", "CN"),
            ("CHN", "CN"),
            ("bra", "BR"),
            ("China", "CN"),
            ("Viet Nam", "VN"),
            ("Vietnam", "VN"),
            ("Lao People's Democratic Republic", "LA"),
            ("Côte d'Ivoire", "CI"),
            ("Cote d'Ivoire", "CI"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("Iran (Islamic Republic of)", "IR"),
            ("Bolivia (Plurinational State of)", "BO"),
            ("Venezuela (Bolivarian Republic of)", "VE"),
            ("United Republic of Tanzania", "TZ"),
            ("Republic of Korea", "KR"),
            ("Democratic People's Republic of Korea", "KP"),
            ("Russian Federation", "RU"),
            ("United Kingdom of Great Britain and Northern Ireland", "GB"),
            ("United States of America", "US"),
            ("State of Palestine", "PS"),
            ("Democratic Republic of the Congo", "CD"),
            ("Congo", "CG"),
            ("  ethiopia ", "ET"),
        ] {
            assert_eq!(resolve(text).as_deref(), Some(code), "{text}");
        }
        for text in ["", "XX", "Atlantis", "Republic of", "ZZZ", "("] {
            assert_eq!(resolve(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_list_covers_the_world() {
        let list = all();
        assert!(
            list.len() >= 249,
            "ISO 3166-1 has 249 codes, got {}",
            list.len()
        );
        assert!(
            list.iter().any(|c| c.code == "CI"),
            "Côte d'Ivoire is listed"
        );
    }
}
