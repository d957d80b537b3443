//! Printing for the dev-only fake core. The options come from the fake data; a preview is a few
//! plain A4- or Letter-shaped SVG pages with the document's title, and "saving" returns a path.
//! It checks the request the way the real core does (a day of the event, a known room, a
//! person of the event, a delegation with attending members) and fails with the same fields.
//!
//! Missing glyphs: printing for the Ethiopian delegation (ET), or for one of its members,
//! reports Ethiopic characters without a font, so the warning banner can be seen.
//! A failure that is not a field's: the door sheet of an off-site venue cannot be laid out.
//! Never shipped.

import type {
	Attendee,
	PagePreview,
	PrintChoice,
	PrintedFile,
	PrintOptions,
	PrintRequest,
	Room,
	Session,
} from "$lib/bindings";
import { displayName } from "$lib/names";
import { eventDays, eventSlot } from "$lib/time";
import { COUNTRIES } from "./fake-data";
import { fail } from "./fake-fail";

type EventInfo = {
	name: string;
	start_date: string;
	end_date: string;
	timezone: string;
	family_name_upper: boolean;
};

type Context = {
	event: (eventId: string) => EventInfo | undefined;
	attendees: (eventId: string) => Attendee[];
	call: (cmd: string, args: Record<string, unknown>) => unknown;
};

export const PRINT_COMMANDS = new Set([
	"print_options",
	"preview_document",
	"save_document",
	"open_document",
]);

const PREVIEW_PAGES = 12;
const SAVE_DIR = "/home/you/Documents";
const TEMP_DIR = "/tmp/plenary-print";
const MISSING_COUNTRY = "ET";
const MISSING = ["“ኢ” in “ኢትዮጵያ”", "“ት” in “ኢትዮጵያ”", "“ዮ” in “ኢትዮጵያ”", "“ጵ” in “ኢትዮጵያ”"];

type Doc = { title: string; subtitle: string; lines: string[]; pages: number; file: string };

export class FakePrint {
	#ctx: Context;

	constructor(ctx: Context) {
		this.#ctx = ctx;
	}

	handle(cmd: string, a: Record<string, unknown>): unknown {
		switch (cmd) {
			case "print_options":
				return this.#options(a.eventId as string);
			case "preview_document": {
				const request = a.request as PrintRequest;
				const doc = this.#doc(request);
				const preview: PagePreview = {
					pages: Array.from({ length: Math.min(doc.pages, PREVIEW_PAGES) }, (_, i) =>
						page(doc, i + 1, request.paper),
					),
					page_count: doc.pages,
					missing_glyphs: this.#missing(request),
					file_name: `${doc.file}.pdf`,
				};
				return preview;
			}
			case "save_document": {
				const request = a.request as PrintRequest;
				const doc = this.#doc(request);
				// Cancelling the native dialog is not something the fake can be asked to do.
				return this.#printed(`${SAVE_DIR}/${doc.file}.pdf`, doc, request);
			}
			case "open_document": {
				const request = a.request as PrintRequest;
				const doc = this.#doc(request);
				return this.#printed(`${TEMP_DIR}/${doc.file}.pdf`, doc, request);
			}
			default:
				throw new Error(`unknown command ${cmd}`);
		}
	}

	#printed(path: string, doc: Doc, request: PrintRequest): PrintedFile {
		return { path, pages: doc.pages, missing_glyphs: this.#missing(request) };
	}

