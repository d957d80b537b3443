//! Which column of a file holds which attendee field. Headers are matched ignoring case,
//! spaces, underscores, hyphens and dots, with the synonyms that registration systems and
//! ministries use. The canonical header is the snake_case field name that `attendee list
//! --json` and the CSV export use, so an export maps itself.

use serde::{Deserialize, Serialize};

macro_rules! fields {
    ($($variant:ident = $key:literal [$($synonym:literal),*]),+ $(,)?) => {
        /// A field that an import can fill.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(rename_all = "snake_case")]
        pub enum ImportField { $($variant),+ }

        impl ImportField {
            pub const ALL: &'static [ImportField] = &[$(ImportField::$variant),+];

            /// The canonical column name.
            pub fn key(self) -> &'static str {
                match self { $(ImportField::$variant => $key),+ }
            }

            fn synonyms(self) -> &'static [&'static str] {
                match self { $(ImportField::$variant => &[$($synonym),*]),+ }
            }
        }
    };
}

fields! {
    Id = "id" ["attendeeid", "personid", "uuid"],
    Honorific = "honorific" ["title", "salutation", "prefix", "civility", "courtesytitle"],
    GivenName = "given_name" ["givenname", "firstname", "first", "forename", "givennames", "prenom", "名"],
    FamilyName = "family_name" ["familyname", "lastname", "last", "surname", "nom", "姓"],
    FullName = "full_name" ["fullname", "name", "participant", "participantname", "attendee", "attendeename", "delegate", "姓名"],
    NameOrder = "name_order" ["nameorder"],
    GivenNameLatin = "given_name_latin" ["givennamelatin", "firstnamelatin", "givennameenglish", "firstnameenglish", "givennameroman"],
    FamilyNameLatin = "family_name_latin" ["familynamelatin", "lastnamelatin", "surnamelatin", "familynameenglish", "lastnameenglish", "surnameenglish"],
    Country = "country" ["countrycode", "nationality", "citizenship", "iso", "iso2", "iso3", "countryname", "memberstate", "国家"],
    Organization = "organization" ["organisation", "institution", "affiliation", "ministry", "agency", "employer", "company", "org", "单位"],
    Position = "position" ["jobtitle", "function", "role", "designation", "post", "职务"],
    Category = "category" ["type", "attendeetype", "participanttype", "group"],
    Email = "email" ["e-mail", "mail", "emailaddress", "电子邮件", "邮箱"],
    Phone = "phone" ["telephone", "tel", "mobile", "cell", "phonenumber", "mobilephone", "whatsapp", "电话"],
    Languages = "languages" ["language", "langs", "spokenlanguages"],
    Dietary = "dietary" ["diet", "dietaryrequirements", "dietaryneeds", "meal", "mealpreference", "food"],
    Accessibility = "accessibility" ["access", "accessibilityneeds", "specialneeds", "disability"],
    Notes = "notes" ["note", "remarks", "comments", "comment", "remark", "备注"],
    Attending = "attending" ["attend", "confirmed", "present"],
}

/// A header folded for matching: lower case, without spaces, underscores, hyphens or dots.
fn fold(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '_' | '-' | '.' | '\u{a0}' | '\u{3000}' | '/' | '(' | ')'
            )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Columns of Plenary's own export that an import reads past on purpose: they describe
/// the stored record, not what a person is.
const SYSTEM_COLUMNS: [&str; 4] = ["eventid", "createdat", "updatedat", "checkedinat"];

/// The field a header names, if it names one.
pub fn field_for(header: &str) -> Option<ImportField> {
    let folded = fold(header);
    ImportField::ALL
        .iter()
        .copied()
        .find(|f| fold(f.key()) == folded || f.synonyms().iter().any(|s| fold(s) == folded))
}

/// One column of the file and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnMapping {
    pub header: String,
    /// The field it fills, or null to leave it out.
    pub field: Option<ImportField>,
    /// True when the header was not recognised; the preview lists these so that the user
    /// can map them instead of losing them silently.
    pub unknown: bool,
}

/// The mapping a file's headers suggest. A field claimed twice goes to the first column;
/// the later one is left out and flagged, so that nothing is silently overwritten.
pub fn suggest(headers: &[String]) -> Vec<ColumnMapping> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|header| {
            let field = field_for(header).filter(|f| !taken.contains(f));
            if let Some(f) = field {
                taken.push(f);
            }
            let system = SYSTEM_COLUMNS.contains(&fold(header).as_str());
            ColumnMapping {
                header: header.clone(),
                field,
                unknown: field.is_none() && !system,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_is_its_own_index_in_all() {
        // The import looks columns up in an array indexed by `field as usize`.
        for (i, field) in ImportField::ALL.iter().enumerate() {
            assert_eq!(*field as usize, i, "{field:?}");
        }
    }

    #[test]
    fn synonyms_and_spellings_map() {
        for (header, field) in [
            ("First Name", ImportField::GivenName),
            ("given-name", ImportField::GivenName),
            ("LAST_NAME", ImportField::FamilyName),
            ("Surname", ImportField::FamilyName),
            ("Full name", ImportField::FullName),
            ("Nationality", ImportField::Country),
            ("Country Code", ImportField::Country),
            ("Organisation", ImportField::Organization),
            ("Institution", ImportField::Organization),
            ("Affiliation", ImportField::Organization),
            ("Job Title", ImportField::Position),
            ("Function", ImportField::Position),
            ("E-mail", ImportField::Email),
            ("Mail", ImportField::Email),
            ("Telephone", ImportField::Phone),
            ("Mobile", ImportField::Phone),
            ("\u{feff}family_name", ImportField::FamilyName),
            ("given_name_latin", ImportField::GivenNameLatin),
        ] {
            assert_eq!(field_for(header), Some(field), "{header}");
        }
        assert_eq!(field_for("Shoe size"), None);
    }

    #[test]
    fn unknown_and_repeated_columns_are_flagged() {
        let headers: Vec<String> = ["Surname", "Hotel", "Last name", "created_at"]
            .map(String::from)
            .to_vec();
        let mapping = suggest(&headers);
        assert_eq!(mapping[0].field, Some(ImportField::FamilyName));
        assert!(mapping[1].unknown && mapping[1].field.is_none());
        assert!(
            mapping[2].unknown && mapping[2].field.is_none(),
            "a second family-name column is not mapped over the first"
        );
        assert!(
            !mapping[3].unknown && mapping[3].field.is_none(),
            "the export's own bookkeeping columns are skipped without a warning"
        );
    }
}
