//! How a person's name is written: in their own order, with the family name in capitals where
//! the event follows UN practice, and the Latin form beside the native one. This is the one
//! name rule: lists, exports, calendars and print call it, and the UI's `names.ts` follows it
//! case by case (the cases in `ui/src/lib/generated/name-cases.json`, see `ui_tables.rs`).
//!
//! The rule:
//! - every part is trimmed and its runs of white space become one space;
//! - with `upper`, the family name is upper-cased by Unicode's case mapping (scripts without
//!   case, such as Han or Arabic, are left as they are);
//! - given and family name go in the person's order, joined by a space, or by nothing when
//!   both are written in CJK characters ([`is_cjk`]): 马朝旭, not 马 朝旭;
//! - the full name is the honorific, the Latin form when there is one and it differs from the
//!   native form (a Latin-script name typed twice is shown once), then the native form.

use crate::model::{Attendee, NameOrder};

/// The characters that make a name CJK (Han, kana, Hangul, and the iteration marks of
/// Japanese names such as 佐々木), as inclusive code point ranges. The UI reads this list from
/// the generated `core-tables.json`, so both sides agree on every character.
pub const CJK_RANGES: &[(u32, u32)] = &[
    (0x1100, 0x11FF),   // Hangul Jamo
    (0x3005, 0x3007),   // 々 〆 〇
    (0x3040, 0x30FF),   // Hiragana, Katakana (with ・ and ー)
    (0x3130, 0x318F),   // Hangul Compatibility Jamo
    (0x31F0, 0x31FF),   // Katakana Phonetic Extensions
    (0x3400, 0x4DBF),   // CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),   // CJK Unified Ideographs
    (0xAC00, 0xD7AF),   // Hangul Syllables
    (0xF900, 0xFAFF),   // CJK Compatibility Ideographs
    (0xFF66, 0xFF9F),   // Halfwidth Katakana
    (0x20000, 0x323AF), // CJK Unified Ideographs Extensions B to H, compatibility supplement
];

/// Marks that may stand between the characters of a CJK name without making it non-CJK: the
/// middle dot of Chinese transliterations (约翰·史密斯). White space is ignored too.
pub const CJK_MARKS: &[char] = &['\u{00B7}'];

/// Whether a character is one of [`CJK_RANGES`].
pub fn is_cjk(c: char) -> bool {
    let c = c as u32;
    CJK_RANGES
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// The parts of a record that make up a person's name.
#[derive(Debug, Clone, Copy)]
pub struct NameParts<'a> {
    pub honorific: &'a str,
    pub given: &'a str,
    pub family: &'a str,
    pub given_latin: &'a str,
    pub family_latin: &'a str,
    pub order: NameOrder,
}

impl<'a> From<&'a Attendee> for NameParts<'a> {
    fn from(a: &'a Attendee) -> Self {
        NameParts {
            honorific: &a.honorific,
            given: &a.given_name,
            family: &a.family_name,
            given_latin: &a.given_name_latin,
            family_latin: &a.family_name_latin,
            order: a.name_order,
        }
    }
}

/// A name on two lines, for badges and name plates: the Latin form in large type when there
/// is one, the native form under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    pub first: String,
    /// Empty when the name has one form only.
    pub second: String,
}

impl NameParts<'_> {
    /// The full name: honorific, Latin form, native form. "H.E. Mr MA Zhaoxu 马朝旭".
    pub fn display(&self, upper: bool) -> String {
        let lines = self.lines(upper);
        spaced([clean(self.honorific), lines.first, lines.second])
    }

    /// The name without its honorific, for confirmations and messages ("MA Zhaoxu 马朝旭").
    pub fn plain(&self, upper: bool) -> String {
        let lines = self.lines(upper);
        spaced([lines.first, lines.second])
    }

    /// The Latin form (when there is one and it differs from the native form), then the native.
    pub fn lines(&self, upper: bool) -> Lines {
        let native = join(self.given, self.family, self.order, upper);
        let latin = join(self.given_latin, self.family_latin, self.order, upper);
        if latin.is_empty() || latin == native {
            Lines {
                first: native,
                second: String::new(),
            }
        } else {
            Lines {
                first: latin,
                second: native,
            }
        }
    }
}

/// The full display name of an attendee; see [`NameParts::display`].
pub fn display(a: &Attendee, upper: bool) -> String {
    NameParts::from(a).display(upper)
}

/// An attendee's name without the honorific; see [`NameParts::plain`].
pub fn plain(a: &Attendee, upper: bool) -> String {
    NameParts::from(a).plain(upper)
}

/// Joins a given and a family name in the person's order; the family name is capitalised
/// when `upper` is set.
pub fn join(given: &str, family: &str, order: NameOrder, upper: bool) -> String {
    let given = clean(given);
    let family = if upper {
        clean(family).to_uppercase()
    } else {
        clean(family)
    };
    let (first, second) = match order {
        NameOrder::GivenFirst => (given, family),
        NameOrder::FamilyFirst => (family, given),
    };
    if first.is_empty() || second.is_empty() {
        return first + &second;
    }
    let sep = if all_cjk(&first) && all_cjk(&second) {
        ""
    } else {
        " "
    };
    format!("{first}{sep}{second}")
}

