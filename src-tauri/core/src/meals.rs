//! Meal counts for the caterer: for each meal of the programme, how many people to expect and
//! how many of them need which diet.
//!
//! The attendee's dietary field stays free text, typed by the organiser or imported from a
//! registration form in any of the six languages. [`Need::of`] reads it into one of the
//! caterer's categories; a value it does not recognise is counted as `other: TEXT`, so that
//! nothing is silently dropped, and allergies are listed apart by person, because a caterer
//! needs each one, not a number.
//!
//! Who is expected at a meal: everyone still attending (checked in or not yet arrived); a meal
//! that has sign-ups (a banquet by invitation) expects only the attending people signed up.

use crate::model::{Attendee, AttendeeFilter};
use crate::schedule::model::SessionType;
use crate::schedule::ops as sched;
use crate::sql::Connection;
use crate::store::signups;
use crate::{fold, names, ops, Result};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A caterer's category of dietary need.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    None,
    Vegetarian,
    Vegan,
    Halal,
    Kosher,
    GlutenFree,
    /// Any allergy or intolerance; the person and the text are listed apart.
    Allergies,
    /// A value that is none of the above, as typed (trimmed).
    Other(String),
}

/// The words each category is known by, folded (lower case, no accents), in the six UN
/// languages. A value matches a category when, folded, it equals one of these.
const WORDS: &[(Need, &[&str])] = &[
    (
        Need::None,
        &[
            "",
            "-",
            "none",
            "no",
            "nil",
            "n/a",
            "na",
            "normal",
            "regular",
            "standard",
            "aucun",
            "aucune",
            "rien",
            "ninguno",
            "ninguna",
            "nada",
            "нет",
            "обычное",
            "无",
            "没有",
            "普通",
            "لا",
            "لا يوجد",
            "عادي",
        ],
    ),
    (
        Need::Vegetarian,
        &[
            "vegetarian",
            "veggie",
            "vegetarien",
            "vegetarienne",
            "vegetariano",
            "vegetariana",
            "вегетарианское",
            "вегетарианец",
            "вегетарианка",
            "вегетарианская",
            "素食",
            "素",
            "نباتي",
        ],
    ),
    (
        Need::Vegan,
        &[
            "vegan",
            "vegane",
            "vegetalien",
            "vegetalienne",
            "vegano",
            "vegana",
            "веган",
            "веганское",
            "веганская",
            "纯素",
            "全素",
            "نباتي صرف",
            "نباتي صارم",
        ],
    ),
    (
        Need::Halal,
        &["halal", "hallal", "халяль", "халял", "清真", "حلال"],
    ),
    (
        Need::Kosher,
        &[
            "kosher",
            "casher",
            "cacher",
            "kasher",
            "кошерное",
            "кошер",
            "洁食",
            "犹太洁食",
            "كوشر",
        ],
    ),
    (
        Need::GlutenFree,
        &[
            "gluten-free",
            "gluten free",
            "glutenfree",
            "no gluten",
            "coeliac",
            "celiac",
            "sans gluten",
            "sin gluten",
            "без глютена",
            "无麸质",
            "无谷蛋白",
            "خال من الغلوتين",
            "خالي من الغلوتين",
            "بدون غلوتين",
        ],
    ),
];

/// Parts of words that mark an allergy or an intolerance, folded, in the six languages.
const ALLERGY_STEMS: &[&str] = &[
    "allerg",
    "alerg",
    "intoleran",
    "аллерг",
    "непереносим",
    "过敏",
    "不耐",
    "حساسية",
    "تحسس",
];

impl Need {
    /// Reads a dietary field. Case, accents, spaces and a final full stop do not matter.
    pub fn of(text: &str) -> Need {
        let trimmed = text.trim();
        let folded = fold_need(trimmed);
        for (need, words) in WORDS {
            if words.contains(&folded.as_str()) {
                return need.clone();
            }
        }
        if ALLERGY_STEMS.iter().any(|stem| folded.contains(stem)) {
            return Need::Allergies;
        }
        Need::Other(trimmed.to_owned())
    }

