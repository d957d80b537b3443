//! Countries by ISO 3166-1 alpha-2 code, validated with the `celes` crate, and named with the
//! UN's short names (UNTERM) in the six UN languages.
//!
//! The names live in `data/country-names.json`, generated once by
//! `scripts/gen-country-names.py` from the UNTERM and M49 names that hdx-python-country ships
//! (the script says which version and how it cleans them). One row per code celes knows.

use std::collections::HashMap;
use std::sync::OnceLock;

use celes::Country as CelesCountry;
use celes::LookupTable;
use serde::{Deserialize, Serialize};

use crate::Lang;

/// A country as the UI lists it. `name` is the English UN short name; the UI shows the
/// name in its own language from the same table (`ui/src/lib/generated/country-names.json`).
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

/// A country code typed into `field` that must name a country with a UN short name: its
/// canonical form, or the field's error (`"XX" is not a known ISO 3166-1 alpha-2 country code`).
pub fn known_code(field: &str, given: &str) -> crate::Result<String> {
    normalize_code(given)
        .filter(|c| name(c).is_some())
        .ok_or_else(|| {
            crate::FieldError::new(field, crate::Code::UnknownCountryCode)
                .param("value", given.trim())
                .into()
        })
}

/// The committed table of UN short names, as `scripts/gen-country-names.py` writes it.
pub const NAMES_JSON: &str = include_str!("../data/country-names.json");

/// One row of the table: a code and its name in each of the six languages.
#[derive(Debug, Deserialize)]
struct NamesRow {
    code: String,
    ar: String,
    en: String,
    es: String,
    fr: String,
    ru: String,
    zh: String,
}

impl NamesRow {
    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
            Lang::Es => &self.es,
            Lang::Fr => &self.fr,
            Lang::Ru => &self.ru,
            Lang::Zh => &self.zh,
        }
    }
}

fn names_table() -> &'static HashMap<String, NamesRow> {
    static TABLE: OnceLock<HashMap<String, NamesRow>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let rows: Vec<NamesRow> =
            serde_json::from_str(NAMES_JSON).expect("data/country-names.json is valid");
        rows.into_iter().map(|r| (r.code.clone(), r)).collect()
    })
}

/// The UN short name of a country in `lang` ("Türkiye", « Pays-Bas (Royaume des) »,
/// 大韩民国), for an alpha-2 code in any case. Territories that are not States have their M49
/// name. `None` for an unknown code.
pub fn un_short_name(code: &str, lang: Lang) -> Option<&'static str> {
    let code = code.trim();
    let row = if code.bytes().all(|b| b.is_ascii_uppercase()) {
        names_table().get(code)
    } else {
        names_table().get(&code.to_ascii_uppercase())
    }?;
    Some(row.get(lang))
}

/// Every code with its six UN short names, in the order of `Lang::ALL`, sorted by code.
pub fn un_short_names() -> Vec<(&'static str, [&'static str; 6])> {
    let mut rows: Vec<_> = names_table()
        .values()
        .map(|r| (r.code.as_str(), Lang::ALL.map(|lang| r.get(lang))))
        .collect();
    rows.sort_unstable_by_key(|(code, _)| *code);
    rows
}

/// The English UN short name of a known alpha-2 code.
pub fn name(code: &str) -> Option<&'static str> {
    un_short_name(code, Lang::En)
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

/// A name folded in its own script: lower case, without accents, spaces or punctuation
/// ("Côte d'Ivoire" and "COTE D’IVOIRE" both give "cotedivoire"; "中国" stays "中国").
fn fold_native_name(text: &str) -> String {
    crate::fold::fold_native(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The UN short names in the six languages, folded natively, so that a French, Russian or
/// Chinese list finds « Allemagne », «Германия» and 德国, and a qualified name without its
/// qualifier.
fn by_un_name() -> &'static HashMap<String, &'static str> {
    static INDEX: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for (code, names) in un_short_names() {
            for name in names {
                index.entry(fold_native_name(name)).or_insert(code);
                // "Países Bajos" for "Países Bajos (Reino de los)"; no two codes share one.
                if let Some((short, _)) = name.split_once(['(', '（']) {
                    index.entry(fold_native_name(short)).or_insert(code);
                }
            }
        }
        index
    })
}

