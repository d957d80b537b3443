//! Countries by ISO 3166-1 alpha-2 code, validated with the `celes` crate.

use celes::Country as CelesCountry;
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