    /// The key in `counts`: `none`, `vegetarian`, …, `gluten_free`, `allergies`, or
    /// `other: TEXT`.
    pub fn key(&self) -> String {
        match self {
            Need::None => "none".into(),
            Need::Vegetarian => "vegetarian".into(),
            Need::Vegan => "vegan".into(),
            Need::Halal => "halal".into(),
            Need::Kosher => "kosher".into(),
            Need::GlutenFree => "gluten_free".into(),
            Need::Allergies => "allergies".into(),
            Need::Other(text) => format!("other: {text}"),
        }
    }
}

/// Lower case without accents, inner spaces collapsed, and no final full stop.
fn fold_need(text: &str) -> String {
    let folded = fold::fold_native(text);
    let words: Vec<&str> = folded.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches(['.', '。', '!'])
        .trim()
        .to_owned()
}

/// One person's allergy, for the list beside the counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Allergy {
    pub person_id: String,
    pub name: String,
    /// The dietary field as typed.
    pub text: String,
}

/// The counts for one meal session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MealCount {
    pub session_id: String,
    pub title: String,
    /// RFC 3339 with the event's offset.
    pub start: String,
    pub end: String,
    /// The people expected.
    pub total: u32,
    /// From need key to number of people; the numbers add up to `total`. Every category is
    /// present (with 0 when nobody needs it), `other: TEXT` keys only when someone wrote one.
    pub counts: BTreeMap<String, u32>,
    /// The people counted under `allergies`, by name.
    pub allergies: Vec<Allergy>,
    /// True when only the people signed up for the meal are expected.
    pub by_signup: bool,
}

/// The categories every count lists, in the caterer's order.
pub const NEEDS: [Need; 7] = [
    Need::None,
    Need::Vegetarian,
    Need::Vegan,
    Need::Halal,
    Need::Kosher,
    Need::GlutenFree,
    Need::Allergies,
];

/// The meal counts of an event, one per meal session in time order.
pub fn meal_counts(conn: &Connection, event_id: &str) -> Result<Vec<MealCount>> {
    let event = ops::get_event(conn, event_id)?;
    let people: Vec<_> = ops::list_attendees(conn, event_id, &AttendeeFilter::default())?
        .into_iter()
        .filter(|a| a.attending)
        .collect();
    let mut signed: HashMap<String, HashSet<String>> = HashMap::new();
    for (session, person) in signups::list_for_event(conn, event_id)? {
        signed.entry(session).or_default().insert(person);
    }
    let meals = sched::list_sessions(conn, event_id, None)?
        .into_iter()
        .filter(|s| s.kind == SessionType::Meal);
    Ok(meals
        .map(|meal| {
            let invited = signed.get(&meal.id);
            let expected = people
                .iter()
                .filter(|a| invited.is_none_or(|set| set.contains(&a.id)))
                .map(|a| a.as_ref());
            let mut count = count(expected, event.family_name_upper);
            count.by_signup = invited.is_some();
            MealCount {
                session_id: meal.id,
                title: meal.title,
                start: meal.start,
                end: meal.end,
                ..count
            }
        })
        .collect())
}

