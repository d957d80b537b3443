//! The typesetting engine: typst as a library.
//!
//! A document is one of the templates in `templates/` (fixed markup, compiled into the binary)
//! and one JSON file of data that the template reads with `json("/data.json")`. Names, titles
//! and every other user text reach typst only as JSON strings, which typst places as text:
//! a name such as `#set page(...)` or `*bold*` prints literally. Nothing is ever spliced into
//! markup.
//!
//! Fonts are the operating system's (found once per process with fontdb, the way the typst
//! CLI does it), followed by Libertinus Serif, carried in the binary, as a Latin fallback. After layout every
//! shaped glyph is checked; a character that no font could draw is reported by name, so a
//! missing font never prints a silent box.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::{Frame, FrameItem};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::{Code, Error, Message, Result};

/// The shared markup every template imports (`#import "/common.typ": *`).
const COMMON: &str = include_str!("templates/common.typ");

/// Font families to try first, in order: Latin, then the scripts that a seminar's names come
/// in. Whichever of them this machine has are passed to the templates; typst falls back to
/// any other installed font for a character none of them has.
const PREFERRED_FAMILIES: &[&str] = &[
    // Latin, Cyrillic, Greek, Vietnamese.
    "Noto Sans",
    "Segoe UI",
    "Helvetica Neue",
    "Arial",
    "Liberation Sans",
    // Chinese (simplified forms first), Japanese, Korean: Linux (fonts-noto-cjk), Windows,
    // macOS.
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    // Arabic: Linux (fonts-noto-core), Windows (Segoe UI above has Arabic too), macOS.
    "Noto Sans Arabic",
    "Noto Naskh Arabic",
    "Segoe UI Historic",
    "Geeza Pro",
    // After the Arabic faces: DejaVu Sans has Arabic letters too, but not the forms an Arabic
    // document needs, so it is only the Latin and Cyrillic fallback of last resort.
    "DejaVu Sans",
    // Devanagari, Thai.
    "Noto Sans Devanagari",
    "Nirmala UI",
    "Kohinoor Devanagari",
    "Noto Sans Thai",
    "Leelawadee UI",
    "Thonburi",
    // Embedded in Plenary: always there.
    FALLBACK_FAMILY,
];

/// The Latin face carried inside Plenary ([`EMBEDDED_FONTS`]), used when the system
/// has none of the preferred families.
const FALLBACK_FAMILY: &str = "Libertinus Serif";

/// The weights of the fallback face the templates use (regular, semibold, bold), carried in the
/// binary. Only these: typst-kit's `embedded-fonts` would add 9.6 MB of maths, monospace and
/// Computer Modern faces, and the maths face maps private-use characters to ligatures, which
/// would hide a missing font behind a wrong glyph. Licence: `fonts/OFL.txt`.
const EMBEDDED_FONTS: [&[u8]; 3] = [
    include_bytes!("fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("fonts/LibertinusSerif-Semibold.otf"),
    include_bytes!("fonts/LibertinusSerif-Bold.otf"),
];

fn embedded_fallback() -> impl Iterator<Item = (Font, typst::text::FontInfo)> {
    EMBEDDED_FONTS.into_iter().flat_map(|data| {
        Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        })
    })
}

/// The fonts and the standard library, loaded once per process.
struct Engine {
    library: LazyHash<Library>,
    fonts: FontStore,
    families: Vec<String>,
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut fonts = FontStore::new();
        fonts.extend(typst_kit::fonts::system());
        fonts.extend(embedded_fallback());
        let book = fonts.book();
        let families = PREFERRED_FAMILIES
            .iter()
            .filter(|f| book.contains_family(&f.to_lowercase()))
            .map(|f| (*f).to_owned())
            .collect();
        Engine {
            library: LazyHash::new(Library::default()),
            fonts,
            families,
        }
    })
}

/// The font families the templates ask for, in order (those of [`PREFERRED_FAMILIES`] that
/// this machine has).
pub fn families() -> &'static [String] {
    &engine().families
}

/// One compilation: a template, its data and the date to print in the footer.
struct Job<'a> {
    engine: &'a Engine,
    main: Source,
    common: Source,
    data: Bytes,
    today: Datetime,
}

