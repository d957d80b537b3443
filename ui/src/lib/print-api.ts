//! The print commands. Like `api` in api.ts, each wraps a generated command and returns its
//! data or throws an `ApiFailure`. Rust lays the documents out (typst) and opens the native
//! Save dialog itself; the UI never sends a path, and never asks the web view to print.
import { unwrap } from "$lib/api";
import type { Lang, Letterhead, LetterKind, PrintRequest } from "$lib/bindings";
import { commands } from "$lib/bindings";

export type {
	AgendaLayout,
	DocumentKind,
	Letterhead,
	LetterKind,
	LetterSettings,
	LetterTemplate,
	PagePreview,
	Paper,
	PrintChoice,
	PrintedFile,
	PrintOptions,
	PrintRequest,
} from "$lib/bindings";

/** The print commands, each returning its data or throwing an `ApiFailure`. */
export const printApi = {
	/** The days, rooms, delegations and speakers the event's documents can be printed for. */
	printOptions: (eventId: string) => unwrap(commands.printOptions(eventId)),
	/** The first pages as SVG documents, the page count and any characters without a font. */
	previewDocument: (request: PrintRequest) => unwrap(commands.previewDocument(request)),
	/** Opens the native Save dialog and writes the PDF; null when the user cancels it. */
	saveDocument: (request: PrintRequest) => unwrap(commands.saveDocument(request)),
	/** Writes the PDF to a temporary folder and opens it in the OS's PDF viewer to print. */
	openDocument: (request: PrintRequest) => unwrap(commands.openDocument(request)),
	/** The letterhead as set, its defaults, and the placeholders a letter may use. */
	letterSettings: (eventId: string) => unwrap(commands.letterSettings(eventId)),
	setLetterhead: (eventId: string, letterhead: Letterhead) =>
		unwrap(commands.setLetterhead(eventId, letterhead)),
	/** A letter's wording in a language: the event's own, or the built-in one. */
	letterTemplate: (eventId: string, kind: LetterKind, lang: Lang) =>
		unwrap(commands.letterTemplate(eventId, kind, lang)),
	setLetterTemplate: (
		eventId: string,
		kind: LetterKind,
		lang: Lang,
		subject: string,
		body: string,
	) => unwrap(commands.setLetterTemplate(eventId, kind, lang, subject, body)),
	resetLetterTemplate: (eventId: string, kind: LetterKind, lang: Lang) =>
		unwrap(commands.resetLetterTemplate(eventId, kind, lang)),
};
