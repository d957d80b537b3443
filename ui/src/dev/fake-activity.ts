//! The activity log and undo for the dev-only fake core. Changes made in the preview (adding,
//! editing, deleting an attendee) are logged with a way back; the sample event starts with a
//! plausible history, including an older deletion that can be brought back and one that
//! clashes with a later change. Like the core, an undo is itself logged, `undo_last_change`
//! skips undo entries, and a clash fails with a validation error on the field "undo". Never
//! shipped.

import type { ActivityEntry, Attendee } from "$lib/bindings";
import { fail } from "./fake-fail";

export const ACTIVITY_COMMANDS = new Set(["list_activity", "undo_last_change", "undo_change"]);

/** Applies the reverse of a change and returns the reverse of that (the redo). */
export type Revert = () => Revert;

type Entry = {
	id: number;
	eventId: string;
	at: string;
	actor: string;
	summary: string;
	reason: string;
	undoneBy: number | null;
	undoes: number | null;
	/** Attendees this change removed. */
	deletedAttendees: number;
	/** Attendees its undo removes (an undo of "Added …"). */
	revertRemoves: number;
	revert: Revert;
};

/** What the log needs from the fake core's attendee table. */
export type ActivityDeps = {
	attendees: () => Attendee[];
	insert: (attendee: Attendee) => void;
	remove: (id: string) => void;
	put: (attendee: Attendee) => void;
};

/** The user the preview pretends to be. */
const ACTOR = "you";

export class FakeActivity {
	#entries: Entry[] = [];
	#seq = 0;
	#deps: ActivityDeps;

	constructor(deps: ActivityDeps) {
		this.#deps = deps;
	}

