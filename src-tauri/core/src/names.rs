//! How a person's name is written: in their own order, with the family name in capitals where
//! the event follows UN practice and the script has capitals.

use crate::model::{Attendee, NameOrder};

/// Whether a character belongs to a script written without spaces between family and given
/// name (Han, kana, Hangul).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn all_cjk(text: &str) -> bool {
    !text.is_empty() && text.chars().filter(|c| !c.is_whitespace()).all(is_cjk)
}

/// Joins a given and a family name in the person's order; the family name is capitalised
/// when `upper` is set.
pub fn join(given: &str, family: &str, order: NameOrder, upper: bool) -> String {
    let family = if upper {
        family.to_uppercase()
    } else {
        family.to_owned()
    };
    let (first, second) = match order {
        NameOrder::GivenFirst => (given, family.as_str()),
        NameOrder::FamilyFirst => (family.as_str(), given),
    };
    let sep = if all_cjk(first) && all_cjk(second) {
        ""
    } else {
        " "
    };
    [first, second]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(sep)
}

/// The full display name: honorific, the Latin form when there is one, then the native form.
/// For example "H.E. Mr MA Zhaoxu 马朝旭".
pub fn display(a: &Attendee, upper: bool) -> String {
    let native = join(&a.given_name, &a.family_name, a.name_order, upper);
    let latin = if a.given_name_latin.is_empty() && a.family_name_latin.is_empty() {
        String::new()
    } else {
        join(
            &a.given_name_latin,
            &a.family_name_latin,
            a.name_order,
            upper,
        )
    };
    [a.honorific.as_str(), latin.as_str(), native.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_persons_order() {
        let cases = [
            ("朝旭", "马", NameOrder::FamilyFirst, true, "马朝旭"),
            ("Zhaoxu", "Ma", NameOrder::FamilyFirst, true, "MA Zhaoxu"),
            (
                "António",
                "Guterres",
                NameOrder::GivenFirst,
                true,
                "António GUTERRES",
            ),
            (
                "António",
                "Guterres",
                NameOrder::GivenFirst,
                false,
                "António Guterres",
            ),
            (
                "Ольга",
                "Иванова",
                NameOrder::GivenFirst,
                true,
                "Ольга ИВАНОВА",
            ),
            (
                "Thị Hương",
                "Nguyễn",
                NameOrder::FamilyFirst,
                true,
                "NGUYỄN Thị Hương",
            ),
            ("", "Ali", NameOrder::GivenFirst, false, "Ali"),
        ];
        for (given, family, order, upper, expected) in cases {
            assert_eq!(
                join(given, family, order, upper),
                expected,
                "{given} / {family}"
            );
        }
    }
}
