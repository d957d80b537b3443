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

// Synonyms are written as people write them; `fold` makes them case-, accent-, space- and
// punctuation-blind. After the English ones come French, Spanish, Russian, Arabic, Chinese and
// German, the languages in which delegations most often send their lists. Russian «Отчество»
// (patronymic) is left out on purpose: no field holds it, so the preview lists it as an
// unknown column and the user decides, instead of it silently filling the given name.
fields! {
    Id = "id" ["attendeeid", "personid", "uuid"],
    Honorific = "honorific" [
        "title", "salutation", "prefix", "civility", "courtesytitle",
        "civilité", "titre de civilité", "tratamiento", "título", "обращение", "اللقب",
        "称谓", "称呼", "Anrede", "Titel"
    ],
    GivenName = "given_name" [
        "givenname", "firstname", "first", "forename", "givennames",
        "prénom", "prénoms", "nombre", "nombres", "nombre de pila", "имя", "الاسم الأول",
        "名", "名字", "Vorname", "Vornamen"
    ],
    FamilyName = "family_name" [
        "familyname", "lastname", "last", "surname",
        "nom", "nom de famille", "apellido", "apellidos", "фамилия", "اسم العائلة",
        "الاسم الأخير", "姓", "姓氏", "Nachname", "Familienname"
    ],
    FullName = "full_name" [
        "fullname", "name", "participant", "participantname", "attendee", "attendeename", "delegate",
        "nom complet", "nom et prénom", "prénom et nom", "nombre completo", "nombre y apellidos",
        "apellidos y nombre", "participante", "ФИО", "полное имя", "участник", "الاسم",
        "الاسم الكامل", "姓名", "全名", "vollständiger Name", "Teilnehmer", "Teilnehmerin"
    ],
    NameOrder = "name_order" ["nameorder"],
    GivenNameLatin = "given_name_latin" [
        "givennamelatin", "firstnamelatin", "givennameenglish", "firstnameenglish", "givennameroman",
        "имя латиницей", "名（拼音）", "名（英文）"
    ],
    FamilyNameLatin = "family_name_latin" [
        "familynamelatin", "lastnamelatin", "surnamelatin", "familynameenglish", "lastnameenglish",
        "surnameenglish", "фамилия латиницей", "姓（拼音）", "姓（英文）"
    ],
    Country = "country" [
        "countrycode", "nationality", "citizenship", "iso", "iso2", "iso3", "countryname", "memberstate",
        "pays", "nationalité", "État membre", "país", "nacionalidad", "Estado miembro", "страна",
        "гражданство", "государство", "البلد", "الدولة", "الجنسية", "国家", "国籍", "国家/地区",
        "Land", "Staatsangehörigkeit", "Nationalität"
    ],
    Organization = "organization" [
        "organisation", "institution", "affiliation", "ministry", "agency", "employer", "company", "org",
        "organisme", "ministère", "entité", "organización", "institución", "organismo", "ministerio",
        "entidad", "организация", "учреждение", "министерство", "ведомство", "المنظمة", "الجهة",
        "المؤسسة", "الوزارة", "单位", "机构", "组织", "工作单位", "Behörde", "Ministerium", "Firma"
    ],
    Position = "position" [
        "jobtitle", "function", "role", "designation", "post",
        "fonction", "poste", "cargo", "puesto", "función", "должность", "المنصب", "الوظيفة",
        "职务", "职位", "Funktion", "Amt"
    ],
    Category = "category" [
        "type", "attendeetype", "participanttype", "group",
        "catégorie", "type de participant", "categoría", "tipo de participante", "категория",
        "الفئة", "类别", "Kategorie", "Teilnehmerart"
    ],
    Email = "email" [
        "e-mail", "mail", "emailaddress",
        "courriel", "adresse électronique", "mél", "correo electrónico", "correo",
        "Эл. почта", "электронная почта", "почта", "البريد الإلكتروني", "电子邮件", "邮箱", "电邮",
        "电子邮箱", "E-Mail-Adresse"
    ],
    Phone = "phone" [
        "telephone", "tel", "mobile", "cell", "phonenumber", "mobilephone", "whatsapp",
        "téléphone", "portable", "teléfono", "móvil", "celular", "телефон", "мобильный телефон",
        "الهاتف", "رقم الهاتف", "الجوال", "电话", "手机", "联系电话", "Telefon", "Handy", "Mobil",
        "Telefonnummer"
    ],
    Languages = "languages" [
        "language", "langs", "spokenlanguages",
        "langue", "langues", "idioma", "idiomas", "язык", "языки", "اللغة", "اللغات", "语言",
        "工作语言", "Sprache", "Sprachen"
    ],
    Dietary = "dietary" [
        "diet", "dietaryrequirements", "dietaryneeds", "meal", "mealpreference", "food",
        "régime alimentaire", "régime", "restrictions alimentaires", "dieta",
        "restricciones alimentarias", "régimen alimentario", "питание", "диета",
        "النظام الغذائي", "饮食", "饮食要求", "Ernährung", "Diät"
    ],
    Accessibility = "accessibility" [
        "access", "accessibilityneeds", "specialneeds", "disability",
        "accessibilité", "besoins particuliers", "accesibilidad", "necesidades especiales",
        "доступность", "особые потребности", "إمكانية الوصول", "الاحتياجات الخاصة", "无障碍",
        "特殊需求", "Barrierefreiheit", "besondere Bedürfnisse"
    ],
    Notes = "notes" [
        "note", "remarks", "comments", "comment", "remark",
        "remarques", "observations", "commentaires", "observaciones", "notas", "comentarios",
        "примечания", "примечание", "комментарий", "комментарии", "ملاحظات", "الملاحظات", "备注",
        "说明", "Bemerkungen", "Anmerkungen", "Notizen"
    ],
    Attending = "attending" [
        "attend", "confirmed", "present",
        "présent", "confirmé", "asiste", "confirmado", "участвует", "حاضر", "出席", "是否出席",
        "Teilnahme", "anwesend"
    ],
}

