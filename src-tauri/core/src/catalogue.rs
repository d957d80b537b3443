//! The one catalogue of words: the UI's locale files (`ui/src/locales/*.json`, i18next JSON v4),
//! read by the core too, so that the CLI's English messages and the printed documents use the
//! same keys and texts as the app. There is no second list to drift.
//!
//! Lookup follows i18next: a dotted key, `{{name}}` interpolation, and for a `count` parameter
//! the plural form that CLDR's rules (ICU4X) pick for the language, with `_zero` first when the
//! count is 0 and the file has one. A missing key falls back to English, then to the key.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use serde_json::Value;

use crate::Lang;

/// The locale files as compiled into this build.
fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => include_str!("../../../ui/src/locales/ar.json"),
        Lang::En => include_str!("../../../ui/src/locales/en.json"),
        Lang::Es => include_str!("../../../ui/src/locales/es.json"),
        Lang::Fr => include_str!("../../../ui/src/locales/fr.json"),
        Lang::Ru => include_str!("../../../ui/src/locales/ru.json"),
        Lang::Zh => include_str!("../../../ui/src/locales/zh.json"),
    }
}

struct Loaded {
    tree: Value,
    plurals: PluralRules,
}

fn loaded(lang: Lang) -> &'static Loaded {
    static ALL: OnceLock<Vec<Loaded>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        Lang::ALL
            .into_iter()
            .map(|l| {
                let tree = serde_json::from_str(source(l)).unwrap_or_else(|e| {
                    panic!("ui/src/locales/{}.json is not valid JSON: {e}", l.code())
                });
                let locale = Locale::try_from_str(l.code()).expect("a language code is a locale");
                let plurals = PluralRules::try_new((&locale).into(), Default::default())
                    .expect("ICU4X's compiled data has plural rules for the six languages");
                Loaded { tree, plurals }
            })
            .collect()
    });
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &all[i]
}

/// The raw string at a dotted key, if the language's file has it.
pub fn raw(lang: Lang, key: &str) -> Option<&'static str> {
    let mut node = &loaded(lang).tree;
    for part in key.split('.') {
        node = node.get(part)?;
    }
    node.as_str()
}

/// True when the language's file has the key, directly or as a plural.
pub fn has(lang: Lang, key: &str) -> bool {
    raw(lang, key).is_some() || raw(lang, &format!("{key}_other")).is_some()
}

/// The CLDR plural category's suffix (`one`, `few`, …) for `n` in `lang`.
pub fn plural_suffix(lang: Lang, n: u64) -> &'static str {
    match loaded(lang).plurals.category_for(n) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

fn template(lang: Lang, key: &str, count: Option<u64>) -> Option<&'static str> {
    if let Some(n) = count {
        if n == 0 {
            if let Some(s) = raw(lang, &format!("{key}_zero")) {
                return Some(s);
            }
        }
        if let Some(s) = raw(lang, &format!("{key}_{}", plural_suffix(lang, n))) {
            return Some(s);
        }
        if let Some(s) = raw(lang, &format!("{key}_other")) {
            return Some(s);
        }
    }
    raw(lang, key)
}

/// Replaces each `{{name}}` (or `{{name, format}}`) with its parameter; unknown names stay.
pub fn interpolate(template: &str, params: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = after[..end].split(',').next().unwrap_or("").trim();
        match params.get(name) {
            Some(value) => out.push_str(value),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The text of `key` in `lang` with `params` filled in, falling back to English and then to the
/// key itself (so a missing text shows as its key, never as nothing).
pub fn text(lang: Lang, key: &str, params: &BTreeMap<String, String>) -> String {
    let count = params.get("count").and_then(|c| c.parse::<u64>().ok());
    let found = template(lang, key, count).or_else(|| template(Lang::En, key, count));
    match found {
        Some(t) => interpolate(t, params),
        None => key.to_owned(),
    }
}

/// [`text`] for a key without parameters.
pub fn word(lang: Lang, key: &str) -> String {
    text(lang, key, &BTreeMap::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn english_texts_come_from_the_ui_file_with_their_variables() {
        assert_eq!(word(Lang::En, "nav.attendees"), "Attendees");
        assert_eq!(
            text(Lang::En, "nav.version", &params(&[("version", "9.9")])),
            "Plenary 9.9"
        );
    }

    #[test]
    fn plurals_follow_cldr_and_prefer_zero() {
        assert_eq!(plural_suffix(Lang::Ru, 1), "one");
        assert_eq!(plural_suffix(Lang::Ru, 2), "few");
        assert_eq!(plural_suffix(Lang::Ru, 5), "many");
        assert_eq!(plural_suffix(Lang::Ru, 21), "one");
        let ar: Vec<&str> = [0, 1, 2, 3, 11, 100]
            .into_iter()
            .map(|n| plural_suffix(Lang::Ar, n))
            .collect();
        assert_eq!(ar, ["zero", "one", "two", "few", "many", "other"]);
        assert_eq!(plural_suffix(Lang::Zh, 1), "other");
        let one = text(
            Lang::En,
            "errors.validationCount",
            &params(&[("count", "1")]),
        );
        let three = text(
            Lang::En,
            "errors.validationCount",
            &params(&[("count", "3")]),
        );
        assert_eq!(one, "1 field needs attention.");
        assert_eq!(three, "3 fields need attention.");
    }

    #[test]
    fn missing_keys_and_parameters_stay_visible() {
        assert_eq!(word(Lang::Fr, "no.such.key"), "no.such.key");
        assert_eq!(
            interpolate(
                "{{a}} and {{ b }} and {{c}}",
                &params(&[("a", "1"), ("b", "2")])
            ),
            "1 and 2 and {{c}}"
        );
        assert_eq!(
            interpolate("broken {{a", &params(&[("a", "1")])),
            "broken {{a"
        );
    }
}