fn file_id(path: &str) -> FileId {
    // The paths are constants, so this cannot fail.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("bad virtual path {path}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for Job<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.common.id() {
            Ok(self.common.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id("/data.json") {
            Ok(self.data.clone())
        } else {
            Ok(Bytes::from_string(self.source(id)?))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// A laid-out document and what could not be drawn in it.
pub struct Laid {
    pub document: PagedDocument,
    /// Each character no font could draw, with its code point and the texts it is in.
    pub missing: Vec<Message>,
}

/// Lays out `template` (markup that reads `/data.json`) with `data`.
pub fn layout(template: &str, data: &serde_json::Value, today: chrono::NaiveDate) -> Result<Laid> {
    use chrono::Datelike;
    let engine = engine();
    let data_value = data;
    let data = serde_json::to_vec(data).map_err(|e| Error::Render(e.to_string()))?;
    let today = Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8)
        .ok_or_else(|| Error::Render("the print date is out of range".into()))?;
    let job = Job {
        engine,
        main: Source::new(file_id("/main.typ"), template.to_owned()),
        common: Source::new(file_id("/common.typ"), COMMON.to_owned()),
        data: Bytes::new(data),
        today,
    };
    let warned = typst::compile::<PagedDocument>(&job);
    let document = warned
        .output
        .map_err(|errors| Error::Render(describe(&errors)))?;
    let missing = describe_missing(&missing_chars(&document), data_value);
    // Memoised layouts older than a few compilations are of no further use.
    typst::comemo::evict(10);
    Ok(Laid { document, missing })
}

/// The PDF of a laid-out document.
pub fn pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>> {
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(ident.to_owned()),
        creator: typst::foundations::Smart::Custom(Some(
            concat!("Plenary ", env!("CARGO_PKG_VERSION")).to_owned(),
        )),
        ..Default::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| Error::Render(describe(&errors)))
}

/// One page as SVG, for the app's preview.
pub fn svg(document: &PagedDocument, page: usize) -> Option<String> {
    let page = document.pages().get(page)?;
    Some(typst_svg::svg(page, &typst_svg::SvgOptions::default()))
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every character that was shaped as glyph 0 (the font's "missing" box).
fn missing_chars(document: &PagedDocument) -> BTreeSet<char> {
    let mut found = BTreeSet::new();
    for page in document.pages() {
        walk(&page.frame, &mut found);
    }
    found
}

fn walk(frame: &Frame, found: &mut BTreeSet<char>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => walk(&group.frame, found),
            FrameItem::Text(text) => {
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let chars = text.text.get(glyph.range()).unwrap_or("");
                    found.extend(chars.chars().filter(|c| !c.is_whitespace()));
                }
            }
            _ => {}
        }
    }
}

/// The most texts named for one missing character.
const MAX_PLACES: usize = 5;

/// Each missing character with its code point and the texts of the data it occurs in, e.g.
/// "“𞓐” (U+1E4D0) in “Sanne de VRIES 𞓐”": the shaped run alone holds only the character.
fn describe_missing(chars: &BTreeSet<char>, data: &serde_json::Value) -> Vec<Message> {
    if chars.is_empty() {
        return Vec::new();
    }
    let mut texts = Vec::new();
    strings(data, &mut texts);
    chars
        .iter()
        .map(|c| {
            let mut places: Vec<&str> = texts.iter().copied().filter(|t| t.contains(*c)).collect();
            places.sort_unstable();
            places.dedup();
            let named: Vec<&str> = places.iter().copied().take(MAX_PLACES).collect();
            let glyph = |code: Code| {
                Message::new(code)
                    .param("char", c)
                    .param("code_point", format!("{:04X}", u32::from(*c)))
            };
            match (named.is_empty(), places.len() > MAX_PLACES) {
                (true, _) => glyph(Code::MissingGlyph),
                (false, false) => glyph(Code::MissingGlyphIn).param("places", named.join("”, “")),
                (false, true) => glyph(Code::MissingGlyphInMore)
                    .param("places", named.join("”, “"))
                    .param("more", places.len() - MAX_PLACES),
            }
        })
        .collect()
}

fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Forgets every memoised layout, so that the next document is laid out from scratch (the
/// benchmarks measure that case).
pub fn forget_layouts() {
    typst::comemo::evict(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_character_is_named_with_its_code_point_and_where_it_is() {
        let data = serde_json::json!({
            "people": [{ "name": "Sanne de VRIES \u{1E4D0}" }, { "name": "Ana" }],
            "title": "Badges",
        });
        let chars: BTreeSet<char> = ['\u{1E4D0}'].into_iter().collect();
        let found: Vec<String> = describe_missing(&chars, &data)
            .iter()
            .map(Message::english)
            .collect();
        assert_eq!(
            found,
            ["“\u{1E4D0}” (U+1E4D0) in “Sanne de VRIES \u{1E4D0}”"]
        );
        assert!(describe_missing(&BTreeSet::new(), &data).is_empty());
    }

    #[test]
    fn the_embedded_fallback_is_libertinus_serif_in_the_three_weights_the_templates_use() {
        // The templates ask for regular, semibold and bold; a weight missing here would be
        // replaced by the nearest one on a machine without the preferred system fonts.
        let faces: Vec<(String, u16)> = embedded_fallback()
            .map(|(_, info)| (info.family, info.variant.weight.to_number()))
            .collect();
        let expected: Vec<(String, u16)> = [400, 600, 700]
            .into_iter()
            .map(|w| (FALLBACK_FAMILY.to_owned(), w))
            .collect();
        assert_eq!(faces, expected);
    }
}