/// The code a name folds to, in English (celes' names and aliases, everyday forms) or in any
/// of the six UN languages.
fn lookup_name(text: &str) -> Option<String> {
    let code = by_name()
        .get(&fold_name(text))
        .or_else(|| by_un_name().get(&fold_native_name(text)))?;
    Some((*code).to_owned())
}

/// The alpha-2 code for what a spreadsheet says: an ISO alpha-2 or alpha-3 code, or a
/// country name in English, including the names UN documents use ("Viet Nam", "Iran (Islamic
/// Republic of)"), or the UN short name in another UN language (« Allemagne », 德国).
/// `None` if it names no country.
pub fn resolve(text: &str) -> Option<String> {
    let text = text.trim();
    match text.chars().count() {
        0 => return None,
        2 if text.is_ascii() => return normalize_code(text),
        3 if text.is_ascii() => {
            if let Ok(c) = CelesCountry::from_alpha3(text) {
                return Some(c.alpha2.to_owned());
            }
        }
        _ => {}
    }
    if let Some(code) = lookup_name(text) {
        return Some(code);
    }
    // "Name (qualifier)": the UN's qualified names; try the name alone.
    let (name, _) = text.split_once(['(', '（'])?;
    if name.trim().is_empty() {
        return None;
    }
    lookup_name(name)
}

/// The name to print for a country: its English UN short name ("Republic of Korea",
/// "Türkiye"). An unknown code prints as itself.
pub fn display_name(code: &str) -> String {
    name(code).map_or_else(|| code.to_owned(), str::to_owned)
}

