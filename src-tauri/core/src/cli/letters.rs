//! `plenary letter settings|template`: the letterhead of an event's letters and their wording
//! (`crate::letters`). Letters themselves print with `plenary print letter --template …`.

use super::output::{json, line};
use super::Outcome;
use crate::letters::{self, LetterKind, Letterhead};
use crate::sql::Connection;
use crate::{clock, ops, Error, Lang, Result};
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum LetterCommand {
    /// Show or change the letterhead: the reference prefix (PREFIX/YEAR/SEQ), the lines at
    /// the top (the organisers; "\n" between lines), the signatory's name and title, and the
    /// place. An empty value goes back to the default (a prefix from the event's name, its
    /// organisers, its city). Without a flag, shows them; --json as an object.
    Settings {
        #[arg(long)]
        prefix: Option<String>,
        #[arg(long)]
        letterhead: Option<String>,
        #[arg(long)]
        signatory_name: Option<String>,
        #[arg(long)]
        signatory_title: Option<String>,
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        event: Option<String>,
    },
    /// Show or change a letter's wording in a language: its subject (--subject) and its text
    /// (--body-file, UTF-8, a blank line between paragraphs), with placeholders such as
    /// {{name}}, {{country}}, {{passport_number}}; --reset goes back to the built-in text.
    Template {
        #[arg(long, value_enum)]
        template: LetterKind,
        /// ar, en, es, fr, ru or zh (default: the event's language).
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        #[arg(long)]
        subject: Option<String>,
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
        #[arg(long, conflicts_with_all = ["subject", "body_file"])]
        reset: bool,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        event: Option<String>,
    },
}

pub(super) fn run(
    conn: &mut Connection,
    command: LetterCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        LetterCommand::Settings {
            prefix,
            letterhead,
            signatory_name,
            signatory_title,
            place,
            json: as_json,
            event,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let mut settings = letters::settings(conn, &event_id)?;
            let given = [
                &prefix,
                &letterhead,
                &signatory_name,
                &signatory_title,
                &place,
            ];
            if given.iter().any(|v| v.is_some()) {
                let old = settings.stored.clone();
                let input = Letterhead {
                    reference_prefix: prefix.unwrap_or(old.reference_prefix),
                    letterhead: letterhead
                        .map(|l| l.replace("\\n", "\n"))
                        .unwrap_or(old.letterhead),
                    signatory_name: signatory_name.unwrap_or(old.signatory_name),
                    signatory_title: signatory_title
                        .map(|l| l.replace("\\n", "\n"))
                        .unwrap_or(old.signatory_title),
                    place: place.unwrap_or(old.place),
                };
                settings = letters::set_letterhead(conn, &event_id, &input, clock::now())?;
            }
            if as_json {
                json(out, &settings)?;
            } else {
                let shown = |own: &str, default: &str| {
                    if own.is_empty() {
                        format!("{default} (default)")
                    } else {
                        own.to_owned()
                    }
                };
                let (s, d) = (&settings.stored, &settings.defaults);
                for (label, value) in [
                    (
                        "Reference prefix",
                        shown(&s.reference_prefix, &d.reference_prefix),
                    ),
                    (
                        "Letterhead",
                        shown(&s.letterhead, &d.letterhead).replace('\n', " | "),
                    ),
                    ("Signatory", s.signatory_name.clone()),
                    ("Signatory's title", s.signatory_title.replace('\n', " | ")),
                    ("Place", shown(&s.place, &d.place)),
                ] {
                    line(out, format_args!("{label}: {value}"))?;
                }
            }
        }
        LetterCommand::Template {
            template,
            lang,
            subject,
            body_file,
            reset,
            json: as_json,
            event,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let lang = match lang {
                Some(code) => super::events::parse_language("lang", &code)?,
                None => ops::get_event(conn, &event_id)?.language,
            };
            let current = letters::template(conn, &event_id, template, lang)?;
            let shown = if reset {
                letters::reset_template(conn, &event_id, template, lang)?
            } else if subject.is_some() || body_file.is_some() {
                let body = match &body_file {
                    Some(path) => std::fs::read_to_string(path).map_err(|source| Error::Io {
                        path: path.display().to_string(),
                        source,
                    })?,
                    None => current.body.clone(),
                };
                let subject = subject.unwrap_or(current.subject.clone());
                letters::set_template(
                    conn,
                    &event_id,
                    template,
                    lang,
                    &subject,
                    &body,
                    clock::now(),
                )?
            } else {
                current
            };
            if as_json {
                json(out, &shown)?;
            } else {
                let whose = if shown.custom {
                    "the event's own"
                } else {
                    "built-in"
                };
                line(
                    out,
                    format_args!(
                        "{} letter, {} ({whose} wording)",
                        shown.kind.as_str(),
                        Lang::code(shown.lang)
                    ),
                )?;
                line(out, format_args!("Subject: {}", shown.subject))?;
                line(out, format_args!("\n{}", shown.body))?;
            }
        }
    }
    Ok(Outcome::Done)
}
