//! The Print screen's logic, without Svelte: which controls each document needs, the form's
//! defaults, turning the form into a `PrintRequest`, the preview's pages as object URLs, and
//! the words of its status line. The screen (screens/PrintScreen.svelte) only wires these up.

import type {
	AgendaLayout,
	DocumentKind,
	Edition,
	Lang,
	LetterKind,
	Paper,
	PrintChoice,
	PrintOptions,
	PrintRequest,
} from "$lib/bindings";
import { formatNumber, t } from "$lib/i18n";

/** The documents in the order the screen lists them. */
export const KINDS: readonly DocumentKind[] = [
	"agenda",
	"programme",
	"room",
	"person",
	"briefing",
	"badges",
	"plates",
	"checkin",
	"meals",
	"seating",
	"participants",
	"letter",
];

export const PAPERS: readonly Paper[] = ["a4", "letter"];
export const LAYOUTS: readonly AgendaLayout[] = ["auto", "list", "grid"];
export const EDITIONS: readonly Edition[] = ["provisional", "final"];
export const LETTERS: readonly LetterKind[] = ["invitation", "visa", "certificate"];

/** Whom a batch document is printed for. */
export type Who = "everyone" | "delegation" | "person";

/** The controls a document needs besides the paper, which every document has. */
export type Controls = {
	day: boolean;
	room: boolean;
	/** The choices of "Who", in order; empty when the document is not printed per person. */
	who: readonly Who[];
	layout: boolean;
	/** For briefings, "one person" is one of the speakers (a list); otherwise a search. */
	personFromSpeakers: boolean;
	/** The list of participants: its edition, revision and whether emails show. */
	edition: boolean;
	/** Letters: which one, and the editor of their wording. */
	letter: boolean;
};

const PEOPLE: readonly Who[] = ["everyone", "delegation", "person"];

export function controlsFor(kind: DocumentKind): Controls {
	return {
		day: kind === "agenda" || kind === "room",
		room: kind === "room",
		who: kind === "checkin" ? ["everyone", "delegation"] : isBatch(kind) ? PEOPLE : [],
		layout: kind === "agenda" || kind === "programme",
		personFromSpeakers: kind === "briefing",
		edition: kind === "participants",
		letter: kind === "letter",
	};
}

function isBatch(kind: DocumentKind): boolean {
	return (
		kind === "person" ||
		kind === "briefing" ||
		kind === "badges" ||
		kind === "plates" ||
		kind === "letter"
	);
}

/** A person picked with the search: their id, and their name to show. */
export type Picked = { id: string; label: string };

/** Everything the left column holds. Values a document does not use are kept for later. */
export type PrintForm = {
	kind: DocumentKind;
	day: string | null;
	room: string | null;
	who: Who;
	country: string | null;
	/** The person picked by search (personal agenda, badges, plates). */
	person: Picked | null;
	/** The speaker chosen for a briefing. */
	speaker: string | null;
	paper: Paper;
	layout: AgendaLayout;
	/** The document's language; null prints in the event's document language. */
	lang: Lang | null;
	/** A second language for a bilingual document, or null. */
	also: Lang | null;
	/** The list of participants: provisional or final, its revision (0: none), and emails. */
	edition: Edition;
	revision: number;
	includeEmail: boolean;
	/** Which letter. */
	letter: LetterKind;
};

/** What the Ctrl/Cmd+P of a screen asks the Print screen to show first. */
export type PrintIntent = { kind: DocumentKind; day?: string; person?: Picked };

/** The day to start on: today when it is a day of the event, otherwise the first. */
export function defaultDay(days: readonly PrintChoice[], today: string): string | null {
	if (days.some((d) => d.value === today)) return today;
	return days[0]?.value ?? null;
}

/** A fresh form for an event's options. */
export function defaultForm(options: PrintOptions, today: string, paper: Paper = "a4"): PrintForm {
	return {
		kind: "agenda",
		day: defaultDay(options.days, today),
		room: options.rooms[0]?.value ?? null,
		who: "everyone",
		country: options.delegations[0]?.value ?? null,
		person: null,
		speaker: options.speakers[0]?.value ?? null,
		paper,
		layout: "auto",
		lang: null,
		also: null,
		edition: "provisional",
		revision: 0,
		includeEmail: false,
		letter: "invitation",
	};
}

/**
 * A remembered form checked against the options of now: a day, room, delegation or speaker
 * that has gone falls back to the default, everything else is kept.
 */