	#event(eventId: string): EventInfo {
		return this.#ctx.event(eventId) ?? fail("not_found", `event ${eventId} was not found`);
	}

	#sessions(eventId: string): Session[] {
		return this.#ctx.call("list_sessions", { eventId, day: null }) as Session[];
	}

	#attending(eventId: string): Attendee[] {
		return this.#ctx.attendees(eventId).filter((x) => x.attending);
	}

	#options(eventId: string): PrintOptions {
		const event = this.#event(eventId);
		const rooms = this.#ctx.call("list_rooms", { eventId }) as { id: string; name: string }[];
		const byCountry = new Map<string, number>();
		for (const a of this.#attending(eventId)) {
			byCountry.set(a.country, (byCountry.get(a.country) ?? 0) + 1);
		}
		const speakers = new Map<string, string>();
		for (const s of this.#sessions(eventId)) {
			for (const p of s.speakers) speakers.set(p.person_id, p.name);
		}
		const byLabel = (x: PrintChoice, y: PrintChoice) => x.label.localeCompare(y.label);
		return {
			days: eventDays(event.start_date, event.end_date).map((d) => ({
				value: d,
				label: longDate(d),
			})),
			rooms: rooms.map((r) => ({ value: r.id, label: r.name })),
			delegations: [...byCountry.entries()]
				.map(([code, count]) => ({ value: code, label: `${countryName(code)} (${count})` }))
				.sort(byLabel),
			speakers: [...speakers.entries()].map(([value, label]) => ({ value, label })).sort(byLabel),
			fonts: ["Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic"],
		};
	}

	#missing(request: PrintRequest): string[] {
		const person = request.person
			? this.#ctx.attendees(request.event_id).find((x) => x.id === request.person)
			: undefined;
		const country = person?.country ?? request.country;
		return country === MISSING_COUNTRY ? MISSING : [];
	}

	#doc(r: PrintRequest): Doc {
		const event = this.#event(r.event_id);
		const days = eventDays(event.start_date, event.end_date);
		const span = `${event.start_date} to ${event.end_date}`;
		const sessions = this.#sessions(r.event_id);
		const day = (): string => {
			if (!r.day) return invalid("day", `Choose a day of the event (${span}).`);
			if (!days.includes(r.day)) {
				return invalid("day", `${r.day} is not a day of the event (${span}).`);
			}
			return r.day;
		};
		const onDay = (d: string) =>
			sessions.filter((s) => eventSlot(s.start, event.timezone)?.date === d);
		switch (r.kind) {
			case "agenda": {
				const d = day();
				const list = onDay(d);
				return {
					title: "Daily agenda",
					subtitle: longDate(d),
					lines: list.length ? list.map((s) => s.title) : ["No sessions on this day."],
					pages: list.length > 6 ? 2 : 1,
					file: `agenda-${d}`,
				};
			}
			case "programme":
				return {
					title: "Programme",
					subtitle: event.name,
					lines: sessions.map((s) => s.title),
					pages: days.length + 1,
					file: "programme",
				};
			case "room": {
				const d = day();
				const rooms = this.#ctx.call("list_rooms", { eventId: r.event_id }) as Room[];
				const list = rooms.map((x) => x.name).join(", ");
				if (!r.room) return invalid("room", `Choose a room: ${list}.`);
				const room = rooms.find((x) => x.id === r.room);
				if (!room) {
					return invalid("room", `This event has no room called "${r.room}". Its rooms: ${list}.`);
				}
				if (room.offsite) {
					return fail(
						"internal",
						'the layout engine stopped: font "Noto Serif" has no table "cmap"',
					);
				}
				return {
					title: room.name,
					subtitle: longDate(d),
					lines: onDay(d)
						.filter((s) => s.room_id === room.id)
						.map((s) => s.title),
					pages: 1,
					file: `room-${room.name.toLowerCase().replace(/\W+/g, "-")}-${d}`,
				};
			}
			case "person":
			case "badges":
			case "plates":
			case "checkin": {
				const people = this.#people(r);
				const names = people.map((p) => displayName(p, { familyUpper: event.family_name_upper }));
				const title = {
					person: "Personal agenda",
					badges: "Badges",
					plates: "Name plates",
					checkin: "Check-in list",
				}[r.kind];
				const pages = {
					person: people.length,
					badges: Math.ceil(people.length / 4),
					plates: people.length,
					checkin: Math.ceil(people.length / 30),
				}[r.kind];
				return {
					title,
					subtitle: people.length === 1 ? (names[0] ?? "") : event.name,
					lines: names,
					pages,
					file: `${r.kind}${r.country ? `-${r.country}` : ""}`,
				};
			}
			case "briefing": {
				const speaking = new Set(sessions.flatMap((s) => s.speakers.map((p) => p.person_id)));
				const people = this.#people(r);
				if (r.person) {
					const one = people[0];
					if (one && !speaking.has(one.id)) {
						const name = displayName(one, { familyUpper: event.family_name_upper });
						return invalid("person", `${name} has no talks, so there is nothing to brief.`);
					}
				}
				const speakers = people.filter((p) => speaking.has(p.id));
				if (speakers.length === 0) {
					const field = r.country ? "country" : "person";
					return invalid(field, "Nobody chosen speaks at any session.");
				}
				const names = speakers.map((p) => displayName(p, { familyUpper: event.family_name_upper }));
				return {
					title: "Speaker briefing",
					subtitle: speakers.length === 1 ? (names[0] ?? "") : event.name,
					lines: names,
					pages: speakers.length,
					file: "briefing",
				};
			}
		}
	}

	/** The people a batch prints: one person, one delegation, or everyone attending. */
	#people(r: PrintRequest): Attendee[] {
		if (r.person) {
			const person = this.#ctx.attendees(r.event_id).find((x) => x.id === r.person);
			if (!person) {
				return invalid("person", `No attendee has the id ${r.person}.`);
			}
			return [person];
		}
		const people = this.#attending(r.event_id).filter((x) => !r.country || x.country === r.country);
		if (people.length === 0) {
			const field = r.country ? "country" : "person";
			const whom = r.country ? `from ${countryName(r.country)}` : "at this event";
			return invalid(field, `No attending attendee is ${whom}.`);
		}
		return people;
	}
}

/** A validation failure on one field, as the real core sends it. */
function invalid(field: string, message: string): never {
	return fail("validation", `${field}: ${message}`, [[field, message]]);
}

function countryName(code: string): string {
	return COUNTRIES.find((c) => c.code === code)?.name ?? code;
}

function longDate(day: string): string {
	return new Intl.DateTimeFormat("en-GB", {
		weekday: "long",
		day: "numeric",
		month: "long",
		year: "numeric",
		timeZone: "UTC",
	}).format(new Date(`${day}T12:00:00Z`));
}

function xml(text: string): string {
	return text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;");
}

/** One page: a sheet of the paper's shape, the title, a few lines and the page number. */
function page(doc: Doc, n: number, paper: PrintRequest["paper"]): string {
	const [w, h] = paper === "letter" ? [612, 792] : [595, 842];
	const lines = doc.lines
		.slice((n - 1) * 20, n * 20)
		.map(
			(line, i) =>
				`<text x="56" y="${150 + i * 24}" font-size="13" fill="#1b1f24">${xml(line)}</text>`,
		)
		.join("");
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
		`<rect width="${w}" height="${h}" fill="#ffffff"/>`,
		`<rect x="56" y="48" width="${w - 112}" height="4" fill="#1d5bb8"/>`,
		`<text x="56" y="92" font-family="sans-serif" font-size="26" font-weight="bold" fill="#1b1f24">${xml(doc.title)}</text>`,
		`<text x="56" y="118" font-family="sans-serif" font-size="14" fill="#565e6b">${xml(doc.subtitle)}</text>`,
		`<g font-family="sans-serif">${lines}</g>`,
		`<text x="${w - 56}" y="${h - 36}" font-family="sans-serif" font-size="11" text-anchor="end" fill="#565e6b">Page ${n} of ${doc.pages}</text>`,
		"</svg>",
	].join("");
}
