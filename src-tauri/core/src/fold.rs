//! Folding text for search: case, accents and script do not matter.
//!
//! Each attendee stores a search key with two parts: the native text folded (lower case, no
//! combining marks, so "Müller" becomes "muller" and "张伟" stays "张伟"), and an ASCII
//! transliteration (deunicode, so "张伟" also reads "zhang wei"). A query token is folded the
//! same way and must occur somewhere in the key. FTS5 is not used because it does not split
//! CJK names into words.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Separates the native part of a key from its transliteration. It never occurs in a folded
/// query, so no token can match across the two parts.
const PART_SEPARATOR: &str = " \u{1} ";

/// Lower case, compatibility-decomposed, with combining marks removed and white space
/// collapsed to single spaces.
pub fn fold_native(text: &str) -> String {
    // ASCII has nothing to decompose or strip: lower case is the whole fold. Most names in
    // a large import are ASCII, and this is where an import spends its time.
    if text.is_ascii() {
        return collapse_whitespace(&text.to_ascii_lowercase());
    }
    let stripped: String = text.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let lowered = stripped.to_lowercase();
    let recomposed: String = lowered.nfc().collect();
    collapse_whitespace(&recomposed)
}

/// The ASCII transliteration of `text`, lower case, white space collapsed.
pub fn fold_latin(text: &str) -> String {
    if text.is_ascii() {
        return fold_native(text);
    }
    collapse_whitespace(&deunicode::deunicode_with_tofu(text, " ").to_lowercase())
}

/// The search key for a set of fields: every field folded natively, then all of them
/// transliterated. Fields are joined with " | " so that a token cannot span two fields.
pub fn search_key<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let fields: Vec<&str> = fields
        .into_iter()
        .filter(|f| !f.trim().is_empty())
        .collect();
    let native = fields
        .iter()
        .map(|f| fold_native(f))
        .collect::<Vec<_>>()
        .join(" | ");
    // Text that is all ASCII transliterates to itself: a second copy would match nothing
    // more, and most keys of a large import are such (it halves what they store).
    if fields.iter().all(|f| f.is_ascii()) {
        return native;
    }
    let latin = fields
        .iter()
        .map(|f| fold_latin(f))
        .collect::<Vec<_>>()
        .join(" | ");
    format!("{native}{PART_SEPARATOR}{latin}")
}

/// Splits a query into folded tokens; every token must match for a record to match.
pub fn query_tokens(query: &str) -> Vec<String> {
    fold_native(query)
        .split(' ')
        .filter(|t| !t.is_empty() && *t != "|")
        .map(str::to_owned)
        .collect()
}

/// Whether a stored key matches every token of a query (the same test SQL runs with `instr`).
pub fn matches(key: &str, tokens: &[String]) -> bool {
    tokens.iter().all(|t| key.contains(t.as_str()))
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(record: &[&str], query: &str) -> bool {
        matches(&search_key(record.iter().copied()), &query_tokens(query))
    }

    #[test]
    fn search_ignores_case_accents_and_script() {
        // (record fields, query, expected) side by side.
        let cases: &[(&[&str], &str, bool)] = &[
            (&["Jürgen", "Müller"], "muller", true),
            (&["Jürgen", "Müller"], "MÜLLER", true),
            (&["伟", "张"], "zhang", true),
            (&["伟", "张"], "张", true),
            (&["伟", "张"], "张伟", false), // stored in given, family order: "伟 | 张"
            (&["伟", "张"], "wei zhang", true),
            (&["Nguyễn Thị", "Hương"], "nguyen huong", true),
            (&["Ольга", "Иванова"], "иванова", true),
            (&["Ольга", "Иванова"], "ivanova", true),
            (&["محمد", "العلي"], "محمد", true),
            (&["Çağlar", "Öztürk"], "caglar", true),
            (&["Ana", "Silva"], "zhang", false),
            (&["伟", "张"], "李", false),
        ];
        for (record, query, expected) in cases {
            assert_eq!(
                finds(record, query),
                *expected,
                "query {query:?} against {record:?} should give {expected}"
            );
        }
    }

    #[test]
    fn a_token_cannot_span_two_fields() {
        // "ana silva" must not match a person whose given name ends and family name starts
        // such that only the joined text matches; here "a s" spans the field boundary.
        assert!(
            !finds(&["Ana", "Silva"], "a|s"),
            "the separator is not searchable"
        );
        assert!(!matches(&search_key(["ab", "cd"]), &query_tokens("bc")));
    }

    #[test]
    fn the_ascii_shortcut_folds_like_the_general_path() {
        for text in ["  Ana  MARIA\tSilva ", "O'Brien-Smith", "x\u{1}y", "", "  "] {
            let general: String = collapse_whitespace(
                &text
                    .nfkd()
                    .filter(|c| !is_combining_mark(*c))
                    .collect::<String>()
                    .to_lowercase(),
            );
            assert_eq!(fold_native(text), general, "{text:?}");
            let latin =
                collapse_whitespace(&deunicode::deunicode_with_tofu(text, " ").to_lowercase());
            assert_eq!(fold_latin(text), latin, "{text:?}");
        }
    }

    #[test]
    fn an_ascii_record_stores_its_text_once_and_is_still_found() {
        let key = search_key(["Ana Silva", "Silva Ana", "Ministry of Digital Affairs"]);
        assert_eq!(key, "ana silva | silva ana | ministry of digital affairs");
        assert!(matches(&key, &query_tokens("SILVA ministry")));
        // One field in another script brings the transliterated part back.
        let key = search_key(["Ana Silva", "张伟"]);
        assert!(key.contains(PART_SEPARATOR), "{key:?}");
        assert!(matches(&key, &query_tokens("zhang wei")));
    }

    #[test]
    fn empty_query_has_no_tokens() {
        assert!(
            query_tokens("   ").is_empty(),
            "a blank query filters nothing"
        );
    }
}