export function reconcile(form: PrintForm, options: PrintOptions, today: string): PrintForm {
	const has = (list: readonly PrintChoice[], value: string | null) =>
		value !== null && list.some((c) => c.value === value);
	const fresh = defaultForm(options, today, form.paper);
	return {
		...form,
		day: has(options.days, form.day) ? form.day : fresh.day,
		room: has(options.rooms, form.room) ? form.room : fresh.room,
		country: has(options.delegations, form.country) ? form.country : fresh.country,
		speaker: has(options.speakers, form.speaker) ? form.speaker : fresh.speaker,
		// A form remembered by an older version lacks these.
		edition: form.edition ?? fresh.edition,
		revision: form.revision ?? fresh.revision,
		includeEmail: form.includeEmail ?? fresh.includeEmail,
		letter: form.letter ?? fresh.letter,
	};
}

/** The form after a screen's Ctrl/Cmd+P: its document, and its day or person when given. */
export function applyIntent(
	form: PrintForm,
	intent: PrintIntent,
	options: PrintOptions,
): PrintForm {
	const next: PrintForm = { ...form, kind: intent.kind };
	if (intent.day !== undefined && options.days.some((d) => d.value === intent.day)) {
		next.day = intent.day;
	}
	if (intent.person) {
		next.who = "person";
		if (intent.kind === "briefing") {
			if (options.speakers.some((s) => s.value === intent.person?.id)) {
				next.speaker = intent.person.id;
			} else {
				next.person = intent.person;
			}
		} else {
			next.person = intent.person;
		}
	}
	return next;
}

/** "Who" as the document understands it: a choice it does not offer means everyone. */
export function effectiveWho(form: Pick<PrintForm, "kind" | "who">): Who | null {
	const choices = controlsFor(form.kind).who;
	if (choices.length === 0) return null;
	return choices.includes(form.who) ? form.who : "everyone";
}

/** The field a preview waits for ("day", "room", "country", "person"), if any. */
export type Missing = "day" | "room" | "country" | "person";

export type Built = { ok: true; request: PrintRequest } | { ok: false; missing: Missing };

/**
 * The request for the form, carrying only what its document uses; or the first choice that is
 * still to be made (so the screen asks for it instead of calling Rust).
 */
export function buildRequest(eventId: string, form: PrintForm): Built {
	const controls = controlsFor(form.kind);
	const who = effectiveWho(form);
	const day = controls.day ? form.day : null;
	const room = controls.room ? form.room : null;
	const country = who === "delegation" ? form.country : null;
	let person: string | null = null;
	if (who === "person") {
		person = controls.personFromSpeakers ? form.speaker : (form.person?.id ?? null);
	}
	if (controls.day && !day) return { ok: false, missing: "day" };
	if (controls.room && !room) return { ok: false, missing: "room" };
	if (who === "delegation" && !country) return { ok: false, missing: "country" };
	if (who === "person" && !person) return { ok: false, missing: "person" };
	return {
		ok: true,
		request: {
			event_id: eventId,
			kind: form.kind,
			day,
			room,
			person,
			country,
			paper: form.paper,
			layout: controls.layout ? form.layout : "auto",
			lang: form.lang,
			// A second language equal to the first adds nothing.
			also: form.also !== null && form.also !== form.lang ? form.also : null,
			edition: controls.edition ? form.edition : null,
			revision: controls.edition && form.revision > 0 ? Math.floor(form.revision) : null,
			include_email: controls.edition && form.includeEmail,
			letter: controls.letter ? form.letter : null,
		},
	};
}

/** A key that changes exactly when the request changes, to skip previews that would repeat. */
export function requestKey(request: PrintRequest): string {
	return JSON.stringify([
		request.event_id,
		request.kind,
		request.day,
		request.room,
		request.person,
		request.country,
		request.paper,
		request.layout,
		request.lang ?? null,
		request.also ?? null,
		request.edition ?? null,
		request.revision ?? null,
		request.include_email ?? false,
		request.letter ?? null,
	]);
}

/** What the event lacks for a document to have anything on it, or null. */
export type Emptiness = "sessions" | "rooms" | "attendees" | "speakers";

export function emptiness(
	kind: DocumentKind,
	options: PrintOptions,
	sessionCount: number,
): Emptiness | null {
	switch (kind) {
		case "agenda":
		case "programme":
		case "meals":
			return sessionCount === 0 ? "sessions" : null;
		case "room":
			if (sessionCount === 0) return "sessions";
			return options.rooms.length === 0 ? "rooms" : null;
		case "briefing":
			return options.speakers.length === 0 ? "speakers" : null;
		default:
			return options.delegations.length === 0 ? "attendees" : null;
	}
}

/** Why there is no preview: Rust's messages, what to do, and a retry when it may help. */
export type PreviewProblem = {
	lines: string[];
	hint: string;
	detail: string | null;
	retry?: () => void;
};

/**
 * Asks only for the newest answer: each `begin()` returns a check that stays true until the
 * next `begin()`, so a slow reply to an older request is dropped.
 */