/// Counts the needs of `people` (the session fields are left empty).
pub fn count<'a>(people: impl Iterator<Item = &'a Attendee>, upper: bool) -> MealCount {
    let mut counts: BTreeMap<String, u32> = NEEDS.iter().map(|n| (n.key(), 0)).collect();
    // "Other" values that differ only in case or accents are one line for the caterer, under
    // the form first met.
    let mut other_keys: HashMap<String, String> = HashMap::new();
    let mut allergies = Vec::new();
    let mut total = 0;
    for person in people {
        total += 1;
        let need = Need::of(&person.dietary);
        let key = match &need {
            Need::Other(text) => other_keys
                .entry(fold_need(text))
                .or_insert_with(|| need.key())
                .clone(),
            _ => need.key(),
        };
        *counts.entry(key).or_default() += 1;
        if need == Need::Allergies {
            allergies.push(Allergy {
                person_id: person.id.clone(),
                name: names::display(person, upper),
                text: person.dietary.trim().to_owned(),
            });
        }
    }
    MealCount {
        session_id: String::new(),
        title: String::new(),
        start: String::new(),
        end: String::new(),
        total,
        counts,
        allergies,
        by_signup: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_words_in_six_languages_read_as_their_category() {
        for (text, need) in [
            ("Vegetarian", Need::Vegetarian),
            ("  végétarienne. ", Need::Vegetarian),
            ("vegetariano", Need::Vegetarian),
            ("Вегетарианское", Need::Vegetarian),
            ("素食", Need::Vegetarian),
            ("نباتي", Need::Vegetarian),
            ("VEGAN", Need::Vegan),
            ("végétalien", Need::Vegan),
            ("纯素", Need::Vegan),
            ("halal", Need::Halal),
            ("حلال", Need::Halal),
            ("Халяль", Need::Halal),
            ("清真", Need::Halal),
            ("Kosher", Need::Kosher),
            ("casher", Need::Kosher),
            ("gluten-free", Need::GlutenFree),
            ("Gluten  free", Need::GlutenFree),
            ("sans gluten", Need::GlutenFree),
            ("sin gluten", Need::GlutenFree),
            ("без глютена", Need::GlutenFree),
            ("无麸质", Need::GlutenFree),
            ("", Need::None),
            ("none", Need::None),
            ("N/A", Need::None),
            ("нет", Need::None),
            ("无", Need::None),
            ("Nut allergy", Need::Allergies),
            ("allergique aux arachides", Need::Allergies),
            ("alergia al marisco", Need::Allergies),
            ("аллергия на орехи", Need::Allergies),
            ("海鲜过敏", Need::Allergies),
            ("lactose intolerant", Need::Allergies),
            ("حساسية من المكسرات", Need::Allergies),
        ] {
            assert_eq!(Need::of(text), need, "{text:?}");
        }
    }

    #[test]
    fn an_unknown_value_counts_as_other_with_its_text() {
        assert_eq!(Need::of(" no pork "), Need::Other("no pork".into()));
        assert_eq!(Need::of("no pork").key(), "other: no pork");
        // A word that merely contains a known one is not that category.
        assert_eq!(
            Need::of("vegetarian except fish"),
            Need::Other("vegetarian except fish".into())
        );
    }

    fn person(id: &str, given: &str, family: &str, dietary: &str) -> Attendee {
        Attendee {
            id: id.into(),
            event_id: "e".into(),
            honorific: String::new(),
            given_name: given.into(),
            family_name: family.into(),
            name_order: crate::model::NameOrder::GivenFirst,
            given_name_latin: String::new(),
            family_name_latin: String::new(),
            country: "FR".into(),
            organization: String::new(),
            position: String::new(),
            category: "official".into(),
            email: String::new(),
            phone: String::new(),
            languages: vec![],
            dietary: dietary.into(),
            accessibility: String::new(),
            notes: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
            attending: true,
            checked_in_at: None,
        }
    }

    #[test]
    fn counts_add_up_to_the_total_and_list_each_allergy() {
        let people = [
            person("1", "Anne", "Martin", "végétarien"),
            person("2", "Omar", "Haddad", "halal"),
            person("3", "Li", "Wei", ""),
            person("4", "Sara", "Cohen", "No pork"),
            person("5", "Juan", "Pérez", "no pork"),
            person("6", "Olga", "Ivanova", "Allergy: peanuts"),
            person("7", "Tom", "Smith", "vegan"),
        ];
        let c = count(people.iter(), true);
        assert_eq!(c.total, 7);
        assert_eq!(c.counts.values().sum::<u32>(), c.total);
        assert_eq!(c.counts["vegetarian"], 1);
        assert_eq!(c.counts["halal"], 1);
        assert_eq!(c.counts["none"], 1);
        assert_eq!(c.counts["vegan"], 1);
        assert_eq!(c.counts["kosher"], 0);
        assert_eq!(c.counts["allergies"], 1);
        // "No pork" and "no pork" are one line, under the form first met.
        assert_eq!(c.counts["other: No pork"], 2);
        assert!(!c.counts.contains_key("other: no pork"));
        assert_eq!(
            c.allergies,
            vec![Allergy {
                person_id: "6".into(),
                name: "Olga IVANOVA".into(),
                text: "Allergy: peanuts".into(),
            }]
        );
    }
}