/// The text trimmed, with each run of white space (Unicode's White_Space) made one space.
pub fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the text has CJK characters and nothing else but white space and [`CJK_MARKS`].
fn all_cjk(text: &str) -> bool {
    let mut letters = text
        .chars()
        .filter(|c| !c.is_whitespace() && !CJK_MARKS.contains(c))
        .peekable();
    letters.peek().is_some() && letters.all(is_cjk)
}

fn spaced<const N: usize>(parts: [String; N]) -> String {
    parts
        .iter()
        .filter(|s| !s.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use NameOrder::{FamilyFirst, GivenFirst};

    #[test]
    fn names_follow_the_persons_order() {
        let cases = [
            ("朝旭", "马", FamilyFirst, true, "马朝旭"),
            ("Zhaoxu", "Ma", FamilyFirst, true, "MA Zhaoxu"),
            ("António", "Guterres", GivenFirst, true, "António GUTERRES"),
            ("António", "Guterres", GivenFirst, false, "António Guterres"),
            ("Ольга", "Иванова", GivenFirst, true, "Ольга ИВАНОВА"),
            ("Thị Hương", "Nguyễn", FamilyFirst, true, "NGUYỄN Thị Hương"),
            ("", "Ali", GivenFirst, false, "Ali"),
            ("Ali", "", GivenFirst, true, "Ali"),
            ("", "", FamilyFirst, true, ""),
        ];
        for (given, family, order, upper, expected) in cases {
            assert_eq!(
                join(given, family, order, upper),
                expected,
                "{given} / {family}: the person's order, family name in capitals when asked"
            );
        }
    }

    #[test]
    fn white_space_is_trimmed_and_collapsed() {
        assert_eq!(
            join("  Ana \t Maria ", " da  Silva\u{a0}", GivenFirst, false),
            "Ana Maria da Silva",
            "tabs, double and no-break spaces are one space, none at the ends"
        );
        assert_eq!(
            join(" 朝旭\u{3000}", "\u{3000}马 ", FamilyFirst, false),
            "马朝旭",
            "an ideographic space around CJK parts does not separate them"
        );
        assert_eq!(
            clean("\u{feff}x"),
            "\u{feff}x",
            "a byte-order mark is not white space (Unicode's White_Space), so it stays"
        );
    }

    #[test]
    fn cjk_names_are_written_without_a_space() {
        let cases = [
            (
                "太郎",
                "佐々木",
                "佐々木太郎",
                "々 is part of a Japanese name",
            ),
            ("민준", "김", "김민준", "Hangul"),
            ("ひろし", "やまだ", "やまだひろし", "kana"),
            (
                "约翰·保罗",
                "史密斯",
                "史密斯约翰·保罗",
                "a middle dot inside a Chinese name",
            ),
            ("Wei", "张", "张 Wei", "mixed scripts keep the space"),
            (
                "𠀋",
                "𠮷野",
                "𠮷野𠀋",
                "characters outside the Basic Multilingual Plane",
            ),
        ];
        for (given, family, expected, why) in cases {
            assert_eq!(join(given, family, FamilyFirst, true), expected, "{why}");
        }
    }

    fn parts<'a>(
        honorific: &'a str,
        (given, family): (&'a str, &'a str),
        (given_latin, family_latin): (&'a str, &'a str),
        order: NameOrder,
    ) -> NameParts<'a> {
        NameParts {
            honorific,
            given,
            family,
            given_latin,
            family_latin,
            order,
        }
    }

    #[test]
    fn the_latin_form_comes_first_and_only_when_it_differs() {
        let ma = parts("H.E. Mr", ("朝旭", "马"), ("Zhaoxu", "Ma"), FamilyFirst);
        assert_eq!(ma.display(true), "H.E. Mr MA Zhaoxu 马朝旭");
        assert_eq!(ma.display(false), "H.E. Mr Ma Zhaoxu 马朝旭");
        assert_eq!(ma.plain(true), "MA Zhaoxu 马朝旭", "no honorific");
        assert_eq!(
            ma.lines(true),
            Lines {
                first: "MA Zhaoxu".into(),
                second: "马朝旭".into()
            },
            "the Latin form in large type, the native one under it"
        );

        let twice = parts("Ms", ("Ana", "Silva"), (" Ana", "Silva  "), GivenFirst);
        assert_eq!(
            twice.display(true),
            "Ms Ana SILVA",
            "a Latin form equal to the native one (spaces aside) is shown once"
        );
        assert_eq!(twice.lines(true).second, "", "and printed once");

        let no_latin = parts("  Dr ", ("Ольга", "Иванова"), ("", ""), GivenFirst);
        assert_eq!(no_latin.display(true), "Dr Ольга ИВАНОВА");
        let only_family = parts("", ("", "Ma"), ("", "Ma"), FamilyFirst);
        assert_eq!(only_family.display(true), "MA");
        let empty = parts("", ("", ""), ("", ""), GivenFirst);
        assert_eq!(empty.display(true), "", "nothing at all stays empty");
    }
}
