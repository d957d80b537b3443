//! The desk and dashboard commands for the dev-only fake core: check-in, walk-ins, session
//! attendance and the dashboard figures, kept in memory. Never shipped.

import type { ApiError, Attendee, AttendeeInput, Session, Signup, Warning } from "$lib/bindings";
import type { AttendanceSheet, CountryCount, Dashboard, DeskCounts } from "$lib/desk-api";

type Context = {
	attendees: () => Attendee[];
	replace: (attendee: Attendee) => void;
	add: (eventId: string, input: AttendeeInput) => Attendee;
	name: (personId: string) => string;
	call: (cmd: string, args: Record<string, unknown>) => unknown;
};

export const DESK_COMMANDS = new Set([
	"check_in",
	"undo_check_in",
	"register_walk_in",
	"desk_counts",
	"session_attendance",
	"mark_attendance",
	"dashboard",
	"save_chart_png",
]);

export class FakeDesk {
	#ctx: Context;
	/** session id → person id → when they were marked present. */
	#present = new Map<string, Map<string, string>>();

	constructor(ctx: Context) {
		this.#ctx = ctx;
	}

	handle(cmd: string, a: Record<string, unknown>): unknown {
		switch (cmd) {
			case "check_in": {
				const person = this.#person(a.personId as string);
				if (person.checked_in_at) {
					const error: ApiError = {
						code: "validation",
						message: `checked_in_at: already checked in at ${person.checked_in_at}`,
						fields: [
							{
								field: "checked_in_at",
								message: `already checked in at ${person.checked_in_at}`,
								row: null,
							},
						],
					};
					throw error;
				}
				return this.#set(person, new Date().toISOString());
			}
			case "undo_check_in":
				return this.#set(this.#person(a.personId as string), null);
			case "register_walk_in": {
				const created = this.#ctx.add(a.eventId as string, a.input as AttendeeInput);
				return this.#set(created, new Date().toISOString());
			}
			case "desk_counts":
				return this.#counts(a.eventId as string);
			case "session_attendance":
				return this.#sheet(a.sessionId as string);
			case "mark_attendance": {
				const id = a.sessionId as string;
				const marks = this.#present.get(id) ?? new Map<string, string>();
				if (a.present) marks.set(a.personId as string, new Date().toISOString());
				else marks.delete(a.personId as string);
				this.#present.set(id, marks);
				return this.#sheet(id);
			}
			case "dashboard":
				return this.#dashboard(a.eventId as string);
			case "save_chart_png":
				// There is no Save dialog in a browser; pretend the user saved.
				return true;
			default:
				throw new Error(`unknown command ${cmd}`);
		}
	}

	#person(id: string): Attendee {
		const found = this.#ctx.attendees().find((x) => x.id === id);
		if (!found) {
			const error: ApiError = {
				code: "not_found",
				message: `attendee ${id} was not found`,
				fields: [],
			};
			throw error;
		}
		return found;
	}

	#set(person: Attendee, at: string | null): Attendee {
		const updated = { ...person, checked_in_at: at };
		this.#ctx.replace(updated);
		return updated;
	}

	#byCountry(people: readonly Attendee[]): CountryCount[] {
		const map = new Map<string, CountryCount>();
		for (const p of people) {
			const row = map.get(p.country) ?? { country: p.country, expected: 0, arrived: 0 };
			row.expected++;
			if (p.checked_in_at) row.arrived++;
			map.set(p.country, row);
		}
		return [...map.values()].sort((x, y) => x.country.localeCompare(y.country));
	}

	#counts(eventId: string): DeskCounts {
		const people = this.#ctx.attendees().filter((p) => p.event_id === eventId && p.attending);
		return {
			expected: people.length,
			arrived: people.filter((p) => p.checked_in_at).length,
			by_country: this.#byCountry(people),
		};
	}

	#sheet(sessionId: string): AttendanceSheet {
		const session = this.#session(sessionId);
		const signups = this.#ctx.call("list_signups", { sessionId }) as Signup[];
		const marks = this.#present.get(sessionId) ?? new Map<string, string>();
		const ids = new Set([...signups.map((s) => s.person_id), ...marks.keys()]);
		const signed = new Set(signups.map((s) => s.person_id));
		const rows = [...ids].map((id) => {
			const person = this.#ctx.attendees().find((p) => p.id === id);
			return {
				person_id: id,
				name: this.#ctx.name(id),
				country: person?.country ?? "",
				signed_up: signed.has(id),
				present: marks.has(id),
				at: marks.get(id) ?? null,
			};
		});
		rows.sort((x, y) => x.name.localeCompare(y.name));
		return { session_id: sessionId, title: session.title, capacity: session.capacity, rows };
	}

	#session(id: string): Session {
		for (const eventId of new Set(this.#ctx.attendees().map((p) => p.event_id))) {
			const sessions = this.#ctx.call("list_sessions", { eventId, day: null }) as Session[];
			const found = sessions.find((s) => s.id === id);
			if (found) return found;
		}
		const error: ApiError = {
			code: "not_found",
			message: `session ${id} was not found`,
			fields: [],
		};
		throw error;
	}

	#dashboard(eventId: string): Dashboard {
		const people = this.#ctx.attendees().filter((p) => p.event_id === eventId && p.attending);
		const sessions = this.#ctx.call("list_sessions", { eventId, day: null }) as Session[];
		const warnings = this.#ctx.call("check_schedule", { eventId }) as Warning[];
		const categories = new Map<string, number>();
		for (const p of people) categories.set(p.category, (categories.get(p.category) ?? 0) + 1);
		const days = new Map<string, number>();
		for (const s of sessions)
			days.set(s.start.slice(0, 10), (days.get(s.start.slice(0, 10)) ?? 0) + 1);
		return {
			registered: people.length,
			checked_in: people.filter((p) => p.checked_in_at).length,
			by_country: this.#byCountry(people),
			by_category: [...categories].map(([category, count]) => ({ category, count })),
			sessions_per_day: [...days].map(([day, count]) => ({ day, count })),
			fill: sessions
				.filter((s) => s.capacity !== null)
				.map((s) => ({
					session_id: s.id,
					title: s.title,
					signups: s.signups,
					capacity: s.capacity ?? 0,
				})),
			open_warnings: warnings.filter((w) => !w.accepted),
		};
	}
}