/// Every country, sorted by code.
pub fn all() -> Vec<Country> {
    let mut list: Vec<Country> = CelesCountry::get_countries()
        .iter()
        .map(|c| Country {
            code: c.alpha2.to_owned(),
            name: name(c.alpha2).unwrap_or(c.long_name).to_owned(),
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
            ("Allemagne", "DE"),
            ("Pays-Bas (Royaume des)", "NL"),
            ("Países Bajos", "NL"),
            ("Германия", "DE"),
            ("Российская Федерация", "RU"),
            ("Кот-д’Ивуар", "CI"),
            ("德国", "DE"),
            ("中国", "CN"),
            ("大韩民国", "KR"),
            ("ألمانيا", "DE"),
            ("الصين", "CN"),
        ] {
            assert_eq!(resolve(text).as_deref(), Some(code), "{text}");
        }
        for text in ["", "XX", "Atlantis", "Republic of", "ZZZ", "("] {
            assert_eq!(resolve(text), None, "{text:?}");
        }
    }

    /// The forms the UN holds to, in the six languages (ar, en, es, fr, ru, zh).
    const HELD: [(&str, [&str; 6]); 12] = [
        (
            "TR",
            ["تركيا", "Türkiye", "Türkiye", "Türkiye", "Турция", "土耳其"],
        ),
        (
            "NL",
            [
                "مملكة هولندا",
                "Netherlands (Kingdom of the)",
                "Países Bajos (Reino de los)",
                "Pays-Bas (Royaume des)",
                "Нидерланды (Королевство)",
                "荷兰王国",
            ],
        ),
        (
            "KR",
            [
                "جمهورية كوريا",
                "Republic of Korea",
                "República de Corea",
                "République de Corée",
                "Республика Корея",
                "大韩民国",
            ],
        ),
        (
            "VN",
            [
                "فييت نام",
                "Viet Nam",
                "Viet Nam",
                "Viet Nam",
                "Вьетнам",
                "越南",
            ],
        ),
        (
            "CI",
            [
                "كوت ديفوار",
                "Côte d'Ivoire",
                "Côte d'Ivoire",
                "Côte d'Ivoire",
                "Кот-д'Ивуар",
                "科特迪瓦",
            ],
        ),
        (
            "IR",
            [
                "جمهورية إيران الإسلامية",
                "Iran (Islamic Republic of)",
                "Irán (República Islámica del)",
                "Iran (République islamique d')",
                "Иран (Исламская Республика)",
                "伊朗伊斯兰共和国",
            ],
        ),
        (
            "GB",
            [
                "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
                "United Kingdom of Great Britain and Northern Ireland",
                "Reino Unido de Gran Bretaña e Irlanda del Norte",
                "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
                "Соединенное Королевство Великобритании и Северной Ирландии",
                "大不列颠及北爱尔兰联合王国",
            ],
        ),
        (
            "US",
            [
                "الولايات المتحدة الأمريكية",
                "United States of America",
                "Estados Unidos de América",
                "États-Unis d'Amérique",
                "Соединенные Штаты Америки",
                "美利坚合众国",
            ],
        ),
        (
            "KP",
            [
                "جمهورية كوريا الشعبية الديمقراطية",
                "Democratic People's Republic of Korea",
                "República Popular Democrática de Corea",
                "République populaire démocratique de Corée",
                "Корейская Народно-Демократическая Республика",
                "朝鲜民主主义人民共和国",
            ],
        ),
        (
            "RU",
            [
                "الاتحاد الروسي",
                "Russian Federation",
                "Federación de Rusia",
                "Fédération de Russie",
                "Российская Федерация",
                "俄罗斯联邦",
            ],
        ),
        ("CN", ["الصين", "China", "China", "Chine", "Китай", "中国"]),
        ("NR", ["ناورو", "Nauru", "Nauru", "Nauru", "Науру", "瑙鲁"]),
    ];

    #[test]
    fn un_short_names_keep_the_held_forms_in_six_languages() {
        for (code, names) in HELD {
            for (lang, expected) in Lang::ALL.into_iter().zip(names) {
                assert_eq!(
                    un_short_name(code, lang),
                    Some(expected),
                    "{code} in {lang}"
                );
            }
        }
        assert_eq!(
            un_short_name("nl", Lang::Fr),
            Some("Pays-Bas (Royaume des)"),
            "any case of code"
        );
        assert_eq!(un_short_name(" Tr ", Lang::En), Some("Türkiye"));
        assert_eq!(un_short_name("XX", Lang::En), None);
        assert_eq!(un_short_name("", Lang::En), None);
    }

    #[test]
    fn every_code_has_six_clean_names() {
        let rows: Vec<serde_json::Value> =
            serde_json::from_str(NAMES_JSON).expect("the table is JSON");
        assert_eq!(
            rows.len(),
            CelesCountry::get_countries().len(),
            "one row per code celes knows, no more"
        );
        for c in CelesCountry::get_countries() {
            for lang in Lang::ALL {
                let name = un_short_name(c.alpha2, lang)
                    .unwrap_or_else(|| panic!("{} has no {lang} name", c.alpha2));
                assert!(!name.is_empty(), "{} in {lang} is empty", c.alpha2);
                assert_eq!(name, name.trim(), "{} in {lang} has outer spaces", c.alpha2);
                assert!(!name.contains("  "), "{} in {lang}: double space", c.alpha2);
                assert!(
                    !name.contains('\u{2019}'),
                    "{} in {lang}: UNTERM writes '",
                    c.alpha2
                );
                assert!(!name.ends_with("(the)"), "{} in {lang}: article", c.alpha2);
                assert!(
                    !(name.contains('(') && (name.contains(" - ") || name.contains('_'))),
                    "{} in {lang}: Arabic index form {name}",
                    c.alpha2
                );
            }
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
        let tr = list
            .iter()
            .find(|c| c.code == "TR")
            .expect("Türkiye is listed");
        assert_eq!(
            tr.name, "Türkiye",
            "the list names countries as the UN does"
        );
    }
}