export class Latest {
	#seq = 0;

	begin(): () => boolean {
		const mine = ++this.#seq;
		return () => mine === this.#seq;
	}

	/** Makes every earlier check false (the screen closed, the form became incomplete). */
	cancel(): void {
		this.#seq++;
	}
}

/** Object URLs for SVG pages, for `<img src>` (the CSP allows blob: images). */
export function svgUrls(
	pages: readonly string[],
	create: (blob: Blob) => string = (blob) => URL.createObjectURL(blob),
): string[] {
	return pages.map((svg) => create(new Blob([svg], { type: "image/svg+xml" })));
}

/** Frees the memory of URLs made by `svgUrls`. */
export function revokeUrls(
	urls: readonly string[],
	revoke: (url: string) => void = (url) => URL.revokeObjectURL(url),
): void {
	for (const url of urls) revoke(url);
}

/** The status line: "1 page", "4 pages", or "Showing 12 of 31 pages". */
export function statusText(shown: number, total: number): string {
	if (shown < total) {
		return t("print.status.partial", {
			count: total,
			shown: formatNumber(shown),
			formatted: formatNumber(total),
		});
	}
	return t("print.status.pages", { count: total, formatted: formatNumber(total) });
}

/** The missing characters to list, at most `limit`, and how many more there are. */
export function missingList(
	missing: readonly string[],
	limit = 12,
): { shown: string[]; more: number } {
	return { shown: missing.slice(0, limit), more: Math.max(missing.length - limit, 0) };
}

/** The name and one-line description of each document. */
export function kindText(kind: DocumentKind): { title: string; description: string } {
	switch (kind) {
		case "agenda":
			return { title: t("print.kinds.agenda"), description: t("print.kinds.agendaText") };
		case "programme":
			return { title: t("print.kinds.programme"), description: t("print.kinds.programmeText") };
		case "room":
			return { title: t("print.kinds.room"), description: t("print.kinds.roomText") };
		case "person":
			return { title: t("print.kinds.person"), description: t("print.kinds.personText") };
		case "briefing":
			return { title: t("print.kinds.briefing"), description: t("print.kinds.briefingText") };
		case "badges":
			return { title: t("print.kinds.badges"), description: t("print.kinds.badgesText") };
		case "plates":
			return { title: t("print.kinds.plates"), description: t("print.kinds.platesText") };
		case "checkin":
			return { title: t("print.kinds.checkin"), description: t("print.kinds.checkinText") };
		case "meals":
			return { title: t("print.kinds.meals"), description: t("print.kinds.mealsText") };
		case "seating":
			return { title: t("print.kinds.seating"), description: t("print.kinds.seatingText") };
		case "participants":
			return {
				title: t("print.kinds.participants"),
				description: t("print.kinds.participantsText"),
			};
		case "letter":
			return { title: t("print.kinds.letter"), description: t("print.kinds.letterText") };
	}
}

/** What each letter needs, said under its choice. */
export function letterHint(kind: LetterKind): string {
	if (kind === "visa") return t("print.letterHint.visa");
	if (kind === "certificate") return t("print.letterHint.certificate");
	return t("print.letterHint.invitation");
}

/** The name of each letter. */
export function letterText(kind: LetterKind): string {
	if (kind === "visa") return t("print.letter.visa");
	if (kind === "certificate") return t("print.letter.certificate");
	return t("print.letter.invitation");
}

/** The words of the "Who" choices, which depend on the document. */
export function whoText(kind: DocumentKind, who: Who): string {
	if (kind === "briefing") {
		if (who === "everyone") return t("print.who.allSpeakers");
		if (who === "delegation") return t("print.who.delegationSpeakers");
		return t("print.who.oneSpeaker");
	}
	if (who === "everyone") return t("print.who.everyone");
	if (who === "delegation") return t("print.who.delegation");
	return t("print.who.person");
}

export function editionText(edition: Edition): string {
	return edition === "final" ? t("print.edition.final") : t("print.edition.provisional");
}

export function paperText(paper: Paper): string {
	return paper === "a4" ? t("print.paper.a4") : t("print.paper.letter");
}

export function layoutText(layout: AgendaLayout): string {
	if (layout === "list") return t("print.layout.list");
	if (layout === "grid") return t("print.layout.grid");
	return t("print.layout.auto");
}

/** What the preview asks for while a choice is still to be made. */
export function missingText(missing: Missing, kind: DocumentKind): string {
	switch (missing) {
		case "day":
			return t("print.missing.day");
		case "room":
			return t("print.missing.room");
		case "country":
			return t("print.missing.country");
		case "person":
			return kind === "briefing" ? t("print.missing.speaker") : t("print.missing.person");
	}
}