/// A header folded for matching: compatibility-decomposed (full-width forms become ASCII),
/// without accents or other combining marks (so "Prénom" is "prenom" and "البريد الإلكتروني"
/// matches the spelling without hamza), lower case, without spaces, underscores, hyphens, dots,
/// slashes, brackets, colons, apostrophes or the asterisk that marks a required column.
fn fold(header: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .filter(|c| {
            !matches!(
                c,
                ' ' | '_'
                    | '-'
                    | '.'
                    | '\u{a0}'
                    | '\u{3000}'
                    | '/'
                    | '('
                    | ')'
                    | ':'
                    | '*'
                    | '\''
                    | '\u{2019}'
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
    fn headers_in_the_six_languages_and_german_map() {
        use ImportField as F;
        for (header, field) in [
            ("Nom", F::FamilyName),
            ("Prénom", F::GivenName),
            ("PRENOM", F::GivenName),
            ("Nom de famille", F::FamilyName),
            ("Pays", F::Country),
            ("Organisation", F::Organization),
            ("Fonction", F::Position),
            ("Courriel", F::Email),
            ("Adresse électronique :", F::Email),
            ("Apellidos", F::FamilyName),
            ("Apellido", F::FamilyName),
            ("Nombre", F::GivenName),
            ("País", F::Country),
            ("Cargo", F::Position),
            ("Correo electrónico", F::Email),
            ("Фамилия", F::FamilyName),
            ("Имя", F::GivenName),
            ("Страна", F::Country),
            ("Организация", F::Organization),
            ("Должность", F::Position),
            ("Эл. почта", F::Email),
            ("ФИО", F::FullName),
            ("Ф.И.О.", F::FullName),
            ("الاسم", F::FullName),
            ("اسم العائلة", F::FamilyName),
            ("البلد", F::Country),
            ("المنظمة", F::Organization),
            ("المنصب", F::Position),
            ("البريد الإلكتروني", F::Email),
            ("البريد الالكتروني", F::Email),
            ("姓名", F::FullName),
            ("姓", F::FamilyName),
            ("名", F::GivenName),
            ("国家", F::Country),
            ("单位", F::Organization),
            ("机构", F::Organization),
            ("职务", F::Position),
            ("电子邮件", F::Email),
            ("邮箱", F::Email),
            ("国家/地区", F::Country),
            ("姓（拼音）", F::FamilyNameLatin),
            ("Vorname", F::GivenName),
            ("Nachname", F::FamilyName),
            ("Land", F::Country),
            ("Funktion", F::Position),
            ("E-Mail", F::Email),
            ("Telefon", F::Phone),
            ("Téléphone*", F::Phone),
            ("Remarques", F::Notes),
            ("Catégorie", F::Category),
            ("Langues", F::Languages),
        ] {
            assert_eq!(field_for(header), Some(field), "{header}");
        }
        assert_eq!(
            field_for("Отчество"),
            None,
            "the patronymic is left to the user"
        );
    }

    #[test]
    fn no_header_names_two_fields() {
        let mut seen = std::collections::HashMap::new();
        for &field in ImportField::ALL {
            for name in std::iter::once(field.key()).chain(field.synonyms().iter().copied()) {
                let folded = fold(name);
                assert!(!folded.is_empty(), "{name:?} folds to nothing");
                if let Some(other) = seen.insert(folded.clone(), field) {
                    assert_eq!(other, field, "{name:?} ({folded}) names two fields");
                }
            }
        }
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