	/**
	 * Logs a change; `deletedAttendees` counts the attendees it removed, `revertRemoves` those
	 * its undo would remove.
	 */
	record(
		eventId: string,
		summary: string,
		revert: Revert,
		options: {
			deletedAttendees?: number;
			revertRemoves?: number;
			at?: string;
			actor?: string;
			reason?: string;
		} = {},
	): void {
		this.#entries.push({
			id: ++this.#seq,
			eventId,
			at: options.at ?? new Date().toISOString().replace(/\.\d+Z$/, "Z"),
			actor: options.actor ?? ACTOR,
			summary,
			reason: options.reason ?? "",
			undoneBy: null,
			undoes: null,
			deletedAttendees: options.deletedAttendees ?? 0,
			revertRemoves: options.revertRemoves ?? 0,
			revert,
		});
	}

	/** Ways back for the attendee changes the preview makes. */
	added(attendee: Attendee): Revert {
		return () => {
			this.#deps.remove(attendee.id);
			return this.deleted(attendee);
		};
	}

	deleted(attendee: Attendee): Revert {
		return () => {
			const clash = this.#deps
				.attendees()
				.find(
					(a) =>
						a.event_id === attendee.event_id &&
						a.id !== attendee.id &&
						attendee.email !== "" &&
						a.email === attendee.email,
				);
			if (clash) {
				throw new Clash(`UNIQUE constraint failed: attendee.event_id, attendee.email`);
			}
			this.#deps.insert(attendee);
			return this.added(attendee);
		};
	}

	changed(before: Attendee, after: Attendee): Revert {
		return () => {
			this.#deps.put(before);
			return this.changed(after, before);
		};
	}

	/** A sample history for the sample event, older than anything the preview adds. */
	seed(eventId: string, people: Attendee[], deletedA: Attendee, deletedB: Attendee): void {
		const noop: Revert = () => noop;
		const first = people[0];
		const second = people[1];
		this.record(eventId, "Added 118 attendees", noop, {
			at: "2024-08-12T02:14:00Z",
			actor: "lchen",
			reason: "Imported the ministry's list (delegations_final_v3.xlsx)",
		});
		this.record(eventId, "Added Plenary Hall", noop, {
			at: "2024-08-12T03:02:00Z",
			actor: "lchen",
		});
		this.record(eventId, "Added 9 sessions, 3 rooms", noop, {
			at: "2024-08-13T07:40:00Z",
			actor: "mkarimi",
		});
		this.record(
			eventId,
			personSummary("Deleted", deletedB, " and 2 linked records"),
			this.deleted(deletedB),
			{
				at: "2024-08-14T09:05:00Z",
				actor: "mkarimi",
				deletedAttendees: 1,
				reason: "Registered twice; the other record has the right email",
			},
		);
		if (first) {
			this.record(eventId, personSummary("Changed", first, " (position, phone)"), noop, {
				at: "2024-08-16T01:22:00Z",
				actor: "lchen",
			});
		}
		this.record(eventId, "Moved “Opening Ceremony” (start_at, end_at)", noop, {
			at: "2024-08-17T06:48:00Z",
			actor: "mkarimi",
		});
		this.record(
			eventId,
			personSummary("Deleted", deletedA, " and 1 linked record"),
			this.deleted(deletedA),
			{
				at: "2024-08-19T08:31:00Z",
				actor: "lchen",
				deletedAttendees: 1,
				reason: "Delegation reduced by the embassy",
			},
		);
		if (second) {
			const summary = personSummary("Changed", second, " (email)");
			this.record(eventId, summary, noop, { at: "2024-08-19T10:12:00Z", actor: "mkarimi" });
			const undo = this.#entries.at(-1) as Entry;
			this.record(eventId, `Undid: ${summary}`, noop, {
				at: "2024-08-19T10:13:00Z",
				actor: "mkarimi",
			});
			const entry = this.#entries.at(-1) as Entry;
			undo.undoneBy = entry.id;
			entry.undoes = undo.id;
		}
	}

	handle(cmd: string, a: Record<string, unknown>): unknown {
		switch (cmd) {
			case "list_activity": {
				const limit = typeof a.limit === "number" ? a.limit : 200;
				return this.#entries
					.filter((e) => e.eventId === a.eventId)
					.reverse()
					.slice(0, limit)
					.map(view);
			}
			case "undo_last_change": {
				const last = this.#entries
					.filter((e) => e.eventId === a.eventId && e.undoneBy === null && e.undoes === null)
					.at(-1);
				return last ? this.#undo(last) : null;
			}
			case "undo_change": {
				const entry = this.#entries.find((e) => e.id === a.entryId);
				if (!entry) return fail("not_found", `change ${a.entryId} was not found`);
				return this.#undo(entry);
			}
			default:
				throw new Error(`unknown command ${cmd}`);
		}
	}

	#undo(entry: Entry): ActivityEntry {
		if (entry.undoneBy !== null) {
			const why = `“${entry.summary}” was already undone.`;
			return fail("validation", `undo: ${why}`, [["undo", why]]);
		}
		let redo: Revert;
		try {
			redo = entry.revert();
		} catch (e) {
			if (!(e instanceof Clash)) throw e;
			const why = `“${entry.summary}” cannot be undone: what it would restore clashes with a later change (${e.message}).`;
			return fail("validation", `undo: ${why}`, [["undo", why]]);
		}
		this.record(entry.eventId, `Undid: ${entry.summary}`, redo, {
			deletedAttendees: entry.revertRemoves,
			revertRemoves: entry.deletedAttendees,
		});
		const undo = this.#entries.at(-1) as Entry;
		undo.undoes = entry.id;
		entry.undoneBy = undo.id;
		return view(undo);
	}
}

class Clash extends Error {}

function view(e: Entry): ActivityEntry {
	return {
		id: e.id,
		at: e.at,
		actor: e.actor,
		summary: e.summary,
		reason: e.reason,
		undone: e.undoneBy !== null,
		is_undo: e.undoes !== null,
		deleted_attendees: e.deletedAttendees,
		undoable: e.undoneBy === null && e.undoes === null,
	};
}

/** "Deleted Ana Silva": the name in the person's own order, as the core writes it. */
export function personSummary(verb: string, a: Attendee, tail = ""): string {
	const name =
		a.name_order === "family_first"
			? `${a.family_name} ${a.given_name}`
			: `${a.given_name} ${a.family_name}`;
	return `${verb} ${name.trim()}${tail}`;
}
